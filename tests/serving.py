"""Servers the tests start on 127.0.0.1: a free port, and waiting for `mall serve` to answer /healthz."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(
    base_url: str, process: subprocess.Popen, output: Callable[[], str], timeout_seconds: float
) -> None:
    """Poll /healthz until it answers 200; fail with the server's output if it exits or takes too long."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"mall serve exited: {output()}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("mall serve did not become healthy")
