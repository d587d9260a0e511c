from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('mall', '0001_initial'), ('mall', '0002_channel_cash_value')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Channel',
            name='return_window_days',
            field=fields.IntField(default=7),
        ),
    ]
