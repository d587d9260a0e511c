"""The Saleor Dashboard's order list, order notes and home page, with its own documents (in its shape) and the
variables it sends, as the operator and as a partner's staff (two tenants: tests/tenants.py)."""

from __future__ import annotations

import pytest

from mall.accounts.models import ScopeKind
from mall.accounts.permissions import ALL_PERMISSIONS
from orders.models import OrderEvent
from tests.factories import make_staff, token_for
from tests.tenants import make_tenants

ORDER_LIST = """
query OrderList($first: Int, $after: String, $last: Int, $before: String, $where: OrderWhereInput,
                $search: String, $sort: OrderSortingInput) {
  orders(before: $before, after: $after, first: $first, last: $last, where: $where, search: $search,
         sortBy: $sort) {
    edges { node { __typename channel { name id } created id number paymentStatus status
                   total { __typename gross { __typename amount currency } } userEmail } }
    pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
  }
}
"""

ORDER_NOTE_ADD = """
mutation OrderNoteAdd($order: ID!, $input: OrderNoteInput!) {
  orderNoteAdd(order: $order, input: $input) {
    errors { code field message }
    order { id events { id message type user { email } app { name } } }
  }
}
"""

ORDER_NOTE_UPDATE = """
mutation OrderNoteUpdate($order: ID!, $input: OrderNoteInput!) {
  orderNoteUpdate(note: $order, input: $input) {
    errors { code field message }
    order { id events { id message type } }
  }
}
"""

WELCOME_PAGE_ACTIVITIES = """
query WelcomePageActivities($hasPermissionToManageOrders: Boolean!) {
  activities: homepageEvents(last: 10) @include(if: $hasPermissionToManageOrders) {
    edges { node { date email message orderNumber type user { email } } }
  }
}
"""

WELCOME_PAGE_ANALYTICS = """
query WelcomePageAnalytics($channel: String!, $hasPermissionToManageOrders: Boolean!) {
  salesToday: ordersTotal(period: TODAY, channel: $channel) @include(if: $hasPermissionToManageOrders) {
    gross { amount currency }
  }
}
"""

PARTNER_PERMISSIONS = ["MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SETTLEMENTS"]


@pytest.fixture
async def world(settings, set_clock):
    set_clock("2026-11-20T02:00:00+00:00")
    tenants = await make_tenants(settings)
    operator = await make_staff("ops@example.com", list(ALL_PERMISSIONS))
    acme = await make_staff("acme@example.com", PARTNER_PERMISSIONS, scope=(ScopeKind.PARTNER, "ACME"))
    zeta = await make_staff("zeta@example.com", PARTNER_PERMISSIONS, scope=(ScopeKind.PARTNER, "ZETA"))
    tokens = {name: token_for(user, settings) for name, user in
              (("operator", operator), ("acme", acme), ("zeta", zeta))}
    return tenants, tokens


def order_id(api_answer, number):
    return next(edge["node"]["id"] for edge in api_answer["orders"]["edges"] if edge["node"]["number"] == number)


async def test_the_order_list_shows_the_operator_every_order_and_a_partner_its_own(api, world):
    # given
    tenants, tokens = world
    variables = {"first": 20, "sort": {"direction": "DESC", "field": "NUMBER"}}

    # when
    everything = await api.ok(ORDER_LIST, variables, token=tokens["operator"])
    acmes = await api.ok(ORDER_LIST, variables, token=tokens["acme"])

    # then: filtered lists, not rows of permission errors
    assert [e["node"]["number"] for e in everything["orders"]["edges"]] == [str(tenants.b.order.number),
                                                                             str(tenants.a.order.number)]
    assert [e["node"]["number"] for e in acmes["orders"]["edges"]] == [str(tenants.a.order.number)]
    assert acmes["orders"]["edges"][0]["node"]["total"]["gross"] == {"__typename": "Money", "amount": 900.0,
                                                                     "currency": "PTS"}


async def test_a_status_the_mall_never_stores_finds_no_order_rather_than_failing(api, world):
    # given: two orders, both unfulfilled
    _, tokens = world
    base = {"first": 20, "sort": {"direction": "DESC", "field": "NUMBER"}}

    # when: the Dashboard asks for Saleor's draft and expired orders
    expired = await api.ok(ORDER_LIST, base | {"where": {"status": {"eq": "EXPIRED"}}}, token=tokens["operator"])
    either = await api.ok(ORDER_LIST, base | {"where": {"status": {"oneOf": ["DRAFT", "UNFULFILLED"]}}},
                          token=tokens["operator"])

    # then: none for a status never stored; the stored one still matches
    assert expired["orders"]["edges"] == []
    assert len(either["orders"]["edges"]) == 2


