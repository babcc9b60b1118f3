"""Script-run time inside a real server: one session over the websocket, timed from the rerun
request to the script_finished message. Each page, each main interaction, and the one-line app
in the same run."""

from __future__ import annotations

import asyncio
import random
import time

from bench.apptest_runs import ONE_LINE, Timing
from bench.load import KEEP, open_topic
from bench.load import SECTIONS as SECTION_KEYS
from bench.pages import APP, ROOT, Page
from bench.server import Server
from bench.wsclient import Client, connected

ONE_LINE_STOCK = ROOT / "bench" / "oneline_stock_app.py"
STOCK = "one-line app, Streamlit's own sockets (rerun)"
WALK = "walkthrough"
COMPARE = "compare"
COMPARE_TAB = "compare_tab_"  # + row id: the option tabs under a comparison question
SHOW_MORE = "compare_shown_"  # "Show more" buttons under an option's tab
STEP = 10  # statements shown at first and added by each "Show more" (pages/compare.py)
QUESTIONS = "questions"
# (page, key prefix of its sections drawn only while open, what the figure is called)
SECTIONS = (
    ("compare", SECTION_KEYS["compare"], "open a comparison question"),
    ("compare", "compare_timelines", "open the timelines"),
    ("compare", "compare_prices", "open the prices (charts and tables)"),
    ("evidence", SECTION_KEYS["evidence"], "open a point on What studies found"),
)


def _mean_cpu(server: Server, before: float, runs: int) -> list[float]:
    """The server's CPU time per run over a batch (the kernel counts it in 10 ms ticks, so
    only the mean over many runs means anything)."""
    return [(server.cpu() - before) / runs] if runs else []


async def _one_line(server: Server, runs: int, budget: float, name: str) -> Timing:
    async with connected(server) as client:
        await client.rerun(page="")
        deadline = time.monotonic() + budget
        seconds = []
        cpu = server.cpu()
        while len(seconds) < runs and time.monotonic() < deadline:
            seconds.append(await client.rerun())
        return Timing(name, seconds, _mean_cpu(server, cpu, len(seconds)))


async def _next_step(client: Client, treatments: list[str], turn: int) -> float:
    """Next step; at the last step, first move to another treatment (back to step 1)."""
    if getattr(client.widget("walk_next").proto, "disabled", False):
        await client.choose("walk_treatment", treatments[turn % len(treatments)])
    return await client.click("walk_next")


async def _app(server: Server, pages: list[Page], runs: int, budget: float) -> list[Timing]:
    async with connected(server) as client:
        await client.rerun(page="")  # the first run of a fresh server: imports, content
        out: list[Timing] = []
        for page in pages:
            deadline = time.monotonic() + budget
            opened = [await client.rerun(page=page.address)]
            reruns = []
            cpu = server.cpu()
            while len(reruns) < runs and time.monotonic() < deadline:
                reruns.append(await client.rerun())
            out.append(Timing(f"{page.path} (open)", opened))
            out.append(Timing(f"{page.path} (rerun)", reruns, _mean_cpu(server, cpu, len(reruns))))

        names = {p.url_path for p in pages}  # interactions live on these pages
        if WALK in names:
            await client.rerun(page=WALK)
            treatments = list(client.widget("walk_treatment").proto.options)
            nexts, switches = [], []
            deadline = time.monotonic() + budget
            for i in range(runs):
                if time.monotonic() > deadline:
                    break
                nexts.append(await _next_step(client, treatments, i))
                switches.append(
                    await client.choose("walk_treatment", treatments[(i + 1) % len(treatments)])
                )
            out += [Timing("Next step", nexts), Timing("switch treatment", switches)]
        if QUESTIONS in names:
            await client.rerun(page=QUESTIONS)
            # Questions are drawn inside their topic, only while it is open: open one first.
            await open_topic(client, random.Random(0))
            keys = [k for k in client.widgets if k.startswith(KEEP) and client.drawn(k)]
            if not keys:
                raise RuntimeError("opening a topic drew no question")
            ticks, pdfs = [], []
            deadline = time.monotonic() + budget
            for i in range(runs):
                if time.monotonic() > deadline:
                    break
                # Drop a question, then keep it again: the same page, one change per rerun.
                ticks.append(await client.tick(keys[i % len(keys)], i % 2 == 1))
            await client.tick(keys[0], True)  # a known state to change from
            deadline = time.monotonic() + budget
            for i in range(runs):
                if time.monotonic() > deadline:
                    break
                # A change first (not timed), so each PDF is made anew, as after an edit.
                await client.tick(keys[0], i % 2 == 1)
                seconds, size = await client.make_and_fetch(
                    "questions_download_pdf_make", "questions_download_pdf"
                )
                if size < 1000:
                    raise RuntimeError(f"the PDF is only {size} bytes")
                pdfs.append(seconds)
            out += [
                Timing("keep/drop a question", ticks),
                Timing("make the PDF (click to file)", pdfs),
            ]
        # Sections drawn only while open: opening one runs the page (or, where the section
        # is a fragment, the section alone), which then draws it.
        for path, prefix, name in SECTIONS:
            if path not in names:
                continue
            await client.rerun(page=path)
            keys = sorted(k for k in client.widgets if k.startswith(prefix))
            if not keys:
                raise RuntimeError(f"no section {prefix}* on {path}")
            # The first opening of each in this server process builds what it shows from the
            # content alone (charts, tables) and keeps it for everyone: timed on its own, as
            # a page's first opening is.
            first = []
            for key in keys:
                first.append(await client.expand(key, True))
                await client.expand(key, False)
            opened = []
            deadline = time.monotonic() + budget
            for i in range(runs):
                if time.monotonic() > deadline:
                    break
                key = keys[i % len(keys)]
                opened.append(await client.expand(key, True))
                await client.expand(key, False)  # closed again (not timed)
            out += [Timing(f"{name} (first in the process)", first), Timing(name, opened)]
        if COMPARE in names:
            out.append(await _option_tabs(client, runs, budget))
            out += await _show_more(server, runs, budget)
        return out


