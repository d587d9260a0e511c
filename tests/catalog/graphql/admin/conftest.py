"""The back office the Saleor Dashboard works on: one bank's channel, two partner merchants (ACME, BETA)
with a warehouse and a gift each, the operator's own warehouse, and a signed-in caller of each kind."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from catalog.models import Product, ProductType, ProductVariant, Warehouse
from mall.accounts.models import ScopeKind
from mall.channels.models import Channel
from mall.graphql.ids import to_global_id
from tests.catalog.factories import make_category, make_gift, make_variant, make_warehouse, price_variant, stock
from tests.catalog.services.builders import active_partner
from tests.factories import make_channel, make_staff, token_for

# What the Dashboard's users hold: the operator every catalogue permission, a partner's staff the same
# within their partner (the scope confines them).
CATALOGUE_PERMISSIONS = ["MANAGE_PRODUCTS", "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES", "MANAGE_TRANSLATIONS",
                         "MANAGE_ORDERS", "MANAGE_PAGES", "MANAGE_MENUS", "MANAGE_PAGE_TYPES_AND_ATTRIBUTES"]


@dataclass
class BackOffice:
    channel: Channel
    product_type: ProductType
    acme_warehouse: Warehouse
    beta_warehouse: Warehouse
    operator_warehouse: Warehouse
    acme_gift: Product
    acme_sizes: list[ProductVariant]
    beta_gift: Product
    operator: str
    acme: str
    beta: str
    bank: str

    def gid(self, row: object) -> str:
        return to_global_id(type(row).__name__, row.id)  # type: ignore[attr-defined]


@pytest.fixture
async def back_office(settings) -> BackOffice:
    channel = await make_channel()
    await active_partner("ACME")
    await active_partner("BETA")
    kitchen = await make_category("Kitchen")
    acme_dc = await make_warehouse("acme-dc", [channel], partner_code="ACME")
    beta_dc = await make_warehouse("beta-dc", [channel], partner_code="BETA")
    mall_dc = await make_warehouse("mall-dc", [channel])
    kettle = await make_gift(channel, "Acme Kettle", 1200, category=kitchen, partner_code="ACME", warehouse=acme_dc)
    large = await make_variant(kettle, "SKU-ACME-KETTLE-L", "Large", sort_order=1)
    await price_variant(large, channel, 1500)
    await stock(large, acme_dc, 4)
    scarf = await make_gift(channel, "Beta Scarf", 800, partner_code="BETA", warehouse=beta_dc)
    operator = await make_staff("ops@mall.example", CATALOGUE_PERMISSIONS)
    acme = await make_staff("staff@acme.example", CATALOGUE_PERMISSIONS, scope=(ScopeKind.PARTNER, "ACME"))
    beta = await make_staff("staff@beta.example", CATALOGUE_PERMISSIONS, scope=(ScopeKind.PARTNER, "BETA"))
    bank = await make_staff("staff@bank-a.example", CATALOGUE_PERMISSIONS, scope=(ScopeKind.ISSUER, "BANKA"))
    return BackOffice(
        channel=channel,
        product_type=await ProductType.get(id=kettle.product_type_id),  # type: ignore[attr-defined]
        acme_warehouse=acme_dc,
        beta_warehouse=beta_dc,
        operator_warehouse=mall_dc,
        acme_gift=kettle,
        acme_sizes=list(await ProductVariant.filter(product_id=kettle.id).order_by("sort_order", "id")),
        beta_gift=scarf,
        operator=token_for(operator, settings),
        acme=token_for(acme, settings),
        beta=token_for(beta, settings),
        bank=token_for(bank, settings),
    )
