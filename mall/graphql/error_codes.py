"""How a mutation's refusals reach the client: domain codes and field names translated, explicitly.

Services raise `DomainError` in their domain's vocabulary (a member of the domain's `errors.py` enum, a
snake_case field name). Each mutation answers in one Saleor error enum (ProductErrorCode,
CheckoutErrorCode...). An `ErrorCodes` says, for one or more mutations, which domain enums their services
may raise and what each of those codes becomes in the mutation's enum:

    PRODUCT_ERRORS = ErrorCodes(ProductErrorCode, same_names(CatalogErrorCode, ProductErrorCode))

There is no fallback: a code with no entry raises `UnmappedErrorCode` (a server error, loud in tests), and
tests/mall/graphql/test_error_codes.py fails when a declared domain enum has a member without an entry.
The GraphQL layer's own refusals (a malformed global ID...) are `ApiErrorCode` members, mapped for every
mutation; code written inside a mutation may also raise a member of that mutation's Saleor enum directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from types import MappingProxyType
from typing import Any

from strawberry.utils.str_converters import to_camel_case


class ApiErrorCode(StrEnum):
    """Refusals written by the GraphQL layer itself, before or around a service call."""

    GRAPHQL_ERROR = "GRAPHQL_ERROR"  # a malformed or mistyped global ID, a missing argument
    NOT_FOUND = "NOT_FOUND"  # an ID that resolves to nothing the caller may see
    REQUIRED = "REQUIRED"  # an argument the mutation needs is blank or missing
    INVALID = "INVALID"  # an argument is malformed


class UnmappedErrorCode(RuntimeError):
    """A service raised a code its mutation has no translation for: a bug, never an answer to a client."""


@dataclass(frozen=True)
class CodeMap:
    """What each code of one domain enum becomes in one Saleor error enum.

    `unreachable` lists codes the mutations cannot meet (their services never raise them on these paths)
    and that the Saleor enum has no fitting name for: declared rather than mapped to a guess, they still
    fail loudly should they ever arrive.
    """

    domain: type[Enum]
    codes: Mapping[Enum, Any]  # a member of `domain` -> a member of the Saleor enum
    unreachable: frozenset[Enum] = frozenset()


def same_names(
    domain: type[Enum], api_enum: Any, renames: Mapping[Enum, Any] | None = None, unreachable: Iterable[Enum] = (),
) -> CodeMap:
    """Each member of `domain` as the `api_enum` member of the same name, except those in `renames` and
    those declared `unreachable`.

    A member whose name `api_enum` lacks and that neither covers is left out, so the completeness test names
    it (rather than this helper guessing a code for it).
    """
    renames = renames or {}
    skipped = frozenset(unreachable)
    codes = {
        member: renames[member] if member in renames else api_enum[member.name]
        for member in domain
        if member not in skipped and (member in renames or member.name in api_enum.__members__)
    }
    return CodeMap(domain, codes, skipped)


def all_but(domain: type[Enum], *reachable: Enum) -> frozenset[Enum]:
    """Every member of `domain` except `reachable`: for `unreachable=` where a mutation meets only a few."""
    return frozenset(domain) - set(reachable)


class ErrorCodes:
    """The refusals of a group of mutations answering in `api_enum`.

    `maps` cover the domain error enums the mutations' services may raise; `ApiErrorCode` is always
    covered, by name unless `api_codes` says otherwise (for an enum lacking one of its names). `fields`
    names the API field of a Python field name where it is not its camelCase form.
    """

    def __init__(
        self, api_enum: Any, *maps: CodeMap, api_codes: CodeMap | None = None, fields: Mapping[str, str] | None = None,
    ) -> None:
        self.api_enum = api_enum
        self.maps = (api_codes or same_names(ApiErrorCode, api_enum), *maps)
        self.codes: Mapping[Enum, Any] = MappingProxyType({
            code: value for code_map in self.maps for code, value in code_map.codes.items()
        })
        self.fields: Mapping[str, str] = MappingProxyType(dict(fields or {}))

    def code(self, code: Enum) -> Any:
        """The member of `api_enum` that `code` becomes; raises UnmappedErrorCode when there is none."""
        if isinstance(code, self.api_enum):
            return code  # written in the mutation's own vocabulary by its GraphQL code
        try:
            return self.codes[code]
        except KeyError:
            raise UnmappedErrorCode(
                f"{type(code).__name__}.{code.name} has no {self.api_enum.__name__} mapping: add it to the "
                f"mutation's ErrorCodes"
            ) from None

    def field(self, name: str | None) -> str | None:
        """The API (camelCase) name of a service's Python field name."""
        if name is None:
            return None
        return self.fields.get(name) or to_camel_case(name)

    def problems(self) -> list[str]:
        """Declared domain codes with no entry, entries of another enum, and values `api_enum` lacks."""
        found = []
        for code_map in self.maps:
            domain = code_map.domain.__name__
            found += [f"{domain}.{m.name} is not mapped" for m in code_map.domain
                      if m not in code_map.codes and m not in code_map.unreachable]
            found += [f"{code!r} is not a member of {domain}" for code in [*code_map.codes, *code_map.unreachable]
                      if not isinstance(code, code_map.domain)]
            found += [f"{domain}.{code.name} -> {value!r} is not a member of {self.api_enum.__name__}"
                      for code, value in code_map.codes.items() if not isinstance(value, self.api_enum)]
        return found


def declared_error_codes(modules: Iterable[Any]) -> list[tuple[str, ErrorCodes]]:
    """The module-level ErrorCodes of `modules`, named `module.NAME` (what the completeness test checks)."""
    found: dict[int, tuple[str, ErrorCodes]] = {}
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, ErrorCodes):
                found.setdefault(id(value), (f"{module.__name__}.{name}", value))  # the first module to name it
    return list(found.values())
