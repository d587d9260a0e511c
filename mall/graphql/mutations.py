"""The mutation pattern: run a use case in one transaction; a DomainError becomes the payload's `errors`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from tortoise.transactions import in_transaction

from mall.graphql.errors import DomainError, ErrorDetail

PayloadT = TypeVar("PayloadT")


def to_error(error_type: type, code_enum: Any, detail: ErrorDetail) -> Any:
    """One `XError` object from a service's ErrorDetail; extra keys (addressType, index...) pass through."""
    return error_type(field=detail.field, message=detail.message, code=code_enum[detail.code], **detail.extra)


async def run_in_transaction(
    payload_type: type[PayloadT],
    error_type: type,
    code_enum: Any,
    work: Callable[[], Awaitable[PayloadT]],
) -> PayloadT:
    """All or nothing: `work` commits, or a DomainError rolls everything back and is reported."""
    try:
        async with in_transaction():
            return await work()
    except DomainError as failure:
        return payload_type(errors=[to_error(error_type, code_enum, d) for d in failure.details])  # type: ignore[call-arg]


def refused(payload_type: type[PayloadT], error_type: type, code_enum: Any, failure: DomainError) -> PayloadT:
    return payload_type(errors=[to_error(error_type, code_enum, d) for d in failure.details])  # type: ignore[call-arg]
