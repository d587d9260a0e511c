"""Redemption confirmation: the one-time code a checkout above its programme's threshold needs."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('orders', '0005_shipping_method_translations'), ('mall', '0004_notifications_inbox')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CheckoutConfirmation',
            fields=[
                ('checkout_token', fields.UUIDField(primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('mall.User', source_field='user_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('total_points', fields.BigIntField()),
                ('code_salt', fields.CharField(max_length=32)),
                ('code_hash', fields.CharField(max_length=64)),
                ('via', fields.CharField(max_length=8)),
                ('sends', fields.IntField(default=1)),
                ('attempts', fields.IntField(default=0)),
                ('sent_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'orders_checkout_confirmation', 'app': 'orders', 'pk_attr': 'checkout_token'},
            bases=['Model'],
        ),
    ]
