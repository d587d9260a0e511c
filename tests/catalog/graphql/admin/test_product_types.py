"""The Dashboard's product type pages: list, create, update, delete (one and in bulk). Product types are the
operator's; partner staff read them (to list gifts) but do not change them."""

from __future__ import annotations

from catalog.models import ProductType
from tests.catalog.factories import make_product_type
from tests.catalog.graphql.admin.conftest import BackOffice

PRODUCT_TYPE_FRAGMENTS = """
fragment Attribute on Attribute {
  id name slug type visibleInStorefront filterableInDashboard filterableInStorefront unit inputType
}
fragment MetadataItem on MetadataItem { key value }
fragment Metadata on ObjectWithMetadata { metadata { ...MetadataItem } privateMetadata { ...MetadataItem } }
fragment ProductType on ProductType { id name slug kind hasVariants isShippingRequired taxClass { id name } }
fragment ProductTypeDetails on ProductType {
  ...ProductType
  ...Metadata
  productAttributes { ...Attribute valueRequired choices(first: 1) { edges { node { id name } } } }
  variantAttributes { ...Attribute valueRequired }
  assignedVariantAttributes {
    attribute { ...Attribute valueRequired choices(first: 1) { edges { node { id name } } } }
    variantSelection
  }
  weight { unit value }
}
"""
PRODUCT_TYPE_LIST = """
query ProductTypeList($after: String, $before: String, $first: Int, $last: Int, $filter: ProductTypeFilterInput,
                      $sort: ProductTypeSortingInput) {
  productTypes(after: $after, before: $before, first: $first, last: $last, filter: $filter, sortBy: $sort) {
    edges { node { ...ProductType } }
    pageInfo { endCursor hasNextPage hasPreviousPage startCursor }
  }
}
fragment ProductType on ProductType { id name slug kind hasVariants isShippingRequired taxClass { id name } }
"""
PRODUCT_TYPE_CREATE = """
mutation ProductTypeCreate($input: ProductTypeInput!) {
  productTypeCreate(input: $input) {
    errors { ...ProductTypeCreateErrorFragment }
    productType { ...ProductTypeDetails }
  }
}
fragment ProductTypeCreateErrorFragment on ProductError { code field message }
""" + PRODUCT_TYPE_FRAGMENTS
PRODUCT_TYPE_UPDATE = """
mutation ProductTypeUpdate($id: ID!, $input: ProductTypeInput!) {
  productTypeUpdate(id: $id, input: $input) {
    errors { ...ProductErrorFragment }
    productType { ...ProductTypeDetails }
  }
}
fragment ProductErrorFragment on ProductError { code field message }
""" + PRODUCT_TYPE_FRAGMENTS
PRODUCT_TYPE_DELETE = """
mutation ProductTypeDelete($id: ID!) {
  productTypeDelete(id: $id) { errors { ...ProductTypeDeleteErrorFragment } productType { id } }
}
fragment ProductTypeDeleteErrorFragment on ProductError { code field message }
"""
PRODUCT_TYPE_BULK_DELETE = """
mutation ProductTypeBulkDelete($ids: [ID!]!) {
  productTypeBulkDelete(ids: $ids) { errors { ...ProductTypeDeleteErrorFragment } }
}
fragment ProductTypeDeleteErrorFragment on ProductError { code field message }
"""


async def test_the_list_filters_by_kind_and_sorts_by_name(api, back_office: BackOffice):
    # given
    await make_product_type("voucher")
    await make_product_type("e-card", kind="GIFT_CARD")

    # when
    data = await api.ok(PRODUCT_TYPE_LIST, {"first": 20, "filter": {"search": ""},
                                            "sort": {"direction": "DESC", "field": "NAME"}}, back_office.acme)
    cards = await api.ok(PRODUCT_TYPE_LIST, {"first": 20, "filter": {"kind": "GIFT_CARD"}},
                          back_office.operator)

    # then
    assert [edge["node"]["name"] for edge in data["productTypes"]["edges"]] == ["Voucher", "Gift", "E-Card"]
    assert data["productTypes"]["edges"][2]["node"]["kind"] == "GIFT_CARD"
    assert data["productTypes"]["edges"][1]["node"] == {
        "id": back_office.gid(back_office.product_type), "name": "Gift", "slug": "gift", "kind": "NORMAL",
        "hasVariants": True, "isShippingRequired": True, "taxClass": None,
    }
    assert [edge["node"]["slug"] for edge in cards["productTypes"]["edges"]] == ["e-card"]


