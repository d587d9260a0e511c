"""The other catalogue lists: `categories`, `collections`, `pages` and `productVariants`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from graphql import GraphQLError
from tortoise.expressions import F, Q, Subquery
from tortoise.queryset import QuerySet

from catalog.graphql.absent.types import PageTypeFilterInput, PageTypeSortingInput
from catalog.graphql.category import Category, CategoryCountableConnection, CategoryCountableEdge
from catalog.graphql.collection import Collection, CollectionCountableConnection, CollectionCountableEdge
from catalog.graphql.content import (
    Page,
    PageCountableConnection,
    PageCountableEdge,
    PageType,
    PageTypeCountableConnection,
    PageTypeCountableEdge,
)
from catalog.graphql.context import CatalogView
from catalog.graphql.filters import MIX_ERROR
from catalog.graphql.inputs import (
    CategoryFilterInput,
    CategorySortingInput,
    CategoryWhereInput,
    CollectionFilterInput,
    CollectionSortingInput,
    CollectionWhereInput,
    MetadataFilter,
    PageFilterInput,
    PageSortingInput,
    PageWhereInput,
    ProductVariantFilterInput,
    ProductVariantSortingInput,
    ProductVariantWhereInput,
    StringFilterInput,
    given_keys,
)
from catalog.graphql.pagination import Key, check_page_args, connection, fetch_page
from catalog.graphql.variant import ProductVariant, ProductVariantCountableConnection, ProductVariantCountableEdge
from catalog.models import (
    AssignedPageAttributeValue,
    AttributeValue,
    ChannelWarehouse,
    CollectionChannelListing,
    ProductVariantChannelListing,
    Stock,
)
from catalog.models import Category as CategoryModel
from catalog.models import Collection as CollectionModel
from catalog.models import Page as PageModel
from catalog.models import PageType as PageTypeModel
from catalog.models import Product as ProductModel
from catalog.models import ProductVariant as ProductVariantModel
from catalog.services.pages import visible_pages
from catalog.visibility import NOTHING, published_listing, visible_collections, visible_product_ids_in_channel
from catalog.visibility import visible_products_without_channel as products_without_channel
from mall.graphql.connection import PageArgs
from mall.graphql.context import Info
from mall.graphql.enums import enum_name
from mall.graphql.ids import decode_global_id, parse_int_id

ONE_FILTER_ERROR = "Only one filtering argument (filter or where) can be specified."


def string_q(path: str, value: StringFilterInput) -> Q:
    condition = Q()
    if value.eq is not None:
        condition &= Q(**{path: value.eq})
    if value.one_of is not None:
        condition &= Q(**{f"{path}__in": value.one_of})
    return condition


def _descending(sort_by: Any) -> bool:
    return sort_by is not None and enum_name(sort_by.direction) == "DESC"


def _only_one(filter: Any, where: Any) -> None:
    if filter is not None and where is not None:
        raise GraphQLError(ONE_FILTER_ERROR)


def _check_operators(where: Any) -> None:
    keys = given_keys(where)
    if {"and_", "or_"} & set(keys) and len(keys) > 1:
        raise GraphQLError(MIX_ERROR)


async def _metadata_ids(model: type, items: list[MetadataFilter]) -> list[int]:
    """Metadata is JSON: matched in Python, portable across SQLite and PostgreSQL."""
    rows = await model.all().values_list("id", "metadata")
    return [pk for pk, data in rows if all(i.key in (data or {}) and i.value in (None, data[i.key]) for i in items)]


async def _paged(
    info: Info, queryset: QuerySet[Any], args: PageArgs, keys: list[Key], types: tuple, to_node: Any
) -> Any:
    page = await fetch_page(queryset, args, keys)
    return connection(types[0], types[1], page, to_node, queryset.count)


def _name_keys(descending: bool) -> list[Key]:
    return [Key("name", str, descending), Key("slug", str, descending), Key("id", int, descending)]


# Categories ---------------------------------------------------------------------------------------


async def category_list(
    info: Info,
    filter: CategoryFilterInput | None,
    where: CategoryWhereInput | None,
    sort_by: CategorySortingInput | None,
    level: int | None,
    args: PageArgs,
) -> Any:
    check_page_args(info, args)
    _only_one(filter, where)
    queryset = CategoryModel.all()
    if level is not None:
        queryset = queryset.filter(level=level)
    if filter is not None:
        queryset = queryset.filter(await _category_filter(filter))
    if where is not None:
        queryset = queryset.filter(await _ids_where(CategoryModel, where, "Category"))
    descending = _descending(sort_by)
    keys = _name_keys(descending) if sort_by is not None else [Key("slug", str), Key("id", int)]
    return await _paged(
        info,
        queryset,
        args,
        keys,
        (CategoryCountableConnection, CategoryCountableEdge),
        lambda row: Category.of(row, info.context),
    )


async def _category_filter(filter: CategoryFilterInput) -> Q:
    q = Q()
    if filter.search:
        q &= Q(name__icontains=filter.search) | Q(slug__icontains=filter.search)
    if filter.ids:
        q &= Q(id__in=[parse_int_id(pk, "Category") for pk in filter.ids])
    if filter.slugs:
        q &= Q(slug__in=filter.slugs)
    if filter.metadata:
        q &= Q(id__in=await _metadata_ids(CategoryModel, filter.metadata))
    if filter.updated_at is not None:
        if filter.updated_at.gte is not None:
            q &= Q(updated_at__gte=filter.updated_at.gte)
        if filter.updated_at.lte is not None:
            q &= Q(updated_at__lte=filter.updated_at.lte)
    return q


async def _ids_where(model: type, where: Any, type_name: str) -> Q:
    """`where` inputs with ids, metadata and AND/OR (categories and collections)."""
    _check_operators(where)
    if where.and_ is not None:
        return Q(*[await _ids_where(model, item, type_name) for item in where.and_], join_type=Q.AND)
    if where.or_ is not None:
        return (
            Q(*[await _ids_where(model, item, type_name) for item in where.or_], join_type=Q.OR) if where.or_ else Q()
        )
    q = Q()
    if where.ids:
        q &= Q(id__in=[parse_int_id(pk, type_name) for pk in where.ids])
    if where.metadata:
        q &= Q(id__in=await _metadata_ids(model, where.metadata))
    return q


# Collections --------------------------------------------------------------------------------------


async def collection_list(
    info: Info,
    view: CatalogView,
    filter: CollectionFilterInput | None,
    where: CollectionWhereInput | None,
    sort_by: CollectionSortingInput | None,
    args: PageArgs,
) -> Any:
    check_page_args(info, args)
    _only_one(filter, where)
    queryset = CollectionModel.filter(
        NOTHING if view.unknown_channel else visible_collections(view.viewer, view.channel, view.now)
    )
    if filter is not None:
        queryset = queryset.filter(await _collection_filter(view, filter))
    if where is not None:
        queryset = queryset.filter(await _ids_where(CollectionModel, where, "Collection"))
    keys = _name_keys(_descending(sort_by)) if sort_by is not None else [Key("slug", str), Key("id", int)]
    types = (CollectionCountableConnection, CollectionCountableEdge)
    return await _paged(info, queryset, args, keys, types, lambda row: Collection.of(row, view))


async def _collection_filter(view: CatalogView, filter: CollectionFilterInput) -> Q:
    q = Q()
    if filter.search:
        q &= Q(name__icontains=filter.search) | Q(slug__icontains=filter.search)
    if filter.ids:
        q &= Q(id__in=[parse_int_id(pk, "Collection") for pk in filter.ids])
    if filter.slugs:
        q &= Q(slug__in=filter.slugs)
    if filter.metadata:
        q &= Q(id__in=await _metadata_ids(CollectionModel, filter.metadata))
    if filter.published is not None and view.channel is not None:
        published = CollectionChannelListing.filter(published_listing(view.now), channel_id=view.channel.id)
        in_published = Q(id__in=Subquery(published.values("collection_id")))
        q &= in_published if enum_name(filter.published) == "PUBLISHED" else ~in_published
    return q


# Pages --------------------------------------------------------------------------------------------

PAGE_SORT = {
    "TITLE": ["title", "slug"],
    "SLUG": ["slug"],
    "VISIBILITY": ["is_published", "slug"],
    "CREATION_DATE": ["created_at", "slug"],
    "CREATED_AT": ["created_at", "slug"],
    "PUBLICATION_DATE": ["created_at", "slug"],
    "PUBLISHED_AT": ["created_at", "slug"],
    "RANK": ["title", "slug"],
}
PAGE_KINDS = {"title": str, "slug": str, "created_at": datetime, "is_published": lambda text: text == "True"}


async def page_list(
    info: Info,
    sees_unpublished: bool,
    filter: PageFilterInput | None,
    where: PageWhereInput | None,
    search: str | None,
    sort_by: PageSortingInput | None,
    args: PageArgs,
) -> Any:
    check_page_args(info, args)
    _only_one(filter, where)
    queryset = PageModel.all() if sees_unpublished else PageModel.filter(visible_pages())
    search = search or (filter.search if filter is not None else None)
    if search:
        queryset = queryset.filter(Q(title__icontains=search) | Q(slug__icontains=search))
    if filter is not None:
        queryset = queryset.filter(await _page_filter(filter))
    if where is not None:
        queryset = queryset.filter(await _page_where(where))
    descending = _descending(sort_by)
    paths = PAGE_SORT.get(enum_name(sort_by.field), ["slug"]) if sort_by is not None else ["slug"]
    keys = [Key(path, PAGE_KINDS[path], descending) for path in paths] + [Key("id", int, descending)]  # type: ignore[arg-type]
    return await _paged(info, queryset, args, keys, (PageCountableConnection, PageCountableEdge), Page.of)


def _page_type_ids(global_ids: list[str]) -> list[int]:
    """The keys of the page type IDs; an ID of another type names nothing."""
    decoded = [decode_global_id(pk) for pk in global_ids]
    return [
        int(key) for kind, key in (pair for pair in decoded if pair is not None) if kind == "PageType" and key.isdigit()
    ]


def _value_q(value: Any) -> Q:
    """Saleor's AssignedAttributeValueInput on the stored values (date-times and references: none stored)."""
    if value is None:
        return Q()
    q = Q()
    for path, text in (("slug", value.slug), ("name", value.name)):
        q &= string_q(path, text) if text is not None else Q()
    if value.numeric is not None:
        q &= _numeric_q(value.numeric)
    if value.boolean is not None:
        q &= Q(boolean=value.boolean)
    if value.date is not None:
        q &= Q(**{f"date__{op}": day for op, day in (("gte", value.date.gte), ("lte", value.date.lte)) if day})
    if value.date_time is not None or value.reference is not None:
        q &= NOTHING
    return q


