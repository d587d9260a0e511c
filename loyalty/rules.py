"""Earning rules: created and changed by the operator or the issuer's staff, every change a new version.

A rule's terms (points, ratio, caps, window, funding, expiry) are copied into an EarningRuleVersion row at
each version, so an award naming `rule 7 v3` can always be explained, whatever the rule says today.
A change that leaves the terms as they were writes no version.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from kernel import clock
from kernel.errors import DomainError
from ledger.policy import ExpiryPolicy, ExpiryRule
from loyalty.errors import LoyaltyErrorCode, refusal
from loyalty.models import SPEND_KINDS, CapUnit, EarningRule, EarningRuleVersion, RuleKind
from loyalty.programmes import find_programme
from partners.models import Partner

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
MAX_RULE_POINTS = 1_000_000
MAX_RATIO = Decimal(100)
MAX_CAP = 1_000_000
MAX_NAME_LENGTH = 250
MAX_PRODUCTS = 500

# Per worker: each programme's rules of one kind, read once (a sign-in's hot path read them every time).
# Changed in this worker, they are forgotten at once; changed in another, the award's claim notices the
# version moved (loyalty.awards.CLAIM) and the caller reads them again.
_RULES_OF_KIND: dict[tuple[str, str], list[EarningRule]] = {}


async def rules_of_kind(issuer_code: str, kind: RuleKind, *, fresh: bool = False) -> list[EarningRule]:
    """The programme's rules of `kind`, oldest first, from this worker's cache unless `fresh`."""
    key = (issuer_code, kind.value)
    cached = None if fresh else _RULES_OF_KIND.get(key)
    if cached is None:
        cached = list(await EarningRule.filter(issuer_code=issuer_code, kind=kind).order_by("id"))
        _RULES_OF_KIND[key] = cached
    return cached


def forget_rules() -> None:
    """Empty the cache: a rule was created or changed here (or a test emptied the database)."""
    _RULES_OF_KIND.clear()


@dataclass(frozen=True)
class RuleTerms:
    """What a rule gives, how often, when and at whose cost."""

    name: str
    kind: RuleKind
    points: int = 0
    ratio: Decimal = Decimal(0)
    product_points: dict[str, int] = field(default_factory=dict)
    cap_unit: CapUnit = CapUnit.AWARDS
    day_cap: int | None = None
    month_cap: int | None = None
    year_cap: int | None = None
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    funding_partner_code: str | None = None
    expiry_rule: ExpiryRule | None = None
    expiry_count: int = 0
    is_active: bool = True

    def as_json(self) -> dict[str, Any]:
        """The terms as a version row stores them."""
        values = dataclasses.asdict(self)
        values["ratio"] = str(self.ratio)
        values["starts_at"] = self.starts_at.isoformat() if self.starts_at else None
        values["ends_at"] = self.ends_at.isoformat() if self.ends_at else None
        return values


TERM_NAMES = tuple(f.name for f in dataclasses.fields(RuleTerms))


def terms_of(rule: EarningRule) -> RuleTerms:
    values = {name: getattr(rule, name) for name in TERM_NAMES}
    values["kind"] = RuleKind(rule.kind)
    values["cap_unit"] = CapUnit(rule.cap_unit)
    values["ratio"] = Decimal(rule.ratio)
    values["expiry_rule"] = ExpiryRule(rule.expiry_rule) if rule.expiry_rule else None
    return RuleTerms(**values)


async def check_terms(terms: RuleTerms) -> None:
    """Raises DomainError REQUIRED, INVALID, NOT_FOUND (an unknown funding partner)."""
    if not terms.name.strip():
        raise refusal(LoyaltyErrorCode.REQUIRED, "Give the rule a name.", "name")
    if len(terms.name) > MAX_NAME_LENGTH:
        raise refusal(LoyaltyErrorCode.INVALID, f"Use at most {MAX_NAME_LENGTH} characters.", "name")
    _check_amounts(terms)
    for name in ("day_cap", "month_cap", "year_cap"):
        cap = getattr(terms, name)
        if cap is not None and not 1 <= cap <= MAX_CAP:
            raise refusal(LoyaltyErrorCode.INVALID, f"A cap is from 1 to {MAX_CAP}, or none.", name)
    if terms.starts_at and terms.ends_at and terms.ends_at <= terms.starts_at:
        raise refusal(LoyaltyErrorCode.INVALID, "The rule must end after it starts.", "ends_at")
    if terms.expiry_rule is not None:
        try:
            ExpiryPolicy(terms.expiry_rule, terms.expiry_count)
        except DomainError as error:  # the ledger's own refusal, named after this input
            raise refusal(LoyaltyErrorCode.INVALID, error.details[0].message, "expiry_count") from error
    code = terms.funding_partner_code
    if code is not None and not await Partner.exists(code=code):
        raise refusal(LoyaltyErrorCode.NOT_FOUND, f"Partner '{code}' does not exist.", "funding_partner_code")


def _check_amounts(terms: RuleTerms) -> None:
    if terms.kind == RuleKind.SPEND_RATIO:
        if not Decimal(0) < terms.ratio <= MAX_RATIO:
            raise refusal(LoyaltyErrorCode.INVALID, f"A spend ratio is above 0 and at most {MAX_RATIO}.", "ratio")
        return
    if terms.kind == RuleKind.PRODUCT_POINTS:
        products = terms.product_points
        if not products or len(products) > MAX_PRODUCTS:
            raise refusal(LoyaltyErrorCode.INVALID, f"Name 1 to {MAX_PRODUCTS} products (SKUs).", "product_points")
        if any(not sku.strip() or not 1 <= points <= MAX_RULE_POINTS for sku, points in products.items()):
            raise refusal(LoyaltyErrorCode.INVALID, f"Each product gives 1 to {MAX_RULE_POINTS} points.",
                          "product_points")
        return
    if not 1 <= terms.points <= MAX_RULE_POINTS:
        raise refusal(LoyaltyErrorCode.INVALID, f"Points are from 1 to {MAX_RULE_POINTS}.", "points")


async def create_rule(issuer_code: str, code: str, terms: RuleTerms, actor: str) -> EarningRule:
    """A new rule at version 1. Raises DomainError REQUIRED, INVALID, NOT_FOUND, UNIQUE."""
    await find_programme(issuer_code)
    if not CODE_PATTERN.match(code):
        raise refusal(LoyaltyErrorCode.INVALID, "A rule code is 1-64 lower-case letters, digits, '-' or '_'.", "code")
    await check_terms(terms)
    if await EarningRule.exists(issuer_code=issuer_code, code=code):
        raise refusal(LoyaltyErrorCode.UNIQUE, f"The programme already has a rule '{code}'.", "code")
    values = dataclasses.asdict(terms) | {"expiry_rule": terms.expiry_rule.value if terms.expiry_rule else None}
    rule = await EarningRule.create(issuer_code=issuer_code, code=code, version=1, **values)
    forget_rules()
    await EarningRuleVersion.create(rule=rule, version=1, terms=terms.as_json(), actor=actor)
    return rule


async def update_rule(rule_id: int, changes: dict[str, Any], actor: str) -> EarningRule:
    """Change some of a rule's terms (not its kind): a new version when anything changed.

    The rule row is locked first, so two changes at once make two versions, never one number twice.
    Raises DomainError NOT_FOUND, REQUIRED, INVALID.
    """
    rule = await EarningRule.filter(id=rule_id).select_for_update().first()
    if rule is None:
        raise refusal(LoyaltyErrorCode.NOT_FOUND, "The rule does not exist.", "id")
    if "kind" in changes and changes["kind"] != rule.kind:
        raise refusal(LoyaltyErrorCode.INVALID, "A rule's kind cannot change: make a new rule.", "kind")
    current = terms_of(rule)
    updated = dataclasses.replace(current, **changes)
    if updated == current:
        return rule
    await check_terms(updated)
    values = dataclasses.asdict(updated) | {"expiry_rule": updated.expiry_rule.value if updated.expiry_rule else None}
    version = rule.version + 1
    await EarningRule.filter(id=rule.id).update(version=version, updated_at=clock.now(), **values)
    forget_rules()
    await EarningRuleVersion.create(rule_id=rule.id, version=version, terms=updated.as_json(), actor=actor)
    return await EarningRule.get(id=rule.id)


def is_spend_rule(rule: EarningRule) -> bool:
    return RuleKind(rule.kind) in SPEND_KINDS


def is_in_force(rule: EarningRule, at: datetime) -> bool:
    """Switched on, and `at` within its validity window (start included, end excluded)."""
    if not rule.is_active:
        return False
    return (rule.starts_at is None or rule.starts_at <= at) and (rule.ends_at is None or at < rule.ends_at)
