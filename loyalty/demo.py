"""Demo loyalty programmes for `mall serve --demo`: the rules and tiers the seed documents describe (a daily
sign-in, shares, events, welcome points, points back on spend; silver to diamond). Idempotent."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from loyalty.models import CapUnit, EarningRule, RuleKind, TierLevel
from loyalty.rules import RuleTerms, create_rule
from loyalty.tiers import LevelTerms, set_tier_levels

DEMO_ACTOR = "system:demo"
DEMO_RULES = (
    ("daily-sign-in", RuleTerms("Daily sign-in", RuleKind.SIGN_IN, points=1, day_cap=1, year_cap=365)),
    ("share", RuleTerms("Share a gift", RuleKind.SHARE, points=2, cap_unit=CapUnit.POINTS, year_cap=384)),
    ("events", RuleTerms("Bank events", RuleKind.EVENT, points=50, year_cap=10)),
    ("welcome", RuleTerms("Welcome points", RuleKind.WELCOME, points=100)),
    ("spend-back", RuleTerms("Points back on gifts", RuleKind.SPEND_RATIO, ratio=Decimal("0.01"))),
)
DEMO_TIERS = [
    LevelTerms("silver", "Silver", 0),
    LevelTerms("gold", "Gold", 2_000, earn_multiplier=Decimal("1.2")),
    LevelTerms("platinum", "Platinum", 10_000, earn_multiplier=Decimal("1.5"), free_delivery=True),
    LevelTerms("diamond", "Diamond", 50_000, earn_multiplier=Decimal(2), points_discount_percent=Decimal(5),
               free_delivery=True),
]


async def load_loyalty_demo(issuer_codes: Iterable[str], step: Callable[[str], None] = lambda _: None) -> int:
    """Each issuer's demo rules and tiers, where missing; returns how many rules were created."""
    created = 0
    for code in issuer_codes:
        for rule_code, terms in DEMO_RULES:
            if not await EarningRule.exists(issuer_code=code, code=rule_code):
                await create_rule(code, rule_code, terms, DEMO_ACTOR)
                created += 1
        if not await TierLevel.exists(issuer_code=code):
            await set_tier_levels(code, DEMO_TIERS)
        step(f"loyalty programme {code}")
    return created
