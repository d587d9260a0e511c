"""Partner statements remember fulfilment's accepted sequence they were built at (late deliveries, returns)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('settlement', '0002_late_arrivals')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Statement',
            name='fulfilment_watermark',
            field=fields.BigIntField(default=0),
        ),
    ]
