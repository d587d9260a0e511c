from tortoise import migrations
from tortoise.migrations import operations as ops
from partners.models import FailedDeliveryStock
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('partners', '0001_initial')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Partner',
            name='failed_delivery_stock',
            field=fields.CharEnumField(default=FailedDeliveryStock.RESTOCK, description='RESTOCK: restock\nWRITE_OFF: write_off', enum_type=FailedDeliveryStock, max_length=16),
        ),
        ops.AddField(
            model_name='Partner',
            name='stripe_account_id',
            field=fields.CharField(null=True, max_length=255),
        ),
    ]
