"""Who sees which gifts: Saleor's channel visibility rules, plus partner scoping. Read side only.

- Anonymous callers and members see a product in a channel when its listing there is published (its
  publication time reached) in an active channel and at least one variant has a points price there.
  Lists also need `visible_in_listings`. Variants need a price in the channel.
- Staff and apps holding MANAGE_PRODUCTS, MANAGE_ORDERS or MANAGE_DISCOUNTS (`Viewer.staff`) see
  everything: without a channel every product, with a channel every product listed there, published or not.
- Staff scoped to a partner see their own partner's products as staff do, and everybody else's only as a
  member does: a partner never learns about a competitor's unpublished gift.

The listing's `min_price_points` is kept by the catalogue services (null when no variant has a price in
the channel), so "has a priced variant" is read from it instead of a subquery per request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from tortoise.expressions import Q, Subquery

from catalog.models import CollectionChannelListing, ProductChannelListing
from mall.channels.models import Channel
from mall.sql import ALWAYS, NEVER, Parameters, all_of, any_of

PRODUCT_PERMISSIONS = ("MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_DISCOUNTS")
NOTHING = Q(id__in=[])


@dataclass(frozen=True)
class Viewer:
    """What a caller may see of the catalogue.

    `staff`: holds one of PRODUCT_PERMISSIONS, so needs no channel and sees unpublished listings.
    `partner_code`: a partner-scoped staff user or app; their own partner's products are visible to them
    as to staff, everybody else's as to a member (also without permissions).
    """

    staff: bool = False
    partner_code: str | None = None

    @property
    def sees_everything(self) -> bool:
        return self.staff and self.partner_code is None

    @property
    def needs_channel(self) -> bool:
        """Members must name a channel (or rely on the single-channel fallback); staff need not."""
        return not self.staff


MEMBER = Viewer()


def published_listing(now: datetime, prefix: str = "") -> Q:
    """A published listing whose publication time has come (no time means published at once)."""
    return Q(**{f"{prefix}is_published": True}) & (
        Q(**{f"{prefix}published_at__isnull": True}) | Q(**{f"{prefix}published_at__lte": now})
    )


def public_listing(channel: Channel, now: datetime, *, in_listings: bool, prefix: str = "") -> Q:
    """Listings a member may see: published, priced, in an active channel (lists: visible in listings)."""
    if not channel.is_active:
        return NOTHING
    condition = published_listing(now, prefix) & Q(**{f"{prefix}min_price_points__isnull": False})
    if in_listings:
        condition &= Q(**{f"{prefix}visible_in_listings": True})
    return condition


def visible_listings(viewer: Viewer, channel: Channel, now: datetime, *, in_listings: bool) -> Q:
    """Filter on ProductChannelListing rows of `channel`: the products the viewer sees there."""
    if viewer.sees_everything:
        return Q()
    public = public_listing(channel, now, in_listings=in_listings)
    if viewer.partner_code is None:
        return public
    return Q(public, Q(product__partner_code=viewer.partner_code), join_type=Q.OR)


def visible_products_without_channel(viewer: Viewer, now: datetime) -> Q:
    """Filter on Product rows for staff who named no channel (members always have a channel)."""
    if viewer.sees_everything:
        return Q()
    published_somewhere = ProductChannelListing.filter(
        published_listing(now), channel__is_active=True, min_price_points__isnull=False
    ).values("product_id")
    own = Q(partner_code=viewer.partner_code) if viewer.partner_code else NOTHING
    return Q(own, Q(id__in=Subquery(published_somewhere)), join_type=Q.OR)


def visible_product_ids_in_channel(viewer: Viewer, channel: Channel, now: datetime, *, in_listings: bool) -> Subquery:
    """The ids of the products the viewer sees in `channel`, as a subquery (for variant queries)."""
    listings = ProductChannelListing.filter(visible_listings(viewer, channel, now, in_listings=in_listings))
    return Subquery(listings.filter(channel_id=channel.id).values("product_id"))


def visible_collections(viewer: Viewer, channel: Channel | None, now: datetime) -> Q:
    """Filter on Collection rows. Collections are the operator's: partner staff see them as members do."""
    if viewer.sees_everything:
        if channel is None:
            return Q()
        return Q(id__in=Subquery(CollectionChannelListing.filter(channel_id=channel.id).values("collection_id")))
    if channel is None or not channel.is_active:
        return NOTHING
    published = CollectionChannelListing.filter(published_listing(now), channel_id=channel.id)
    return Q(id__in=Subquery(published.values("collection_id")))


# The same rules as SQL text, for the product lists built without the ORM (catalog/graphql/product_query.py):
# listings as `l`, products as `p`. tests/catalog/test_visibility.py holds the ORM, SQL and Python forms to
# one rule: they judge every combination of what the rule reads alike.


def published_listing_sql(now: datetime, parameters: Parameters, alias: str = "l") -> str:
    published = parameters.add(True)
    moment = parameters.add(now)
    return f"{alias}.is_published = {published} AND ({alias}.published_at IS NULL OR {alias}.published_at <= {moment})"


def visible_listings_sql(viewer: Viewer, channel: Channel, now: datetime, parameters: Parameters) -> str:
    """`visible_listings(..., in_listings=True)` over `l`; a partner's own products are read from `p`."""
    if viewer.sees_everything:
        return ALWAYS
    public = NEVER
    if channel.is_active:
        visible = parameters.add(True)
        priced = "l.min_price_points IS NOT NULL"
        public = all_of(published_listing_sql(now, parameters), priced, f"l.visible_in_listings = {visible}")
    if viewer.partner_code is None:
        return public
    return any_of(public, f"p.partner_code = {parameters.add(viewer.partner_code)}")


def visible_products_without_channel_sql(viewer: Viewer, now: datetime, parameters: Parameters) -> str:
    """`visible_products_without_channel` over `p`."""
    if viewer.sees_everything:
        return ALWAYS
    active = parameters.add(True)
    published_somewhere = (
        f"p.id IN (SELECT pl.product_id FROM {ProductChannelListing._meta.db_table} pl "
        f"JOIN {Channel._meta.db_table} c ON c.id = pl.channel_id "
        f"WHERE {published_listing_sql(now, parameters, 'pl')} AND c.is_active = {active} "
        "AND pl.min_price_points IS NOT NULL)"
    )
    own = f"p.partner_code = {parameters.add(viewer.partner_code)}" if viewer.partner_code else NEVER
    return any_of(own, published_somewhere)


def is_listing_public(listing: ProductChannelListing | None, channel: Channel, now: datetime) -> bool:
    """The in-memory twin of `public_listing` for one loaded listing (single-object lookups)."""
    if listing is None or not channel.is_active or not listing.is_published:
        return False
    if listing.published_at is not None and listing.published_at > now:
        return False
    return listing.min_price_points is not None
