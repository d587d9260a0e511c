"""Categories (the tree, their products) and the storefront's stored menus: the navbar, the footer of content
pages, what a member may not see hidden, item names in other languages."""

from __future__ import annotations

from catalog.models import Menu, MenuItem, MenuItemTranslation
from catalog.services import menus
from mall.graphql.ids import to_global_id
from tests.catalog.factories import make_category, make_collection, make_gift, make_page
from tests.factories import make_channel, make_staff, token_for

CATEGORIES = """
query($filter: CategoryFilterInput, $level: Int) {
  categories(first: 20, filter: $filter, level: $level) { totalCount edges { node { slug level parent { slug } } } }
}
"""


async def tree():
    home = await make_category("Home")
    kitchen = await make_category("Kitchen", parent=home)
    cookware = await make_category("Cookware", parent=kitchen)
    garden = await make_category("Garden", parent=home)
    electronics = await make_category("Electronics")
    return {"home": home, "kitchen": kitchen, "cookware": cookware, "garden": garden, "electronics": electronics}


def slugs(data: dict, field: str = "categories") -> list[str]:
    return [edge["node"]["slug"] for edge in data[field]["edges"]]


async def test_categories_by_slugs_level_and_search(api):
    # given
    await tree()

    # when
    by_slugs = await api.ok(CATEGORIES, {"filter": {"slugs": ["garden", "electronics"]}})
    top_level = await api.ok(CATEGORIES, {"level": 0})
    searched = await api.ok(CATEGORIES, {"filter": {"search": "ook"}})

    # then
    assert slugs(by_slugs) == ["electronics", "garden"]
    assert top_level["categories"] == {
        "totalCount": 2,
        "edges": [
            {"node": {"slug": "electronics", "level": 0, "parent": None}},
            {"node": {"slug": "home", "level": 0, "parent": None}},
        ],
    }
    assert slugs(searched) == ["cookware"]


async def test_a_category_has_children_and_ancestors(api):
    # given
    await tree()
    query = """{ category(slug: "kitchen") {
      children(first: 10) { totalCount edges { node { slug } } }
      ancestors(first: 10) { edges { node { slug } } } } }"""
    deep = '{ category(slug: "cookware") { ancestors(first: 10) { edges { node { slug } } } } }'

    # when
    kitchen = await api.ok(query)
    cookware = await api.ok(deep)

    # then
    assert kitchen["category"]["children"] == {"totalCount": 1, "edges": [{"node": {"slug": "cookware"}}]}
    assert slugs(kitchen["category"], "ancestors") == ["home"]
    assert slugs(cookware["category"], "ancestors") == ["home", "kitchen"]


async def test_category_products_include_subcategories_and_take_the_channel(api):
    # given
    categories = await tree()
    channel = await make_channel()
    await make_gift(channel, "Iron Wok", 800, category=categories["cookware"])
    await make_gift(channel, "Hose", 300, category=categories["garden"])
    await make_gift(channel, "Radio", 900, category=categories["electronics"])
    await make_gift(channel, "Hidden Pan", 500, category=categories["cookware"], visible_in_listings=False)
    query = """query($slug: String!) { category(slug: $slug) {
      products(first: 10, channel: "bank-a-mall") { totalCount edges { node { name } } } } }"""

    # when
    home = await api.ok(query, {"slug": "home"})
    kitchen = await api.ok(query, {"slug": "kitchen"})

    # then
    assert [e["node"]["name"] for e in home["category"]["products"]["edges"]] == ["Hose", "Iron Wok"]
    assert kitchen["category"]["products"]["totalCount"] == 1


async def test_category_lookup_by_id_and_unknown_slug(api):
    # given
    categories = await tree()
    query = "query($id: ID) { category(id: $id) { name level } }"

    # when
    found = await api.ok(query, {"id": to_global_id("Category", categories["garden"].id)})
    missing = await api.ok('{ category(slug: "nope") { name } }')

    # then
    assert found == {"category": {"name": "Garden", "level": 1}}
    assert missing == {"category": None}


MENU = """
query($slug: String!) {
  menu(slug: $slug, channel: "bank-a-mall") {
    name slug
    items { name level category { slug } collection { slug } page { slug } url
      children { name level parent { name } children { name } } }
  }
}
"""


async def navbar_of(categories: dict) -> Menu:
    """The storefront's navbar as the operator built it: Home (Kitchen, Garden under it), then Electronics."""
    menu = await menus.create_menu("Navbar", "navbar", [
        menus.ItemData("Home", menus.ItemLink(category_id=categories["home"].id)),
        menus.ItemData("Electronics", menus.ItemLink(category_id=categories["electronics"].id)),
    ])
    home = await MenuItem.get(menu_id=menu.id, name="Home")
    for name in ("kitchen", "garden"):
        await menus.create_item(menu, home, menus.ItemData(categories[name].name,
                                                           menus.ItemLink(category_id=categories[name].id)))
    return menu


