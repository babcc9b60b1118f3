"""The benchmark harness (python -m bench) works: it finds every page and can drive a server.

These check that the harness runs, with tiny bounds; they time nothing (figures are for
BENCHMARKS.md, not for tests)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from bench import load, work
from bench.__main__ import soak_growth
from bench.apptest_runs import ONE_LINE
from bench.pages import APP, Page, app_pages
from bench.server import Server, child_pids, rss_bytes
from bench.wsclient import Client, run_session
from decision.comparison import grid
from decision.questions import all_questions

ROOT = Path(__file__).resolve().parents[1]


def test_benchmarks_cover_every_page_listed_in_app_py():
    """The benchmarks open every page app.py lists, so a page added later is measured too."""
    listed = re.findall(r'PAGES / "([a-z_]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8"))
    pages = app_pages()
    assert [Path(p.path).name for p in pages] == listed
    assert all((ROOT / p.path).is_file() for p in pages)
    assert [p.address for p in pages if p.default] == [""]


def test_load_harness_drives_sessions_over_the_websocket_and_reads_memory():
    """Two sessions against a real (one-line) server on loopback, for two seconds: every
    action gets an answer, none fails, and the server's memory is read while they are on."""
    page = Page(str(ONE_LINE.relative_to(ROOT)), "one-line app", "", default=True)
    result = load.run([page], sessions=2, seconds=2, think=(0.05, 0.1), script=ONE_LINE)
    assert result.errors == []
    assert result.actions >= 2
    assert result.baseline_rss > 10_000_000 and result.loaded_rss > 10_000_000


def test_soak_growth_is_measured_against_the_noise_of_an_early_window():
    """Memory that only wobbles shows no growth beyond its noise; memory that climbs does."""
    flat = [(t, 100_000_000 + (t % 3) * 1_000_000) for t in range(0, 600, 10)]
    growth, noise, _ = soak_growth(flat)
    assert growth <= noise
    climbing = [(t, 100_000_000 + t * 100_000) for t in range(0, 600, 10)]
    growth, noise, per_minute = soak_growth(climbing)
    assert growth > noise and per_minute > 0


def test_the_soaks_warm_up_goes_once_through_every_part_of_the_aid(content):
    """Before going round the aid, each soak session views every treatment, then opens every
    page and, one at a time, every section on it that remembers whether it is open (here the
    comparison and the questions page), and makes the PDF: every section is then opened,
    every question of every treatment drawn, and a PDF kept, so the soak's later minutes add
    no such state."""
    pages = {page.url_path: page for page in app_pages()}

    async def steps(client: Client) -> tuple[set[str], set[str], load.LoadResult]:
        result = load.LoadResult(sessions=1, seconds=0)
        await load.fill(client, result, [pages["compare"]], (0.0, 0.0), random.Random(0))
        sections = {k for k, w in client.widgets.items() if w.kind == "expandable"}
        await load.fill(client, result, [pages["questions"]], (0.0, 0.0), random.Random(0))
        sections |= {k for k, w in client.widgets.items() if w.kind == "expandable"}
        drawn = {k.removeprefix(load.KEEP) for k in client.widgets if k.startswith(load.KEEP)}
        return sections, drawn, result

    with Server(APP) as server:
        sections, drawn, result = run_session(server, steps)
    assert result.latencies == {}  # kept apart from the soak's own figures
    assert len(result.warm_up["switch"]) == 2 * len(content.treatments)
    # Every section was opened and closed again, each question of the comparison among them.
    assert len(result.warm_up["section"]) == 2 * len(sections)
    assert {row.id for row, _ in grid(content)} <= {
        k.removeprefix("compare_row_") for k in sections
    }
    # Every question of every treatment was drawn on the questions page.
    assert drawn == {item.id for item in all_questions(content, content.treatments)}
    assert len(result.warm_up["pdf"]) == 1  # the PDF made there, as each round makes it


def test_server_memory_and_cpu_count_the_pdf_worker():
    """The aid builds PDFs in a worker process of its own: the figures count its memory with
    the server's, and report its CPU, so moving work out cannot make the server look lighter
    than it is."""

    async def make_pdf(client: Client) -> int:
        await client.rerun(page="questions")
        await load.open_topic(client, random.Random(0))
        _, size = await client.make_and_fetch(
            "questions_download_pdf_make", "questions_download_pdf"
        )
        return size

    with Server(APP) as server:
        cpu = server.worker_cpu()
        assert run_session(server, make_pdf) > 1000
        workers = child_pids(server.pid)
        assert len(workers) == 1
        assert server.rss() - rss_bytes(server.pid) > 20_000_000  # the worker's share
        assert server.worker_cpu() - cpu > 0.05


def test_work_per_run_counts_what_an_open_section_adds():
    """The figures that do not depend on the machine cover every page, and count what a
    section adds when it is open: a topic's questions are sent, and made, only then."""
    pages = app_pages()
    states = work.states(pages)
    assert [s.page for s in states[: len(pages)]] == pages
    closed = next(s for s in states if s.name == "pages/questions.py")
    topic = next(s for s in states if s.name.startswith("pages/questions.py, a topic"))
    counted = work.measure([closed, topic])
    assert 0 < counted[0].elements < counted[1].elements
    assert 0 < counted[0].calls < counted[1].calls
