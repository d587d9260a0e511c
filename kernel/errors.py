"""Expected refusals, as every service raises them: `DomainError` with one `ErrorDetail` per problem.

A detail speaks the domain's language: its `code` is a member of the domain's own error enum (each domain
package has an `errors.py` with a `StrEnum` of its codes) and its `field` is the Python (snake_case) name
of the input it is about. The API layer (a mutation's `graphql/` adapter) translates both into Saleor's
`{field, message, code}` through an explicit map per mutation; a CLI prints them as they are. Nothing here
knows about GraphQL: the kernel imports no domain and no API.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum


@dataclass
class ErrorDetail:
    """One problem: `field` names the input it is about (None: the request as a whole), `code` is the
    domain's code for it, `extra` carries what a client may need (e.g. the variants out of stock)."""

    field: str | None
    message: str
    code: Enum
    extra: dict[str, object] = dataclasses.field(default_factory=dict)  # `field` is taken by the attribute

    def __post_init__(self) -> None:
        # A bare string would reach the API layer unchecked (a typo becoming some fallback code): refuse it
        # where it is written, so the test that exercises the raise fails.
        if not isinstance(self.code, Enum):
            raise TypeError(f"error code {self.code!r} is not a member of an error enum")


class DomainError(Exception):
    """An expected refusal from a service: becomes the mutation payload's `errors` list.

    The use case's transaction is rolled back when it propagates, so nothing is half-written.
    """

    def __init__(self, *details: ErrorDetail) -> None:
        super().__init__("; ".join(f"{d.field}: {d.message}" for d in details))
        self.details = list(details)

    @classmethod
    def single(cls, field: str | None, message: str, code: Enum, **extra: object) -> DomainError:
        return cls(ErrorDetail(field, message, code, dict(extra)))
