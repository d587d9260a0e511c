"""Deliveries and received returns get a commit-ordered accepted sequence, and its head row."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('fulfilment', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AcceptanceHead',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('last_sequence', fields.BigIntField(default=0)),
            ],
            options={'table': 'fulfilment_acceptance_head', 'app': 'fulfilment', 'pk_attr': 'id', 'table_description': 'The last accepted sequence: one row, locked while facts are numbered (no number handed out twice).'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='ReturnRequest',
            name='accepted_sequence',
            field=fields.BigIntField(null=True, db_index=True),
        ),
        ops.AddField(
            model_name='Shipment',
            name='accepted_sequence',
            field=fields.BigIntField(null=True, db_index=True),
        ),
    ]
