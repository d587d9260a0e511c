"""Page types (issue 17): stored page types, the page attributes each assigns, and the values pages carry.

Every page had the one built-in "Content page" type (key 1, the ID the API already answered): it is created
here with that key and every existing page gets it, so `Page.pageType` is never null.

SQLite refuses to add a REFERENCES column with a non-NULL default to a table with rows while foreign keys are
enforced, and `PRAGMA foreign_keys` is ignored inside a transaction: this migration is therefore not atomic,
and on SQLite turns enforcement off around that one statement (every existing row gets key 1, which exists).
A page's values and a page type's attributes are no part of any gift's answer: no render-version triggers.
"""

from orjson import loads
from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise.migrations import operations as ops

CONTENT_PAGE_TYPE_ID = 1
PAGE_TYPE_COLUMN = (
    'ALTER TABLE "catalog_page" ADD COLUMN "page_type_id" INT NOT NULL DEFAULT 1 '
    'REFERENCES "catalog_page_type" ("id") ON DELETE RESTRICT'
)


async def create_content_page_type(apps, schema_editor):
    client = schema_editor.client
    await client.execute_script(
        "INSERT INTO catalog_page_type (id, name, slug, metadata) "
        f"VALUES ({CONTENT_PAGE_TYPE_ID}, 'Content page', 'content-page', '{{}}')"
    )
    if client.capabilities.dialect == "postgres":
        # The row was inserted with its key: move the sequence past it
        await client.execute_script(
            "SELECT setval(pg_get_serial_sequence('catalog_page_type', 'id'), (SELECT MAX(id) FROM catalog_page_type))"
        )


class AddPageTypeColumn(ops.AddField):
    """The model's field in the migration state; in the database, the column with its existing rows' key."""

    async def database_forward(self, app_label, old_state, new_state, state_editor=None):
        if not state_editor:
            return
        client = state_editor.client
        if client.capabilities.dialect != "sqlite":
            await client.execute_script(PAGE_TYPE_COLUMN)
            return
        await client.execute_script("PRAGMA foreign_keys = OFF")
        try:
            await client.execute_script(PAGE_TYPE_COLUMN)
        finally:
            await client.execute_script("PRAGMA foreign_keys = ON")


class Migration(migrations.Migration):
    dependencies = [("catalog", "0010_page_publication_and_seo")]

    initial = False
    atomic = False

    operations = [
        ops.CreateModel(
            name="PageType",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("name", fields.CharField(max_length=250)),
                ("slug", fields.CharField(unique=True, max_length=255)),
                ("metadata", fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={
                "table": "catalog_page_type",
                "app": "catalog",
                "pk_attr": "id",
                "table_description": "A kind of content page (the programme's rules, a FAQ): which page attributes its pages carry.",
            },
            bases=["Model"],
        ),
        ops.RunPython(create_content_page_type),
        AddPageTypeColumn(
            model_name="Page",
            name="page_type",
            field=fields.ForeignKeyField(
                "catalog.PageType",
                source_field="page_type_id",
                db_constraint=True,
                to_field="id",
                related_name="pages",
                on_delete=OnDelete.RESTRICT,
                default=CONTENT_PAGE_TYPE_ID,
            ),
        ),
        ops.CreateModel(
            name="AttributePage",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                (
                    "page_type",
                    fields.ForeignKeyField(
                        "catalog.PageType",
                        source_field="page_type_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="attribute_pages",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "attribute",
                    fields.ForeignKeyField(
                        "catalog.Attribute",
                        source_field="attribute_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="attribute_pages",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("sort_order", fields.IntField(default=0)),
            ],
            options={
                "table": "catalog_attribute_page",
                "app": "catalog",
                "unique_together": (("page_type", "attribute"),),
                "pk_attr": "id",
                "table_description": "A page attribute every page of a page type may carry, in the order the page type shows them.",
            },
            bases=["Model"],
        ),
        ops.CreateModel(
            name="AssignedPageAttributeValue",
            fields=[
                ("id", fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                (
                    "page",
                    fields.ForeignKeyField(
                        "catalog.Page",
                        source_field="page_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="attribute_values",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                (
                    "value",
                    fields.ForeignKeyField(
                        "catalog.AttributeValue",
                        source_field="value_id",
                        db_constraint=True,
                        to_field="id",
                        related_name="page_assignments",
                        on_delete=OnDelete.CASCADE,
                    ),
                ),
                ("sort_order", fields.IntField(default=0)),
            ],
            options={
                "table": "catalog_page_attribute_value",
                "app": "catalog",
                "unique_together": (("page", "value"),),
                "pk_attr": "id",
                "table_description": "A value a content page carries.",
            },
            bases=["Model"],
        ),
    ]
