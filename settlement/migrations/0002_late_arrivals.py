"""Issuer statements remember the ledger watermark they were built at, and list late arrivals."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from settlement.models import LineKind
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('settlement', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Statement',
            name='ledger_watermark',
            field=fields.BigIntField(default=0),
        ),
        ops.AlterField(
            model_name='StatementLine',
            name='kind',
            field=fields.CharEnumField(description='ORDER: order\nADJUSTMENT: adjustment\nLATE_ARRIVAL: late_arrival\nDELIVERY: delivery\nRETURN: return', enum_type=LineKind, max_length=16),
        ),
    ]
