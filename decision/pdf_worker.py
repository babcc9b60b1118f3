"""Builds PDF handouts in a separate Python process, so that one person's PDF does not hold up
everyone else's page.

Why: a PDF takes about 0.4 s of CPU (BENCHMARKS.md). Streamlit runs every session's script in
threads of one process, and those threads share one interpreter lock: while a PDF is built
in the server's process, every other person's page waits for it. Under load that was most of
the slow answers. A worker process has its own interpreter (and, on a machine with two cores
or more, its own core), so the server's threads only wait for the pipe.

How: one worker (`python -m decision.pdf_worker`), started when a page that offers a PDF opens
(warm()) and kept for the next PDFs; one PDF at a time (a lock). The handout goes to it
through a pipe (pickled: the worker trusts its parent, never the other way), and the PDF's
bytes come back the same way. Nothing touches the disk; the worker's own output and errors
go nowhere, so no person's text can reach a log. The worker ends when the server ends (its
input closes).

The worker only moves work; it never changes the result. When it cannot start, dies, takes
longer than the time limit or its build fails, the PDF is built in this process instead,
exactly as before (and a build that fails here raises, as before); after MAX_FAILURES
workers in a row fail, no more are started. Set MS_AID_PDF_WORKER=off to always build in
this process.
"""

from __future__ import annotations

import atexit
import gc
import os
import pickle
import select
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from decision.handout import BlankPdf, Handout, read_fonts, to_pdf

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60.0  # seconds for one PDF, waiting for the worker included
MAX_FAILURES = 3  # workers in a row that did not start, died or hung: then no more are tried
_HEADER = 8  # bytes: the length of what follows, big-endian
_OK, _FAILED = b"0", b"1"


class WorkerError(RuntimeError):
    """The worker could not give a PDF (it did not start, died or was too slow)."""


class BuildFailed(WorkerError):
    """to_pdf raised in the worker (the worker itself is fine)."""


def _frame(payload: bytes) -> bytes:
    return len(payload).to_bytes(_HEADER, "big") + payload


