"""Lots: index expiry alone, so that spending (which changes points_remaining) updates lots in place."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('ledger', '0001_initial')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='Lot',
            name=None,
            fields=['expires_at', 'points_remaining'],
        ),
        ops.AddIndex(
            model_name='Lot',
            index=Index(fields=['expires_at']),
        ),
    ]
