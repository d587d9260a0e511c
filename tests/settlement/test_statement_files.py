"""Statement files: CSV, JSON and a SHA-256 manifest, in the local storage folder or the issuer's S3 bucket."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import io
import json

from settlement.models import FileKind, RunStatus, StatementFile
from tests.settlement.helpers import at, make_bank, redeem, refund, settle_issuers


async def test_files_are_written_to_the_local_storage_with_a_manifest_of_their_hashes(settings):
    # given
    bank = await make_bank(settings)
    capture = await redeem(bank, 1_000, at("2026-11-10T02:00:00"), "order:kettle")
    refunded = await refund(capture, 100, at("2026-11-11T02:00:00"))

    # when
    statement = (await settle_issuers(settings, "2026-11", "BANKA")).issued[0]

    # then
    files = {f.kind: f for f in await StatementFile.filter(statement_id=statement.id)}
    folder = settings.var_dir / "settlements"  # private: not the public media folder
    content = {kind: (folder / f.key).read_bytes() for kind, f in files.items()}
    prefix = f"settlements/issuer/BANKA/2026-11/statement-{statement.id}"
    assert sorted(f.key for f in files.values()) == [f"{prefix}.csv", f"{prefix}.json", f"{prefix}.manifest.json"]
    for kind, stored in files.items():
        assert (stored.sha256, stored.size_bytes) == (hashlib.sha256(content[kind]).hexdigest(), len(content[kind]))
    rows = list(csv.DictReader(io.StringIO(content[FileKind.CSV].decode())))
    assert [(r["reference"], r["points_captured"], r["points_refunded"], r["amount"], r["sources"]) for r in rows] == [
        ("order:kettle", "1000", "100", "9.00", f"transfer:{capture.id} transfer:{refunded.id}")
    ]
    document = json.loads(content[FileKind.JSON])
    assert (document["statement"]["amount_due"], len(document["lines"])) == ("9.00", 1)
    manifest = json.loads(content[FileKind.MANIFEST])
    assert {(f["kind"], f["sha256"]) for f in manifest["files"]} == {
        ("csv", files[FileKind.CSV].sha256), ("json", files[FileKind.JSON].sha256)
    }


async def test_an_issuer_with_an_s3_location_gets_its_files_in_its_bucket(settings, s3_server, s3_bucket):
    # given
    bank = await make_bank(settings, storage_location=f"s3://{s3_bucket}/bank-a/statements")
    await redeem(bank, 500, at("2026-11-10T02:00:00"), "order:tea")
    s3_settings = dataclasses.replace(settings, extra={"S3_ENDPOINT_URL": s3_server.endpoint_url})

    # when
    outcome = await settle_issuers(s3_settings, "2026-11", "BANKA")

    # then
    client = s3_server.client()
    listed = client.list_objects_v2(Bucket=s3_bucket)["Contents"]
    prefix = f"bank-a/statements/settlements/issuer/BANKA/2026-11/statement-{outcome.issued[0].id}"
    assert sorted(item["Key"] for item in listed) == [f"{prefix}.csv", f"{prefix}.json", f"{prefix}.manifest.json"]
    stored = await StatementFile.get(statement_id=outcome.issued[0].id, kind=FileKind.CSV)
    body = client.get_object(Bucket=s3_bucket, Key=stored.key)["Body"].read()
    assert (stored.location, stored.sha256) == (f"s3://{s3_bucket}/bank-a/statements", hashlib.sha256(body).hexdigest())


async def test_files_that_could_not_be_written_are_written_by_the_next_run(settings, s3_server, s3_bucket):
    # given: the issuer's bucket does not exist yet
    bank = await make_bank(settings, storage_location="s3://missing-bucket/statements")
    await redeem(bank, 500, at("2026-11-10T02:00:00"))
    s3_settings = dataclasses.replace(settings, extra={"S3_ENDPOINT_URL": s3_server.endpoint_url})
    first = await settle_issuers(s3_settings, "2026-11", "BANKA")
    bank.issuer.storage_location = f"s3://{s3_bucket}/statements"
    await bank.issuer.save()

    # when
    second = await settle_issuers(s3_settings, "2026-11", "BANKA")

    # then: the statement was issued once, its files written by the second run
    assert (first.run.status, len(first.issued), second.run.status, len(second.issued)) == (
        RunStatus.FAILED, 1, RunStatus.SUCCEEDED, 0
    )
    assert "files not written" in first.differences[0]
    assert await StatementFile.filter(statement_id=first.issued[0].id).count() == 3
