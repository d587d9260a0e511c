"""The loyalty engine: rules and their versions, awards, cap counters, tiers and programme members."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from decimal import Decimal
from kernel.fields import ClockDatetimeField
from loyalty.models import AwardStatus, CapPeriod, CapUnit, MemberState, RuleKind, SpendTiming, TierChangeReason, TierMeasure
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index
from tortoise.migrations.constraints import CheckConstraint

class Migration(migrations.Migration):
    dependencies = [('mall', '0001_initial'), ('mall', '0002_channel_cash_value'), ('mall', '0003_channel_return_window')]

    initial = True

    operations = [
        ops.CreateModel(
            name='CapUsage',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('rule_id', fields.IntField()),
                ('member_id', fields.IntField()),
                ('period', fields.CharEnumField(description='DAY: day\nMONTH: month\nYEAR: year', enum_type=CapPeriod, max_length=8)),
                ('period_key', fields.CharField(max_length=10)),
                ('awards', fields.IntField(default=0)),
                ('points', fields.BigIntField(default=0)),
            ],
            options={'table': 'loyalty_cap_usage', 'app': 'loyalty', 'unique_together': (('rule_id', 'member_id', 'period', 'period_key'),), 'pk_attr': 'id', 'table_description': "How much of a rule's cap a member used in one day, month or year (keys in the issuer's time zone)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EarningRule',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer_code', fields.CharField(db_index=True, max_length=64)),
                ('code', fields.CharField(max_length=64)),
                ('name', fields.CharField(max_length=250)),
                ('kind', fields.CharEnumField(description='SPEND_RATIO: spend_ratio\nPRODUCT_POINTS: product_points\nWELCOME: welcome\nSIGN_IN: sign_in\nSHARE: share\nEVENT: event\nBIRTHDAY: birthday', enum_type=RuleKind, max_length=32)),
                ('version', fields.IntField(default=1)),
                ('is_active', fields.BooleanField(default=True)),
                ('points', fields.IntField(default=0)),
                ('ratio', fields.DecimalField(default=Decimal('0'), max_digits=10, decimal_places=4)),
                ('product_points', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('cap_unit', fields.CharEnumField(default=CapUnit.AWARDS, description='AWARDS: awards\nPOINTS: points', enum_type=CapUnit, max_length=16)),
                ('day_cap', fields.IntField(null=True)),
                ('month_cap', fields.IntField(null=True)),
                ('year_cap', fields.IntField(null=True)),
                ('starts_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('ends_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('funding_partner_code', fields.CharField(null=True, max_length=64)),
                ('expiry_rule', fields.CharField(null=True, max_length=16)),
                ('expiry_count', fields.IntField(default=0)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'loyalty_rule', 'app': 'loyalty', 'unique_together': (('issuer_code', 'code'),), 'pk_attr': 'id', 'table_description': 'One way to earn in a programme, with its current terms (`version` counts changes of them).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Award',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('rule', fields.ForeignKeyField('loyalty.EarningRule', source_field='rule_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('rule_version', fields.IntField()),
                ('member', fields.ForeignKeyField('mall.User', source_field='member_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('channel', fields.ForeignKeyField('mall.Channel', source_field='channel_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('issuer_code', fields.CharField(max_length=64)),
                ('occasion', fields.CharField(max_length=100)),
                ('points', fields.IntField()),
                ('points_taken_back', fields.IntField(default=0)),
                ('status', fields.CharEnumField(default=AwardStatus.BOOKED, description='BOOKED: booked\nTAKEN_BACK: taken_back', enum_type=AwardStatus, max_length=16)),
                ('funding_partner_code', fields.CharField(null=True, max_length=64)),
                ('transfer_id', fields.BigIntField(null=True)),
                ('shipment_id', fields.IntField(null=True, db_index=True)),
                ('local_date', fields.DateField()),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'loyalty_award', 'app': 'loyalty', 'unique_together': (('rule', 'member', 'occasion'),), 'constraints': [CheckConstraint(check='points > 0 AND points_taken_back >= 0 AND points_taken_back <= points', name='loyalty_award_taken_back_within_points')], 'indexes': [Index(fields=['member_id', 'issuer_code', 'created_at'])], 'pk_attr': 'id', 'table_description': "Points one rule gave one member for one occasion (a day's sign-in, a share, a shipment), once."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AwardTakeBack',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('award', fields.ForeignKeyField('loyalty.Award', source_field='award_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('reason', fields.CharField(unique=True, max_length=100)),
                ('points', fields.IntField()),
                ('transfer_id', fields.BigIntField(null=True)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'loyalty_award_take_back', 'app': 'loyalty', 'pk_attr': 'id', 'table_description': 'Points of an award taken back for one reason (a return), once per reason.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='EarningRuleVersion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('rule', fields.ForeignKeyField('loyalty.EarningRule', source_field='rule_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('version', fields.IntField()),
                ('terms', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('actor', fields.CharField(max_length=100)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'loyalty_rule_version', 'app': 'loyalty', 'unique_together': (('rule', 'version'),), 'pk_attr': 'id', 'table_description': 'The terms of one version of a rule, as they were: what an award naming it was computed with.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='HandledFact',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('fact', fields.CharField(unique=True, max_length=64)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'loyalty_handled_fact', 'app': 'loyalty', 'pk_attr': 'id', 'table_description': 'A fact of another domain the loyalty engine has acted on (shipment:12, return:5): it acts once.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Programme',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer_code', fields.CharField(unique=True, max_length=64)),
                ('spend_timing', fields.CharEnumField(default=SpendTiming.AT_DELIVERY, description='AT_DELIVERY: at_delivery\nAFTER_RETURN_WINDOW: after_return_window', enum_type=SpendTiming, max_length=32)),
                ('tier_measure', fields.CharEnumField(default=TierMeasure.POINTS_EARNED, description='POINTS_EARNED: points_earned\nSPEND: spend', enum_type=TierMeasure, max_length=16)),
                ('tier_window_months', fields.IntField(default=12)),
                ('sleeping_after_days', fields.IntField(default=90)),
                ('lapsed_after_days', fields.IntField(default=365)),
                ('segments_scored_on', fields.DateField(null=True)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'loyalty_programme', 'app': 'loyalty', 'pk_attr': 'id', 'table_description': "An issuer's loyalty settings: when spend points are earned, how tiers qualify, when members sleep."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='QualifyingMonth',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer_code', fields.CharField(max_length=64)),
                ('member_id', fields.IntField()),
                ('month', fields.DateField()),
                ('points_earned', fields.BigIntField(default=0)),
                ('spend', fields.BigIntField(default=0)),
                ('awards', fields.IntField(default=0)),
            ],
            options={'table': 'loyalty_qualifying_month', 'app': 'loyalty', 'unique_together': (('issuer_code', 'member_id', 'month'),), 'pk_attr': 'id', 'table_description': "A member's points earned and spend in one month of the issuer's calendar (what tiers qualify on)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TierChange',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer_code', fields.CharField(max_length=64)),
                ('member_id', fields.IntField(db_index=True)),
                ('from_tier', fields.CharField(null=True, max_length=64)),
                ('to_tier', fields.CharField(null=True, max_length=64)),
                ('reason', fields.CharEnumField(description='JOINED: joined\nUPGRADE: upgrade\nRETAINED: retained\nDOWNGRADE: downgrade', enum_type=TierChangeReason, max_length=16)),
                ('qualifying_value', fields.BigIntField()),
                ('happened_on', fields.DateField()),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'loyalty_tier_change', 'app': 'loyalty', 'pk_attr': 'id', 'table_description': "Every change (or retention) of a member's tier, with its reason and the value it was judged on."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TierLevel',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer_code', fields.CharField(db_index=True, max_length=64)),
                ('code', fields.CharField(max_length=64)),
                ('name', fields.CharField(max_length=100)),
                ('rank', fields.IntField()),
                ('threshold', fields.BigIntField(default=0)),
                ('earn_multiplier', fields.DecimalField(default=Decimal('1'), max_digits=6, decimal_places=2)),
                ('points_discount_percent', fields.DecimalField(default=Decimal('0'), max_digits=5, decimal_places=2)),
                ('free_delivery', fields.BooleanField(default=False)),
                ('exclusive_products', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'loyalty_tier_level', 'app': 'loyalty', 'unique_together': (('issuer_code', 'code'), ('issuer_code', 'rank')), 'pk_attr': 'id', 'table_description': "One level of a programme's tiers: its threshold and its benefits. Rank 0 is the entry level."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProgrammeMember',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer_code', fields.CharField(max_length=64)),
                ('member', fields.ForeignKeyField('mall.User', source_field='member_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('tier', fields.ForeignKeyField('loyalty.TierLevel', source_field='tier_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('tier_since', fields.DateField(null=True)),
                ('anniversary', fields.DateField(null=True, db_index=True)),
                ('needs_review', fields.BooleanField(default=True, db_index=True)),
                ('last_activity_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('state', fields.CharEnumField(default=MemberState.ACTIVE, description='ACTIVE: active\nSLEEPING: sleeping\nLAPSED: lapsed', enum_type=MemberState, max_length=16)),
                ('recency_score', fields.IntField(default=0)),
                ('frequency_score', fields.IntField(default=0)),
                ('monetary_score', fields.IntField(default=0)),
                ('segment', fields.CharField(default='', max_length=32)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'loyalty_programme_member', 'app': 'loyalty', 'unique_together': (('issuer_code', 'member'),), 'indexes': [Index(fields=['issuer_code', 'state', 'last_activity_at']), Index(fields=['issuer_code', 'segment'])], 'pk_attr': 'id', 'table_description': "A member's standing in one programme: tier, anniversary, state and value segment."},
            bases=['Model'],
        ),
    ]
