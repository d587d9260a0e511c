"""What every hand-off mode shares: the parcels handed over, the receipts, the Protocol and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from fulfilment.models import Carrier


class CarrierError(Exception):
    """The carrier did not take the shipments (see the tree in fulfilment.carriers)."""


class CarrierRefused(CarrierError):
    pass


class CarrierUnreachable(CarrierError):
    pass


@dataclass(frozen=True)
class ParcelItem:
    sku: str
    name: str
    quantity: int


@dataclass(frozen=True)
class Parcel:
    """One shipment as a carrier sees it: our reference, where it goes, where it comes from, what is in it."""

    shipment_id: int
    reference: str
    tracking_number: str
    recipient: dict[str, str]
    sender: dict[str, str]
    items: list[ParcelItem] = field(default_factory=list)


@dataclass(frozen=True)
class HandoffBatch:
    """Parcels handed over together; `name` names the batch (a manifest's file)."""

    name: str
    parcels: list[Parcel]


@dataclass(frozen=True)
class HandoffReceipt:
    shipment_id: int
    tracking_number: str
    label_url: str = ""


class CarrierAdapter(Protocol):
    async def hand_over(self, carrier: Carrier, batch: HandoffBatch) -> list[HandoffReceipt]:
        """Hand the batch to the carrier; raises CarrierError when it was not taken."""
        ...


class ManualHandoff:
    """The partner hands parcels over in person: the receipt is the tracking number they typed."""

    async def hand_over(self, carrier: Carrier, batch: HandoffBatch) -> list[HandoffReceipt]:
        return [HandoffReceipt(parcel.shipment_id, parcel.tracking_number) for parcel in batch.parcels]
