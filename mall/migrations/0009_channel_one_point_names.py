"""The display names of one point of a channel's unit per language, copied from its issuer."""

from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('mall', '0008_rule_version_channels')]

    initial = False

    operations = [
        ops.AddField(model_name='Channel', name='one_point_names',
                     field=fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
    ]
