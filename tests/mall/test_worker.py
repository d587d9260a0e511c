"""`mall worker`'s periodic jobs: each owner's jobs run on every pass."""

from __future__ import annotations

from fulfilment.models import Shipment
from fulfilment.services.reports import last_accepted_sequence
from mall.worker import PeriodicJobs
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import make_shop, order_gifts, record_delivery, ship


async def test_a_pass_of_the_periodic_jobs_numbers_committed_deliveries_for_settlement(settings):
    # given: two deliveries recorded, neither numbered yet
    shop = await make_shop(settings)
    line = await order_gifts(shop, 2)
    first, second = [await ship(shop, line, 1) for _ in range(2)]
    await record_delivery(first, at("2026-11-12T03:00:00"))
    await record_delivery(second, at("2026-11-13T03:00:00"))
    jobs = PeriodicJobs(settings)

    # when
    await jobs.run()
    await jobs.run()

    # then: numbered once, in the order they committed
    sequences = [(await Shipment.get(id=s.shipment_id)).accepted_sequence for s in (first, second)]  # type: ignore[attr-defined]
    assert sequences == [1, 2]
    assert await last_accepted_sequence() == 2
