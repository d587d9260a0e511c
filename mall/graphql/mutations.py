"""The mutation pattern: run a use case in one transaction (tried again if it lost a race); a DomainError becomes
the payload's `errors`, its codes and field names translated by the mutation's ErrorCodes (error_codes.py)."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

from mall.graphql.error_codes import ErrorCodes
from mall.graphql.errors import DomainError, ErrorDetail
from mall.graphql.ids import to_global_id
from mall.transactions import in_retried_transaction

PayloadT = TypeVar("PayloadT")


def to_error(
    error_type: type, codes: ErrorCodes, detail: ErrorDetail, id_types: Mapping[str, str] | None = None
) -> Any:
    """One `XError` object from a service's ErrorDetail (raises UnmappedErrorCode for a code `codes` lacks).

    Extra keys the error type declares (addressType, index, channels...) pass through. Those named in
    `id_types` hold primary keys and become global IDs of that type (services know no GraphQL IDs).
    """
    allowed = {f.name for f in dataclasses.fields(error_type)}
    extra = {key: value for key, value in detail.extra.items() if key in allowed}
    for key, type_name in (id_types or {}).items():
        if isinstance(extra.get(key), list):
            extra[key] = [to_global_id(type_name, pk) for pk in extra[key]]
    field = codes.field(detail.field)
    if "path" in allowed and "path" not in extra:
        # Error types such as VoucherCodeBulkDeleteError name the input by `path` (Saleor's), not only `field`
        extra["path"] = field
    return error_type(field=field, message=detail.message, code=codes.code(detail.code), **extra)


async def run_in_transaction(
    payload_type: type[PayloadT],
    error_type: type,
    codes: ErrorCodes,
    work: Callable[[], Awaitable[PayloadT]],
    id_types: Mapping[str, str] | None = None,
) -> PayloadT:
    """All or nothing: `work` commits, or a DomainError rolls everything back and is reported. A transaction
    the database aborted for losing a race (a deadlock, a serialization failure) is run again, a bounded
    number of times, before anything is answered (mall.transactions)."""
    try:
        return await in_retried_transaction(work)
    except DomainError as failure:
        return refused(payload_type, error_type, codes, failure, id_types)


def refused(
    payload_type: type[PayloadT], error_type: type, codes: ErrorCodes, failure: DomainError,
    id_types: Mapping[str, str] | None = None,
) -> PayloadT:
    errors = [to_error(error_type, codes, d, id_types) for d in failure.details]
    return payload_type(errors=errors)  # type: ignore[call-arg]
