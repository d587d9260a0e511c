"""Reusing rendered objects (mall/graphql/planned/reuse.py) and the plan's decision of what may be reused.

- `variables_used` finds every variable a selection reads, through (nested, repeated, cyclic) fragments;
- `Reuse.selection_key` is equal exactly when the variables the selection reads are equal;
- `RenderedObjects` counts hits and misses, forgets the least recently used first, and expires by age;
- `make_plan` marks a product's selection reusable only when every field under it, through fragments and
  every member of an abstract type, is allowed by the catalogue's policy (catalog/graphql/reuse.py), and
  the policy names only types and fields the schema has.

No database: the suite's per-test emptying of tables is switched off here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from graphql import FieldNode, GraphQLObjectType, OperationDefinitionNode, parse

from catalog.graphql.product import Product
from catalog.graphql.reuse import PRODUCT_RENDER_POLICY
from mall.graphql import expiring
from mall.graphql import schema as mall_schema
from mall.graphql.limits import fragments_of, select_operation
from mall.graphql.planned import plans
from mall.graphql.planned.plans import FieldPlan, ObjectPlan, make_plan
from mall.graphql.planned.reuse import RenderedObjects, Reuse, ReusePolicy, TypeReuse, variables_used

SCHEMA = mall_schema.build_schema()


@pytest.fixture(autouse=True)
def db() -> None:
    """Replaces the suite's autouse fixture of that name: these tests touch no table."""


# variables_used --------------------------------------------------------------------------------------


def top_fields(query: str) -> tuple[list[FieldNode], dict[str, Any]]:
    document = parse(query)
    operation = select_operation(document, None)
    nodes = [node for node in operation.selection_set.selections if isinstance(node, FieldNode)]
    return nodes, fragments_of(document)


def test_variables_used_reads_arguments_of_the_nodes_and_their_children() -> None:
    # Given a field reading one variable, a child reading another, and a sibling field not given
    nodes, fragments = top_fields(
        "query($a: Int, $b: Int, $c: Int) { x(n: $a) { y(n: $b) { z(n: {deep: [$a]}) } } other(n: $c) }"
    )
    # When the variables of the first field are collected
    # Then they are its own and its children's, once each, in the order first seen
    assert variables_used(nodes[:1], fragments) == ("a", "b")


def test_variables_used_follows_nested_fragment_spreads_repeats_and_cycles_once() -> None:
    # Given a field spreading a fragment twice, which spreads another, which spreads the first back
    nodes, fragments = top_fields(
        """query($a: Int, $b: Int, $c: Int, $unused: Int) { x(n: $a) { ...F ...F } }
        fragment F on T { y(n: $b) ...G }
        fragment G on T { z(n: $c) ...F }"""
    )
    # When its variables are collected
    # Then every fragment's are included, each name once, and the unused variable is not
    assert variables_used(nodes, fragments) == ("a", "b", "c")


def test_variables_used_ignores_spreads_of_unknown_fragments() -> None:
    nodes, _ = top_fields("query($a: Int) { x(n: $a) { ...Missing } }")
    assert variables_used(nodes, {}) == ("a",)


def test_variables_used_of_sibling_nodes_are_in_document_order() -> None:
    # Given two sibling fields, the first reading $b and the second $a
    nodes, fragments = top_fields("query($a: Int, $b: Int) { x(n: $b) y(n: $a) }")
    # When the variables of both are collected
    # Then they come in the order the document reads them ("first-seen order")
    assert variables_used(nodes, fragments) == ("b", "a")


# Reuse.selection_key ---------------------------------------------------------------------------------


def test_selection_keys_are_equal_for_equal_values_of_the_used_variables() -> None:
    key = Reuse(("languageCode", "size")).selection_key
    assert key({"languageCode": "FR", "size": 256}) == key({"size": 256, "languageCode": "FR"})
    assert hash(key({"languageCode": "FR", "size": 256})) == hash(key({"size": 256, "languageCode": "FR"}))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param({"languageCode": "FR", "size": 256}, {"languageCode": "DE", "size": 256}, id="text"),
        pytest.param({"languageCode": "FR", "size": 256}, {"languageCode": "FR", "size": 512}, id="number"),
        pytest.param({"languageCode": "FR", "size": 256}, {"languageCode": "FR"}, id="left out"),
        pytest.param({"languageCode": "FR", "size": 1}, {"languageCode": "FR", "size": "1"}, id="number or text"),
    ],
)
def test_selection_keys_differ_when_a_used_variable_differs(first: dict[str, Any], second: dict[str, Any]) -> None:
    key = Reuse(("languageCode", "size")).selection_key
    assert key(first) != key(second)


def test_selection_keys_ignore_variables_the_selection_does_not_use() -> None:
    key = Reuse(("languageCode",)).selection_key
    assert key({"languageCode": "FR", "first": 20, "after": "abc"}) == key({"languageCode": "FR", "first": 5})


