"""The Dashboard's navigation pages (structures): its eight menu documents, with the variables it sends, as the
operator (served) and as a partner's staff (refused, nothing changed)."""

from __future__ import annotations

import pytest

from catalog.models import Menu, MenuItem
from catalog.services import menus
from mall.graphql.ids import to_global_id
from tests.catalog.factories import make_category, make_page

ERROR = "fragment MenuError on MenuError { code field message }"
ITEM = """
fragment MenuItem on MenuItem {
  id name level url category { id name } collection { id name } page { id title }
}
"""
NESTED = ITEM + """
fragment MenuItemNested on MenuItem {
  ...MenuItem children { ...MenuItem children { ...MenuItem children { ...MenuItem } } }
}
"""
MENU_LIST = """
query MenuList($first: Int, $after: String, $last: Int, $before: String, $sort: MenuSortingInput) {
  menus(first: $first, after: $after, last: $last, before: $before, sortBy: $sort) {
    edges { node { id name items { id } } }
    pageInfo { endCursor hasNextPage hasPreviousPage startCursor }
  }
}
"""
MENU_DETAILS = "query MenuDetails($id: ID!) { menu(id: $id) { id name items { ...MenuItemNested } } }" + NESTED
MENU_CREATE = """
mutation MenuCreate($input: MenuCreateInput!) {
  menuCreate(input: $input) { errors { ...MenuError } menu { id } }
}
""" + ERROR
MENU_DELETE = "mutation MenuDelete($id: ID!) { menuDelete(id: $id) { errors { ...MenuError } } }" + ERROR
MENU_BULK_DELETE = """
mutation MenuBulkDelete($ids: [ID!]!) { menuBulkDelete(ids: $ids) { errors { ...MenuError } } }
""" + ERROR
MENU_ITEM_CREATE = """
mutation MenuItemCreate($input: MenuItemCreateInput!) {
  menuItemCreate(input: $input) { errors { ...MenuError } menuItem { menu { id items { ...MenuItemNested } } } }
}
""" + ERROR + NESTED
MENU_ITEM_UPDATE = """
mutation MenuItemUpdate($id: ID!, $input: MenuItemInput!) {
  menuItemUpdate(id: $id, input: $input) { errors { ...MenuError } menuItem { ...MenuItem } }
}
""" + ERROR + ITEM
MENU_UPDATE = """
mutation MenuUpdate($id: ID!, $name: String!, $moves: [MenuItemMoveInput!]!, $removeIds: [ID!]!) {
  menuUpdate(id: $id, input: {name: $name}) { errors { ...MenuError } }
  menuItemMove(menu: $id, moves: $moves) { errors { ...MenuError } }
  menuItemBulkDelete(ids: $removeIds) { errors { ...MenuError } }
}
""" + ERROR


def gid(row: object) -> str:
    return to_global_id(type(row).__name__, row.id)  # type: ignore[attr-defined]


async def stored() -> list[tuple]:
    """Every menu and item as stored: what a refusal must leave as it was."""
    menus_rows = await Menu.all().order_by("id").values_list("id", "name", "slug")
    items = await MenuItem.all().order_by("id").values_list(
        "id", "menu_id", "parent_id", "name", "sort_order", "category_id", "page_id", "url"
    )
    return [*menus_rows, *items]


@pytest.fixture
async def footer():
    """The footer: About (with FAQ under it), then Privacy."""
    about = await make_page("About the programme", "about")
    faq = await make_page("FAQ", "faq")
    privacy = await make_page("Privacy", "privacy")
    menu = await menus.create_menu("Footer", "footer", [
        menus.ItemData("About", menus.ItemLink(page_id=about.id)),
        menus.ItemData("Privacy", menus.ItemLink(page_id=privacy.id)),
    ])
    about_item, privacy_item = await MenuItem.filter(menu_id=menu.id).order_by("sort_order")
    faq_item = await menus.create_item(menu, about_item, menus.ItemData("FAQ", menus.ItemLink(page_id=faq.id)))
    return {"menu": menu, "about": about_item, "privacy": privacy_item, "faq": faq_item, "about_page": about}


def page_item(item: MenuItem, name: str, level: int, page_title: str, children: list | None = None) -> dict:
    shown = {"id": gid(item), "name": name, "level": level, "url": None, "category": None, "collection": None,
             "page": {"id": to_global_id("Page", item.page_id), "title": page_title}}  # type: ignore[attr-defined]
    return shown if children is None else {**shown, "children": children}


