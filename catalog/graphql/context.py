"""The catalogue's request view: who is asking, in which channel, at what time (Saleor's ChannelContext).

Every catalogue object carries its `CatalogView`, so nested fields (a collection's products, a product's
variants and their pricing) answer for the channel the query named without asking for it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from catalog.visibility import PRODUCT_PERMISSIONS, Viewer
from kernel import clock
from mall import sql
from mall.accounts.models import ScopeKind
from mall.channels.models import Channel
from mall.channels.services import default_channel_for_query
from mall.graphql.context import Context, Info
from mall.graphql.permissions import has_any_permission
from mall.rule_versions import note_version, version_column


@dataclass(frozen=True)
class CatalogView:
    """`channel` None: staff without a channel (no pricing). `unknown_channel`: the named channel does
    not exist, so nothing is visible (Saleor answers empty lists and nulls, not an error)."""

    viewer: Viewer
    channel: Channel | None
    now: datetime
    unknown_channel: bool = False
    context: Context | None = None  # the request's, for fields resolved without `info` (see lean.py)

    @property
    def channel_id(self) -> int | None:
        return self.channel.id if self.channel is not None else None

    @property
    def channel_slug(self) -> str | None:
        return self.channel.slug if self.channel is not None else None


async def viewer_of(info: Info) -> Viewer:
    """The caller as the catalogue sees it, worked out once per request (cached by a loader)."""
    context = info.context

    async def load(keys: list[int]) -> list[Viewer]:
        principal = await context.principal()
        scope = principal.scope
        partner_code = scope.code if scope is not None and scope.kind == ScopeKind.PARTNER else None
        viewer = Viewer(staff=has_any_permission(principal, PRODUCT_PERMISSIONS), partner_code=partner_code)
        return [viewer for _ in keys]

    return await context.loader("catalog.viewer", load).load(0)


async def _load_channels_by_slug(slugs: list[str]) -> list[Channel | None]:
    """The channels, with the pricing rules' version (mall.rule_versions) in the same statement: every priced
    page names its channel before it reads a rule, so the page's cached rules cost no statement of their own."""
    wanted = list(set(slugs))
    rows = await sql.fetch_rows(
        f"SELECT {sql.columns(Channel, 'ch')}, {version_column()} FROM (SELECT 1 AS one) AS page "
        f"LEFT JOIN {Channel._meta.db_table} ch ON ch.slug IN ({sql.placeholders(len(wanted))})",
        *wanted,
    )
    note_version(rows[0]["rule_version"])  # one row at least: the outer side of the join
    channels = [sql.model_from(Channel, row, "ch") for row in rows]
    by_slug = {channel.slug: channel for channel in channels if channel is not None}
    return [by_slug.get(slug) for slug in slugs]


async def channel_by_slug(info: Info, slug: str) -> Channel | None:
    return await info.context.loader("catalog.channel_by_slug", _load_channels_by_slug).load(slug)


async def catalog_view(info: Info, channel_slug: str | None, *, viewer: Viewer | None = None) -> CatalogView:
    """Saleor's channel rule: a named channel is used as given. Without one, staff get no channel context
    and everybody else the only active channel (or "More than one channel exists..." as a GraphQLError)."""
    viewer = viewer or await viewer_of(info)
    now = clock.now()
    if channel_slug:
        channel = await channel_by_slug(info, channel_slug)
        return CatalogView(viewer, channel, now, unknown_channel=channel is None, context=info.context)
    if viewer.needs_channel:
        return CatalogView(viewer, await default_channel_for_query(), now, context=info.context)
    return CatalogView(viewer, None, now, context=info.context)
