"""Work per script run that does not depend on the machine: the elements each run sends (a real
server, over the websocket) and the calls made inside the aid's own code in each run (AppTest).

Timings move with the host: on a shared virtual machine the steal (time the host takes back)
has been 10-70% for whole sessions (BENCHMARKS.md). These two figures move with the code, not
the host (to within a few calls, and one element where Streamlit drops an element replaced
before it was sent), so they compare two commits on a busy machine, and show where a run's
work goes. What a run costs follows them closely: most of it is Streamlit's work for each
element sent, and the rest is our code and the Streamlit calls it makes (each is counted, as
is everything they call).
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from streamlit.testing.v1 import AppTest

from bench.pages import APP, ROOT, Page
from bench.server import Server
from bench.wsclient import connected
from decision.comparison import grid
from decision.load import Content, load_content

# The aid's code: app.py, pages/ and decision/ (not a virtual environment kept in the
# repository, nor the tests or this harness).
OURS = (str(ROOT / "app.py"), str(ROOT / "pages") + "/", str(ROOT / "decision") + "/")
WARM_UP = 3  # runs before counting: the first ones build what is kept for everyone


@dataclass(frozen=True)
class State:
    """A page as a person leaves it: some of its sections (expanders) open."""

    name: str
    page: Page
    opened: tuple[str, ...] = ()


@dataclass(frozen=True)
class Work:
    state: State
    elements: int  # elements (deltas) the run sent
    calls: int  # Python and C calls made inside the aid's code, or by it, in the run
    opening: int | None = None  # elements sent by the run that opened the (last) section
    section_only: bool = False  # that run was of the section alone (a fragment), not the page


def states(pages: list[Page], content: Content | None = None) -> list[State]:
    """Every page as it opens, then the heavier states the timed runs use: a topic of the
    questions page, comparison questions (the first, and the one with most statements), the
    timelines and prices, a point on "What studies found", the whole-treatment section, and
    the flagged statements on "Judging claims"."""
    content = content or load_content()
    by_path = {Path(p.path).stem: p for p in pages}
    out = [State(f"{p.path}", p) for p in pages]
    rows = grid(content)
    heaviest = max(rows, key=lambda row: max(len(cell.claims) for cell in row[1]))[0]
    extra = [
        ("questions", "a topic open", f"questions_topic_{content.question_bank.topics[0].id}"),
        ("compare", "the first question open", f"compare_row_{rows[0][0].id}"),
        ("compare", "the question with most statements open", f"compare_row_{heaviest.id}"),
        ("compare", "the timelines open", "compare_timelines"),
        ("compare", "the prices open", "compare_prices"),
        ("evidence", "a point open", f"evidence_outcome_{next(iter(content.outcomes))}"),
        ("walkthrough", "the whole treatment open", "walk_whole"),
        ("judging_claims", "the flagged statements open", "judging_flagged"),
    ]
    for stem, what, key in extra:
        if stem in by_path:
            page = by_path[stem]
            out.append(State(f"{page.path}, {what}", page, (key,)))
    return out


@dataclass(frozen=True)
class _Sent:
    elements: int  # by a rerun of the whole page in the state
    opening: int | None  # by the run that opened its (last) section
    section_only: bool  # that run was of the section alone


async def _elements(server: Server, state: State) -> _Sent:
    async with connected(server) as client:
        await client.rerun(page="")
        await client.rerun(page=state.page.address)
        opening, section_only = None, False
        for key in state.opened:
            before, fragment_runs = client.deltas, client.fragment_runs
            await client.expand(key, True)
            opening = client.deltas - before
            section_only = client.fragment_runs > fragment_runs
        for _ in range(WARM_UP):
            await client.rerun()
        before = client.deltas
        await client.rerun()
        return _Sent(client.deltas - before, opening, section_only)


def elements(states: list[State]) -> list[_Sent]:
    """Elements each state's rerun sends, from a real server (one session per state), and
    those the run that opened its section sent."""
    with Server(APP) as server:
        return [asyncio.run(_elements(server, state)) for state in states]


def _ours(frame: FrameType | None) -> bool:
    while frame is not None:
        if frame.f_code.co_filename.startswith(OURS):
            return True
        frame = frame.f_back
    return False


def calls(state: State) -> int:
    """Calls made in one rerun of the state inside the aid's code or by it (AppTest; Streamlit
    runs the script in a thread of its own, which is the only one counted)."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    if state.page.path != "pages/home.py":
        at.switch_page(state.page.path).run()
    for key in state.opened:
        at.session_state[key] = True
        at.run()
    for _ in range(WARM_UP):
        at.run()
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        # A call event's frame is the function called; a C call's is the one calling it.
        if event in ("call", "c_call") and _ours(frame):
            count += 1

    threading.setprofile(profile)
    try:
        at.run()
    finally:
        threading.setprofile(None)  # type: ignore[arg-type]
    if at.exception:
        raise RuntimeError(f"{state.name} showed an exception: {at.exception[0].value}")
    return count


def measure(states: list[State]) -> list[Work]:
    counted = elements(states)
    return [
        Work(s, e.elements, calls(s), e.opening, e.section_only)
        for s, e in zip(states, counted, strict=True)
    ]
