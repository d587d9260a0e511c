"""What every benchmark here shares: a scratch PostgreSQL database, `mall serve` in a subprocess, and the
CPU time a process spent (the figure a busy shared machine distorts least).

The benchmarks are scripts (`python bench/<name>.py`), so this module is imported as `serving`.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import aiohttp
import asyncpg

START_TIMEOUT_SECONDS = 120  # a busy shared machine starts two workers slowly
STOP_TIMEOUT_SECONDS = 15


async def admin(server: str, statement: str) -> None:
    """Run one statement on its own connection (CREATE/DROP DATABASE cannot run in a transaction)."""
    connection = await asyncpg.connect(server.replace("postgres://", "postgresql://", 1))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@asynccontextmanager
async def scratch_database(server: str, *, keep: bool = False) -> AsyncIterator[str]:
    """A new `mall_bench_<hex>` database on `server`, dropped afterwards unless `keep`; yields its URL."""
    name = f"mall_bench_{uuid.uuid4().hex[:12]}"
    await admin(server, f'CREATE DATABASE "{name}"')
    try:
        yield with_database(server, name)
    finally:
        if not keep:
            await admin(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def with_database(server: str, name: str) -> str:
    """`server`'s URL naming database `name`, its query (`?host=/var/run/postgresql`: the Unix socket) kept."""
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}"))


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(
    database_url: str, port: int, var_dir: Path, workers: int = 1, **environment: str
) -> subprocess.Popen[bytes]:
    """`mall serve` as deployed (one worker unless told, access log included), its output kept in
    var_dir/serve.log."""
    var_dir.mkdir(parents=True, exist_ok=True)
    variables = dict(os.environ, DATABASE_URL=database_url, MALL_VAR_DIR=str(var_dir), **environment)
    command = [sys.executable, "-m", "mall", "serve", "--no-migrate", "--workers", str(workers), "--port", str(port)]
    log = (var_dir / "serve.log").open("wb")
    # from the repository's root: a module of bench/ named like a package must not shadow it
    root = Path(__file__).resolve().parent.parent
    return subprocess.Popen(command, env=variables, stdout=log, stderr=subprocess.STDOUT, cwd=root)


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()


async def wait_until_up(base: str, process: subprocess.Popen[bytes]) -> None:
    """Poll /healthz until the server answers 200; exit if it dies or takes too long."""
    async with aiohttp.ClientSession() as session:
        for _ in range(START_TIMEOUT_SECONDS * 10):
            if process.poll() is not None:
                raise SystemExit("mall serve exited early")
            try:
                async with session.get(f"{base}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("mall serve did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
