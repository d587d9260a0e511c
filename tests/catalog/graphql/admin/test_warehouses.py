"""The Dashboard's warehouse pages (list, details, create, update, delete) as the operator and as a partner's
staff. The documents have the Dashboard's shape and variables, `shippingZones` included (a points mall has
none: each partner ships its own gifts)."""

from __future__ import annotations

from catalog.models import Stock, Warehouse
from tests.catalog.graphql.admin.conftest import BackOffice

WAREHOUSE_DETAILS_FRAGMENTS = """
fragment Address on Address {
  city cityArea companyName country { __typename code country } countryArea firstName id lastName phone
  postalCode streetAddress1 streetAddress2
}
fragment MetadataItem on MetadataItem { key value }
fragment Warehouse on Warehouse { id name }
fragment WarehouseDetails on Warehouse {
  isPrivate clickAndCollectOption ...Warehouse address { ...Address } email
  metadata { ...MetadataItem } privateMetadata { ...MetadataItem }
  shippingZones(first: 100) { edges { node { id name } } }
}
"""
ERROR_FRAGMENT = "fragment WarehouseError on WarehouseError { code field message }"
WAREHOUSE_LIST = """
query WarehouseList($first: Int, $after: String, $last: Int, $before: String, $filter: WarehouseFilterInput,
                    $sort: WarehouseSortingInput) {
  warehouses(before: $before, after: $after, first: $first, last: $last, filter: $filter, sortBy: $sort) {
    edges { node { ...Warehouse } }
    pageInfo { endCursor hasNextPage hasPreviousPage startCursor }
  }
}
fragment Warehouse on Warehouse { id name }
"""
WAREHOUSE_DETAILS = """
query WarehouseDetails($id: ID!) { warehouse(id: $id) { ...WarehouseDetails } }
""" + WAREHOUSE_DETAILS_FRAGMENTS
WAREHOUSE_CREATE = """
mutation WarehouseCreate($input: WarehouseCreateInput!) {
  createWarehouse(input: $input) { errors { ...WarehouseError } warehouse { ...WarehouseDetails } }
}
""" + WAREHOUSE_DETAILS_FRAGMENTS + ERROR_FRAGMENT
WAREHOUSE_UPDATE = """
mutation WarehouseUpdate($id: ID!, $input: WarehouseUpdateInput!) {
  updateWarehouse(id: $id, input: $input) { errors { ...WarehouseError } warehouse { ...WarehouseDetails } }
}
""" + WAREHOUSE_DETAILS_FRAGMENTS + ERROR_FRAGMENT
WAREHOUSE_DELETE = """
mutation WarehouseDelete($id: ID!) { deleteWarehouse(id: $id) { errors { ...WarehouseError } } }
fragment WarehouseError on WarehouseError { code field message }
"""
WAREHOUSES_COUNT = "query WarehousesCount { warehouses { totalCount } }"
# The address form as the Dashboard fills it in
ADDRESS = {"companyName": "Acme Trading", "streetAddress1": "8 Harbour Road", "streetAddress2": "", "city": "Ningbo",
           "cityArea": "", "postalCode": "315000", "country": "CN", "countryArea": "", "phone": "+8657487000000"}
NAME_SORT = {"direction": "ASC", "field": "NAME"}


def names(data: dict) -> list[str]:
    return [edge["node"]["name"] for edge in data["warehouses"]["edges"]]


async def test_the_operator_lists_every_warehouse_by_name(api, back_office: BackOffice):
    # when
    data = await api.ok(WAREHOUSE_LIST, {"first": 20, "filter": {"search": ""}, "sort": NAME_SORT},
                        back_office.operator)

    # then
    assert names(data) == ["Acme Dc", "Beta Dc", "Mall Dc"]
    assert data["warehouses"]["pageInfo"]["hasNextPage"] is False


async def test_a_partner_lists_only_its_own_warehouses(api, back_office: BackOffice):
    # when
    acme = await api.ok(WAREHOUSE_LIST, {"first": 20, "sort": NAME_SORT}, back_office.acme)
    count = await api.ok(WAREHOUSES_COUNT, {}, back_office.acme)

    # then
    assert names(acme) == ["Acme Dc"]
    assert count == {"warehouses": {"totalCount": 1}}


async def test_the_list_searches_and_pages_backwards(api, back_office: BackOffice):
    # when
    found = await api.ok(WAREHOUSE_LIST, {"first": 20, "filter": {"search": "beta"}}, back_office.operator)
    last_page = await api.ok(WAREHOUSE_LIST, {"last": 2, "sort": {"direction": "DESC", "field": "NAME"}},
                             back_office.operator)

    # then
    assert names(found) == ["Beta Dc"]
    assert names(last_page) == ["Beta Dc", "Acme Dc"]
    assert last_page["warehouses"]["pageInfo"]["hasPreviousPage"] is True


async def test_a_bank_ships_nothing_and_lists_no_warehouse(api, back_office: BackOffice):
    # when
    data = await api.ok(WAREHOUSE_LIST, {"first": 20}, back_office.bank)

    # then
    assert names(data) == []


