"""Each role sees its own console only: another role's pages are refused without loading anything, another
tenant's rows are not found, and the API refuses the same callers whatever the page does."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.frontend.console.conftest import BANK, PARTNER, TABLET, partner_gift, sign_in
from tests.frontend.orders_api import place_order

pytestmark = pytest.mark.slow
LOOKUP = """mutation { memberLookup(input: {issuer: "BANKA", customerReference: "C1", reason: "curious"}) {
  errors { code } } }"""
QUEUE = "{ productReviews { product { name } } }"
ORDER = "query($id: ID!) { order(id: $id) { number lines { productName } } }"
STATEMENTS = "{ settlementStatements(first: 100) { edges { node { kind counterpartyCode } } } }"


def refused(mall_api, document: str, token: str) -> list[str]:
    body = mall_api.client.post("/graphql/", json={"query": document},
                                headers={"Authorization": f"Bearer {token}"}).json()
    return [error["extensions"]["exception"]["code"] for error in body.get("errors", [])]


async def expect_refused(visit, path: str) -> None:
    page = await visit.open(f"/console{path}")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Not available")
    await expect(page.get_by_role("alert")).to_have_text("This page belongs to another role's console.")


async def test_a_partner_reaches_neither_the_banks_nor_the_operators_pages_nor_another_partners_order(
    visit, mall_api
):
    # given: an order made only of another partner's gift
    gift = partner_gift(mall_api, "VOLT-TECH")
    member = mall_api.member(points=gift.points)
    order = place_order(mall_api, member, gift)

    # when: the partner signs in
    page = await sign_in(visit, PARTNER, "Orders to ship")

    # then: its menu holds its own pages only
    menu = page.get_by_role("navigation", name="Console").get_by_role("link")
    await expect(menu).to_have_text(["Orders to ship", "Late shipments", "Returns", "Gifts", "Voucher codes",
                                     "Statements", "Customer service", "Contract terms", "Performance"])

    # and: other roles' pages are refused, another partner's order is not found
    for path in ("/members", "/imports", "/liability", "/reviews", "/settlement", "/audit", "/programme", "/health"):
        await expect_refused(visit, path)
    await visit.shot("partner-refused-operator-page")
    page = await visit.open(f"/console/orders/{order.id}")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

    # and: the API refuses or hides the same
    token = mall_api.token(PARTNER.email, PARTNER.password)
    assert refused(mall_api, LOOKUP, token) == ["PermissionDenied"]
    assert mall_api.data(ORDER, {"id": order.id}, token)["order"] is None
    kinds = {(edge["node"]["kind"], edge["node"]["counterpartyCode"]) for edge in
             mall_api.data(STATEMENTS, {}, token)["settlementStatements"]["edges"]}
    assert kinds <= {("PARTNER", "JADE-HOME")}


async def test_the_bank_reaches_no_partners_or_operators_page(visit, mall_api):
    # when: the bank's staff sign in, on a tablet, in Chinese
    await visit.page.set_viewport_size(TABLET)
    page = await sign_in(visit, BANK, "Member lookup")
    menu = page.get_by_role("navigation", name="Console").get_by_role("link")
    await expect(menu).to_have_text(["Member lookup", "Credit points", "Bank files", "Liability",
                                     "Programme settings", "Statements", "Customer service"])
    await page.get_by_role("button", name="简体中文").click()
    await expect(menu).to_have_text(["会员查询", "积分入账", "银行文件", "积分负债", "积分计划设置", "结算单",
                                     "客户服务"])
    await visit.shot("bank-menu-zh-tablet")
    await page.get_by_role("button", name="English").click()

    # then: partners' and the operator's pages are refused
    for path in ("/orders", "/gifts/new", "/returns", "/reviews", "/partners", "/carriers", "/audit", "/codes",
                 "/staff", "/contract", "/performance", "/health"):
        await expect_refused(visit, path)

    # and: the API refuses the review queue; statements are Bank A's only
    token = mall_api.token(BANK.email, BANK.password)
    assert refused(mall_api, QUEUE, token) == ["PermissionDenied"]
    kinds = {(edge["node"]["kind"], edge["node"]["counterpartyCode"]) for edge in
             mall_api.data(STATEMENTS, {}, token)["settlementStatements"]["edges"]}
    assert kinds <= {("ISSUER", "BANKA")}


async def test_a_member_account_cannot_use_the_console(visit, mall_api):
    # given
    member = mall_api.member(points=0)

    # when
    page = await visit.open("/console/reviews")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to the console")
    await page.get_by_label("E-mail").fill(member.email)
    await page.get_by_label("Password").fill(member.password)
    await page.locator("main").get_by_role("button", name="Sign in").click()

    # then
    await expect(page.get_by_role("alert")).to_have_text("This account is not a staff account. Members use the "
                                                         "mall itself.")
    await expect(page.get_by_role("navigation", name="Console").get_by_role("link")).to_have_count(0)
    await visit.shot("member-refused")


OTHER_BANK_LOOKUP = """mutation { memberLookup(input: {issuer: "BANKB", customerReference: "C1", reason: "curious"}) {
  member { name } errors { code } } }"""
OTHER_BANK_LIABILITY = '{ issuerLiability(issuer: "BANKB") { pointsOutstanding } }'
OTHER_BANK_AUDIT = '{ memberLookups(first: 10, issuer: "BANKB") { totalCount } }'


async def test_the_bank_reads_nothing_of_another_bank(visit, mall_api):
    # given: Bank A's staff, and Bank B beside it in the same mall
    token = mall_api.token(BANK.email, BANK.password)

    # when: they open the liability page asking for Bank B's
    page = await sign_in(visit, BANK, "Member lookup")
    page = await visit.open("/console/liability?issuer=BANKB")

    # then: the page shows their own bank's, never Bank B's
    await expect(page.get_by_role("heading", level=1)).to_have_text("Liability")
    await expect(page.locator("main")).to_contain_text("BANKA, in points")
    await expect(page.locator("main")).not_to_contain_text("BANKB")
    await visit.shot("bank-liability-own-bank-only")

    # and: the API refuses Bank B's members, liability and lookup trail, and lists Bank A's programme only
    assert refused(mall_api, OTHER_BANK_LOOKUP, token) == ["PermissionDenied"]
    assert refused(mall_api, OTHER_BANK_LIABILITY, token) == ["PermissionDenied"]
    assert refused(mall_api, OTHER_BANK_AUDIT, token) == ["PermissionDenied"]
    assert mall_api.data("{ channels { slug } }", {}, token)["channels"] == [{"slug": "bank-a-mall"}]
