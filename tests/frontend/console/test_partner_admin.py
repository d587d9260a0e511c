"""The operator's page of a partner in a real browser: records a new service fee from a later month (the fee in
force now stays, the change is listed with who recorded it), invites a colleague into the partner's console and
switches them off, in English and Chinese; a partner reaches neither the page nor the mutation."""

from __future__ import annotations

import uuid

import pytest
from playwright.async_api import expect

from tests.frontend.console.conftest import OPERATOR, PARTNER, go, sign_in

pytestmark = pytest.mark.slow
CODE = "VOLT-TECH"
TERMS = "{ partners { code serviceFeePercent termsHistory { effectiveFrom serviceFeePercent changedBy } } }"
STAFF = """query($search: String!) { staffUsers(first: 5, search: $search) { edges { node {
  isActive staffScope { kind code } } } } }"""
UPDATE = """mutation { partnerTermsUpdate(code: "VOLT-TECH", input: {serviceFeePercent: 1}) { errors { code } } }"""


def volt_tech(mall_api) -> dict:
    return next(row for row in mall_api.data(TERMS, {}, mall_api.operator())["partners"] if row["code"] == CODE)


async def test_the_operator_changes_a_partners_terms_from_a_later_month_and_manages_its_staff(visit, mall_api):
    # given: the fee in force now; a month no settlement reaches for years
    fee_now = volt_tech(mall_api)["serviceFeePercent"]
    page = await sign_in(visit, OPERATOR, "Review queue")
    page = await go(visit, "Partners")

    # when: the operator opens VOLT-TECH's page and records 7.25 % from January 2099
    await page.get_by_role("link", name=f"Terms and staff of {CODE}").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"Partner {CODE}")
    await page.get_by_label("Service fee", exact=True).fill("7.25")
    await page.get_by_label("From month").fill("2099-01")
    await page.get_by_label("Note", exact=True).fill("Renewed contract")
    await page.get_by_role("button", name="Record the new terms").click()

    # then: recorded with who, listed at once; the fee in force now is unchanged
    recorded = page.get_by_role("status").filter(has_text="A 7.25 % fee is recorded from 2099-01 on.")
    await expect(recorded).to_be_visible()
    newest = page.get_by_role("table", name="Changes of terms").get_by_role("row").nth(1)
    await expect(newest).to_contain_text("2099-01")
    await expect(newest).to_contain_text("Renewed contract")
    await expect(newest).to_contain_text(OPERATOR.email)
    after = volt_tech(mall_api)
    assert after["serviceFeePercent"] == fee_now
    assert after["termsHistory"][0] == {"effectiveFrom": "2099-01", "serviceFeePercent": 7.25,
                                        "changedBy": OPERATOR.email}
    await visit.shot("operator-partner-terms")

    # when: a month already begun is asked for
    await page.get_by_label("From month").fill("2020-01")
    await page.get_by_role("button", name="Record the new terms").click()

    # then: refused on the field
    await expect(page.get_by_role("alert")).to_contain_text("effectiveFrom")

    # when: the operator invites a colleague into VOLT-TECH's console, then switches them off
    colleague = f"picker-{uuid.uuid4().hex[:8]}@volt-tech.example.com"
    await page.get_by_label("E-mail").fill(colleague)
    await page.get_by_role("button", name="Invite").click()
    await expect(page.get_by_role("status").filter(has_text=f"{colleague} is invited.")).to_be_visible()
    row = page.get_by_role("table", name="Staff").get_by_role("row").filter(has_text=colleague)
    await expect(row).to_contain_text("Active")
    node = mall_api.data(STAFF, {"search": colleague}, mall_api.operator())["staffUsers"]["edges"][0]["node"]
    assert node == {"isActive": True, "staffScope": {"kind": "partner", "code": CODE}}
    await page.get_by_role("button", name=f"Switch off {colleague}").click()

    # then
    await expect(row).to_contain_text("Inactive")
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text(f"商户 {CODE}")
    await visit.shot("operator-partner-terms-zh")
    await page.get_by_role("button", name="English").click()


async def test_a_partner_reaches_neither_a_partners_admin_page_nor_the_terms_mutation(visit, mall_api):
    # given
    token = mall_api.token(PARTNER.email, PARTNER.password)
    await sign_in(visit, PARTNER, "Orders to ship")

    # when
    page = await visit.open(f"/console/partners/{CODE}")
    body = mall_api.client.post("/graphql/", json={"query": UPDATE},
                                headers={"Authorization": f"Bearer {token}"}).json()

    # then
    await expect(page.get_by_role("heading", level=1)).to_have_text("Not available")
    assert [error["extensions"]["exception"]["code"] for error in body["errors"]] == ["PermissionDenied"]
    assert volt_tech(mall_api)["termsHistory"] == [] or all(
        row["changedBy"] == OPERATOR.email for row in volt_tech(mall_api)["termsHistory"])