async def test_the_menu_list_sorts_by_items_count_and_pages(api, back_office, footer):
    # given
    await menus.create_menu("Navbar", "navbar")

    # when
    first = await api.ok(MENU_LIST, {"first": 1, "sort": {"direction": "DESC", "field": "ITEMS_COUNT"}},
                         back_office.operator)
    cursor = first["menus"]["pageInfo"]["endCursor"]
    second = await api.ok(MENU_LIST, {"first": 1, "after": cursor, "sort": {"direction": "DESC",
                                                                            "field": "ITEMS_COUNT"}},
                          back_office.operator)

    # then
    assert first["menus"]["edges"] == [{"node": {"id": gid(footer["menu"]), "name": "Footer", "items": [
        {"id": gid(footer["about"])}, {"id": gid(footer["privacy"])}]}}]
    assert first["menus"]["pageInfo"]["hasNextPage"] is True
    assert [edge["node"]["name"] for edge in second["menus"]["edges"]] == ["Navbar"]
    assert second["menus"]["pageInfo"]["hasNextPage"] is False
    assert second["menus"]["pageInfo"]["hasPreviousPage"] is True


async def test_the_menu_details_show_the_tree_with_levels(api, back_office, footer):
    # when
    data = await api.ok(MENU_DETAILS, {"id": gid(footer["menu"])}, back_office.operator)

    # then
    assert data["menu"] == {"id": gid(footer["menu"]), "name": "Footer", "items": [
        page_item(footer["about"], "About", 0, "About the programme", [
            page_item(footer["faq"], "FAQ", 1, "FAQ", []),
        ]),
        page_item(footer["privacy"], "Privacy", 0, "Privacy", []),
    ]}


async def test_menu_create_stores_the_menu_with_its_items_in_order(api, back_office):
    # given
    garden = await make_category("Garden")
    rules = await make_page("Points rules", "points-rules")

    # when
    data = await api.ok(MENU_CREATE, {"input": {"name": "Sidebar", "items": [
        {"name": "Garden", "category": gid(garden)},
        {"name": "Rules", "page": gid(rules)},
        {"name": "Bank", "url": "https://bank.example/cards"},
    ]}}, back_office.operator)

    # then
    menu = await Menu.get(slug="sidebar")
    assert data == {"menuCreate": {"errors": [], "menu": {"id": gid(menu)}}}
    items = await MenuItem.filter(menu_id=menu.id).order_by("sort_order").values_list(
        "name", "sort_order", "parent_id", "category_id", "page_id", "url")
    assert items == [("Garden", 0, None, garden.id, None, None), ("Rules", 1, None, None, rules.id, None),
                     ("Bank", 2, None, None, None, "https://bank.example/cards")]


@pytest.mark.parametrize(("item", "code", "field"), [
    ({"name": "Nothing"}, "NO_MENU_ITEM_PROVIDED", None),
    ({"name": "Both", "url": "https://bank.example", "page": "UGFnZTox"}, "TOO_MANY_MENU_ITEMS", "url"),
    ({"name": "Script", "url": "javascript:alert(1)"}, "INVALID", "url"),
    ({"name": "Data", "url": "data:text/html,hi"}, "INVALID", "url"),
    ({"name": "Gone", "page": "UGFnZTo5OTk5"}, "NOT_FOUND", "page"),
    ({"name": "Product", "category": "UHJvZHVjdDox"}, "GRAPHQL_ERROR", "category"),
])
async def test_menu_create_refuses_an_item_that_links_wrongly_and_saves_nothing(api, back_office, item, code, field):
    # given
    before = await stored()

    # when
    data = await api.ok(MENU_CREATE, {"input": {"name": "Sidebar", "items": [item]}}, back_office.operator)

    # then
    errors = data["menuCreate"]["errors"]
    assert [(error["code"], error["field"]) for error in errors] == [(code, field)]
    assert data["menuCreate"]["menu"] is None
    assert await stored() == before


async def test_menu_create_refuses_a_taken_slug(api, back_office, footer):
    # given
    before = await stored()

    # when
    data = await api.ok(MENU_CREATE, {"input": {"name": "Footer"}}, back_office.operator)

    # then
    assert data["menuCreate"] == {"errors": [{"code": "UNIQUE", "field": "slug",
                                              "message": "Menu with this Slug already exists."}], "menu": None}
    assert await stored() == before


async def test_menu_item_create_adds_a_last_child_and_answers_the_whole_menu(api, back_office, footer):
    # when
    data = await api.ok(MENU_ITEM_CREATE, {"input": {"name": "Card offers", "menu": gid(footer["menu"]),
                                                     "parent": gid(footer["about"]),
                                                     "url": "https://bank.example/offers"}}, back_office.operator)

    # then
    created = await MenuItem.get(name="Card offers")
    assert created.sort_order == 1
    about = data["menuItemCreate"]["menuItem"]["menu"]["items"][0]
    assert [(child["name"], child["level"], child["url"]) for child in about["children"]] == [
        ("FAQ", 1, None), ("Card offers", 1, "https://bank.example/offers")]
    assert data["menuItemCreate"]["errors"] == []


