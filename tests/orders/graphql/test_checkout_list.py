"""The Saleor Dashboard's checkout list (`components/CheckoutList.graphql`): the carts members hold, newest first,
for staff who handle checkouts, each within their scope (two tenants: tests/tenants.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from kernel import clock
from mall.accounts.models import ScopeKind
from mall.accounts.permissions import ALL_PERMISSIONS
from mall.graphql.ids import to_global_id
from orders.models import Checkout
from orders.services.checkouts import LineRequest, create_checkout
from tests.factories import make_staff, token_for
from tests.tenants import make_tenants

CHECKOUT_LIST = """
query CheckoutList($first: Int, $after: String, $last: Int, $before: String) {
  checkouts(before: $before, after: $after, first: $first, last: $last) {
    edges { cursor node { id created } }
    pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
  }
}
"""


async def _carts(tenants) -> tuple[Checkout, Checkout]:
    """An open cart in each tenant's channel, bank B's made a minute after bank A's."""
    clock.set_now(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    a, b = tenants.a, tenants.b
    cart_a = await create_checkout(a.channel.slug, a.member, None, [LineRequest(a.variant.id, 1)])
    clock.set_now(datetime(2026, 12, 1, 9, 1, tzinfo=UTC))
    cart_b = await create_checkout(b.channel.slug, b.member, None, [LineRequest(b.variant.id, 1)])
    return cart_a, cart_b


def _ids(answer: dict) -> list[str]:
    return [edge["node"]["id"] for edge in answer["checkouts"]["edges"]]


async def test_the_operator_lists_every_open_cart_newest_first_page_by_page(api, settings):
    # given
    tenants = await make_tenants(settings)
    cart_a, cart_b = await _carts(tenants)
    operator = token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)

    # when
    first = await api.ok(CHECKOUT_LIST, {"first": 1}, token=operator)
    second = await api.ok(CHECKOUT_LIST, {"first": 1, "after": first["checkouts"]["pageInfo"]["endCursor"]},
                          token=operator)

    # then
    assert _ids(first) == [to_global_id("Checkout", cart_b.token)]
    assert first["checkouts"]["pageInfo"]["hasNextPage"] is True
    assert first["checkouts"]["edges"][0]["node"]["created"][:16] == "2026-12-01T09:01"  # the clock runs on
    assert _ids(second) == [to_global_id("Checkout", cart_a.token)]
    assert second["checkouts"]["pageInfo"]["hasNextPage"] is False


async def test_a_banks_staff_list_only_their_channels_carts_and_a_partners_none(api, settings):
    # given
    tenants = await make_tenants(settings)
    cart_a, _ = await _carts(tenants)
    bank_a = await make_staff("bank-a@example.com", ["MANAGE_CHECKOUTS"], scope=(ScopeKind.ISSUER, "BANKA"))
    partner = await make_staff("acme@example.com", ["MANAGE_CHECKOUTS"], scope=(ScopeKind.PARTNER, "ACME"))

    # when
    banks = await api.ok(CHECKOUT_LIST, {"first": 20}, token=token_for(bank_a, settings))
    partners = await api.ok(CHECKOUT_LIST, {"first": 20}, token=token_for(partner, settings))

    # then
    assert _ids(banks) == [to_global_id("Checkout", cart_a.token)]
    assert _ids(partners) == []


async def test_staff_without_manage_checkouts_are_refused(api, settings):
    # given
    tenants = await make_tenants(settings)
    await _carts(tenants)
    orders_staff = await make_staff("orders@example.com", ["MANAGE_ORDERS"])

    # when
    answer = await api.post(CHECKOUT_LIST, {"first": 20}, token=token_for(orders_staff, settings))

    # then
    assert answer.data == {"checkouts": None}
    assert answer.error_codes == ["PermissionDenied"]
