"""`manifest` hand-off: a batch of parcels as one CSV file in the carrier's S3 location (boto3).

The carrier's `storage_location` is `bucket` or `bucket/prefix`; its `endpoint_url` names an
S3-compatible endpoint (empty: the mall's S3_ENDPOINT_URL, or AWS). Credentials come from boto3's usual
`AWS_*` variables. Each parcel's tracking number is our reference unless the partner typed one: the
carrier reports tracking events under it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from fulfilment.carriers.base import CarrierUnreachable, HandoffBatch, HandoffReceipt, Parcel
from fulfilment.models import Carrier
from mall.storage import S3Storage, StorageError, s3_client

COLUMNS = ("tracking_number", "reference", "recipient_name", "street", "city", "postal_code", "country", "phone",
           "sender", "sku", "item", "quantity")


def tracking_number_of(parcel: Parcel) -> str:
    return parcel.tracking_number or parcel.reference


def manifest_csv(batch: HandoffBatch) -> bytes:
    """One row per item of each parcel."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for parcel in batch.parcels:
        to = parcel.recipient
        for item in parcel.items:
            writer.writerow([tracking_number_of(parcel), parcel.reference, to.get("name", ""), to.get("street", ""),
                             to.get("city", ""), to.get("postal_code", ""), to.get("country", ""),
                             to.get("phone", ""), parcel.sender.get("name", ""), item.sku, item.name, item.quantity])
    return buffer.getvalue().encode()


def split_location(location: str) -> tuple[str, str]:
    bucket, _, prefix = location.strip("/").partition("/")
    return bucket, prefix


def manifest_key(carrier: Carrier, batch: HandoffBatch) -> str:
    _, prefix = split_location(carrier.storage_location)
    return f"{prefix}/{batch.name}.csv" if prefix else f"{batch.name}.csv"


class ManifestHandoff:
    def __init__(self, environ: Mapping[str, str]) -> None:
        self.environ = environ

    def _storage(self, carrier: Carrier) -> S3Storage:
        bucket, _ = split_location(carrier.storage_location)
        endpoint = carrier.endpoint_url or self.environ.get("S3_ENDPOINT_URL", "")
        return S3Storage(s3_client({**self.environ, "S3_ENDPOINT_URL": endpoint}), bucket)

    async def hand_over(self, carrier: Carrier, batch: HandoffBatch) -> list[HandoffReceipt]:
        try:
            await self._storage(carrier).put(manifest_key(carrier, batch), manifest_csv(batch), "text/csv")
        except StorageError as error:
            raise CarrierUnreachable(str(error)) from error
        return [HandoffReceipt(parcel.shipment_id, tracking_number_of(parcel)) for parcel in batch.parcels]
