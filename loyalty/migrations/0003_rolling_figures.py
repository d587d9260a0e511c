"""Rolling RFM figures on the standing row (loyalty.figures): the segment job reads one row per member instead
of summing a year of qualifying months for each (bench/README.md, "Loyalty engine"). The rows of an existing
programme are filled from their qualifying months: the ring ends at each member's newest month.
"""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

MONTHS = 12
# A month's index (year x 12 + month - 1) from a qualifying month's first day, in each database's words.
POSTGRES_INDEX = "(CAST(EXTRACT(YEAR FROM month) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM month) AS INTEGER) - 1)"
SQLITE_INDEX = "(CAST(substr(month, 1, 4) AS INTEGER) * 12 + CAST(substr(month, 6, 2) AS INTEGER) - 1)"


def _fill_statement(index: str) -> str:
    sums = ", ".join(
        [f"SUM(CASE WHEN q.idx % {MONTHS} = {slot} THEN q.awards ELSE 0 END) AS awards_m{slot}" for slot in range(MONTHS)]
        + [f"SUM(CASE WHEN q.idx % {MONTHS} = {slot} THEN q.spend ELSE 0 END) AS spend_m{slot}" for slot in range(MONTHS)]
    )
    columns = ["figures_month", *(f"awards_m{slot}" for slot in range(MONTHS)),
               *(f"spend_m{slot}" for slot in range(MONTHS))]
    sets = ", ".join(f"{column} = s.{column}" for column in columns)
    return (
        f"WITH q AS (SELECT issuer_code, member_id, {index} AS idx, awards, spend FROM loyalty_qualifying_month),"
        " newest AS (SELECT issuer_code, member_id, MAX(idx) AS figures_month FROM q GROUP BY issuer_code, member_id),"
        f" s AS (SELECT n.issuer_code, n.member_id, n.figures_month, {sums} FROM newest n JOIN q"
        f" ON q.issuer_code = n.issuer_code AND q.member_id = n.member_id AND q.idx >= n.figures_month - {MONTHS - 1}"
        " GROUP BY n.issuer_code, n.member_id, n.figures_month)"
        f" UPDATE loyalty_programme_member SET {sets} FROM s"
        " WHERE loyalty_programme_member.issuer_code = s.issuer_code AND loyalty_programme_member.member_id = s.member_id"
    )


async def fill_figures(apps, schema_editor):
    client = schema_editor.client
    postgres = client.capabilities.dialect == "postgres"
    await client.execute_script(_fill_statement(POSTGRES_INDEX if postgres else SQLITE_INDEX))


class Migration(migrations.Migration):
    dependencies = [('loyalty', '0002_review_partial_index')]

    initial = False

    operations = [
        ops.AddField(model_name='ProgrammeMember', name='figures_month', field=fields.IntField(null=True)),
        # A database default too: rows already there get 0, and raw inserts that name no bucket stay valid.
        *(ops.AddField(model_name='ProgrammeMember', name=f'awards_m{slot}',
                       field=fields.IntField(default=0, db_default=0))
          for slot in range(MONTHS)),
        *(ops.AddField(model_name='ProgrammeMember', name=f'spend_m{slot}',
                       field=fields.BigIntField(default=0, db_default=0))
          for slot in range(MONTHS)),
        ops.RunPython(fill_figures),
    ]
