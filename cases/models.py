"""Customer service cases: a member's complaint about an order, a shipment, a gift, their points or the
programme, who answers it and by when, what was said, how it was resolved.

Only cases services write these tables. Rules and calendars are per programme (issuer code, empty for the
default of every programme). Model docstrings must not contain semicolons: tortoise's SQLite migrations
split statements on them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.migrations.constraints import CheckConstraint
from tortoise.models import Model

from kernel.fields import ClockDatetimeField

if TYPE_CHECKING:
    from mall.accounts.models import User


class CaseSubject(StrEnum):
    """What the case is about."""

    ORDER = "order"
    SHIPMENT = "shipment"
    GIFT = "gift"
    POINTS = "points"
    PROGRAMME = "programme"


class CaseCategory(StrEnum):
    """What members complain about (the seeds' list)."""

    LATE_DELIVERY = "late_delivery"
    LOST_DELIVERY = "lost_delivery"
    DAMAGED = "damaged"
    QUALITY = "quality"
    VALUE = "value"  # the gift is not worth its points
    POINTS_EXPIRY = "points_expiry"
    THRESHOLD = "threshold"  # points thresholds too high
    OTHER = "other"


class ContactChannel(StrEnum):
    """How the member reached us."""

    WEB = "web"
    PHONE = "phone"
    BRANCH = "branch"  # at a bank branch


class Party(StrEnum):
    """Who answers a case, writes in it, or pays for goodwill."""

    MEMBER = "member"
    PARTNER = "partner"
    OPERATOR = "operator"
    ISSUER = "issuer"


class CaseStatus(StrEnum):
    OPEN = "open"  # waiting for the first answer
    ANSWERED = "answered"  # answered, not resolved yet
    RESOLVED = "resolved"  # closed with a resolution
    REOPENED = "reopened"  # the member reopened a resolved case


class ResolutionKind(StrEnum):
    EXPLANATION = "explanation"
    RESHIPMENT = "reshipment"
    RETURN = "return"
    REFUND = "refund"
    GOODWILL = "goodwill"


class CaseEventKind(StrEnum):
    OPENED = "opened"
    ANSWERED = "answered"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    REOPENED = "reopened"
    RATED = "rated"


class Case(Model):
    """One complaint: whose, about what, routed to whom, due when, and how it ended."""

    id = fields.IntField(primary_key=True)
    member: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "mall.User", related_name=False, on_delete=fields.RESTRICT
    )
    channel_id = fields.IntField()  # the mall (programme) the member complains in
    issuer_code = fields.CharField(max_length=64, default="", db_index=True)
    subject = fields.CharEnumField(CaseSubject, max_length=16)
    category = fields.CharEnumField(CaseCategory, max_length=16)
    contact_channel = fields.CharEnumField(ContactChannel, max_length=16, default=ContactChannel.WEB)
    order_id = fields.CharField(max_length=36, null=True, db_index=True)
    shipment_id = fields.IntField(null=True)
    product_id = fields.IntField(null=True)
    # The partner whose order or gift it is about (its staff see the case even after escalation).
    partner_code = fields.CharField(max_length=64, null=True, db_index=True)
    description = fields.TextField()
    status = fields.CharEnumField(CaseStatus, max_length=16, default=CaseStatus.OPEN, db_index=True)
    # Who must act now, and by when (the first answer, then the resolution).
    assignee = fields.CharEnumField(Party, max_length=16)
    due_at = fields.DatetimeField(db_index=True)
    first_answered_at = fields.DatetimeField(null=True)
    escalated_at = fields.DatetimeField(null=True)
    resolution_kind = fields.CharEnumField(ResolutionKind, max_length=16, null=True)
    resolution_note = fields.TextField(default="")
    # What the resolution made: the new shipment, the return request, the ledger transfer.
    resolution_reference = fields.CharField(max_length=200, default="")
    goodwill_points = fields.IntField(default=0)
    goodwill_payer = fields.CharEnumField(Party, max_length=16, null=True)
    resolved_at = fields.DatetimeField(null=True)
    reopen_count = fields.IntField(default=0)
    rating = fields.IntField(null=True)
    rating_comment = fields.CharField(max_length=1000, default="")
    opened_by = fields.CharField(max_length=100)
    created_at = ClockDatetimeField(auto_now_add=True, db_index=True)
    updated_at = ClockDatetimeField(auto_now=True)

    class Meta:
        table = "cases_case"
        ordering = ("-id",)
        constraints = [
            CheckConstraint(check="rating IS NULL OR (rating >= 1 AND rating <= 5)", name="cases_case_rating_1_to_5"),
            CheckConstraint(check="goodwill_points >= 0", name="cases_case_goodwill_not_negative"),
        ]


