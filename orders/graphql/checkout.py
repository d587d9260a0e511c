"""Saleor's Checkout: a member's cart, priced in the channel's points unit (its lines: checkout_lines).

Rows a checkout's fields share (lines, prices, payments, problems) are read once per Checkout object and
shared by its fields and its lines' fields, which graphql-core resolves concurrently.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from catalog.graphql.context import catalog_view
from catalog.graphql.types import ProductVariant, Warehouse
from kernel import clock
from mall.accounts.graphql.types import Address
from mall.channels.graphql.types import Channel
from mall.graphql.common import Money, Node, ObjectWithMetadata, TaxedMoney
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import require_permission
from mall.graphql.scalars import PositiveDecimal
from orders.graphql.absent import GiftCard, StoredPaymentMethod
from orders.graphql.checkout_lines import TAXES, CheckoutLine
from orders.graphql.checkout_problems import (
    CheckoutLineProblemInsufficientStock,
    CheckoutLineProblemVariantNotAvailable,
    CheckoutProblem,
    CheckoutProblemDeliveryMethodInvalid,
)
from orders.graphql.common import Memo, address_row, points, require_owner_or, taxed_points, user_node, user_row
from orders.graphql.enums import CheckoutAuthorizeStatusEnum, CheckoutChargeStatusEnum
from orders.graphql.shipping import Delivery, DeliveryMethod, PaymentGateway, ShippingMethod, points_gateway
from orders.graphql.transactions import TransactionItem
from orders.graphql.voucher_types import Voucher, translated_voucher_name, voucher_node
from orders.models import Checkout as CheckoutModel
from orders.models import CheckoutLine as CheckoutLineModel
from orders.models import Gateway
from orders.models import ShippingMethod as ShippingMethodModel
from orders.models import Transaction as TransactionModel
from orders.services import problems as checkout_problems
from orders.services.cash_payments import cash_points
from orders.services.checkouts import shipping_methods
from orders.services.payments import effective_authorized, live_hold_ids
from orders.services.statuses import authorize_status, charge_status
from orders.services.totals import (
    CheckoutTotals,
    checkout_and_listing_prices,
    checkout_benefits,
    delivery_method_of,
    shipping_requirements,
    totals_of,
)
from orders.vouchers.checkout import checkout_offer

if TYPE_CHECKING:
    from mall.graphql.composed import User

UserRef = Annotated["User", strawberry.lazy("mall.graphql.composed")]


@dataclass(frozen=True)
class Contents:
    lines: list[CheckoutLineModel]
    method: ShippingMethodModel | None
    totals: CheckoutTotals
    listing_prices: dict[int, int]  # variant id -> its price before promotions (the undiscounted price)


@dataclass(frozen=True)
class Payments:
    covered_points: int
    charged_points: int


async def _contents(checkout: CheckoutModel) -> Contents:
    # The lines (and listing prices) the mutation has just read or written, when it left them on the cart
    # (orders.services.checkouts.remember_contents): not read again for its payload.
    lines = getattr(checkout, "_lines", None)
    if lines is None:
        lines = list(await CheckoutLineModel.filter(checkout_id=checkout.token).order_by("created_at", "id"))
    prices, listed = await checkout_and_listing_prices(
        checkout.channel_id, checkout.user_id, lines, listed=getattr(checkout, "_listing_prices", None)  # type: ignore[attr-defined]
    )
    method = await delivery_method_of(checkout)
    offer = await checkout_offer(checkout, prices, clock.now())
    return Contents(lines, method, totals_of(lines, prices, method, await checkout_benefits(checkout), offer), listed)


async def _payments(checkout: CheckoutModel) -> Payments:
    """Points held or redeemed, plus the points that card payments paid for (points + cash)."""
    rows = await TransactionModel.filter(checkout_token=checkout.token, gateway=Gateway.POINTS)
    live = await live_hold_ids(row.hold_transfer_id for row in rows if row.hold_transfer_id is not None)
    authorized = sum((effective_authorized(row, live) for row in rows), Decimal(0))
    charged = sum((row.charged_value for row in rows), Decimal(0))
    _, paid_in_cash = await cash_points(checkout.token)
    return Payments(int(authorized + charged) + paid_in_cash, int(charged) + paid_in_cash)


@strawberry.type(description="Checkout object: a member's cart in one channel, priced in its points unit.")
class Checkout(Node, ObjectWithMetadata):
    model: strawberry.Private[CheckoutModel]
    memo: strawberry.Private[Memo]

    @classmethod
    def of(cls, model: CheckoutModel) -> Checkout:
        """`model` with its channel loaded (`select_related("channel")`)."""
        return cls(id=to_global_id("Checkout", model.token), model=model, memo=Memo())

    @property
    def unit(self) -> str:
        return self.model.channel.currency_code

    def contents(self) -> Any:
        return self.memo.get("contents", lambda: _contents(self.model))

    def payments(self) -> Any:
        return self.memo.get("payments", lambda: _payments(self.model))

    async def _shipping(self) -> dict[int, bool]:
        contents = await self.contents()
        return await shipping_requirements(line.variant_id for line in contents.lines)

    def shipping(self) -> Any:
        return self.memo.get("shipping", self._shipping)

    async def line_objects(self) -> list[CheckoutLine]:
        return await self.memo.get("line_objects", self._line_objects)

    async def _line_objects(self) -> list[CheckoutLine]:
        return [CheckoutLine.of(row, self) for row in (await self.contents()).lines]

    async def variant(self, info: Info, variant_id: int) -> ProductVariant:
        from orders.graphql.common import variant_row

        view = await catalog_view(info, self.model.channel.slug)
        return ProductVariant.of(await variant_row(info.context, variant_id), view)  # type: ignore[arg-type]

    def problem_objects(self) -> Any:
        return self.memo.get("problems", self._problem_objects)

    async def _problem_objects(self) -> list[Any]:
        lines = await self.line_objects()
        found = await checkout_problems.line_problems(self.model.channel, [line.model for line in lines])
        by_id = {line.model.id: line for line in lines}
        result: list[Any] = []
        for problem in found:
            line = by_id[problem.line_id]
            if problem.kind == checkout_problems.ProblemKind.INSUFFICIENT_STOCK:
                available = problem.available_quantity
                result.append(CheckoutLineProblemInsufficientStock(available_quantity=available, line=line))
            else:
                result.append(CheckoutLineProblemVariantNotAvailable(line=line))
        method = (await self.contents()).method
        if checkout_problems.delivery_method_invalid(method, self.model.channel_id):  # type: ignore[attr-defined]
            result.insert(0, CheckoutProblemDeliveryMethodInvalid(delivery=Delivery.of(method, self.unit)))
        return result

    @strawberry.field(description="The date and time when the checkout was created.")
    def created(self) -> datetime.datetime:
        return self.model.created_at

    @strawberry.field(description="Time of last modification of the given checkout.")
    def updated_at(self) -> datetime.datetime:
        return self.model.updated_at

    @strawberry.field(deprecation_reason="Use `updatedAt` instead.")
    def last_change(self) -> datetime.datetime:
        return self.model.updated_at

    @strawberry.field(description="The user assigned to the checkout. "
                      "Requires one of the following permissions: MANAGE_USERS, HANDLE_PAYMENTS, OWNER.")
    async def user(self, info: Info) -> UserRef | None:
        owner_id = self.model.user_id  # type: ignore[attr-defined]
        if owner_id is None:
            return None
        await require_owner_or(info, owner_id, "MANAGE_USERS", "HANDLE_PAYMENTS")
        return await user_node(info, await user_row(info.context, owner_id))

    @strawberry.field(description="The channel for which checkout was created.")
    def channel(self) -> Channel:
        return Channel.of(self.model.channel)

    @strawberry.field(description="The billing address of the checkout.")
    async def billing_address(self, info: Info) -> Address | None:
        return await _address(info, self.model.billing_address_id)  # type: ignore[attr-defined]

    @strawberry.field(description="The shipping address of the checkout.")
    async def shipping_address(self, info: Info) -> Address | None:
        return await _address(info, self.model.shipping_address_id)  # type: ignore[attr-defined]

    @strawberry.field(description="The customer note for the checkout.")
    def customer_note(self) -> str:
        return self.model.customer_note

    @strawberry.field(description="The total discount applied to the checkout: what its voucher takes off, in "
                      "points (0 when the cart is below the voucher's minimums).")
    async def discount(self) -> Money | None:
        return points((await self.contents()).totals.voucher_discount_points, self.unit)

    @strawberry.field(description="The name of voucher assigned to the checkout.")
    async def discount_name(self) -> str | None:
        offer = (await self.contents()).totals.voucher
        return offer.name if offer is not None else None

    @strawberry.field(description="Translation of the discountName field.")
    async def translated_discount_name(self) -> str | None:
        offer = (await self.contents()).totals.voucher
        if offer is None:
            return None
        return await translated_voucher_name(offer.voucher_id, self.model.language_code) or offer.name

    @strawberry.field(description="The voucher assigned to the checkout. Requires MANAGE_DISCOUNTS.")
    async def voucher(self, info: Info) -> Voucher | None:
        await require_permission(info, "MANAGE_DISCOUNTS")
        offer = (await self.contents()).totals.voucher
        return await voucher_node(offer.voucher_id) if offer is not None else None

    @strawberry.field(description="The code of voucher assigned to the checkout.")
    def voucher_code(self) -> str | None:
        return self.model.voucher_code

    async def _methods(self) -> list[ShippingMethod]:
        if not any((await self.shipping()).values()):
            return []
        return [ShippingMethod.of(row, self.unit) for row in await shipping_methods(self.model)]

    @strawberry.field(description="Shipping methods that can be used with this checkout.",
                      deprecation_reason="Use `shippingMethods` instead.")
    async def available_shipping_methods(self) -> list[ShippingMethod]:
        return await self._methods()

    @strawberry.field(description="Shipping methods that can be used with this checkout (the channel's active "
                      "methods, when something in the cart is delivered).")
    async def shipping_methods(self) -> list[ShippingMethod]:
        return await self._methods()

    @strawberry.field(description="Collection points that can be used for this order: none, gifts are delivered.")
    def available_collection_points(self) -> list[Warehouse]:
        return []

    @strawberry.field(description="List of available payment gateways.",
                      deprecation_reason="The legacy Payments API is deprecated and will be removed. "
                      "Use the Transactions API instead.")
    def available_payment_gateways(self) -> list[PaymentGateway]:
        return [points_gateway(self.unit)]

    @strawberry.field(description="Email of a customer.")
    def email(self) -> str | None:
        return self.model.email

    @strawberry.field(description="List of gift cards associated with this checkout.")
    def gift_cards(self) -> list[GiftCard]:
        return []

    @strawberry.field(description="Returns True, if checkout requires shipping.")
    async def is_shipping_required(self) -> bool:
        return any((await self.shipping()).values())

    @strawberry.field(description="The number of items purchased.")
    async def quantity(self) -> int:
        return (await self.contents()).totals.quantity

    @strawberry.field(description="Date when oldest stock reservation for this checkout expires or null if no "
                      "stock is reserved: stock is taken at completion, never reserved for a cart.")
    def stock_reservation_expires(self) -> datetime.datetime | None:
        return None

    @strawberry.field(
        description="A list of checkout lines, each containing information about an item in the checkout."
    )
    async def lines(self) -> list[CheckoutLine]:
        return await self.line_objects()

    @strawberry.field(
        description="The price of the shipping, in points. Set to 0 when no delivery method is selected."
    )
    async def shipping_price(self) -> TaxedMoney:
        return taxed_points((await self.contents()).totals.shipping_points, self.unit)

    @strawberry.field(description="The delivery method selected for this checkout.")
    async def delivery(self) -> Delivery | None:
        method = (await self.contents()).method
        return Delivery.of(method, self.unit) if method else None

    @strawberry.field(
        description="The shipping method related with checkout.", deprecation_reason="Use `delivery` instead."
    )
    async def shipping_method(self) -> ShippingMethod | None:
        method = (await self.contents()).method
        return ShippingMethod.of(method, self.unit) if method else None

    @strawberry.field(description="The delivery method selected for this checkout.",
                      deprecation_reason="Use `delivery` instead.")
    async def delivery_method(self) -> DeliveryMethod | None:
        method = (await self.contents()).method
        return ShippingMethod.of(method, self.unit) if method else None

    @strawberry.field(description="The price of the checkout before shipping, in points. " + TAXES)
    async def subtotal_price(self) -> TaxedMoney:
        return taxed_points((await self.contents()).totals.subtotal_points, self.unit)

    @strawberry.field(description="Returns True if checkout has to be exempt from taxes.")
    def tax_exemption(self) -> bool:
        return False

    @strawberry.field(description="The checkout's token.")
    def token(self) -> uuid.UUID:
        return self.model.token

    @strawberry.field(description="The sum of the checkout line prices and delivery, in points. " + TAXES)
    async def total_price(self) -> TaxedMoney:
        return taxed_points((await self.contents()).totals.total_points, self.unit)

    @strawberry.field(description="The difference between the redeemed points and the checkout total amount.")
    async def total_balance(self) -> Money:
        total = (await self.contents()).totals.total_points
        return points((await self.payments()).charged_points - total, self.unit)

    @strawberry.field(description="Checkout language code.")
    def language_code(self) -> LanguageCodeEnum:
        return LanguageCodeEnum.__members__.get(self.model.language_code, LanguageCodeEnum.EN)

    @strawberry.field(description="List of transactions for the checkout. "
                      "Requires one of the following permissions: MANAGE_CHECKOUTS, HANDLE_PAYMENTS.")
    async def transactions(self, info: Info) -> list[TransactionItem] | None:
        await require_permission(info, "MANAGE_CHECKOUTS", "HANDLE_PAYMENTS")
        rows = await TransactionModel.filter(checkout_token=self.model.token).order_by("created_at")
        return [TransactionItem.of(row) for row in rows]

    @strawberry.field(description="Determines whether displayed prices should include taxes.")
    def display_gross_prices(self) -> bool:
        return True

    @strawberry.field(description="The authorize status of the checkout: points held (and redeemed) against "
                      "the total.")
    async def authorize_status(self) -> CheckoutAuthorizeStatusEnum:
        contents, paid = await self.contents(), await self.payments()
        status = authorize_status(paid.covered_points, contents.totals.total_points, bool(contents.lines))
        return CheckoutAuthorizeStatusEnum[status.value]

    @strawberry.field(description="The charge status of the checkout: points redeemed against the total.")
    async def charge_status(self) -> CheckoutChargeStatusEnum:
        contents, paid = await self.contents(), await self.payments()
        status = charge_status(paid.charged_points, contents.totals.total_points, bool(contents.lines))
        return CheckoutChargeStatusEnum[status.value]

    @strawberry.field(description="List of user's stored payment methods: none, points need no card.")
    def stored_payment_methods(self, amount: PositiveDecimal | None = None) -> list[StoredPaymentMethod] | None:
        return []

    @strawberry.field(description="List of problems with the checkout.")
    async def problems(self) -> list[CheckoutProblem] | None:
        return await self.problem_objects()


async def _address(info: Info, address_id: int | None) -> Address | None:
    if address_id is None:
        return None
    row = await address_row(info.context, address_id)
    return Address.of(row) if row else None
