"""Send what the server writes at once: TCP_NODELAY on its sockets (a workaround, issue 8).

Streamlit sends a page as many small websocket messages. Its server (Starlette on uvicorn, in
Streamlit 1.67) makes its listening socket with protocol 0, and asyncio turns Nagle's algorithm
off only on sockets made with protocol IPPROTO_TCP. With Nagle's algorithm on, once one small
message waits for the browser's acknowledgement every later one waits too, and a browser that
has nothing to send delays its acknowledgement (40 ms on Linux, up to 200 ms on Windows). On
the benchmark machine every rerun took at least 44 ms, even the one-line app's with 4 ms of
work; with TCP_NODELAY it takes 6 ms (BENCHMARKS.md, round 5).

`send_without_delay()` sets TCP_NODELAY on the TCP sockets the process has open: the listening
socket (on Linux the connections it accepts later inherit the option) and the connections
already open. Standard library only, and best effort: where it cannot (no /proc/self/fd or
/dev/fd, no TCP_NODELAY), nothing changes but the speed. It reads and sends nothing.
MS_AID_TCP_NODELAY=off leaves Streamlit's own settings (to compare, or if it ever misbehaves).
"""

from __future__ import annotations

import contextlib
import os
import socket

OFF = "MS_AID_TCP_NODELAY"  # "off": leave the sockets as Streamlit made them
FD_FOLDERS = ("/proc/self/fd", "/dev/fd")  # Linux, then macOS and the BSDs


def _open_fds() -> list[int]:
    for folder in FD_FOLDERS:
        try:
            return [int(name) for name in os.listdir(folder)]
        except (OSError, ValueError):
            continue
    return []


def send_without_delay() -> int:
    """Turn Nagle's algorithm off on every TCP socket this process has open; return how many.
    Other descriptors (files, pipes, Unix sockets) are left as they are, and none is closed."""
    if not hasattr(socket, "TCP_NODELAY") or os.environ.get(OFF, "").lower() == "off":
        return 0
    done = 0
    for fd in _open_fds():
        try:
            # A socket object made on a descriptor can change its blocking mode (when a
            # default timeout is set anywhere in the process): put it back as it was.
            blocking = os.get_blocking(fd)
            sock = socket.socket(fileno=fd)  # reads the descriptor's family and type
        except OSError:
            continue  # not a socket, or closed since the folder was listed
        try:
            if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                done += 1
        except OSError:
            pass  # closed meanwhile, or the option is refused: it only costs speed
        finally:
            sock.detach()  # the descriptor belongs to the server: never close it here
            with contextlib.suppress(OSError):
                if os.get_blocking(fd) != blocking:
                    os.set_blocking(fd, blocking)
    return done
