from tortoise import migrations
from tortoise.migrations import operations as ops
from cases.models import CaseCategory, CaseEventKind, CaseStatus, CaseSubject, ContactChannel, Party, ResolutionKind
from kernel.fields import ClockDatetimeField
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
            name='Case',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('member', fields.ForeignKeyField('mall.User', source_field='member_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('channel_id', fields.IntField()),
                ('issuer_code', fields.CharField(default='', db_index=True, max_length=64)),
                ('subject', fields.CharEnumField(description='ORDER: order\nSHIPMENT: shipment\nGIFT: gift\nPOINTS: points\nPROGRAMME: programme', enum_type=CaseSubject, max_length=16)),
                ('category', fields.CharEnumField(description='LATE_DELIVERY: late_delivery\nLOST_DELIVERY: lost_delivery\nDAMAGED: damaged\nQUALITY: quality\nVALUE: value\nPOINTS_EXPIRY: points_expiry\nTHRESHOLD: threshold\nOTHER: other', enum_type=CaseCategory, max_length=16)),
                ('contact_channel', fields.CharEnumField(default=ContactChannel.WEB, description='WEB: web\nPHONE: phone\nBRANCH: branch', enum_type=ContactChannel, max_length=16)),
                ('order_id', fields.CharField(null=True, db_index=True, max_length=36)),
                ('shipment_id', fields.IntField(null=True)),
                ('product_id', fields.IntField(null=True)),
                ('partner_code', fields.CharField(null=True, db_index=True, max_length=64)),
                ('description', fields.TextField(unique=False)),
                ('status', fields.CharEnumField(default=CaseStatus.OPEN, db_index=True, description='OPEN: open\nANSWERED: answered\nRESOLVED: resolved\nREOPENED: reopened', enum_type=CaseStatus, max_length=16)),
                ('assignee', fields.CharEnumField(description='MEMBER: member\nPARTNER: partner\nOPERATOR: operator\nISSUER: issuer', enum_type=Party, max_length=16)),
                ('due_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('first_answered_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('escalated_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('resolution_kind', fields.CharEnumField(null=True, description='EXPLANATION: explanation\nRESHIPMENT: reshipment\nRETURN: return\nREFUND: refund\nGOODWILL: goodwill', enum_type=ResolutionKind, max_length=16)),
                ('resolution_note', fields.TextField(default='', unique=False)),
                ('resolution_reference', fields.CharField(default='', max_length=200)),
                ('goodwill_points', fields.IntField(default=0)),
                ('goodwill_payer', fields.CharEnumField(null=True, description='MEMBER: member\nPARTNER: partner\nOPERATOR: operator\nISSUER: issuer', enum_type=Party, max_length=16)),
                ('resolved_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('reopen_count', fields.IntField(default=0)),
                ('rating', fields.IntField(null=True)),
                ('rating_comment', fields.CharField(default='', max_length=1000)),
                ('opened_by', fields.CharField(max_length=100)),
                ('created_at', ClockDatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'cases_case', 'app': 'cases', 'constraints': [CheckConstraint(check='rating IS NULL OR (rating >= 1 AND rating <= 5)', name='cases_case_rating_1_to_5'), CheckConstraint(check='goodwill_points >= 0', name='cases_case_goodwill_not_negative')], 'pk_attr': 'id', 'table_description': 'One complaint: whose, about what, routed to whom, due when, and how it ended.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CaseAttachment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('case', fields.ForeignKeyField('cases.Case', source_field='case_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('storage_key', fields.CharField(max_length=400)),
                ('content_type', fields.CharField(max_length=64)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'cases_attachment', 'app': 'cases', 'pk_attr': 'id', 'table_description': 'A picture the member sent with the case, kept in the storage backend.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CaseDeadlineRule',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer_code', fields.CharField(default='', max_length=64)),
                ('category', fields.CharField(default='', max_length=16)),
                ('first_answer_hours', fields.IntField()),
                ('resolve_hours', fields.IntField()),
            ],
            options={'table': 'cases_deadline_rule', 'app': 'cases', 'unique_together': (('issuer_code', 'category'),), 'constraints': [CheckConstraint(check='first_answer_hours > 0 AND resolve_hours > 0', name='cases_deadline_rule_hours')], 'pk_attr': 'id', 'table_description': 'Hours (working hours of the programme) to answer first and to resolve, per programme and category.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CaseEvent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('case', fields.ForeignKeyField('cases.Case', source_field='case_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='OPENED: opened\nANSWERED: answered\nESCALATED: escalated\nRESOLVED: resolved\nREOPENED: reopened\nRATED: rated', enum_type=CaseEventKind, max_length=16)),
                ('from_status', fields.CharEnumField(null=True, description='OPEN: open\nANSWERED: answered\nRESOLVED: resolved\nREOPENED: reopened', enum_type=CaseStatus, max_length=16)),
                ('to_status', fields.CharEnumField(description='OPEN: open\nANSWERED: answered\nRESOLVED: resolved\nREOPENED: reopened', enum_type=CaseStatus, max_length=16)),
                ('actor', fields.CharField(max_length=100)),
                ('note', fields.CharField(default='', max_length=1000)),
                ('data', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'cases_event', 'app': 'cases', 'indexes': [Index(fields=['case_id', 'id'])], 'pk_attr': 'id', 'table_description': 'One state change of a case: what, from which status to which, who, and why.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CaseMessage',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('case', fields.ForeignKeyField('cases.Case', source_field='case_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('author', fields.CharField(max_length=100)),
                ('author_party', fields.CharEnumField(description='MEMBER: member\nPARTNER: partner\nOPERATOR: operator\nISSUER: issuer', enum_type=Party, max_length=16)),
                ('body', fields.TextField(unique=False)),
                ('internal', fields.BooleanField(default=False)),
                ('created_at', ClockDatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'cases_message', 'app': 'cases', 'indexes': [Index(fields=['case_id', 'id'])], 'pk_attr': 'id', 'table_description': 'Something written in a case. Internal notes are for staff: the member never sees them.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='CaseProgramme',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer_code', fields.CharField(unique=True, max_length=64)),
                ('non_partner_assignee', fields.CharEnumField(default=Party.OPERATOR, description='MEMBER: member\nPARTNER: partner\nOPERATOR: operator\nISSUER: issuer', enum_type=Party, max_length=16)),
                ('time_zone', fields.CharField(default='Asia/Shanghai', max_length=64)),
                ('work_start_hour', fields.IntField(default=9)),
                ('work_end_hour', fields.IntField(default=18)),
                ('work_days', fields.CharField(default='', max_length=20)),
                ('holidays', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('reopen_days', fields.IntField(default=14)),
            ],
            options={'table': 'cases_programme', 'app': 'cases', 'constraints': [CheckConstraint(check='work_start_hour >= 0 AND work_start_hour < work_end_hour AND work_end_hour <= 24', name='cases_programme_working_hours'), CheckConstraint(check='reopen_days >= 0', name='cases_programme_reopen_days')], 'pk_attr': 'id', 'table_description': "A programme's service rules: who answers cases no partner owns, its working hours and holidays, and"},
            bases=['Model'],
        ),
    ]
