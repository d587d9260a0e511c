"""Carriers (logistics partners): create, change, link to the warehouses they collect from.

Errors (DomainError, FulfilmentErrorCode): REQUIRED, INVALID, UNIQUE, NOT_FOUND.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import TypeVar

from catalog.models import Warehouse  # read-only: the warehouse a carrier collects from must exist
from fulfilment.errors import FulfilmentErrorCode
from fulfilment.models import Carrier, HandoffMode, Shipment, WarehouseCarrier
from fulfilment.services.access import Shipper
from kernel.errors import DomainError, ErrorDetail
from mall.actors import missing

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{1,63}$")
MAX_DAYS = 365
T = TypeVar("T")


@dataclass
class CarrierData:
    code: str = ""
    name: str = ""
    handoff_mode: HandoffMode = HandoffMode.MANUAL
    endpoint_url: str = ""
    storage_location: str = ""
    signing_secret: str = ""
    handover_days: int = 2
    delivery_days: int = 5
    tracking_url_template: str = ""
    is_active: bool = True
    given: set[str] = field(default_factory=set)


def _mode_problems(data: CarrierData) -> list[ErrorDetail]:
    if data.handoff_mode == HandoffMode.HTTP and not data.endpoint_url.startswith(("http://", "https://")):
        return [
            ErrorDetail("endpoint_url", "An http carrier needs its API's http(s) URL.", FulfilmentErrorCode.REQUIRED)
        ]
    if data.handoff_mode == HandoffMode.MANIFEST and not data.storage_location.strip("/"):
        return [ErrorDetail(
            "storage_location", "A manifest carrier needs its S3 bucket (and prefix).", FulfilmentErrorCode.REQUIRED
        )]
    return []


def _problems(data: CarrierData) -> list[ErrorDetail]:
    problems = _mode_problems(data)
    if not CODE_PATTERN.match(data.code):
        problems.append(
            ErrorDetail("code", "Use 2-64 lower-case letters, digits, '-' or '_'.", FulfilmentErrorCode.INVALID)
        )
    if not data.name.strip():
        problems.append(ErrorDetail("name", "This field is required.", FulfilmentErrorCode.REQUIRED))
    for name, days in (("handover_days", data.handover_days), ("delivery_days", data.delivery_days)):
        if not 0 <= days <= MAX_DAYS:
            problems.append(ErrorDetail(name, f"Use 0 to {MAX_DAYS} days.", FulfilmentErrorCode.INVALID))
    if data.tracking_url_template and "{tracking_number}" not in data.tracking_url_template:
        problems.append(
            ErrorDetail("tracking_url_template", "Put {tracking_number} in the template.", FulfilmentErrorCode.INVALID)
        )
    return problems


async def create_carrier(data: CarrierData) -> Carrier:
    """A new carrier; without a signing secret one is generated (shown to the operator once)."""
    problems = _problems(data)
    if problems:
        raise DomainError(*problems)
    if await Carrier.filter(code=data.code).exists():
        raise DomainError.single("code", "Carrier with this code already exists.", FulfilmentErrorCode.UNIQUE)
    return await Carrier.create(
        code=data.code, name=data.name.strip(), handoff_mode=data.handoff_mode, endpoint_url=data.endpoint_url,
        storage_location=data.storage_location.strip("/"), signing_secret=data.signing_secret or new_secret(),
        handover_days=data.handover_days, delivery_days=data.delivery_days,
        tracking_url_template=data.tracking_url_template, is_active=data.is_active,
    )


@dataclass(frozen=True)
class CarrierChanges:
    """What the operator may change of a carrier; None leaves a field as it is. The hand-off mode and the
    signing secret are not among them: hand-offs already queued were made for the mode, and the carrier signs
    its webhooks with the secret."""

    name: str | None = None
    endpoint_url: str | None = None
    storage_location: str | None = None
    handover_days: int | None = None
    delivery_days: int | None = None
    tracking_url_template: str | None = None
    is_active: bool | None = None


async def update_carrier(carrier: Carrier, changes: CarrierChanges) -> Carrier:
    """Change a carrier's name, endpoint, service level, tracking page or activity; every rule of
    `create_carrier` holds for the result. Raises DomainError REQUIRED, INVALID (nothing changed then)."""
    merged = CarrierData(
        code=carrier.code, name=_or(changes.name, carrier.name), handoff_mode=HandoffMode(carrier.handoff_mode),
        endpoint_url=_or(changes.endpoint_url, carrier.endpoint_url),
        storage_location=_or(changes.storage_location, carrier.storage_location).strip("/"),
        handover_days=_or(changes.handover_days, carrier.handover_days),
        delivery_days=_or(changes.delivery_days, carrier.delivery_days),
        tracking_url_template=_or(changes.tracking_url_template, carrier.tracking_url_template),
        is_active=_or(changes.is_active, carrier.is_active))
    problems = _problems(merged)
    if problems:
        raise DomainError(*problems)
    carrier.update_from_dict({"name": merged.name.strip(), "endpoint_url": merged.endpoint_url,
                              "storage_location": merged.storage_location, "handover_days": merged.handover_days,
                              "delivery_days": merged.delivery_days,
                              "tracking_url_template": merged.tracking_url_template, "is_active": merged.is_active})
    await carrier.save()
    return carrier


def _or(value: T | None, current: T) -> T:
    return current if value is None else value


def new_secret() -> str:
    return secrets.token_urlsafe(32)


async def carrier_by_code(code: str, field: str = "carrier") -> Carrier:
    carrier = await Carrier.get_or_none(code=code)
    if carrier is None:
        raise DomainError.single(field, f"Carrier '{code}' does not exist.", FulfilmentErrorCode.NOT_FOUND)
    return carrier


async def active_carrier(code: str, field: str = "carrier") -> Carrier:
    carrier = await carrier_by_code(code, field)
    if not carrier.is_active:
        raise DomainError.single(field, f"Carrier '{code}' is not active.", FulfilmentErrorCode.INVALID)
    return carrier


async def assign_warehouse(shipper: Shipper, carrier: Carrier, warehouse_id: str) -> WarehouseCarrier:
    """Make `carrier` collect the warehouse's parcels (replacing its previous carrier). The operator's staff
    choose for every warehouse, a partner's staff for their partner's warehouses only.

    Raises DomainError NOT_FOUND (field `warehouse`) for a missing warehouse or another partner's.
    """
    found = await Warehouse.get_or_none(id=warehouse_id)
    if found is None or not shipper.owns(found):
        raise missing("warehouse", f"Warehouse:{warehouse_id}", FulfilmentErrorCode.NOT_FOUND)
    link, created = await WarehouseCarrier.get_or_create(warehouse_id=warehouse_id, defaults={"carrier": carrier})
    if not created and link.carrier_id != carrier.id:  # type: ignore[attr-defined]
        await WarehouseCarrier.filter(id=link.id).update(carrier_id=carrier.id)
    return link


async def warehouse_carrier(warehouse_id: object) -> Carrier | None:
    link = await WarehouseCarrier.get_or_none(warehouse_id=warehouse_id).select_related("carrier")
    return link.carrier if link is not None and link.carrier.is_active else None


def tracking_url(carrier: Carrier | None, shipment: Shipment) -> str | None:
    if carrier is None or not carrier.tracking_url_template or not shipment.tracking_number:
        return None
    return carrier.tracking_url_template.replace("{tracking_number}", shipment.tracking_number)