def test_selection_keys_of_input_objects_ignore_key_order_and_see_nested_values() -> None:
    # Given a selection reading an input object variable
    key = Reuse(("filter", "languageCode")).selection_key
    one = {"filter": {"search": "tea", "price": {"gte": 10, "lte": 90}}, "languageCode": "FR"}
    same = {"languageCode": "FR", "filter": {"price": {"lte": 90, "gte": 10}, "search": "tea"}}
    other = {"languageCode": "FR", "filter": {"price": {"lte": 91, "gte": 10}, "search": "tea"}}
    listed = {"languageCode": "FR", "filter": [{"search": "tea"}]}
    # Then the same object written in another key order has the same (hashable) key; other values do not
    assert key(one) == key(same)
    assert hash(key(one)) == hash(key(same))
    assert key(one) != key(other)
    assert key(listed) != key(one)


def test_a_variable_sent_as_null_and_one_left_out_have_different_keys() -> None:
    # Given `query($size: Int = 1024) { ... thumbnail(size: $size) { url } }`: left out, the size is 1024;
    # sent as null, the size is null (the original image). The answers differ.
    key = Reuse(("size",)).selection_key
    # Then so must the keys
    assert key({}) != key({"size": None})


# RenderedObjects -------------------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(expiring.time, "monotonic", clock)
    return clock


def test_rendered_objects_count_hits_and_misses(clock: Clock) -> None:
    # Given one kept answer
    rendered = RenderedObjects(max_entries=10, max_age_seconds=60)
    rendered.put("a", {"name": "Tea Set"})
    # When it is read twice and an unknown key once
    answers = [rendered.get("a"), rendered.get("b"), rendered.get("a")]
    # Then the reads of the kept answer are hits, the other a miss
    assert answers == [{"name": "Tea Set"}, None, {"name": "Tea Set"}]
    assert (rendered.hits, rendered.misses) == (2, 1)


def test_rendered_objects_forget_the_least_recently_used_beyond_max_entries(clock: Clock) -> None:
    # Given a store of two answers, a then b, where a was read since
    rendered = RenderedObjects(max_entries=2, max_age_seconds=60)
    rendered.put("a", {"n": 1})
    rendered.put("b", {"n": 2})
    assert rendered.get("a") == {"n": 1}
    # When a third answer is kept
    rendered.put("c", {"n": 3})
    # Then b, the least recently used, is forgotten; a and c are kept
    assert list(rendered.entries) == ["a", "c"]
    assert [rendered.get("a"), rendered.get("b"), rendered.get("c")] == [{"n": 1}, None, {"n": 3}]


def test_keeping_an_answer_again_replaces_it_and_makes_it_the_most_recent(clock: Clock) -> None:
    rendered = RenderedObjects(max_entries=2, max_age_seconds=60)
    rendered.put("a", {"n": 1})
    rendered.put("b", {"n": 2})
    rendered.put("a", {"n": 10})
    rendered.put("c", {"n": 3})
    assert list(rendered.entries) == ["a", "c"]
    assert rendered.get("a") == {"n": 10}


def test_rendered_objects_expire_after_max_age_seconds(clock: Clock) -> None:
    # Given an answer kept at t=1000 in a store that keeps answers 30 seconds
    rendered = RenderedObjects(max_entries=10, max_age_seconds=30)
    rendered.put("a", {"n": 1})
    # When it is read at 30 seconds, then just after
    clock.now = 1030.0
    at_age = rendered.get("a")
    clock.now = 1030.5
    after = rendered.get("a")
    # Then it is given at its age limit and not after it
    assert (at_age, after) == ({"n": 1}, None)
    assert (rendered.hits, rendered.misses) == (1, 1)
    # And kept again, it is given again
    rendered.put("a", {"n": 2})
    assert rendered.get("a") == {"n": 2}


def test_clear_forgets_every_answer(clock: Clock) -> None:
    rendered = RenderedObjects(max_entries=10, max_age_seconds=30)
    rendered.put("a", {"n": 1})
    rendered.clear()
    assert rendered.get("a") is None


@pytest.mark.parametrize(
    ("max_entries", "max_age_seconds", "enabled"), [(100, 30.0, True), (0, 30.0, False), (100, 0.0, False)]
)
def test_rendered_objects_are_enabled_only_with_room_and_an_age(
    max_entries: int, max_age_seconds: float, enabled: bool
) -> None:
    assert RenderedObjects(max_entries, max_age_seconds).enabled is enabled


# make_plan: what may be reused ------------------------------------------------------------------------

CARD = """
fragment Card on Product {
  name slug
  translation(languageCode: $languageCode) { name }
  pricing { priceRange { start { gross { amount currency } } stop { gross { amount currency } } } }
  category { name }
  thumbnail { url }
  ...Variants
}
fragment Variants on Product { productVariants(first: 5) { edges { node { id name } } } }
"""


def products_query(extra: str = "", fragments: str = "") -> str:
    return (
        "query($channel: String, $first: Int, $languageCode: LanguageCodeEnum!) {"
        " products(first: $first, channel: $channel) { edges { node { id __typename ...Card "
        + extra
        + " } } } }"
        + CARD
        + fragments
    )


