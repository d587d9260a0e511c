"""Attributes (issue 17): Saleor's attributes and values, their assignment to product types, the values gifts
and variants carry, and their translations.

A gift's attribute values are part of its storefront answer, and attributes are shown on every gift that
carries them: the render-version triggers of migration 0004 are added to the new tables here
(catalog/render_versions.py ATTRIBUTE_PRODUCT_ROWS and ATTRIBUTE_CATALOGUE_TABLES).
"""

import importlib

from catalog.render_versions import ATTRIBUTE_CATALOGUE_TABLES, ATTRIBUTE_PRODUCT_ROWS
from tortoise import migrations
from tortoise.migrations import operations as ops
from catalog.models import AttributeInputType, AttributeType
from kernel.fields import ClockDatetimeField
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

# The trigger builders of migration 0004, applied to this migration's tables only.
_render = importlib.import_module("catalog.migrations.0004_render_versions")


def _sqlite_statements() -> list[str]:
    statements = []
    for table, column in ATTRIBUTE_PRODUCT_ROWS:
        new = _render._sqlite_product_expression(column, "NEW")
        old = _render._sqlite_product_expression(column, "OLD")
        statements += [_render._sqlite_trigger(table, event, new, old) for event in _render.EVENTS]
    for table in ATTRIBUTE_CATALOGUE_TABLES:
        statements += [_render._sqlite_trigger(table, event, "0", "0") for event in _render.EVENTS]
    return statements


def _postgres_statements() -> list[str]:
    tables = [*ATTRIBUTE_PRODUCT_ROWS, *((table, "catalogue") for table in ATTRIBUTE_CATALOGUE_TABLES)]
    return [
        f'CREATE TRIGGER "render_{table}" AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION catalog_render_changed('{column}')"
        for table, column in tables
    ]


