"""The display names of a channel's points unit per language, copied from its issuer."""

from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('mall', '0006_rule_versions')]

    initial = False

    operations = [
        ops.AddField(model_name='Channel', name='points_unit_names',
                     field=fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
    ]
