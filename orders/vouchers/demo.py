"""Demo vouchers: WELCOME500 (500 points off carts of 3,000 points or more, in every channel) and a bank's
campaign voucher with 20 single-use random codes (BANKA-...) in that bank's channels. Idempotent: vouchers
that exist are left as they are."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from kernel import clock
from mall.channels.models import Channel
from orders.vouchers import codes, services
from orders.vouchers.models import Voucher, VoucherCode

WELCOME_CODE = "WELCOME500"
CAMPAIGN_NAME = "Bank A spring campaign"
CAMPAIGN_CODES = 20


async def _listed(voucher: Voucher, channels: list[Channel], value: int, min_spent: int | None) -> None:
    changes = [services.ListingChange(channel.id, Decimal(value), Decimal(min_spent) if min_spent else None)
               for channel in channels]
    await services.update_channel_listings(voucher.id, changes, [])


async def load_vouchers_demo(step: Callable[[str], None], campaign_issuer: str) -> int:
    """Returns how many vouchers were created (0 or 1 each)."""
    channels = list(await Channel.all().order_by("slug"))
    created = 0
    if not await VoucherCode.exists(code=WELCOME_CODE):
        data = services.VoucherData(values={"name": "Welcome 500", "apply_once_per_customer": True},
                                    codes=(WELCOME_CODE,))
        await _listed(await services.create_voucher(data, clock.now()), channels, 500, 3_000)
        created += 1
    step(f"voucher {WELCOME_CODE}: 500 points off carts of 3,000 points or more, once per member")
    if not await Voucher.exists(name=CAMPAIGN_NAME):
        campaign_codes = tuple(codes.random_code("BANKA-") for _ in range(CAMPAIGN_CODES))
        data = services.VoucherData(values={"name": CAMPAIGN_NAME, "single_use": True}, codes=campaign_codes)
        voucher = await services.create_voucher(data, clock.now())
        bank_channels = [channel for channel in channels if channel.issuer_code == campaign_issuer]
        await _listed(voucher, bank_channels, 1_000, None)
        created += 1
    step(f"voucher {CAMPAIGN_NAME!r}: {CAMPAIGN_CODES} single-use codes BANKA-..., 1,000 points off")
    return created
