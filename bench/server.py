"""Start a real Streamlit server on a free loopback port, read its memory, stop it."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"  # load goes to loopback only


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def streamlit_run(script: Path, port: int, *options: str) -> list[str]:
    """The command that serves `script` as `streamlit run` does, headless, on `port` of
    127.0.0.1 only, with any further `--option=value`s."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.headless=true",
        f"--server.port={port}",
        f"--server.address={HOST}",
        *options,
    ]


def wait_until_up(url: str, process: subprocess.Popen[bytes], timeout: float) -> bool:
    """Wait until the Streamlit server at `url` answers its health check: True once it does;
    False if its process ends first or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            time.sleep(0.2)
    return False


def cpu_seconds(pid: int, children: bool = False) -> float:
    """CPU time (user + system) a process has used so far, from /proc/<pid>/stat; with
    `children`, also that of the children it has already waited for."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])
    if children:
        ticks += int(fields[13]) + int(fields[14])
    return ticks / os.sysconf("SC_CLK_TCK")


def child_pids(pid: int) -> list[int]:
    """The running children of a process (the aid's server has one: the PDF worker)."""
    pids = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


def rss_bytes(pid: int) -> int:
    """Resident memory of a process (VmRSS in /proc/<pid>/status), in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def _alive(read, pid: int):
    """read(pid), or 0 when the process has just ended."""
    try:
        return read(pid)
    except (OSError, RuntimeError, IndexError):
        return 0


class Server:
    """`streamlit run <script>` on 127.0.0.1, as production would run it (headless, no file
    watcher). Use as a context manager; the process is stopped on exit."""

    def __init__(self, script: Path, start_timeout: float = 60.0) -> None:
        self.script = script
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.ws_url = f"ws://{HOST}:{self.port}/_stcore/stream"
        self.start_timeout = start_timeout
        self.process: subprocess.Popen[bytes] | None = None
        # The server's log goes to a file: a pipe nobody reads could fill and stall it.
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in __exit__)

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            streamlit_run(
                self.script,
                self.port,
                "--server.fileWatcherType=none",
                "--browser.gatherUsageStats=false",
            ),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        if wait_until_up(self.url, self.process, self.start_timeout):
            return self
        self.stop()
        raise RuntimeError(f"the server for {self.script.name} did not start:\n{self.log_tail()}")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def rss(self) -> int:
        """The memory of the server and its PDF worker (one process of its own)."""
        return rss_bytes(self.pid) + sum(_alive(rss_bytes, p) for p in child_pids(self.pid))

    def cpu(self) -> float:
        """The server process's own CPU time (its script runs: they share one interpreter)."""
        return cpu_seconds(self.pid)

    def worker_cpu(self) -> float:
        """CPU time of the server's children (the PDF worker), running or ended."""
        ended = cpu_seconds(self.pid, children=True) - cpu_seconds(self.pid)
        return ended + sum(_alive(cpu_seconds, p) for p in child_pids(self.pid))

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def log_tail(self, chars: int = 2000) -> str:
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-chars:]

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.log.close()
