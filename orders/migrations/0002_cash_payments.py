from tortoise import migrations
from tortoise.migrations import operations as ops
from orders.models import CashStatus
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('orders', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Order',
            name='cash_covered_points',
            field=fields.IntField(default=0),
        ),
        ops.AddField(
            model_name='Transaction',
            name='cash_status',
            field=fields.CharEnumField(null=True, description='PENDING: pending\nACTION_REQUIRED: action_required\nFAILED: failed\nAUTHORIZED: authorized\nCHARGED: charged\nRELEASING: releasing\nREFUNDED: refunded\nCANCELED: canceled', enum_type=CashStatus, max_length=32),
        ),
        ops.AddField(
            model_name='Transaction',
            name='charge_pending_value',
            field=fields.DecimalField(default=0, max_digits=14, decimal_places=2),
        ),
        ops.AddField(
            model_name='Transaction',
            name='covered_points',
            field=fields.IntField(default=0),
        ),
        ops.AddField(
            model_name='TransactionEvent',
            name='idempotency_key',
            field=fields.CharField(null=True, unique=True, max_length=200),
        ),
    ]
