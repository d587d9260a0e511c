"""`pointsCredit` (mall-only name): a bank system credits or takes back a member's points in real time.

Requires MANAGE_POINTS; a bank's app or staff (scoped to an issuer) may only book for its own issuer,
the operator names the issuer. Idempotent by the bank's transaction id, like the points feed; negative
points naming `reverses` reverse that credit (bank_link.points).
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry

from bank_link.errors import BANK_POINTS_ERROR_DESCRIPTIONS, BankPointsErrorCode, IssuerErrorCode, points_error
from bank_link.imports import RowError
from bank_link.issuers import find_issuer, time_zone
from bank_link.points import POINTS_COLUMNS, book_bank_points, parse_points_record, points_channel
from ledger.errors import LedgerErrorCode
from ledger.graphql.types import PointsTransfer
from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.graphql.context import Info
from mall.graphql.error_codes import ErrorCodes, same_names
from mall.graphql.errors import DomainError
from mall.graphql.mutations import refused, run_in_transaction
from mall.graphql.permissions import ensure_scope, require_permission

MANAGE_POINTS = "MANAGE_POINTS"
PointsCreditErrorCode = strawberry.enum(
    Enum("PointsCreditErrorCode", {code: strawberry.enum_value(code, description=text)
                                   for code, text in BANK_POINTS_ERROR_DESCRIPTIONS.items()}),
    name="PointsCreditErrorCode", description="Points mall: why a bank's points credit was refused.",
)
# A credit names its issuer (which may not exist) and is booked by the ledger; an issuer is never created
# here, and a credit never meets a hold or a refund.
POINTS_CREDIT_ERRORS = ErrorCodes(
    PointsCreditErrorCode,
    same_names(BankPointsErrorCode, PointsCreditErrorCode),
    same_names(IssuerErrorCode, PointsCreditErrorCode, unreachable={IssuerErrorCode.UNIQUE}),
    same_names(LedgerErrorCode, PointsCreditErrorCode, unreachable={
        LedgerErrorCode.HOLD_ALREADY_RESOLVED, LedgerErrorCode.HOLD_EXPIRED, LedgerErrorCode.REFUND_EXCEEDS_CAPTURE,
    }),
)


@strawberry.type(description="Points mall: an error of `pointsCredit`.")
class PointsCreditError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: PointsCreditErrorCode = strawberry.field(description="The error code.")  # type: ignore[valid-type]


@strawberry.input(description="Points mall: one bank transaction's points for one member.")
class PointsCreditInput:
    transaction_id: str = strawberry.field(description="The bank's id of the transaction (1-100 characters): "
                                           "sending it again changes nothing.")
    customer_reference: str = strawberry.field(description="The member's customer reference at the bank.")
    points: int = strawberry.field(description="Points earned (positive) or taken back by the bank (negative).")
    earned_at: datetime = strawberry.field(description="When the points were earned; without an offset, in the "
                                           "issuer's time zone. The issuer's expiry policy counts from it.")
    expires_at: datetime | None = strawberry.field(default=None, description="When these points expire, "
                                                   "instead of the issuer's policy.")
    kind: str | None = strawberry.field(default=None, description="The bank's kind of earning, e.g. spend, welcome; "
                                        "shown to the member as the reason.")
    reverses: str | None = strawberry.field(default=None, description="With negative points: the bank's id of the "
                                            "credit being taken back (e.g. its purchase was refunded). The whole "
                                            "credit is reversed out of the lot it opened, once; the reversal names "
                                            "it.")
    issuer: str | None = strawberry.field(default=None, description="The issuer's code; a bank's own app or staff "
                                          "may leave it out.")
    channel: str | None = strawberry.field(default=None, description="Slug of the channel, when the issuer has "
                                           "several.")


@strawberry.type(description="Points mall: credits a member's points from the bank. Requires MANAGE_POINTS.")
class PointsCredit:
    transfer: PointsTransfer | None = strawberry.field(default=None, description="The ledger transfer booked.")
    replayed: bool = strawberry.field(default=False, description="True when this transaction id was booked "
                                      "before: nothing changed, the first transfer is returned.")
    errors: list[PointsCreditError] = strawberry.field(
        default_factory=list, description="List of errors that occurred executing the mutation.")


def _actor(principal: Principal) -> str:
    if principal.app is not None:
        return f"app:{principal.app.id}"
    return f"user:{principal.user.id}" if principal.user is not None else "unknown"


def _issuer_code(principal: Principal, requested: str | None) -> str:
    """The issuer named, or the caller's own; raises DomainError REQUIRED, PermissionDenied for another's."""
    scope = principal.scope
    code = requested or (scope.code if scope is not None and scope.kind == ScopeKind.ISSUER else None)
    if not code:
        raise points_error(BankPointsErrorCode.REQUIRED, "Name the issuer.", "issuer")
    ensure_scope(principal, ScopeKind.ISSUER, code)
    return code


def _record(input: PointsCreditInput) -> dict[str, Any]:
    return {"transaction_id": input.transaction_id, "customer_reference": input.customer_reference,
            "points": input.points, "earned_at": input.earned_at.isoformat(),
            "expires_at": input.expires_at.isoformat() if input.expires_at else "", "kind": input.kind or "",
            "reverses": input.reverses or ""}


async def _credit(principal: Principal, code: str, input: PointsCreditInput) -> PointsCredit:
    issuer = await find_issuer(code)
    try:
        item = parse_points_record(_record(input), time_zone(issuer))
    except RowError as error:
        field = str(error).split(" ", 1)[0]
        raise points_error(BankPointsErrorCode.INVALID, str(error),
                           field if field in POINTS_COLUMNS else None) from error
    channel = await points_channel(issuer, input.channel)
    booked = await book_bank_points(issuer, channel, item, _actor(principal))
    transfer = booked.transfer
    wallet_id = transfer.member_account_id  # type: ignore[attr-defined]
    return PointsCredit(transfer=PointsTransfer(model=transfer, wallet_id=wallet_id, show_actor=True),
                        replayed=booked.replayed)


@strawberry.type
class PointsCreditMutations:
    @strawberry.mutation(description="Points mall: credits (or, with negative points, takes back) a member's points "
                         "for one bank transaction, idempotent by its id. Requires MANAGE_POINTS; a bank's app or "
                         "staff books for its own issuer only.")
    async def points_credit(
        self, info: Info,
        input: Annotated[PointsCreditInput, strawberry.argument(description="The bank transaction.")],
    ) -> PointsCredit | None:
        principal = await require_permission(info, MANAGE_POINTS)
        try:
            code = _issuer_code(principal, input.issuer)
        except DomainError as failure:
            return refused(PointsCredit, PointsCreditError, POINTS_CREDIT_ERRORS, failure)
        return await run_in_transaction(PointsCredit, PointsCreditError, POINTS_CREDIT_ERRORS,
                                        lambda: _credit(principal, code, input))
