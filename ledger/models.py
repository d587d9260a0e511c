"""The points ledger: accounts, immutable transfers, two-phase holds, lots with expiry.

Only `ledger.services` (and the private modules it is built from) writes these tables.

Balances: a member wallet keeps `points_available` and `points_held` as columns, because a debit must be
a conditional UPDATE guarded by a CHECK constraint. System accounts (issuer liability, clearing, partner
payable, operator fee, expired, adjustments) keep no balance column: their balance is the sum of their
transfers, so no redemption ever waits on a hot system-account row.

Tamper evidence: a transfer is written without a hash, and `mall worker` seals transfers in batches, in id
order, giving each a `sequence` and a `hash` chained to the previous one (see ledger.sealing for why
the chain is not written inline). Sealing fills those two columns once and never changes them again.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from kernel.fields import ClockDatetimeField

if TYPE_CHECKING:
    from mall.accounts.models import User
    from mall.channels.models import Channel


class AccountKind(StrEnum):
    """What an account stands for within one points unit (channel)."""

    MEMBER = "member"
    ISSUER_LIABILITY = "issuer_liability"
    REDEMPTION_CLEARING = "redemption_clearing"
    PARTNER_PAYABLE = "partner_payable"
    OPERATOR_FEE = "operator_fee"
    EXPIRED = "expired"
    ADJUSTMENTS = "adjustments"


class TransferKind(StrEnum):
    ACCRUAL = "accrual"
    HOLD = "hold"
    CAPTURE = "capture"
    VOID = "void"
    REFUND = "refund"
    EXPIRY = "expiry"
    ADJUSTMENT = "adjustment"
    SETTLEMENT = "settlement"


class HoldStatus(StrEnum):
    PENDING = "pending"
    CAPTURED = "captured"
    VOIDED = "voided"


class Account(Model):
    """One account of one points unit. Member wallets are the only accounts that may not go negative."""

    id = fields.BigIntField(primary_key=True)
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(AccountKind, max_length=32)
    # Unique within the channel, e.g. member:12, issuer:BANKA, partner:ACME, redemption_clearing.
    name = fields.CharField(max_length=128)
    member: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "mall.User", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    points_available = fields.BigIntField(default=0)
    points_held = fields.BigIntField(default=0)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "ledger_account"
        unique_together = (("channel", "name"),)
        constraints = [
            CheckConstraint(
                check="kind <> 'member' OR (points_available >= 0 AND points_held >= 0)",
                name="ledger_account_wallet_not_negative",
            ),
        ]


class Transfer(Model):
    """An immutable movement of points from the debit account to the credit account (same unit).

    A hold is pending: it reserves points without posting them. A capture posts all or part of one hold
    and a void releases it, each naming the hold in `pending`. A reversal or refund names the transfer it
    corrects in `reverses`.
    """

    id = fields.BigIntField(primary_key=True)
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.RESTRICT
    )
    debit_account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "ledger.Account", related_name=False, on_delete=fields.RESTRICT
    )
    credit_account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "ledger.Account", related_name=False, on_delete=fields.RESTRICT
    )
    # The member wallet on either side, if any: the member's history is one index range.
    member_account: fields.ForeignKeyNullableRelation[Account] = fields.ForeignKeyField(
        "ledger.Account", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    points = fields.BigIntField()
    kind = fields.CharEnumField(TransferKind, max_length=16)
    reference = fields.CharField(max_length=200, default="")
    # The record the reference names, split once when the transfer is written (ledger.transfers.subject_of):
    # reports select and group by it instead of parsing references ("order", "<uuid>"; NULL when it names none).
    subject_kind = fields.CharField(max_length=200, null=True)
    subject_id = fields.CharField(max_length=200, null=True)
    actor = fields.CharField(max_length=100)
    reason = fields.CharField(max_length=500, default="")
    idempotency_key = fields.CharField(max_length=200, unique=True)
    pending: fields.OneToOneNullableRelation[Transfer] = fields.OneToOneField(
        "ledger.Transfer", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    reverses: fields.ForeignKeyNullableRelation[Transfer] = fields.ForeignKeyField(
        "ledger.Transfer", related_name=False, null=True, on_delete=fields.RESTRICT
    )
    created_at = ClockDatetimeField(auto_now_add=True)
    sequence = fields.BigIntField(null=True, unique=True)
    hash = fields.CharField(max_length=64, null=True)

    class Meta:
        table = "ledger_transfer"
        indexes = (("member_account_id", "created_at"),)
        constraints = [
            CheckConstraint(check="points > 0", name="ledger_transfer_points_positive"),
            CheckConstraint(check="debit_account_id <> credit_account_id", name="ledger_transfer_two_accounts"),
        ]


class Hold(Model):
    """The state of one pending transfer: pending until captured or voided, exactly once."""

    id = fields.BigIntField(primary_key=True)
    transfer: fields.OneToOneRelation[Transfer] = fields.OneToOneField(
        "ledger.Transfer", related_name=False, on_delete=fields.RESTRICT
    )
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.RESTRICT
    )
    # The member wallet the points are held on, and the clearing account they go to when captured.
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "ledger.Account", related_name=False, on_delete=fields.RESTRICT
    )
    clearing_account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "ledger.Account", related_name=False, on_delete=fields.RESTRICT
    )
    status = fields.CharEnumField(HoldStatus, max_length=16, default=HoldStatus.PENDING)
    points_held = fields.BigIntField()
    points_captured = fields.BigIntField(default=0)
    points_refunded = fields.BigIntField(default=0)
    expires_at = fields.DatetimeField()
    resolved_at = fields.DatetimeField(null=True)

    class Meta:
        table = "ledger_hold"
        indexes = (("status", "expires_at"),)
        constraints = [
            CheckConstraint(
                check="points_refunded >= 0 AND points_refunded <= points_captured "
                "AND points_captured <= points_held",
                name="ledger_hold_points_within_hold",
            ),
        ]


class Lot(Model):
    """Points credited together, expiring together. `points_remaining` is what is left to spend."""

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[Account] = fields.ForeignKeyField(
        "ledger.Account", related_name=False, on_delete=fields.RESTRICT
    )
    transfer: fields.OneToOneRelation[Transfer] = fields.OneToOneField(
        "ledger.Transfer", related_name=False, on_delete=fields.RESTRICT
    )
    points_credited = fields.BigIntField()
    points_remaining = fields.BigIntField()
    expires_at = fields.DatetimeField(null=True)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "ledger_lot"
        # Not points_remaining: an index on it would make every spend rewrite all the lot's index entries
        # (no HOT update) for the sake of the worker's expiry scan, which expires_at alone serves.
        indexes = (("account_id", "expires_at"), ("expires_at",))
        constraints = [
            CheckConstraint(
                check="points_remaining >= 0 AND points_remaining <= points_credited",
                name="ledger_lot_remaining_within_credit",
            ),
        ]


class LotEntry(Model):
    """Points taken from (negative) or returned to (positive) a lot by one transfer.

    `origin` is the debit that first took the points (a hold, a debit adjustment): returns for a void,
    a partial capture, a refund or a reversal go back to the lots that origin took from.
    """

    id = fields.BigIntField(primary_key=True)
    lot: fields.ForeignKeyRelation[Lot] = fields.ForeignKeyField(
        "ledger.Lot", related_name=False, on_delete=fields.RESTRICT
    )
    transfer: fields.ForeignKeyRelation[Transfer] = fields.ForeignKeyField(
        "ledger.Transfer", related_name=False, on_delete=fields.RESTRICT
    )
    origin: fields.ForeignKeyRelation[Transfer] = fields.ForeignKeyField(
        "ledger.Transfer", related_name=False, on_delete=fields.RESTRICT
    )
    points = fields.BigIntField()

    class Meta:
        table = "ledger_lot_entry"
        indexes = (("origin_id", "lot_id"),)


class ChainHead(Model):
    """The last sealed transfer: one row, locked by the sealer so that two workers never seal together."""

    id = fields.IntField(primary_key=True)
    last_sequence = fields.BigIntField(default=0)
    last_hash = fields.CharField(max_length=64)

    class Meta:
        table = "ledger_chain_head"
