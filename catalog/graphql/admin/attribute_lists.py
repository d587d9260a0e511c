"""The `attributes` list and `attribute` lookup, with Saleor's filter, where and sort inputs.

Attributes are public like the catalogue, except those not visible in the storefront: staff who manage
products, pages or their types see every attribute, everyone else the visible ones only.
"""

from __future__ import annotations

from typing import Any

from tortoise.expressions import Q
from tortoise.queryset import QuerySet

from catalog.graphql.admin.inputs import AttributeFilterInput, AttributeSortingInput, AttributeWhereInput
from catalog.graphql.attributes import CHOICES, Attribute
from catalog.models import Attribute as AttributeModel
from catalog.models import AttributePage, AttributeProduct, AttributeType, AttributeVariant, CollectionProduct, Product
from catalog.models import PageType as PageTypeModel
from catalog.models import ProductType as ProductTypeModel
from mall.graphql.connection import PageArgs, SortKey, paginate
from mall.graphql.context import Info
from mall.graphql.enums import enum_name
from mall.graphql.ids import decode_global_id, int_pk
from mall.graphql.permissions import has_any_permission, require_permission

ATTRIBUTE_READERS = (
    "MANAGE_PRODUCTS", "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES", "MANAGE_PAGES", "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
)
SORT_FIELDS = {
    "NAME": "name", "SLUG": "slug", "VALUE_REQUIRED": "value_required",
    "VISIBLE_IN_STOREFRONT": "visible_in_storefront",
    "FILTERABLE_IN_STOREFRONT": "filterable_in_storefront", "FILTERABLE_IN_DASHBOARD": "filterable_in_dashboard",
    "STOREFRONT_SEARCH_POSITION": "storefront_search_position", "AVAILABLE_IN_GRID": "available_in_grid",
}
FLAGS = ("value_required", "visible_in_storefront", "filterable_in_storefront", "filterable_in_dashboard",
         "available_in_grid")


def _pks(global_ids: list[str] | None, type_name: str) -> list[int]:
    """The keys of the IDs of `type_name`; an ID of another type names nothing."""
    keys = []
    for global_id in global_ids or []:
        decoded = decode_global_id(global_id)
        key = int_pk(decoded[1]) if decoded is not None and decoded[0] == type_name else None
        if key is not None:
            keys.append(key)
    return keys


async def visible_attributes(info: Info) -> QuerySet[AttributeModel]:
    principal = await info.context.principal()
    if has_any_permission(principal, ATTRIBUTE_READERS):
        return AttributeModel.all()
    return AttributeModel.filter(visible_in_storefront=True)


async def _used_by_products(product_ids: list[int]) -> Q:
    """Attributes assigned to the product types of these gifts."""
    type_ids = await Product.filter(id__in=product_ids).values_list("product_type_id", flat=True)
    return _assigned_to(list(set(type_ids)))  # type: ignore[arg-type]


def _assigned_to(type_ids: list[int]) -> Q:
    return Q(attribute_products__product_type_id__in=type_ids) | Q(attribute_variants__product_type_id__in=type_ids)


async def _filtered(queryset: QuerySet[Any], value: AttributeFilterInput | None, search: str | None) -> QuerySet[Any]:
    text = search or (value.search if value is not None else None)
    if text:
        queryset = queryset.filter(Q(name__icontains=text) | Q(slug__icontains=text))
    if value is None:
        return queryset
    if value.ids:
        queryset = queryset.filter(id__in=_pks(value.ids, "Attribute"))
    if value.slugs:
        queryset = queryset.filter(slug__in=value.slugs)
    if value.type is not None:
        # CUSTOMER_TYPE (Saleor's) is no type the mall stores: it matches nothing
        queryset = queryset.filter(type__in=[kind for kind in AttributeType if kind.value == enum_name(value.type)])
    flags = {name: getattr(value, name) for name in FLAGS if getattr(value, name) is not None}
    queryset = queryset.filter(**flags)
    if value.metadata:
        queryset = queryset.filter(id__in=await _metadata_ids(value.metadata))
    if value.in_category:
        category_ids = _pks([value.in_category], "Category")
        product_ids = await Product.filter(category_id__in=category_ids).values_list("id", flat=True)
        queryset = queryset.filter(await _used_by_products(list(product_ids))).distinct()  # type: ignore[arg-type]
    if value.in_collection:
        collection_ids = _pks([value.in_collection], "Collection")
        members = CollectionProduct.filter(collection_id__in=collection_ids)
        product_ids = await members.values_list("product_id", flat=True)
        queryset = queryset.filter(await _used_by_products(list(product_ids))).distinct()  # type: ignore[arg-type]
    return queryset


