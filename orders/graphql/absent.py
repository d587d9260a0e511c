"""Saleor types the points mall never fills, declared so that Saleor clients' documents validate.

A points mall has no gift cards, invoices, legacy payments, granted refunds, discounts or stored
cards: the fields returning them answer null or an empty list. Each type carries the scalar fields of
Saleor's (enough for the fragments clients send); none is ever instantiated.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry.scalars import JSON

from catalog.graphql.types import Page, Product
from mall.graphql.common import Money, Node, ObjectWithMetadata
from mall.graphql.saleor_absent.answers import never_resolved
from mall.graphql.saleor_absent.generated import (
    App,
    GiftCardEvent,
    GiftCardEventFilterInput,
    GiftCardTag,
    OrderGrantedRefundLine,
    Transaction,
)
from mall.graphql.scalars import PositiveDecimal
from orders.graphql.enums import (
    DiscountValueTypeEnum,
    JobStatusEnum,
    OrderAction,
    OrderDiscountType,
    OrderGrantedRefundStatusEnum,
    PaymentChargeStatusEnum,
    TokenizedPaymentFlowEnum,
)
from orders.graphql.shipping import PaymentGateway
from orders.graphql.voucher_types import Voucher as Voucher  # the real one: orders.graphql.voucher_types

if TYPE_CHECKING:
    from mall.graphql.composed import User
    from orders.graphql.checkout import Checkout
    from orders.graphql.order import Order
    from orders.graphql.transactions import TransactionEvent, TransactionItem

OrderRef = Annotated["Order", strawberry.lazy("orders.graphql.order")]
CheckoutRef = Annotated["Checkout", strawberry.lazy("orders.graphql.checkout")]
UserRef = Annotated["User", strawberry.lazy("mall.graphql.composed")]
TransactionEventRef = Annotated["TransactionEvent", strawberry.lazy("orders.graphql.transactions")]
TransactionItemRef = Annotated["TransactionItem", strawberry.lazy("orders.graphql.transactions")]
NEVER = "Not used by the points mall."


@strawberry.type(description="A gift card is a prepaid electronic payment card. " + NEVER)
class GiftCard(Node, ObjectWithMetadata):
    display_code: str
    last_4_code_chars: str
    code: str
    created: datetime.datetime
    created_by_email: str | None
    used_by_email: str | None
    assigned_to_email: str | None
    last_used_on: datetime.datetime | None
    expiry_date: datetime.date | None
    bought_in_channel: str | None
    is_active: bool
    initial_balance: Money
    current_balance: Money
    created_by: UserRef | None
    used_by: UserRef | None
    assigned_to: UserRef | None
    user: UserRef | None
    product: Product | None
    start_date: datetime.datetime | None
    end_date: datetime.datetime | None
    app: App | None
    tags: list[GiftCardTag]

    @strawberry.field(description="List of events associated with the gift card.")
    def events(self, filter: GiftCardEventFilterInput | None = None) -> list[GiftCardEvent]:
        return never_resolved()


@strawberry.type(description="Represents an Invoice. " + NEVER)
class Invoice(Node, ObjectWithMetadata):
    status: JobStatusEnum
    created_at: datetime.datetime
    updated_at: datetime.datetime
    message: str | None
    number: str | None
    external_url: str | None
    url: str | None
    order: OrderRef | None


@strawberry.type(description="Represents a payment of a given type (legacy Payments API). " + NEVER)
class Payment(Node, ObjectWithMetadata):
    gateway: str
    is_active: bool
    created: datetime.datetime
    modified: datetime.datetime
    token: str
    payment_method_type: str
    customer_ip_address: str | None
    charge_status: PaymentChargeStatusEnum
    actions: list[OrderAction]
    total: Money | None
    captured_amount: Money | None
    available_capture_amount: Money | None
    available_refund_amount: Money | None
    psp_reference: str | None
    checkout: CheckoutRef | None
    order: OrderRef | None
    credit_card: CreditCard | None
    transactions: list[Transaction] | None


@strawberry.type(description="The details of granted refund. " + NEVER)
class OrderGrantedRefund:
    id: strawberry.ID
    created_at: datetime.datetime
    updated_at: datetime.datetime
    amount: Money
    reason: str | None
    reason_reference: Page | None
    user: UserRef | None
    shipping_costs_included: bool
    status: OrderGrantedRefundStatusEnum
    transaction_events: list[TransactionEventRef] | None
    transaction: TransactionItemRef | None
    app: App | None
    lines: list[OrderGrantedRefundLine] | None


@strawberry.type(description="Contains all details related to the applied discount to the order. " + NEVER)
class OrderDiscount(Node):
    type: OrderDiscountType
    name: str | None
    translated_name: str | None
    value_type: DiscountValueTypeEnum
    value: PositiveDecimal
    reason: str | None
    amount: Money = strawberry.field(deprecation_reason="Use `total` instead.")
    total: Money


@strawberry.type(description="Represent the discount applied to order line. " + NEVER)
class OrderLineDiscount:
    id: strawberry.ID
    type: OrderDiscountType
    name: str | None
    translated_name: str | None
    value_type: DiscountValueTypeEnum
    value: PositiveDecimal
    reason: str | None
    total: Money
    unit: Money


@strawberry.type
class CreditCard:
    brand: str
    first_digits: str | None
    last_digits: str
    exp_month: int | None
    exp_year: int | None


@strawberry.type(description="Represents a payment method stored for user (tokenized) in payment gateway. " + NEVER)
class StoredPaymentMethod:
    id: strawberry.ID
    gateway: PaymentGateway
    payment_method_id: str
    credit_card_info: CreditCard | None
    supported_payment_flows: list[TokenizedPaymentFlowEnum] | None
    type: str
    name: str | None
    data: JSON | None
