"""Carriers through the API: `carriers` and `carrierCreate` (the operator's), with every invalid input
refused field by field and nothing created, and `carrierWarehouseAssign` (the operator for every warehouse,
partner staff for their own partner's only)."""

from __future__ import annotations

from typing import Any

import pytest

from catalog.models import Warehouse
from fulfilment.models import Carrier, WarehouseCarrier
from mall.accounts.models import ScopeKind
from tests.catalog.services.builders import OPERATOR, active_partner, partner_editor, warehouse
from tests.factories import make_member, make_staff, token_for
from tests.fulfilment.world import PARTNER, gid, make_carrier, operator_token, partner_token

FIELDS = "code name handoffMode endpointUrl storageLocation handoverDays deliveryDays trackingUrlTemplate isActive"
CARRIERS = f"query {{ carriers {{ {FIELDS} }} }}"
CREATE = f"""
mutation Create($input: CarrierCreateInput!) {{
  carrierCreate(input: $input) {{ carrier {{ {FIELDS} }} signingSecret errors {{ field code }} }} }}
"""
ASSIGN = """
mutation Assign($code: String!, $warehouse: ID!) {
  carrierWarehouseAssign(code: $code, warehouse: $warehouse) { carrier { code } errors { field code } } }
"""
HTTP_CARRIER = {"code": "fast-post", "name": "Fast Post", "handoffMode": "HTTP",
                "endpointUrl": "https://api.fastpost.example.com/v1/shipments", "signingSecret": "s3cret-fast",
                "handoverDays": 1, "deliveryDays": 3,
                "trackingUrlTemplate": "https://fastpost.example.com/t/{tracking_number}"}


async def test_the_operator_creates_a_carrier_and_reads_it_back(api, settings):
    # given
    token = await operator_token(settings)

    # when
    created = (await api.ok(CREATE, {"input": HTTP_CARRIER}, token))["carrierCreate"]
    listed = (await api.ok(CARRIERS, token=token))["carriers"]

    # then
    expected = {"code": "fast-post", "name": "Fast Post", "handoffMode": "http",
                "endpointUrl": "https://api.fastpost.example.com/v1/shipments", "storageLocation": "",
                "handoverDays": 1, "deliveryDays": 3,
                "trackingUrlTemplate": "https://fastpost.example.com/t/{tracking_number}", "isActive": True}
    assert created == {"carrier": expected, "signingSecret": "s3cret-fast", "errors": []}
    assert listed == [expected]


async def test_a_carrier_without_a_secret_gets_one_generated_and_shown_once(api, settings):
    # given
    token = await operator_token(settings)
    manifest = {"code": "bulk", "name": "Bulk Freight", "handoffMode": "MANIFEST",
                "storageLocation": "/manifests/inbound/"}

    # when
    created = (await api.ok(CREATE, {"input": manifest}, token))["carrierCreate"]

    # then
    row = await Carrier.get(code="bulk")
    assert (created["carrier"]["storageLocation"], created["carrier"]["handoverDays"],
            created["carrier"]["deliveryDays"]) == ("manifests/inbound", 2, 5)
    assert created["signingSecret"] == row.signing_secret
    assert len(row.signing_secret) == 43


@pytest.mark.parametrize(("change", "errors"), [
    ({"code": "Fast Post!"}, [("code", "INVALID")]),
    ({"code": "f"}, [("code", "INVALID")]),
    ({"endpointUrl": None}, [("endpointUrl", "REQUIRED")]),
    ({"endpointUrl": "ftp://fastpost.example.com"}, [("endpointUrl", "REQUIRED")]),
    ({"handoffMode": "MANIFEST", "endpointUrl": None}, [("storageLocation", "REQUIRED")]),
    ({"handoverDays": -1}, [("handoverDays", "INVALID")]),
    ({"deliveryDays": -2, "handoverDays": 366}, [("handoverDays", "INVALID"), ("deliveryDays", "INVALID")]),
    ({"name": "  "}, [("name", "REQUIRED")]),
    ({"trackingUrlTemplate": "https://fastpost.example.com/t/"}, [("trackingUrlTemplate", "INVALID")]),
])
async def test_invalid_carriers_are_refused_field_by_field_and_nothing_is_created(
    api, settings, change: dict[str, Any], errors: list[tuple[str, str]]
):
    # given
    token = await operator_token(settings)

    # when
    answer = (await api.ok(CREATE, {"input": {**HTTP_CARRIER, **change}}, token))["carrierCreate"]

    # then
    assert (answer["carrier"], answer["signingSecret"]) == (None, None)
    assert [(e["field"], e["code"]) for e in answer["errors"]] == errors
    assert await Carrier.all().count() == 0


async def test_an_unknown_handoff_mode_is_refused_by_the_schema_and_nothing_is_created(api, settings):
    # given
    token = await operator_token(settings)

    # when: the mode is an enum, so the request fails validation before the mutation runs
    answer = await api.post(CREATE, {"input": {**HTTP_CARRIER, "handoffMode": "PIGEON"}}, token)

    # then
    assert answer.data is None
    assert (answer.error_codes, answer.error_messages) == (["GraphQLError"], [
        "Variable '$input' has invalid value at .handoffMode: Value 'PIGEON' does not exist in 'HandoffModeEnum' "
        "enum."])
    assert await Carrier.all().count() == 0


