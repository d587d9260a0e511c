"""Vouchers made as the Dashboard makes them (its own documents, its variables' shapes) and used as Saleor's
checkout clients use them."""

from __future__ import annotations

from typing import Any

from mall.accounts.models import User
from mall.graphql.ids import to_global_id
from tests.factories import make_staff, token_for
from tests.graphql_client import GraphQLClient
from tests.orders.services.world import World
from tests.reference import SALEOR_OPERATIONS

DISCOUNTS = SALEOR_OPERATIONS / "dashboard" / "discounts"
TRANSLATIONS = SALEOR_OPERATIONS / "dashboard" / "translations"
NOW = "2026-11-12T10:00:00+08:00"
ERRORS = "errors { field code message }"
CART = """checkout { id voucherCode discountName discount { amount currency }
  subtotalPrice { gross { amount } } totalPrice { gross { amount } } }"""
ADD_PROMO = f"""
mutation AddPromo($id: ID!, $promoCode: String!) {{
  checkoutAddPromoCode(id: $id, promoCode: $promoCode) {{ {CART} {ERRORS} }}
}}
"""
REMOVE_PROMO = f"""
mutation RemovePromo($id: ID!, $promoCode: String, $promoCodeId: ID) {{
  checkoutRemovePromoCode(id: $id, promoCode: $promoCode, promoCodeId: $promoCodeId) {{ {CART} {ERRORS} }}
}}
"""
ORDER_VOUCHER = """
query OrderVoucher($id: ID!) {
  order(id: $id) { voucherCode total { gross { amount } } undiscountedTotal { gross { amount } }
    discounts { type name amount { amount } } }
}
"""


def document(name: str, folder: Any = DISCOUNTS) -> str:
    return str((folder / f"{name}.graphql").read_text())


async def operator_token(settings: Any) -> str:
    staff = await User.get_or_none(email="promoter@example.com") or await make_staff(
        "promoter@example.com", ["MANAGE_DISCOUNTS", "MANAGE_PRODUCTS"])  # the Dashboard shows the gifts too
    return token_for(staff, settings)


def catalogue_variables(**extra: Any) -> dict[str, Any]:
    """VoucherCatalogue's flags as the Dashboard's voucher page sends them."""
    return {"first": 20, "includeProducts": True, "includeCollections": True, "includeCategories": True,
            "includeVariants": True, **extra}


async def create_voucher(api: GraphQLClient, token: str, world: World, value: int, *, codes: list[str],
                         min_spent: int | None = None, **terms: Any) -> str:
    """voucherCreate then voucherChannelListingUpdate, the Dashboard's two steps; returns the voucher's ID."""
    data = {"name": terms.pop("name", "Welcome"), "type": terms.pop("type", "ENTIRE_ORDER"),
            "discountValueType": terms.pop("discountValueType", "FIXED"), "addCodes": codes,
            "applyOncePerCustomer": False, "applyOncePerOrder": False, "onlyForStaff": False,
            "singleUse": False, "startDate": "2026-11-01T00:00:00+00:00", "endDate": None,
            "usageLimit": None, "minCheckoutItemsQuantity": 0, "products": [], "collections": [],
            "categories": [], "variants": [], **terms}
    created = (await api.ok(document("VoucherCreate"), {"input": data}, token))["voucherCreate"]
    assert created["errors"] == [], created
    voucher_id = str(created["voucher"]["id"])
    listing = {"addChannels": [{"channelId": to_global_id("Channel", world.channel.id), "discountValue": value,
                                "minAmountSpent": min_spent}], "removeChannels": []}
    listed = (await api.ok(document("VoucherChannelListingUpdate"), {"id": voucher_id, "input": listing},
                           token))["voucherChannelListingUpdate"]
    assert listed["errors"] == [], listed
    return voucher_id