async def test_the_operator_creates_a_product_type_with_no_attributes(api, back_office: BackOffice):
    # when
    data = await api.ok(PRODUCT_TYPE_CREATE, {"input": {
        "name": "E-Voucher", "kind": "NORMAL", "hasVariants": False, "isShippingRequired": False,
        "productAttributes": [], "variantAttributes": [], "taxClass": None, "weight": 0,
    }}, back_office.operator)

    # then
    created = data["productTypeCreate"]
    assert created["errors"] == []
    assert created["productType"]["slug"] == "e-voucher"
    assert created["productType"]["isShippingRequired"] is False
    assert created["productType"]["productAttributes"] == []
    assert (await ProductType.get(slug="e-voucher")).name == "E-Voucher"


async def test_a_partner_may_not_create_product_types(api, back_office: BackOffice):
    # when
    response = await api.post(PRODUCT_TYPE_CREATE, {"input": {"name": "Rogue"}}, back_office.acme)

    # then
    assert response.error_codes == ["PermissionDenied"]
    assert await ProductType.filter(slug="rogue").exists() is False


async def test_the_operator_renames_a_product_type_and_a_taken_slug_is_refused(api, back_office: BackOffice):
    # given
    await make_product_type("voucher")
    type_id = back_office.gid(back_office.product_type)

    # when
    renamed = await api.ok(PRODUCT_TYPE_UPDATE, {"id": type_id, "input": {"name": "Physical gift"}},
                           back_office.operator)
    clash = await api.ok(PRODUCT_TYPE_UPDATE, {"id": type_id, "input": {"slug": "voucher"}}, back_office.operator)

    # then
    assert renamed["productTypeUpdate"]["productType"]["name"] == "Physical gift"
    assert clash["productTypeUpdate"]["errors"] == [
        {"code": "UNIQUE", "field": "slug", "message": "Product type with this Slug already exists."}
    ]
    assert (await ProductType.get(id=back_office.product_type.id)).slug == "gift"


async def test_a_product_type_in_use_is_not_deleted(api, back_office: BackOffice):
    # when
    data = await api.ok(PRODUCT_TYPE_DELETE, {"id": back_office.gid(back_office.product_type)}, back_office.operator)

    # then
    assert data["productTypeDelete"] == {"errors": [{
        "code": "INVALID", "field": "id", "message": "2 gift(s) use this product type: move or delete them first.",
    }], "productType": None}
    assert await ProductType.filter(id=back_office.product_type.id).exists() is True


async def test_bulk_delete_deletes_all_or_none(api, back_office: BackOffice):
    # given
    unused = [await make_product_type("voucher"), await make_product_type("e-card")]
    ids = [back_office.gid(row) for row in unused]

    # when: one of three is in use, then only the unused two
    refused = await api.ok(PRODUCT_TYPE_BULK_DELETE, {"ids": [*ids, back_office.gid(back_office.product_type)]},
                           back_office.operator)
    kept = await ProductType.all().count()
    deleted = await api.ok(PRODUCT_TYPE_BULK_DELETE, {"ids": ids}, back_office.operator)

    # then
    assert refused["productTypeBulkDelete"]["errors"][0]["code"] == "INVALID"
    assert kept == 3
    assert deleted == {"productTypeBulkDelete": {"errors": []}}
    assert await ProductType.all().count() == 1
