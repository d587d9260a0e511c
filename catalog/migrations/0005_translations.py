"""Translations of products, variants, categories and collections (the Dashboard's translation pages and the
`translation(languageCode:)` fields), and the triggers that move render versions when one changes: a
product's or variant's translation changes that product's answer, a category's or collection's the
catalogue's (product id 0), as in migration 0004.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from kernel.fields import ClockDatetimeField
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint


# The product whose answer a translation row changes: its product, its variant's product, or 0 (the
# catalogue) for a category or collection.
SQLITE_PRODUCT = (
    "COALESCE({row}.product_id, (SELECT product_id FROM catalog_product_variant WHERE id = {row}.variant_id), "
    "CASE WHEN {row}.category_id IS NOT NULL OR {row}.collection_id IS NOT NULL THEN 0 END)"
)
POSTGRES_FUNCTION = """
CREATE FUNCTION catalog_render_translation(changed_row record) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    changed integer;
BEGIN
    IF changed_row.product_id IS NOT NULL THEN
        changed := changed_row.product_id;
    ELSIF changed_row.variant_id IS NOT NULL THEN
        SELECT product_id INTO changed FROM catalog_product_variant WHERE id = changed_row.variant_id;
    ELSE
        changed := 0;
    END IF;
    RETURN changed;
END
$$;
CREATE FUNCTION catalog_render_translation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    before_change integer;
    after_change integer;
BEGIN
    IF TG_OP <> 'INSERT' THEN before_change := catalog_render_translation(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN after_change := catalog_render_translation(NEW); END IF;
    PERFORM catalog_render_bump(after_change);
    IF before_change IS DISTINCT FROM after_change THEN PERFORM catalog_render_bump(before_change); END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER "render_catalog_translation" AFTER INSERT OR UPDATE OR DELETE ON "catalog_translation"
FOR EACH ROW EXECUTE FUNCTION catalog_render_translation_changed()
"""


def _sqlite_bump(product: str) -> str:
    return (
        f"INSERT INTO catalog_render_version (product_id, version) SELECT {product}, 1 WHERE {product} IS NOT NULL "
        "ON CONFLICT (product_id) DO UPDATE SET version = version + 1;"
    )


def _sqlite_statements() -> list[str]:
    new, old = SQLITE_PRODUCT.format(row="NEW"), SQLITE_PRODUCT.format(row="OLD")
    bodies = {"INSERT": _sqlite_bump(new), "DELETE": _sqlite_bump(old), "UPDATE": _sqlite_bump(new) + " " + _sqlite_bump(old)}
    return [
        f'CREATE TRIGGER "render_catalog_translation_{event.lower()}" AFTER {event} ON "catalog_translation" '
        f"BEGIN {body} END"
        for event, body in bodies.items()
    ]


async def create_render_triggers(apps, schema_editor):
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    for statement in [POSTGRES_FUNCTION] if postgres else _sqlite_statements():
        await client.execute_script(statement)


class Migration(migrations.Migration):
    dependencies = [('catalog', '0004_render_versions')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Translation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('language_code', fields.CharField(max_length=35)),
                ('product', fields.ForeignKeyField('catalog.Product', source_field='product_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('variant', fields.ForeignKeyField('catalog.ProductVariant', source_field='variant_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('category', fields.ForeignKeyField('catalog.Category', source_field='category_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('collection', fields.ForeignKeyField('catalog.Collection', source_field='collection_id', null=True, db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(null=True, max_length=250)),
                ('slug', fields.CharField(null=True, max_length=255)),
                ('description', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                ('seo_title', fields.CharField(null=True, max_length=70)),
                ('seo_description', fields.CharField(null=True, max_length=300)),
                ('updated_at', ClockDatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'catalog_translation', 'app': 'catalog', 'unique_together': (('product', 'language_code'), ('variant', 'language_code'), ('category', 'language_code'), ('collection', 'language_code')), 'constraints': [CheckConstraint(check='(CASE WHEN product_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN variant_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN category_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN collection_id IS NULL THEN 0 ELSE 1 END) = 1', name='translation_translates_one_object')], 'pk_attr': 'id', 'table_description': "One language's wording of a product, variant, category or collection (exactly one of them is set)."},
            bases=['Model'],
        ),
        ops.RunPython(create_render_triggers),
    ]
