"""Site settings: one row the operator changes through Saleor's shop settings mutations."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('mall', '0004_notifications_inbox')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SiteSettings',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(null=True, max_length=250)),
                ('description', fields.CharField(null=True, max_length=255)),
                ('header_text', fields.CharField(null=True, max_length=1000)),
                ('customer_set_password_url', fields.CharField(null=True, max_length=255)),
                ('domain_host', fields.CharField(null=True, max_length=255)),
                ('company_address', fields.ForeignKeyField('mall.Address', source_field='company_address_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.SET_NULL)),
                ('metadata', fields.JSONField(default=dict)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'site_settings', 'app': 'mall', 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
