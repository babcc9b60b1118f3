"""Files a person takes away, made when they ask for them and kept in their own session.

Why not st.download_button(data=callable): Streamlit stores a file made on click without any
session holding it, and deletes it as soon as other script runs end anywhere on the server,
often before the browser has fetched it (HTTP 404 under load). Bytes passed as `data` belong
to the session's own run and stay while the page shows them. So a file is made by a clear
button, its bytes kept in st.session_state beside a fingerprint of what it was made from, and
offered with data=bytes. When what it was made from changes, the old file is dropped and the
person is told to make it again: a file with old answers is never offered.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass

import streamlit as st
from pydantic import BaseModel

from decision.text import escape_math

MADE = "made_file_"  # + the download button's key: (fingerprint, bytes)
WANTED = "made_file_wanted_"  # + key: set by the make button, used by the next run
STALE = "made_file_stale_"  # + key: the file was dropped because the answers changed


def _canonical(value: object) -> object:
    """The same value whatever order its mappings and sets were filled in: session values
    come back in no fixed order, and the same answers must give the same fingerprint."""
    if isinstance(value, BaseModel):
        return (type(value).__name__, _canonical(value.model_dump()))
    if is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple((f.name, _canonical(getattr(value, f.name))) for f in fields(value)),
        )
    if isinstance(value, Mapping):
        return ("map", tuple(sorted(((repr(k), _canonical(v)) for k, v in value.items()))))
    if isinstance(value, set | frozenset):
        return ("set", tuple(sorted(repr(_canonical(v)) for v in value)))
    if isinstance(value, list | tuple):
        return tuple(_canonical(v) for v in value)
    return value


def fingerprint(*parts: object) -> str:
    """A short digest of what a file is made from (dataclasses, mappings, sets, sequences,
    pydantic models, strings, numbers, dates, bytes)."""
    return hashlib.sha256(repr(_canonical(parts)).encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Words:
    """A take-away's words: the make button, the download button, and the note shown when a
    made file was dropped because the answers changed."""

    make: str
    make_help: str
    download: str
    download_help: str
    stale: str


def _want(key: str) -> None:
    st.session_state[WANTED + key] = True


def offer(
    key: str,
    words: Words,
    made_from: Callable[[], str],
    make: Callable[[], bytes],
    *,
    file_name: str,
    mime: str,
    icon: str,
) -> None:
    """A "make" button; once pressed, a download button with the file's bytes, as long as
    `made_from()` (a fingerprint of the file's inputs) stays the same. It is called only when
    there is a file to make or to check: most runs have neither, and it is not cheap."""
    made = st.session_state.get(MADE + key)
    if st.session_state.pop(WANTED + key, False):
        made = (made_from(), make())
        st.session_state[MADE + key] = made
        st.session_state.pop(STALE + key, None)
    elif made is not None and made[0] != made_from():
        del st.session_state[MADE + key]
        st.session_state[STALE + key] = True
        made = None
    if made is None:
        st.button(
            words.make,
            key=f"{key}_make",
            help=words.make_help,
            on_click=_want,
            args=(key,),
            icon=":material/build:",
        )
        if st.session_state.get(STALE + key):
            st.info(escape_math(words.stale), icon=":material/update:")
        return
    st.download_button(
        words.download,
        data=made[1],
        file_name=file_name,
        mime=mime,
        key=key,
        help=words.download_help,
        on_click="ignore",
        icon=icon,
    )
