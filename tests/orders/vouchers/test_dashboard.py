"""The Saleor Dashboard's voucher pages, with its own documents and variables: create, list, read, codes,
catalogue, channel listing, update, translate, delete (orders/graphql/vouchers.py). Operator only."""

from __future__ import annotations

import pytest

from mall.accounts.models import ScopeKind
from mall.graphql.ids import to_global_id
from orders.vouchers.models import Voucher, VoucherCode
from tests.catalog.services.builders import active_partner
from tests.factories import make_staff, token_for
from tests.orders.services.world import build_world
from tests.orders.vouchers.helpers import (
    DISCOUNTS,
    NOW,
    TRANSLATIONS,
    catalogue_variables,
    create_voucher,
    document,
    operator_token,
)

pytestmark = pytest.mark.skipif(not DISCOUNTS.exists(), reason="Saleor's reference operations are not here")


async def test_the_dashboard_creates_lists_and_reads_a_voucher(api, settings, set_clock):
    # given the operator's voucher made with VoucherCreate and VoucherChannelListingUpdate
    set_clock(NOW)
    world = await build_world(settings)
    token = await operator_token(settings)
    voucher_id = await create_voucher(api, token, world, 500, codes=["WELCOME500", "SPRING"], min_spent=3_000,
                                      usageLimit=100, applyOncePerCustomer=True)

    # when the Dashboard lists vouchers (searching, sorted by name) and opens this one
    listed = await api.ok(document("VoucherList"), {
        "first": 20, "filter": {"search": "welcome"}, "sort": {"direction": "ASC", "field": "NAME"},
        "channel": world.channel.slug}, token)
    details = (await api.ok(document("VoucherDetails"), {"id": voucher_id}, token))["voucher"]
    codes = (await api.ok(document("VoucherCodes"), {"id": voucher_id, "first": 10}, token))["voucher"]["codes"]

    # then
    assert [edge["node"]["id"] for edge in listed["vouchers"]["edges"]] == [voucher_id]
    assert (details["name"], details["type"], details["discountValueType"], details["usageLimit"], details["used"],
            details["applyOncePerCustomer"], details["singleUse"], details["codesCount"]["totalCount"]) == (
        "Welcome", "ENTIRE_ORDER", "FIXED", 100, 0, True, False, 2)
    listing = details["channelListings"][0]
    assert (listing["channel"]["id"], listing["discountValue"], listing["currency"], listing["minSpent"]) == (
        to_global_id("Channel", world.channel.id), 500, world.channel.currency_code,
        {"amount": 3_000, "currency": world.channel.currency_code})
    assert [(edge["node"]["code"], edge["node"]["used"], edge["node"]["isActive"]) for edge in codes["edges"]] == [
        ("WELCOME500", 0, True), ("SPRING", 0, True)]


async def test_the_dashboard_sets_a_vouchers_catalogue_updates_translates_and_deletes_it(api, settings, set_clock):
    # given a specific-product voucher
    set_clock(NOW)
    world = await build_world(settings)
    token = await operator_token(settings)
    voucher_id = await create_voucher(api, token, world, 20, codes=["TEA20"], type="SPECIFIC_PRODUCT",
                                      discountValueType="PERCENTAGE")
    product_id = to_global_id("Product", world.item.product_id)  # type: ignore[attr-defined]

    # when the Dashboard assigns the gift, reads the assignment, renames the voucher, translates it, deletes
    # one code and then the voucher
    added = (await api.ok(document("VoucherCataloguesAdd"), {
        "id": voucher_id, "input": {"products": [product_id]}, **catalogue_variables()}, token))
    assigned = (await api.ok(document("VoucherAssignedIds"), {"id": voucher_id, "first": 100}, token))["voucher"]
    updated = (await api.ok(document("VoucherUpdate"), {"id": voucher_id, "input": {
        "name": "Tea month", "addCodes": ["TEA-EXTRA"]}}, token))["voucherUpdate"]
    translated = (await api.ok(document("UpdateVoucherTranslations", TRANSLATIONS), {
        "id": voucher_id, "input": {"name": "茶月"}, "language": "ZH_HANS"}, token))["voucherTranslate"]
    extra = to_global_id("VoucherCode", (await VoucherCode.get(code="TEA-EXTRA")).id)
    codes_deleted = (await api.ok(document("VoucherCodeBulkDelete"), {"ids": [extra]}, token))["voucherCodeBulkDelete"]
    removed = (await api.ok(document("VoucherCataloguesRemove"), {
        "id": voucher_id, "input": {"products": [product_id]}, **catalogue_variables()}, token))
    deleted = (await api.ok(document("VoucherDelete"), {"id": voucher_id}, token))["voucherDelete"]

    # then
    voucher = added["voucherCataloguesAdd"]["voucher"]
    assert added["voucherCataloguesAdd"]["errors"] == []
    assert ([edge["node"]["id"] for edge in voucher["products"]["edges"]], voucher["productsCount"]["totalCount"],
            voucher["categoriesCount"]["totalCount"]) == ([product_id], 1, 0)
    assert [edge["node"]["id"] for edge in assigned["products"]["edges"]] == [product_id]
    assert (updated["errors"], updated["voucher"]["name"], updated["voucher"]["codesCount"]["totalCount"]) == (
        [], "Tea month", 2)
    assert (translated["errors"], translated["voucher"]["translation"]["name"],
            translated["voucher"]["translation"]["language"]["code"]) == ([], "茶月", "ZH_HANS")
    assert (codes_deleted["errors"], codes_deleted["count"]) == ([], 1)
    assert removed["voucherCataloguesRemove"]["voucher"]["productsCount"]["totalCount"] == 0
    assert (deleted["errors"], await Voucher.all().count(), await VoucherCode.all().count()) == ([], 0, 0)


