from tortoise import migrations
from tortoise.migrations import operations as ops
from decimal import Decimal
from partners.models import PartnerStatus
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Partner',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('name', fields.CharField(max_length=250)),
                ('status', fields.CharEnumField(default=PartnerStatus.PENDING, description='PENDING: pending\nACTIVE: active\nSUSPENDED: suspended', enum_type=PartnerStatus, max_length=16)),
                ('service_fee_percent', fields.DecimalField(default=Decimal('5.00'), max_digits=5, decimal_places=2)),
                ('settlement_currency', fields.CharField(default='CNY', max_length=3)),
                ('contact_email', fields.CharField(default='', max_length=254)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'partner_partner', 'app': 'partners', 'pk_attr': 'id', 'table_description': 'A supplier of gifts. Staff scoped to a partner are matched by `code`.'},
            bases=['Model'],
        ),
    ]
