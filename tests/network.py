"""Real network faults for tests: a port where nothing listens."""

import socket


def closed_port():
    """A local port that was free a moment ago: connecting to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
