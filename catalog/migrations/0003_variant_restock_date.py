from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('catalog', '0001_initial'), ('catalog', '0002_read_indexes'), ('mall', '0001_initial'), ('mall', '0002_channel_cash_value'), ('mall', '0003_channel_return_window')]

    initial = False

    operations = [
        ops.AddField(
            model_name='ProductVariant',
            name='restock_expected_on',
            field=fields.DateField(null=True),
        ),
    ]
