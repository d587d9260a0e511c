"""The per-request GraphQL context: settings, the caller (resolved lazily), and per-request loaders."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from graphql import GraphQLError
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from mall.accounts.auth import ANONYMOUS, Principal, authenticate
from mall.accounts.models import User
from mall.settings import Settings


@dataclass
class Context:
    settings: Settings
    token: str | None = None
    client_ip: str = "unknown"
    request_id: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    loaders: dict[str, Any] = field(default_factory=dict)
    _principal: Principal | None = None
    _auth_error: type[GraphQLError] | None = None
    _resolved: bool = False

    async def principal(self) -> Principal:
        """The caller; raises the token's error (expired, invalid) to whatever needs the caller."""
        if not self._resolved:
            self._resolved = True
            try:
                self._principal = await authenticate(self.token, self.settings)
            except GraphQLError as error:
                self._auth_error = type(error)
        if self._auth_error is not None:
            # A fresh error per field, so each carries its own path.
            raise self._auth_error()
        return self._principal or ANONYMOUS

    async def user(self) -> User | None:
        return (await self.principal()).user

    def loader(self, name: str, load: Callable[[list[Any]], Awaitable[list[Any]]]) -> DataLoader[Any, Any]:
        """The request's DataLoader called `name`, created on first use: one batched query per field
        across a whole page, never one per row (built per request so nothing leaks between callers)."""
        existing = self.loaders.get(name)
        if existing is None:
            existing = self.loaders[name] = DataLoader(load_fn=load)
        return existing


Info = StrawberryInfo[Context, Any]
