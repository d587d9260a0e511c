"""Channels: create, update, and pick the channel a request means (Saleor's rules).

Errors (DomainError codes, ChannelsErrorCode in mall.channels.errors):
    REQUIRED, INVALID, UNIQUE      bad input on create/update
    MISSING_CHANNEL_SLUG           no channel given while several exist
    NOT_FOUND, CHANNEL_INACTIVE    the given channel does not exist or is switched off; or the issuer a
                                   channel names does not exist

A channel of an issuer shows its points' cash value at the issuer's rate, the one settlement uses, and names
its points as the issuer does: the channel keeps a copy (`points_cash_value`, `cash_currency`,
`points_unit_names`) that only the issuer's terms write, here when a channel names its issuer and in bank_link
when the issuer's terms change.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from decimal import Decimal

from graphql import GraphQLError

from kernel.errors import DomainError, ErrorDetail
from mall.channels.errors import ChannelsErrorCode
from mall.channels.models import Channel

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CURRENCY_PATTERN = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")


@dataclass
class ChannelInput:
    name: str | None = None
    slug: str | None = None
    currency_code: str | None = None
    default_country: str | None = None
    is_active: bool | None = None
    issuer_code: str | None = None


def _problems(data: ChannelInput, creating: bool) -> list[ErrorDetail]:
    problems = []
    if creating:
        for field, value in (("name", data.name), ("slug", data.slug), ("currency_code", data.currency_code)):
            if not value:
                problems.append(ErrorDetail(field, "This field is required.", ChannelsErrorCode.REQUIRED))
    if data.slug and not SLUG_PATTERN.match(data.slug):
        problems.append(ErrorDetail("slug", "Use lowercase letters, digits and hyphens.", ChannelsErrorCode.INVALID))
    if data.currency_code and not CURRENCY_PATTERN.match(data.currency_code):
        problems.append(ErrorDetail("currency_code", "Use an upper-case code such as PTS.", ChannelsErrorCode.INVALID))
    return problems


@dataclass(frozen=True)
class IssuerTerms:
    """What a channel copies from its issuer: the cash value of one point, in the issuer's currency, and the
    unit's display names by language code."""

    cash_value_per_point: Decimal
    cash_currency: str
    points_unit_names: dict[str, str] = field(default_factory=dict)
    points_unit_names_singular: dict[str, str] = field(default_factory=dict)


# Issuers live in bank_link, which depends on this package: the composition root hands over the lookup.
IssuerTermsSource = Callable[[str], Awaitable[IssuerTerms | None]]
_issuer_terms_source: list[IssuerTermsSource] = []


def set_issuer_terms_source(source: IssuerTermsSource) -> None:
    _issuer_terms_source[:] = [source]


async def _apply_issuer_terms(channel: Channel, issuer_code: str | None) -> None:
    """Copy the named issuer's rate onto the channel; raises DomainError NOT_FOUND for an unknown issuer."""
    if not issuer_code or not _issuer_terms_source:
        return
    terms = await _issuer_terms_source[0](issuer_code)
    if terms is None:
        raise DomainError.single("issuer_code", f"Issuer '{issuer_code}' does not exist.", ChannelsErrorCode.NOT_FOUND)
    channel.points_cash_value, channel.cash_currency = terms.cash_value_per_point, terms.cash_currency
    channel.points_unit_names = dict(terms.points_unit_names)
    channel.one_point_names = dict(terms.points_unit_names_singular)


async def _ensure_unique_slug(slug: str | None, exclude_id: int | None = None) -> None:
    if not slug:
        return
    clash = Channel.filter(slug=slug)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single("slug", "Channel with this Slug already exists.", ChannelsErrorCode.UNIQUE)


async def create_channel(data: ChannelInput) -> Channel:
    problems = _problems(data, creating=True)
    if problems:
        raise DomainError(*problems)
    await _ensure_unique_slug(data.slug)
    channel = Channel(
        name=data.name,
        slug=data.slug,
        currency_code=data.currency_code,
        default_country=data.default_country or "CN",
        is_active=True if data.is_active is None else data.is_active,
        issuer_code=data.issuer_code,
    )
    await _apply_issuer_terms(channel, data.issuer_code)
    await channel.save()
    return channel


async def update_channel(channel: Channel, data: ChannelInput) -> Channel:
    problems = _problems(data, creating=False)
    if problems:
        raise DomainError(*problems)
    await _ensure_unique_slug(data.slug, exclude_id=channel.id)
    await _apply_issuer_terms(channel, data.issuer_code)
    for attribute in ("name", "slug", "currency_code", "default_country", "is_active", "issuer_code"):
        value = getattr(data, attribute)
        if value is not None:
            setattr(channel, attribute, value)
    await channel.save()
    return channel


async def default_channel_for_query() -> Channel:
    """Saleor's deprecated fallback when a query names no channel: the only active channel, or an error."""
    channels = await Channel.filter(is_active=True).limit(2)
    if len(channels) == 1:
        return channels[0]
    if not channels:
        raise GraphQLError("A default channel does not exist.")
    raise GraphQLError("More than one channel exists. Specify which channel to use.")


async def channel_for_mutation(slug: str | None, field: str = "channel") -> Channel | None:
    """The active channel a mutation names. Without a slug: the only channel if exactly one exists, None
    when the mall has no channel yet (account e-mails still work), an error when several exist."""
    if not slug:
        channels = await Channel.all().limit(2)
        if not channels:
            return None
        if len(channels) > 1:
            raise DomainError.single(
                field,
                "You must specify a channel slug, more than one channel exists.",
                ChannelsErrorCode.MISSING_CHANNEL_SLUG,
            )
        channel = channels[0]
    else:
        channel = await Channel.get_or_none(slug=slug)
        if channel is None:
            raise DomainError.single(field, f"Channel with '{slug}' slug does not exist.", ChannelsErrorCode.NOT_FOUND)
    if not channel.is_active:
        raise DomainError.single(
            field, f"Channel with '{channel.slug}' is inactive.", ChannelsErrorCode.CHANNEL_INACTIVE
        )
    return channel
