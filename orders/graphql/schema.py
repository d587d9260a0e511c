"""The redemption domain's part of the schema: its root fields and the types the schema must list."""

from __future__ import annotations

import strawberry

from orders.graphql.address_rules import AddressRulesQueries
from orders.graphql.checkout_mutations import CheckoutMutations
from orders.graphql.home_page import HomePageQueries
from orders.graphql.order_mutations import OrderMutations
from orders.graphql.order_notes import OrderNoteMutations
from orders.graphql.payment_mutations import PaymentMutations
from orders.graphql.programme_health import ProgrammeHealthQueries
from orders.graphql.queries import OrderQueries as OrderReadQueries
from orders.graphql.transactions import (
    CardPaymentMethodDetails,
    GiftCardPaymentMethodDetails,
    OtherPaymentMethodDetails,
)


@strawberry.type
class OrderQueries(OrderReadQueries, AddressRulesQueries, HomePageQueries, ProgrammeHealthQueries):
    pass


@strawberry.type
class RedemptionMutations(CheckoutMutations, PaymentMutations, OrderMutations, OrderNoteMutations):
    pass


# Interface implementations no field returns by name.
ORDER_TYPES: list[type] = [OtherPaymentMethodDetails, CardPaymentMethodDetails, GiftCardPaymentMethodDetails]

__all__ = ["ORDER_TYPES", "OrderQueries", "RedemptionMutations"]
