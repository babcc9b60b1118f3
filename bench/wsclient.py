"""A small Streamlit client over the app's own websocket (/_stcore/stream), as the browser
speaks it: BackMsg protobufs up, ForwardMsg protobufs down.

A rerun is timed from sending BackMsg(rerun_script=ClientState(...)) to receiving the
ForwardMsg script_finished (FINISHED_SUCCESSFULLY, or FINISHED_FRAGMENT_RUN_SUCCESSFULLY for a
fragment's run): the server's whole script run as a browser on the same machine would see it,
including the server's queueing under load.

Widgets are found by their key: a widget's element id ends with "-<key>"
(streamlit.elements.lib.utils.compute_element_id). A widget drawn inside a fragment
(st.fragment) is sent with the fragment's id, and changing it asks for a run of that fragment
only (ClientState.fragment_id), as the browser does.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import urllib.request
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

if TYPE_CHECKING:
    from bench.server import Server

T = TypeVar("T")

FINISHED_OK = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
FINISHED_FRAGMENT = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")
MAX_MESSAGE = 64 * 1024 * 1024


class ScriptError(RuntimeError):
    """The page showed an exception, or the server answered with something unexpected."""


@dataclass
class Widget:
    kind: str  # "button", "radio", "checkbox", "download_button", ...
    id: str
    proto: object
    run: int = 0  # the rerun (Client._runs) that last drew it
    labels: list[str] = field(default_factory=list)  # tabs that track their state: each tab
    fragment: str = ""  # the fragment it is drawn in, if any: changing it runs only that


@dataclass
class Client:
    ws_url: str
    http_url: str
    session_id: str = ""
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page_script_hash
    widgets: dict[str, Widget] = field(default_factory=dict)  # key -> the last one drawn
    exceptions: int = 0
    last_exception: str = ""
    deltas: int = 0  # elements and blocks received so far (bench/work.py)
    texts: list[str] = field(default_factory=list)  # texts and headings the latest run sent
    _ws: websockets.ClientConnection | None = None
    _reader: asyncio.Task[None] | None = None
    _finished: asyncio.Queue[int] = field(default_factory=asyncio.Queue)
    _responses: dict[str, asyncio.Future[ForwardMsg]] = field(default_factory=dict)
    _page_hash: str = ""
    _requests: int = 0
    _runs: int = 0  # reruns asked for
    _full_run: int = 0  # the latest run of the whole page
    _fragment_runs: dict[str, int] = field(default_factory=dict)  # fragment -> its latest run
    fragment_runs: int = 0  # runs of one fragment only, so far
    _tabs: Widget | None = None  # the tabs drawn last (their tabs follow them)

    async def connect(self, timeout: float = 30.0) -> None:
        # The browser offers "streamlit" as subprotocol (second entry: XSRF token, checked only
        # when an Origin header is sent, which this client does not send).
        self._ws = await asyncio.wait_for(
            websockets.connect(
                self.ws_url, subprotocols=["streamlit"], max_size=MAX_MESSAGE, open_timeout=timeout
            ),
            timeout,
        )
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        self._ws = self._reader = None

    async def _read(self) -> None:
        assert self._ws is not None
        async for data in self._ws:
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta":
                self.deltas += 1
                element = msg.delta.new_element
                element_kind = element.WhichOneof("type")
                if element_kind in ("markdown", "heading"):
                    self.texts.append(getattr(element, element_kind).body)
                elif element_kind == "exception":
                    self.exceptions += 1
                    error = element.exception
                    self.last_exception = f"{error.type}: {error.message}"[:300]
                elif element_kind is not None:
                    proto = getattr(element, element_kind)
                    element_id = getattr(proto, "id", "")
                    if element_id:
                        key = element_id.split("-", 2)[-1]
                        self.widgets[key] = Widget(
                            element_kind, element_id, proto, self._runs, [], msg.delta.fragment_id
                        )
                if msg.delta.WhichOneof("type") == "add_block":
                    self._block(msg.delta.add_block, msg.delta.fragment_id)
            elif kind == "new_session":
                if msg.new_session.initialize.session_id:
                    self.session_id = msg.new_session.initialize.session_id
            elif kind == "navigation":
                for page in msg.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
                self._page_hash = msg.navigation.page_script_hash or self._page_hash
            elif kind == "script_finished":
                self._finished.put_nowait(msg.script_finished)
            elif kind == "backend_operation_response":
                future = self._responses.pop(msg.backend_operation_response.request_id, None)
                if future is not None and not future.done():
                    future.set_result(msg)
            elif kind == "page_not_found":
                self.exceptions += 1
                self.last_exception = f"page not found: {msg.page_not_found.page_name}"

    def _block(self, block, fragment: str) -> None:
        kind = block.WhichOneof("type")
        if kind == "expandable" and block.expandable.id:
            # An expander that tracks whether it is open is a widget too (a bool).
            element_id = block.expandable.id
            key = element_id.split("-", 2)[-1]
            self.widgets[key] = Widget(
                "expandable", element_id, block.expandable, self._runs, [], fragment
            )
        elif kind == "tab_container" and block.tab_container.id:
            # Tabs that track the open one are a widget too (the open tab's label); their
            # tabs follow them, one block each.
            element_id = block.tab_container.id
            key = element_id.split("-", 2)[-1]
            self._tabs = self.widgets[key] = Widget(
                "tabs", element_id, block.tab_container, self._runs, [], fragment
            )
        elif kind == "tab" and self._tabs is not None:
            self._tabs.labels.append(block.tab.label)

    async def rerun(
        self,
        *,
        page: str | None = None,
        widgets: list[WidgetState] | None = None,
        fragment: str = "",
        timeout: float = 60.0,
    ) -> float:
        """Ask for a rerun (of `page`, by url path, or of the current page; of one fragment
        only if `fragment` is given) and return the seconds until the script finished. Raises
        ScriptError if the page shows an exception."""
        assert self._ws is not None
        state = ClientState(widget_states=WidgetStates(widgets=widgets or []))
        if fragment:
            state.fragment_id = fragment
        if page is not None:
            if page in self.pages:
                state.page_script_hash = self.pages[page]
                self._page_hash = self.pages[page]
            else:
                state.page_name = page  # first visit: by address, as a deep link does
        else:
            state.page_script_hash = self._page_hash
        if page is not None:
            self.widgets.clear()
        while not self._finished.empty():
            self._finished.get_nowait()
        errors = self.exceptions
        self.texts = []
        self._runs += 1
        if fragment:
            self._fragment_runs[fragment] = self._runs
            self.fragment_runs += 1
        else:
            self._full_run = self._runs
        start = time.perf_counter()
        await self._ws.send(BackMsg(rerun_script=state).SerializeToString())
        deadline = start + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError("no script_finished in time")
            status = await asyncio.wait_for(self._finished.get(), left)
            if status == (FINISHED_FRAGMENT if fragment else FINISHED_OK):
                break
            if status != FINISHED_EARLY:
                raise ScriptError(f"script finished with status {status}")
        seconds = time.perf_counter() - start
        if self.exceptions != errors:
            raise ScriptError(f"the page showed an exception: {self.last_exception}")
        return seconds

    def drawn(self, key: str) -> bool:
        """Whether a widget with this key is on the page now: drawn by the latest run of the
        whole page, or, inside a fragment, by that fragment's latest run since then."""
        widget = self.widgets.get(key)
        if widget is None:
            return False
        return widget.run == max(self._full_run, self._fragment_runs.get(widget.fragment, 0))

    async def make_and_fetch(
        self, make_key: str, key: str, timeout: float = 60.0
    ) -> tuple[float, int]:
        """A file made on request (pages/downloads.py): press its "make" button when the page
        shows it (no file yet, or the answers changed), then fetch the download button's file
        from the address the server gave it. Gives (seconds from the press to the file, bytes).
        """
        start = time.perf_counter()
        if self.drawn(make_key) or not self.drawn(key):
            await self.click(make_key)
        url = getattr(self.widget(key).proto, "url", "")
        if not self.drawn(key) or not url:
            raise ScriptError(f"{key!r} offers no file after {make_key!r}")
        url = url if url.startswith("http") else self.http_url + url
        if not url.startswith("http://127.0.0.1:"):
            raise ScriptError(f"refusing to fetch a non-loopback address: {url}")
        data = await asyncio.to_thread(_get, url, timeout)
        return time.perf_counter() - start, len(data)

    def widget(self, key: str) -> Widget:
        try:
            return self.widgets[key]
        except KeyError:
            raise ScriptError(f"no widget with key {key!r} on this page") from None

    async def _change(self, key: str, **value: object) -> float:
        """Change one widget as the browser does: a run of its fragment if it is drawn in
        one, else of the whole page."""
        widget = self.widget(key)
        state = WidgetState(id=widget.id, **value)
        return await self.rerun(widgets=[state], fragment=widget.fragment)

    async def click(self, key: str) -> float:
        """Press a button (its trigger is true for one rerun)."""
        return await self._change(key, trigger_value=True)

    async def choose(self, key: str, label: str) -> float:
        """Pick a radio option, or open one of tabs that track their state, by its label."""
        return await self._change(key, string_value=label)

    async def expand(self, key: str, value: bool = True) -> float:
        """Open (or close) an expander that tracks its state, as a click on its label does."""
        return await self._change(key, bool_value=value)

    async def tick(self, key: str, value: bool) -> float:
        """Set a checkbox."""
        return await self._change(key, bool_value=value)


def _get(url: str, timeout: float) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


@contextlib.asynccontextmanager
async def connected(server: Server) -> AsyncIterator[Client]:
    """A client connected to `server` for the length of the block, closed after it."""
    client = Client(server.ws_url, server.url)
    await client.connect()
    try:
        yield client
    finally:
        await client.close()


def run_session(server: Server, steps: Callable[[Client], Awaitable[T]]) -> T:
    """Connect one client to `server`, run `steps` with it, and close it (tests, scripts)."""

    async def go() -> T:
        async with connected(server) as client:
            return await steps(client)

    return asyncio.run(go())