async def create_render_triggers(apps, schema_editor):
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for statement in _postgres_statements() if postgres else _sqlite_statements():
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [('catalog', '0008_page_translations')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Attribute',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=255)),
                ('slug', fields.CharField(unique=True, max_length=250)),
                ('type', fields.CharEnumField(description='PRODUCT_TYPE: PRODUCT_TYPE\nPAGE_TYPE: PAGE_TYPE', enum_type=AttributeType, max_length=16)),
                ('input_type', fields.CharEnumField(default=AttributeInputType.DROPDOWN, description='DROPDOWN: DROPDOWN\nMULTISELECT: MULTISELECT\nSWATCH: SWATCH\nPLAIN_TEXT: PLAIN_TEXT\nBOOLEAN: BOOLEAN\nNUMERIC: NUMERIC\nDATE: DATE', enum_type=AttributeInputType, max_length=16)),
                ('unit', fields.CharField(null=True, max_length=32)),
                ('value_required', fields.BooleanField(default=False)),
                ('visible_in_storefront', fields.BooleanField(default=True)),
                ('filterable_in_dashboard', fields.BooleanField(default=True)),
                ('filterable_in_storefront', fields.BooleanField(default=True)),
                ('storefront_search_position', fields.IntField(default=0)),
                ('available_in_grid', fields.BooleanField(default=True)),
                ('external_reference', fields.CharField(null=True, unique=True, max_length=250)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'catalog_attribute', 'app': 'catalog', 'pk_attr': 'id', 'table_description': 'A property gifts of some product types share (colour, capacity), with its choices when it has any.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AttributeProduct',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('product_type', fields.ForeignKeyField('catalog.ProductType', source_field='product_type_id', db_constraint=True, to_field='id', related_name='attribute_products', on_delete=OnDelete.CASCADE)),
                ('attribute', fields.ForeignKeyField('catalog.Attribute', source_field='attribute_id', db_constraint=True, to_field='id', related_name='attribute_products', on_delete=OnDelete.CASCADE)),
                ('sort_order', fields.IntField(default=0)),
            ],
            options={'table': 'catalog_attribute_product', 'app': 'catalog', 'unique_together': (('product_type', 'attribute'),), 'pk_attr': 'id', 'table_description': 'An attribute every gift of a product type may carry, in the order the product type shows them.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AttributeTranslation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('attribute', fields.ForeignKeyField('catalog.Attribute', source_field='attribute_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('language_code', fields.CharField(max_length=35)),
                ('name', fields.CharField(max_length=255)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'catalog_attribute_translation', 'app': 'catalog', 'unique_together': (('attribute', 'language_code'),), 'pk_attr': 'id', 'table_description': "One language's name of an attribute (颜色 for colour)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AttributeValue',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('attribute', fields.ForeignKeyField('catalog.Attribute', source_field='attribute_id', db_constraint=True, to_field='id', related_name='values', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=250)),
                ('slug', fields.CharField(max_length=255)),
                ('value', fields.CharField(default='', max_length=255)),
                ('plain_text', fields.TextField(null=True, unique=False)),
                ('boolean', fields.BooleanField(null=True)),
                ('numeric', fields.FloatField(null=True)),
                ('date', fields.DateField(null=True)),
                ('sort_order', fields.IntField(default=0)),
                ('external_reference', fields.CharField(null=True, unique=True, max_length=250)),
            ],
            options={'table': 'catalog_attribute_value', 'app': 'catalog', 'unique_together': (('attribute', 'slug'),), 'pk_attr': 'id', 'table_description': "One value of an attribute: a choice (Red) or one gift's own text, yes-no, number or date."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AssignedProductAttributeValue',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('product', fields.ForeignKeyField('catalog.Product', source_field='product_id', db_constraint=True, to_field='id', related_name='attribute_values', on_delete=OnDelete.CASCADE)),
                ('value', fields.ForeignKeyField('catalog.AttributeValue', source_field='value_id', db_constraint=True, to_field='id', related_name='product_assignments', on_delete=OnDelete.CASCADE)),
                ('sort_order', fields.IntField(default=0)),
            ],
            options={'table': 'catalog_product_attribute_value', 'app': 'catalog', 'unique_together': (('product', 'value'),), 'pk_attr': 'id', 'table_description': 'A value a gift carries.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AssignedVariantAttributeValue',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('variant', fields.ForeignKeyField('catalog.ProductVariant', source_field='variant_id', db_constraint=True, to_field='id', related_name='attribute_values', on_delete=OnDelete.CASCADE)),
                ('value', fields.ForeignKeyField('catalog.AttributeValue', source_field='value_id', db_constraint=True, to_field='id', related_name='variant_assignments', on_delete=OnDelete.CASCADE)),
                ('sort_order', fields.IntField(default=0)),
            ],
            options={'table': 'catalog_variant_attribute_value', 'app': 'catalog', 'unique_together': (('variant', 'value'),), 'pk_attr': 'id', 'table_description': 'A value a variant carries.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AttributeValueTranslation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('value', fields.ForeignKeyField('catalog.AttributeValue', source_field='value_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('language_code', fields.CharField(max_length=35)),
                ('name', fields.CharField(null=True, max_length=250)),
                ('plain_text', fields.TextField(null=True, unique=False)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'catalog_attribute_value_translation', 'app': 'catalog', 'unique_together': (('value', 'language_code'),), 'pk_attr': 'id', 'table_description': "One language's wording of an attribute value. An empty field falls back to the original's."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='AttributeVariant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('product_type', fields.ForeignKeyField('catalog.ProductType', source_field='product_type_id', db_constraint=True, to_field='id', related_name='attribute_variants', on_delete=OnDelete.CASCADE)),
                ('attribute', fields.ForeignKeyField('catalog.Attribute', source_field='attribute_id', db_constraint=True, to_field='id', related_name='attribute_variants', on_delete=OnDelete.CASCADE)),
                ('variant_selection', fields.BooleanField(default=False)),
                ('sort_order', fields.IntField(default=0)),
            ],
            options={'table': 'catalog_attribute_variant', 'app': 'catalog', 'unique_together': (('product_type', 'attribute'),), 'pk_attr': 'id', 'table_description': "An attribute every variant of a product type's gifts may carry. `variant_selection`: members pick"},
            bases=['Model'],
        ),
        ops.RunPython(create_render_triggers),
    ]
