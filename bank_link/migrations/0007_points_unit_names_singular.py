"""What members call one point of a programme's unit, per language ("point" beside 1, "points" beside 2)."""

from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('bank_link', '0006_points_unit_names')]

    initial = False

    operations = [
        ops.AddField(model_name='Issuer', name='points_unit_names_singular',
                     field=fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
    ]
