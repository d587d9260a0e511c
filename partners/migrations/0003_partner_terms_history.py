from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.fields.base import OnDelete

class Migration(migrations.Migration):
    dependencies = [('partners', '0002_partner_delivery_and_payout')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PartnerTerms',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('partner', fields.ForeignKeyField('partners.Partner', source_field='partner_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('effective_from', fields.CharField(max_length=7)),
                ('service_fee_percent', fields.DecimalField(max_digits=5, decimal_places=2)),
                ('note', fields.CharField(default='', max_length=500)),
                ('changed_by', fields.CharField(max_length=128)),
                ('changed_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'partner_terms', 'app': 'partners', 'pk_attr': 'id', 'table_description': 'A change of a partner\'s contract terms, from a month on.'},
            bases=['Model'],
        ),
    ]
