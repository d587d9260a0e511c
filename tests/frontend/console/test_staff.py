"""A partner's manager (a partner staff account holding MANAGE_STAFF) manages the partner's staff in the console:
the list holds the partner's own staff only, an invited colleague gets the partner role's permissions inside the
partner, a colleague is switched off; staff without MANAGE_STAFF see no Staff page."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
from playwright.async_api import expect

from mall.demo import DEMO_BANK_EMAIL, DEMO_PARTNER_CODE, DEMO_PARTNER_EMAIL
from tests.frontend.console.conftest import OPERATOR, PARTNER, Staff, go, sign_in
from tests.frontend.mall_api import MallApi

pytestmark = pytest.mark.slow
MANAGER_PASSWORD = "manager-pass-2026"
TERMS = "{ partners { code name serviceFeePercent termsEffectiveFrom settlementCurrency } }"
CHANGE_TERMS = """mutation($code: String!, $input: PartnerTermsInput!) {
  partnerTermsUpdate(code: $code, input: $input) { errors { field code } } }"""
STAFF_ROW = """query($search: String!) { staffUsers(first: 5, search: $search) { edges { node {
  email isActive staffScope { kind code } userPermissions { code } } } } }"""
INVITE = """mutation($input: StaffCreateInput!) { staffCreate(input: $input) { user { id } errors { field code } } }"""
SIGN_IN = """mutation($email: String!, $password: String!) { tokenCreate(email: $email, password: $password) {
  token errors { code } } }"""


def partner_manager(mall_api: MallApi) -> Staff:
    """A JADE-HOME staff account with the partner role's permissions and MANAGE_STAFF, made as the operator would."""
    email = f"manager-{uuid.uuid4().hex[:8]}@jade-home.example.com"
    command = [sys.executable, "-m", "mall", "staff", "create", "--email", email, "--password", MANAGER_PASSWORD,
               "--partner", DEMO_PARTNER_CODE]
    for permission in ("MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SETTLEMENTS", "MANAGE_STAFF"):
        command += ["--permission", permission]
    subprocess.run(command, env=mall_api.environment, check=True, capture_output=True, timeout=60)
    return Staff(email, MANAGER_PASSWORD)


def staff_row(mall_api: MallApi, email: str) -> dict[str, object] | None:
    edges = mall_api.data(STAFF_ROW, {"search": email}, mall_api.operator())["staffUsers"]["edges"]
    return edges[0]["node"] if edges else None


async def test_a_partner_manager_invites_a_colleague_and_switches_them_off(visit, mall_api):
    # given: JADE-HOME's manager, signed in
    manager = partner_manager(mall_api)
    page = await sign_in(visit, manager, "Orders to ship")
    menu = page.get_by_role("navigation", name="Console").get_by_role("link")
    await expect(menu).to_have_text(["Orders to ship", "Late shipments", "Returns", "Gifts", "Voucher codes",
                                     "Statements", "Customer service", "Contract terms", "Staff", "Performance"])

    # when: the manager opens the staff page
    page = await go(visit, "Staff")

    # then: the partner's own staff are listed, no bank's, and nobody can switch the manager off
    rows = page.get_by_role("table").get_by_role("row")
    await expect(rows.filter(has_text=manager.email)).to_have_count(1)
    await expect(rows.filter(has_text=DEMO_PARTNER_EMAIL)).to_have_count(1)
    await expect(rows.filter(has_text=DEMO_BANK_EMAIL)).to_have_count(0)
    await expect(page.get_by_role("button", name=f"Switch off {manager.email}")).to_have_count(0)

    # when: the manager invites a colleague
    colleague = f"packer-{uuid.uuid4().hex[:8]}@jade-home.example.com"
    await page.get_by_label("E-mail").fill(colleague)
    await page.get_by_label("First name").fill("Lin")
    await page.get_by_label("Last name").fill("Wei")
    await page.get_by_role("button", name="Invite").click()

    # then: the colleague is listed, active, with the partner role's permissions inside JADE-HOME only
    await expect(page.get_by_role("status").filter(has_text=f"{colleague} is invited.")).to_be_visible()
    row = rows.filter(has_text=colleague)
    await expect(row).to_contain_text("Lin Wei")
    await expect(row).to_contain_text("Active")
    created = staff_row(mall_api, colleague)
    assert created is not None
    assert created["staffScope"] == {"kind": "partner", "code": DEMO_PARTNER_CODE}
    assert sorted(item["code"] for item in created["userPermissions"]) == [  # type: ignore[union-attr]
        "MANAGE_ORDERS", "MANAGE_PRODUCTS", "MANAGE_SETTLEMENTS"]
    await visit.shot("partner-staff-invited")

    # when: the same address is invited again
    await page.get_by_label("E-mail").fill(colleague)
    await page.get_by_role("button", name="Invite").click()

    # then: refused on the field, still one row
    await expect(page.get_by_role("alert")).to_have_text("email: This is already in use.")
    await expect(rows.filter(has_text=colleague)).to_have_count(1)

    # when: the manager switches the colleague off
    await page.get_by_role("button", name=f"Switch off {colleague}").click()

    # then: inactive, listed so, with nothing left to switch off
    await expect(page.get_by_role("status").filter(has_text=f"{colleague} is switched off")).to_be_visible()
    await expect(row).to_contain_text("Inactive")
    await expect(page.get_by_role("button", name=f"Switch off {colleague}")).to_have_count(0)
    assert staff_row(mall_api, colleague)["isActive"] is False  # type: ignore[index]


