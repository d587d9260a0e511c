"""Which members (customers) a scoped staff user or app may see, and how much of each.

The operator's staff (unscoped) see every member. A scoped caller sees only the members its scope relates
to: an issuer's staff and apps its issuer's members, a partner's staff the buyers of its orders. Which
accounts those are is for other domains to say (bank_link knows members, orders knows buyers), and the
accounts domain imports neither: the composition root registers one rule per scope kind. A scope kind
without a rule sees no member at all (closed by default, so a new kind of scope leaks nothing).

How much: an issuer's staff act for the member's bank and see everything the operator sees; a partner's
staff see only what shipping needs (the name; the order's own shipping address carries the rest).

Creating: a member an issuer's staff create must become their bank's member (how is bank_link's business, so
its rule brings an `enrol` function); a scope kind without one cannot create members at all.
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum

from tortoise.expressions import Q

from mall.accounts.auth import Scope
from mall.accounts.models import Address, ScopeKind, User


class CustomerDetail(StrEnum):
    FULL = "full"  # contact details, address book, the bank's reference
    SHIPPING = "shipping"  # the name only: e-mail masked, no address book, no reference


@dataclass(frozen=True)
class Enrolment:
    """A new member account to link to the scope's organisation (an issuer's roster)."""

    email: str
    name: str
    reference: str | None  # the organisation's own reference for the member (the bank's customer reference)


# (the scope's code, the new account) -> None; raises DomainError (AccountsErrorCode) when it cannot link it
Enrol = Callable[[str, Enrolment], Awaitable[None]]


@dataclass(frozen=True)
class CustomerScopeRule:
    members: Callable[[str], Q]  # the scope's code -> a filter on account_user rows
    detail: CustomerDetail
    enrol: Enrol | None = None  # how a member created in this scope joins it; None: the scope creates none


_rules: dict[ScopeKind, CustomerScopeRule] = {}
NOBODY = Q(id__in=[])
# Who and where in the street; the city, postal code and country stay (as Saleor masks): enough for an order
# page to say where a parcel goes, not enough to find the door or call.
MASKED_ADDRESS_FIELDS = ("first_name", "last_name", "company_name", "street_address_1", "street_address_2", "phone")


def register_customer_scope(kind: ScopeKind, rule: CustomerScopeRule) -> None:
    _rules[kind] = rule


def customers_in_scope(scope: Scope | None) -> Q:
    """A filter on member (non-staff) accounts: those a caller with `scope` may see."""
    if scope is None:
        return Q()
    rule = _rules.get(scope.kind)
    return rule.members(scope.code) if rule is not None else NOBODY


def customer_detail(scope: Scope | None) -> CustomerDetail:
    """How much of a member in its scope a caller sees (the operator: everything)."""
    if scope is None:
        return CustomerDetail.FULL
    rule = _rules.get(scope.kind)
    return rule.detail if rule is not None else CustomerDetail.SHIPPING


def enrolment_of(scope: Scope) -> Enrol | None:
    """How a member created by a caller with `scope` joins it; None when the scope may not create members."""
    rule = _rules.get(scope.kind)
    return rule.enrol if rule is not None else None


async def visible_customer_ids(scope: Scope | None, user_ids: list[int]) -> set[int]:
    """Which of these accounts a caller with `scope` may see as customers (one query)."""
    if scope is None:
        return set(user_ids)
    found = User.filter(customers_in_scope(scope), id__in=list(set(user_ids)), is_staff=False)
    return set(await found.values_list("id", flat=True))


def mask_email(email: str) -> str:
    """`mei@example.com` -> `m...@example.com`: enough to recognise one's own, not to write to it."""
    local, at, domain = email.partition("@")
    return f"{local[:1]}...{at}{domain}"


def mask_text(text: str) -> str:
    """`Century Avenue` -> `C...`; empty stays empty (a masked blank must not look filled)."""
    return f"{text[:1]}..." if text else ""


def mask_address(address: Address) -> Address:
    """An unsaved copy of `address` to show instead of it."""
    masked = copy.copy(address)
    for name in MASKED_ADDRESS_FIELDS:
        setattr(masked, name, mask_text(getattr(address, name)))
    return masked
