"""Carrier adapters: how shipments are handed to a logistics partner, one small Protocol, three modes.

    manual     the partner gives the parcel to the carrier and types the tracking number: nothing to send
    http       a signed JSON shipment request to the carrier's API, answered with tracking number and label
    manifest   one CSV manifest of a batch of shipments, uploaded with boto3 to the carrier's S3 location

Errors (each means "not handed over yet": the outbox retries it with backoff, then dead-letters it):

    CarrierError
    ├── CarrierRefused       the carrier answered with an error status or an answer we cannot read
    └── CarrierUnreachable   network failure, timeout, or the storage refused the upload
"""
