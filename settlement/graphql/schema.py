"""Settlement queries and mutations (mall-only names).

    settlementStatements / settlementStatement   MANAGE_SETTLEMENTS: the operator sees every statement, a
                                                 bank's staff their issuer's, a partner's staff their own
    settlementRun                                the operator closes a period (MANAGE_SETTLEMENTS, unscoped)
    settlementStatementConfirm / ...Dispute      the counterparty's staff (scoped, MANAGE_SETTLEMENTS)
    settlementStatementMarkPaid                  the operator (MANAGE_SETTLEMENTS, unscoped)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import strawberry

from ledger.errors import LedgerErrorCode
from mall.accounts.auth import Principal
from mall.graphql.connection import PageArgs, countable_connection, paginate
from mall.graphql.context import Info
from mall.graphql.error_codes import ErrorCodes, all_but, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.ids import INT8_MAX, int_pk, not_found, parse_int_id, parse_int_id_for_mutation
from mall.graphql.mutations import refused, run_in_transaction
from mall.graphql.node import NodeLoader
from mall.graphql.permissions import require_permission
from settlement import errors as settlement_errors
from settlement import lifecycle
from settlement.access import is_counterparty, visible_statements
from settlement.downloads import download_link
from settlement.graphql.types import (
    SettlementCounterpartyKindEnum,
    SettlementRun,
    SettlementStatement,
    SettlementStatementStatusEnum,
)
from settlement.models import CounterpartyKind, RunStatus, StatementStatus
from settlement.models import Statement as StatementModel
from settlement.partner.payouts import mark_statement_paid
from settlement.settle import settle_period

PERMISSION = "MANAGE_SETTLEMENTS"
SettlementStatementCountableConnection, SettlementStatementCountableEdge = countable_connection(
    SettlementStatement, "SettlementStatement"
)


SettlementErrorCode = strawberry.enum(
    settlement_errors.SettlementErrorCode, description="Points mall: error codes of settlement mutations."
)
# Settlement's codes are its API's. The ledger settles a statement between system accounts under the
# statement's own key, which nothing else uses: only its input checks could refuse.
SETTLEMENT_ERRORS = ErrorCodes(
    SettlementErrorCode,
    same_names(settlement_errors.SettlementErrorCode, SettlementErrorCode),
    same_names(LedgerErrorCode, SettlementErrorCode, unreachable=all_but(
        LedgerErrorCode, LedgerErrorCode.REQUIRED, LedgerErrorCode.INVALID, LedgerErrorCode.NOT_FOUND,
    )),
)


@strawberry.type
class SettlementError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: SettlementErrorCode = strawberry.field(description="The error code.")


@strawberry.input(description="Points mall: which statements to list.")
class SettlementStatementFilterInput:
    kind: SettlementCounterpartyKindEnum | None = None
    status: SettlementStatementStatusEnum | None = None
    period: str | None = strawberry.field(default=None, description="A month, YYYY-MM.")
    counterparty_code: str | None = None


@strawberry.input(description="Points mall: the period to close and, optionally, the one counterparty.")
class SettlementRunInput:
    period: str = strawberry.field(description="The month to settle, YYYY-MM.")
    issuer_code: str | None = strawberry.field(default=None, description="Settle this issuer only.")
    partner_code: str | None = strawberry.field(default=None, description="Settle this partner only.")


@strawberry.type(description="Points mall: closes a settlement period.")
class SettlementRunPayload:
    run: SettlementRun | None = None
    statements: list[SettlementStatement] = strawberry.field(default_factory=list,
                                                             description="Statements issued by the run.")
    errors: list[SettlementError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: a statement after a step of its lifecycle.")
class SettlementStatementUpdate:
    statement: SettlementStatement | None = None
    errors: list[SettlementError] = strawberry.field(default_factory=list)


def _node(info: Info, model: StatementModel) -> SettlementStatement:
    settings = info.context.settings
    return SettlementStatement.of(model, lambda statement_file: download_link(statement_file, settings))


def _filtered(principal: Principal, where: SettlementStatementFilterInput | None) -> Any:
    query = visible_statements(principal.scope)
    if where is None:
        return query
    conditions = {"kind": where.kind and CounterpartyKind(where.kind.value),
                  "status": where.status and StatementStatus(where.status.value),
                  "period": where.period, "counterparty_code": where.counterparty_code}
    return query.filter(**{name: value for name, value in conditions.items() if value is not None})


async def _load(info: Info, pk: str) -> SettlementStatement | None:
    principal = await require_permission(info, PERMISSION)
    key = int_pk(pk, INT8_MAX)  # statements have 64-bit keys
    model = await visible_statements(principal.scope).get_or_none(id=key) if key is not None else None
    return None if model is None else _node(info, model)


# The settlement types `node(id:)` resolves (registered at start-up by mall.wiring, never at import)
SETTLEMENT_NODES: dict[str, NodeLoader] = {
    "SettlementStatement": _load,
}


@strawberry.type
class SettlementQueries:
    @strawberry.field(description="Points mall: settlement statements, oldest first. Requires "
                                  "MANAGE_SETTLEMENTS; bank and partner staff see only their own.")
    async def settlement_statements(
        self, info: Info, filter: SettlementStatementFilterInput | None = None, first: int | None = None,
        last: int | None = None, after: str | None = None, before: str | None = None,
    ) -> SettlementStatementCountableConnection:  # type: ignore[valid-type]
        principal = await require_permission(info, PERMISSION)
        return await paginate(info, _filtered(principal, filter), PageArgs(first, last, after, before),
                              SettlementStatementCountableConnection, SettlementStatementCountableEdge,
                              to_node=lambda row: _node(info, row))

    @strawberry.field(description="Points mall: one settlement statement. Requires MANAGE_SETTLEMENTS.")
    async def settlement_statement(self, info: Info, id: strawberry.ID) -> SettlementStatement | None:
        return await _load(info, str(parse_int_id(id, "SettlementStatement", INT8_MAX)))


async def _require_operator(info: Info) -> Principal:
    principal = await require_permission(info, PERMISSION)
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator can do this.")
    return principal


def _actor(principal: Principal) -> str:
    return f"app:{principal.app.id}" if principal.app is not None else f"user:{principal.user.id}"  # type: ignore[union-attr]


async def _statement_for(principal: Principal, global_id: str) -> StatementModel:
    """The statement the caller may see, locked for the step. Raises DomainError GRAPHQL_ERROR, NOT_FOUND."""
    pk = parse_int_id_for_mutation(global_id, "SettlementStatement", "id", INT8_MAX)
    statement = await visible_statements(principal.scope).select_for_update().get_or_none(id=pk)
    if statement is None:
        raise not_found(global_id, "id")
    return statement


Step = Callable[[StatementModel, str], Awaitable[StatementModel]]


async def _step(info: Info, principal: Principal, global_id: str, step: Step,
                counterparty_only: bool) -> SettlementStatementUpdate:
    async def work() -> SettlementStatementUpdate:
        statement = await _statement_for(principal, global_id)
        if counterparty_only and not is_counterparty(principal.scope, statement):
            raise PermissionDenied(message="Only the statement's issuer or partner can do this.")
        return SettlementStatementUpdate(statement=_node(info, await step(statement, _actor(principal))))

    return await run_in_transaction(SettlementStatementUpdate, SettlementError, SETTLEMENT_ERRORS, work)


@strawberry.type
class SettlementMutations:
    @strawberry.mutation(description="Points mall: closes a period (statements reconciled with the ledger, "
                                     "files written). Requires MANAGE_SETTLEMENTS (operator).")
    async def settlement_run(self, info: Info, input: SettlementRunInput) -> SettlementRunPayload | None:
        principal = await _require_operator(info)
        try:
            # The run owns its transactions: a refused run is recorded, not rolled back.
            outcome = await settle_period(input.period, _actor(principal), info.context.settings,
                                          issuer_code=input.issuer_code, partner_code=input.partner_code)
        except DomainError as failure:
            return refused(SettlementRunPayload, SettlementError, SETTLEMENT_ERRORS, failure)
        errors = [SettlementError(field="period", message=text, code=SettlementErrorCode.RECONCILIATION_MISMATCH)
                  for text in outcome.differences if outcome.run.status == RunStatus.REFUSED]
        return SettlementRunPayload(run=SettlementRun(model=outcome.run),
                                    statements=[_node(info, s) for s in outcome.issued], errors=errors)

    @strawberry.mutation(description="Points mall: the issuer or partner agrees with an issued statement. "
                                     "Requires MANAGE_SETTLEMENTS, scoped to the statement's counterparty.")
    async def settlement_statement_confirm(self, info: Info, id: strawberry.ID) -> SettlementStatementUpdate | None:
        principal = await require_permission(info, PERMISSION)
        return await _step(info, principal, id, lifecycle.confirm_statement, counterparty_only=True)

    @strawberry.mutation(description="Points mall: the issuer or partner disputes an issued statement, saying "
                                     "why. Requires MANAGE_SETTLEMENTS, scoped to the statement's counterparty.")
    async def settlement_statement_dispute(self, info: Info, id: strawberry.ID,
                                           reason: str) -> SettlementStatementUpdate | None:
        principal = await require_permission(info, PERMISSION)

        async def dispute(statement: StatementModel, actor: str) -> StatementModel:
            return await lifecycle.dispute_statement(statement, actor, reason)

        return await _step(info, principal, id, dispute, counterparty_only=True)

    @strawberry.mutation(description="Points mall: the operator settles a confirmed statement: a partner with a "
                                     "Stripe account is paid by a Connect transfer, otherwise give the payment's "
                                     "reference. Requires MANAGE_SETTLEMENTS (operator).")
    async def settlement_statement_mark_paid(self, info: Info, id: strawberry.ID,
                                             reference: str | None = None) -> SettlementStatementUpdate | None:
        principal = await _require_operator(info)
        stripe_enabled = info.context.settings.stripe_enabled

        async def pay(statement: StatementModel, actor: str) -> StatementModel:
            return await mark_statement_paid(statement, actor, reference, stripe_enabled=stripe_enabled)

        return await _step(info, principal, id, pay, counterparty_only=False)
