"""The bank link's share of `mall worker`, at most once every REMINDER_INTERVAL: expiry reminders, and
forgetting the sign-on tokens that expired (bank_link.sso).

Why an interval: finding due reminders reads every lot in the reminder window, which is too much to do
on every loop of the worker; a reminder a few minutes later than possible is harmless, and so is an
expired token's row kept a few minutes longer.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from tortoise.transactions import in_transaction

from bank_link.reminders import send_expiry_reminders
from bank_link.sso import forget_used_tokens
from kernel import clock

REMINDER_INTERVAL = timedelta(minutes=10)
log = logging.getLogger("mall.bank_link")


@dataclass
class BankJobs:
    mall_url: str
    last_reminders_at: datetime | None = None

    async def run(self, now: datetime | None = None) -> int:
        """Send due reminders if the interval has passed; returns how many lots were reminded."""
        now = (now or clock.now()).astimezone(UTC)
        if self.last_reminders_at is not None and now - self.last_reminders_at < REMINDER_INTERVAL:
            return 0
        self.last_reminders_at = now
        await _forget_used_tokens(now)
        try:
            return await send_expiry_reminders(self.mall_url, now)
        except Exception:  # logged and tried again next interval, never fatal to the worker
            log.exception("sending expiry reminders failed")
            return 0


async def _forget_used_tokens(now: datetime) -> None:
    try:
        async with in_transaction():
            await forget_used_tokens(now)
    except Exception:  # logged and tried again next interval, never fatal to the worker
        log.exception("forgetting used sign-on tokens failed")
