"""Flash sales and the units sold in them.

Only orders.flash_sales services write these tables. A sale's units are counted in `quantity_sold`, moved by
conditional updates only, so exactly `quantity` units are ever sold at the sale's price whatever the
concurrency (PostgreSQL also holds it with a CHECK). Model docstrings must not contain semicolons:
tortoise's SQLite migrations split statements on them.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from catalog.models import ProductVariant
from kernel.fields import ClockDatetimeField
from mall.channels.models import Channel


class FlashSale(Model):
    """A variant at `price_points` in one channel between `starts_at` and `ends_at`, for `quantity` units."""

    id = fields.IntField(primary_key=True)
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.RESTRICT
    )
    variant: fields.ForeignKeyRelation[ProductVariant] = fields.ForeignKeyField(
        "catalog.ProductVariant", related_name=False, on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=250, default="")
    price_points = fields.IntField()
    quantity = fields.IntField()
    quantity_sold = fields.IntField(default=0)
    limit_per_member = fields.IntField(null=True)
    starts_at = fields.DatetimeField()
    ends_at = fields.DatetimeField()
    is_ended = fields.BooleanField(default=False)  # ended early by its manager
    created_by = fields.CharField(max_length=100, default="")
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "orders_flash_sale"
        ordering = ("starts_at", "id")

    @property
    def remaining(self) -> int:
        return max(self.quantity - self.quantity_sold, 0)


class FlashSaleMember(Model):
    """How many units of a sale one member holds in live orders: the per-member limit's counter."""

    id = fields.IntField(primary_key=True)
    sale: fields.ForeignKeyRelation[FlashSale] = fields.ForeignKeyField(
        "orders.FlashSale", related_name=False, on_delete=fields.CASCADE
    )
    user_id = fields.IntField()
    quantity = fields.IntField(default=0)

    class Meta:
        table = "orders_flash_sale_member"
        unique_together = (("sale", "user_id"),)


class FlashSaleLine(Model):
    """An order line sold at a sale's price: a cancel gives its units back to the sale."""

    id = fields.IntField(primary_key=True)
    sale: fields.ForeignKeyRelation[FlashSale] = fields.ForeignKeyField(
        "orders.FlashSale", related_name=False, on_delete=fields.CASCADE
    )
    order_line_id = fields.UUIDField(unique=True)
    order_id = fields.UUIDField(db_index=True)
    user_id = fields.IntField(null=True)
    quantity = fields.IntField()
    is_given_back = fields.BooleanField(default=False)

    class Meta:
        table = "orders_flash_sale_line"
