from tortoise import migrations
from tortoise.migrations import operations as ops
from bank_link.models import SettlementCycle
from decimal import Decimal
from tortoise import fields

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Issuer',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=64)),
                ('name', fields.CharField(max_length=250)),
                ('points_unit', fields.CharField(max_length=16)),
                ('cash_value_per_point', fields.DecimalField(default=Decimal('0.01'), max_digits=12, decimal_places=6)),
                ('cash_currency', fields.CharField(default='CNY', max_length=3)),
                ('points_cash_allowed', fields.BooleanField(default=False)),
                ('max_cash_share_percent', fields.DecimalField(default=Decimal('0'), max_digits=5, decimal_places=2)),
                ('expiry_rule', fields.CharField(default='never', max_length=16)),
                ('expiry_count', fields.IntField(default=0)),
                ('settlement_cycle', fields.CharEnumField(default=SettlementCycle.MONTHLY, description='MONTHLY: monthly', enum_type=SettlementCycle, max_length=16)),
                ('time_zone', fields.CharField(default='Asia/Shanghai', max_length=64)),
                ('storage_location', fields.CharField(default='', max_length=500)),
                ('sso_public_key_pem', fields.TextField(default='', unique=False)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'bank_link_issuer', 'app': 'bank_link', 'pk_attr': 'id', 'table_description': 'One bank programme: its points unit, what a point is worth, its rules and where its files go.'},
            bases=['Model'],
        ),
    ]