def _enum_names(enum_filter: Any) -> list[str] | None:
    """The names an `eq`/`oneOf` enum filter allows; None when it is not given."""
    if enum_filter is None:
        return None
    if enum_filter.eq is not None:
        return [enum_name(enum_filter.eq)]
    return [enum_name(name) for name in enum_filter.one_of or []]


async def _in_category(global_id: str) -> Q:
    """Saleor's `inCategory`: attributes the product types of the category's gifts assign."""
    product_ids = await Product.filter(category_id__in=_pks([global_id], "Category")).values_list("id", flat=True)
    return await _used_by_products(list(product_ids))  # type: ignore[arg-type]


async def _in_collection(global_id: str) -> Q:
    """Saleor's `inCollection`: attributes the product types of the collection's gifts assign."""
    members = CollectionProduct.filter(collection_id__in=_pks([global_id], "Collection"))
    return await _used_by_products(list(await members.values_list("product_id", flat=True)))  # type: ignore[arg-type]


async def _metadata_ids(items: list[Any]) -> list[int]:
    """Metadata is JSON: matched in Python over the attributes' (id, metadata) pairs (a few hundred rows at most),
    the same way on SQLite and PostgreSQL. An item without a value matches any value of its key."""
    rows = await AttributeModel.all().values_list("id", "metadata")
    return [
        pk for pk, data in rows
        if all(item.key in (data or {}) and item.value in (None, data[item.key]) for item in items)
    ]


async def _where_condition(where: AttributeWhereInput) -> Q:
    """The `where` input as one condition: its fields together (AND), with its nested AND and OR lists."""
    parts: list[Q] = []
    if where.in_category:
        parts.append(await _in_category(where.in_category))
    if where.in_collection:
        parts.append(await _in_collection(where.in_collection))
    if where.metadata:
        parts.append(Q(id__in=await _metadata_ids(where.metadata)))
    if where.ids:
        parts.append(Q(id__in=_pks(where.ids, "Attribute")))
    for column, text_filter in (("name", where.name), ("slug", where.slug)):
        if text_filter is not None and text_filter.eq is not None:
            parts.append(Q(**{column: text_filter.eq}))
        if text_filter is not None and text_filter.one_of is not None:
            parts.append(Q(**{f"{column}__in": text_filter.one_of}))
    for column, enum_filter in (("type", where.type), ("input_type", where.input_type), ("unit", where.unit)):
        names = _enum_names(enum_filter)
        if names is not None:
            parts.append(Q(**{f"{column}__in": names}))
    if where.entity_type is not None:
        parts.append(Q(id__isnull=True))  # the mall stores no reference attributes: no attribute has an entity type
    if where.with_choices is not None:
        choices = Q(input_type__in=[kind.value for kind in CHOICES])
        parts.append(choices if where.with_choices else ~choices)
    flags = {name: getattr(where, name) for name in ("value_required", "visible_in_storefront",
                                                      "filterable_in_dashboard") if getattr(where, name) is not None}
    if flags:
        parts.append(Q(**flags))
    parts += [await _where_condition(nested) for nested in where.a_n_d or []]
    if where.o_r:
        parts.append(Q(*[await _where_condition(nested) for nested in where.o_r], join_type="OR"))
    return Q(*parts) if parts else Q()


