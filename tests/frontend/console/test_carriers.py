"""The operator edits a carrier in the console: its name, service level and tracking page; a bad tracking page
is refused with nothing changed; the page reads in Chinese."""

from __future__ import annotations

import uuid

import pytest
from playwright.async_api import expect

from tests.frontend.console.conftest import OPERATOR, go, sign_in
from tests.frontend.orders_api import create_carrier

pytestmark = pytest.mark.slow
CARRIERS = "{ carriers { code name handoverDays deliveryDays trackingUrlTemplate isActive } }"


def carrier_of(mall_api, code: str) -> dict[str, object]:
    [carrier] = [row for row in mall_api.data(CARRIERS, {}, mall_api.operator())["carriers"] if row["code"] == code]
    return carrier


async def test_the_operator_changes_a_carriers_service_level(visit, mall_api):
    # given: a carrier as created (Swift Express: 2 days to hand over, 5 to deliver)
    code = f"edit-{uuid.uuid4().hex[:8]}"
    create_carrier(mall_api, code, "edit-carrier-secret-2026")
    before = carrier_of(mall_api, code)
    page = await sign_in(visit, OPERATOR, "Review queue")
    page = await go(visit, "Carriers")
    await page.get_by_role("link", name="Edit Swift Express").filter(has_text=code).click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("Carrier Swift Express")
    await visit.settled()

    # when: a tracking page without the tracking number's place is asked for
    await page.get_by_label("Tracking page").fill("https://track.example.com/")
    await page.get_by_role("button", name="Save carrier").click()

    # then: refused, nothing changed
    await expect(page.locator(".form-status [role=alert]")).to_contain_text("trackingUrlTemplate")
    assert carrier_of(mall_api, code) == before
    await visit.shot("operator-carrier-refused")

    # when: the service level becomes 1 day to hand over and 3 to deliver, under a new name
    await page.get_by_label("Name").fill("Swift Express Next Day")
    await page.get_by_label("Tracking page").fill("https://track.example.com/{tracking_number}")
    await page.get_by_label("Days to hand a parcel over").fill("1")
    await page.get_by_label("Days to deliver").fill("3")
    await page.get_by_role("button", name="Save carrier").click()

    # then
    await expect(page.locator(".form-status [role=status]")).to_have_text("Saved.")
    assert carrier_of(mall_api, code) == {**before, "name": "Swift Express Next Day", "handoverDays": 1,
                                          "deliveryDays": 3}
    await page.get_by_role("button", name="简体中文").click()
    await expect(page.get_by_role("heading", level=1)).to_have_text("承运商 Swift Express Next Day")
    await visit.shot("operator-carrier-zh")
