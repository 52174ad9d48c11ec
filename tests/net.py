"""Ports for servers a test starts on this machine."""

import socket


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now (for a server that must be told its port before
    it starts, such as the webhook listener, whose URL is given to Telegram first)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
