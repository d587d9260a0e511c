"""Digital gifts: partners' contracts, digital variants, code pools (encrypted) and API issues."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from fulfilment.digital.models import CodeStatus, DigitalMode, IssueStatus, UnusedCodePolicy
from kernel.fields import ClockDatetimeField
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

class Migration(migrations.Migration):
    dependencies = [('catalog', '0004_render_versions'), ('fulfilment', '0002_accepted_sequence'), ('orders', '0002_cash_payments')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DigitalCode',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('variant_id', fields.IntField(db_index=True)),
                ('partner_code', fields.CharField(null=True, db_index=True, max_length=64)),
                ('sealed', fields.TextField(unique=False)),
                ('fingerprint', fields.CharField(max_length=64)),
                ('valid_until', fields.DateField(null=True, db_index=True)),
                ('status', fields.CharEnumField(default=CodeStatus.AVAILABLE, db_index=True, description='AVAILABLE: available\nASSIGNED: assigned\nBURNED: burned\nUSED: used', enum_type=CodeStatus, max_length=16)),
                ('order_line', fields.ForeignKeyField('orders.OrderLine', source_field='order_line_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('order', fields.ForeignKeyField('orders.Order', source_field='order_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('reference', fields.CharField(default='', max_length=200)),
                ('assigned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revealed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('burned_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'fulfilment_digital_code', 'app': 'fulfilment', 'unique_together': (('variant_id', 'fingerprint'),), 'constraints': [CheckConstraint(check="status = 'available' OR order_line_id IS NOT NULL OR status = 'burned'", name='digital_code_sold_has_line')], 'pk_attr': 'id', 'table_description': "One code: in the pool until a completion takes it, then one order line's, for good."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DigitalContract',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('partner_code', fields.CharField(unique=True, max_length=64)),
                ('issue_endpoint_url', fields.CharField(default='', max_length=500)),
                ('signing_secret', fields.CharField(default='', max_length=200)),
                ('unused_code_policy', fields.CharEnumField(default=UnusedCodePolicy.BURN, description='BURN: burn\nRETURN: return', enum_type=UnusedCodePolicy, max_length=16)),
                ('returnable_once_shown', fields.BooleanField(default=False)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'fulfilment_digital_contract', 'app': 'fulfilment', 'pk_attr': 'id', 'table_description': "A partner's terms for its digital gifts: its issuing API and how codes of given-back lines end."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DigitalGift',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('variant_id', fields.IntField(unique=True)),
                ('partner_code', fields.CharField(null=True, db_index=True, max_length=64)),
                ('mode', fields.CharEnumField(description='CODE_POOL: code_pool\nPARTNER_API: partner_api', enum_type=DigitalMode, max_length=16)),
                ('warehouse', fields.ForeignKeyField('catalog.Warehouse', source_field='warehouse_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('usage_en', fields.TextField(default='', unique=False)),
                ('usage_zh', fields.TextField(default='', unique=False)),
                ('validity_days', fields.IntField(null=True)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'fulfilment_digital_gift', 'app': 'fulfilment', 'constraints': [CheckConstraint(check='validity_days IS NULL OR validity_days > 0', name='digital_gift_validity_positive')], 'pk_attr': 'id', 'table_description': 'How one variant is fulfilled digitally, and what the member is told about using it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DigitalIssue',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('order_line', fields.ForeignKeyField('orders.OrderLine', source_field='order_line_id', unique=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('order', fields.ForeignKeyField('orders.Order', source_field='order_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('partner_code', fields.CharField(null=True, db_index=True, max_length=64)),
                ('status', fields.CharEnumField(default=IssueStatus.PENDING, db_index=True, description='PENDING: pending\nISSUED: issued\nCANCELLED: cancelled', enum_type=IssueStatus, max_length=16)),
                ('message_id', fields.BigIntField(null=True)),
                ('reference', fields.CharField(default='', max_length=200)),
                ('codeless', fields.BooleanField(default=False)),
                ('issued_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'fulfilment_digital_issue', 'app': 'fulfilment', 'pk_attr': 'id', 'table_description': "A line the partner's API issues: one signed request through the outbox, its answer recorded."},
            bases=['Model'],
        ),
    ]