def child_plans(complete: Callable[..., Any]) -> list[ObjectPlan]:
    """The object plans a completer answers with: kept in its closure (and its wrappers' closures)."""
    found: list[ObjectPlan] = []
    for cell in complete.__closure__ or ():
        value = cell.cell_contents
        if isinstance(value, ObjectPlan):
            found.append(value)
        elif callable(value) and getattr(value, "__module__", None) == plans.__name__:
            found += child_plans(value)
    return found


def field(plan: ObjectPlan, key: str) -> FieldPlan:
    return next(field for field in plan.fields if field.key == key)


def child(plan: ObjectPlan, *keys: str) -> ObjectPlan:
    for key in keys:
        (plan,) = child_plans(field(plan, key).complete)
    return plan


def product_plan(query: str, policy: ReusePolicy | None = PRODUCT_RENDER_POLICY) -> ObjectPlan:
    document = parse(query)
    operation: OperationDefinitionNode = select_operation(document, None)
    plan = make_plan(SCHEMA, document, operation, policy)
    assert plan is not None
    node = child(plan.root, "products", "edges", "node")
    assert node.type.name == "Product"
    return node


def test_a_storefront_card_is_reusable_keyed_by_the_language_it_reads() -> None:
    # Given a product list whose cards read the language, inside a page that also reads $channel and $first
    node = product_plan(products_query())
    # Then the card's answers may be reused, keyed by the only variable read inside it
    assert node.reuse == Reuse(("languageCode",))
    assert node.prepare == Product.prepare_batch
    # And the objects under it have no reuse of their own (only render-keyed types do)
    assert child(node, "category").reuse is None
    assert child(node, "category").type.name == "Category"


@pytest.mark.parametrize(
    ("extra", "fragments"),
    [
        pytest.param("isAvailable", "", id="isAvailable"),
        pytest.param("available: isAvailable", "", id="an alias of isAvailable"),
        pytest.param("isAvailableForPurchase", "", id="isAvailableForPurchase"),
        pytest.param("productVariants(first: 5) { edges { node { quantityAvailable } } }", "", id="quantityAvailable"),
        pytest.param("...Stock", "fragment Stock on Product { variants { stocks { quantity } } }", id="variant stocks"),
        pytest.param("collections { name }", "", id="collections"),
        pytest.param("privateMetadata { key }", "", id="privateMetadata"),
        pytest.param("category { privateMetadata { key } }", "", id="a category's privateMetadata"),
        pytest.param("...Available", "fragment Available on Product { isAvailable }", id="through a fragment"),
        pytest.param("... on Product { isAvailable }", "", id="through an inline fragment"),
        pytest.param(
            'assignedAttribute(slug: "x") { ... on AssignedSingleProductReferenceAttribute { value { isAvailable } } }',
            "",
            id="a referenced product's isAvailable",
        ),
    ],
)
def test_a_card_that_reads_the_clock_stock_or_private_data_is_not_reusable(extra: str, fragments: str) -> None:
    assert product_plan(products_query(extra, fragments)).reuse is None


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param(
            'assignedAttribute(slug: "x") { ... on AssignedBooleanAttribute { value } }', id="boolean attribute"
        ),
        pytest.param("metadata { key value } media { url alt }", id="metadata and media"),
    ],
)
def test_a_card_reading_only_allowed_fields_of_abstract_types_stays_reusable(extra: str) -> None:
    assert product_plan(products_query(extra)).reuse == Reuse(("languageCode",))


def test_without_a_policy_nothing_is_reusable() -> None:
    assert product_plan(products_query(), policy=None).reuse is None
    assert product_plan(products_query(), policy={}).reuse is None


def test_every_type_and_field_the_policy_names_is_in_the_schema() -> None:
    graphql_schema = SCHEMA._schema
    unknown_types = [name for name in PRODUCT_RENDER_POLICY if graphql_schema.get_type(name) is None]
    not_objects = [
        name for name in PRODUCT_RENDER_POLICY
        if name not in unknown_types and not isinstance(graphql_schema.get_type(name), GraphQLObjectType)
    ]
    unknown_fields = [
        f"{name}.{field_name}"
        for name, classified in PRODUCT_RENDER_POLICY.items()
        if isinstance(graphql_schema.get_type(name), GraphQLObjectType)
        for field_name in sorted(classified.reusable | classified.not_reusable)
        if field_name not in graphql_schema.get_type(name).fields  # type: ignore[union-attr]
    ]
    assert (unknown_types, not_objects, unknown_fields) == ([], [], [])


def test_a_field_the_policy_does_not_list_as_reusable_is_not_reused() -> None:
    # given: the catalogue's policy without `name` among the Product's reusable fields
    product = PRODUCT_RENDER_POLICY["Product"]
    policy = {**PRODUCT_RENDER_POLICY, "Product": TypeReuse(product.reusable - {"name"}, product.not_reusable)}

    # then: a card reading it is rendered every time, one that does not stays reusable
    assert product_plan(products_query(), policy=policy).reuse is None
    assert product_plan(products_query(), policy=PRODUCT_RENDER_POLICY).reuse is not None