async def test_menu_item_update_replaces_the_link(api, back_office, footer):
    # given
    garden = await make_category("Garden")

    # when
    data = await api.ok(MENU_ITEM_UPDATE, {"id": gid(footer["privacy"]), "input": {
        "name": "Garden gifts", "category": gid(garden)}}, back_office.operator)

    # then
    assert data["menuItemUpdate"] == {"errors": [], "menuItem": {
        "id": gid(footer["privacy"]), "name": "Garden gifts", "level": 0, "url": None,
        "category": {"id": gid(garden), "name": "Garden"}, "collection": None, "page": None}}
    row = await MenuItem.get(id=footer["privacy"].id)
    assert (row.category_id, row.page_id) == (garden.id, None)  # type: ignore[attr-defined]


async def test_menu_update_renames_moves_and_removes_in_one_document(api, back_office, footer):
    # given: FAQ goes to the top level (last, after Privacy), then two places up; Privacy is removed
    variables = {"id": gid(footer["menu"]), "name": "Site footer", "removeIds": [gid(footer["privacy"])],
                 "moves": [{"itemId": gid(footer["faq"]), "parentId": None, "sortOrder": -2}]}

    # when
    data = await api.ok(MENU_UPDATE, variables, back_office.operator)

    # then
    assert data == {"menuUpdate": {"errors": []}, "menuItemMove": {"errors": []},
                    "menuItemBulkDelete": {"errors": []}}
    assert (await Menu.get(id=footer["menu"].id)).name == "Site footer"
    rows = await MenuItem.filter(menu_id=footer["menu"].id).order_by("sort_order").values_list(
        "name", "parent_id", "sort_order")
    assert rows == [("FAQ", None, 0), ("About", None, 1)]


async def test_a_move_under_its_own_descendant_is_refused_and_changes_nothing(api, back_office, footer):
    # given
    before = await stored()
    moves = [{"itemId": gid(footer["about"]), "parentId": gid(footer["faq"]), "sortOrder": 0}]

    # when
    data = await api.ok(MENU_UPDATE, {"id": gid(footer["menu"]), "name": "Footer", "moves": moves,
                                      "removeIds": []}, back_office.operator)

    # then
    assert data["menuItemMove"] == {"errors": [{
        "code": "CANNOT_ASSIGN_NODE", "field": "parentId",
        "message": "Cannot move an item under itself or one of its descendants."}]}
    assert await stored() == before


async def test_menu_delete_removes_the_menu_and_its_items(api, back_office, footer):
    # when
    data = await api.ok(MENU_DELETE, {"id": gid(footer["menu"])}, back_office.operator)

    # then
    assert data == {"menuDelete": {"errors": []}}
    assert await stored() == []


async def test_menu_bulk_delete_is_all_or_nothing(api, back_office, footer):
    # given
    before = await stored()

    # when
    refused = await api.ok(MENU_BULK_DELETE, {"ids": [gid(footer["menu"]), "TWVudTo5OTk5"]}, back_office.operator)
    accepted = await api.ok(MENU_BULK_DELETE, {"ids": [gid(footer["menu"])]}, back_office.operator)

    # then
    assert refused == {"menuBulkDelete": {"errors": [{"code": "NOT_FOUND", "field": "ids",
                                                      "message": "Couldn't resolve to a node: TWVudTo5OTk5"}]}}
    assert before != []
    assert accepted == {"menuBulkDelete": {"errors": []}}
    assert await stored() == []


def partner_calls(footer: dict) -> list[tuple[str, dict]]:
    menu, about = gid(footer["menu"]), gid(footer["about"])
    return [
        (MENU_CREATE, {"input": {"name": "Partner menu"}}),
        (MENU_DELETE, {"id": menu}),
        (MENU_BULK_DELETE, {"ids": [menu]}),
        (MENU_ITEM_CREATE, {"input": {"name": "Partner", "menu": menu, "url": "https://acme.example"}}),
        (MENU_ITEM_UPDATE, {"id": about, "input": {"name": "Ours"}}),
        (MENU_UPDATE, {"id": menu, "name": "Ours", "moves": [{"itemId": about, "sortOrder": 1}], "removeIds": [about]}),
    ]


async def test_a_partner_s_staff_are_refused_every_menu_change_and_nothing_changes(api, back_office, footer):
    # given
    before = await stored()

    # when
    responses = [await api.post(query, variables, back_office.acme) for query, variables in partner_calls(footer)]

    # then
    assert [response.error_codes[:1] for response in responses] == [["PermissionDenied"]] * 6
    assert await stored() == before


async def test_a_partner_s_staff_read_the_menus_as_anyone(api, back_office, footer):
    # when
    listed = await api.ok(MENU_LIST, {"first": 10}, back_office.acme)
    details = await api.ok(MENU_DETAILS, {"id": gid(footer["menu"])}, back_office.acme)

    # then
    assert [edge["node"]["name"] for edge in listed["menus"]["edges"]] == ["Footer"]
    assert [item["name"] for item in details["menu"]["items"]] == ["About", "Privacy"]
