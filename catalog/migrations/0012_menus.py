"""Navigation menus stored (issue 17): Saleor's `menuCreate`... mutations, the `navbar` and `footer` the
storefronts draw, and their items' names in other languages."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import CheckConstraint
from orjson import loads

from kernel.fields import ClockDatetimeField

ONE_LINK = (
    "(CASE WHEN category_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN collection_id IS NULL THEN 0 ELSE 1 END)"
    " + (CASE WHEN page_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN url IS NULL THEN 0 ELSE 1 END) = 1"
)


class Migration(migrations.Migration):
    dependencies = [('catalog', '0011_page_types')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Menu',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=250)),
                ('slug', fields.CharField(unique=True, max_length=255)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'catalog_menu', 'app': 'catalog', 'pk_attr': 'id', 'table_description': 'A navigation menu the storefront draws (the `navbar`, the `footer`), found by its unique slug.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MenuItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('menu', fields.ForeignKeyField('catalog.Menu', source_field='menu_id', db_constraint=True, to_field='id', related_name='items', on_delete=OnDelete.CASCADE)),
                ('parent', fields.ForeignKeyField('catalog.MenuItem', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=128)),
                ('sort_order', fields.IntField(default=0)),
                ('category', fields.ForeignKeyField('catalog.Category', source_field='category_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('collection', fields.ForeignKeyField('catalog.Collection', source_field='collection_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('page', fields.ForeignKeyField('catalog.Page', source_field='page_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('url', fields.CharField(null=True, max_length=256)),
                ('metadata', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'catalog_menu_item', 'app': 'catalog', 'constraints': [CheckConstraint(check=ONE_LINK, name='menu_item_links_one_thing')], 'pk_attr': 'id', 'table_description': 'One link of a menu, under another item or at its top level. It points at exactly one thing: a category, a collection, a content page or a web address. Removing what it points at removes the item (as Saleor).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MenuItemTranslation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('item', fields.ForeignKeyField('catalog.MenuItem', source_field='item_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('language_code', fields.CharField(max_length=35)),
                ('name', fields.CharField(max_length=128)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'catalog_menu_item_translation', 'app': 'catalog', 'unique_together': (('item', 'language_code'),), 'pk_attr': 'id', 'table_description': "One language's name of a menu item (关于积分计划 for About the programme)."},
            bases=['Model'],
        ),
    ]
