"""tools/generate_saleor_absent.py reads the mall's side from its own roots, never from its previous output:
the committed module stands in only for what the mall does not serve itself, and every type of the mall's is
named by a module attribute (one without would be generated a second time)."""

from __future__ import annotations

from mall.graphql.saleor_absent.generated import SALEORABSENTMUTATIONS, SALEORABSENTQUERIES
from tools.generate_saleor_absent import ours, root_fields_of_ours


def test_the_generated_stand_ins_name_no_root_field_the_mall_serves_itself():
    # when
    own = root_fields_of_ours()

    # then
    assert set(SALEORABSENTQUERIES) & own["Query"] == set()
    assert set(SALEORABSENTMUTATIONS) & own["Mutation"] == set()
    assert {"checkouts", "orderRefund", "customerUpdate", "staffDelete"} <= own["Query"] | own["Mutation"]


def test_every_type_of_the_malls_has_a_module_attribute_to_be_named_by():
    # when: ours() stops with SystemExit on a type bound to no module attribute
    existing, borrowed = ours()

    # then
    assert existing["AssignedSingleCollectionReferenceAttribute"] == (
        "catalog.graphql.attributes", "AssignedSingleCollectionReferenceAttribute")
    assert {"ShippingMethodTranslatableContent", "CountryFilterInput", "LimitInfo"} <= borrowed
