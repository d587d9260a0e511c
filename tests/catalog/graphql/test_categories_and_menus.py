"""Categories (the tree, their products), the navbar built from it, and the footer of content pages."""

from __future__ import annotations

from catalog.models import PageTranslation
from mall.graphql.ids import to_global_id
from tests.catalog.factories import make_category, make_gift, make_page
from tests.factories import make_channel

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
      children { name level children { name } } }
  }
}
"""


async def test_the_navbar_is_the_category_tree(api):
    # given
    await tree()

    # when
    navbar = await api.ok(MENU, {"slug": "navbar"})
    unknown = await api.ok(MENU, {"slug": "sidebar"})

    # then
    assert navbar["menu"] == {
        "name": "Navbar",
        "slug": "navbar",
        "items": [
            {
                "name": "Electronics",
                "level": 0,
                "category": {"slug": "electronics"},
                "collection": None,
                "page": None,
                "url": None,
                "children": [],
            },
            {
                "name": "Home",
                "level": 0,
                "category": {"slug": "home"},
                "collection": None,
                "page": None,
                "url": None,
                "children": [
                    {"name": "Garden", "level": 1, "children": []},
                    {"name": "Kitchen", "level": 1, "children": [{"name": "Cookware"}]},
                ],
            },
        ],
    }
    assert unknown == {"menu": None}


async def placed_page(title: str, slug: str, position: str, *, published: bool = True):
    page = await make_page(title, slug, published=published)
    page.metadata = {"footer-position": position}
    await page.save()
    return page


async def test_the_footer_lists_the_content_pages_placed_in_it_in_their_order(api):
    # given
    await tree()
    await placed_page("Privacy", "privacy", "2")
    await placed_page("About the programme", "about", "1")
    await placed_page("Draft offers", "offers", "3", published=False)
    await placed_page("Odd position", "odd", "first")
    await make_page("Careers", "careers")

    # when
    footer = await api.ok(MENU, {"slug": "footer"})

    # then
    assert footer["menu"] == {
        "name": "Footer",
        "slug": "footer",
        "items": [
            {"name": "About the programme", "level": 0, "category": None, "collection": None,
             "page": {"slug": "about"}, "url": None, "children": []},
            {"name": "Privacy", "level": 0, "category": None, "collection": None,
             "page": {"slug": "privacy"}, "url": None, "children": []},
        ],
    }


FOOTER_IN = """
query($lang: LanguageCodeEnum!) {
  menu(name: "footer") { items { id name translation(languageCode: $lang) { name language { code } }
    page { title translation(languageCode: $lang) { title } } } }
  navbar: menu(slug: "navbar") { items { id } }
}
"""


async def test_a_footer_item_is_named_in_the_member_s_language_and_falls_back_to_the_original(api):
    # given
    category = await make_category("Home")
    rules = await placed_page("Points rules", "points-rules", "1")
    await placed_page("Privacy", "privacy", "2")
    await PageTranslation.create(page=rules, language_code="ZH_HANS", title="积分规则")

    # when
    chinese = await api.ok(FOOTER_IN, {"lang": "ZH_HANS"})

    # then
    rules_item, privacy_item = chinese["menu"]["items"]
    assert rules_item["translation"] == {"name": "积分规则", "language": {"code": "ZH_HANS"}}
    assert rules_item["page"] == {"title": "Points rules", "translation": {"title": "积分规则"}}
    assert privacy_item["name"] == "Privacy"
    assert privacy_item["translation"] is None
    assert rules_item["id"] == to_global_id("MenuItem", f"page-{rules.id}")
    assert chinese["navbar"]["items"] == [{"id": to_global_id("MenuItem", category.id)}]
