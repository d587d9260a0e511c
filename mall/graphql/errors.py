"""The two error channels of a Saleor-compatible API.

Top-level errors (the field resolves to null, HTTP 200), each carrying
`extensions.exception.code` = the class name, as Saleor's formatter does:

    GraphQLError                  bad argument, bad ID, pagination misuse
    ├── PermissionDenied          the caller lacks a permission or is outside its scope
    ├── ExpiredSignatureError     the access token has expired (clients refresh on this code)
    ├── InvalidTokenError         the token is ours but forged, revoked or of the wrong type
    └── QueryCostError            (raised at validation; answered with HTTP 400)

Payload errors (`errors: [XError!]!` on a mutation payload) are raised by services as `DomainError`
(kernel.errors) in their domain's codes and Python field names, and turned into `{field, message, code}` by
`mall.graphql.mutations` through the mutation's explicit `ErrorCodes` (mall.graphql.error_codes).
"""

from __future__ import annotations

from collections.abc import Iterable

from graphql import GraphQLError

from kernel.errors import DomainError, ErrorDetail

__all__ = ["DomainError", "ErrorDetail", "ExpiredSignatureError", "InvalidTokenError", "PermissionDenied",
           "QueryCostError", "exception_code"]


class PermissionDenied(GraphQLError):
    def __init__(self, permissions: Iterable[str] | None = None, message: str | None = None) -> None:
        names = list(permissions or [])
        if message is None:
            message = (
                "To access this path, you need one of the following permissions: " + ", ".join(names)
                if names
                else "You do not have permission to perform this action"
            )
        super().__init__(message)


class ExpiredSignatureError(GraphQLError):
    def __init__(self) -> None:
        super().__init__("Signature has expired")


class InvalidTokenError(GraphQLError):
    def __init__(self, message: str = "Invalid token. Create new one by using tokenCreate mutation.") -> None:
        super().__init__(message)


class QueryCostError(GraphQLError):
    pass


def exception_code(error: GraphQLError) -> str:
    """The name Saleor puts in `extensions.exception.code`."""
    original = error.original_error
    if isinstance(error, GraphQLError) and type(error) is not GraphQLError:
        return type(error).__name__
    if isinstance(original, GraphQLError):
        return type(original).__name__
    if original is not None:
        return type(original).__name__
    return "GraphQLError"
