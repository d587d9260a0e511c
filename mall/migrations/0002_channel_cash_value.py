from tortoise import migrations
from tortoise.migrations import operations as ops
from decimal import Decimal
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('mall', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Channel',
            name='cash_currency',
            field=fields.CharField(default='CNY', max_length=3),
        ),
        ops.AddField(
            model_name='Channel',
            name='points_cash_value',
            field=fields.DecimalField(default=Decimal('0.01'), max_digits=12, decimal_places=6),
        ),
        ops.AddField(
            model_name='Channel',
            name='price_alert_ratio',
            field=fields.DecimalField(default=Decimal('1.2'), max_digits=6, decimal_places=3),
        ),
    ]
