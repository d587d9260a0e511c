"""Demo data for `mall serve --demo` and `mall demo`: idempotent, safe to load again and again."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bank_link.demo import load_bank_demo
from bank_link.policy import expiry_policy_for_channel
from catalog.demo import load_catalog_demo
from fulfilment.digital.demo import load_digital_demo
from fulfilment.digital.vault import vault_for
from loyalty.demo import load_loyalty_demo
from mall.accounts.models import ScopeKind, User
from mall.accounts.passwords import hash_password
from mall.accounts.permissions import ALL_PERMISSIONS, ROLE_DEFAULT_PERMISSIONS
from mall.channels.models import Channel
from mall.settings import Settings
from orders.demo import load_orders_demo
from orders.vouchers.demo import load_vouchers_demo

DEMO_MEMBER_EMAIL = "member@example.com"
DEMO_MEMBER_PASSWORD = "demo-member-2026"
DEMO_OPERATOR_EMAIL = "operator@example.com"
DEMO_OPERATOR_PASSWORD = "demo-operator-2026"
# The console's other two roles: a partner merchant's clerk and a bank's points desk, each with the smallest
# set of permissions its role needs (what `mall staff create --partner/--issuer` grants).
DEMO_PARTNER_EMAIL = "partner@example.com"
DEMO_PARTNER_PASSWORD = "demo-partner-2026"
DEMO_PARTNER_CODE = "JADE-HOME"
DEMO_BANK_EMAIL = "bank@example.com"
DEMO_BANK_PASSWORD = "demo-bank-2026"
DEMO_BANK_ISSUER = "BANKA"


@dataclass(frozen=True)
class DemoChannel:
    slug: str
    name: str
    currency_code: str
    issuer_code: str


DEMO_CHANNELS = (
    DemoChannel("bank-a-mall", "Bank A Rewards Mall", "PTS", "BANKA"),
    DemoChannel("bank-b-mall", "Bank B Points Mall", "BPT", "BANKB"),
)


async def _ensure_user(email: str, password: str, **fields: object) -> bool:
    if await User.filter(email=email).exists():
        return False
    await User.create(email=email, password_hash=hash_password(password), **fields)
    return True


async def _ensure_scoped_staff(email: str, password: str, kind: ScopeKind, code: str, **names: str) -> bool:
    return await _ensure_user(email, password, is_staff=True, permissions=list(ROLE_DEFAULT_PERMISSIONS[kind.value]),
                              scope_kind=kind, scope_code=code, **names)


async def load_demo(step: Callable[[str], None] = lambda _: None, cash_allowed: bool = False,
                    settings: Settings | None = None) -> int:
    """Create what is missing; returns how many rows were created. `cash_allowed` (Stripe is configured)
    lets the demo banks' members pay part of a redemption by card. With `settings`, the digital gifts too
    (their codes are sealed with the settings' key, their partner's API is served at its public URL)."""
    created = 0
    for demo in DEMO_CHANNELS:
        _, new = await Channel.get_or_create(
            slug=demo.slug,
            defaults={"name": demo.name, "currency_code": demo.currency_code, "issuer_code": demo.issuer_code},
        )
        created += new
        step(f"channel {demo.slug}")
    # Issuers before the demo points, which expire by their policy. Not counted: tests/mall/test_cli.py pins
    # the total.
    await load_bank_demo(((demo.issuer_code, demo.currency_code) for demo in DEMO_CHANNELS), step, cash_allowed)
    # Not counted either: each bank's loyalty rules and tiers.
    await load_loyalty_demo((demo.issuer_code for demo in DEMO_CHANNELS), step)
    created += await _ensure_user(DEMO_MEMBER_EMAIL, DEMO_MEMBER_PASSWORD, first_name="Mei", last_name="Lin")
    step(f"member {DEMO_MEMBER_EMAIL}")
    created += await _ensure_user(
        DEMO_OPERATOR_EMAIL,
        DEMO_OPERATOR_PASSWORD,
        first_name="Olu",
        last_name="Operator",
        is_staff=True,
        is_superuser=True,
        permissions=list(ALL_PERMISSIONS),
    )
    step(f"operator {DEMO_OPERATOR_EMAIL}")
    created += await load_catalog_demo(step)
    # After the catalogue, which creates the partner the clerk works for. Not counted: tests/mall/test_cli.py
    # pins the total.
    await _ensure_scoped_staff(DEMO_PARTNER_EMAIL, DEMO_PARTNER_PASSWORD, ScopeKind.PARTNER, DEMO_PARTNER_CODE,
                               first_name="Pat", last_name="Partner")
    step(f"partner staff {DEMO_PARTNER_EMAIL} ({DEMO_PARTNER_CODE})")
    await _ensure_scoped_staff(DEMO_BANK_EMAIL, DEMO_BANK_PASSWORD, ScopeKind.ISSUER, DEMO_BANK_ISSUER,
                               first_name="Bao", last_name="Bank")
    step(f"bank staff {DEMO_BANK_EMAIL} ({DEMO_BANK_ISSUER})")
    # Not counted: tests/mall/test_cli.py pins the total.
    await load_orders_demo(step, DEMO_MEMBER_EMAIL, expiry_policy_for_channel)
    await load_vouchers_demo(step, DEMO_BANK_ISSUER)  # not counted either
    if settings is not None:  # not counted either
        await load_digital_demo(vault_for(settings), settings.public_url, step)
    return created
