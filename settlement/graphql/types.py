"""Settlement in the API (mall-only names): statements, their lines, events, files, payouts and runs."""

from __future__ import annotations

import datetime
from decimal import Decimal

import strawberry

from mall.graphql.common import Money, Node, money
from mall.graphql.connection import PageArgs, countable_connection, paginate
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id
from mall.storage import StorageError
from settlement.issuer.statements import cash
from settlement.models import (
    CounterpartyKind,
    LineKind,
    RunStatus,
    StatementEntry,
    StatementEvent,
    StatementFile,
    StatementLine,
    StatementStatus,
)
from settlement.models import Payout as PayoutModel
from settlement.models import SettlementRun as RunModel
from settlement.models import Statement as StatementModel

CASH_DIGITS = 2


# The domain's own enums, named for the API (values are the names, as Saleor's enums are).
SettlementCounterpartyKindEnum = strawberry.enum(
    CounterpartyKind, name="SettlementCounterpartyKindEnum",
    description="Points mall: who a settlement statement is with.",
)
SettlementStatementStatusEnum = strawberry.enum(
    StatementStatus, name="SettlementStatementStatusEnum",
    description="Points mall: draft -> issued -> confirmed | disputed -> paid.",
)
SettlementLineKindEnum = strawberry.enum(
    LineKind, name="SettlementLineKindEnum", description="Points mall: what a statement line stands for."
)
SettlementRunStatusEnum = strawberry.enum(
    RunStatus, name="SettlementRunStatusEnum", description="Points mall: how a settlement run ended."
)


@strawberry.type(description="Points mall: an issuer's member points in a settlement period.")
class SettlementLiability:
    opening: int = strawberry.field(description="Points outstanding at the start of the period.")
    accrued: int = strawberry.field(description="Points credited in the period (net of reversals).")
    adjusted: int = strawberry.field(description="Staff corrections in the period (signed).")
    redeemed: int = strawberry.field(description="Points captured minus refunded in the period.")
    expired: int = strawberry.field(description="Points expired in the period (breakage).")
    closing: int = strawberry.field(description="Points outstanding at the end of the period.")


@strawberry.type(description="Points mall: one order, delivery or return on a settlement statement.")
class SettlementStatementLine(Node):
    model: strawberry.Private[StatementLine]
    currency: strawberry.Private[str]

    @strawberry.field(description="What the line stands for.")
    def kind(self) -> SettlementLineKindEnum:
        return SettlementLineKindEnum(self.model.kind)

    @strawberry.field(description="The business record, e.g. order:<uuid>.")
    def reference(self) -> str:
        return self.model.reference

    @strawberry.field(description="The order's number, when the order exists.")
    def order_number(self) -> str | None:
        return None if self.model.order_number is None else str(self.model.order_number)

    @strawberry.field(description="The order's ID.")
    def order_id(self) -> strawberry.ID | None:
        return None if self.model.order_id is None else strawberry.ID(to_global_id("Order", self.model.order_id))

    @strawberry.field(description="SKU of the partner's gift (partner statements).")
    def product_sku(self) -> str | None:
        return self.model.product_sku

    @strawberry.field(description="Points captured (issuer statements).")
    def points_captured(self) -> int:
        return self.model.points_captured

    @strawberry.field(description="Points refunded (issuer statements).")
    def points_refunded(self) -> int:
        return self.model.points_refunded

    @strawberry.field(description="Units delivered, negative when returned (partner statements).")
    def quantity(self) -> int:
        return self.model.quantity

    @strawberry.field(description="Cost price of one unit (partner statements).")
    def unit_cost(self) -> Money | None:
        return None if self.model.unit_cost is None else money(self.model.unit_cost, self.currency, CASH_DIGITS)

    @strawberry.field(description="Points value of the units (partner statements; the fee is charged on it).")
    def points_value(self) -> int:
        return self.model.points_value

    @strawberry.field(description="Cash amount of the line.")
    def amount(self) -> Money:
        return money(cash(self.model.amount_micros), self.currency, CASH_DIGITS)

    @strawberry.field(description="Where the figures come from: transfer:<id>, delivery:..., return:...")
    async def sources(self, info: Info) -> list[str]:
        return [source for source, _ in await _entries(info, self.model.id)]

    @strawberry.field(description="The ledger transfers behind the line (issuer statements).")
    async def transfer_ids(self, info: Info) -> list[str]:
        return [str(transfer_id) for _, transfer_id in await _entries(info, self.model.id) if transfer_id is not None]


