"""Saleor's promotions API through HTTP, with the Dashboard's own documents: what the operator sets up is
the price members see, and exactly what checkout charges and the order records (catalog/graphql/promotions.py,
catalog/graphql/promoted_pricing.py, orders/services/member_prices.py)."""

from __future__ import annotations

from typing import Any

import pytest

from catalog.promotions.models import Promotion, PromotionRule, PromotionRuleChannel
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.orders.graphql.helpers import Shopper, shopper
from tests.orders.services.world import GIFT_POINTS, available
from tests.reference import SALEOR_OPERATIONS

DISCOUNTS = SALEOR_OPERATIONS / "dashboard" / "discounts"
pytestmark = pytest.mark.skipif(not DISCOUNTS.exists(), reason="Saleor's reference operations are not here")
NOW = "2026-11-12T03:00:00+08:00"
PRICES = """
query Gift($id: ID!, $channel: String!) {
  product(id: $id, channel: $channel) {
    pricing { onSale discount { gross { amount } } priceRange { start { gross { amount } } stop { gross { amount } } }
      priceRangeUndiscounted { start { gross { amount } } } }
    variants { pricing { onSale price { gross { amount } } priceUndiscounted { gross { amount } }
      discount { gross { amount } } } }
  }
}
"""
CART = """
query Cart($id: ID!) {
  checkout(id: $id) { totalPrice { gross { amount } }
    lines { unitPrice { gross { amount } } undiscountedUnitPrice { amount } totalPrice { gross { amount } } } }
}
"""


def document(name: str) -> str:
    return (DISCOUNTS / f"{name}.graphql").read_text()


async def operator_token(settings: Any) -> str:
    return token_for(await make_staff("promoter@example.com", ["MANAGE_DISCOUNTS"]), settings)


def spring_sale(member: Shopper, reward: dict[str, Any], **dates: str) -> dict[str, Any]:
    """PromotionCreate's input: one rule over the member's gift, in the member's channel."""
    product = to_global_id("Product", member.world.item.product_id)  # type: ignore[attr-defined]
    rule = {"name": "Tea", "channels": [to_global_id("Channel", member.world.channel.id)],
            "cataloguePredicate": {"productPredicate": {"ids": [product]}}, **reward}
    return {"name": "Spring", "type": "CATALOGUE", "startDate": dates.get("start", "2026-11-01T00:00:00+00:00"),
            "endDate": dates.get("end", "2026-11-30T00:00:00+00:00"), "rules": [rule]}


async def create(api: Any, token: str, data: dict[str, Any]) -> dict[str, Any]:
    return (await api.ok(document("PromotionCreate"), {"input": data}, token))["promotionCreate"]


async def prices_seen(member: Shopper) -> dict[str, Any]:
    """The gift's prices as the storefront shows them (to anyone: promotions do not depend on who looks)."""
    product = to_global_id("Product", member.world.item.product_id)  # type: ignore[attr-defined]
    return (await member.api.ok(PRICES, {"id": product, "channel": member.world.channel.slug}))["product"]


def amount(money: dict[str, Any] | None) -> float | None:
    return None if money is None else money["gross"]["amount"]


async def test_the_dashboards_promotion_is_the_price_members_see_and_what_checkout_charges(api, settings, set_clock):
    # given a gift of 1,200 points and the operator's 25 % spring sale on it
    set_clock(NOW)
    member = await shopper(api, settings, points=10_000)
    created = await create(api, await operator_token(settings), spring_sale(
        member, {"rewardValueType": "PERCENTAGE", "rewardValue": 25}))
    assert created["errors"] == []

    # when the member looks, then buys one
    seen = await prices_seen(member)
    checkout_id = await member.ready()
    cart = (await member.call(CART, id=checkout_id))["checkout"]
    assert (await member.pay(checkout_id))["errors"] == []
    order = (await member.complete(checkout_id))["order"]

    # then every price says 900 points, and 900 points left the member's balance
    variant = seen["variants"][0]["pricing"]
    assert (seen["pricing"]["onSale"], amount(seen["pricing"]["discount"]),
            seen["pricing"]["priceRange"]["start"]["gross"]["amount"],
            seen["pricing"]["priceRangeUndiscounted"]["start"]["gross"]["amount"]) == (True, 300, 900, GIFT_POINTS)
    assert (variant["onSale"], amount(variant["price"]), amount(variant["priceUndiscounted"]),
            amount(variant["discount"])) == (True, 900, GIFT_POINTS, 300)
    line = cart["lines"][0]
    assert (cart["totalPrice"]["gross"]["amount"], line["unitPrice"]["gross"]["amount"],
            line["undiscountedUnitPrice"]["amount"], line["totalPrice"]["gross"]["amount"]) == (
        900, 900, GIFT_POINTS, 900)
    assert order["total"]["gross"]["amount"] == 900
    assert await available(member.world) == 10_000 - 900


