from tortoise import migrations
from tortoise.migrations import operations as ops
from orders.models import Gateway, OrderStatus
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from uuid import uuid4
from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint

class Migration(migrations.Migration):
    dependencies = [('catalog', '0001_initial'), ('mall', '0001_initial'), ('mall', '0002_channel_cash_value')]

    initial = True

    operations = [
        ops.CreateModel(
            name='OrderNumber',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issued_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'orders_order_number', 'app': 'orders', 'pk_attr': 'id', 'table_description': 'Hands out order numbers: inserting a row is atomic on every database, unlike max()+1.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ShippingMethod',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('channel', fields.ForeignKeyField('mall.Channel', source_field='channel_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=100)),
                ('description', fields.CharField(default='', max_length=300)),
                ('price_points', fields.IntField(default=0)),
                ('minimum_delivery_days', fields.IntField(null=True)),
                ('maximum_delivery_days', fields.IntField(null=True)),
                ('is_active', fields.BooleanField(default=True)),
            ],
            options={'table': 'orders_shipping_method', 'app': 'orders', 'constraints': [CheckConstraint(check='price_points >= 0', name='shipping_price_not_negative')], 'pk_attr': 'id', 'table_description': 'A delivery option of one channel, priced in points (0 for free standard delivery).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Checkout',
            fields=[
                ('token', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('channel', fields.ForeignKeyField('mall.Channel', source_field='channel_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('user', fields.ForeignKeyField('mall.User', source_field='user_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('email', fields.CharField(null=True, max_length=254)),
                ('language_code', fields.CharField(default='EN', max_length=35)),
                ('shipping_address', fields.ForeignKeyField('mall.Address', source_field='shipping_address_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('billing_address', fields.ForeignKeyField('mall.Address', source_field='billing_address_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('shipping_method', fields.ForeignKeyField('orders.ShippingMethod', source_field='shipping_method_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('customer_note', fields.TextField(default='', unique=False)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('private_metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(db_index=True, auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'orders_checkout', 'app': 'orders', 'pk_attr': 'token', 'table_description': "A member's cart in one channel. Its UUID is the credential (Saleor reads it without sign-in)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CheckoutLine',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('checkout', fields.ForeignKeyField('orders.Checkout', source_field='checkout_id', db_constraint=True, to_field='token', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('variant', fields.ForeignKeyField('catalog.ProductVariant', source_field='variant_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('quantity', fields.IntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'orders_checkout_line', 'app': 'orders', 'constraints': [CheckConstraint(check='quantity > 0', name='checkout_line_quantity_positive')], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Order',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('number', fields.IntField(unique=True)),
                ('checkout_token', fields.UUIDField(null=True, unique=True)),
                ('channel', fields.ForeignKeyField('mall.Channel', source_field='channel_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('user', fields.ForeignKeyField('mall.User', source_field='user_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('user_email', fields.CharField(default='', max_length=254)),
                ('status', fields.CharEnumField(default=OrderStatus.UNFULFILLED, db_index=True, description='UNCONFIRMED: unconfirmed\nUNFULFILLED: unfulfilled\nPARTIALLY_FULFILLED: partially_fulfilled\nFULFILLED: fulfilled\nPARTIALLY_RETURNED: partially_returned\nRETURNED: returned\nCANCELED: canceled', enum_type=OrderStatus, max_length=32)),
                ('language_code', fields.CharField(default='EN', max_length=35)),
                ('shipping_address', fields.ForeignKeyField('mall.Address', source_field='shipping_address_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('billing_address', fields.ForeignKeyField('mall.Address', source_field='billing_address_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('shipping_method', fields.ForeignKeyField('orders.ShippingMethod', source_field='shipping_method_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('shipping_method_name', fields.CharField(default='', max_length=100)),
                ('shipping_price_points', fields.IntField(default=0)),
                ('subtotal_points', fields.IntField(default=0)),
                ('total_points', fields.IntField(default=0)),
                ('points_charged', fields.IntField(default=0)),
                ('points_refunded', fields.IntField(default=0)),
                ('cash_currency', fields.CharField(default='CNY', max_length=3)),
                ('cash_charged', fields.DecimalField(default=0, max_digits=12, decimal_places=2)),
                ('cash_refunded', fields.DecimalField(default=0, max_digits=12, decimal_places=2)),
                ('customer_note', fields.TextField(default='', unique=False)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('private_metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'orders_order', 'app': 'orders', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('orders.Order', source_field='order_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('type', fields.CharField(max_length=64)),
                ('actor', fields.CharField(default='', max_length=128)),
                ('message', fields.TextField(default='', unique=False)),
                ('data', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'orders_order_event', 'app': 'orders', 'pk_attr': 'id', 'table_description': "One entry of an order's timeline (placed, paid, confirmed, canceled, fulfilled, refunded...)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderLine',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('order', fields.ForeignKeyField('orders.Order', source_field='order_id', db_constraint=True, to_field='id', related_name='lines', on_delete=OnDelete.CASCADE)),
                ('variant', fields.ForeignKeyField('catalog.ProductVariant', source_field='variant_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('product_name', fields.CharField(max_length=386)),
                ('variant_name', fields.CharField(default='', max_length=255)),
                ('product_sku', fields.CharField(null=True, max_length=255)),
                ('partner_code', fields.CharField(null=True, db_index=True, max_length=64)),
                ('quantity', fields.IntField()),
                ('quantity_fulfilled', fields.IntField(default=0)),
                ('unit_price_points', fields.IntField()),
                ('total_price_points', fields.IntField()),
                ('unit_cost_price', fields.DecimalField(null=True, max_digits=12, decimal_places=2)),
                ('cost_currency', fields.CharField(default='CNY', max_length=3)),
                ('is_shipping_required', fields.BooleanField(default=True)),
            ],
            options={'table': 'orders_order_line', 'app': 'orders', 'constraints': [CheckConstraint(check='quantity > 0', name='order_line_quantity_positive'), CheckConstraint(check='quantity_fulfilled >= 0 AND quantity_fulfilled <= quantity', name='order_line_fulfilled_within_quantity')], 'pk_attr': 'id', 'table_description': "What was redeemed, frozen at the time: names, SKU, points price and the partner's cost price."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='OrderLineAllocation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('order_line', fields.ForeignKeyField('orders.OrderLine', source_field='order_line_id', db_constraint=True, to_field='id', related_name='allocations', on_delete=OnDelete.CASCADE)),
                ('stock', fields.ForeignKeyField('catalog.Stock', source_field='stock_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('quantity', fields.IntField()),
            ],
            options={'table': 'orders_order_line_allocation', 'app': 'orders', 'pk_attr': 'id', 'table_description': 'Units of an order line promised from one stock row: released on cancel, shipped on fulfilment.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Transaction',
            fields=[
                ('token', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('checkout_token', fields.UUIDField(null=True, db_index=True)),
                ('order', fields.ForeignKeyField('orders.Order', source_field='order_id', null=True, db_constraint=True, to_field='id', related_name='transactions', on_delete=OnDelete.SET_NULL)),
                ('gateway', fields.CharEnumField(description='POINTS: mall.points\nSTRIPE: mall.stripe', enum_type=Gateway, max_length=32)),
                ('name', fields.CharField(default='', max_length=128)),
                ('currency', fields.CharField(max_length=16)),
                ('psp_reference', fields.CharField(default='', db_index=True, max_length=255)),
                ('idempotency_key', fields.CharField(unique=True, max_length=200)),
                ('authorized_value', fields.DecimalField(default=0, max_digits=14, decimal_places=2)),
                ('charged_value', fields.DecimalField(default=0, max_digits=14, decimal_places=2)),
                ('refunded_value', fields.DecimalField(default=0, max_digits=14, decimal_places=2)),
                ('canceled_value', fields.DecimalField(default=0, max_digits=14, decimal_places=2)),
                ('hold_transfer_id', fields.BigIntField(null=True)),
                ('capture_transfer_id', fields.BigIntField(null=True)),
                ('client_secret', fields.CharField(default='', max_length=255)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'orders_transaction', 'app': 'orders', 'pk_attr': 'token', 'table_description': "Saleor's TransactionItem: one payment attempt through a gateway, for a checkout and then its order."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TransactionEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('transaction', fields.ForeignKeyField('orders.Transaction', source_field='transaction_id', db_constraint=True, to_field='token', related_name='events', on_delete=OnDelete.CASCADE)),
                ('type', fields.CharField(max_length=64)),
                ('amount', fields.DecimalField(default=0, max_digits=14, decimal_places=2)),
                ('message', fields.CharField(default='', max_length=512)),
                ('psp_reference', fields.CharField(default='', max_length=255)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'orders_transaction_event', 'app': 'orders', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
