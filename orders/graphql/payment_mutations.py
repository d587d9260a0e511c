"""Paying with points and placing the order: Saleor's transactions API on the `mall.points` gateway.

paymentGatewayInitialize lists the gateway, transactionInitialize holds the member's points in the ledger
(only the checkout's own member may spend them), transactionProcess has nothing left to do for points,
and checkoutComplete turns the paid cart into an order in one all-or-nothing transaction.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated, Any

import strawberry
from strawberry.scalars import JSON

from ledger.services import points_balance
from mall.graphql.context import Info
from mall.graphql.enums import TransactionFlowStrategyEnum
from mall.graphql.error_codes import ApiErrorCode
from mall.graphql.errors import DomainError
from mall.graphql.ids import decode_global_id
from mall.graphql.inputs import MetadataInput
from mall.graphql.scalars import JSONString, PositiveDecimal
from orders.errors import OrdersErrorCode
from orders.graphql import cash_payments
from orders.graphql.common import actor_of
from orders.graphql.enums import (
    PaymentGatewayConfigErrorCode,
)
from orders.graphql.errors import (
    DELIVERY_OPTIONS_CALCULATE_ERRORS,
    ERRORS,
    PAYMENT_GATEWAY_INITIALIZE_ERRORS,
    TRANSACTION_INITIALIZE_ERRORS,
    TRANSACTION_PROCESS_ERRORS,
    CheckoutError,
    DeliveryOptionsCalculateError,
    PaymentGatewayConfigError,
    PaymentGatewayInitializeError,
    TransactionInitializeError,
    TransactionProcessError,
    checkout_errors_alias,
    run_checkout,
    run_payment,
)
from orders.graphql.inputs import CheckoutIdArg, PaymentGatewayToInitialize, TokenArg, checkout_token, uuid_id
from orders.graphql.order import Order
from orders.graphql.order_access import ensure_may_use, may_use_order_of
from orders.graphql.shipping import Delivery
from orders.graphql.transactions import TransactionEvent, TransactionItem
from orders.models import Checkout as CheckoutModel
from orders.models import Gateway
from orders.models import Transaction as TransactionModel
from orders.models import TransactionEvent as TransactionEventModel
from orders.services import checkouts, payments
from orders.services.checkouts import checkout_by_token
from orders.services.completion import complete_checkout, give_back_held_points, refused_for_stock
from orders.services.totals import checkout_totals

MAX_IDEMPOTENCY_KEY_LENGTH = 150  # stored as checkout:<uuid>:<key>, within 200 characters
DEPRECATED_ID = "Use `id` instead."


def _errors() -> Any:
    return strawberry.field(default_factory=list, description=ERRORS)


@strawberry.type
class PaymentGatewayConfig:
    id: str = strawberry.field(description="The app identifier.")
    data: JSON | None = strawberry.field(default=None, description="The JSON data required to initialize the "
                                         "payment gateway.")
    errors: list[PaymentGatewayConfigError] | None = strawberry.field(default=None)


@strawberry.type(description="Initializes a payment gateway session.")
class PaymentGatewayInitialize:
    gateway_configs: list[PaymentGatewayConfig] | None = strawberry.field(
        default=None, description="List of payment gateway configurations."
    )
    errors: list[PaymentGatewayInitializeError] = _errors()


@strawberry.type(description="Initializes a transaction session: for `mall.points`, holds the member's points.")
class TransactionInitialize:
    transaction: TransactionItem | None = strawberry.field(default=None, description="The initialized transaction.")
    data: JSON | None = strawberry.field(default=None, description="The JSON data required to finalize the payment.")
    errors: list[TransactionInitializeError] = _errors()
    # Read only when asked for: most storefronts ask for the transaction alone (one query less a payment).
    initialized: strawberry.Private[TransactionModel | None] = None

    @strawberry.field(description="The event created for the initialized transaction.")
    async def transaction_event(self) -> TransactionEvent | None:
        return await _latest_event(self.initialized) if self.initialized is not None else None


@strawberry.type(description="Processes a transaction session.")
class TransactionProcess:
    transaction: TransactionItem | None = strawberry.field(default=None, description="The processed transaction.")
    transaction_event: TransactionEvent | None = strawberry.field(
        default=None, description="The event created for the processed transaction."
    )
    data: JSON | None = strawberry.field(default=None, description="The json data required to finalize the payment.")
    errors: list[TransactionProcessError] = _errors()


@strawberry.type(description="Calculates available delivery options for a checkout.")
class DeliveryOptionsCalculate:
    deliveries: list[Delivery] = strawberry.field(default_factory=list, description="List of the available deliveries.")
    errors: list[DeliveryOptionsCalculateError] = _errors()


@strawberry.type(description="Completes the checkout: the paid cart becomes an order.")
class CheckoutComplete:
    order: Order | None = strawberry.field(default=None, description="Placed order.")
    confirmation_needed: bool = strawberry.field(
        default=False, description="Set to true if payment needs to be confirmed before checkout is complete."
    )
    confirmation_data: JSONString | None = strawberry.field(
        default=None, description="Confirmation data used to process additional authorization steps."
    )
    errors: list[CheckoutError] = _errors()
    checkout_errors: list[CheckoutError] = checkout_errors_alias()


def _checkout_of(global_id: str) -> uuid.UUID:
    """Payments start from a checkout: orders are paid in full when their checkout completes."""
    decoded = decode_global_id(global_id)
    if decoded is not None and decoded[0] == "Order":
        raise DomainError.single(
            "id", "Orders are paid with points when their checkout completes.", ApiErrorCode.INVALID
        )
    return checkout_token(global_id)


async def _gateway_configs(info: Info, id: str, wanted: list[PaymentGatewayToInitialize] | None) -> Any:
    checkout = await ensure_may_use(info, await checkout_by_token(_checkout_of(id)))
    due = (await checkout_totals(checkout)).total_points - await payments.authorized_points(checkout)
    data: dict[str, Any] = {"unit": checkout.channel.currency_code, "amountDue": max(due, 0)}
    user = await info.context.user()
    if user is not None and user.id == checkout.user_id:  # type: ignore[attr-defined]
        data["pointsAvailable"] = (await points_balance(checkout.channel.id, user.id)).points_available
    cash = await cash_payments.gateway_config(info, checkout)
    offered = {Gateway.POINTS.value: data} | ({Gateway.STRIPE.value: cash} if cash is not None else {})
    configs = []
    for gateway_id in [gateway.id for gateway in wanted] if wanted else list(offered):
        if gateway_id in offered:
            configs.append(PaymentGatewayConfig(id=gateway_id, data=offered[gateway_id], errors=[]))
        else:
            missing = PaymentGatewayConfigError(
                field="id", message="No payment gateway with this ID.", code=PaymentGatewayConfigErrorCode.NOT_FOUND
            )
            configs.append(PaymentGatewayConfig(id=gateway_id, data=None, errors=[missing]))
    return PaymentGatewayInitialize(gateway_configs=configs)


def _points_amount(amount: Decimal | None) -> int | None:
    if amount is None:
        return None
    if amount != amount.to_integral_value() or amount <= 0:
        raise DomainError.single("amount", "Pay a positive whole number of points.", ApiErrorCode.INVALID)
    return int(amount)


def _idempotency_key(key: str | None) -> str:
    if key is None:
        return uuid.uuid4().hex
    if not key.strip() or len(key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise DomainError.single(
            "idempotencyKey", f"Give a key of 1 to {MAX_IDEMPOTENCY_KEY_LENGTH} characters.", ApiErrorCode.INVALID
        )
    return key


async def _latest_event(transaction: TransactionModel) -> TransactionEvent | None:
    event = await TransactionEventModel.filter(transaction_id=transaction.token).order_by("-id").first()
    return TransactionEvent.of(event, transaction) if event else None


async def _paying_checkout(info: Info, id: str, lock: bool = False) -> tuple[CheckoutModel, str]:
    """The checkout to pay and the caller as an actor: only the checkout's own member may pay for it (another
    member's checkout is not even found). `lock`: read with its row locked, inside the mutation's transaction
    (the payment then takes no other lock on it: orders.services.payments.lock_checkout)."""
    token = _checkout_of(id)
    found = await payments.locked_checkout(token) if lock else await checkout_by_token(token)
    if found is None:
        raise DomainError.single("id", f"Couldn't resolve to a node: Checkout:{token}", OrdersErrorCode.NOT_FOUND)
    checkout = await ensure_may_use(info, found)
    principal = await info.context.principal()
    if principal.user is None or principal.user.id != checkout.user_id:  # type: ignore[attr-defined]
        raise DomainError.single("id", "Sign in as the checkout's member to pay with points.", ApiErrorCode.INVALID)
    return checkout, actor_of(principal)


async def _initialize(
    info: Info, id: str, gateway: PaymentGatewayToInitialize, amount: Decimal | None, key: str | None
) -> TransactionInitialize:
    _checkout_of(id)
    if gateway.id != Gateway.POINTS.value:
        raise DomainError.single("paymentGateway", f"No payment gateway with ID {gateway.id}.", ApiErrorCode.NOT_FOUND)
    points, idempotency_key = _points_amount(amount), _idempotency_key(key)
    checkout, actor = await _paying_checkout(info, id, lock=True)
    transaction = await payments.initialize_points_payment(checkout, points, idempotency_key, actor)
    data = {"points": int(transaction.authorized_value), "unit": checkout.channel.currency_code}
    return TransactionInitialize(transaction=TransactionItem.of(transaction), initialized=transaction, data=data)


async def _initialize_cash(info: Info, id: str, amount: Decimal | None, key: str | None) -> TransactionInitialize:
    """mall.stripe: `amount` is in points of the checkout total (Saleor's amounts are in the checkout's
    currency), paid in cash at the issuer's rate; default: what the points held leave unpaid."""
    _checkout_of(id)
    settings = info.context.settings
    cash_payments.stripe_gateway_for(settings)
    points, idempotency_key = _points_amount(amount), _idempotency_key(key)
    checkout, _ = await _paying_checkout(info, id)
    transaction = await cash_payments.initialize(settings, checkout, points, idempotency_key)
    data = cash_payments.intent_data(transaction, cash_payments.stripe_gateway_for(settings))
    return TransactionInitialize(transaction=TransactionItem.of(transaction), initialized=transaction, data=data)


