"""Flash sales in the API (mall-only: Saleor has no flash sale). Every name starts with `FlashSale`/`flashSale`.

Members (and anyone) read the live and coming sales of a channel, optionally of one product, with the sale
price, `endsAt` and `remaining`: the member mall's countdown and "n left". The operator and partners (for their
own gifts) manage sales with MANAGE_PRODUCTS: `flashSaleCreate`, `flashSaleUpdate`, `flashSaleEnd`.
"""

from __future__ import annotations

import datetime
from enum import Enum

import strawberry

from catalog.graphql.mutations.common import editor_of
from kernel import clock
from mall.channels.models import Channel as ChannelModel
from mall.graphql.common import Money, money
from mall.graphql.context import Info
from mall.graphql.error_codes import ErrorCodes, same_names
from mall.graphql.errors import DomainError
from mall.graphql.ids import parse_int_id, parse_int_id_for_mutation, to_global_id
from mall.graphql.mutations import run_in_transaction
from orders.flash_sales import services
from orders.flash_sales.errors import FLASH_SALE_ERROR_DESCRIPTIONS
from orders.flash_sales.errors import FlashSaleErrorCode as Code
from orders.flash_sales.models import FlashSale as FlashSaleModel

FlashSaleErrorCode = strawberry.enum(
    Enum("FlashSaleErrorCode", {code: strawberry.enum_value(code, description=text)  # type: ignore[misc]
                                for code, text in FLASH_SALE_ERROR_DESCRIPTIONS.items()}),
    name="FlashSaleErrorCode", description="Points mall: why a flash sale mutation was refused.",
)
FLASH_SALE_ERRORS = ErrorCodes(
    FlashSaleErrorCode, same_names(Code, FlashSaleErrorCode), fields={"price_points": "price"},
)
MAX_SALES_LISTED = 100


@strawberry.type(description="Points mall: an error of a flash sale mutation.")
class FlashSaleError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: FlashSaleErrorCode = strawberry.field(description="The error code.")  # type: ignore[valid-type]


@strawberry.type(description="Points mall: a gift variant at a reduced points price for a limited time and "
                 "quantity, with a limit per member.")
class FlashSale:
    model: strawberry.Private[FlashSaleModel]
    currency: strawberry.Private[str]

    @strawberry.field(description="The flash sale's ID.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("FlashSale", self.model.id))

    @strawberry.field(description="The sale's name (may be empty).")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="The variant on sale.")
    def variant_id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("ProductVariant", self.model.variant_id))  # type: ignore[attr-defined]

    @strawberry.field(description="The sale price per unit, in the channel's points unit.")
    def price(self) -> Money:
        return money(self.model.price_points, self.currency)

    @strawberry.field(description="When the sale starts.")
    def starts_at(self) -> datetime.datetime:
        return self.model.starts_at

    @strawberry.field(description="When the sale ends: the countdown's end.")
    def ends_at(self) -> datetime.datetime:
        return self.model.ends_at

    @strawberry.field(description="Units reserved for the sale.")
    def quantity(self) -> int:
        return self.model.quantity

    @strawberry.field(description="Units still to be sold at the sale price (\"n left\").")
    def remaining(self) -> int:
        return self.model.remaining

    @strawberry.field(description="How many units one member may buy in the sale; null: no limit.")
    def limit_per_member(self) -> int | None:
        return self.model.limit_per_member

    @strawberry.field(description="Whether the sale runs now (started, not ended, units left).")
    def is_live(self) -> bool:
        now = clock.now()
        model = self.model
        return not model.is_ended and model.starts_at <= now < model.ends_at and model.remaining > 0


@strawberry.input(description="Points mall: the terms of a flash sale. On update, what is left out stays.")
class FlashSaleInput:
    name: str | None = strawberry.field(default=None, description="A name for the sale.")
    price: int | None = strawberry.field(default=None, description="The sale price per unit, in points: below "
                                         "the gift's own price. Required on create.")
    quantity: int | None = strawberry.field(default=None, description="Units reserved for the sale, in stock "
                                            "now. Required on create. May be raised or lowered (not below the "
                                            "units sold) while the sale runs.")
    limit_per_member: int | None = strawberry.field(default=None, description="Units one member may buy in "
                                                    "the sale; 0 or left out on create: no limit.")
    starts_at: datetime.datetime | None = strawberry.field(default=None, description="Start. Required on create.")
    ends_at: datetime.datetime | None = strawberry.field(default=None, description="End. Required on create.")


