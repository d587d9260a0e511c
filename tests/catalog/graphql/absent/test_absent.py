"""What the Dashboard finds in the parts a points mall does not have through this API (menus, uploads, exports):
truthful answers (the category menus) and, for changes, a clear error code with nothing written. Attributes and
page types are stored: tests/catalog/graphql/admin/test_attributes.py, test_page_types.py (the built-in content
page type is listed here, with its pages)."""

from __future__ import annotations

from catalog.models import Page
from tests.catalog.factories import make_category, make_page
from tests.factories import make_staff, token_for

PAGE_INFO = "fragment PageInfo on PageInfo { endCursor hasNextPage hasPreviousPage startCursor }"
PAGE_TYPE_LIST = """
query PageTypeList($after: String, $before: String, $first: Int, $last: Int, $filter: PageTypeFilterInput,
                   $sort: PageTypeSortingInput) {
  pageTypes(after: $after, before: $before, first: $first, last: $last, filter: $filter, sortBy: $sort) {
    edges { node { ...PageType } }
    pageInfo { ...PageInfo }
  }
}
fragment PageType on PageType { id name hasPages }
""" + PAGE_INFO
MENU_LIST = """
query MenuList($first: Int, $after: String, $last: Int, $before: String, $sort: MenuSortingInput) {
  menus(first: $first, after: $after, before: $before, last: $last, sortBy: $sort) {
    edges { node { ...Menu } }
    pageInfo { ...PageInfo }
  }
}
fragment Menu on Menu { id name items { id } }
""" + PAGE_INFO
PAGE_TYPE_CREATE = """
mutation PageTypeCreate($input: PageTypeCreateInput!) {
  pageTypeCreate(input: $input) { errors { ...PageTypeDeleteErrorFragment } pageType { id } }
}
fragment PageTypeDeleteErrorFragment on PageError { code field message }
"""
MENU_ITEM_CREATE = """
mutation MenuItemCreate($input: MenuItemCreateInput!) {
  menuItemCreate(input: $input) { errors { ...MenuError } menuItem { menu { id } } }
}
fragment MenuError on MenuError { code field message }
"""
PRODUCT_EXPORT = """
mutation ProductExport($input: ExportProductsInput!) {
  exportProducts(input: $input) {
    exportFile { id status url }
    errors { ...ExportError }
  }
}
fragment ExportError on ExportError { code field message }
"""


async def operator_token(settings) -> str:
    operator = await make_staff("ops@mall.example", ["MANAGE_PAGES", "MANAGE_PAGE_TYPES_AND_ATTRIBUTES",
                                                     "MANAGE_PRODUCT_TYPES_AND_ATTRIBUTES", "MANAGE_MENUS",
                                                     "MANAGE_PRODUCTS"])
    return token_for(operator, settings)


async def test_the_one_page_type_is_listed_with_its_pages(api, settings):
    # given
    await make_page("About the programme", "about")

    # when
    data = await api.ok(PAGE_TYPE_LIST, {"first": 20, "sort": {"direction": "ASC", "field": "NAME"}},
                        await operator_token(settings))

    # then
    assert data["pageTypes"]["edges"] == [{"node": {"id": "UGFnZVR5cGU6MQ==", "name": "Content page",
                                                    "hasPages": True}}]
    assert data["pageTypes"]["pageInfo"]["hasNextPage"] is False


async def test_the_menus_are_the_category_menus(api, settings):
    # given
    await make_category("Kitchen")

    # when
    data = await api.ok(MENU_LIST, {"first": 20}, await operator_token(settings))

    # then
    menus = [edge["node"] for edge in data["menus"]["edges"]]
    assert [menu["name"] for menu in menus] == ["Navbar", "Footer"]
    assert len(menus[0]["items"]) == 1


async def test_changes_to_what_the_mall_does_not_store_are_refused_and_write_nothing(api, settings):
    # given
    token = await operator_token(settings)
    pages_before = await Page.all().count()

    # when
    menu_item = await api.ok(MENU_ITEM_CREATE, {"input": {"name": "Sale", "menu": "TWVudTox"}}, token)
    export = await api.ok(PRODUCT_EXPORT, {"input": {"scope": "ALL", "fileType": "CSV", "exportInfo": {}}}, token)

    # then
    assert menu_item["menuItemCreate"]["errors"][0]["code"] == "INVALID"
    assert export["exportProducts"] == {"exportFile": None, "errors": [{
        "code": "INVALID", "field": None, "message": "Not available in the points mall."}]}
    assert await Page.all().count() == pages_before


async def test_a_refusal_still_needs_the_permission(api, settings):
    # given
    clerk = await make_staff("clerk@mall.example", [])

    # when
    response = await api.post(PAGE_TYPE_CREATE, {"input": {"name": "Landing page"}}, token_for(clerk, settings))

    # then
    assert response.error_codes == ["PermissionDenied"]
