"""GraphQL types of the points ledger (mall extensions, named so they never clash with Saleor's)."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

import strawberry

from ledger.balances import Balance
from ledger.errors import ERROR_DESCRIPTIONS
from ledger.models import Hold, TransferKind
from ledger.models import Transfer as TransferModel
from mall.graphql.connection import countable_connection
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id

KIND_DESCRIPTIONS: dict[str, str] = {
    "ACCRUAL": "Points earned from the issuing bank.",
    "HOLD": "Points reserved for a redemption that is not complete yet.",
    "CAPTURE": "Points spent on a redemption.",
    "VOID": "Reserved points released back to the member.",
    "REFUND": "Spent points given back, with their original expiry.",
    "EXPIRY": "Points that expired.",
    "ADJUSTMENT": "A correction made by customer service.",
    "SETTLEMENT": "A transfer between the programme's own accounts.",
}
REFERENCE_LABELS = {"order": "order", "feed": "bank record", "statement": "statement", "lot": "points credited"}


def _enum(name: str, values: dict[str, str], description: str) -> Any:
    members = {value: strawberry.enum_value(value, description=text) for value, text in values.items()}
    return strawberry.enum(Enum(name, members), name=name, description=description)  # type: ignore[call-overload]


PointsErrorCode = _enum("PointsErrorCode", ERROR_DESCRIPTIONS, "Why a points mutation was refused.")
PointsTransferKindEnum = _enum("PointsTransferKindEnum", KIND_DESCRIPTIONS, "What a points transfer did.")


@strawberry.type(description="Represents an error in a points mutation. Points mall extension.")
class PointsError:
    field: str | None = strawberry.field(
        description="Name of a field that caused the error. A value of `null` indicates that the error "
        "isn't associated with a particular field."
    )
    message: str | None = strawberry.field(description="The error message.")
    code: PointsErrorCode = strawberry.field(description="The error code.")  # type: ignore[valid-type]


@strawberry.type(description="Points that expire together. Points mall extension.")
class PointsExpiry:
    expires_at: datetime = strawberry.field(description="When these points expire: they can be spent until then.")
    points: int = strawberry.field(description="How many points expire then.")


@strawberry.type(description="A member's points in one channel. Points mall extension.")
class PointsBalance:
    channel: str = strawberry.field(description="Slug of the channel (the points programme).")
    currency: str = strawberry.field(description="The points unit of the channel, e.g. PTS.")
    available: int = strawberry.field(description="Points the member can spend now.")
    held: int = strawberry.field(description="Points reserved for redemptions that are not complete yet.")
    expiring_soon: list[PointsExpiry] = strawberry.field(
        description="Available points that expire within the requested window, soonest first."
    )
    expiring_soon_total: int = strawberry.field(description="The sum of `expiringSoon`.")

    @classmethod
    def of(cls, channel_slug: str, currency: str, balance: Balance) -> PointsBalance:
        expiring = [PointsExpiry(expires_at=item.expires_at, points=item.points) for item in balance.expiring]
        return cls(channel=channel_slug, currency=currency, available=balance.points_available,
                   held=balance.points_held, expiring_soon=expiring, expiring_soon_total=balance.points_expiring)


def _held_points_loader(info: Info) -> Any:
    async def load(hold_ids: list[int]) -> list[int]:
        held = dict(await Hold.filter(transfer_id__in=hold_ids).values_list("transfer_id", "points_held"))
        return [held.get(hold_id, 0) for hold_id in hold_ids]

    return info.context.loader("ledger.points_held", load)


@strawberry.type(description="One movement of a member's points. Points mall extension.")
class PointsTransfer:
    model: strawberry.Private[TransferModel]
    wallet_id: strawberry.Private[int]
    show_actor: strawberry.Private[bool]

    @strawberry.field(description="The ID of the transfer.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("PointsTransfer", self.model.id))

    @strawberry.field(description="What the transfer did.")
    def kind(self) -> PointsTransferKindEnum:  # type: ignore[valid-type]
        return PointsTransferKindEnum[self.model.kind.name]

    @strawberry.field(description="The transfer in words a member understands.")
    async def description(self, info: Info) -> str:
        return describe(self.model, self._incoming(), await self._released(info))

    @strawberry.field(description="The number of points the transfer moved (always positive).")
    def points(self) -> int:
        return self.model.points

    @strawberry.field(description="How the transfer changed the member's available points (negative: fewer).")
    async def available_change(self, info: Info) -> int:
        kind, points = self.model.kind, self.model.points
        if kind == TransferKind.HOLD:
            return -points
        if kind == TransferKind.VOID:
            return points
        if kind == TransferKind.CAPTURE:
            return await self._released(info)
        return points if self._incoming() else -points

    @strawberry.field(description="How the transfer changed the member's reserved points.")
    async def held_change(self, info: Info) -> int:
        kind = self.model.kind
        if kind == TransferKind.HOLD:
            return self.model.points
        if kind == TransferKind.VOID:
            return -self.model.points
        if kind == TransferKind.CAPTURE:
            return -(self.model.points + await self._released(info))
        return 0

    @strawberry.field(description="The business record behind the transfer, e.g. `order:<id>`.")
    def reference(self) -> str:
        return self.model.reference

    @strawberry.field(description="Why the transfer was made, when someone said why.")
    def reason(self) -> str:
        return self.model.reason

    @strawberry.field(description="Who made the transfer (`user:<id>`, `app:<id>` or a system label). "
                      "Visible to staff with MANAGE_POINTS, null for members.")
    def actor(self) -> str | None:
        return self.model.actor if self.show_actor else None

    @strawberry.field(description="The transfer this one corrects, for refunds and reversals.")
    def reverses(self) -> strawberry.ID | None:
        reverses_id = self.model.reverses_id  # type: ignore[attr-defined]
        return None if reverses_id is None else strawberry.ID(to_global_id("PointsTransfer", reverses_id))

    @strawberry.field(description="The reservation this capture or release completes.")
    def hold(self) -> strawberry.ID | None:
        pending_id = self.model.pending_id  # type: ignore[attr-defined]
        return None if pending_id is None else strawberry.ID(to_global_id("PointsTransfer", pending_id))

    @strawberry.field(description="When the transfer was made.")
    def created_at(self) -> datetime:
        return self.model.created_at

    def _incoming(self) -> bool:
        return self.model.credit_account_id == self.wallet_id  # type: ignore[attr-defined]

    async def _released(self, info: Info) -> int:
        """For a capture: the reserved points it gave back (held minus captured)."""
        if self.model.kind != TransferKind.CAPTURE:
            return 0
        held = await _held_points_loader(info).load(self.model.pending_id)  # type: ignore[attr-defined]
        return int(held) - self.model.points


def describe(transfer: TransferModel, incoming: bool, released: int) -> str:
    """A sentence for the member: what happened, and to which order, feed record or statement."""
    kind = transfer.kind
    base = {
        TransferKind.ACCRUAL: "Points earned" if incoming else "Earned points taken back",
        TransferKind.HOLD: "Points reserved for a redemption",
        TransferKind.CAPTURE: "Points redeemed",
        TransferKind.VOID: "Reserved points released",
        TransferKind.REFUND: "Points refunded",
        TransferKind.EXPIRY: "Points expired",
        TransferKind.ADJUSTMENT: "Points added by customer service" if incoming
        else "Points deducted by customer service",
        TransferKind.SETTLEMENT: "Programme settlement",
    }[kind]
    if transfer.reverses_id is not None and kind != TransferKind.REFUND:  # type: ignore[attr-defined]
        base += " (correction of an earlier transfer)"
    if released:
        base += f", {released} reserved points released"
    label, _, value = transfer.reference.partition(":")
    if label in REFERENCE_LABELS and value:
        base += f" - {REFERENCE_LABELS[label]} {value}"
    return base


PointsTransferCountableConnection, PointsTransferCountableEdge = countable_connection(PointsTransfer, "PointsTransfer")