async def test_a_partner_manager_cannot_invite_into_another_partner_nor_grant_what_they_lack(mall_api):
    # given
    manager = partner_manager(mall_api)
    token = mall_api.token(manager.email, manager.password)
    elsewhere = f"intruder-{uuid.uuid4().hex[:8]}@example.com"
    wider = f"auditor-{uuid.uuid4().hex[:8]}@example.com"

    # when
    other_partner = mall_api.data(INVITE, {"input": {"email": elsewhere, "permissions": ["MANAGE_ORDERS"],
                                                     "scope": {"kind": "partner", "code": "VOLT-TECH"}}}, token)
    more_permissions = mall_api.data(INVITE, {"input": {"email": wider, "permissions": ["MANAGE_POINTS"],
                                                        "scope": {"kind": "partner", "code": DEMO_PARTNER_CODE}}},
                                     token)

    # then: refused field by field, and nobody was created
    assert other_partner["staffCreate"] == {"user": None, "errors": [{"field": "scope", "code": "OUT_OF_SCOPE_USER"}]}
    assert more_permissions["staffCreate"] == {
        "user": None, "errors": [{"field": "permissions", "code": "OUT_OF_SCOPE_PERMISSION"}]}
    assert staff_row(mall_api, elsewhere) is None
    assert staff_row(mall_api, wider) is None


async def test_partner_staff_without_manage_staff_get_no_staff_page(visit, mall_api):
    # given: the demo partner's staff (the partner role's permissions, no MANAGE_STAFF)
    await sign_in(visit, PARTNER, "Orders to ship")

    # when
    page = await visit.open("/console/staff")

    # then: the page says so and offers nothing; the API refuses the list anyway
    await expect(page.get_by_role("heading", level=1)).to_have_text("Staff")
    await expect(page.get_by_role("alert")).to_have_text("You are not allowed to see this.")
    await expect(page.get_by_role("button", name="Invite")).to_have_count(0)
    body = mall_api.client.post("/graphql/", json={"query": "{ staffUsers(first: 1) { edges { node { email } } } }"},
                                headers={"Authorization": f"Bearer {mall_api.token(PARTNER.email, PARTNER.password)}"})
    assert [error["extensions"]["exception"]["code"] for error in body.json()["errors"]] == ["PermissionDenied"]


async def test_a_partner_reads_its_own_contract_terms_and_their_history(visit, mall_api):
    # given: the operator recorded JADE-HOME's fee from a month no settlement reaches for years
    change = {"serviceFeePercent": 4.5, "effectiveFrom": "2098-06", "note": f"Renewal {uuid.uuid4().hex[:6]}"}
    recorded = mall_api.data(CHANGE_TERMS, {"code": DEMO_PARTNER_CODE, "input": change}, mall_api.operator())
    assert recorded["partnerTermsUpdate"]["errors"] == []
    terms = next(row for row in mall_api.data(TERMS, {}, mall_api.operator())["partners"]
                 if row["code"] == DEMO_PARTNER_CODE)

    # when: the partner's staff open the contract page
    await sign_in(visit, PARTNER, "Orders to ship")
    page = await go(visit, "Contract terms")

    # then: the same terms and the month they apply from, read-only (no form, no button on the page)
    facts = page.locator("main dl.facts")
    await expect(facts.locator("dd")).to_have_count(7)
    await expect(facts).to_contain_text(terms["name"])
    await expect(facts).to_contain_text(f"{terms['serviceFeePercent']:g} %")
    await expect(facts).to_contain_text(terms["termsEffectiveFrom"])
    await expect(facts).to_contain_text(terms["settlementCurrency"])
    await expect(page.locator("main form")).to_have_count(0)

    # and: the change, newest first, with who recorded it and why
    newest = page.get_by_role("table", name="Changes of terms").get_by_role("row").nth(1)
    await expect(newest).to_contain_text("2098-06")
    await expect(newest).to_contain_text("4.5 %")
    await expect(newest).to_contain_text(change["note"])
    await expect(newest).to_contain_text(OPERATOR.email)
    await visit.shot("partner-contract-terms")
