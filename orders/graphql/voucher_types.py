"""Saleor's Voucher and its codes, channel listings, catalogue and translations, read from orders.vouchers.

Staff with MANAGE_DISCOUNTS read these (the operator: see orders.graphql.vouchers); a voucher's `discountValue`,
`currency` and `minSpent` are its listing in the channel the query names (Saleor's rule), in points.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import strawberry

from catalog.graphql.category import Category, CategoryCountableConnection, CategoryCountableEdge
from catalog.graphql.collection import Collection, CollectionCountableConnection, CollectionCountableEdge
from catalog.graphql.context import CatalogView, catalog_view
from catalog.graphql.pagination import Key, check_page_args, connection, slice_rows
from catalog.graphql.product import Product, ProductCountableConnection, ProductCountableEdge
from catalog.graphql.variant import ProductVariant, ProductVariantCountableConnection, ProductVariantCountableEdge
from catalog.models import Category as CategoryModel
from catalog.models import Collection as CollectionModel
from catalog.models import Product as ProductModel
from catalog.models import ProductVariant as ProductVariantModel
from mall.channels.graphql.types import Channel
from mall.channels.models import Channel as ChannelModel
from mall.graphql.common import CountryDisplay, LanguageDisplay, Money, Node, ObjectWithMetadata, language_display
from mall.graphql.connection import PageArgs, countable_connection, paginate
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.ids import to_global_id
from mall.graphql.saleor_absent.generated import VoucherTypeEnum
from orders.graphql.common import points
from orders.graphql.enums import DiscountValueTypeEnum
from orders.vouchers.codes import codes_csv
from orders.vouchers.models import CatalogueKind
from orders.vouchers.models import Voucher as VoucherModel
from orders.vouchers.models import VoucherCatalogueItem as VoucherCatalogueItemModel
from orders.vouchers.models import VoucherChannelListing as VoucherChannelListingModel
from orders.vouchers.models import VoucherCode as VoucherCodeModel
from orders.vouchers.models import VoucherTranslation as VoucherTranslationModel

ID_KEYS = [Key("id", int)]


@strawberry.type(name="VoucherCode", description="Represents voucher code.")
class VoucherCode:
    model: strawberry.Private[VoucherCodeModel]

    @strawberry.field(description="The ID of the voucher code.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("VoucherCode", self.model.id))

    @strawberry.field(description="Code to use the voucher.")
    def code(self) -> str | None:
        return self.model.code

    @strawberry.field(description="Number of times a code has been used.")
    def used(self) -> int | None:
        return self.model.used

    @strawberry.field(description="Whether a code is active or not.")
    def is_active(self) -> bool | None:
        return self.model.is_active


VoucherCodeCountableConnection, VoucherCodeCountableEdge = countable_connection(VoucherCode, "VoucherCode")


@strawberry.type(name="VoucherChannelListing", description="Represents voucher channel listing.")
class VoucherChannelListing(Node):
    model: strawberry.Private[VoucherChannelListingModel]
    channel_row: strawberry.Private[ChannelModel]

    @classmethod
    def of(cls, row: VoucherChannelListingModel, channel: ChannelModel) -> VoucherChannelListing:
        return cls(id=strawberry.ID(to_global_id("VoucherChannelListing", row.id)), model=row, channel_row=channel)

    @strawberry.field
    def channel(self) -> Channel:
        return Channel.of(self.channel_row)

    @strawberry.field(description="The discount: a percentage, or points of the channel's points unit.")
    def discount_value(self) -> float:
        return float(self.model.discount_value)

    @strawberry.field(description="The channel's points unit.")
    def currency(self) -> str:
        return self.channel_row.currency_code

    @strawberry.field(description="The least subtotal, in points, a checkout needs for the voucher.")
    def min_spent(self) -> Money | None:
        spent = self.model.min_spent_points
        return points(spent, self.channel_row.currency_code) if spent is not None else None


@strawberry.type(name="VoucherTranslation", description="Represents voucher translations.")
class VoucherTranslation(Node):
    language: LanguageDisplay = strawberry.field(description="Translation language.")
    name: str | None = strawberry.field(description="Translated voucher name.")

    @classmethod
    def of(cls, row: VoucherTranslationModel) -> VoucherTranslation:
        return cls(id=strawberry.ID(to_global_id("VoucherTranslation", row.id)),
                   language=language_display(row.language_code), name=row.name)


async def voucher_translation(voucher_id: int, language_code: LanguageCodeEnum) -> VoucherTranslation | None:
    row = await VoucherTranslationModel.get_or_none(voucher_id=voucher_id, language_code=enum_name(language_code))
    return VoucherTranslation.of(row) if row is not None else None


async def _catalogue_ids(voucher_id: int, kind: CatalogueKind) -> list[int]:
    return sorted(await VoucherCatalogueItemModel.filter(voucher_id=voucher_id, kind=kind).values_list(
        "target_id", flat=True))  # type: ignore[arg-type]


def _page(info: Info, rows: list[Any], args: PageArgs, kinds: tuple[type, type], to_node: Callable[[Any], Any]) -> Any:
    check_page_args(info, args)
    return connection(kinds[0], kinds[1], slice_rows(rows, args, ID_KEYS), to_node, len(rows))


@strawberry.type(name="Voucher", description="Vouchers allow giving discounts to particular customers on "
                 "categories, collections or specific products, in points.")
class Voucher(Node, ObjectWithMetadata):
    model: strawberry.Private[VoucherModel]
    channel_slug: strawberry.Private[str | None] = None

    @classmethod
    def of(cls, row: VoucherModel, channel_slug: str | None = None) -> Voucher:
        return cls(id=strawberry.ID(to_global_id("Voucher", row.id)), model=row, channel_slug=channel_slug)

    @strawberry.field(description="The name of the voucher.")
    def name(self) -> str | None:
        return self.model.name

    @strawberry.field(description="The first code of the voucher.", deprecation_reason="Use `codes` instead.")
    async def code(self) -> str | None:
        row = await VoucherCodeModel.filter(voucher_id=self.model.id).order_by("id").first()
        return row.code if row is not None else None

    @strawberry.field(description="The number of times the voucher can be used (all codes).")
    def usage_limit(self) -> int | None:
        return self.model.usage_limit

    @strawberry.field(description="Usage count of the voucher.")
    def used(self) -> int:
        return self.model.used

    @strawberry.field(description="The start date and time of voucher.")
    def start_date(self) -> datetime.datetime:
        return self.model.start_at

    @strawberry.field(description="The end date and time of voucher.")
    def end_date(self) -> datetime.datetime | None:
        return self.model.end_at

    @strawberry.field(description="Determine if the voucher should be applied once per order (to its cheapest "
                      "unit).")
    def apply_once_per_order(self) -> bool:
        return self.model.apply_once_per_order

    @strawberry.field(description="Determine if the voucher usage should be limited to one use per customer.")
    def apply_once_per_customer(self) -> bool:
        return self.model.apply_once_per_customer

    @strawberry.field(description="Whether the voucher is only for staff.")
    def only_for_staff(self) -> bool:
        return self.model.only_for_staff

    @strawberry.field(description="Each code of the voucher can be used once.")
    def single_use(self) -> bool:
        return self.model.single_use

    @strawberry.field(description="Minimum number of items a checkout needs for the voucher.")
    def min_checkout_items_quantity(self) -> int | None:
        return self.model.min_checkout_items_quantity

    @strawberry.field(description="Determines a type of discount for voucher - value or percentage.")
    def discount_value_type(self) -> DiscountValueTypeEnum:  # type: ignore[valid-type]
        return DiscountValueTypeEnum[self.model.discount_value_type.name]  # type: ignore[misc]

    @strawberry.field(description="Determines a type of voucher.")
    def type(self) -> VoucherTypeEnum:  # type: ignore[valid-type]
        return VoucherTypeEnum[self.model.type.name]  # type: ignore[misc]

    @strawberry.field(description="List of countries available for the shipping voucher: a points mall limits "
                      "vouchers by channel only, so none.")
    def countries(self) -> list[CountryDisplay] | None:
        return []

    async def _listing(self) -> VoucherChannelListingModel | None:
        if not self.channel_slug:
            return None
        return await VoucherChannelListingModel.get_or_none(voucher_id=self.model.id,
                                                            channel__slug=self.channel_slug).select_related("channel")

    @strawberry.field(description="Voucher value in the channel the query names.")
    async def discount_value(self) -> float | None:
        listing = await self._listing()
        return float(listing.discount_value) if listing is not None else None

    @strawberry.field(description="The points unit of the channel the query names.")
    async def currency(self) -> str | None:
        listing = await self._listing()
        return listing.channel.currency_code if listing is not None else None

    @strawberry.field(description="Minimum points spent in the channel the query names.")
    async def min_spent(self) -> Money | None:
        listing = await self._listing()
        if listing is None or listing.min_spent_points is None:
            return None
        return points(listing.min_spent_points, listing.channel.currency_code)

    @strawberry.field(description="List of availability in channels for the voucher.")
    async def channel_listings(self) -> list[VoucherChannelListing] | None:
        rows = await VoucherChannelListingModel.filter(voucher_id=self.model.id).select_related("channel").order_by(
            "channel__slug")
        return [VoucherChannelListing.of(row, row.channel) for row in rows]

    @strawberry.field(description="List of codes available for this voucher.")
    async def codes(self, info: Info, first: int | None = None, last: int | None = None, after: str | None = None,
                    before: str | None = None) -> VoucherCodeCountableConnection | None:  # type: ignore[valid-type]
        return await paginate(info, VoucherCodeModel.filter(voucher_id=self.model.id), PageArgs(first, last, after,
                              before), VoucherCodeCountableConnection, VoucherCodeCountableEdge,
                              to_node=lambda row: VoucherCode(model=row))

    async def _view(self, info: Info) -> CatalogView:
        return await catalog_view(info, self.channel_slug)

    @strawberry.field(description="List of categories this voucher applies to.")
    async def categories(self, info: Info, first: int | None = None, last: int | None = None,
                         after: str | None = None, before: str | None = None) -> CategoryCountableConnection | None:  # type: ignore[valid-type]
        ids = await _catalogue_ids(self.model.id, CatalogueKind.CATEGORY)
        rows = list(await CategoryModel.filter(id__in=ids).order_by("id"))
        return _page(info, rows, PageArgs(first, last, after, before),
                     (CategoryCountableConnection, CategoryCountableEdge), lambda row: Category.of(row, info.context))

    @strawberry.field(description="List of collections this voucher applies to.")
    async def collections(self, info: Info, first: int | None = None, last: int | None = None,
                          after: str | None = None, before: str | None = None) -> CollectionCountableConnection | None:  # type: ignore[valid-type]
        ids = await _catalogue_ids(self.model.id, CatalogueKind.COLLECTION)
        rows = list(await CollectionModel.filter(id__in=ids).order_by("id"))
        view = await self._view(info)
        return _page(info, rows, PageArgs(first, last, after, before),
                     (CollectionCountableConnection, CollectionCountableEdge), lambda row: Collection.of(row, view))

    @strawberry.field(description="List of products this voucher applies to.")
    async def products(self, info: Info, first: int | None = None, last: int | None = None,
                       after: str | None = None, before: str | None = None) -> ProductCountableConnection | None:  # type: ignore[valid-type]
        ids = await _catalogue_ids(self.model.id, CatalogueKind.PRODUCT)
        rows = list(await ProductModel.filter(id__in=ids).order_by("id"))
        view = await self._view(info)
        return _page(info, rows, PageArgs(first, last, after, before),
                     (ProductCountableConnection, ProductCountableEdge), lambda row: Product.of(row, view))

    @strawberry.field(description="List of product variants this voucher applies to.")
    async def variants(self, info: Info, first: int | None = None, last: int | None = None,
                       after: str | None = None, before: str | None = None) -> ProductVariantCountableConnection | None:  # type: ignore[valid-type]
        ids = await _catalogue_ids(self.model.id, CatalogueKind.VARIANT)
        rows = list(await ProductVariantModel.filter(id__in=ids).order_by("id"))
        view = await self._view(info)
        return _page(info, rows, PageArgs(first, last, after, before),
                     (ProductVariantCountableConnection, ProductVariantCountableEdge),
                     lambda row: ProductVariant.of(row, view))

    @strawberry.field(description="Mall-only: every code of the voucher as CSV (code, used, is_active, voucher, "
                      "created_at), the file a bank's campaign is handed. Requires MANAGE_DISCOUNTS (operator).")
    async def codes_csv(self) -> str:
        return await codes_csv(self.model)

    @strawberry.field(description="Returns translated voucher fields for the given language code.")
    async def translation(self, language_code: LanguageCodeEnum) -> VoucherTranslation | None:
        return await voucher_translation(self.model.id, language_code)


VoucherCountableConnection, VoucherCountableEdge = countable_connection(Voucher, "Voucher")


async def voucher_node(voucher_id: int, channel_slug: str | None = None) -> Voucher | None:
    row = await VoucherModel.get_or_none(id=voucher_id)
    return Voucher.of(row, channel_slug) if row is not None else None


async def translated_voucher_name(voucher_id: int, language_code: str) -> str | None:
    row = await VoucherTranslationModel.get_or_none(voucher_id=voucher_id, language_code=language_code)
    return row.name if row is not None and row.name else None


VOUCHER_TYPES = (Voucher, VoucherCode, VoucherChannelListing, VoucherTranslation, VoucherCountableConnection,
                 VoucherCountableEdge, VoucherCodeCountableConnection, VoucherCodeCountableEdge)
