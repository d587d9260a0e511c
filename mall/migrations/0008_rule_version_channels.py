"""Channels join the tables whose writes move the rule version (mall/rule_versions.py): every request of a
redemption read its channel again, and a channel changes a few times a year (issue 23). The triggers are the
ones migration 0006 made for the pricing rules' tables."""

from importlib import import_module

from tortoise import migrations
from tortoise.migrations import operations as ops

WATCHED = (("channel_channel", ()),)


async def watch_channels(apps, schema_editor):
    rule_versions = import_module("mall.migrations.0006_rule_versions")
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    triggers = rule_versions.postgres_triggers(WATCHED) if postgres else rule_versions.sqlite_triggers(WATCHED)
    for statement in triggers:
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [("mall", "0007_channel_points_unit_names")]

    operations = [ops.RunPython(watch_channels)]
