"""Pages written through Saleor's page mutations (issue 17): a publication date and SEO fields."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from kernel.fields import ClockDatetimeField


class Migration(migrations.Migration):
    dependencies = [('catalog', '0009_attributes')]

    initial = False

    operations = [
        ops.AddField(model_name='Page', name='published_at', field=ClockDatetimeField(null=True)),
        ops.AddField(model_name='Page', name='seo_title', field=fields.CharField(null=True, max_length=70)),
        ops.AddField(model_name='Page', name='seo_description', field=fields.CharField(null=True, max_length=300)),
    ]