async def _process(info: Info, id: strawberry.ID | None, token: uuid.UUID | None) -> TransactionProcess:
    if id is not None:
        token = uuid_id(id, "TransactionItem", "id")
    if token is None:
        raise DomainError.single("id", "One of field id or token is required.", ApiErrorCode.INVALID)
    transaction = await TransactionModel.get_or_none(token=token)
    if transaction is None:
        raise DomainError.single("id", f"Couldn't resolve to a node: {id or token}", ApiErrorCode.NOT_FOUND)
    data = None
    if transaction.gateway == Gateway.STRIPE:
        transaction, data = await cash_payments.process(info.context.settings, transaction)
    event = await _latest_event(transaction)
    return TransactionProcess(transaction=TransactionItem.of(transaction), transaction_event=event, data=data)


async def _complete(info: Info, token: uuid.UUID) -> CheckoutComplete:
    """A member's checkout is completed by the member only; so is the order it became asked for again."""
    seen: list[CheckoutModel] = []

    async def authorize(checkout: CheckoutModel) -> None:
        seen.append(await ensure_may_use(info, checkout))

    order = await complete_checkout(token, actor_of(await info.context.principal()), authorize)
    if not seen and not await may_use_order_of(info, order):
        raise DomainError.single("id", f"Couldn't resolve to a node: Checkout:{token}", ApiErrorCode.NOT_FOUND)
    return CheckoutComplete(order=Order.of(order, order.channel))


