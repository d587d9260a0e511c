"""The back office's catalogue queries (what the Saleor Dashboard lists): product types, warehouses,
translations and attributes (catalog/graphql/admin/attribute_lists.py).

Warehouses are partner-scoped like the rest of the catalogue: a partner's staff list their own warehouses
only (the operator's and other partners' are not there for them), the operator lists every one.
"""

from __future__ import annotations

from typing import Any

import strawberry
from graphql import GraphQLError
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from catalog.graphql.admin.attribute_lists import attribute_list, attribute_lookup
from catalog.graphql.admin.enums import TranslatableKinds
from catalog.graphql.admin.inputs import (
    AttributeFilterInput,
    AttributeSortingInput,
    AttributeWhereInput,
    ProductTypeFilterInput,
    ProductTypeSortingInput,
    WarehouseFilterInput,
    WarehouseSortingInput,
)
from catalog.graphql.admin.translatable import TranslatableItem, translatable_content
from catalog.graphql.admin.translation_mutations import translator_of
from catalog.graphql.attributes import Attribute
from catalog.graphql.inventory import Warehouse
from catalog.graphql.product_type import ProductType
from catalog.models import Attribute as AttributeModel
from catalog.models import Category as CategoryModel
from catalog.models import Collection as CollectionModel
from catalog.models import Product as ProductModel
from catalog.models import ProductType as ProductTypeModel
from catalog.models import ProductVariant as ProductVariantModel
from catalog.models import Warehouse as WarehouseModel
from catalog.services.access import Editor
from mall.accounts.models import ScopeKind
from mall.graphql.connection import ConnectionBase, PageArgs, SortKey, countable_connection, empty_connection, paginate
from mall.graphql.context import Info
from mall.graphql.enums import enum_name
from mall.graphql.ids import decode_global_id, int_pk, parse_uuid_id
from mall.graphql.permissions import require_permission

AttributeCountableConnection, AttributeCountableEdge = countable_connection(Attribute, "Attribute")
ProductTypeCountableConnection, ProductTypeCountableEdge = countable_connection(ProductType, "ProductType")
WarehouseCountableConnection, WarehouseCountableEdge = countable_connection(Warehouse, "Warehouse")


@strawberry.type
class TranslatableItemEdge:
    node: TranslatableItem = strawberry.field(description="The item at the end of the edge.")
    cursor: str = strawberry.field(description="A cursor for use in pagination.")


@strawberry.type
class TranslatableItemConnection(ConnectionBase):
    edges: list[TranslatableItemEdge] = strawberry.field(description="A list of edges.")


# Translatable kinds the mall stores objects of: (model, global ID type)
STORED_KINDS: dict[str, tuple[type[Model], str]] = {
    "PRODUCT": (ProductModel, "Product"),
    "VARIANT": (ProductVariantModel, "ProductVariant"),
    "CATEGORY": (CategoryModel, "Category"),
    "COLLECTION": (CollectionModel, "Collection"),
    "ATTRIBUTE": (AttributeModel, "Attribute"),
}

WAREHOUSE_PERMISSIONS = ("MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SHIPPING")
PRODUCT_TYPE_SORT = {"NAME": "name", "SHIPPING_REQUIRED": "is_shipping_required"}


async def _warehouse_owner(info: Info) -> tuple[bool, str | None]:
    """(every warehouse?, the partner whose warehouses these are). Staff of an issuer see none: a bank ships
    nothing."""
    principal = await require_permission(info, *WAREHOUSE_PERMISSIONS)
    scope = principal.scope
    if scope is None:
        return True, None
    return False, scope.code if scope.kind == ScopeKind.PARTNER else None


async def _visible_warehouses(info: Info) -> QuerySet[WarehouseModel]:
    everything, partner_code = await _warehouse_owner(info)
    if everything:
        return WarehouseModel.all()
    if partner_code is None:
        return WarehouseModel.filter(id__in=[])
    return WarehouseModel.filter(partner_code=partner_code)


