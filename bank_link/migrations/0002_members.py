from tortoise import migrations
from tortoise.migrations import operations as ops
from bank_link.models import MemberStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('bank_link', '0001_initial'), ('mall', '0003_channel_return_window')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Member',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer', fields.ForeignKeyField('bank_link.Issuer', source_field='issuer_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('customer_reference', fields.CharField(max_length=64)),
                ('user', fields.ForeignKeyField('mall.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(default='', max_length=250)),
                ('email', fields.CharField(default='', max_length=254)),
                ('phone', fields.CharField(default='', max_length=32)),
                ('status', fields.CharEnumField(default=MemberStatus.ACTIVE, description='ACTIVE: active\nINACTIVE: inactive', enum_type=MemberStatus, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'bank_link_member', 'app': 'bank_link', 'unique_together': (('issuer', 'customer_reference'), ('issuer', 'user')), 'pk_attr': 'id', 'table_description': "A cardholder of an issuer, as the bank's roster names them, linked to the mall account they use."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ExpiryReminder',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('lot_id', fields.BigIntField(unique=True)),
                ('member', fields.ForeignKeyField('bank_link.Member', source_field='member_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('points', fields.BigIntField()),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'bank_link_expiry_reminder', 'app': 'bank_link', 'pk_attr': 'id', 'table_description': 'One reminder sent for one lot of points about to expire: the row makes the reminder happen once.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Issuer',
            name='reminder_days',
            field=fields.IntField(default=30),
        ),
    ]