async def _deliveries(info: Info, id: str) -> DeliveryOptionsCalculate:
    checkout: CheckoutModel = await ensure_may_use(info, await checkout_by_token(checkout_token(id)))
    if not await checkouts.is_shipping_required(checkout):
        return DeliveryOptionsCalculate(deliveries=[])
    unit = checkout.channel.currency_code
    methods = await checkouts.shipping_methods(checkout)
    return DeliveryOptionsCalculate(deliveries=[Delivery.of(row, unit) for row in methods])


@strawberry.type
class PaymentMutations:
    @strawberry.mutation(description="Initializes a payment gateway session: lists `mall.points` with the amount "
                         "due and, for the checkout's member, the points available.")
    async def payment_gateway_initialize(
        self, info: Info, id: strawberry.ID, amount: PositiveDecimal | None = None,
        payment_gateways: list[PaymentGatewayToInitialize] | None = None,
    ) -> PaymentGatewayInitialize | None:
        return await run_payment(
            PaymentGatewayInitialize, PaymentGatewayInitializeError, PAYMENT_GATEWAY_INITIALIZE_ERRORS,
            lambda: _gateway_configs(info, id, payment_gateways),
        )

    @strawberry.mutation(description="Initializes a transaction session. With gateway `mall.points`, holds the "
                         "signed-in member's points for `amount` (default: what the checkout still needs) until "
                         "the checkout completes or the hold expires. With `mall.stripe` (points + cash, when the "
                         "issuer allows it), creates a Stripe PaymentIntent for `amount` points (default: what the "
                         "points held leave unpaid) at the issuer's cash value per point, rounded up to the cent; "
                         "`data` carries `paymentIntent.client_secret` and `publishableKey` for Stripe.js.")
    async def transaction_initialize(
        self, info: Info, id: strawberry.ID, payment_gateway: PaymentGatewayToInitialize,
        amount: PositiveDecimal | None = None,
        idempotency_key: str | None = None,
        action: Annotated[TransactionFlowStrategyEnum | None, strawberry.argument(
            description="Ignored: points are always held first and redeemed at completion.")] = None,
        customer_ip_address: str | None = None,
    ) -> TransactionInitialize | None:
        if payment_gateway.id == Gateway.STRIPE.value:
            return await cash_payments.run_outside_transaction(
                TransactionInitialize, TransactionInitializeError, TRANSACTION_INITIALIZE_ERRORS,
                lambda: _initialize_cash(info, id, amount, idempotency_key),
            )
        return await run_payment(
            TransactionInitialize, TransactionInitializeError, TRANSACTION_INITIALIZE_ERRORS,
            lambda: _initialize(info, id, payment_gateway, amount, idempotency_key),
        )

    @strawberry.mutation(description="Processes a transaction session: points need no further step, the "
                         "transaction is returned as it is. A `mall.stripe` transaction reads its PaymentIntent "
                         "from Stripe now (for clients that do not wait for Stripe's webhook).")
    async def transaction_process(
        self, info: Info, id: strawberry.ID | None = None, token: uuid.UUID | None = None,
        data: JSON | None = None,
        customer_ip_address: str | None = None,
    ) -> TransactionProcess | None:
        return await cash_payments.run_outside_transaction(
            TransactionProcess, TransactionProcessError, TRANSACTION_PROCESS_ERRORS, lambda: _process(info, id, token)
        )

    @strawberry.mutation(description="Calculates available delivery options for a checkout.")
    async def delivery_options_calculate(self, info: Info, id: strawberry.ID) -> DeliveryOptionsCalculate | None:
        return await run_payment(
            DeliveryOptionsCalculate, DeliveryOptionsCalculateError, DELIVERY_OPTIONS_CALCULATE_ERRORS,
            lambda: _deliveries(info, id),
        )

    @strawberry.mutation(description="Completes the checkout: stock is allocated, the held points are redeemed "
                         "and the order is created, all or nothing. Completing the same checkout again returns "
                         "the same order.")
    async def checkout_complete(
        self, info: Info, id: strawberry.ID | None = None,
        metadata: list[MetadataInput] | None = None,
        payment_data: JSONString | None = None,
        redirect_url: str | None = None,
        store_source: Annotated[bool | None, strawberry.argument(
            deprecation_reason="Use checkoutPaymentCreate for this action.")] = False,
        token: TokenArg = None,
        checkout_id: CheckoutIdArg = None,
    ) -> CheckoutComplete | None:
        asked: list[uuid.UUID] = []

        async def work() -> CheckoutComplete:
            asked.append(checkout_token(id, token, checkout_id))
            try:
                return await _complete(info, asked[-1])
            except DomainError as failure:
                if not refused_for_stock(failure):
                    asked.clear()
                raise

        completed = await run_checkout(CheckoutComplete, work)
        if completed.errors and asked:  # refused for stock: the holds go back once the refusal rolled back
            await give_back_held_points(asked[-1], actor_of(await info.context.principal()))
        return completed


