"""Delivery and payment options of a checkout: Saleor's ShippingMethod, Delivery and PaymentGateway."""

from __future__ import annotations

from typing import Annotated

import strawberry

from catalog.graphql.product_type import Weight
from catalog.graphql.types import Warehouse
from mall.graphql.common import LanguageDisplay, Money, Node, ObjectWithMetadata, language_display
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.ids import to_global_id
from mall.graphql.scalars import JSONString
from orders.graphql.common import points
from orders.graphql.enums import ShippingMethodTypeEnum
from orders.models import Gateway
from orders.models import ShippingMethod as ShippingMethodModel
from orders.models import ShippingMethodTranslation as ShippingMethodTranslationModel
from orders.services.shipping_translations import shipping_translation

POINTS_GATEWAY_NAME = "Points"


@strawberry.type(description="Represents shipping method translations.")
class ShippingMethodTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    name: str | None = strawberry.field(description="Translated shipping method name.")
    description: JSONString | None = strawberry.field(description="Translated description.")

    @classmethod
    def of(cls, row: ShippingMethodTranslationModel) -> ShippingMethodTranslation:
        return cls(id=to_global_id("ShippingMethodTranslation", row.id), language=language_display(row.language_code),
                   name=row.name, description=_rich_text(row.description))


def _rich_text(text: str | None) -> JSONString | None:
    """A plain description as Saleor's rich text (EditorJS), one paragraph."""
    if not text:
        return None
    return {"blocks": [{"type": "paragraph", "data": {"text": text}}]}


@strawberry.type(description="Shipping methods that can be used as means of shipping for orders and checkouts.")
class ShippingMethod(Node, ObjectWithMetadata):
    model: strawberry.Private[ShippingMethodModel]
    unit: strawberry.Private[str]

    @classmethod
    def of(cls, model: ShippingMethodModel, unit: str) -> ShippingMethod:
        return cls(id=to_global_id("ShippingMethod", model.id), model=model, unit=unit)

    @strawberry.field(description="Type of the shipping method.", deprecation_reason="This field will be removed.")
    def type(self) -> ShippingMethodTypeEnum | None:
        return ShippingMethodTypeEnum.PRICE

    @strawberry.field(description="Shipping method name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Shipping method description (rich text, EditorJS).")
    def description(self) -> JSONString | None:
        return _rich_text(self.model.description)

    @strawberry.field(description="Maximum delivery days for this shipping method.")
    def maximum_delivery_days(self) -> int | None:
        return self.model.maximum_delivery_days

    @strawberry.field(description="Minimum delivery days for this shipping method.")
    def minimum_delivery_days(self) -> int | None:
        return self.model.minimum_delivery_days

    @strawberry.field(description="Maximum order weight for this shipping method: delivery takes any weight.")
    def maximum_order_weight(self) -> Weight | None:
        return None

    @strawberry.field(description="Minimum order weight for this shipping method.")
    def minimum_order_weight(self) -> Weight | None:
        return None

    @strawberry.field(description="Returns translated shipping method fields for the given language code.")
    async def translation(self, language_code: LanguageCodeEnum) -> ShippingMethodTranslation | None:
        row = await shipping_translation(self.model.id, enum_name(language_code))
        return None if row is None else ShippingMethodTranslation.of(row)

    @strawberry.field(description="The price of selected shipping method, in the channel's points unit.")
    def price(self) -> Money:
        return points(self.model.price_points, self.unit)

    @strawberry.field(description="Maximum order price for this shipping method.")
    def maximum_order_price(self) -> Money | None:
        return None

    @strawberry.field(description="Minimal order price for this shipping method.")
    def minimum_order_price(self) -> Money | None:
        return None

    @strawberry.field(description="Describes if this shipping method is active and can be selected.")
    def active(self) -> bool:
        return self.model.is_active

    @strawberry.field(description="Message connected to this shipping method.")
    def message(self) -> str | None:
        return None


@strawberry.type(description="Represents a delivery option for the checkout.")
class Delivery:
    id: strawberry.ID = strawberry.field(description="The ID of the delivery.")
    shipping_method: ShippingMethod | None = strawberry.field(
        description="Shipping method represented by the delivery."
    )

    @classmethod
    def of(cls, method: ShippingMethodModel, unit: str) -> Delivery:
        """A delivery is named by its shipping method: `checkoutDeliveryMethodUpdate` takes either ID."""
        delivery_id = strawberry.ID(to_global_id("CheckoutDelivery", method.id))
        return cls(id=delivery_id, shipping_method=ShippingMethod.of(method, unit))


@strawberry.type(description="Payment gateway client configuration key and value pair.")
class GatewayConfigLine:
    field: str = strawberry.field(description="Gateway config key.")
    value: str | None = strawberry.field(description="Gateway config value for key.")


@strawberry.type(description="Available payment gateway backend with configuration necessary to setup client.")
class PaymentGateway:
    name: str = strawberry.field(description="Payment gateway name.")
    id: strawberry.ID = strawberry.field(description="Payment gateway ID.")
    config: list[GatewayConfigLine] = strawberry.field(description="Payment gateway client configuration.")
    currencies: list[str] = strawberry.field(description="Payment gateway supported currencies.")


def points_gateway(unit: str) -> PaymentGateway:
    """`mall.points`: pays with the member's points, held at transactionInitialize, redeemed at completion."""
    gateway_id = strawberry.ID(Gateway.POINTS.value)
    return PaymentGateway(name=POINTS_GATEWAY_NAME, id=gateway_id, config=[], currencies=[unit])


DeliveryMethod = Annotated[
    Warehouse | ShippingMethod,
    strawberry.union(
        "DeliveryMethod",
        description="Represents a delivery method chosen for the checkout. `Warehouse` type is used when "
        "checkout is marked as \"click and collect\" and `ShippingMethod` otherwise.",
    ),
]
