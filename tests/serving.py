"""Servers the tests start on 127.0.0.1: a free port, and waiting until a started server is ready.

Waits end as soon as the server is ready; the limit only stops a server that will never be ready, so it is
generous (a loaded CI machine has taken 25 s to start `mall serve --demo` that takes 5 s alone), and the
failure says what was awaited and what the server printed."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable

import httpx

READY_LIMIT_SECONDS = 300.0
POLL_INTERVAL_SECONDS = 0.2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_healthy(
    base_url: str, process: subprocess.Popen, output: Callable[[], str],
    limit_seconds: float = READY_LIMIT_SECONDS,
) -> None:
    """Poll GET /healthz until it answers 200; fail with the server's output if it exits or never does."""

    def healthy() -> bool:
        try:
            return httpx.get(f"{base_url}/healthz", timeout=5).status_code == 200
        except httpx.TransportError:
            return False

    wait_until(healthy, f"GET {base_url}/healthz to answer 200", process, output, limit_seconds)


def wait_until_listening(
    port: int, process: subprocess.Popen, output: Callable[[], str], limit_seconds: float = READY_LIMIT_SECONDS
) -> None:
    """Wait until something accepts TCP connections on 127.0.0.1:`port`."""

    def listening() -> bool:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            return False
        return True

    wait_until(listening, f"a server listening on 127.0.0.1:{port}", process, output, limit_seconds)


def wait_until(
    ready: Callable[[], bool], awaited: str, process: subprocess.Popen, output: Callable[[], str],
    limit_seconds: float,
) -> None:
    """Poll `ready` until it is true. Raises AssertionError naming `awaited` when the process exits first or
    the limit passes (the process is then killed, so that its output can be read to the end)."""
    deadline = time.monotonic() + limit_seconds
    while not ready():
        if process.poll() is not None:
            raise AssertionError(f"waiting for {awaited}: the process exited with {process.returncode}:\n{output()}")
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise AssertionError(f"waited {limit_seconds:.0f} s for {awaited} in vain; the process printed:\n"
                                 f"{output()}")
        time.sleep(POLL_INTERVAL_SECONDS)