async def test_a_partners_staff_add_and_correct_a_note_on_their_order(api, world):
    # given
    tenants, tokens = world
    listed = await api.ok(ORDER_LIST, {"first": 20}, token=tokens["acme"])
    order = order_id(listed, str(tenants.a.order.number))

    # when
    added = await api.ok(ORDER_NOTE_ADD, {"order": order, "input": {"message": "Gift wrap requested"}},
                         token=tokens["acme"])
    note = next(e for e in added["orderNoteAdd"]["order"]["events"] if e["type"] == "NOTE_ADDED")
    updated = await api.ok(ORDER_NOTE_UPDATE, {"order": note["id"], "input": {"message": "Gift wrap: red"}},
                           token=tokens["acme"])

    # then: both stay on the timeline, by whom
    assert added["orderNoteAdd"]["errors"] == []
    assert (note["message"], note["user"], note["app"]) == ("Gift wrap requested", {"email": "acme@example.com"},
                                                            None)
    notes = [(e["type"], e["message"]) for e in updated["orderNoteUpdate"]["order"]["events"] if "NOTE" in e["type"]]
    assert notes == [("NOTE_ADDED", "Gift wrap requested"), ("NOTE_UPDATED", "Gift wrap: red")]


async def test_an_empty_note_is_refused_and_nothing_is_written(api, world):
    # given
    tenants, tokens = world
    listed = await api.ok(ORDER_LIST, {"first": 20}, token=tokens["operator"])
    order = order_id(listed, str(tenants.a.order.number))
    before = await OrderEvent.all().count()

    # when
    answer = await api.ok(ORDER_NOTE_ADD, {"order": order, "input": {"message": "   "}}, token=tokens["operator"])

    # then
    assert answer["orderNoteAdd"] == {"errors": [{"code": "REQUIRED", "field": "message",
                                                  "message": "Message can't be empty."}], "order": None}
    assert await OrderEvent.all().count() == before


async def test_another_partners_order_takes_no_note(api, world):
    # given
    tenants, tokens = world
    listed = await api.ok(ORDER_LIST, {"first": 20}, token=tokens["operator"])
    order = order_id(listed, str(tenants.a.order.number))
    before = await OrderEvent.all().count()

    # when
    answer = await api.post(ORDER_NOTE_ADD, {"order": order, "input": {"message": "Hello"}}, token=tokens["zeta"])

    # then
    assert answer.error_codes == ["PermissionDenied"]
    assert await OrderEvent.all().count() == before


async def test_the_home_page_shows_recent_orders_and_todays_points_within_the_callers_scope(api, world):
    # given
    tenants, tokens = world

    # when
    operator_activity = await api.ok(WELCOME_PAGE_ACTIVITIES, {"hasPermissionToManageOrders": True},
                                     token=tokens["operator"])
    acme_activity = await api.ok(WELCOME_PAGE_ACTIVITIES, {"hasPermissionToManageOrders": True},
                                 token=tokens["acme"])
    acme_sales = await api.ok(WELCOME_PAGE_ANALYTICS, {"channel": "bank-a-mall", "hasPermissionToManageOrders": True},
                              token=tokens["acme"])
    zeta_sales = await api.ok(WELCOME_PAGE_ANALYTICS, {"channel": "bank-a-mall", "hasPermissionToManageOrders": True},
                              token=tokens["zeta"])

    # then
    placed = [(e["node"]["type"], e["node"]["orderNumber"]) for e in operator_activity["activities"]["edges"]]
    assert placed == [("PLACED", str(tenants.a.order.number)), ("PLACED", str(tenants.b.order.number))]
    assert [e["node"]["orderNumber"] for e in acme_activity["activities"]["edges"]] == [str(tenants.a.order.number)]
    assert acme_sales["salesToday"]["gross"] == {"amount": 900.0, "currency": "PTS"}
    assert zeta_sales["salesToday"]["gross"] == {"amount": 0.0, "currency": "PTS"}


async def test_orders_of_an_earlier_day_do_not_count_for_today(api, world, set_clock, settings):
    # given: the next day in the mall's business time zone (Asia/Shanghai), signed in afresh
    set_clock("2026-11-21T01:00:00+00:00")
    token = token_for(await make_staff("morning@example.com", ["MANAGE_ORDERS"]), settings)

    # when
    answer = await api.ok(WELCOME_PAGE_ANALYTICS, {"channel": "bank-a-mall", "hasPermissionToManageOrders": True},
                          token=token)

    # then
    assert answer["salesToday"]["gross"] == {"amount": 0.0, "currency": "PTS"}