async def test_a_second_carrier_with_the_same_code_is_refused(api, settings):
    # given
    token = await operator_token(settings)
    await api.ok(CREATE, {"input": HTTP_CARRIER}, token)

    # when
    answer = (await api.ok(CREATE, {"input": {**HTTP_CARRIER, "name": "Other"}}, token))["carrierCreate"]

    # then
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [("code", "UNIQUE")]
    assert [row.name for row in await Carrier.all()] == ["Fast Post"]


async def test_only_the_operator_creates_carriers(api, settings):
    # given
    scoped = await make_staff("acme-carriers@example.com", ["MANAGE_CARRIERS"], scope=(ScopeKind.PARTNER, PARTNER))
    callers = [await partner_token(settings), token_for(scoped, settings),
               token_for(await make_member(settings), settings), None]

    # when
    answers = [await api.post(CREATE, {"input": HTTP_CARRIER}, caller) for caller in callers]

    # then
    assert [(a.data, a.error_codes) for a in answers] == [({"carrierCreate": None}, ["PermissionDenied"])] * 4
    assert await Carrier.all().count() == 0


async def test_members_and_anonymous_callers_cannot_list_carriers(api, settings):
    # given
    await make_carrier("swift")
    member = token_for(await make_member(settings), settings)

    # when
    answers = [await api.post(CARRIERS, token=member), await api.post(CARRIERS)]

    # then
    assert [(a.data, a.error_codes) for a in answers] == [(None, ["PermissionDenied"])] * 2


async def warehouses() -> tuple[Warehouse, Warehouse]:
    """The operator's warehouse and ACME's."""
    await active_partner(PARTNER)
    return await warehouse(OPERATOR, "Shanghai DC"), await warehouse(partner_editor(PARTNER), "ACME Depot")


async def carriers_of_warehouses() -> list[tuple[str, str]]:
    rows = await WarehouseCarrier.all().select_related("carrier", "warehouse")
    return sorted((row.warehouse.name, row.carrier.code) for row in rows)


async def test_partner_staff_choose_the_carrier_of_their_own_warehouse(api, settings):
    # given
    _, depot = await warehouses()
    await make_carrier("swift")
    await make_carrier("slow")
    token = await partner_token(settings)

    # when: they choose one carrier, then change their mind
    first = (await api.ok(ASSIGN, {"code": "swift", "warehouse": gid("Warehouse", depot.id)}, token))
    second = (await api.ok(ASSIGN, {"code": "slow", "warehouse": gid("Warehouse", depot.id)}, token))

    # then
    assert first["carrierWarehouseAssign"] == {"carrier": {"code": "swift"}, "errors": []}
    assert second["carrierWarehouseAssign"] == {"carrier": {"code": "slow"}, "errors": []}
    assert await carriers_of_warehouses() == [("ACME Depot", "slow")]


async def test_partner_staff_cannot_choose_for_another_partners_or_the_operators_warehouse(api, settings):
    # given
    operator_depot, acme_depot = await warehouses()
    await make_carrier("swift")
    other = await partner_token(settings, "OTHER")
    acme = await partner_token(settings)

    # when
    answers = [(await api.ok(ASSIGN, {"code": "swift", "warehouse": gid("Warehouse", acme_depot.id)}, other)),
               (await api.ok(ASSIGN, {"code": "swift", "warehouse": gid("Warehouse", operator_depot.id)}, acme))]

    # then
    assert [a["carrierWarehouseAssign"] for a in answers] == [
        {"carrier": None, "errors": [{"field": "warehouse", "code": "NOT_FOUND"}]}] * 2
    assert await carriers_of_warehouses() == []


async def test_the_operator_chooses_for_any_warehouse_and_unknown_carriers_or_callers_are_refused(api, settings):
    # given
    operator_depot, acme_depot = await warehouses()
    await make_carrier("swift")
    token = await operator_token(settings)
    member = token_for(await make_member(settings), settings)

    # when
    chosen = [(await api.ok(ASSIGN, {"code": "swift", "warehouse": gid("Warehouse", depot.id)}, token))
              for depot in (operator_depot, acme_depot)]
    unknown = (await api.ok(ASSIGN, {"code": "nobody", "warehouse": gid("Warehouse", acme_depot.id)}, token))
    as_member = await api.post(ASSIGN, {"code": "slow", "warehouse": gid("Warehouse", acme_depot.id)}, member)

    # then
    assert [a["carrierWarehouseAssign"]["errors"] for a in chosen] == [[], []]
    assert unknown["carrierWarehouseAssign"] == {"carrier": None, "errors": [{"field": "code", "code": "NOT_FOUND"}]}
    assert (as_member.data, as_member.error_codes) == ({"carrierWarehouseAssign": None}, ["PermissionDenied"])
    assert await carriers_of_warehouses() == [("ACME Depot", "swift"), ("Shanghai DC", "swift")]
