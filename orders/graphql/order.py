"""Saleor's Order: a redemption, its lines, addresses, delivery and totals in the channel's points unit, and
its timeline.

Two groups of its fields live in their own modules: what was paid and what went back (order_payments) and
what the fulfilment domain answers, shipments and returns (order_fulfilment). `Order` lists every field where
Saleor's schema does, assigning those from the other modules in place, so the schema's field order is kept.
Everything Saleor shows of an order that a points mall has no use for (invoices, gift cards) answers
empty; permissions follow Saleor's field descriptions.
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql.product_type import TaxClass, Weight, weight_of
from catalog.graphql.types import Warehouse
from mall.accounts.customer_scope import mask_email
from mall.accounts.graphql.types import Address
from mall.channels.graphql.types import Channel
from mall.channels.models import Channel as ChannelModel
from mall.graphql.common import MetadataItem, Money, Node, ObjectWithMetadata, TaxedMoney
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import require_permission, require_staff_or_app
from mall.graphql.scalars import PositiveDecimal
from orders.graphql import order_fulfilment, order_payments
from orders.graphql.absent import GiftCard, Invoice, OrderDiscount
from orders.graphql.common import Memo, address_row, points, require_owner_or, taxed_points, user_node, user_row
from orders.graphql.enums import DiscountValueTypeEnum, OrderAction, OrderDiscountType, OrderOriginEnum, OrderStatus
from orders.graphql.errors import OrderError
from orders.graphql.events import OrderEvent
from orders.graphql.order_access import shown_address, view_of, visible_lines
from orders.graphql.order_lines import OrderLine, lines_of_order
from orders.graphql.shipping import DeliveryMethod, ShippingMethod
from orders.graphql.voucher_types import Voucher, translated_voucher_name, voucher_node
from orders.models import Order as OrderModel
from orders.models import OrderEvent as OrderEventModel
from orders.models import ShippingMethod as ShippingMethodModel
from orders.services.visibility import OrderView

if TYPE_CHECKING:
    from mall.graphql.composed import User

UserRef = Annotated["User", strawberry.lazy("mall.graphql.composed")]
STATUS_DISPLAY = {
    "DRAFT": "Draft", "UNCONFIRMED": "Unconfirmed", "UNFULFILLED": "Unfulfilled",
    "PARTIALLY_FULFILLED": "Partially fulfilled", "PARTIALLY_RETURNED": "Partially returned",
    "RETURNED": "Returned", "FULFILLED": "Fulfilled", "CANCELED": "Canceled", "EXPIRED": "Expired",
}
ORDERS = "MANAGE_ORDERS"


@strawberry.type(description="Represents an order in the shop: one redemption of points for gifts.")
class Order(Node, ObjectWithMetadata):
    model: strawberry.Private[OrderModel]
    channel_model: strawberry.Private[ChannelModel]
    memo: strawberry.Private[Memo]

    @classmethod
    def of(cls, model: OrderModel, channel: ChannelModel) -> Order:
        return cls(id=to_global_id("Order", model.id), model=model, channel_model=channel, memo=Memo())

    def view(self, info: Info) -> Awaitable[OrderView]:
        """How much of this order the caller sees: once per order object, whichever field asks first."""
        return self.memo.get("view", lambda: view_of(info, self.model))

    @property
    def unit(self) -> str:
        return self.channel_model.currency_code

    @property
    def status_name(self) -> str:
        return self.model.status.upper()

    @strawberry.field(description="Date and time when the order was created.")
    def created(self) -> datetime.datetime:
        return self.model.created_at

    @strawberry.field(description="Date and time when the order was last changed.")
    def updated_at(self) -> datetime.datetime:
        return self.model.updated_at

    @strawberry.field(description="Status of the order.")
    def status(self) -> OrderStatus:
        return OrderStatus[self.status_name]

    @strawberry.field(description="User who placed the order. Requires one of the following permissions: "
                      "MANAGE_USERS, MANAGE_ORDERS, HANDLE_PAYMENTS, OWNER.")
    async def user(self, info: Info) -> UserRef | None:
        owner_id = self.model.user_id  # type: ignore[attr-defined]
        if owner_id is None:
            return None
        await require_owner_or(info, owner_id, "MANAGE_USERS", ORDERS, "HANDLE_PAYMENTS")
        return await user_node(info, await user_row(info.context, owner_id))

    @strawberry.field(description="Google Analytics tracking client ID.")
    def tracking_client_id(self) -> str:
        return ""

    @strawberry.field(description="Billing address (masked unless the caller is the buyer or staff with "
                      "MANAGE_ORDERS of the whole order).")
    async def billing_address(self, info: Info) -> Address | None:
        visible = await self.view(info) == OrderView.FULL
        return await _address(info, self.model.billing_address_id, visible)  # type: ignore[attr-defined]

    @strawberry.field(description="Shipping address (masked unless the caller is the buyer or staff with "
                      "MANAGE_ORDERS, a partner's included: they ship the parcel).")
    async def shipping_address(self, info: Info) -> Address | None:
        visible = await self.view(info) in {OrderView.FULL, OrderView.SHIPPING}
        return await _address(info, self.model.shipping_address_id, visible)  # type: ignore[attr-defined]

    @strawberry.field(description="Method used for shipping.")
    def shipping_method_name(self) -> str | None:
        return self.model.shipping_method_name or None

    @strawberry.field(description="Name of the collection point where the order should be picked up.")
    def collection_point_name(self) -> str | None:
        return None

    @strawberry.field(description="Channel through which the order was placed.")
    def channel(self) -> Channel:
        return Channel.of(self.channel_model)

    fulfillments = order_fulfilment.fulfillments
    return_requests = order_fulfilment.return_requests

    @strawberry.field(description="List of order lines (a partner's staff: their partner's lines only).")
    async def lines(self, info: Info) -> list[OrderLine]:
        rows = await visible_lines(info, await lines_of_order(info.context, self.model.id))
        return [OrderLine.of(row, self.channel_model) for row in rows]

    @strawberry.field(description="List of actions that can be performed in the current state of an order: "
                      "points are redeemed at completion, so there is nothing to capture, void or mark as paid.")
    def actions(self) -> list[OrderAction]:
        return []

    @strawberry.field(description="Shipping methods related to this order.")
    def shipping_methods(self) -> list[ShippingMethod]:
        return []

    @strawberry.field(description="Collection points that can be used for this order.")
    def available_collection_points(self) -> list[Warehouse]:
        return []

    @strawberry.field(description="List of order invoices.")
    def invoices(self) -> list[Invoice]:
        return []

    @strawberry.field(description="User-friendly number of an order.")
    def number(self) -> str:
        return str(self.model.number)

    @strawberry.field(description="The ID of the order that was the base for this order.")
    def original(self) -> strawberry.ID | None:
        return None

    @strawberry.field(description="The order origin.")
    def origin(self) -> OrderOriginEnum:
        return OrderOriginEnum.CHECKOUT

    is_paid = order_payments.is_paid
    payment_status = order_payments.payment_status
    payment_status_display = order_payments.payment_status_display
    authorize_status = order_payments.authorize_status
    charge_status = order_payments.charge_status

    @strawberry.field(description="Returns True if order has to be exempt from taxes.")
    def tax_exemption(self) -> bool:
        return False

    transactions = order_payments.transactions
    payments = order_payments.payments

    @strawberry.field(description="Total amount of the order, in points.")
    def total(self) -> TaxedMoney:
        return taxed_points(self.model.total_points, self.unit)

    @strawberry.field(description="Undiscounted total amount of the order (before the member's loyalty tier "
                      "discount on the lines).")
    def undiscounted_total(self) -> TaxedMoney:
        undiscounted = self.model.total_points + self.model.tier_discount_points + self.model.voucher_discount_points
        return taxed_points(undiscounted, self.unit)

    @strawberry.field(description="Mall-only: the code of the member's loyalty tier whose benefits (a points "
                      "discount, free delivery) this order received; null when none applied.")
    def loyalty_tier_code(self) -> str | None:
        return self.model.tier_code

    @strawberry.field(description="Mall-only: the points the member's loyalty tier discount took off the lines.")
    def loyalty_tier_discount(self) -> Money:
        return points(self.model.tier_discount_points, self.unit)

    async def _shipping_method(self) -> ShippingMethod | None:
        method_id = self.model.shipping_method_id  # type: ignore[attr-defined]
        method = await ShippingMethodModel.get_or_none(id=method_id) if method_id is not None else None
        return ShippingMethod.of(method, self.unit) if method else None

    @strawberry.field(description="Shipping method for this order.", deprecation_reason="Use `deliveryMethod` instead.")
    async def shipping_method(self) -> ShippingMethod | None:
        return await self._shipping_method()

    @strawberry.field(description="Undiscounted total price of shipping.")
    def undiscounted_shipping_price(self) -> Money:
        return points(self.model.shipping_price_points, self.unit)

    @strawberry.field(description="Total price of shipping.")
    def shipping_price(self) -> TaxedMoney:
        return taxed_points(self.model.shipping_price_points, self.unit)

    @strawberry.field(description="The shipping tax rate value.")
    def shipping_tax_rate(self) -> float:
        return 0.0

    @strawberry.field(description="Denormalized tax class assigned to the shipping method. "
                      "Requires one of the following permissions: AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP.")
    async def shipping_tax_class(self, info: Info) -> TaxClass | None:
        await require_staff_or_app(info)
        return None

    @strawberry.field(description="Denormalized name of the tax class assigned to the shipping method.")
    def shipping_tax_class_name(self) -> str | None:
        return None

    @strawberry.field(description="Denormalized public metadata of the shipping method's tax class.")
    def shipping_tax_class_metadata(self) -> list[MetadataItem]:
        return []

    @strawberry.field(description="Denormalized private metadata of the shipping method's tax class. "
                      "Requires staff permissions to access.")
    async def shipping_tax_class_private_metadata(self, info: Info) -> list[MetadataItem]:
        await require_staff_or_app(info)
        return []

    @strawberry.field(deprecation_reason="Use `id` instead.")
    def token(self) -> str:
        return str(self.model.id)

    @strawberry.field(description="Voucher linked to the order. Requires MANAGE_DISCOUNTS.")
    async def voucher(self, info: Info) -> Voucher | None:
        if self.model.voucher_id is None:  # type: ignore[attr-defined]
            return None
        await require_permission(info, "MANAGE_DISCOUNTS")
        return await voucher_node(self.model.voucher_id, self.channel_model.slug)  # type: ignore[attr-defined]

    @strawberry.field(description="Voucher code that was used for Order.")
    def voucher_code(self) -> str | None:
        return self.model.voucher_code

    @strawberry.field(description="List of user gift cards.")
    def gift_cards(self) -> list[GiftCard]:
        return []

    @strawberry.field(description="Additional information provided by the customer about the order.")
    def customer_note(self) -> str:
        return self.model.customer_note

    @strawberry.field(description="Weight of the order.")
    def weight(self) -> Weight:
        return weight_of(0)  # type: ignore[return-value]

    @strawberry.field(description="URL to which user should be redirected after order is placed.")
    def redirect_url(self) -> str | None:
        return None

    @strawberry.field(description="The sum of line prices not including shipping.")
    def subtotal(self) -> TaxedMoney:
        return taxed_points(self.model.subtotal_points, self.unit)

    @strawberry.field(description="User-friendly order status.")
    def status_display(self) -> str:
        return STATUS_DISPLAY[self.status_name]

    @strawberry.field(description="Informs whether a draft order can be finalized (turned into a regular order).")
    def can_finalize(self) -> bool:
        return True

    total_authorized = order_payments.total_authorized
    total_captured = order_payments.total_captured
    total_charged = order_payments.total_charged
    total_canceled = order_payments.total_canceled

    @strawberry.field(description="List of events associated with the order. Requires MANAGE_ORDERS.")
    async def events(self, info: Info) -> list[OrderEvent]:
        await require_permission(info, ORDERS)
        rows = await OrderEventModel.filter(order_id=self.model.id).order_by("id")
        return [OrderEvent.of(row, self) for row in rows]

    total_balance = order_payments.total_balance

    @strawberry.field(description="Email address of the customer (masked unless the caller is the buyer or staff "
                      "with MANAGE_ORDERS of the whole order).")
    async def user_email(self, info: Info) -> str | None:
        if not self.model.user_email:
            return None
        full = await self.view(info) == OrderView.FULL
        return self.model.user_email if full else mask_email(self.model.user_email)

    @strawberry.field(description="Returns True, if order requires shipping.")
    async def is_shipping_required(self, info: Info) -> bool:
        return any(line.is_shipping_required for line in await lines_of_order(info.context, self.model.id))

    @strawberry.field(description="The delivery method selected for this order.")
    async def delivery_method(self) -> DeliveryMethod | None:
        return await self._shipping_method()

    @strawberry.field(deprecation_reason="Use the `languageCodeEnum` field to fetch the language code.")
    def language_code(self) -> str:
        return self.model.language_code.lower().replace("_", "-")

    @strawberry.field(description="Order language code.")
    def language_code_enum(self) -> LanguageCodeEnum:
        return LanguageCodeEnum.__members__.get(self.model.language_code, LanguageCodeEnum.EN)

    @strawberry.field(description="Returns applied discount.", deprecation_reason="Use the `discounts` field instead.")
    def discount(self) -> Money | None:
        return points(self.model.voucher_discount_points, self.unit) if self.model.voucher_code else None

    @strawberry.field(description="Discount name.", deprecation_reason="Use the `discounts` field instead.")
    def discount_name(self) -> str | None:
        return self.model.voucher_name or None if self.model.voucher_code else None

    @strawberry.field(description="Translated discount name.", deprecation_reason="Use the `discounts` field instead.")
    async def translated_discount_name(self) -> str | None:
        if not self.model.voucher_code or self.model.voucher_id is None:  # type: ignore[attr-defined]
            return None
        translated = await translated_voucher_name(self.model.voucher_id, self.model.language_code)  # type: ignore[attr-defined]
        return translated or self.model.voucher_name or None

    @strawberry.field(description="List of all discounts assigned to the order: its voucher's, in points (the "
                      "loyalty tier's discount is `loyaltyTierDiscount`).")
    def discounts(self) -> list[OrderDiscount]:
        if not self.model.voucher_code:
            return []
        taken = points(self.model.voucher_discount_points, self.unit)
        return [OrderDiscount(
            id=strawberry.ID(to_global_id("OrderDiscount", str(self.model.id))), type=OrderDiscountType.VOUCHER,
            name=self.model.voucher_name or None, translated_name=None, value_type=DiscountValueTypeEnum.FIXED,
            value=PositiveDecimal(self.model.voucher_discount_points), reason=None, amount=taken, total=taken,
        )]

    @strawberry.field(description="List of errors that occurred during order validation.")
    def errors(self) -> list[OrderError]:
        return []

    @strawberry.field(description="Determines whether displayed prices should include taxes.")
    def display_gross_prices(self) -> bool:
        return True

    @strawberry.field(description="External ID of this order.")
    def external_reference(self) -> str | None:
        return None

    @strawberry.field(description="ID of the checkout that the order was created from.")
    def checkout_id(self) -> strawberry.ID | None:
        token = self.model.checkout_token
        return strawberry.ID(to_global_id("Checkout", token)) if token else None

    granted_refunds = order_payments.granted_refunds
    total_granted_refund = order_payments.total_granted_refund
    total_refunded = order_payments.total_refunded
    total_refund_pending = order_payments.total_refund_pending
    total_authorize_pending = order_payments.total_authorize_pending
    total_charge_pending = order_payments.total_charge_pending
    total_cancel_pending = order_payments.total_cancel_pending
    total_remaining_grant = order_payments.total_remaining_grant


async def _address(info: Info, address_id: int | None, visible: bool) -> Address | None:
    if address_id is None:
        return None
    row = shown_address(await address_row(info.context, address_id), visible)
    return Address.of(row) if row else None
