"""Translations of delivery methods (Saleor's ShippingMethodTranslation): the demo's methods in Chinese."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [('orders', '0004_flash_sales')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ShippingMethodTranslation',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('shipping_method', fields.ForeignKeyField('orders.ShippingMethod', source_field='shipping_method_id', db_constraint=True, to_field='id', related_name=False, on_delete=OnDelete.CASCADE)),
                ('language_code', fields.CharField(max_length=35)),
                ('name', fields.CharField(null=True, max_length=100)),
                ('description', fields.CharField(null=True, max_length=300)),
            ],
            options={'table': 'orders_shipping_method_translation', 'app': 'orders', 'unique_together': (('shipping_method', 'language_code'),), 'pk_attr': 'id', 'table_description': "One language's wording of a delivery method (Saleor's ShippingMethodTranslation)."},
            bases=['Model'],
        ),
    ]
