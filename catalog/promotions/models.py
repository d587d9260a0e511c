"""Catalogue promotions: a promotion (name, start, optional end) and its rules (a catalogue predicate, a
reward, the channels it applies in). Only catalog.promotions.services writes these tables. Model docstrings
must not contain semicolons: tortoise's SQLite migrations split statements on them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

from kernel.fields import ClockDatetimeField
from mall.channels.models import Channel


class PromotionKind(StrEnum):
    CATALOGUE = "catalogue"
    ORDER = "order"


class RewardValueType(StrEnum):
    FIXED = "fixed"
    PERCENTAGE = "percentage"


class Promotion(Model):
    """A campaign: its rules apply from `start_at` until `end_at` (open-ended without one)."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=255)
    kind = fields.CharEnumField(PromotionKind, max_length=16, default=PromotionKind.CATALOGUE)
    description: fields.Field[dict[str, Any] | None] = fields.JSONField(null=True)
    start_at = fields.DatetimeField()
    end_at = fields.DatetimeField(null=True)
    metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    private_metadata: fields.Field[dict[str, str]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "catalog_promotion"
        ordering = ("id",)


class PromotionRule(Model):
    """One reward over the variants its catalogue predicate selects."""

    # The predicate is stored as Saleor clients send it (global IDs), so they read back what they wrote.

    id = fields.IntField(primary_key=True)
    promotion: fields.ForeignKeyRelation[Promotion] = fields.ForeignKeyField(
        "catalog.Promotion", related_name="rules", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=255, default="")
    description: fields.Field[dict[str, Any] | None] = fields.JSONField(null=True)
    catalogue_predicate: fields.Field[dict[str, Any]] = fields.JSONField(default=dict)
    reward_value_type = fields.CharEnumField(RewardValueType, max_length=16, null=True)
    reward_value = fields.DecimalField(max_digits=12, decimal_places=3, null=True)

    class Meta:
        table = "catalog_promotion_rule"
        ordering = ("id",)


class PromotionRuleChannel(Model):
    """A channel a rule applies in."""

    id = fields.IntField(primary_key=True)
    rule: fields.ForeignKeyRelation[PromotionRule] = fields.ForeignKeyField(
        "catalog.PromotionRule", related_name="rule_channels", on_delete=fields.CASCADE
    )
    channel: fields.ForeignKeyRelation[Channel] = fields.ForeignKeyField(
        "mall.Channel", related_name=False, on_delete=fields.CASCADE
    )

    class Meta:
        table = "catalog_promotion_rule_channel"
        unique_together = (("rule", "channel"),)
