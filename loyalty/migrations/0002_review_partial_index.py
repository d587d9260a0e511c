"""The tier review finds the members marked for review through a partial index that holds only them, instead
of an index of every member's `needs_review` flag: on most days a small share of the programme is marked, so
the index stays small, and judging a member (the flag back to false) removes its entry instead of rewriting
one (bench/README.md, "Loyalty engine"). Both databases take partial indexes.
"""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

INDEX = "loyalty_member_review_due_idx"
FULL_INDEX = "idx_loyalty_pro_needs_r_a81f2a"  # 0001's index of every member's flag


class AlterFieldStateOnly(ops.AlterField):
    """The field loses `db_index` in the migration state only: the schema editor would drop the old index by
    rebuilding the table on SQLite, which loses its unique constraints; the RunSQL below drops it by name."""

    async def database_forward(self, *args: object, **kwargs: object) -> None:
        return None

    async def database_backward(self, *args: object, **kwargs: object) -> None:
        return None


class Migration(migrations.Migration):
    dependencies = [('loyalty', '0001_initial')]

    initial = False

    operations = [
        AlterFieldStateOnly(model_name='ProgrammeMember', name='needs_review', field=fields.BooleanField(default=True)),
        ops.RunSQL(f'DROP INDEX IF EXISTS "{FULL_INDEX}"',
                   reverse_sql=f'CREATE INDEX IF NOT EXISTS "{FULL_INDEX}" ON "loyalty_programme_member" (needs_review)'),
        ops.RunSQL(
            f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "loyalty_programme_member" (issuer_code, id) WHERE needs_review',
            reverse_sql=f'DROP INDEX IF EXISTS "{INDEX}"',
        ),
    ]