class CaseMessage(Model):
    """Something written in a case. Internal notes are for staff: the member never sees them."""

    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "cases.Case", related_name=False, on_delete=fields.CASCADE
    )
    author = fields.CharField(max_length=100)  # user:<id>
    author_party = fields.CharEnumField(Party, max_length=16)
    body = fields.TextField()
    internal = fields.BooleanField(default=False)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "cases_message"
        ordering = ("id",)
        indexes = (("case_id", "id"),)


class CaseAttachment(Model):
    """A picture the member sent with the case, kept in the storage backend."""

    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "cases.Case", related_name=False, on_delete=fields.CASCADE
    )
    storage_key = fields.CharField(max_length=400)
    content_type = fields.CharField(max_length=64)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "cases_attachment"
        ordering = ("id",)


class CaseEvent(Model):
    """One state change of a case: what, from which status to which, who, and why."""

    id = fields.IntField(primary_key=True)
    case: fields.ForeignKeyRelation[Case] = fields.ForeignKeyField(
        "cases.Case", related_name=False, on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(CaseEventKind, max_length=16)
    from_status = fields.CharEnumField(CaseStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(CaseStatus, max_length=16)
    actor = fields.CharField(max_length=100)
    note = fields.CharField(max_length=1000, default="")
    data: fields.Field[dict[str, object]] = fields.JSONField(default=dict)
    created_at = ClockDatetimeField(auto_now_add=True)

    class Meta:
        table = "cases_event"
        ordering = ("id",)
        indexes = (("case_id", "id"),)


class CaseProgramme(Model):
    """A programme's service rules: who answers cases no partner owns, its working hours and holidays, and
    how long a resolved case may be reopened. Without a row: the operator, around the clock, 14 days."""

    id = fields.IntField(primary_key=True)
    issuer_code = fields.CharField(max_length=64, unique=True)
    non_partner_assignee = fields.CharEnumField(Party, max_length=16, default=Party.OPERATOR)
    time_zone = fields.CharField(max_length=64, default="Asia/Shanghai")
    # Working hours [start, end) on working days (ISO weekdays, 1 = Monday). Empty days: around the clock.
    work_start_hour = fields.IntField(default=9)
    work_end_hour = fields.IntField(default=18)
    work_days = fields.CharField(max_length=20, default="")
    holidays: fields.Field[list[str]] = fields.JSONField(default=list)  # ISO dates
    reopen_days = fields.IntField(default=14)

    class Meta:
        table = "cases_programme"
        constraints = [
            CheckConstraint(check="work_start_hour >= 0 AND work_start_hour < work_end_hour AND work_end_hour <= 24",
                            name="cases_programme_working_hours"),
            CheckConstraint(check="reopen_days >= 0", name="cases_programme_reopen_days"),
        ]


class CaseDeadlineRule(Model):
    """Hours (working hours of the programme) to answer first and to resolve, per programme and category.
    Empty issuer code or category: every programme or category. The most specific rule wins."""

    id = fields.IntField(primary_key=True)
    issuer_code = fields.CharField(max_length=64, default="")
    category = fields.CharField(max_length=16, default="")
    first_answer_hours = fields.IntField()
    resolve_hours = fields.IntField()

    class Meta:
        table = "cases_deadline_rule"
        unique_together = (("issuer_code", "category"),)
        constraints = [
            CheckConstraint(check="first_answer_hours > 0 AND resolve_hours > 0", name="cases_deadline_rule_hours"),
        ]
