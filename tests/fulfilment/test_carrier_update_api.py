"""`carrierUpdate`: the operator changes a carrier's name, service level, tracking page and activity; invalid
changes are refused field by field with nothing changed; partners' staff are refused."""

from __future__ import annotations

from fulfilment.models import Carrier
from tests.fulfilment.world import make_carrier, operator_token, partner_token

FIELDS = "code name handoffMode handoverDays deliveryDays trackingUrlTemplate isActive"
UPDATE = f"""mutation Update($code: String!, $input: CarrierUpdateInput!) {{
  carrierUpdate(code: $code, input: $input) {{ carrier {{ {FIELDS} }} errors {{ field code }} }} }}"""


async def carrier_row(code: str) -> tuple[str, int, int, str, bool]:
    carrier = await Carrier.get(code=code)
    return carrier.name, carrier.handover_days, carrier.delivery_days, carrier.tracking_url_template, carrier.is_active


async def test_the_operator_changes_a_carriers_service_level_and_switches_it_off(api, settings):
    # given
    await make_carrier("swift")
    token = await operator_token(settings)

    # when
    answer = await api.ok(UPDATE, {"code": "swift", "input": {"name": " Swift Express ", "handoverDays": 1,
                                                              "deliveryDays": 4, "isActive": False}}, token)

    # then: the rest (mode, tracking page) as it was
    assert answer["carrierUpdate"] == {"errors": [], "carrier": {
        "code": "swift", "name": "Swift Express", "handoffMode": "manual", "handoverDays": 1, "deliveryDays": 4,
        "trackingUrlTemplate": "https://track.example.com/{tracking_number}", "isActive": False}}
    assert await carrier_row("swift") == ("Swift Express", 1, 4, "https://track.example.com/{tracking_number}", False)


async def test_invalid_changes_are_refused_field_by_field_and_nothing_changes(api, settings):
    # given
    await make_carrier("swift")
    token = await operator_token(settings)

    # when
    answer = await api.ok(UPDATE, {"code": "swift", "input": {"name": " ", "handoverDays": 400,
                                                              "trackingUrlTemplate": "https://t.example.com/"}}, token)
    unknown = await api.ok(UPDATE, {"code": "nobody", "input": {"handoverDays": 1}}, token)

    # then
    assert [(error["field"], error["code"]) for error in answer["carrierUpdate"]["errors"]] == [
        ("name", "REQUIRED"), ("handoverDays", "INVALID"), ("trackingUrlTemplate", "INVALID")]
    assert await carrier_row("swift") == ("Swift", 2, 5, "https://track.example.com/{tracking_number}", True)
    assert unknown["carrierUpdate"]["errors"] == [{"field": "code", "code": "NOT_FOUND"}]


async def test_a_partners_staff_cannot_change_a_carrier(api, settings):
    # given
    await make_carrier("swift")
    token = await partner_token(settings)

    # when
    answer = await api.post(UPDATE, {"code": "swift", "input": {"handoverDays": 9}}, token)

    # then
    assert answer.error_codes == ["PermissionDenied"]
    assert await carrier_row("swift") == ("Swift", 2, 5, "https://track.example.com/{tracking_number}", True)
