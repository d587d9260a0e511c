"""How a programme tells its members (text messages, quiet hours) and when redemptions need a code."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('bank_link', '0004_member_lookup')]

    initial = False

    operations = [
        ops.AddField(model_name='Issuer', name='sms_notifications', field=fields.BooleanField(default=True)),
        ops.AddField(model_name='Issuer', name='sms_quiet_from_hour', field=fields.IntField(default=21)),
        ops.AddField(model_name='Issuer', name='sms_quiet_until_hour', field=fields.IntField(default=8)),
        ops.AddField(model_name='Issuer', name='confirmation_threshold_points',
                     field=fields.IntField(default=0, source_field='confirm_above_points')),
        ops.AddField(model_name='Issuer', name='confirmation_channel',
                     field=fields.CharField(default='sms', max_length=8)),
    ]
