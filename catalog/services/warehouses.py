"""Warehouses: stock locations owned by a partner (or the operator), and the channels they ship for.

Errors (DomainError, CatalogErrorCode): REQUIRED, INVALID, UNIQUE, NOT_FOUND.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from catalog.errors import CatalogErrorCode
from catalog.models import ChannelWarehouse, Warehouse
from catalog.services.access import Editor
from catalog.services.products import SLUG_PATTERN, slugify
from kernel.errors import DomainError, ErrorDetail
from mall.channels.models import Channel
from partners.services import active_partner


@dataclass
class WarehouseData:
    name: str | None = None
    slug: str | None = None
    email: str | None = None
    partner_code: str | None = None
    company_name: str | None = None
    street_address_1: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None
    phone: str | None = None
    given: set[str] = field(default_factory=set)


def _problems(data: WarehouseData, creating: bool) -> list[ErrorDetail]:
    problems = []
    if (creating or "name" in data.given) and not (data.name or "").strip():
        problems.append(ErrorDetail("name", "This field is required.", CatalogErrorCode.REQUIRED))
    if data.slug and not SLUG_PATTERN.match(data.slug):
        problems.append(ErrorDetail("slug", "Use lowercase letters, digits and hyphens.", CatalogErrorCode.INVALID))
    return problems


async def _unique_slug(slug: str, exclude_id: object = None) -> None:
    clash = Warehouse.filter(slug=slug)
    if exclude_id is not None:
        clash = clash.exclude(id=exclude_id)
    if await clash.exists():
        raise DomainError.single("slug", "Warehouse with this Slug already exists.", CatalogErrorCode.UNIQUE)


async def create_warehouse(editor: Editor, data: WarehouseData) -> Warehouse:
    problems = _problems(data, creating=True)
    if problems:
        raise DomainError(*problems)
    partner_code = editor.partner_code or data.partner_code
    if partner_code:
        await active_partner(partner_code)
    slug = data.slug or slugify(data.name or "")
    await _unique_slug(slug)
    return await Warehouse.create(
        name=(data.name or "").strip(),
        slug=slug,
        email=data.email or "",
        partner_code=partner_code,
        company_name=data.company_name or "",
        street_address_1=data.street_address_1 or "",
        city=data.city or "",
        postal_code=data.postal_code or "",
        country=data.country or "CN",
        phone=data.phone or "",
    )


_UPDATABLE = ("name", "slug", "email", "company_name", "street_address_1", "city", "postal_code", "country", "phone")


async def update_warehouse(warehouse: Warehouse, data: WarehouseData) -> Warehouse:
    problems = _problems(data, creating=False)
    if problems:
        raise DomainError(*problems)
    if data.slug:
        await _unique_slug(data.slug, exclude_id=warehouse.id)
    for name in _UPDATABLE:
        if name in data.given and getattr(data, name) is not None:
            setattr(warehouse, name, getattr(data, name))
    await warehouse.save()
    return warehouse


async def link_channels(warehouse: Warehouse, add_channel_ids: list[int], remove_channel_ids: list[int]) -> None:
    """Let the warehouse ship (or stop shipping) a channel's orders."""
    found = set(await Channel.filter(id__in=add_channel_ids).values_list("id", flat=True))
    for channel_id in add_channel_ids:
        if channel_id not in found:
            raise DomainError.single(
                "add_channels", f"Couldn't resolve to a node: Channel:{channel_id}", CatalogErrorCode.NOT_FOUND
            )
        position = await ChannelWarehouse.filter(channel_id=channel_id).count()
        await ChannelWarehouse.get_or_create(
            channel_id=channel_id, warehouse=warehouse, defaults={"sort_order": position}
        )
    if remove_channel_ids:
        await ChannelWarehouse.filter(warehouse_id=warehouse.id, channel_id__in=remove_channel_ids).delete()
