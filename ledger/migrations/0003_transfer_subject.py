"""Transfers name the record they are for in two columns (`subject_kind`, `subject_id`), split from the
reference once when written, so that reports (settlement's captures and refunds per order) group by a
column instead of parsing references. Existing transfers are backfilled from their references the same
way ledger.transfers.subject_of splits them: at the first ':'; a reference without one names nothing
(NULL, NULL).
"""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

# Position of the first ':' in the reference, per dialect (SQLite has INSTR, PostgreSQL STRPOS).
SEPARATOR_AT = {"sqlite": "INSTR(reference, ':')", "postgres": "STRPOS(reference, ':')"}


async def backfill_subjects(apps, schema_editor):
    client = schema_editor.client
    separator = SEPARATOR_AT["sqlite" if client.capabilities.dialect == "sqlite" else "postgres"]
    await client.execute_script(
        f"UPDATE ledger_transfer SET subject_kind = SUBSTR(reference, 1, {separator} - 1),"
        f" subject_id = SUBSTR(reference, {separator} + 1) WHERE {separator} > 0"
    )


class Migration(migrations.Migration):
    dependencies = [('ledger', '0002_lot_expiry_index')]

    initial = False

    operations = [
        ops.AddField(model_name='Transfer', name='subject_kind', field=fields.CharField(max_length=200, null=True)),
        ops.AddField(model_name='Transfer', name='subject_id', field=fields.CharField(max_length=200, null=True)),
        ops.RunPython(backfill_subjects),
    ]
