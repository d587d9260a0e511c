"""The bank link's share of `mall worker`: expiry reminders, at most once every REMINDER_INTERVAL.

Why an interval: finding due reminders reads every lot in the reminder window, which is too much to do
on every loop of the worker; a reminder a few minutes later than possible is harmless.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bank_link.reminders import send_expiry_reminders

REMINDER_INTERVAL = timedelta(minutes=10)
log = logging.getLogger("mall.bank_link")


@dataclass
class BankJobs:
    mall_url: str
    last_reminders_at: datetime | None = None

    async def run(self, now: datetime | None = None) -> int:
        """Send due reminders if the interval has passed; returns how many lots were reminded."""
        now = (now or datetime.now(UTC)).astimezone(UTC)
        if self.last_reminders_at is not None and now - self.last_reminders_at < REMINDER_INTERVAL:
            return 0
        self.last_reminders_at = now
        try:
            return await send_expiry_reminders(self.mall_url, now)
        except Exception:  # logged and tried again next interval, never fatal to the worker
            log.exception("sending expiry reminders failed")
            return 0