async def _entries_of_lines(line_ids: list[int]) -> list[list[tuple[str, int | None]]]:
    rows = await StatementEntry.filter(line_id__in=line_ids).order_by("id").values("line_id", "source", "transfer_id")
    found: dict[int, list[tuple[str, int | None]]] = {}
    for row in rows:
        found.setdefault(int(row["line_id"]), []).append((row["source"], row["transfer_id"]))
    return [found.get(line_id, []) for line_id in line_ids]


async def _entries(info: Info, line_id: int) -> list[tuple[str, int | None]]:
    """The line's entries, loaded for the whole page at once."""
    return await info.context.loader("settlement_line_entries", _entries_of_lines).load(line_id)


SettlementStatementLineCountableConnection, SettlementStatementLineCountableEdge = countable_connection(
    SettlementStatementLine, "SettlementStatementLine"
)


@strawberry.type(description="Points mall: one move of a statement's status.")
class SettlementStatementEvent:
    model: strawberry.Private[StatementEvent]

    @strawberry.field(description="The status before (null when the statement was computed).")
    def from_status(self) -> SettlementStatementStatusEnum | None:
        return None if self.model.from_status is None else SettlementStatementStatusEnum(self.model.from_status)

    @strawberry.field(description="The status after.")
    def to_status(self) -> SettlementStatementStatusEnum:
        return SettlementStatementStatusEnum(self.model.to_status)

    @strawberry.field(description="Who moved it: user:<id>, app:<id> or system:<name>.")
    def actor(self) -> str:
        return self.model.actor

    @strawberry.field(description="Why (a dispute's reason, a payment's reference).")
    def note(self) -> str:
        return self.model.note

    @strawberry.field(description="When.")
    def date(self) -> datetime.datetime:
        return self.model.created_at


@strawberry.type(description="Points mall: a statement file (CSV, JSON or the SHA-256 manifest).")
class SettlementStatementFile:
    model: strawberry.Private[StatementFile]
    url_of: strawberry.Private[object]

    @strawberry.field(description="csv, json or manifest.")
    def kind(self) -> str:
        return str(self.model.kind)

    @strawberry.field(description="The key in the counterparty's storage.")
    def key(self) -> str:
        return self.model.key

    @strawberry.field(description="SHA-256 of the file, hex.")
    def sha256(self) -> str:
        return self.model.sha256

    @strawberry.field(description="Size in bytes.")
    def size_bytes(self) -> int:
        return self.model.size_bytes

    @strawberry.field(description="A link to download the file (null when the storage cannot give one).")
    def url(self) -> str | None:
        try:
            return self.url_of(self.model)  # type: ignore[operator]
        except StorageError:
            return None


@strawberry.type(description="Points mall: the payment of a partner statement.")
class SettlementPayout:
    model: strawberry.Private[PayoutModel]

    @strawberry.field(description="stripe (a Connect transfer) or manual.")
    def method(self) -> str:
        return str(self.model.method)

    @strawberry.field(description="pending (waiting for the worker) or sent.")
    def status(self) -> str:
        return str(self.model.status)

    @strawberry.field(description="The amount paid.")
    def amount(self) -> Money:
        return money(Decimal(self.model.amount), self.model.currency, CASH_DIGITS)

    @strawberry.field(description="The Stripe transfer id, or the manual payment's reference.")
    def reference(self) -> str:
        return self.model.reference


def _money(amount: Decimal, statement: StatementModel) -> Money:
    return money(Decimal(amount), statement.currency, CASH_DIGITS)


