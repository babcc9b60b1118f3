"""PDFs are built in a worker process (decision/pdf_worker.py), so that one person's PDF does
not hold up everyone else's page. The person gets the same handout either way, and gets it
even when the worker cannot start, dies, hangs or fails."""

from __future__ import annotations

import io
import os
import signal
import sys
from datetime import date

import pytest
from pypdf import PdfReader

from decision import pdf_worker
from decision.handout import to_pdf
from decision.pdf_worker import PdfWorker
from decision.questions import all_questions, handout_for, named_clinics


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture(scope="module")
def handout(content):
    items = all_questions(content, ["msc"])[:6]
    return handout_for(
        content,
        made_on=date(2025, 3, 14),
        treatment_ids=["msc"],
        items=items,
        notes={items[0].id: "Спросить про визу <script>alert(1)</script>"},
        answers={items[1].id: {"0": "Yes, in writing"}},
        clinics=named_clinics(["Clinic A", "", "", ""]),
    )


@pytest.fixture(scope="module")
def expected(handout) -> str:
    return _text(to_pdf(handout))


@pytest.fixture
def worker():
    w = PdfWorker()
    yield w
    w.stop()


def test_the_worker_gives_the_same_handout_as_building_it_here(worker, handout, expected):
    data = worker.build(handout)
    assert worker.pid is not None and worker.pid != os.getpid()  # built in the worker
    assert _text(data) == expected
    assert "Спросить про визу <script>alert(1)</script>" in _text(data)
    # It stays for the next PDF.
    pid = worker.pid
    assert _text(worker.build(handout)) == expected
    assert worker.pid == pid


def test_a_worker_that_died_is_replaced_and_the_pdf_still_comes(worker, handout, expected):
    worker.build(handout)
    dead = worker.pid
    os.kill(dead, signal.SIGKILL)
    assert _text(worker.build(handout)) == expected  # from a new worker, or built here
    assert _text(worker.build(handout)) == expected
    assert worker.pid not in (None, dead)  # a new worker by now


def test_a_worker_that_cannot_start_leaves_the_pdf_to_this_process(handout, expected):
    worker = PdfWorker(command=["/nonexistent/python", "-m", "decision.pdf_worker"])
    assert _text(worker.build(handout)) == expected
    assert worker.pid is None


def test_workers_that_keep_failing_are_given_up(monkeypatch, handout, expected):
    # A worker that leaves at once, every time: after three, no more are started.
    worker = PdfWorker(command=[sys.executable, "-c", "pass"])
    started = []
    popen = pdf_worker.subprocess.Popen

    def counted(*args, **kwargs):
        started.append(args)
        return popen(*args, **kwargs)

    monkeypatch.setattr(pdf_worker.subprocess, "Popen", counted)
    for _ in range(5):
        assert _text(worker.build(handout)) == expected
    worker.warm()
    assert len(started) == pdf_worker.MAX_FAILURES
    assert worker.pid is None


def test_a_worker_that_never_answers_is_stopped_and_the_pdf_built_here(handout, expected):
    worker = PdfWorker(command=[sys.executable, "-c", "import time; time.sleep(60)"], timeout=1)
    try:
        assert _text(worker.build(handout)) == expected
        assert worker.pid is None  # the silent one was stopped
    finally:
        worker.stop()


def test_a_build_that_fails_in_the_worker_is_made_here(handout, expected):
    # A stand-in worker that reads the request and answers "failed", as the real one does when
    # to_pdf raises there.
    fails = (
        "import sys; from decision.pdf_worker import _read_exact, _frame\n"
        "n = int.from_bytes(_read_exact(sys.stdin.buffer, 8), 'big')\n"
        "_read_exact(sys.stdin.buffer, n)\n"
        "sys.stdout.buffer.write(b'1' + _frame(b'ValueError')); sys.stdout.buffer.flush()\n"
        "sys.stdin.buffer.read()\n"
    )
    worker = PdfWorker(command=[sys.executable, "-c", fails])
    try:
        assert _text(worker.build(handout)) == expected
    finally:
        worker.stop()


def test_a_build_that_fails_everywhere_raises_its_own_error(worker, handout):
    # Not a Handout at all: the worker fails, and building here raises the real error.
    with pytest.raises(AttributeError):
        worker.build(object())  # type: ignore[arg-type]
    pid = worker.pid
    assert pid is not None  # a failed build is not a broken worker: it stays
    worker.build(handout)
    assert worker.pid == pid


def test_the_worker_ends_by_itself_when_its_server_goes(worker, handout):
    worker.build(handout)
    process = worker._process
    assert process is not None
    worker.stop()
    assert process.returncode == 0  # it saw its input close and left; it was not killed


def test_the_worker_can_be_turned_off(monkeypatch, handout, expected):
    pdf_worker.worker().stop()
    monkeypatch.setenv("MS_AID_PDF_WORKER", "off")
    pdf_worker.warm()
    assert _text(pdf_worker.build_pdf(handout)) == expected
    assert pdf_worker.worker().pid is None  # built here; no worker was started


def test_pages_start_the_worker_before_the_first_pdf(monkeypatch, handout, expected):
    monkeypatch.delenv("MS_AID_PDF_WORKER", raising=False)
    pdf_worker.worker().stop()
    pdf_worker.warm()
    pid = pdf_worker.worker().pid
    assert pid is not None
    assert _text(pdf_worker.build_pdf(handout)) == expected
    assert pdf_worker.worker().pid == pid