async def test_the_navbar_is_the_stored_menu_in_the_operator_s_order(api):
    # given
    await navbar_of(await tree())

    # when
    navbar = await api.ok(MENU, {"slug": "navbar"})
    unknown = await api.ok(MENU, {"slug": "sidebar"})

    # then
    assert navbar["menu"] == {
        "name": "Navbar",
        "slug": "navbar",
        "items": [
            {
                "name": "Home",
                "level": 0,
                "category": {"slug": "home"},
                "collection": None,
                "page": None,
                "url": None,
                "children": [
                    {"name": "Kitchen", "level": 1, "parent": {"name": "Home"}, "children": []},
                    {"name": "Garden", "level": 1, "parent": {"name": "Home"}, "children": []},
                ],
            },
            {
                "name": "Electronics",
                "level": 0,
                "category": {"slug": "electronics"},
                "collection": None,
                "page": None,
                "url": None,
                "children": [],
            },
        ],
    }
    assert unknown == {"menu": None}


async def test_items_linking_what_a_member_may_not_see_are_hidden_with_what_is_under_them(api):
    # given
    channel = await make_channel()
    about = await make_page("About the programme", "about")
    draft = await make_page("Draft offers", "offers", published=False)
    hidden = await make_collection("Staff picks", [channel], [], published=False)
    shown = await make_collection("Summer", [channel], [])
    menu = await menus.create_menu("Footer", "footer", [
        menus.ItemData("Offers", menus.ItemLink(page_id=draft.id)),
        menus.ItemData("Picks", menus.ItemLink(collection_id=hidden.id)),
        menus.ItemData("Summer", menus.ItemLink(collection_id=shown.id)),
        menus.ItemData("Bank", menus.ItemLink(url="https://bank.example")),
    ])
    offers = await MenuItem.get(menu_id=menu.id, name="Offers")
    await menus.create_item(menu, offers, menus.ItemData("About", menus.ItemLink(page_id=about.id)))

    # when
    footer = await api.ok(MENU, {"slug": "footer"})
    listed = await api.ok('{ menuItems(first: 10, channel: "bank-a-mall") { totalCount edges { node { name } } } }')
    single = await api.ok("query($id: ID!) { menuItem(id: $id) { name } }", {"id": to_global_id("MenuItem", offers.id)})

    # then
    assert [(item["name"], item["collection"], item["url"]) for item in footer["menu"]["items"]] == [
        ("Summer", {"slug": "summer"}, None), ("Bank", None, "https://bank.example")]
    assert listed["menuItems"] == {"totalCount": 2, "edges": [{"node": {"name": "Summer"}}, {"node": {"name": "Bank"}}]}
    assert single == {"menuItem": None}


FOOTER_IN = """
query($lang: LanguageCodeEnum!) {
  menu(slug: "footer") { items { id name translation(languageCode: $lang) { name language { code } } page { slug } } }
}
"""
TRANSLATE = """
mutation($id: ID!, $name: String) {
  menuItemTranslate(id: $id, languageCode: ZH_HANS, input: {name: $name}) {
    errors { code field message } menuItem { translation(languageCode: ZH_HANS) { name } }
  }
}
"""


async def test_a_footer_item_is_named_in_the_member_s_language_and_falls_back_to_the_original(api, settings):
    # given
    rules = await make_page("Points rules", "points-rules")
    privacy = await make_page("Privacy", "privacy")
    menu = await menus.create_menu("Footer", "footer", [
        menus.ItemData("Points rules", menus.ItemLink(page_id=rules.id)),
        menus.ItemData("Privacy", menus.ItemLink(page_id=privacy.id)),
    ])
    rules_item = await MenuItem.get(menu_id=menu.id, name="Points rules")
    operator = token_for(await make_staff("ops@mall.example", ["MANAGE_TRANSLATIONS"]), settings)

    # when
    translated = await api.ok(TRANSLATE, {"id": to_global_id("MenuItem", rules_item.id), "name": "积分规则"}, operator)
    blank = await api.ok(TRANSLATE, {"id": to_global_id("MenuItem", rules_item.id), "name": " "}, operator)
    chinese = await api.ok(FOOTER_IN, {"lang": "ZH_HANS"})

    # then
    assert translated["menuItemTranslate"] == {"errors": [], "menuItem": {"translation": {"name": "积分规则"}}}
    assert blank["menuItemTranslate"] == {"errors": [{"code": "REQUIRED", "field": "name",
                                                      "message": "This field is required."}], "menuItem": None}
    first, second = chinese["menu"]["items"]
    assert first["translation"] == {"name": "积分规则", "language": {"code": "ZH_HANS"}}
    assert first["page"] == {"slug": "points-rules"}
    assert (second["name"], second["translation"]) == ("Privacy", None)
    assert await MenuItemTranslation.all().values_list("name", flat=True) == ["积分规则"]
