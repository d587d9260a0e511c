"""The loyalty engine's share of `mall worker`: spend awards and take-backs from deliveries and returns,
then the tier review of members whose figures moved or whose anniversary came, then member states."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from loyalty.spend import run_spend_jobs
from loyalty.states import assign_all_states
from loyalty.tiers import review_all_tiers

log = logging.getLogger("loyalty")


@dataclass
class LoyaltyJobReport:
    spend_busy: bool = False
    tiers_judged: int = 0
    states_changed: int = 0

    @property
    def busy(self) -> bool:
        return self.spend_busy

    def summary(self) -> str:
        return f"loyalty: {self.tiers_judged} tiers judged, {self.states_changed} member states changed"


async def run_loyalty_jobs() -> LoyaltyJobReport:
    report = LoyaltyJobReport()
    report.spend_busy = await run_spend_jobs()
    report.tiers_judged = await review_all_tiers()
    report.states_changed = await assign_all_states()
    return report
