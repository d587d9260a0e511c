"""Application code reads the time only through kernel.clock (so tests can set the date)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPLICATION_PACKAGES = ("kernel", "mall", "catalog", "orders", "fulfilment", "bank_link", "partners")
THE_CLOCK = ROOT / "kernel" / "clock.py"
WALL_CLOCK_READS = {
    ("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today"),
    ("time", "time"), ("time", "time_ns"), ("timezone", "now"), ("timezone", "localtime"),
}


def application_modules() -> list[Path]:
    return sorted(
        path for package in APPLICATION_PACKAGES for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and path != THE_CLOCK
    )


def wall_clock_reads(source: str) -> list[str]:
    """`datetime.now(...)`, `datetime.datetime.now(...)`, `time.time()`, `fields.DatetimeField(auto_now=True)`..."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        owner = node.func.value
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if (owner_name, node.func.attr) in WALL_CLOCK_READS:
            found.append(f"line {node.lineno}: {owner_name}.{node.func.attr}()")
        if node.func.attr == "DatetimeField" and any(k.arg in ("auto_now", "auto_now_add") for k in node.keywords):
            found.append(f"line {node.lineno}: DatetimeField stamped by tortoise (use ClockDatetimeField)")
    return found


def test_the_detector_finds_every_kind_of_wall_clock_read():
    # given
    source = "\n".join([
        "import datetime, time", "from datetime import date, datetime as dt", "from tortoise import fields",
        "a = datetime.datetime.now(datetime.UTC)", "b = date.today()", "c = time.time()",
        "d = fields.DatetimeField(auto_now_add=True)", "e = clock.now()",
    ])

    # when
    found = wall_clock_reads(source)

    # then
    assert found == [
        "line 4: datetime.now()", "line 5: date.today()", "line 6: time.time()",
        "line 7: DatetimeField stamped by tortoise (use ClockDatetimeField)",
    ]


def test_application_code_reads_the_time_only_through_the_clock_module():
    # given
    modules = application_modules()

    # when
    offenders = {
        str(path.relative_to(ROOT)): reads for path in modules if (reads := wall_clock_reads(path.read_text()))
    }

    # then
    assert len(modules) > 100
    assert offenders == {}