def _warehouse_filter(queryset: QuerySet[Any], filter: WarehouseFilterInput | None) -> QuerySet[Any]:
    if filter is None:
        return queryset
    if filter.search:
        text = filter.search
        queryset = queryset.filter(
            Q(name__icontains=text) | Q(email__icontains=text) | Q(city__icontains=text) | Q(slug__icontains=text)
        )
    if filter.ids:
        keys = [_uuid_or_none(global_id) for global_id in filter.ids]
        queryset = queryset.filter(id__in=[key for key in keys if key is not None])
    if filter.slugs:
        queryset = queryset.filter(slug__in=filter.slugs)
    if filter.channels:
        channel_ids = [int_pk(_pk(global_id, "Channel")) for global_id in filter.channels]
        queryset = queryset.filter(channel_links__channel_id__in=[c for c in channel_ids if c]).distinct()
    return queryset


def _uuid_or_none(global_id: str) -> str | None:
    try:
        return parse_uuid_id(global_id, "Warehouse")
    except GraphQLError:  # an ID that names no warehouse matches none
        return None


def _pk(global_id: str, type_name: str) -> str:
    """The key of an ID of `type_name`; an ID of another type, or none at all, names nothing ("")."""
    decoded = decode_global_id(global_id)
    return decoded[1] if decoded is not None and decoded[0] == type_name else ""


def _product_type_filter(queryset: QuerySet[Any], filter: ProductTypeFilterInput | None) -> QuerySet[Any]:
    if filter is None:
        return queryset
    if filter.search:
        queryset = queryset.filter(Q(name__icontains=filter.search) | Q(slug__icontains=filter.search))
    if filter.ids:
        keys = [int_pk(_pk(global_id, "ProductType")) for global_id in filter.ids]
        queryset = queryset.filter(id__in=[key for key in keys if key is not None])
    if filter.slugs:
        queryset = queryset.filter(slug__in=filter.slugs)
    if filter.product_type is not None:  # SHIPPABLE, Saleor's one value
        queryset = queryset.filter(is_shipping_required=True)
    if filter.kind is not None:
        queryset = queryset.filter(kind=enum_name(filter.kind))
    return queryset


def _translatable_rows(editor: Editor, kind: str) -> QuerySet[Any]:
    """What the translator may translate: a partner's staff their own gifts and variants (and every
    category, collection and attribute, to read), the operator everything."""
    model = STORED_KINDS[kind][0]
    if editor.is_operator or kind in {"CATEGORY", "COLLECTION", "ATTRIBUTE"}:
        return model.all()  # type: ignore[no-any-return]
    owner = "partner_code" if kind == "PRODUCT" else "product__partner_code"
    return model.filter(**{owner: editor.partner_code})  # type: ignore[no-any-return]


def _sort(sort_by: Any, fields: dict[str, str], default: str) -> list[SortKey]:
    """Saleor's `sortBy` ({field, direction}) as sort keys; unknown fields sort by `default`."""
    if sort_by is None:
        return [SortKey(default)]
    field = fields.get(enum_name(sort_by.field), default)
    return [SortKey(field, descending=enum_name(sort_by.direction) == "DESC")]


