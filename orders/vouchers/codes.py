"""Codes in bulk for a bank's campaign: N random codes with a prefix, and every code of a voucher as CSV.

Random codes use `secrets` over an alphabet without look-alike characters (no 0/O, 1/I/L), 10 characters after
the prefix: 31^10 (about 8e14) codes, so a campaign's codes cannot be guessed from one another. A code that
already exists is drawn again (bounded), and the batch is written in one statement inside the caller's
transaction: all of it or none.

Errors (DomainError, VoucherErrorCode): INVALID (a count outside 1..MAX_GENERATED, a prefix that is too long or
holds characters other than letters, digits, '-' and '_').
"""

from __future__ import annotations

import csv
import io
import re
import secrets

from kernel.errors import DomainError
from orders.vouchers.errors import VoucherErrorCode
from orders.vouchers.models import Voucher, VoucherCode

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RANDOM_LENGTH = 10
MAX_GENERATED = 10_000  # one campaign batch; run again for more
MAX_PREFIX_LENGTH = 40
MAX_DRAWS = 5  # rounds of redrawing codes that already exist (never needed in practice: 8e14 codes)
PREFIX = re.compile(r"^[A-Za-z0-9_-]*$")
CSV_COLUMNS = ("code", "used", "is_active", "voucher", "created_at")


def _check(count: int, prefix: str) -> None:
    if not 1 <= count <= MAX_GENERATED:
        raise DomainError.single("count", f"Generate 1 to {MAX_GENERATED} codes at once.", VoucherErrorCode.INVALID)
    if len(prefix) > MAX_PREFIX_LENGTH or not PREFIX.match(prefix):
        raise DomainError.single("prefix", f"A prefix has at most {MAX_PREFIX_LENGTH} letters, digits, '-' or '_'.",
                                 VoucherErrorCode.INVALID)


def random_code(prefix: str) -> str:
    return prefix + "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))


async def generate_codes(voucher: Voucher, count: int, prefix: str = "") -> list[str]:
    """Adds `count` new random codes starting with `prefix` to the voucher; returns them."""
    _check(count, prefix)
    wanted: set[str] = set()
    for _ in range(MAX_DRAWS):
        while len(wanted) < count:
            wanted.add(random_code(prefix))
        taken = set(await VoucherCode.filter(code__in=list(wanted)).values_list("code", flat=True))
        wanted -= taken
        if len(wanted) == count:
            break
    codes = sorted(wanted)
    await VoucherCode.bulk_create([VoucherCode(voucher_id=voucher.id, code=code) for code in codes])
    return codes


async def codes_csv(voucher: Voucher) -> str:
    """Every code of the voucher, one a row, with how often it was used (the campaign's hand-over file)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in await VoucherCode.filter(voucher_id=voucher.id).order_by("id"):
        writer.writerow((row.code, row.used, "true" if row.is_active else "false", voucher.name,
                         row.created_at.isoformat()))
    return out.getvalue()
