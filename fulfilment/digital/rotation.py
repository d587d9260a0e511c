"""Key rotation: every code re-sealed under the current key, batch by batch, resumable.

Replacing the digital codes key goes: set `DIGITAL_CODES_KEY=<new>,<old>` everywhere (the new key seals, both
open), run `mall digital rotate-key` until it reports nothing left, then drop the old key from the setting.
Each batch is one transaction: it opens the batch's codes (with whichever configured key sealed them),
seals them under the current key, recomputes their fingerprints under it and names it on the row. A code
exists in clear only in this process's memory for that moment: never in a file, a log or a column.

Resumable because the work left is in the rows themselves: codes whose `key_id` is not the current key's.
An interrupted run loses at most its open batch (rolled back whole), and running it again goes on from
there. Each row is rewritten only if its sealed text is still what was read, so two rotations at once
never undo each other. The app keeps serving meanwhile: the codes' status, lines and dates are not
touched, and lookups by fingerprint try every key (fulfilment.digital.vault).

Errors (DomainError codes, FulfilmentErrorCode): INVALID (a code none of the configured keys opens: the key
that sealed it must be added to the setting; its batch is rolled back, nothing is lost).
"""

from __future__ import annotations

from dataclasses import dataclass

from tortoise.transactions import in_transaction

from fulfilment.digital.models import DigitalCode
from fulfilment.digital.vault import CodeVault
from fulfilment.errors import FulfilmentErrorCode
from kernel.errors import DomainError

BATCH_SIZE = 500
MAX_BATCH_SIZE = 10_000


@dataclass(frozen=True)
class RotationReport:
    resealed: int  # codes this run re-sealed under the current key
    remaining: int  # codes still under another key (none once a run completes)


async def codes_under_other_keys(vault: CodeVault) -> int:
    return await DigitalCode.exclude(key_id=vault.key_id).count()


async def reseal_batch(vault: CodeVault, limit: int = BATCH_SIZE) -> int:
    """Re-seal up to `limit` codes still under another key, oldest first; returns how many. Call inside a
    transaction (one per batch)."""
    rows = await DigitalCode.exclude(key_id=vault.key_id).order_by("id").limit(limit).values("id", "sealed")
    resealed = 0
    for row in rows:
        resealed += await DigitalCode.filter(id=row["id"], sealed=row["sealed"]).update(
            **_resealed(vault, int(row["id"]), str(row["sealed"])))
    return resealed


def _resealed(vault: CodeVault, code_id: int, sealed: str) -> dict[str, str]:
    try:
        return vault.sealed_fields(vault.open(sealed))
    except DomainError as error:  # the message names the row, never anything of the code
        raise DomainError.single("code", f"Digital code {code_id} cannot be opened with any configured key: add "
                                 "the key that sealed it to DIGITAL_CODES_KEY (after the new one).",
                                 FulfilmentErrorCode.INVALID) from error


async def rotate_codes(
    vault: CodeVault, batch_size: int = BATCH_SIZE, max_batches: int | None = None
) -> RotationReport:
    """Re-seal every code under the current key, one transaction a batch; `max_batches` stops early (the
    rest is for the next run). Raises DomainError INVALID (see the module's docstring)."""
    if not 0 < batch_size <= MAX_BATCH_SIZE:
        raise DomainError.single("batch_size", f"Between 1 and {MAX_BATCH_SIZE} codes a batch.",
                                 FulfilmentErrorCode.INVALID)
    resealed, batches = 0, 0
    while max_batches is None or batches < max_batches:
        async with in_transaction():
            done = await reseal_batch(vault, batch_size)
        resealed, batches = resealed + done, batches + 1
        if done < batch_size:
            break
    return RotationReport(resealed, await codes_under_other_keys(vault))
