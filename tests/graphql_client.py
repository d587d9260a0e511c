"""A small GraphQL client for tests: posts to /graphql/ like a Saleor storefront does."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx


@dataclass
class Response:
    status_code: int
    body: Any

    @property
    def data(self) -> Any:
        return self.body.get("data")

    @property
    def errors(self) -> list[dict[str, Any]]:
        return self.body.get("errors") or []

    @property
    def error_codes(self) -> list[str]:
        return [e.get("extensions", {}).get("exception", {}).get("code") for e in self.errors]

    @property
    def error_messages(self) -> list[str]:
        return [e["message"] for e in self.errors]


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        reply = await self.http.post("/graphql/", json={"query": query, "variables": variables or {}}, headers=headers)
        return Response(reply.status_code, reply.json())

    async def ok(self, query: str, variables: dict[str, Any] | None = None, token: str | None = None) -> Any:
        """The `data` of a request that must succeed with no top-level errors."""
        response = await self.post(query, variables, token)
        assert response.status_code == 200, response.body
        assert not response.errors, response.errors
        return response.data