def _terms(input: FlashSaleInput) -> services.SaleTerms:
    return services.SaleTerms(
        price_points=input.price, quantity=input.quantity, limit_per_member=input.limit_per_member,
        starts_at=input.starts_at, ends_at=input.ends_at, name=input.name,
    )


@strawberry.type(description="Points mall: creates a flash sale.")
class FlashSaleCreate:
    flash_sale: FlashSale | None = None
    errors: list[FlashSaleError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: changes a flash sale.")
class FlashSaleUpdate:
    flash_sale: FlashSale | None = None
    errors: list[FlashSaleError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: ends a flash sale now.")
class FlashSaleEnd:
    flash_sale: FlashSale | None = None
    errors: list[FlashSaleError] = strawberry.field(default_factory=list)


async def _channel(slug: str) -> ChannelModel:
    channel = await ChannelModel.get_or_none(slug=slug)
    if channel is None:
        raise DomainError.single("channel", f"Couldn't resolve to a channel: {slug}", Code.NOT_FOUND)
    return channel


async def _view(sale: FlashSaleModel) -> FlashSale:
    currency = await ChannelModel.filter(id=sale.channel_id).values_list("currency_code", flat=True)  # type: ignore[attr-defined]
    return FlashSale(model=sale, currency=str(currency[0]) if currency else "")


def _sale_id(id: strawberry.ID) -> int:
    return parse_int_id_for_mutation(id, "FlashSale", "id")


@strawberry.type
class FlashSaleQueries:
    @strawberry.field(description="Points mall: the flash sales of a channel that run now or have not started "
                      "yet, soonest ending first (at most 100); of one product when `product` is given.")
    async def flash_sales(self, info: Info, channel: str, product: strawberry.ID | None = None) -> list[FlashSale]:
        found = await ChannelModel.get_or_none(slug=channel)
        if found is None:
            return []
        query = FlashSaleModel.filter(channel_id=found.id, is_ended=False, ends_at__gt=clock.now())
        if product is not None:
            query = query.filter(variant__product_id=parse_int_id(product, "Product"))
        sales = await query.order_by("ends_at", "id").limit(MAX_SALES_LISTED)
        return [FlashSale(model=sale, currency=found.currency_code) for sale in sales]


@strawberry.type
class FlashSaleMutations:
    @strawberry.mutation(description="Points mall: puts a variant on flash sale in a channel (MANAGE_PRODUCTS; "
                         "a partner's staff for their own gifts).")
    async def flash_sale_create(
        self, info: Info, variant: strawberry.ID, channel: str, input: FlashSaleInput
    ) -> FlashSaleCreate:
        async def work() -> FlashSaleCreate:
            editor = await editor_of(info)
            variant_id = parse_int_id_for_mutation(variant, "ProductVariant", "variant")
            sale = await services.create_flash_sale(editor, variant_id, await _channel(channel), _terms(input))
            return FlashSaleCreate(flash_sale=await _view(sale))

        return await run_in_transaction(FlashSaleCreate, FlashSaleError, FLASH_SALE_ERRORS, work)

    @strawberry.mutation(description="Points mall: changes a flash sale, also while it runs (MANAGE_PRODUCTS).")
    async def flash_sale_update(self, info: Info, id: strawberry.ID, input: FlashSaleInput) -> FlashSaleUpdate:
        async def work() -> FlashSaleUpdate:
            editor = await editor_of(info)
            sale = await services.update_flash_sale(editor, _sale_id(id), _terms(input))
            return FlashSaleUpdate(flash_sale=await _view(sale))

        return await run_in_transaction(FlashSaleUpdate, FlashSaleError, FLASH_SALE_ERRORS, work)

    @strawberry.mutation(description="Points mall: ends a flash sale now; its unsold units are sold at the "
                         "gift's own price again (MANAGE_PRODUCTS).")
    async def flash_sale_end(self, info: Info, id: strawberry.ID) -> FlashSaleEnd:
        async def work() -> FlashSaleEnd:
            editor = await editor_of(info)
            return FlashSaleEnd(flash_sale=await _view(await services.end_flash_sale(editor, _sale_id(id))))

        return await run_in_transaction(FlashSaleEnd, FlashSaleError, FLASH_SALE_ERRORS, work)

