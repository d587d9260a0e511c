"""The order page's line and discount edits (the Dashboard's `OrderLinesAdd`, `OrderLineUpdate`, `OrderLineDelete`,
`OrderDiscountAdd` documents): a points order is paid when the member completes the checkout, so its lines and
discounts stay as paid, refused with Saleor's NOT_EDITABLE and what to do instead; nothing is written."""

from __future__ import annotations

import pytest

from mall.accounts.permissions import ALL_PERMISSIONS
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.reference import SALEOR_OPERATIONS
from tests.security.probe import database_state
from tests.tenants import make_tenants

ORDERS = SALEOR_OPERATIONS / "dashboard" / "orders"
pytestmark = pytest.mark.skipif(not ORDERS.exists(), reason="Saleor's reference pack is not on this machine")
MESSAGE = ("A points mall's order is paid with the member's points when they complete the checkout, so its {what} "
           "cannot change afterwards: cancel the order (its points go back to the member) and let the member redeem "
           "again.")


def document(name: str) -> str:
    return (ORDERS / f"{name}.graphql").read_text()


async def test_the_lines_and_discounts_of_a_paid_order_stay_as_paid(api, settings):
    # given
    tenants = await make_tenants(settings)
    operator = token_for(await make_staff("ops@example.com", list(ALL_PERMISSIONS)), settings)
    order = to_global_id("Order", tenants.a.order.id)
    line = to_global_id("OrderLine", (await tenants.a.order.lines.all())[0].id)
    variant = to_global_id("ProductVariant", tenants.a.variant.id)
    before = await database_state()

    # when
    added = await api.ok(document("OrderLinesAdd"), {"id": order, "input": [{"variantId": variant, "quantity": 1}]},
                         token=operator)
    updated = await api.ok(document("OrderLineUpdate"), {"id": line, "input": {"quantity": 2}}, token=operator)
    deleted = await api.ok(document("OrderLineDelete"), {"id": line}, token=operator)
    discounted = await api.ok(document("OrderDiscountAdd"), {
        "orderId": order, "input": {"valueType": "FIXED", "value": 100, "reason": "Late delivery"}}, token=operator)

    # then
    answers = ((added, "orderLinesCreate", "lines"), (updated, "orderLineUpdate", "lines"),
               (deleted, "orderLineDelete", "lines"), (discounted, "orderDiscountAdd", "discounts"))
    for answer, mutation, what in answers:
        assert answer[mutation]["order"] is None
        assert [(e["code"], e["field"], e["message"]) for e in answer[mutation]["errors"]] == [
            ("NOT_EDITABLE", None, MESSAGE.format(what=what))]
    assert await database_state() == before
