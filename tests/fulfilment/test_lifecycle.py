"""The shipment lifecycle is a table, and one function moves a shipment along it."""

from __future__ import annotations

import pytest

from fulfilment.models import Shipment, ShipmentStatus
from fulfilment.services.lifecycle import SHIPMENT_TRANSITIONS, move_shipment
from tests.settlement.partner.helpers import make_shop, order_gifts, ship


def test_every_status_a_shipment_can_leave_is_in_the_table():
    # then: the statuses it moves from are exactly those the services move it from; the rest are final
    assert set(SHIPMENT_TRANSITIONS) == {ShipmentStatus.WAITING_FOR_APPROVAL, ShipmentStatus.FULFILLED}
    assert all(ShipmentStatus.WAITING_FOR_APPROVAL not in targets for targets in SHIPMENT_TRANSITIONS.values())


async def test_a_move_the_table_does_not_allow_is_a_bug_and_changes_nothing():
    # when
    with pytest.raises(ValueError, match="a shipment never moves from canceled to fulfilled"):
        await move_shipment(1, [ShipmentStatus.CANCELED], ShipmentStatus.FULFILLED)


async def test_a_shipment_moves_only_from_the_status_its_caller_saw(settings):
    # given: a shipment on its way
    shop = await make_shop(settings)
    shipment = await Shipment.get(id=(await ship(shop, await order_gifts(shop, 1), 1)).shipment_id)

    # when: a cancel wins, then a failed delivery reported for the same parcel arrives
    cancelled = await move_shipment(shipment.id, [ShipmentStatus.FULFILLED], ShipmentStatus.CANCELED)
    refunded = await move_shipment(shipment.id, [ShipmentStatus.FULFILLED], ShipmentStatus.REFUNDED)

    # then
    assert (cancelled, refunded) == (True, False)
    assert (await Shipment.get(id=shipment.id)).status == ShipmentStatus.CANCELED
