"""A mall with something to complain about: a bank (issuer BANKA, its channel, a member with points), the
partner ACME's kettle redeemed and shipped, another partner's (ZETA's) gift, and viewers of every kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from cases.access import Viewer
from cases.models import Case, CaseCategory, CaseSubject, Party
from cases.services import CaseRequest, open_case
from catalog.models import Product
from fulfilment.models import Shipment, ShipmentLine
from mall.settings import Settings
from mall.storage import storage_for
from orders.models import OrderLine
from tests.catalog.services.builders import active_partner, gift, partner_editor
from tests.settlement.helpers import at
from tests.settlement.partner.helpers import Shop, make_shop, order_gifts, record_delivery, ship


@dataclass
class Mall:
    shop: Shop
    line: OrderLine  # two ACME kettles
    shipped: ShipmentLine  # one of them, shipped (not delivered yet)
    other_gift: Product  # ZETA's

    @property
    def member(self) -> Viewer:
        return Viewer(Party.MEMBER, self.shop.bank.member.id)

    @property
    def order_id(self) -> str:
        return str(self.line.order_id)  # type: ignore[attr-defined]

    @property
    def shipment_id(self) -> int:
        return int(self.shipped.shipment_id)  # type: ignore[attr-defined]

    async def shipment(self) -> Shipment:
        return await Shipment.get(id=self.shipment_id)


OPERATOR = Viewer(Party.OPERATOR, 9001)
ACME_STAFF = Viewer(Party.PARTNER, 9002, "ACME")
ZETA_STAFF = Viewer(Party.PARTNER, 9003, "ZETA")
BANK_STAFF = Viewer(Party.ISSUER, 9004, "BANKA")


async def build_mall(settings: Any) -> Mall:
    shop = await make_shop(settings)
    line = await order_gifts(shop, 2)
    shipped = await ship(shop, line, 1)
    await active_partner("ZETA")
    other = await gift(partner_editor("ZETA"), "Lamp")
    return Mall(shop, line, shipped, other)


async def deliver(mall: Mall, when: str = "2026-11-03T03:00:00") -> None:
    await record_delivery(mall.shipped, at(when))


def shipment_case(mall: Mall, category: CaseCategory = CaseCategory.LATE_DELIVERY, **fields: Any) -> CaseRequest:
    return CaseRequest(subject=CaseSubject.SHIPMENT, category=category, description="Where is my kettle?",
                       order_id=mall.order_id, shipment_id=mall.shipment_id, **fields)


async def opened(settings: Settings, viewer: Viewer, request: CaseRequest) -> Case:
    """Open a case in its own transaction, as the mutation does."""
    async with in_transaction():
        return await open_case(viewer, request, storage_for(settings))
