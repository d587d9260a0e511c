"""Channels: one issuer's mall. Its currency code is the programme's points unit."""

from __future__ import annotations

from decimal import Decimal

from tortoise import fields
from tortoise.models import Model

from kernel.fields import ClockDatetimeField


class Channel(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=250)
    slug = fields.CharField(max_length=255, unique=True)
    # The points unit (e.g. PTS); prices in this channel are whole numbers of it.
    currency_code = fields.CharField(max_length=16)
    default_country = fields.CharField(max_length=2, default="CN")
    is_active = fields.BooleanField(default=True)
    # The issuing bank whose programme this mall is; staff scoped to an issuer see only its channels.
    issuer_code = fields.CharField(max_length=64, null=True)
    # What one point is worth in cash (the settlement rate), shown beside reference retail prices.
    points_cash_value = fields.DecimalField(max_digits=12, decimal_places=6, default=Decimal("0.01"))
    cash_currency = fields.CharField(max_length=3, default="CNY")
    # The issuer's display names of the points unit by language code (mall.channels.unit_names), copied here
    # like its rate so the member mall reads them with the channel.
    points_unit_names: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    # The issuer's names for exactly one point ({"EN": "point"}, its `points_unit_names_singular`), copied
    # likewise. A short name: joins alias it as "<listing table>__channel.<column>", and PostgreSQL truncates
    # aliases beyond 63 characters (tests/mall/test_models.py).
    one_point_names: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    # Review flags a gift whose points price is worth more than this multiple of its reference price.
    price_alert_ratio = fields.DecimalField(max_digits=6, decimal_places=3, default=Decimal("1.2"))
    # How many days after delivery a member may ask to return a gift.
    return_window_days = fields.IntField(default=7)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "channel_channel"
        ordering = ("slug",)
