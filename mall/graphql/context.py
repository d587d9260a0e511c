"""The per-request GraphQL context: settings, the caller (resolved lazily), and per-request loaders."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jwt
from graphql import GraphQLError
from strawberry.dataloader import DataLoader
from strawberry.types import Info as StrawberryInfo

from mall.accounts.auth import ANONYMOUS, Principal, authenticate
from mall.accounts.models import User
from mall.graphql.errors import ExpiredSignatureError, InvalidTokenError
from mall.settings import Settings

if TYPE_CHECKING:
    from mall.graphql.boundary import Refusal


@dataclass
class Context:
    settings: Settings
    token: str | None = None
    client_ip: str = "unknown"
    request_id: str = ""
    cookies: dict[str, str] = field(default_factory=dict)
    loaders: dict[str, Any] = field(default_factory=dict)
    # Refused input of root mutation fields, by response key (mall/graphql/boundary.py): reported in their
    # payloads' `errors` instead of running them.
    input_refusals: dict[str, list[Refusal]] = field(default_factory=dict)
    # Set while a query plan runs (mall/graphql/planned/runner.py): lists leave prefetching to the plan,
    # and read render keys when rendered answers may be reused.
    prepared_by_plan: bool = False
    reuses_rendered: bool = False
    # Set by a field that answered with the asking member's own data (a promotion's price for their tier or
    # segment): the response cache neither keeps the answer nor hands it to another caller.
    varies_by_caller: bool = False
    _lookup: asyncio.Future[tuple[Principal, type[GraphQLError] | None]] | None = None

    async def principal(self) -> Principal:
        """The caller; raises the token's error (expired, invalid) to whatever needs the caller.

        Looked up once per request. Fields that ask while the lookup is under way wait for that same
        lookup: they must not see an anonymous caller in the meantime."""
        if self._lookup is None:
            self._lookup = asyncio.ensure_future(self._look_up())
        principal, error = await self._lookup
        if error is not None:
            raise error()  # a fresh error per field, so each carries its own path
        return principal

    async def _look_up(self) -> tuple[Principal, type[GraphQLError] | None]:
        try:
            return (await authenticate(self.token, self.settings)) or ANONYMOUS, None
        except jwt.ExpiredSignatureError:
            return ANONYMOUS, ExpiredSignatureError  # clients refresh on this code
        except jwt.PyJWTError:
            return ANONYMOUS, InvalidTokenError

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