async def test_a_code_another_voucher_has_is_refused_and_nothing_is_written(api, settings, set_clock):
    # given a voucher with WELCOME500
    set_clock(NOW)
    world = await build_world(settings)
    token = await operator_token(settings)
    await create_voucher(api, token, world, 500, codes=["WELCOME500"])

    # when a second voucher asks for the same code
    answer = (await api.ok(document("VoucherCreate"), {"input": {
        "name": "Copy", "type": "ENTIRE_ORDER", "discountValueType": "FIXED", "addCodes": ["WELCOME500"]}},
        token))["voucherCreate"]

    # then
    assert answer["errors"] == [{"code": "ALREADY_EXISTS", "field": "codes", "channels": [],
                                 "message": "Promo code already exists.", "voucherCodes": ["WELCOME500"]}]
    assert (await Voucher.all().count(), await VoucherCode.all().count()) == (1, 1)


async def test_a_partners_staff_cannot_read_or_make_vouchers(api, settings, set_clock):
    # given a partner's staff holding MANAGE_DISCOUNTS
    set_clock(NOW)
    await build_world(settings)
    await active_partner("JADE")
    staff = await make_staff("jade@example.com", ["MANAGE_DISCOUNTS"], scope=(ScopeKind.PARTNER, "JADE"))

    # when
    answer = await api.post(document("VoucherList"), {"first": 20}, token_for(staff, settings))

    # then
    assert (answer.data["vouchers"], answer.error_codes) == (None, ["PermissionDenied"])


GENERATE = """
mutation Generate($id: ID!, $count: Int!, $prefix: String!) {
  voucherCodesGenerate(id: $id, count: $count, prefix: $prefix) { codes errors { field code message } }
}
"""
CSV = "query Codes($id: ID!) { voucher(id: $id) { codesCsv } }"


async def test_a_banks_campaign_gets_random_codes_with_its_prefix_and_their_csv(api, settings, set_clock):
    # given a single-use campaign voucher with one code
    set_clock(NOW)
    world = await build_world(settings)
    token = await operator_token(settings)
    voucher_id = await create_voucher(api, token, world, 1_000, codes=["BANKA-LAUNCH"], singleUse=True)

    # when the operator generates 20 codes and downloads the CSV
    generated = (await api.ok(GENERATE, {"id": voucher_id, "count": 20, "prefix": "BANKA-"}, token))
    csv_text = (await api.ok(CSV, {"id": voucher_id}, token))["voucher"]["codesCsv"]

    # then 20 distinct new codes, and the CSV lists all 21 once each, none used
    codes = generated["voucherCodesGenerate"]["codes"]
    assert generated["voucherCodesGenerate"]["errors"] == []
    assert (len(set(codes)), all(code.startswith("BANKA-") and len(code) == 16 for code in codes)) == (20, True)
    rows = [line.split(",") for line in csv_text.strip().split("\r\n")]
    assert rows[0] == ["code", "used", "is_active", "voucher", "created_at"]
    assert sorted(row[0] for row in rows[1:]) == sorted([*codes, "BANKA-LAUNCH"])
    assert {(row[1], row[2]) for row in rows[1:]} == {("0", "true")}


async def test_generating_more_than_a_batch_is_refused_and_nothing_is_written(api, settings, set_clock):
    set_clock(NOW)
    world = await build_world(settings)
    token = await operator_token(settings)
    voucher_id = await create_voucher(api, token, world, 1_000, codes=["ONE"])

    answer = (await api.ok(GENERATE, {"id": voucher_id, "count": 10_001, "prefix": "X"}, token))

    assert [error["code"] for error in answer["voucherCodesGenerate"]["errors"]] == ["INVALID"]
    assert await VoucherCode.all().count() == 1
