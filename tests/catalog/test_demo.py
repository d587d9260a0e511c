"""The demo catalogue: believable, complete, and loaded once."""

from __future__ import annotations

from catalog.demo import load_catalog_demo
from catalog.models import (
    AssignedProductAttributeValue,
    AttributeProduct,
    AttributeTranslation,
    Category,
    ChannelWarehouse,
    Collection,
    Menu,
    MenuItem,
    MenuItemTranslation,
    Page,
    PageTranslation,
    Product,
    ProductChannelListing,
    ProductMedia,
    Stock,
    Translation,
    Warehouse,
)
from partners.models import Partner, PartnerStatus
from tests.factories import make_channel


async def demo_channels():
    await make_channel("bank-a-mall")
    await make_channel("bank-b-mall", issuer_code="BANKB", currency_code="BPT")


async def test_the_demo_catalogue_is_a_believable_mall(settings):
    # given
    await demo_channels()

    # when
    created = await load_catalog_demo(settings=settings)

    # then
    assert created == 3274
    assert await Partner.filter(status=PartnerStatus.ACTIVE).count() == 5
    assert await Product.all().count() == 208
    assert await Category.filter(level=0).count() == 8
    assert await Category.filter(level=1).count() == 16
    assert await Product.filter(category__level=0).count() == 0
    assert await ProductChannelListing.filter(channel__slug="bank-a-mall", is_published=True).count() == 208
    assert await ProductChannelListing.filter(channel__slug="bank-b-mall", is_published=True).count() < 208
    assert await Collection.filter(slug="featured").exists()
    assert await Warehouse.filter(partner_code__isnull=False).count() == 5
    assert await ChannelWarehouse.all().count() == 10
    assert 0 < await Stock.filter(quantity=0).count() < 30
    media = await ProductMedia.all().first()
    assert media is not None
    assert (settings.storage_dir / media.storage_key).read_bytes().startswith(b"\x89PNG")
    cookware = await Category.get(slug="cookware")
    assert (cookware.background_image, cookware.background_image_alt) == ("demo/categories/cookware.png", "Cookware")
    assert (settings.storage_dir / cookware.background_image).read_bytes().startswith(b"\x89PNG")


async def test_every_demo_gift_category_and_collection_has_a_chinese_name(settings):
    # given
    await demo_channels()

    # when
    await load_catalog_demo(settings=settings)

    # then
    zh = Translation.filter(language_code="ZH_HANS")
    assert await zh.filter(product_id__isnull=False).count() == 208
    assert await zh.filter(category_id__isnull=False).count() == 24
    assert await zh.filter(collection_id__isnull=False).count() == 3
    assert await zh.filter(variant_id__isnull=False).count() == 288
    rules = await PageTranslation.get(page__slug="points-rules", language_code="ZH_HANS")
    assert rules.title == "积分规则"
    wok = await Product.get(slug="cookware-classic-wok-1")
    translation = await Translation.get(product_id=wok.id, language_code="ZH_HANS")
    assert translation.name == "经典炒锅"
    assert "炒锅" in wok.search_text
    assert "厨具" in wok.search_text
    assert "cookware" in wok.search_text


async def test_demo_gifts_carry_a_colour_and_a_capacity_named_in_chinese(settings):
    # given
    await demo_channels()

    # when
    await load_catalog_demo(settings=settings)

    # then
    wok = await Product.get(slug="cookware-classic-wok-1")
    carried = await AssignedProductAttributeValue.filter(product_id=wok.id).prefetch_related("value__attribute")
    assert sorted((row.value.attribute.slug, row.value.name) for row in carried) == [
        ("capacity", "0.5"), ("colour", "Black")
    ]
    assert sorted(row.name for row in await AttributeTranslation.filter(language_code="ZH_HANS")) == ["容量", "颜色"]
    assert await AttributeProduct.filter(product_type__slug="physical-gift").count() == 2


async def test_loading_the_demo_twice_creates_nothing_more(settings):
    # given
    await demo_channels()
    await load_catalog_demo(settings=settings)

    # when
    again = await load_catalog_demo(settings=settings)

    # then
    assert again == 0
    assert await Product.all().count() == 208


async def test_a_mall_loaded_before_the_content_pages_gets_only_the_missing_ones(settings):
    # given
    await demo_channels()
    await load_catalog_demo(settings=settings)
    await Page.filter(slug__in=["privacy", "faq"]).delete()

    # when
    again = await load_catalog_demo(settings=settings)

    # then
    assert again == 4
    assert await Page.all().order_by("slug").values_list("slug", flat=True) == [
        "about", "delivery-and-returns", "faq", "points-rules", "privacy"]
    # the footer the operator may have edited is kept: its removed pages' items went with them
    footer = await MenuItem.filter(menu__slug="footer").order_by("sort_order").values_list("name", flat=True)
    assert footer == ["About the programme", "Points rules", "Delivery and returns"]
    assert await PageTranslation.filter(language_code="ZH_HANS").count() == 5
    faq = await Page.get(slug="faq")
    assert [block["type"] for block in faq.content["blocks"]][:2] == ["header", "paragraph"]


async def test_a_mall_loaded_before_menus_were_stored_gets_the_navbar_and_the_footer(settings):
    # given
    await demo_channels()
    await load_catalog_demo(settings=settings)
    await Menu.all().delete()

    # when
    again = await load_catalog_demo(settings=settings)

    # then
    assert again == 60  # footer: 1 menu, 5 items, 5 names in Chinese; navbar: 1 menu, 24 items, 24 names
    footer = MenuItem.filter(menu__slug="footer").order_by("sort_order")
    assert await footer.values_list("name", flat=True) == [
        "About the programme", "Points rules", "Delivery and returns", "Privacy", "Frequently asked questions"]
    chinese = await MenuItemTranslation.filter(item__menu__slug="footer").order_by("item__sort_order")
    assert [row.name for row in chinese][:2] == ["关于积分计划", "积分规则"]
    tops = MenuItem.filter(menu__slug="navbar", parent_id=None).order_by("sort_order")
    assert await tops.count() == 8
    assert await MenuItem.filter(menu__slug="navbar", parent_id__not_isnull=True).count() == 16
