"""Content pages in other languages (issue 22): Saleor's `pageTranslate` and `Page.translation`."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from kernel.fields import ClockDatetimeField
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('catalog', '0007_promotions')]

    initial = False

    operations = [
        ops.CreateModel(
            name='PageTranslation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('page', fields.ForeignKeyField('catalog.Page', source_field='page_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('language_code', fields.CharField(max_length=35)),
                ('title', fields.CharField(null=True, max_length=250)),
                ('slug', fields.CharField(null=True, max_length=255)),
                ('content', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('seo_title', fields.CharField(null=True, max_length=70)),
                ('seo_description', fields.CharField(null=True, max_length=300)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'catalog_page_translation', 'app': 'catalog', 'unique_together': (('page', 'language_code'),), 'pk_attr': 'id', 'table_description': "One language's wording of a content page (terms, FAQ). Empty fields fall back to the original page's."},
            bases=['Model'],
        ),
    ]