def _numeric_q(numeric: Any) -> Q:
    q = Q()
    if numeric.eq is not None:
        q &= Q(numeric=float(numeric.eq))
    if numeric.one_of is not None:
        q &= Q(numeric__in=[float(number) for number in numeric.one_of])
    if numeric.range is not None:
        bounds = (("gte", numeric.range.gte), ("lte", numeric.range.lte))
        q &= Q(**{f"numeric__{op}": float(bound) for op, bound in bounds if bound is not None})
    return q


async def _pages_carrying(condition: Any) -> Q:
    """Pages carrying a value of the attribute (by slug) that matches the condition's value."""
    if not condition.slug:
        return NOTHING
    values = AttributeValue.filter(Q(attribute__slug=condition.slug) & _value_q(condition.value))
    value_ids = list(await values.values_list("id", flat=True))
    carried = AssignedPageAttributeValue.filter(value_id__in=value_ids)
    return Q(id__in=list(await carried.values_list("page_id", flat=True)))


async def _page_filter(filter: PageFilterInput) -> Q:
    q = Q()
    if filter.ids:
        q &= Q(id__in=[parse_int_id(pk, "Page") for pk in filter.ids])
    if filter.slugs:
        q &= Q(slug__in=filter.slugs)
    if filter.page_types:
        q &= Q(page_type_id__in=_page_type_ids(filter.page_types))
    if filter.metadata:
        q &= Q(id__in=await _metadata_ids(PageModel, filter.metadata))
    return q


