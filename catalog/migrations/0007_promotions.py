"""Catalogue promotions (issue 20): promotions, their rules and the channels each rule applies in."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from catalog.promotions.models import PromotionKind, RewardValueType
from kernel.fields import ClockDatetimeField
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('catalog', '0006_search_trigram_index'), ('mall', '0001_initial'), ('mall', '0002_channel_cash_value'), ('mall', '0003_channel_return_window')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Promotion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=255)),
                ('kind', fields.CharEnumField(default=PromotionKind.CATALOGUE, description='CATALOGUE: catalogue\nORDER: order', enum_type=PromotionKind, max_length=16)),
                ('description', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('start_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('end_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('private_metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'catalog_promotion', 'app': 'catalog', 'pk_attr': 'id', 'table_description': 'A campaign: its rules apply from `start_at` until `end_at` (open-ended without one).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PromotionRule',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('promotion', fields.ForeignKeyField('catalog.Promotion', source_field='promotion_id', db_constraint=True, to_field='id', related_name='rules', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(default='', max_length=255)),
                ('description', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('catalogue_predicate', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('reward_value_type', fields.CharEnumField(null=True, description='FIXED: fixed\nPERCENTAGE: percentage', enum_type=RewardValueType, max_length=16)),
                ('reward_value', fields.DecimalField(null=True, max_digits=12, decimal_places=3)),
            ],
            options={'table': 'catalog_promotion_rule', 'app': 'catalog', 'pk_attr': 'id', 'table_description': 'One reward over the variants its catalogue predicate selects.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PromotionRuleChannel',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('rule', fields.ForeignKeyField('catalog.PromotionRule', source_field='rule_id', db_constraint=True, to_field='id', related_name='rule_channels', on_delete=OnDelete.CASCADE)),
                ('channel', fields.ForeignKeyField('mall.Channel', source_field='channel_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'catalog_promotion_rule_channel', 'app': 'catalog', 'unique_together': (('rule', 'channel'),), 'pk_attr': 'id', 'table_description': 'A channel a rule applies in.'},
            bases=['Model'],
        ),
    ]
