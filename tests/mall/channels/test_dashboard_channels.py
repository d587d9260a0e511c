"""The Saleor Dashboard's channel page, with its own document (in its shape): the warehouses that ship a
channel's orders (a partner's staff see their own), and the tax configuration points never need."""

from __future__ import annotations

import pytest

from mall.accounts.models import ScopeKind
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.tenants import make_tenants

CHANNEL = """
query Channel($id: ID!) {
  channel(id: $id) {
    id isActive name slug currencyCode defaultCountry { code country } stockSettings { allocationStrategy }
    warehouses { id name }
    taxConfiguration { id chargeTaxes taxCalculationStrategy }
    orderSettings { markAsPaidStrategy expireOrdersAfter deleteExpiredOrdersAfter allowUnpaidOrders
                    automaticallyConfirmAllNewOrders automaticallyFulfillNonShippableGiftCard }
    checkoutSettings { automaticallyCompleteFullyPaidCheckouts automaticCompletionDelay }
    paymentSettings { defaultTransactionFlowStrategy releaseFundsForExpiredCheckouts }
    metadata { key value }
  }
}
"""


@pytest.fixture
async def world(settings):
    tenants = await make_tenants(settings)
    staff = {"operator": await make_staff("ops@example.com", list(ALL_PERMISSIONS)),
             "acme": await make_staff("acme@example.com", ["MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_CHANNELS"],
                                      scope=(ScopeKind.PARTNER, "ACME")),
             "zeta": await make_staff("zeta@example.com", ["MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_CHANNELS"],
                                      scope=(ScopeKind.PARTNER, "ZETA"))}
    return tenants, {name: token_for(user, settings) for name, user in staff.items()}


async def test_the_channel_page_lists_the_warehouses_shipping_it_and_no_tax(api, world):
    # given
    tenants, tokens = world
    channel_id = to_global_id("Channel", tenants.a.channel.id)

    # when
    answer = await api.ok(CHANNEL, {"id": channel_id}, token=tokens["operator"])

    # then
    channel = answer["channel"]
    assert channel["warehouses"] == [{"id": to_global_id("Warehouse", tenants.a.warehouse.id),
                                      "name": tenants.a.warehouse.name}]
    assert channel["taxConfiguration"] == {"id": to_global_id("TaxConfiguration", tenants.a.channel.id),
                                           "chargeTaxes": False, "taxCalculationStrategy": None}
    assert channel["orderSettings"]["expireOrdersAfter"] is None
    assert channel["orderSettings"]["deleteExpiredOrdersAfter"] == 0
    assert channel["checkoutSettings"] == {"automaticallyCompleteFullyPaidCheckouts": False,
                                           "automaticCompletionDelay": None}
    assert channel["paymentSettings"]["releaseFundsForExpiredCheckouts"] is True


async def test_a_partners_staff_see_only_their_own_warehouses_on_a_channel(api, world):
    # given
    tenants, tokens = world
    channel_id = to_global_id("Channel", tenants.a.channel.id)

    # when
    acme = await api.ok(CHANNEL, {"id": channel_id}, token=tokens["acme"])
    zeta = await api.ok(CHANNEL, {"id": channel_id}, token=tokens["zeta"])

    # then
    assert [w["name"] for w in acme["channel"]["warehouses"]] == [tenants.a.warehouse.name]
    assert zeta["channel"]["warehouses"] == []
