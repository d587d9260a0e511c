"""Documents and steps of the digital gift API tests: a member redeeming vouchers the storefront's way."""

from __future__ import annotations

from typing import Any

from catalog.models import ProductVariant
from mall.accounts.models import ScopeKind, User
from mall.graphql.ids import to_global_id
from mall.settings import Settings
from tests.factories import make_staff, token_for
from tests.graphql_client import GraphQLClient
from tests.orders.graphql.helpers import COMPLETE, CREATE, PAY

VOUCHER_FIELDS = "id order orderNumber productName code codeMasked validUntil status usageEn usageZhHans reference"
VOUCHERS = f"query GiftCodes($order: ID) {{ giftCodes(order: $order) {{ {VOUCHER_FIELDS} }} }}"
UPLOAD = """
mutation Upload($variant: ID!, $csv: String!) {
  digitalCodesUpload(variant: $variant, csv: $csv) {
    added duplicates refused { row reason } digitalGift { mode availableCodes }
    errors { field code message }
  }
}
"""


def gid(type_name: str, pk: object) -> str:
    return to_global_id(type_name, pk)


async def checkout_and_complete(api: GraphQLClient, token: str, channel: str,
                                lines: list[tuple[ProductVariant, int]]) -> dict[str, Any]:
    """checkoutCreate, transactionInitialize (points), checkoutComplete: no address, no delivery method."""
    variables = {"channel": channel, "lines": [{"variantId": gid("ProductVariant", item.id), "quantity": quantity}
                                               for item, quantity in lines]}
    created = (await api.ok(CREATE, variables, token))["checkoutCreate"]
    if created["errors"]:
        return {"errors": created["errors"], "order": None}
    checkout_id = created["checkout"]["id"]
    paid = (await api.ok(PAY, {"id": checkout_id}, token))["transactionInitialize"]
    if paid["errors"]:
        return {"errors": paid["errors"], "order": None}
    return (await api.ok(COMPLETE, {"id": checkout_id}, token))["checkoutComplete"]


async def vouchers_seen(api: GraphQLClient, token: str | None, order_id: str | None = None) -> Any:
    answer = await api.post(VOUCHERS, {"order": order_id}, token)
    return answer.data["giftCodes"] if answer.data else answer.error_codes


async def staff_token(settings: Settings, email: str, permissions: list[str],
                      partner: str | None = None) -> str:
    staff: User = await make_staff(email, permissions, scope=(ScopeKind.PARTNER, partner) if partner else None)
    return token_for(staff, settings)