async def _page_where(where: PageWhereInput) -> Q:
    _check_operators(where)
    if where.and_ is not None:
        return Q(*[await _page_where(item) for item in where.and_], join_type=Q.AND)
    if where.or_ is not None:
        return Q(*[await _page_where(item) for item in where.or_], join_type=Q.OR) if where.or_ else Q()
    q = Q()
    if where.ids:
        q &= Q(id__in=[parse_int_id(pk, "Page") for pk in where.ids])
    if where.slug is not None:
        q &= string_q("slug", where.slug)
    if where.page_type is not None:
        wanted = ([where.page_type.eq] if where.page_type.eq else []) + list(where.page_type.one_of or [])
        q &= Q(page_type_id__in=_page_type_ids(wanted))
    if where.metadata is not None:
        q &= Q(id__in=await _page_metadata_ids(where.metadata.key, where.metadata.value))
    for condition in where.attributes or []:
        q &= await _pages_carrying(condition)
    return q


async def _page_metadata_ids(key: str, value: Any) -> list[int]:
    wanted = None if value is None else ([value.eq] if value.eq is not None else []) + list(value.one_of or [])
    rows = await PageModel.all().values_list("id", "metadata")
    return [pk for pk, data in rows if key in (data or {}) and (not wanted or data[key] in wanted)]


# Page types ---------------------------------------------------------------------------------------

PAGE_TYPE_SORT = {"NAME": "name", "SLUG": "slug"}