async def test_details_of_another_partners_warehouse_are_not_there(api, back_office: BackOffice):
    # when
    own = await api.ok(WAREHOUSE_DETAILS, {"id": back_office.gid(back_office.acme_warehouse)}, back_office.acme)
    other = await api.ok(WAREHOUSE_DETAILS, {"id": back_office.gid(back_office.beta_warehouse)}, back_office.acme)

    # then
    assert own["warehouse"]["name"] == "Acme Dc"
    assert own["warehouse"]["shippingZones"] == {"edges": []}
    assert own["warehouse"]["address"]["country"] == {"__typename": "CountryDisplay", "code": "CN", "country": "China"}
    assert other == {"warehouse": None}


async def test_a_partner_creates_a_warehouse_of_its_own(api, back_office: BackOffice):
    # when
    data = await api.ok(WAREHOUSE_CREATE, {"input": {"name": "Acme Ningbo", "email": "dc@acme.example",
                                                     "address": ADDRESS}}, back_office.acme)

    # then
    created = data["createWarehouse"]
    assert created["errors"] == []
    assert created["warehouse"]["name"] == "Acme Ningbo"
    assert created["warehouse"]["address"]["city"] == "Ningbo"
    assert (await Warehouse.get(slug="acme-ningbo")).partner_code == "ACME"


async def test_create_without_a_name_is_refused_and_writes_nothing(api, back_office: BackOffice):
    # when
    data = await api.ok(WAREHOUSE_CREATE, {"input": {"name": " ", "address": ADDRESS}}, back_office.operator)

    # then
    assert data["createWarehouse"]["errors"] == [{"code": "REQUIRED", "field": "name",
                                                  "message": "This field is required."}]
    assert await Warehouse.all().count() == 3


async def test_a_partner_updates_its_warehouse_but_not_anothers(api, back_office: BackOffice):
    # given
    form = {"name": "Acme Central", "email": "central@acme.example", "address": ADDRESS}

    # when
    own = await api.ok(WAREHOUSE_UPDATE, {"id": back_office.gid(back_office.acme_warehouse), "input": form},
                       back_office.acme)
    other = await api.ok(WAREHOUSE_UPDATE, {"id": back_office.gid(back_office.beta_warehouse), "input": form},
                         back_office.acme)

    # then
    assert own["updateWarehouse"]["errors"] == []
    assert own["updateWarehouse"]["warehouse"]["email"] == "central@acme.example"
    assert other["updateWarehouse"]["errors"][0]["code"] == "NOT_FOUND"
    assert (await Warehouse.get(id=back_office.beta_warehouse.id)).name == "Beta Dc"


async def test_the_old_mutation_names_still_work(api, back_office: BackOffice):
    # when
    data = await api.ok(
        'mutation($id: ID!) { warehouseUpdate(id: $id, input: {name: "Mall North"}) { errors { code } } }',
        {"id": back_office.gid(back_office.operator_warehouse)}, back_office.operator,
    )

    # then
    assert data == {"warehouseUpdate": {"errors": []}}
    assert (await Warehouse.get(id=back_office.operator_warehouse.id)).name == "Mall North"


async def test_deleting_a_warehouse_takes_its_stock_with_it(api, back_office: BackOffice):
    # given
    warehouse = back_office.acme_warehouse

    # when
    data = await api.ok(WAREHOUSE_DELETE, {"id": back_office.gid(warehouse)}, back_office.acme)

    # then
    assert data == {"deleteWarehouse": {"errors": []}}
    assert await Warehouse.filter(id=warehouse.id).exists() is False
    assert await Stock.filter(warehouse_id=warehouse.id).count() == 0


async def test_a_warehouse_with_allocated_units_is_not_deleted(api, back_office: BackOffice):
    # given: two units in ACME's warehouse are promised to an order not shipped yet
    await Stock.filter(warehouse_id=back_office.acme_warehouse.id, variant_id=back_office.acme_sizes[0].id).update(
        quantity_allocated=2
    )

    # when
    data = await api.ok(WAREHOUSE_DELETE, {"id": back_office.gid(back_office.acme_warehouse)}, back_office.operator)

    # then
    assert data["deleteWarehouse"]["errors"] == [{
        "code": "INVALID", "field": "id",
        "message": "Units in this warehouse are allocated to orders not shipped yet: fulfil or cancel them first.",
    }]
    assert await Stock.filter(warehouse_id=back_office.acme_warehouse.id).count() == 2


async def test_a_partner_cannot_delete_anothers_warehouse(api, back_office: BackOffice):
    # when
    data = await api.ok(WAREHOUSE_DELETE, {"id": back_office.gid(back_office.beta_warehouse)}, back_office.acme)

    # then
    assert data["deleteWarehouse"]["errors"][0]["code"] == "NOT_FOUND"
    assert await Warehouse.filter(id=back_office.beta_warehouse.id).exists() is True