@strawberry.type
class AdminCatalogQueries:
    @strawberry.field(
        description="Look up an attribute by ID, slug or external reference. Attributes not visible in the "
        "storefront are found by staff who manage products, pages or their types only."
    )
    async def attribute(
        self, info: Info, id: strawberry.ID | None = None, slug: str | None = None,
        external_reference: str | None = None,
    ) -> Attribute | None:
        return await attribute_lookup(info, id, slug, external_reference)  # type: ignore[no-any-return]

    @strawberry.field(
        description="List of the shop's attributes. Attributes not visible in the storefront are listed to staff "
        "who manage products, pages or their types only."
    )
    async def attributes(
        self,
        info: Info,
        filter: AttributeFilterInput | None = None,
        where: AttributeWhereInput | None = None,
        search: str | None = None,
        sort_by: AttributeSortingInput | None = None,
        channel: str | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> AttributeCountableConnection | None:  # type: ignore[valid-type]
        args = PageArgs(first, last, after, before)
        return await attribute_list(info, filter, where, search, sort_by, args)

    @strawberry.field(description="Look up a product type by ID.")
    async def product_type(self, id: strawberry.ID) -> ProductType | None:
        key = int_pk(_pk(id, "ProductType"))
        row = await ProductTypeModel.get_or_none(id=key) if key is not None else None
        return ProductType.of(row) if row is not None else None

    @strawberry.field(description="List of the shop's product types.")
    async def product_types(
        self,
        info: Info,
        filter: ProductTypeFilterInput | None = None,
        sort_by: ProductTypeSortingInput | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> ProductTypeCountableConnection | None:  # type: ignore[valid-type]
        queryset = _product_type_filter(ProductTypeModel.all(), filter)
        return await paginate(
            info,
            queryset,
            PageArgs(first, last, after, before),
            ProductTypeCountableConnection,
            ProductTypeCountableEdge,
            sort=_sort(sort_by, PRODUCT_TYPE_SORT, "name"),
            to_node=ProductType.of,
        )

    @strawberry.field(
        description="Look up a warehouse by ID. Requires one of: MANAGE_PRODUCTS, MANAGE_ORDERS, MANAGE_SHIPPING. "
        "A partner's staff find their own partner's warehouses only."
    )
    async def warehouse(
        self, info: Info, id: strawberry.ID | None = None, external_reference: str | None = None
    ) -> Warehouse | None:
        queryset = await _visible_warehouses(info)
        key = _uuid_or_none(id) if id else None
        row = await queryset.filter(id=key).first() if key else None
        return Warehouse.of(row) if row is not None else None

    @strawberry.field(
        description="List of warehouses. Requires one of: MANAGE_PRODUCTS, MANAGE_ORDERS, MANAGE_SHIPPING. "
        "A partner's staff list their own partner's warehouses only."
    )
    async def warehouses(
        self,
        info: Info,
        filter: WarehouseFilterInput | None = None,
        sort_by: WarehouseSortingInput | None = None,
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> WarehouseCountableConnection | None:  # type: ignore[valid-type]
        queryset = _warehouse_filter(await _visible_warehouses(info), filter)
        return await paginate(
            info,
            queryset,
            PageArgs(first, last, after, before),
            WarehouseCountableConnection,
            WarehouseCountableEdge,
            sort=_sort(sort_by, {"NAME": "name"}, "name"),
            to_node=Warehouse.of,
        )

    @strawberry.field(description="Lookup a translatable item by ID. Requires MANAGE_TRANSLATIONS.")
    async def translation(
        self,
        info: Info,
        id: strawberry.ID,
        kind: TranslatableKinds,  # type: ignore[valid-type]
    ) -> TranslatableItem | None:  # type: ignore[valid-type]
        editor = await translator_of(info)
        stored = STORED_KINDS.get(enum_name(kind))
        key = int_pk(_pk(id, stored[1])) if stored else None
        if stored is None or key is None:
            return None
        row = await _translatable_rows(editor, enum_name(kind)).filter(id=key).first()
        return await translatable_content(info, enum_name(kind), row) if row is not None else None

    @strawberry.field(
        description="Returns a list of all translatable items of a given kind. Requires MANAGE_TRANSLATIONS. "
        "Products, variants, categories, collections and attributes; the other kinds are empty in a points mall."
    )
    async def translations(
        self,
        info: Info,
        kind: TranslatableKinds,  # type: ignore[valid-type]
        before: str | None = None,
        after: str | None = None,
        first: int | None = None,
        last: int | None = None,
    ) -> TranslatableItemConnection | None:
        editor = await translator_of(info)
        args = PageArgs(first, last, after, before)
        if enum_name(kind) not in STORED_KINDS:
            return empty_connection(info, args, TranslatableItemConnection)  # type: ignore[no-any-return]
        rows = _translatable_rows(editor, enum_name(kind))
        page = await paginate(info, rows, args, TranslatableItemConnection, TranslatableItemEdge)
        for edge in page.edges:
            edge.node = await translatable_content(info, enum_name(kind), edge.node)
        return page  # type: ignore[no-any-return]
