"""Delivery methods in the member's language: `translation(languageCode:)` answers the method's Chinese
wording, and nothing for a language it has none in."""

from __future__ import annotations

import json

from orders.models import ShippingMethod
from orders.services.shipping_translations import translate_shipping_method
from tests.orders.graphql.helpers import CREATE, shopper, variant_id

METHODS = """
query($id: ID!, $lang: LanguageCodeEnum!) { checkout(id: $id) {
  shippingMethods { name translation(languageCode: $lang) { name description language { code } } }
} }
"""


async def test_a_delivery_method_answers_its_chinese_name_for_zh_hans(api, settings):
    # given: a cart whose only delivery method has a Chinese wording
    member = await shopper(api, settings)
    lines = [{"quantity": 1, "variantId": variant_id(member.world)}]
    created = await api.ok(CREATE, {"channel": member.world.channel.slug, "lines": lines, "email": "guest@example.com"})
    checkout_id = created["checkoutCreate"]["checkout"]["id"]
    method = await ShippingMethod.get(name="Standard")
    await translate_shipping_method(method.id, "ZH_HANS", "标准配送", "由合作商户的快递免费配送。")

    # when
    chinese = (await api.ok(METHODS, {"id": checkout_id, "lang": "ZH_HANS"}))["checkout"]["shippingMethods"]
    french = (await api.ok(METHODS, {"id": checkout_id, "lang": "FR"}))["checkout"]["shippingMethods"]

    # then
    translation = chinese[0]["translation"]
    assert (translation["name"], translation["language"]) == ("标准配送", {"code": "ZH_HANS"})
    assert json.loads(translation["description"]) == {
        "blocks": [{"type": "paragraph", "data": {"text": "由合作商户的快递免费配送。"}}]}
    assert french == [{"name": "Standard", "translation": None}]
