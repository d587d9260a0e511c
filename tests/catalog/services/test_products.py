from __future__ import annotations

import pytest
from tortoise.transactions import in_transaction

from catalog.models import Product, ProductEvent, ReviewStatus, Stock
from catalog.services.access import product_for_editing
from catalog.services.products import ProductData, create_product, delete_product, given_fields, slugify, update_product
from catalog.services.variants import VariantData, create_variant, delete_variant
from kernel.errors import DomainError
from orders.services.payments import initialize_points_payment
from partners.services import PartnerData, create_partner
from tests.catalog.services.builders import OPERATOR, active_partner, gift, partner_editor
from tests.orders.services.world import build_world, complete, ready_checkout


def codes(raised: pytest.ExceptionInfo[DomainError]) -> list[tuple[str | None, str]]:
    return [(d.field, d.code) for d in raised.value.details]


async def test_operator_gift_needs_no_review():
    # when
    product = await gift(OPERATOR, "Jade Tea Set")

    # then
    assert (product.slug, product.partner_code, product.review_status) == ("jade-tea-set", None, ReviewStatus.APPROVED)
    assert await ProductEvent.filter(product_id=product.id).values_list("type", "actor") == [("created", "user:1")]


async def test_partner_gift_starts_as_a_draft_owned_by_the_partner():
    # given
    await active_partner("ACME")

    # when
    product = await gift(partner_editor("ACME"), "Acme Kettle", partner_code="OTHER")

    # then
    assert (product.partner_code, product.review_status) == ("ACME", ReviewStatus.DRAFT)


async def test_partner_that_is_not_active_cannot_list():
    # given
    await create_partner(PartnerData(code="NEWCO", name="New Co"))

    # when
    with pytest.raises(DomainError) as raised:
        await gift(partner_editor("NEWCO"))

    # then
    assert codes(raised) == [("partner", "INVALID")]
    assert await Product.all().count() == 0


async def test_missing_name_and_type_are_reported_together():
    # when
    with pytest.raises(DomainError) as raised:
        await create_product(OPERATOR, ProductData(name=" "))

    # then
    assert codes(raised) == [("name", "REQUIRED"), ("product_type", "REQUIRED")]


async def test_duplicate_slug_is_refused_and_nothing_written():
    # given
    await gift(OPERATOR, "Tea Set")

    # when
    with pytest.raises(DomainError) as raised:
        await gift(OPERATOR, "Tea Set Deluxe", slug="tea-set")

    # then
    assert codes(raised) == [("slug", "UNIQUE")]
    assert await Product.all().values_list("slug", flat=True) == ["tea-set"]


async def test_another_partners_product_looks_absent():
    # given
    await active_partner("ACME")
    await active_partner("BETA")
    acme_gift = await gift(partner_editor("ACME"))

    # when
    with pytest.raises(DomainError) as raised:
        await product_for_editing(partner_editor("BETA"), acme_gift.id)

    # then
    assert codes(raised) == [("id", "NOT_FOUND")]
    assert (await product_for_editing(partner_editor("ACME"), acme_gift.id)).id == acme_gift.id


async def test_update_changes_only_given_fields_and_keeps_search_text_current():
    # given
    product = await gift(OPERATOR, "Tea Set", rating=4.0)
    await create_variant(product, VariantData(sku="TEA-RED"))

    # when
    updated = await update_product(OPERATOR, product, given_fields({"name": "Red Tea Set"}))

    # then
    assert (updated.name, updated.rating, updated.slug) == ("Red Tea Set", 4.0, "tea-set")
    assert (await Product.get(id=product.id)).search_text == "red tea set  tea-red"


async def test_blank_name_on_update_is_refused():
    # given
    product = await gift(OPERATOR, "Tea Set")

    # when
    with pytest.raises(DomainError) as raised:
        await update_product(OPERATOR, product, given_fields({"name": ""}))

    # then
    assert codes(raised) == [("name", "REQUIRED")]
    assert (await Product.get(id=product.id)).name == "Tea Set"


def test_slugify_keeps_ascii_and_invents_a_slug_for_other_scripts():
    assert slugify("Crème Brûlée  Set!") == "creme-brulee-set"
    assert slugify("茶具").startswith("gift-")


async def test_a_gift_with_units_allocated_to_an_unshipped_order_is_not_deleted(settings):
    # given: a member redeemed one unit, not shipped yet
    world = await build_world(settings)
    checkout = await ready_checkout(world)
    await initialize_points_payment(checkout, None, "pay-1", "user:1")
    await complete(checkout.token)
    product = await Product.get(id=world.item.product_id)  # type: ignore[attr-defined]

    # when
    with pytest.raises(DomainError) as variant_refused:
        async with in_transaction():
            await delete_variant(world.item)
    with pytest.raises(DomainError) as product_refused:
        async with in_transaction():
            await delete_product(OPERATOR, product)

    # then
    assert [(d.field, d.code, d.message) for d in variant_refused.value.details] == [
        ("id", "INVALID",
         "Units of this variant are allocated to orders not shipped yet: fulfil or cancel them first.")]
    assert [d.message for d in product_refused.value.details] == [
        "Units of this product's variants are allocated to orders not shipped yet: fulfil or cancel them first."]
    assert await Stock.filter(variant_id=world.item.id).values_list("quantity", "quantity_allocated") == [(5, 1)]
