"""The audit trail of bank staff's member lookups (who, when, why, what they searched, whom they found)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('bank_link', '0003_sign_on_token_use')]

    initial = False

    operations = [
        ops.CreateModel(
            name='MemberLookup',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer', fields.ForeignKeyField('bank_link.Issuer', source_field='issuer_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('actor', fields.CharField(max_length=64)),
                ('actor_email', fields.CharField(default='', max_length=254)),
                ('searched_by', fields.CharField(max_length=32)),
                ('searched_for', fields.CharField(max_length=254)),
                ('reason', fields.CharField(max_length=500)),
                ('member', fields.ForeignKeyField('bank_link.Member', source_field='member_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'bank_link_member_lookup', 'app': 'bank_link', 'pk_attr': 'id', 'table_description': 'One search of an issuer\'s members by its staff: who looked, when, why, for what, and whom it found.'},
            bases=['Model'],
        ),
    ]
