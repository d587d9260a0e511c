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


CHANNEL_ACTIVATE = """
mutation ChannelActivate($id: ID!) {
  channelActivate(id: $id) { channel { id isActive slug } errors { code field message } }
}
"""

CHANNEL_DEACTIVATE = """
mutation ChannelDeactivate($id: ID!) {
  channelDeactivate(id: $id) { channel { id isActive slug } errors { code field message } }
}
"""


async def test_a_bank_switches_its_channel_off_and_on(api, world, settings):
    # given
    tenants, _ = world
    bank = await make_staff("bank-a@example.com", ["MANAGE_CHANNELS"], scope=(ScopeKind.ISSUER, "BANKA"))
    token = token_for(bank, settings)
    channel_id = to_global_id("Channel", tenants.a.channel.id)

    # when
    off = await api.ok(CHANNEL_DEACTIVATE, {"id": channel_id}, token=token)
    again = await api.ok(CHANNEL_DEACTIVATE, {"id": channel_id}, token=token)
    on = await api.ok(CHANNEL_ACTIVATE, {"id": channel_id}, token=token)

    # then
    assert off["channelDeactivate"] == {"channel": {"id": channel_id, "isActive": False, "slug": "bank-a-mall"},
                                        "errors": []}
    assert again["channelDeactivate"] == {"channel": None, "errors": [
        {"code": "INVALID", "field": "id", "message": "This channel is already deactivated."}]}
    assert on["channelActivate"]["channel"]["isActive"] is True


async def test_another_banks_channel_cannot_be_switched(api, world, settings):
    # given
    tenants, _ = world
    bank_b = await make_staff("bank-b@example.com", ["MANAGE_CHANNELS"], scope=(ScopeKind.ISSUER, "BANKB"))

    # when
    answer = await api.post(CHANNEL_DEACTIVATE, {"id": to_global_id("Channel", tenants.a.channel.id)},
                            token=token_for(bank_b, settings))

    # then
    assert answer.error_codes == ["PermissionDenied"]
    await tenants.a.channel.refresh_from_db()
    assert tenants.a.channel.is_active is True