@strawberry.type(description="Points mall: a settlement statement of one period with an issuer or a partner.")
class SettlementStatement(Node):
    model: strawberry.Private[StatementModel]
    url_of: strawberry.Private[object]

    @classmethod
    def of(cls, model: StatementModel, url_of: object) -> SettlementStatement:
        return cls(id=strawberry.ID(to_global_id("SettlementStatement", model.id)), model=model, url_of=url_of)

    @strawberry.field(description="Issuer (the bank pays) or partner (the operator pays).")
    def kind(self) -> SettlementCounterpartyKindEnum:
        return SettlementCounterpartyKindEnum(self.model.kind)

    @strawberry.field(description="The issuer's or partner's code.")
    def counterparty_code(self) -> str:
        return self.model.counterparty_code

    @strawberry.field(description="The month settled, YYYY-MM.")
    def period(self) -> str:
        return self.model.period

    @strawberry.field(description="The time zone the month is taken in.")
    def time_zone(self) -> str:
        return self.model.time_zone

    @strawberry.field(description="Start of the period (inclusive).")
    def period_start(self) -> datetime.datetime:
        return self.model.period_start

    @strawberry.field(description="End of the period (exclusive).")
    def period_end(self) -> datetime.datetime:
        return self.model.period_end

    @strawberry.field(description="Where the statement is in its lifecycle.")
    def status(self) -> SettlementStatementStatusEnum:
        return SettlementStatementStatusEnum(self.model.status)

    @strawberry.field(description="Issuer: points captured. Partner: points value of deliveries.")
    def points_captured(self) -> int:
        return self.model.points_captured

    @strawberry.field(description="Issuer: points refunded. Partner: points value of returns.")
    def points_refunded(self) -> int:
        return self.model.points_refunded

    @strawberry.field(description="Captured minus refunded (issuer) or delivered minus returned (partner).")
    def points_net(self) -> int:
        return self.model.points_net

    @strawberry.field(description="What one point is worth in cash (issuer statements).")
    def cash_value_per_point(self) -> float | None:
        rate = self.model.cash_value_per_point
        return None if rate is None else float(rate)

    @strawberry.field(description="Issuer: net points x rate. Partner: cost of deliveries.")
    def gross_amount(self) -> Money:
        return _money(self.model.gross_amount, self.model)

    @strawberry.field(description="Partner: cost of returns.")
    def returns_amount(self) -> Money:
        return _money(self.model.returns_amount, self.model)

    @strawberry.field(description="Partner: the operator's service fee.")
    def fee_amount(self) -> Money:
        return _money(self.model.fee_amount, self.model)

    @strawberry.field(description="What the bank owes the operator, or the operator owes the partner.")
    def amount_due(self) -> Money:
        return _money(self.model.amount_due, self.model)

    @strawberry.field(description="The issuer's member points in the period (zero for partners).")
    def liability(self) -> SettlementLiability:
        m = self.model
        return SettlementLiability(opening=m.liability_opening, accrued=m.liability_accrued,
                                   adjusted=m.liability_adjusted, redeemed=m.liability_redeemed,
                                   expired=m.liability_expired, closing=m.liability_closing)

    @strawberry.field(description="The payment's reference once paid.")
    def payment_reference(self) -> str:
        return self.model.payment_reference

    @strawberry.field(description="When the statement was issued.")
    def issued_at(self) -> datetime.datetime | None:
        return self.model.issued_at

    @strawberry.field(description="The statement's lines.")
    async def lines(self, info: Info, first: int | None = None, last: int | None = None, after: str | None = None,
                    before: str | None = None) -> SettlementStatementLineCountableConnection:  # type: ignore[valid-type]
        currency = self.model.currency
        return await paginate(
            info, StatementLine.filter(statement_id=self.model.id), PageArgs(first, last, after, before),
            SettlementStatementLineCountableConnection, SettlementStatementLineCountableEdge,
            to_node=lambda row: SettlementStatementLine(
                id=strawberry.ID(to_global_id("SettlementStatementLine", row.id)), model=row, currency=currency),
        )

    @strawberry.field(description="Every move of the statement's status, oldest first.")
    async def events(self) -> list[SettlementStatementEvent]:
        return [SettlementStatementEvent(model=e) for e in await StatementEvent.filter(statement_id=self.model.id)]

    @strawberry.field(description="The statement's files.")
    async def files(self) -> list[SettlementStatementFile]:
        rows = await StatementFile.filter(statement_id=self.model.id).order_by("id")
        return [SettlementStatementFile(model=row, url_of=self.url_of) for row in rows]

    @strawberry.field(description="The payout of a partner statement, once marked paid.")
    async def payout(self) -> SettlementPayout | None:
        row = await PayoutModel.get_or_none(statement_id=self.model.id)
        return None if row is None else SettlementPayout(model=row)


@strawberry.type(description="Points mall: one settlement run and how it ended.")
class SettlementRun:
    model: strawberry.Private[RunModel]

    @strawberry.field(description="The run's ID.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("SettlementRun", self.model.id))

    @strawberry.field(description="The month settled.")
    def period(self) -> str:
        return self.model.period

    @strawberry.field(description="How the run ended.")
    def status(self) -> SettlementRunStatusEnum:
        return SettlementRunStatusEnum(self.model.status)

    @strawberry.field(description="Each difference with the ledger (a refused run), or each file not written.")
    def differences(self) -> list[str]:
        return list(self.model.differences)

    @strawberry.field(description="Statements issued by this run.")
    def statements_issued(self) -> int:
        return self.model.statements_issued

    @strawberry.field(description="Counterparties skipped: their period was settled before.")
    def statements_skipped(self) -> int:
        return self.model.statements_skipped
