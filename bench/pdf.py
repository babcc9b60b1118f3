"""Building the PDF handout, for a full, realistic handout: every question for all three
treatments, a note on each, two clinics' answers to half of them, and the criteria and
priorities tables. Directly (decision.handout.to_pdf: wall time and CPU time of this process),
and as the app does it, in the PDF worker process (decision.pdf_worker: wall time from asking
to having the bytes, the pipe included)."""

from __future__ import annotations

import time
from datetime import date

from bench.apptest_runs import Timing
from decision.answers import Answers
from decision.handout import Handout, to_pdf
from decision.load import Content, load_content
from decision.pdf_worker import PdfWorker
from decision.questions import all_questions, handout_for, named_clinics
from decision.summary import gathered_tables


def full_handout(content: Content) -> Handout:
    """A handout as full as a person can make it on the questions page."""
    treatments = list(content.treatments)
    items = all_questions(content, treatments)
    notes = {
        i.id: "Ask for this in writing, with the figures, and who pays if something goes wrong."
        for i in items
    }
    answers = {i.id: {"0": "Yes, they sent the papers.", "1": "Not yet"} for i in items[::2]}
    person = Answers(
        age=45,
        ms_type="rrms",
        years_since_diagnosis=6,
        edss=4.0,
        dmt="high_efficacy",
        active_on_dmt="yes",
        values={v.id: "very" for v in content.values.values},
    )
    return handout_for(
        content,
        made_on=date(2025, 3, 14),
        treatment_ids=treatments,
        items=items,
        notes=notes,
        answers=answers,
        clinics=named_clinics(["Clinic A", "Клиника Б", "", ""]),
        tables=gathered_tables(content, person),
    )


def build(runs: int, budget: float = 120.0) -> tuple[Timing, Timing, int, int]:
    """(wall seconds, CPU seconds, questions, bytes) over `runs` builds."""
    handout = full_handout(load_content())
    to_pdf(handout)  # the first build reads the font files
    wall, cpu, size = [], [], 0
    deadline = time.monotonic() + budget
    while len(wall) < runs and time.monotonic() < deadline:
        w, c = time.perf_counter(), time.process_time()
        size = len(to_pdf(handout))
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return (
        Timing("PDF, full handout (wall)", wall),
        Timing("PDF, full handout (CPU)", cpu),
        len(handout.questions),
        size,
    )


def build_in_worker(runs: int, budget: float = 120.0) -> tuple[Timing, Timing]:
    """Wall seconds over `runs` builds in a PDF worker, as the pages build them: one person's
    PDF asked for while the worker is idle (a second after the last; people read and click
    in between), and one right after another (as when several people ask at once). The
    worker reads the next PDF's fonts after each answer, so only the first gains from it."""
    handout = full_handout(load_content())
    worker = PdfWorker()
    try:
        worker.build(handout)  # the first build starts the worker
        if worker.pid is None:
            raise RuntimeError("the PDF worker did not start")
        timings = []
        for name, pause in (
            ("PDF, full handout, in the worker (wall, as the app builds it)", 1.0),
            ("PDF, full handout, in the worker, one right after another", 0.0),
        ):
            wall = []
            deadline = time.monotonic() + budget
            while len(wall) < runs and time.monotonic() < deadline:
                time.sleep(pause)  # not timed
                w = time.perf_counter()
                worker.build(handout)
                wall.append(time.perf_counter() - w)
            timings.append(Timing(name, wall))
        return timings[0], timings[1]
    finally:
        worker.stop()
