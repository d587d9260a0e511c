"""Who sees which statements: the operator all of them, a bank's staff their issuer's, a partner's staff
their partner's."""

from __future__ import annotations

from tortoise.queryset import QuerySet

from mall.accounts.auth import Scope
from mall.accounts.models import ScopeKind
from settlement.models import CounterpartyKind, Statement

SCOPE_KINDS = {ScopeKind.ISSUER: CounterpartyKind.ISSUER, ScopeKind.PARTNER: CounterpartyKind.PARTNER}


def visible_statements(scope: Scope | None) -> QuerySet[Statement]:
    if scope is None:
        return Statement.all()
    return Statement.filter(kind=SCOPE_KINDS[scope.kind], counterparty_code=scope.code)


def is_counterparty(scope: Scope | None, statement: Statement) -> bool:
    """Whether the caller speaks for the statement's counterparty (the operator does not)."""
    return scope is not None and SCOPE_KINDS[scope.kind] == statement.kind and scope.code == statement.counterparty_code
