"""Script-run time in-process, with Streamlit's AppTest: each page, each main interaction,
and the one-line app, timed the same way (AppTest's own overhead is in every figure alike)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from streamlit.testing.v1 import AppTest

from bench.pages import APP, ROOT, Page
from decision.load import load_content

ONE_LINE = ROOT / "bench" / "oneline_app.py"


@dataclass
class Timing:
    name: str
    seconds: list[float]  # wall time of each run
    cpu: list[float] = field(default_factory=list)  # CPU time of each run, where measured


def _timed(action: Callable[[], AppTest], cpu: list[float] | None = None) -> float:
    start, start_cpu = time.perf_counter(), time.process_time()
    at = action()
    seconds = time.perf_counter() - start
    # CPU time of this whole process (AppTest runs the script in a thread of its own): it
    # changes far less than wall time when other programs share the machine.
    if cpu is not None:
        cpu.append(time.process_time() - start_cpu)
    if at.exception:
        raise RuntimeError(f"the page showed an exception: {[e.value for e in at.exception]}")
    return seconds


def one_line(runs: int) -> Timing:
    at = AppTest.from_file(str(ONE_LINE), default_timeout=60)
    at.run()
    cpu: list[float] = []
    return Timing("one-line app (rerun)", [_timed(at.run, cpu) for _ in range(runs)], cpu)


def page_reruns(pages: list[Page], runs: int) -> list[Timing]:
    """Each page opened once, then rerun `runs` times as it is (as any widget change does)."""
    out = []
    for page in pages:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.run()
        at.switch_page(page.path).run()
        cpu: list[float] = []
        wall = [_timed(at.run, cpu) for _ in range(runs)]
        out.append(Timing(f"{page.path} (rerun)", wall, cpu))
    return out


def interactions(runs: int) -> list[Timing]:
    """Next step, switch treatment, keep/drop a question, each `runs` times."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.switch_page("pages/walkthrough.py").run()
    treatments = list(load_content().treatments)  # the radio's values (its options are labels)
    nexts, switches, next_cpu, switch_cpu = [], [], [], []
    for _ in range(runs):
        if at.button(key="walk_next").disabled:
            radio = at.radio(key="walk_treatment")
            choice = treatments[(treatments.index(radio.value) + 1) % len(treatments)]
            switches.append(_timed(radio.set_value(choice).run, switch_cpu))
        nexts.append(_timed(at.button(key="walk_next").click().run, next_cpu))
    while len(switches) < runs:
        radio = at.radio(key="walk_treatment")
        choice = treatments[(treatments.index(radio.value) + 1) % len(treatments)]
        switches.append(_timed(radio.set_value(choice).run, switch_cpu))
    at.switch_page("pages/questions.py").run()
    # Questions are drawn inside their topic, only while it is open: open the first one.
    at.session_state[f"questions_topic_{load_content().question_bank.topics[0].id}"] = True
    at.run()
    keys = [c.key for c in at.checkbox if c.key and c.key.startswith("questions_keep_")]
    ticks, tick_cpu = [], []
    for i in range(runs):
        box = at.checkbox(key=keys[i % len(keys)])
        ticks.append(_timed((box.uncheck() if box.value else box.check()).run, tick_cpu))
    return [
        Timing("Next step", nexts, next_cpu),
        Timing("switch treatment", switches, switch_cpu),
        Timing("keep/drop a question", ticks, tick_cpu),
    ]
