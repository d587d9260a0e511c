"""Saleor's TransactionItem and TransactionEvent: one payment through a gateway and its history.

For `mall.points` amounts are whole points of the channel's unit. A hold that expired or that the worker
released no longer authorizes anything, whatever the row says: its authorized amount shows as canceled.
For `mall.stripe` amounts are cash in the issuer's currency, and the PSP reference is the PaymentIntent.
"""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry

from catalog.graphql.types import Page
from mall.graphql.common import Money, Node, ObjectWithMetadata, money
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id
from mall.graphql.saleor_absent.generated import UserOrApp
from orders.graphql.common import CASH_DIGITS, POINTS_DIGITS, Memo
from orders.graphql.enums import TransactionActionEnum, TransactionEventTypeEnum
from orders.models import Checkout as CheckoutModel
from orders.models import Gateway
from orders.models import Order as OrderModel
from orders.models import Transaction as TransactionModel
from orders.models import TransactionEvent as TransactionEventModel
from orders.services.payments import effective_authorized, live_hold_ids

if TYPE_CHECKING:
    from orders.graphql.checkout import Checkout
    from orders.graphql.order import Order

CheckoutRef = Annotated["Checkout", strawberry.lazy("orders.graphql.checkout")]
OrderRef = Annotated["Order", strawberry.lazy("orders.graphql.order")]


def _digits(gateway: str) -> int:
    return POINTS_DIGITS if gateway == Gateway.POINTS else CASH_DIGITS


@strawberry.interface(description="Details of the payment method used for the transaction.")
class PaymentMethodDetails:
    name: str = strawberry.field(description="Name of the payment method.")


@strawberry.type(description="Represents a payment method used for a transaction.")
class OtherPaymentMethodDetails(PaymentMethodDetails):
    pass


@strawberry.type(description="Represents a card payment method used for a transaction. Cash parts are paid "
                 "through Stripe, whose card details the mall does not keep: never returned.")
class CardPaymentMethodDetails(PaymentMethodDetails):
    brand: str | None = None
    first_digits: str | None = None
    last_digits: str | None = None
    exp_month: int | None = None
    exp_year: int | None = None


@strawberry.type(description="Represents a gift card payment method used for a transaction. The mall has no "
                 "gift cards: never returned.")
class GiftCardPaymentMethodDetails(PaymentMethodDetails):
    brand: str | None = None
    last_chars: str | None = None
    is_saleor_giftcard: bool = False


# Who created a transaction or event: the mall does not record it (members start them, its gateways move them)
CREATED_BY_UNRECORDED = "User or App that created the transaction (event). Not recorded by the mall: null."


@strawberry.type(description="Represents transaction's event.")
class TransactionEvent(Node):
    model: strawberry.Private[TransactionEventModel]
    currency: strawberry.Private[str]
    digits: strawberry.Private[int]

    @strawberry.field(description=CREATED_BY_UNRECORDED)
    def created_by(self) -> UserOrApp | None:
        return None

    @classmethod
    def of(cls, model: TransactionEventModel, transaction: TransactionModel) -> TransactionEvent:
        return cls(
            id=to_global_id("TransactionEvent", model.id),
            model=model,
            currency=transaction.currency,
            digits=_digits(transaction.gateway),
        )

    @strawberry.field(description="Date and time at which a transaction event was created.")
    def created_at(self) -> datetime.datetime:
        return self.model.created_at

    @strawberry.field(description="PSP reference of transaction.")
    def psp_reference(self) -> str:
        return self.model.psp_reference

    @strawberry.field(description="Message related to the transaction's event.")
    def message(self) -> str:
        return self.model.message

    @strawberry.field(description="Reason model of the transaction refund.")
    def reason_reference(self) -> Page | None:
        return None

    @strawberry.field(description="The url that will allow to redirect user to payment provider page.")
    def external_url(self) -> str:
        return ""

    @strawberry.field(description="The amount related to this event.")
    def amount(self) -> Money:
        return money(self.model.amount, self.currency, self.digits)

    @strawberry.field(description="The type of action related to this event.")
    def type(self) -> TransactionEventTypeEnum | None:
        return TransactionEventTypeEnum.__members__.get(self.model.type)

    @strawberry.field(description="Idempotency key assigned to the event.")
    def idempotency_key(self) -> str | None:
        return None


async def _live_holds(transaction: TransactionModel) -> set[int]:
    if transaction.gateway != Gateway.POINTS or transaction.hold_transfer_id is None:
        return set()
    if getattr(transaction, "_hold_placed_now", False):  # this request placed it (payments.initialize_points_payment)
        return {transaction.hold_transfer_id}
    return await live_hold_ids([transaction.hold_transfer_id])