async def _where(queryset: QuerySet[Any], where: AttributeWhereInput | None) -> QuerySet[Any]:
    """The Dashboard's attribute pickers send `where`; nested AND and OR lists apply as Saleor's do. The
    category and collection conditions join through assignments: `distinct` keeps each attribute once."""
    return queryset if where is None else queryset.filter(await _where_condition(where)).distinct()


def _sort(sort_by: AttributeSortingInput | None) -> list[SortKey]:
    if sort_by is None:
        return [SortKey("storefront_search_position"), SortKey("slug")]
    field = SORT_FIELDS.get(enum_name(sort_by.field), "slug")
    return [SortKey(field, descending=enum_name(sort_by.direction) == "DESC")]


async def attribute_list(
    info: Info, filter: AttributeFilterInput | None, where: AttributeWhereInput | None, search: str | None,
    sort_by: AttributeSortingInput | None, args: PageArgs,
) -> Any:
    from catalog.graphql.admin.queries import AttributeCountableConnection, AttributeCountableEdge

    queryset = await _where(await _filtered(await visible_attributes(info), filter, search), where)
    return await paginate(
        info, queryset, args, AttributeCountableConnection, AttributeCountableEdge, sort=_sort(sort_by),
        to_node=Attribute.of,
    )


async def attribute_lookup(info: Info, id: str | None, slug: str | None, external_reference: str | None) -> Any:
    queryset = await visible_attributes(info)
    if id is not None:
        keys = _pks([id], "Attribute")
        queryset = queryset.filter(id=keys[0]) if keys else queryset.filter(id__in=[])
    elif slug is not None:
        queryset = queryset.filter(slug=slug)
    elif external_reference is not None:
        queryset = queryset.filter(external_reference=external_reference)
    else:
        return None
    row = await queryset.first()
    return Attribute.of(row) if row is not None else None


async def available_attributes(
    info: Info, product_type: ProductTypeModel, filter: AttributeFilterInput | None, search: str | None,
    args: PageArgs,
) -> Any:
    """Product attributes the product type does not assign yet: what the Dashboard offers to assign."""
    from catalog.graphql.admin.queries import AttributeCountableConnection, AttributeCountableEdge

    await require_permission(info, "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES")
    products = await AttributeProduct.filter(product_type_id=product_type.id).values_list("attribute_id", flat=True)
    variants = await AttributeVariant.filter(product_type_id=product_type.id).values_list("attribute_id", flat=True)
    queryset = AttributeModel.filter(type=AttributeType.PRODUCT_TYPE).exclude(id__in=[*products, *variants])
    return await paginate(
        info, await _filtered(queryset, filter, search), args, AttributeCountableConnection, AttributeCountableEdge,
        sort=_sort(None), to_node=Attribute.of,
    )


async def available_page_attributes(
    info: Info, page_type: PageTypeModel, filter: AttributeFilterInput | None, where: AttributeWhereInput | None,
    search: str | None, args: PageArgs,
) -> Any:
    """Page attributes the page type does not assign yet: what the Dashboard offers to assign."""
    from catalog.graphql.admin.queries import AttributeCountableConnection, AttributeCountableEdge

    await require_permission(info, "MANAGE_PAGE_TYPES_AND_ATTRIBUTES")
    assigned = await AttributePage.filter(page_type_id=page_type.id).values_list("attribute_id", flat=True)
    queryset = AttributeModel.filter(type=AttributeType.PAGE_TYPE).exclude(id__in=list(assigned))
    queryset = await _where(await _filtered(queryset, filter, search), where)
    return await paginate(
        info, queryset, args, AttributeCountableConnection, AttributeCountableEdge, sort=_sort(None),
        to_node=Attribute.of,
    )
