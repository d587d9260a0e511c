"""How errors are shaped: Saleor's `extensions.exception.code`, and masking of unexpected failures."""

from __future__ import annotations

from graphql import GraphQLError

from mall.graphql.errors import PermissionDenied
from mall.graphql.view import format_error


def test_permission_denied_lists_the_permissions_needed():
    # when
    error = PermissionDenied(["MANAGE_ORDERS", "MANAGE_USERS"])

    # then
    assert (
        error.message == "To access this path, you need one of the following permissions: MANAGE_ORDERS, MANAGE_USERS"
    )
    assert format_error(error, debug=False)["extensions"] == {"exception": {"code": "PermissionDenied"}}


def test_unexpected_exception_is_masked_unless_debug():
    # given
    error = GraphQLError("division by zero", original_error=ZeroDivisionError("division by zero"), path=["shop"])

    # when
    masked = format_error(error, debug=False)
    shown = format_error(error, debug=True)

    # then
    assert masked == {
        "message": "Internal Server Error",
        "path": ["shop"],
        "extensions": {"exception": {"code": "ZeroDivisionError"}},
    }
    assert shown["message"] == "division by zero"


async def test_permission_error_is_top_level_with_null_field_and_http_200(api):
    # when
    response = await api.post("{ channels { slug } }")

    # then
    assert response.status_code == 200
    assert response.data == {"channels": None}
    assert response.errors == [
        {
            "message": "To access this path, you need one of the following permissions: "
            "AUTHENTICATED_STAFF_USER, AUTHENTICATED_APP",
            "locations": [{"line": 1, "column": 3}],
            "path": ["channels"],
            "extensions": {"exception": {"code": "PermissionDenied"}},
        }
    ]
