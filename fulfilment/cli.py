"""`mall carrier create`: register a logistics partner from the command line."""

from __future__ import annotations

import sys

import click

from fulfilment.models import HandoffMode
from kernel.errors import DomainError
from mall.settings import Settings


@click.group(help="Manage carriers (logistics partners).")
def carrier() -> None:
    pass


@carrier.command("create", help="Create a carrier and print the secret it signs its webhooks with.")
@click.option("--code", required=True, help="Unique code; its webhooks go to /webhooks/carriers/<code>.")
@click.option("--name", required=True, help="Name shown to members.")
@click.option("--mode", type=click.Choice([m.value for m in HandoffMode]), default="manual", show_default=True,
              help="How shipments are handed over.")
@click.option("--endpoint-url", default="", help="Shipment API URL (http) or S3 endpoint (manifest).")
@click.option("--storage-location", default="", help="S3 bucket[/prefix] receiving manifests (manifest).")
@click.option("--handover-days", default=2, show_default=True, type=int, help="Days to hand a parcel over.")
@click.option("--delivery-days", default=5, show_default=True, type=int, help="Days to deliver it.")
@click.option("--tracking-url-template", default="", help="Tracking page URL with {tracking_number} in it.")
def carrier_create(code: str, name: str, mode: str, endpoint_url: str, storage_location: str, handover_days: int,
                   delivery_days: int, tracking_url_template: str) -> None:
    from fulfilment.services.carriers import CarrierData, create_carrier
    from mall.db import run_with_database

    data = CarrierData(code=code, name=name, handoff_mode=HandoffMode(mode), endpoint_url=endpoint_url,
                       storage_location=storage_location, handover_days=handover_days, delivery_days=delivery_days,
                       tracking_url_template=tracking_url_template)
    try:
        created = run_with_database(Settings.from_environ(), lambda: create_carrier(data))
    except DomainError as failure:
        for detail in failure.details:
            click.echo(f"error: {detail.field}: {detail.message} ({detail.code})", err=True)
        sys.exit(1)
    click.echo(f"Created carrier {created.code} ({created.handoff_mode.value}).")
    click.echo(f"Webhook signing secret (shown once): {created.signing_secret}")


@click.group(help="Digital gifts' code pools.")
def digital() -> None:
    pass


@digital.command("rotate-key", help="Re-encrypt every stored code under the first key of DIGITAL_CODES_KEY. "
                 "List the new key first and the old ones after it (comma-separated), run this until nothing is "
                 "left, then drop the old keys. Safe to interrupt and run again: it goes on where it stopped.")
@click.option("--batch-size", default=500, show_default=True, type=int, help="Codes re-encrypted per transaction.")
def digital_rotate_key(batch_size: int) -> None:
    from fulfilment.digital.rotation import rotate_codes
    from fulfilment.digital.vault import vault_for
    from mall.db import run_with_database

    settings = Settings.from_environ()
    try:
        vault = vault_for(settings)
    except ValueError:
        click.echo("error: DIGITAL_CODES_KEY: each key must be a Fernet key (urlsafe base64 of 32 bytes).", err=True)
        sys.exit(1)
    try:
        report = run_with_database(settings, lambda: rotate_codes(vault, batch_size))
    except DomainError as failure:
        for detail in failure.details:
            click.echo(f"error: {detail.field}: {detail.message} ({detail.code})", err=True)
        sys.exit(1)
    click.echo(f"Re-encrypted {report.resealed} codes under the current key; {report.remaining} left under older keys.")
    sys.exit(0 if report.remaining == 0 else 1)