async def _option_tabs(client: Client, runs: int, budget: float) -> Timing:
    """Choose another option's tab under an open comparison question (its statements are
    drawn only while their tab is open): every question in turn, a different tab each round,
    so that the heaviest (the results of MSC therapy, 40 statements) are among them."""
    await client.rerun(page=COMPARE)
    rows = sorted(k for k in client.widgets if k.startswith(SECTION_KEYS["compare"]))
    chosen = []
    deadline = time.monotonic() + budget
    for i in range(runs):
        if time.monotonic() > deadline:
            break
        row = rows[i % len(rows)]
        await client.expand(row, True)  # not timed
        key = COMPARE_TAB + row.removeprefix(SECTION_KEYS["compare"])
        labels = client.widget(key).labels
        chosen.append(await client.choose(key, labels[(i // len(rows) + 1) % len(labels)]))
        await client.expand(row, False)  # closed again (not timed)
    return Timing("choose an option's tab in a comparison question", chosen)


async def _show_more(server: Server, runs: int, budget: float) -> list[Timing]:
    """Show ten more statements under the longest list of them (the results of MSC therapy,
    40): each press draws ten more cards than the last, up to all 40, so each press has a row
    of its own. A session shows them once, so each round is a new session (connecting is not
    timed)."""
    presses: list[list[float]] = []
    shown: list[int] = []  # statements shown after each press
    deadline = time.monotonic() + budget
    while (not presses or len(presses[0]) < runs) and time.monotonic() < deadline:
        async with connected(server) as client:
            await client.rerun(page="")
            await client.rerun(page=COMPARE)
            row = SECTION_KEYS["compare"] + "results"
            await client.expand(row, True)
            key = COMPARE_TAB + "results"
            # Each tab's label ends with its number of statements: "Name (40)".
            total, longest = max(
                (int(label[:-1].rsplit("(")[-1]), label) for label in client.widget(key).labels
            )
            await client.choose(key, longest)
            more = [k for k in client.widgets if k.startswith(SHOW_MORE) and client.drawn(k)]
            press = 0
            while more:
                if press == len(presses):
                    presses.append([])
                    shown.append(min(STEP * (press + 2), total))
                presses[press].append(await client.click(more[0]))
                more = [k for k in more if client.drawn(k)]
                press += 1
    return [
        Timing(f"show ten more statements ({n} of {shown[-1]} then shown)", seconds)
        for n, seconds in zip(shown, presses, strict=True)
    ]


def one_line(runs: int, budget: float = 120.0, stock: bool = False) -> Timing:
    """The one-line app's reruns: the yardstick (its sockets set as the aid's), or with
    `stock` on Streamlit's own socket settings, as any Streamlit app has them."""
    if stock:
        with Server(ONE_LINE_STOCK) as server:
            return asyncio.run(_one_line(server, runs, budget, STOCK))
    with Server(ONE_LINE) as server:
        return asyncio.run(_one_line(server, runs, budget, "one-line app (rerun)"))


def app(pages: list[Page], runs: int, budget: float = 120.0) -> list[Timing]:
    """Every page (first open, then reruns) and every main interaction; `budget` bounds the
    seconds spent on each."""
    with Server(APP) as server:
        return asyncio.run(_app(server, pages, runs, budget))
