"""Expected refusals, as every service raises them: `DomainError` with one `ErrorDetail` per problem.

Services raise; the API layer (a mutation's `graphql/` adapter) turns each detail into Saleor's
`{field, message, code}`; a CLI prints it. Nothing here knows about GraphQL: the kernel imports no domain
and no API.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass
class ErrorDetail:
    """One problem: `field` names the input it is about (None: the request as a whole), `code` is the
    domain's code for it, `extra` carries what a client may need (e.g. the variants out of stock)."""

    field: str | None
    message: str
    code: str
    extra: dict[str, object] = dataclasses.field(default_factory=dict)  # `field` is taken by the attribute


class DomainError(Exception):
    """An expected refusal from a service: becomes the mutation payload's `errors` list.

    The use case's transaction is rolled back when it propagates, so nothing is half-written.
    """

    def __init__(self, *details: ErrorDetail) -> None:
        super().__init__("; ".join(f"{d.field}: {d.message}" for d in details))
        self.details = list(details)

    @classmethod
    def single(cls, field: str | None, message: str, code: str, **extra: object) -> DomainError:
        return cls(ErrorDetail(field, message, code, dict(extra)))
