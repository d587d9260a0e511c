"""`mall.sql`'s condition builders and `Parameters`: text in, text out, no database."""

from __future__ import annotations

import pytest

from mall.sql import ALWAYS, NEVER, Parameters, all_of, any_of, escape_like, is_in, negated


@pytest.fixture(autouse=True)
def db() -> None:
    """These helpers only build text: no tables to empty (overrides the suite's database fixture)."""


def test_all_of_parenthesises_and_drops_conditions_that_always_hold():
    # when
    combined = all_of("a = 1", ALWAYS, "b = 2 OR c = 3")

    # then
    assert combined == "(a = 1) AND (b = 2 OR c = 3)"


def test_all_of_nothing_or_only_always_holds_always():
    # when / then
    assert all_of() == ALWAYS
    assert all_of(ALWAYS, ALWAYS) == ALWAYS


def test_all_of_with_a_condition_that_never_holds_never_holds():
    # when / then
    assert all_of("a = 1", NEVER, "b = 2") == NEVER


def test_any_of_parenthesises_and_drops_conditions_that_never_hold():
    # when
    combined = any_of("a = 1", NEVER, "b = 2 AND c = 3")

    # then
    assert combined == "(a = 1) OR (b = 2 AND c = 3)"


def test_any_of_nothing_or_only_never_never_holds():
    # when / then
    assert any_of() == NEVER
    assert any_of(NEVER, NEVER) == NEVER


def test_any_of_with_a_condition_that_always_holds_always_holds():
    # when / then
    assert any_of("a = 1", ALWAYS) == ALWAYS


def test_negated_flips_the_constants_and_wraps_anything_else():
    # when / then
    assert negated(ALWAYS) == NEVER
    assert negated(NEVER) == ALWAYS
    assert negated("a = 1 OR b = 2") == "NOT (a = 1 OR b = 2)"


def test_is_in_asks_a_parameter_for_each_value():
    # given
    parameters = Parameters(["earlier"])

    # when
    condition = is_in("p.id", [4, 5], parameters)

    # then
    assert condition == "p.id IN ($2, $3)"
    assert parameters.values == ["earlier", 4, 5]


def test_is_in_no_values_never_holds_and_adds_no_parameter():
    # given
    parameters = Parameters()

    # when
    condition = is_in("p.id", iter([]), parameters)

    # then
    assert condition == NEVER
    assert parameters.values == []


def test_a_copy_takes_its_own_parameters():
    # given
    parameters = Parameters([1])
    copy = parameters.copy()

    # when
    copy.add(2)

    # then
    assert parameters.values == [1]
    assert copy.values == [1, 2]


def test_bound_drops_unused_values_and_renumbers_in_order_of_appearance():
    # given
    parameters = Parameters(["a", "b", "c", "d"])

    # when
    statement, values = parameters.bound("SELECT 1 WHERE x = $4 AND y = $2")

    # then
    assert statement == "SELECT 1 WHERE x = $1 AND y = $2"
    assert values == ["d", "b"]


def test_bound_gives_a_value_used_twice_one_number():
    # given
    parameters = Parameters(["unused", "shared"])

    # when
    statement, values = parameters.bound("$2 < x AND x < $2 + 1")

    # then
    assert statement == "$1 < x AND x < $1 + 1"
    assert values == ["shared"]


def test_bound_reads_numbers_of_several_digits_whole():
    # given
    parameters = Parameters([f"v{number}" for number in range(1, 13)])

    # when
    statement, values = parameters.bound("a = $12 AND b = $1 AND c = $11")

    # then
    assert statement == "a = $1 AND b = $2 AND c = $3"
    assert values == ["v12", "v1", "v11"]


def test_bound_without_parameters_keeps_the_statement():
    # when
    statement, values = Parameters([1, 2]).bound("SELECT COUNT(*) AS n FROM t WHERE 1 = 1")

    # then
    assert statement == "SELECT COUNT(*) AS n FROM t WHERE 1 = 1"
    assert values == []


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("100%", "100\\%"),
        ("a_s", "a\\_s"),
        ("back\\slash", "back\\\\slash"),
        ("\\%", "\\\\\\%"),  # the backslash is escaped first, so the % stays escaped once
        ("plain words", "plain words"),
    ],
)
def test_escape_like_makes_wildcards_and_the_escape_character_literal(text, escaped):
    # when / then
    assert escape_like(text) == escaped
