"""Load over Streamlit's own websocket on loopback: N sessions at once, each going through the
aid as a person would (pages, Next step, switch treatment, open a topic, keep/drop, now and
then the PDF, open a comparison question and one of its option tabs, and a point on What
studies found), with a think time between actions. Latency is from the rerun request to
script_finished (for the PDF: from the click to the file). Server memory (RSS: the server and
its PDF worker) is read from /proc while every session is still connected.

Every loop is bounded: by a number of actions per session and by wall time."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.pages import APP, Page
from bench.server import Server
from bench.stats import percentile
from bench.wsclient import Client, connected

MAX_ACTIONS = 10_000  # per session: a bound on top of the time limit
TOPIC = "questions_topic_"  # + topic id: a topic's expander; its questions are drawn when open
KEEP = "questions_keep_"  # + question id: keep or drop a question
WALK = "walkthrough"  # Step by step's url path
QUESTIONS = "questions"  # the questions page's url path
WALK_TREATMENT = "walk_treatment"  # its choice of treatment
MAX_SECTIONS = 100  # a bound on the sections fill() opens on one page
FILL_THINK = (0.5, 1.5)  # think time (s) between fill()'s actions, so it ends within a warm-up
# Pages whose sections are drawn only while open: url path -> key prefix of those sections.
SECTIONS = {"compare": "compare_row_", "evidence": "evidence_outcome_"}
# Tabs inside those sections that draw only the open tab: url path -> key prefix.
TABS = {"compare": "compare_tab_"}


async def open_topic(client: Client, rng: random.Random) -> float:
    """Open a closed topic on the questions page that has questions, as a person clicks its
    label; the run that follows draws its questions. (Every topic open already: a rerun.)"""
    topics = sorted(
        k
        for k, w in client.widgets.items()
        if k.startswith(TOPIC) and not w.proto.expanded and not w.proto.label.endswith("(0)")
    )
    if not topics:
        return await client.rerun()
    return await client.expand(rng.choice(topics))


async def fill(
    client: Client,
    result: LoadResult,
    pages: list[Page],
    think: tuple[float, float],
    rng: random.Random,
    stop_at: float = float("inf"),
) -> None:
    """One pass over every treatment, page and section of the aid, one action at a time with
    think time between: view every treatment on Step by step (each one viewed adds its
    questions to the questions page), then open every page and, on it, every section that
    remembers whether it is open (an expander with a key), one at a time, closing each again
    before the next, as a person reading them in turn would; on the questions page, also make
    the PDF, which the session then keeps to download.

    Streamlit keeps, for the whole session, what it knows of every widget the session has
    drawn (its metadata; and the value of every widget with persist_state), so going round
    the aid at random adds to a session's state until it has seen every part; after this,
    it has (the soak's warm-up). These actions' latencies are kept apart from the rest, in
    result.warm_up; their errors are counted with the others. It stops at `stop_at` (the
    time.monotonic() of the soak's end), done or not."""

    async def act(name: str, action: Callable[[], Awaitable[float]]) -> None:
        await asyncio.sleep(rng.uniform(*think))
        if time.monotonic() >= stop_at:
            raise _TimeUp
        result.warm_up.setdefault(name, []).append(await action())

    with contextlib.suppress(_TimeUp):
        await act("open walkthrough", lambda: client.rerun(page=WALK))
        for option in list(client.widget(WALK_TREATMENT).proto.options):
            await act("switch", lambda option=option: client.choose(WALK_TREATMENT, option))
        for page in pages:
            await act(
                f"open {page.address or '(default page)'}",
                lambda p=page: client.rerun(page=p.address),
            )
            opened: set[str] = set()
            for _ in range(MAX_SECTIONS):
                unopened = sorted(
                    key
                    for key, widget in client.widgets.items()
                    if widget.kind == "expandable" and client.drawn(key) and key not in opened
                )
                if not unopened:
                    break
                opened.add(unopened[0])
                await act("section", lambda key=unopened[0]: client.expand(key, True))
                await act("section", lambda key=unopened[0]: client.expand(key, False))
            else:
                raise RuntimeError(f"{page.path} still had sections to open after {MAX_SECTIONS}")
            if page.url_path == QUESTIONS:  # the PDF a session keeps to download (as rounds do)
                await act("pdf", lambda: _act(client, "pdf", "", 0, random.Random(0)))


class _TimeUp(Exception):
    """fill() ran out of time."""


@dataclass
class LoadResult:
    sessions: int
    seconds: float
    latencies: dict[str, list[float]] = field(default_factory=dict)
    warm_up: dict[str, list[float]] = field(default_factory=dict)  # fill()'s, kept apart
    errors: list[str] = field(default_factory=list)
    baseline_rss: int = 0
    loaded_rss: int = 0
    rss_samples: list[tuple[float, int]] = field(default_factory=list)  # (seconds, bytes)
    server_cpu: float = 0.0  # CPU seconds the server used while the sessions ran
    worker_cpu: float = 0.0  # CPU seconds its PDF worker used (a process of its own)
    harness_cpu: float = 0.0  # CPU seconds this process (every session's client) used
    idle_share: float | None = None  # the machine's idle share of CPU time meanwhile
    steal_share: float | None = None  # time the virtual machine's host took (/proc/stat)

    @property
    def all_latencies(self) -> list[float]:
        return [x for values in self.latencies.values() for x in values]

    @property
    def actions(self) -> int:
        return len(self.all_latencies)

    def p(self, q: float, kind: str | None = None) -> float:
        """A percentile of the latencies of every action, or of one kind ("open", "pdf"...),
        or of one kind on one page ("open compare")."""
        if kind is None:
            return percentile(self.all_latencies, q)
        values = [
            x
            for name, xs in self.latencies.items()
            if name.split(" ")[0] == kind or name == kind
            for x in xs
        ]
        return percentile(values, q)

    @property
    def throughput(self) -> float:
        """Actions answered per second."""
        return self.actions / self.seconds

    @property
    def server_load(self) -> float:
        """The server's CPU time per second of wall time (1.0: one core busy all the time; the
        scripts of all sessions share one Python interpreter lock)."""
        return self.server_cpu / self.seconds

    @property
    def worker_load(self) -> float:
        """The PDF worker's CPU time per second of wall time."""
        return self.worker_cpu / self.seconds

    @property
    def harness_load(self) -> float:
        """The load generator's CPU time per second: near 1.0 it is one busy core (one
        asyncio process), and latencies then include its own queueing, not only the server's."""
        return self.harness_cpu / self.seconds

    @property
    def per_session_bytes(self) -> float:
        return (self.loaded_rss - self.baseline_rss) / self.sessions


def cpu_times() -> list[int] | None:
    """The machine's CPU time counters (/proc/stat "cpu" line), or None where there is none."""
    try:
        with open("/proc/stat") as stat:
            return [int(x) for x in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None


def shares(before: list[int] | None, after: list[int] | None) -> tuple[float | None, ...]:
    """Idle (idle + iowait) and steal shares of all CPU time between two cpu_times()."""
    if not before or not after or len(before) < 8 or len(after) < 8:
        return None, None
    delta = [b - a for a, b in zip(before, after, strict=False)]
    total = sum(delta[:8])  # user nice system idle iowait irq softirq steal
    if total <= 0:
        return None, None
    return (delta[3] + delta[4]) / total, delta[7] / total


def plan(pages: list[Page]) -> list[tuple[str, str]]:
    """One round through the aid: every page from app.py, with the interactions where they
    belong. ("open", url path) opens a page; the others act on the page that is open."""
    steps: list[tuple[str, str]] = []
    for page in pages:
        steps.append(("open", page.address))
        if page.url_path == WALK:
            steps += [("next", ""), ("next", ""), ("switch", ""), ("next", "")]
        if page.url_path == QUESTIONS:
            steps += [("topic", ""), ("tick", ""), ("tick", ""), ("pdf", "")]
        if page.url_path in SECTIONS:  # open a section that is drawn only while open
            steps.append(("section", SECTIONS[page.url_path]))
        if page.url_path in TABS:  # then another option's tab in it
            steps.append(("tab", TABS[page.url_path]))
    return steps


async def _act(client: Client, kind: str, arg: str, turn: int, rng: random.Random) -> float:
    if kind == "open":
        return await client.rerun(page=arg)
    if kind == "next":
        if getattr(client.widget("walk_next").proto, "disabled", False):
            kind = "switch"
        else:
            return await client.click("walk_next")
    if kind == "switch":
        options = list(client.widget(WALK_TREATMENT).proto.options)
        return await client.choose(WALK_TREATMENT, options[turn % len(options)])
    if kind == "topic":
        return await open_topic(client, rng)
    if kind == "tick":
        keys = sorted(k for k in client.widgets if k.startswith(KEEP) and client.drawn(k))
        if not keys:
            raise RuntimeError("no question on the page: no topic is open")
        key = rng.choice(keys)
        return await client.tick(key, not getattr(client.widget(key).proto, "value", True))
    if kind == "section":
        closed = sorted(
            k for k, w in client.widgets.items() if k.startswith(arg) and not w.proto.expanded
        )
        return await (client.expand(rng.choice(closed)) if closed else client.rerun())
    if kind == "tab":
        shown = sorted(k for k in client.widgets if k.startswith(arg) and client.drawn(k))
        if not shown:  # the section did not open (an error, counted already): a rerun
            return await client.rerun()
        key = rng.choice(shown)
        return await client.choose(key, rng.choice(client.widget(key).labels))
    if kind == "pdf":
        seconds, _ = await client.make_and_fetch(
            "questions_download_pdf_make", "questions_download_pdf"
        )
        return seconds
    raise ValueError(kind)


def _next_open(steps: list[tuple[str, str]], position: int) -> int:
    """The first step at or after `position` that opens a page."""
    return next(
        i for i in range(position, position + len(steps)) if steps[i % len(steps)][0] == "open"
    )


async def _session(
    server: Server,
    steps: list[tuple[str, str]],
    result: LoadResult,
    stop_at: float,
    think: tuple[float, float],
    seed: int,
    hold: asyncio.Event,
    fill_pages: list[Page] | None = None,
) -> None:
    rng = random.Random(seed)
    client = Client(server.ws_url, server.url)
    try:
        await client.connect()
        if fill_pages is not None:  # the soak: first, one pass over the whole aid
            await fill(client, result, fill_pages, FILL_THINK, rng, stop_at)
        # A session starts at a random point of the round, as people arrive from anywhere.
        position = _next_open(steps, rng.randrange(len(steps)))
        for turn in range(MAX_ACTIONS):
            if time.monotonic() >= stop_at:
                break
            kind, arg = steps[position % len(steps)]
            try:
                seconds = await _act(client, kind, arg, turn, rng)
                name = f"open {arg or '(default page)'}" if kind == "open" else kind
                result.latencies.setdefault(name, []).append(seconds)
            except Exception as err:  # counted, and the session goes on with the next page
                result.errors.append(f"{kind} {arg}: {type(err).__name__}: {err}")
                position = _next_open(steps, position + 1) - 1
            position += 1
            await asyncio.sleep(min(rng.uniform(*think), max(0.0, stop_at - time.monotonic())))
    except Exception as err:
        result.errors.append(f"session: {type(err).__name__}: {err}")
    finally:
        # Stay connected until memory has been read, then leave.
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(hold.wait(), timeout=max(5.0, stop_at - time.monotonic() + 60))
        await client.close()


async def _warm_up(server: Server, steps: list[tuple[str, str]]) -> None:
    """One session through every page and interaction, then gone: imports, content and caches
    are loaded before the baseline is read."""
    async with connected(server) as client:
        await client.rerun(page="")
        rng = random.Random(0)
        for turn, (kind, arg) in enumerate(steps):
            await _act(client, kind, arg, turn, rng)


async def _run(
    server: Server,
    pages: list[Page],
    sessions: int,
    seconds: float,
    think: tuple[float, float],
    sample_every: float,
    on_sample=None,
    fill_first: bool = False,
) -> LoadResult:
    steps = plan(pages)
    await _warm_up(server, steps)
    await asyncio.sleep(3)  # let the warm-up session's last messages drain
    result = LoadResult(sessions=sessions, seconds=seconds)
    result.baseline_rss = server.rss()
    cpu, worker_cpu = server.cpu(), server.worker_cpu()
    harness_cpu, machine = time.process_time(), cpu_times()
    began = time.monotonic()
    stop_at = began + seconds
    hold = asyncio.Event()
    tasks = []
    for i in range(sessions):
        tasks.append(
            asyncio.create_task(
                _session(
                    server,
                    steps,
                    result,
                    stop_at,
                    think,
                    i + 1,
                    hold,
                    pages if fill_first else None,
                )
            )
        )
        await asyncio.sleep(0.05)  # arrivals spread over a few seconds, not one burst
    next_sample = time.monotonic()
    while time.monotonic() < stop_at:
        if time.monotonic() >= next_sample:
            sample = (time.monotonic() - began, server.rss())
            result.rss_samples.append(sample)
            if on_sample is not None:
                on_sample(sample, result)
            next_sample += sample_every
        await asyncio.sleep(min(1.0, max(0.0, stop_at - time.monotonic())))
    result.server_cpu = server.cpu() - cpu
    result.worker_cpu = server.worker_cpu() - worker_cpu
    result.harness_cpu = time.process_time() - harness_cpu
    result.idle_share, result.steal_share = shares(machine, cpu_times())
    # Every session has finished its last action (or its time is up): read memory while all
    # are still connected, then let them go.
    await asyncio.sleep(min(think[1], 10.0) + 2)
    result.loaded_rss = server.rss()
    result.rss_samples.append((time.monotonic() - began, result.loaded_rss))
    hold.set()
    await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout=120)
    return result


def run(
    pages: list[Page],
    sessions: int,
    seconds: float,
    think: tuple[float, float] = (2.5, 7.5),
    sample_every: float = 5.0,
    on_sample=None,
    script: Path = APP,
    fill_first: bool = False,
) -> LoadResult:
    """`sessions` at once against a fresh server of `script` (the aid), for `seconds`. With
    `fill_first`, each session first makes one pass over every treatment, page and section
    (fill())."""
    with Server(script) as server:
        return asyncio.run(
            _run(server, pages, sessions, seconds, think, sample_every, on_sample, fill_first)
        )