async def test_before_its_start_and_after_its_end_a_promotion_changes_no_price(api, settings, set_clock):
    # given a fixed 100-point promotion running on 13 November only
    set_clock(NOW)
    member = await shopper(api, settings)
    created = await create(api, await operator_token(settings), spring_sale(
        member, {"rewardValueType": "FIXED", "rewardValue": 100},
        start="2026-11-13T00:00:00+00:00", end="2026-11-14T00:00:00+00:00"))
    assert created["errors"] == []

    # when the member looks before, during and after it
    before = await prices_seen(member)
    set_clock("2026-11-13T12:00:00+00:00")
    during = await prices_seen(member)
    set_clock("2026-11-14T00:00:00+00:00")
    after = await prices_seen(member)

    # then
    assert [amount(seen["variants"][0]["pricing"]["price"]) for seen in (before, during, after)] == [
        GIFT_POINTS, GIFT_POINTS - 100, GIFT_POINTS]
    assert [seen["pricing"]["onSale"] for seen in (before, during, after)] == [False, True, False]


async def test_the_dashboards_rule_documents_add_change_and_remove_a_rule(api, settings, set_clock):
    # given a promotion without rules
    set_clock(NOW)
    member = await shopper(api, settings)
    token = await operator_token(settings)
    data = spring_sale(member, {})
    rule_input = data.pop("rules")[0]
    promotion = (await create(api, token, data))["promotion"]

    # when the Dashboard adds a 10 % rule, makes it 20 points off, then deletes it
    added = (await api.ok(document("PromotionRuleCreate"), {"input": {
        **rule_input, "promotion": promotion["id"], "rewardValueType": "PERCENTAGE", "rewardValue": 10}},
        token))["promotionRuleCreate"]
    rule_id = added["promotionRule"]["id"]
    with_ten = await prices_seen(member)
    changed = (await api.ok(document("PromotionRuleUpdate"), {"id": rule_id, "input": {
        "rewardValueType": "FIXED", "rewardValue": 20}}, token))["promotionRuleUpdate"]
    with_twenty = await prices_seen(member)
    details = (await api.ok(document("PromotionDetails"), {"id": promotion["id"]}, token))["promotion"]
    deleted = (await api.ok(document("PromotionRuleDelete"), {"id": rule_id}, token))["promotionRuleDelete"]

    # then
    assert (added["errors"], changed["errors"], deleted["errors"]) == ([], [], [])
    assert added["promotionRule"]["channels"][0]["slug"] == member.world.channel.slug
    assert (changed["promotionRule"]["rewardValueType"], changed["promotionRule"]["rewardValue"]) == ("FIXED", 20)
    assert details["rules"][0]["cataloguePredicate"] == rule_input["cataloguePredicate"]
    assert [amount(seen["variants"][0]["pricing"]["price"]) for seen in (with_ten, with_twenty)] == [1_080, 1_180]
    assert await PromotionRule.all().count() == 0
    assert amount((await prices_seen(member))["variants"][0]["pricing"]["price"]) == GIFT_POINTS


async def test_the_dashboards_list_update_and_delete_documents(api, settings, set_clock):
    # given
    set_clock(NOW)
    member = await shopper(api, settings)
    token = await operator_token(settings)
    promotion = (await create(api, token, spring_sale(member, {"rewardValueType": "PERCENTAGE",
                                                                "rewardValue": 5})))["promotion"]

    # when
    listed = (await api.ok(document("PromotionsList"), {"first": 20}, token))["promotions"]
    updated = (await api.ok(document("PromotionUpdate"), {"id": promotion["id"], "input": {"name": "Autumn"}},
                            token))["promotionUpdate"]
    deleted = (await api.ok(document("PromotionDelete"), {"id": promotion["id"]}, token))["promotionDelete"]

    # then
    assert [edge["node"]["name"] for edge in listed["edges"]] == ["Spring"]
    assert (updated["errors"], updated["promotion"]["name"]) == ([], "Autumn")
    assert deleted["errors"] == []
    assert (await Promotion.all().count(), await PromotionRuleChannel.all().count()) == (0, 0)


