"""What members call a programme's points unit, per language."""

from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('bank_link', '0005_notify_programme_rules')]

    initial = False

    operations = [
        ops.AddField(model_name='Issuer', name='points_unit_names',
                     field=fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
    ]
