"""Catalogue predicates: which variants a promotion rule selects.

A predicate is kept as Saleor's clients send it (`cataloguePredicate`), with global IDs, so the Dashboard
reads back what it wrote:

    {"OR": [{"productPredicate": {"ids": ["UHJvZHVjdDox"]}}, {"collectionPredicate": {"ids": [...]}}]}

Each of `variantPredicate`, `productPredicate`, `categoryPredicate`, `collectionPredicate` selects by `ids`
(the only filter a rule needs: what the Dashboard's rule form sends). Several conditions at one level must
all hold, as in every `...WhereInput`; `AND` and `OR` combine nested predicates. The empty predicate selects
nothing (a rule without conditions discounts no gift, never the whole catalogue by accident).

Mall-only conditions target members: `tierPredicate: {"codes": ["GOLD"]}` (the member's loyalty tier in the
channel's programme) and `segmentPredicate: {"codes": ["champions"]}` (their value segment, loyalty.states).
They hold only for a signed-in member whose tier or segment is listed, never for a visitor, so a rule using
them prices per member (`targets_members`): caches must not share its prices between callers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from catalog.promotions.errors import PromotionErrorCode
from kernel.errors import DomainError
from kernel.global_ids import decode_global_id, int_pk, to_global_id

# predicate key -> the global ID type its ids name
TARGETS = {"variantPredicate": "ProductVariant", "productPredicate": "Product", "categoryPredicate": "Category",
           "collectionPredicate": "Collection"}
# mall-only: conditions on the member who asks, by code
MEMBER_TARGETS = ("tierPredicate", "segmentPredicate")
OPERATORS = ("AND", "OR")
MAX_CODE_LENGTH = 32
MAX_DEPTH = 5  # the Dashboard nests one level; a bound keeps evaluation cheap
MAX_IDS = 500  # per condition: a campaign over more gifts names their category or collection instead


@dataclass(frozen=True)
class VariantFacts:
    """What a predicate can ask of a variant."""

    variant_id: int
    product_id: int
    category_id: int | None
    collection_ids: frozenset[int]


@dataclass(frozen=True)
class MemberFacts:
    """What a predicate can ask of the member who asks (a visitor has none: None where it is asked)."""

    tier_code: str | None = None
    segment: str = ""


@dataclass(frozen=True)
class Predicate:
    """A checked predicate, its ids decoded: each condition a set of primary keys (member conditions: codes)."""

    conditions: tuple[tuple[str, frozenset[int]], ...] = ()
    all_of: tuple[Predicate, ...] = ()
    any_of: tuple[Predicate, ...] = ()
    member_conditions: tuple[tuple[str, frozenset[str]], ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.conditions or self.all_of or self.any_of or self.member_conditions)

    @property
    def targets_members(self) -> bool:
        """Whether the answer depends on who asks (a tier or segment condition anywhere in it)."""
        return bool(self.member_conditions) or any(p.targets_members for p in (*self.all_of, *self.any_of))

    def matches(self, facts: VariantFacts, member: MemberFacts | None = None) -> bool:
        if self.is_empty:
            return False
        return (all(_condition_holds(key, ids, facts) for key, ids in self.conditions)
                and all(_member_holds(key, codes, member) for key, codes in self.member_conditions)
                and all(nested.matches(facts, member) for nested in self.all_of)
                and (not self.any_of or any(nested.matches(facts, member) for nested in self.any_of)))


def _member_holds(key: str, codes: frozenset[str], member: MemberFacts | None) -> bool:
    if member is None:
        return False  # a visitor: never in a tier or a segment
    value = member.tier_code if key == "tierPredicate" else member.segment
    return bool(value) and value in codes


def _condition_holds(key: str, ids: frozenset[int], facts: VariantFacts) -> bool:
    if key == "variantPredicate":
        return facts.variant_id in ids
    if key == "productPredicate":
        return facts.product_id in ids
    if key == "categoryPredicate":
        return facts.category_id in ids
    return not ids.isdisjoint(facts.collection_ids)


def _invalid(message: str) -> DomainError:
    return DomainError.single("catalogue_predicate", message, PromotionErrorCode.INVALID)


def _ids_of(key: str, condition: Any) -> frozenset[int]:
    if not isinstance(condition, Mapping) or set(condition) != {"ids"} or not isinstance(condition["ids"], list):
        raise _invalid(f"{key} selects by `ids` only.")
    if len(condition["ids"]) > MAX_IDS:
        raise _invalid(f"At most {MAX_IDS} ids a condition.")
    found = set()
    for global_id in condition["ids"]:
        decoded = decode_global_id(global_id) if isinstance(global_id, str) else None
        pk = int_pk(decoded[1]) if decoded is not None and decoded[0] == TARGETS[key] else None
        if pk is None:
            raise _invalid(f"Invalid ID: {global_id}. Expected: {TARGETS[key]}.")
        found.add(pk)
    return frozenset(found)


def _codes_of(key: str, condition: Any) -> frozenset[str]:
    if not isinstance(condition, Mapping) or set(condition) != {"codes"} or not isinstance(condition["codes"], list):
        raise _invalid(f"{key} selects by `codes` only.")
    codes = condition["codes"]
    if len(codes) > MAX_IDS:
        raise _invalid(f"At most {MAX_IDS} codes a condition.")
    if not all(isinstance(code, str) and 0 < len(code) <= MAX_CODE_LENGTH for code in codes):
        raise _invalid(f"{key} codes are non-empty strings of at most {MAX_CODE_LENGTH} characters.")
    return frozenset(codes)


def parse_predicate(raw: Any, depth: int = 0) -> Predicate:
    """The checked form of a stored or submitted predicate; raises INVALID on anything else."""
    if not isinstance(raw, Mapping):
        raise _invalid("A catalogue predicate is an object.")
    if depth > MAX_DEPTH:
        raise _invalid(f"Predicates nest at most {MAX_DEPTH} levels.")
    unknown = set(raw) - set(TARGETS) - set(OPERATORS) - set(MEMBER_TARGETS)
    if unknown:
        raise _invalid(f"Unknown predicate fields: {', '.join(sorted(map(str, unknown)))}.")
    conditions = tuple((key, _ids_of(key, raw[key])) for key in TARGETS if raw.get(key) is not None)
    nested = {}
    for operator in OPERATORS:
        items = raw.get(operator) or []
        if not isinstance(items, list):
            raise _invalid(f"{operator} takes a list of predicates.")
        nested[operator] = tuple(parse_predicate(item, depth + 1) for item in items)
    members = tuple((key, _codes_of(key, raw[key])) for key in MEMBER_TARGETS if raw.get(key) is not None)
    return Predicate(conditions, nested["AND"], nested["OR"], members)


def normalised(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The predicate as stored: only set keys, ids as canonical global IDs (what the client reads back)."""
    stored: dict[str, Any] = {}
    for key, kind in TARGETS.items():
        if raw.get(key) is not None:
            stored[key] = {"ids": [to_global_id(kind, pk) for pk in sorted(_ids_of(key, raw[key]))]}
    for key in MEMBER_TARGETS:
        if raw.get(key) is not None:
            stored[key] = {"codes": sorted(_codes_of(key, raw[key]))}
    for operator in OPERATORS:
        if raw.get(operator):
            stored[operator] = [normalised(item) for item in raw[operator]]
    return stored
