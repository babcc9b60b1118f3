"""pages/tcp.py: the server's sockets send at once (TCP_NODELAY), and nothing else is touched."""

from __future__ import annotations

import os
import socket
import sys

import pytest

from pages.tcp import send_without_delay

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="accepted sockets inherit options on Linux"
)


def _nodelay(sock: socket.socket) -> bool:
    return bool(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))


@pytest.fixture
def listener():
    """A listening socket made as Streamlit's server makes its own: protocol 0."""
    sock = socket.socket(family=socket.AF_INET)
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    yield sock
    sock.close()


def _connect(listener: socket.socket) -> tuple[socket.socket, socket.socket]:
    client = socket.create_connection(listener.getsockname(), timeout=5)
    served, _ = listener.accept()
    return client, served


def test_a_connection_already_open_and_every_later_one_send_at_once(listener):
    before_client, before = _connect(listener)
    assert not _nodelay(before)  # the default this works around: Nagle's algorithm on
    assert send_without_delay() >= 2  # the listener and the connection at least
    after_client, after = _connect(listener)
    try:
        assert _nodelay(before)
        assert _nodelay(after)  # inherited from the listening socket
        # Both still carry data: nothing was closed or broken on the way.
        for client, served in ((before_client, before), (after_client, after)):
            client.sendall(b"rerun")
            assert served.recv(16) == b"rerun"
    finally:
        for sock in (before_client, before, after_client, after):
            sock.close()


def test_a_socket_keeps_its_blocking_mode_even_with_a_default_timeout(listener):
    """A socket object made on a descriptor turns it non-blocking when the process has a
    default timeout; the server's (or any library's) sockets must stay as they were."""
    client, served = _connect(listener)
    before = socket.getdefaulttimeout()
    socket.setdefaulttimeout(5)
    try:
        assert os.get_blocking(served.fileno())
        send_without_delay()
        assert _nodelay(served)
        assert os.get_blocking(served.fileno())
    finally:
        socket.setdefaulttimeout(before)
        client.close()
        served.close()


def test_files_pipes_and_unix_sockets_are_left_open_and_working(tmp_path):
    read_end, write_end = os.pipe()
    left, right = socket.socketpair(socket.AF_UNIX)
    path = tmp_path / "kept.txt"
    with path.open("w") as kept:
        try:
            send_without_delay()
            os.write(write_end, b"pipe")
            assert os.read(read_end, 16) == b"pipe"
            left.sendall(b"unix")
            assert right.recv(16) == b"unix"
            kept.write("still open")
        finally:
            os.close(read_end)
            os.close(write_end)
            left.close()
            right.close()
    assert path.read_text() == "still open"


def test_off_switch_leaves_streamlits_own_settings(listener, monkeypatch):
    monkeypatch.setenv("MS_AID_TCP_NODELAY", "off")
    client, served = _connect(listener)
    try:
        assert send_without_delay() == 0
        assert not _nodelay(served)
    finally:
        client.close()
        served.close()