@pytest.mark.parametrize(("reward", "code", "field"), [
    ({"rewardValueType": "PERCENTAGE", "rewardValue": 120}, "INVALID", "rewardValue"),
    ({"rewardValueType": "FIXED", "rewardValue": "10.5"}, "INVALID_PRECISION", "rewardValue"),
    ({"rewardValue": 10}, "REQUIRED", "rewardValueType"),
])
async def test_a_refused_rule_writes_no_promotion(api, settings, set_clock, reward, code, field):
    # given
    set_clock(NOW)
    member = await shopper(api, settings)

    # when
    answer = await create(api, await operator_token(settings), spring_sale(member, reward))

    # then
    assert [(error["code"], error["field"]) for error in answer["errors"]] == [(code, field)]
    assert answer["promotion"] is None
    assert (await Promotion.all().count(), await PromotionRule.all().count()) == (0, 0)


async def test_an_order_promotion_is_refused_and_nothing_is_written(api, settings, set_clock):
    set_clock(NOW)
    member = await shopper(api, settings)
    data = {**spring_sale(member, {"rewardValueType": "PERCENTAGE", "rewardValue": 5}), "type": "ORDER"}

    answer = await create(api, await operator_token(settings), data)

    assert [(error["code"], error["field"]) for error in answer["errors"]] == [("INVALID", "type")]
    assert await Promotion.all().count() == 0


async def test_a_member_cannot_create_a_promotion(api, settings, set_clock):
    set_clock(NOW)
    member = await shopper(api, settings)

    answer = await api.post(document("PromotionCreate"), {"input": spring_sale(
        member, {"rewardValueType": "PERCENTAGE", "rewardValue": 50})}, member.token)

    assert answer.error_codes == ["PermissionDenied"]
    assert await Promotion.all().count() == 0


async def test_the_list_filters_by_type_and_refuses_filters_it_cannot_apply(api, settings, set_clock):
    # given: one catalogue promotion
    set_clock(NOW)
    member = await shopper(api, settings)
    token = await operator_token(settings)
    await create(api, token, spring_sale(member, {"rewardValueType": "PERCENTAGE", "rewardValue": 5}))
    by_type = ("query ($where: PromotionWhereInput) { promotions(first: 5, where: $where) "
               "{ edges { node { name } } } }")

    # when: filtered by an enum value (CATALOGUE and ORDER), then by an end date the list does not filter on
    catalogue = await api.ok(by_type, {"where": {"type": {"eq": "CATALOGUE"}}}, token)
    order = await api.ok(by_type, {"where": {"type": {"oneOf": ["ORDER"]}}}, token)
    by_end = await api.post(by_type, {"where": {"endDate": {"range": {"gte": "2026-01-01T00:00:00+00:00"}}}}, token)

    # then
    assert [e["node"]["name"] for e in catalogue["promotions"]["edges"]] == ["Spring"]
    assert order["promotions"]["edges"] == []
    assert by_end.error_messages[0] == ("Points mall: promotions filter by ids, name and type only, "
                                              "not ['endDate'].")


async def test_a_rule_for_gold_members_is_set_through_the_api_and_spares_other_members(api, settings, set_clock):
    # given the operator's 25 % sale on the member's gift for gold members only (mall-only `tierPredicate`)
    set_clock(NOW)
    member = await shopper(api, settings, points=10_000)
    sale = spring_sale(member, {"rewardValueType": "PERCENTAGE", "rewardValue": 25})
    sale["rules"][0]["cataloguePredicate"]["tierPredicate"] = {"codes": ["GOLD"]}

    # when it is created with the Dashboard's document, and a member outside the tier looks
    created = await create(api, await operator_token(settings), sale)
    seen = await prices_seen(member)

    # then the rule keeps its member condition, and this member sees the gift's own price
    assert created["errors"] == []
    predicate = created["promotion"]["rules"][0]["cataloguePredicate"]
    assert predicate["tierPredicate"] == {"codes": ["GOLD"]}
    assert (seen["pricing"]["onSale"], amount(seen["variants"][0]["pricing"]["price"])) == (False, GIFT_POINTS)


async def test_a_malformed_member_condition_is_refused_through_the_api_and_nothing_is_written(
        api, settings, set_clock):
    # given a sale whose segment condition names an empty code
    set_clock(NOW)
    member = await shopper(api, settings)
    sale = spring_sale(member, {"rewardValueType": "FIXED", "rewardValue": 100})
    sale["rules"][0]["cataloguePredicate"]["segmentPredicate"] = {"codes": [""]}

    # when the operator creates it
    created = await create(api, await operator_token(settings), sale)

    # then it is refused, and no promotion exists
    assert [error["field"] for error in created["errors"]] == ["cataloguePredicate"]
    assert created["promotion"] is None
    assert await Promotion.all().count() == 0