async def page_type_list(
    info: Info, filter: PageTypeFilterInput | None, sort_by: PageTypeSortingInput | None, args: PageArgs
) -> Any:
    """Page types are the operator's classification, public like Saleor's (no secrets in a name)."""
    check_page_args(info, args)
    queryset = PageTypeModel.all()
    if filter is not None and filter.search:
        queryset = queryset.filter(Q(name__icontains=filter.search) | Q(slug__icontains=filter.search))
    if filter is not None and filter.slugs:
        queryset = queryset.filter(slug__in=filter.slugs)
    descending = _descending(sort_by)
    first_key = PAGE_TYPE_SORT.get(enum_name(sort_by.field), "name") if sort_by is not None else "name"
    keys = [Key(first_key, str, descending)] + ([Key("slug", str, descending)] if first_key == "name" else [])
    keys.append(Key("id", int, descending))
    return await _paged(info, queryset, args, keys, (PageTypeCountableConnection, PageTypeCountableEdge), PageType.of)


# Product variants ---------------------------------------------------------------------------------


async def variant_list(
    info: Info,
    view: CatalogView,
    ids: list[str] | None,
    filter: ProductVariantFilterInput | None,
    where: ProductVariantWhereInput | None,
    search: str | None,
    sort_by: ProductVariantSortingInput | None,
    args: PageArgs,
) -> Any:
    check_page_args(info, args)
    _only_one(filter, where)
    queryset = ProductVariantModel.filter(_visible_variants(view))
    if ids:
        queryset = queryset.filter(id__in=[parse_int_id(pk, "ProductVariant") for pk in ids])
    search = search or (filter.search if filter is not None else None)
    if search:
        queryset = queryset.filter(Q(name__icontains=search) | Q(sku__icontains=search))
    if filter is not None and filter.sku:
        queryset = queryset.filter(sku__in=filter.sku)
    if where is not None:
        queryset = queryset.filter(await _variant_where(view, where))
    descending = _descending(sort_by)
    keys = [Key("updated_at", datetime, descending), Key("id", int, descending)] if sort_by else [Key("id", int)]
    types = (ProductVariantCountableConnection, ProductVariantCountableEdge)
    return await _paged(info, queryset, args, keys, types, lambda row: ProductVariant.of(row, view))


def _visible_variants(view: CatalogView) -> Q:
    """Variants of visible products, and for members (and partners, for others' gifts) priced in the channel."""
    if view.unknown_channel:
        return NOTHING
    channel = view.channel
    if channel is None:
        return Q(
            product_id__in=Subquery(ProductModel.filter(products_without_channel(view.viewer, view.now)).values("id"))
        )
    products = visible_product_ids_in_channel(view.viewer, channel, view.now, in_listings=True)
    visible = Q(product_id__in=products)
    if view.viewer.sees_everything:
        return visible
    priced = Q(id__in=Subquery(ProductVariantChannelListing.filter(channel_id=channel.id).values("variant_id")))
    if view.viewer.staff and view.viewer.partner_code:
        return visible & (priced | Q(product__partner_code=view.viewer.partner_code))
    return visible & priced


async def _variant_where(view: CatalogView, where: ProductVariantWhereInput) -> Q:
    _check_operators(where)
    if where.and_ is not None:
        return Q(*[await _variant_where(view, item) for item in where.and_], join_type=Q.AND)
    if where.or_ is not None:
        return Q(*[await _variant_where(view, item) for item in where.or_], join_type=Q.OR) if where.or_ else Q()
    q = Q()
    if where.ids:
        q &= Q(id__in=[parse_int_id(pk, "ProductVariant") for pk in where.ids])
    if where.sku is not None:
        q &= string_q("sku", where.sku)
    if where.updated_at is not None:
        if where.updated_at.gte is not None:
            q &= Q(updated_at__gte=where.updated_at.gte)
        if where.updated_at.lte is not None:
            q &= Q(updated_at__lte=where.updated_at.lte)
    if where.metadata:
        q &= Q(id__in=await _metadata_ids(ProductVariantModel, where.metadata))
    if where.attributes:
        q &= NOTHING
    if where.stock_availability is not None and view.channel is not None:
        in_stock = _in_stock_variants(view.channel.id)
        q &= in_stock if enum_name(where.stock_availability) == "IN_STOCK" else ~in_stock
    return q


def _in_stock_variants(channel_id: int) -> Q:
    linked = ChannelWarehouse.filter(channel_id=channel_id).values("warehouse_id")
    stocked = Stock.filter(warehouse_id__in=Subquery(linked), quantity__gt=F("quantity_allocated"))
    return Q(id__in=Subquery(stocked.values("variant_id"))) | Q(track_inventory=False)
