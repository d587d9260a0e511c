"""Bank sign-on tokens remembered by (issuer, jti) until they expire: a second use is a replay."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('bank_link', '0002_members')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SignOnTokenUse',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('issuer', fields.ForeignKeyField('bank_link.Issuer', source_field='issuer_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('jti', fields.CharField(max_length=255)),
                ('forget_after', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'bank_link_sign_on_token_use', 'app': 'bank_link', 'unique_together': (('issuer', 'jti'),), 'pk_attr': 'id', 'table_description': 'A bank sign-on token already exchanged, by its issuer and `jti`: the same pair again is a replay.'},
            bases=['Model'],
        ),
    ]
