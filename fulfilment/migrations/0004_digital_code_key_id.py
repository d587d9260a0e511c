"""Digital codes name the key that sealed them, so a key rotation (`mall digital rotate-key`) re-seals
only what is left under older keys and can be resumed. Existing codes start unnamed (empty): the first
rotation re-seals them all."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('fulfilment', '0003_digital_gifts')]

    initial = False

    operations = [
        ops.AddField(
            model_name='DigitalCode',
            name='key_id',
            field=fields.CharField(default='', db_index=True, max_length=16),
        ),
    ]
