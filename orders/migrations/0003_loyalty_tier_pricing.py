from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('orders', '0002_cash_payments')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Order',
            name='tier_code',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name='Order',
            name='tier_discount_points',
            field=fields.IntField(default=0),
        ),
        ops.AddField(
            model_name='OrderLine',
            name='undiscounted_unit_price_points',
            field=fields.IntField(null=True, source_field='list_unit_points'),
        ),
    ]
