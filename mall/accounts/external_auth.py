"""Saleor's external authentication plugins (`externalObtainAccessTokens(pluginId:, input:)`): the ids the
mall answers to, and what each does with the input.

A plugin turns the mutation's JSON input into one of our users (or refuses with a DomainError carrying an
AccountErrorCode); the accounts layer then issues our own tokens for that user. Domains register their
plugin at the composition root (mall.graphql.schema), so accounts never import them.
"""

from __future__ import annotations

from typing import Any, Protocol

from mall.accounts.models import User
from mall.settings import Settings


class ExternalAuthPlugin(Protocol):
    async def obtain_user(self, data: dict[str, Any], settings: Settings) -> User:
        """The user the input proves to be; raises DomainError (AccountErrorCode) otherwise."""

    async def authentication_url(self, data: dict[str, Any], settings: Settings) -> dict[str, Any]:
        """What a client needs to start the sign-on; raises DomainError otherwise."""


_plugins: dict[str, ExternalAuthPlugin] = {}


def register_external_auth(plugin_id: str, plugin: ExternalAuthPlugin) -> None:
    _plugins[plugin_id] = plugin


def external_auth_plugin(plugin_id: str) -> ExternalAuthPlugin | None:
    return _plugins.get(plugin_id)
