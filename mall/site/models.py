"""One row (id 1) of site settings; a column left null falls back to the environment's or the mall's default.

Only `mall.site.services` writes it.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from kernel.fields import ClockDatetimeField
from mall.accounts.models import Address

SITE_SETTINGS_ID = 1


class SiteSettings(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=250, null=True)  # null: SHOP_NAME
    description = fields.CharField(max_length=255, null=True)  # null: the mall's default line
    header_text = fields.CharField(max_length=1000, null=True)
    customer_set_password_url = fields.CharField(max_length=255, null=True)  # null: the member mall's page
    domain_host = fields.CharField(max_length=255, null=True)  # null: PUBLIC_URL's host
    company_address: fields.ForeignKeyNullableRelation[Address] = fields.ForeignKeyField(
        "mall.Address", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "site_settings"