def _read_exact(stream: BinaryIO, count: int) -> bytes:
    """`count` bytes from a blocking stream; fewer only at its end."""
    chunks, left = [], count
    while left:
        chunk = stream.read(left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _read_until(fd: int, count: int, deadline: float) -> bytes:
    """`count` bytes from a pipe, or WorkerError when it ends or the deadline passes."""
    chunks, left = [], count
    while left:
        wait = deadline - time.monotonic()
        if wait <= 0 or not select.select([fd], [], [], wait)[0]:
            raise WorkerError("the worker took too long")
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise WorkerError("the worker stopped")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


class PdfWorker:
    """One worker process and the lock that gives it one PDF at a time."""

    def __init__(self, command: Sequence[str] | None = None, timeout: float = TIMEOUT) -> None:
        self.command = list(command or [sys.executable, "-m", "decision.pdf_worker"])
        self.timeout = timeout
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self.failures = 0  # in a row: after MAX_FAILURES, PDFs are built in this process

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            try:
                self._process = subprocess.Popen(
                    self.command,
                    cwd=ROOT,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                )
            except OSError as err:
                raise WorkerError("the worker did not start") from err
        return self._process

    def warm(self) -> None:
        """Start the worker ahead of the first PDF (it loads its fonts while the person reads)."""
        if self.failures >= MAX_FAILURES:
            return
        if not self._lock.acquire(blocking=False):
            return  # a PDF is being built, so the worker is running
        try:
            self._started()
        except WorkerError:
            pass  # the first PDF will be built here
        finally:
            self._lock.release()

    def _ask(self, request: bytes, deadline: float) -> bytes:
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        try:
            process.stdin.write(_frame(request))
            process.stdin.flush()
        except OSError as err:  # it died: a broken pipe
            raise WorkerError("the worker stopped") from err
        fd = process.stdout.fileno()
        status = _read_until(fd, 1, deadline)
        length = int.from_bytes(_read_until(fd, _HEADER, deadline), "big")
        answer = _read_until(fd, length, deadline)
        if status != _OK:
            raise BuildFailed(answer.decode(errors="replace"))
        return answer

    def build(self, handout: Handout, fallback_fonts: Sequence[Path] | None = None) -> bytes:
        """The handout as PDF bytes, from the worker (`to_pdf` in this process if it fails)."""
        if self.failures >= MAX_FAILURES:
            return to_pdf(handout, fallback_fonts)  # it keeps failing here: no more tries
        try:
            request = pickle.dumps((handout, fallback_fonts), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # something in it cannot go through a pipe: build it here
            return to_pdf(handout, fallback_fonts)
        if self._lock.acquire(timeout=self.timeout):
            try:
                answer = self._ask(request, time.monotonic() + self.timeout)
                self.failures = 0
                return answer
            except BuildFailed:
                pass  # built again below, where its error is raised with its traceback
            except WorkerError:
                self.failures += 1
                self.stop()  # a fresh worker for the next PDF
            finally:
                self._lock.release()
        return to_pdf(handout, fallback_fonts)

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs (for benchmarks and tests)."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def stop(self) -> None:
        """End the worker (a new one starts when the next PDF is asked for)."""
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()
        try:
            process.wait(timeout=2)  # its input has closed: it ends by itself
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


_worker = PdfWorker()
atexit.register(_worker.stop)


def build_pdf(handout: Handout, fallback_fonts: Sequence[Path] | None = None) -> bytes:
    """The handout as PDF bytes, built in the worker process (see the module's notes)."""
    if os.environ.get("MS_AID_PDF_WORKER", "").lower() == "off":
        return to_pdf(handout, fallback_fonts)
    return _worker.build(handout, fallback_fonts)


def warm() -> None:
    """Start the worker if it is not running: pages that offer a PDF call this as they open."""
    if os.environ.get("MS_AID_PDF_WORKER", "").lower() != "off":
        _worker.warm()


def worker() -> PdfWorker:
    """The process-wide worker."""
    return _worker


def main() -> None:
    """The worker: read a handout, write its PDF, until the input closes."""
    requests = sys.stdin.buffer
    # Answers go out on a copy of the standard output; anything a library prints goes nowhere.
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (for the life of the process)
    read_fonts()  # before the first PDF is asked for
    # No garbage collection while a PDF is built (a full one took about 50 ms of it): the
    # worker collects after each answer, while the person already has their PDF. What lives
    # as long as the worker (modules, fonts) is set aside, so each collection walks only
    # what the last PDF left.
    gc.collect()
    gc.freeze()
    gc.disable()
    # The next PDF's fonts are read ahead, before it is asked for (about a quarter of a
    # build): now, then after each answer. Made after the freeze, so each is freed in turn.
    blank = _blank(None)
    while True:
        header = _read_exact(requests, _HEADER)
        if len(header) < _HEADER:
            return  # the server has gone
        handout, fallback_fonts = pickle.loads(_read_exact(requests, int.from_bytes(header, "big")))
        try:
            status, answer = _OK, to_pdf(handout, fallback_fonts, blank)
        except Exception as err:  # the parent builds it again itself, and sees the error there
            status, answer = _FAILED, type(err).__name__.encode()
        answers.write(status + _frame(answer))
        answers.flush()
        del handout, answer, blank
        gc.collect()
        blank = _blank(fallback_fonts)  # while nobody waits: the person has their PDF


def _blank(fallback_fonts: Sequence[Path] | None) -> BlankPdf | None:
    """An empty PDF with its fonts, for the next request (None if that fails: to_pdf then
    reads them itself, and meets the same error where it can be reported)."""
    try:
        return BlankPdf(fallback_fonts)
    except Exception:
        return None


if __name__ == "__main__":
    main()