@strawberry.type(description="Represents a payment transaction.")
class TransactionItem(Node, ObjectWithMetadata):
    model: strawberry.Private[TransactionModel]
    memo: strawberry.Private[Memo]

    @strawberry.field(description=CREATED_BY_UNRECORDED)
    def created_by(self) -> UserOrApp | None:
        return None

    @classmethod
    def of(cls, model: TransactionModel) -> TransactionItem:
        return cls(id=to_global_id("TransactionItem", model.token), model=model, memo=Memo())

    def _money(self, amount: Decimal) -> Money:
        return money(amount, self.model.currency, _digits(self.model.gateway))

    async def _authorized(self) -> Decimal:
        live = await self.memo.get("live", lambda: _live_holds(self.model))
        return effective_authorized(self.model, live)

    @strawberry.field(description="The transaction token.")
    def token(self) -> uuid.UUID:
        return self.model.token

    @strawberry.field(description="Date and time at which payment transaction was created.")
    def created_at(self) -> datetime.datetime:
        return self.model.created_at

    @strawberry.field(description="Date and time at which payment transaction was modified.")
    def modified_at(self) -> datetime.datetime:
        return self.model.updated_at

    @strawberry.field(description="List of actions that can be performed in the current state of a payment. "
                      "Points are redeemed at checkout completion and returned by cancelling the order: none.")
    def actions(self) -> list[TransactionActionEnum]:
        return []

    @strawberry.field(description="Total amount authorized for this payment (points held).")
    async def authorized_amount(self) -> Money:
        return self._money(await self._authorized())

    @strawberry.field(description="Total amount of ongoing authorization requests for the transaction.")
    def authorize_pending_amount(self) -> Money:
        return self._money(Decimal(0))

    @strawberry.field(description="Total amount refunded for this payment.")
    def refunded_amount(self) -> Money:
        return self._money(self.model.refunded_value)

    @strawberry.field(description="Total amount of ongoing refund requests for the transaction.")
    def refund_pending_amount(self) -> Money:
        return self._money(Decimal(0))

    @strawberry.field(description="Total amount canceled for this payment (holds released or expired).")
    async def canceled_amount(self) -> Money:
        lapsed = self.model.authorized_value - await self._authorized()
        return self._money(self.model.canceled_value + lapsed)

    @strawberry.field(description="Total amount of ongoing cancel requests for the transaction.")
    def cancel_pending_amount(self) -> Money:
        return self._money(Decimal(0))

    @strawberry.field(description="Total amount charged for this payment (points redeemed).")
    def charged_amount(self) -> Money:
        return self._money(self.model.charged_value)

    @strawberry.field(description="Total amount of ongoing charge requests for the transaction (cash a Stripe "
                      "PaymentIntent waits for).")
    def charge_pending_amount(self) -> Money:
        return self._money(self.model.charge_pending_value)

    @strawberry.field(description="Name of the transaction.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Message related to the transaction.")
    def message(self) -> str:
        return ""

    @strawberry.field(description="PSP reference of transaction (for points: the ledger hold, for cash: the Stripe "
                      "PaymentIntent).")
    def psp_reference(self) -> str:
        return self.model.psp_reference

    @strawberry.field(description="The related order.")
    async def order(self) -> OrderRef | None:
        if self.model.order_id is None:  # type: ignore[attr-defined]
            return None
        from orders.graphql.order import Order

        found = await OrderModel.get_or_none(id=self.model.order_id)  # type: ignore[attr-defined]
        return Order.of(found, await found.channel) if found else None

    @strawberry.field(description="The related checkout (until it becomes an order).")
    async def checkout(self) -> CheckoutRef | None:
        if self.model.checkout_token is None:
            return None
        from orders.graphql.checkout import Checkout

        found = await CheckoutModel.get_or_none(token=self.model.checkout_token).select_related("channel")
        return Checkout.of(found) if found else None

    @strawberry.field(description="List of all transaction's events.")
    async def events(self, info: Info) -> list[TransactionEvent]:
        rows = await TransactionEventModel.filter(transaction_id=self.model.token).order_by("id")
        return [TransactionEvent.of(row, self.model) for row in rows]

    @strawberry.field(description="The url that will allow to redirect user to payment provider page.")
    def external_url(self) -> str:
        return ""

    @strawberry.field(description="The payment method used for this transaction.")
    def payment_method_details(self) -> PaymentMethodDetails | None:
        return OtherPaymentMethodDetails(name=self.model.name or "Points")

    @strawberry.field(description="Reason of the refund.")
    def reason(self) -> str | None:
        return None

    @strawberry.field(description="Reason `Page` (Model) for refund.")
    def reason_reference(self) -> Page | None:
        return None


