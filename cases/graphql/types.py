"""Customer service cases in the API (mall-only names: `ServiceCase...`). What a reader sees depends on who
they are: the member never sees internal notes, nor the member's e-mail (staff do)."""

from __future__ import annotations

import datetime
from enum import Enum

import strawberry

from cases.access import Viewer
from cases.models import Case, CaseAttachment, CaseEvent, ResolutionKind
from cases.services import MeasureRow, messages_for
from mall.graphql.context import Info
from mall.graphql.ids import to_global_id
from mall.storage import storage_for


@strawberry.enum(description="Points mall: what went wrong with a case mutation.")
class ServiceCaseErrorCode(Enum):
    REQUIRED = "REQUIRED"
    INVALID = "INVALID"
    NOT_FOUND = "NOT_FOUND"
    INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK"
    REOPEN_NOT_ALLOWED = "REOPEN_NOT_ALLOWED"
    ALREADY_RATED = "ALREADY_RATED"
    INSUFFICIENT_POINTS = "INSUFFICIENT_POINTS"
    REFUND_EXCEEDS_CAPTURE = "REFUND_EXCEEDS_CAPTURE"
    UNSUPPORTED_MIME_TYPE = "UNSUPPORTED_MIME_TYPE"
    FILE_SIZE_LIMIT_EXCEEDED = "FILE_SIZE_LIMIT_EXCEEDED"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"


@strawberry.type
class ServiceCaseError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: ServiceCaseErrorCode = strawberry.field(description="The error code.")


@strawberry.enum(description="Points mall: what a case is about.")
class ServiceCaseSubject(Enum):
    ORDER = "order"
    SHIPMENT = "shipment"
    GIFT = "gift"
    POINTS = "points"
    PROGRAMME = "programme"


@strawberry.enum(description="Points mall: what the member complains about.")
class ServiceCaseCategory(Enum):
    LATE_DELIVERY = "late_delivery"
    LOST_DELIVERY = "lost_delivery"
    DAMAGED = "damaged"
    QUALITY = "quality"
    VALUE = "value"
    POINTS_EXPIRY = "points_expiry"
    THRESHOLD = "threshold"
    OTHER = "other"


@strawberry.enum(description="Points mall: how the member reached customer service.")
class ServiceCaseContactChannel(Enum):
    WEB = "web"
    PHONE = "phone"
    BRANCH = "branch"


@strawberry.enum(description="Points mall: a party to a case (who answers, writes, or pays goodwill).")
class ServiceCaseParty(Enum):
    MEMBER = "member"
    PARTNER = "partner"
    OPERATOR = "operator"
    ISSUER = "issuer"


@strawberry.enum(description="Points mall: the state of a case.")
class ServiceCaseStatus(Enum):
    OPEN = "open"
    ANSWERED = "answered"
    RESOLVED = "resolved"
    REOPENED = "reopened"


@strawberry.enum(description="Points mall: how a case was resolved.")
class ServiceCaseResolutionKind(Enum):
    EXPLANATION = "explanation"
    RESHIPMENT = "reshipment"
    RETURN = "return"
    REFUND = "refund"
    GOODWILL = "goodwill"


@strawberry.type(description="Points mall: something written in a case.")
class ServiceCaseMessage:
    body: str = strawberry.field(description="The text.")
    author: ServiceCaseParty = strawberry.field(description="Who wrote it.")
    internal: bool = strawberry.field(description="An internal note (staff only, never shown to the member).")
    created_at: datetime.datetime = strawberry.field(description="When.")


@strawberry.type(description="Points mall: one state change of a case.")
class ServiceCaseEvent:
    kind: str = strawberry.field(description="OPENED, ANSWERED, ESCALATED, RESOLVED, REOPENED or RATED.")
    from_status: ServiceCaseStatus | None = strawberry.field(description="The status before.")
    to_status: ServiceCaseStatus = strawberry.field(description="The status after.")
    note: str = strawberry.field(description="Why, when given.")
    date: datetime.datetime = strawberry.field(description="When.")


@strawberry.type(description="Points mall: a picture sent with a case.")
class ServiceCasePicture:
    url: str = strawberry.field(description="Where the picture is served.")
    content_type: str = strawberry.field(description="Its type (image/png, image/jpeg...).")


@strawberry.type(description="Points mall: how a case was resolved.")
class ServiceCaseResolution:
    kind: ServiceCaseResolutionKind = strawberry.field(description="What was done.")
    note: str = strawberry.field(description="The explanation given to the member.")
    goodwill_points: int = strawberry.field(description="Goodwill points credited (goodwill only).")
    goodwill_payer: ServiceCaseParty | None = strawberry.field(description="Who paid the goodwill (goodwill only).")
    fulfillment_id: strawberry.ID | None = strawberry.field(description="The new shipment (reshipment only).")
    resolved_at: datetime.datetime | None = strawberry.field(description="When.")


@strawberry.type(description="Points mall: a customer service case (a member's complaint).")
class ServiceCase:
    model: strawberry.Private[Case]
    viewer: strawberry.Private[Viewer]

    @strawberry.field(description="The case's ID.")
    def id(self) -> strawberry.ID:
        return strawberry.ID(to_global_id("ServiceCase", self.model.id))

    @strawberry.field(description="The case's number.")
    def number(self) -> int:
        return self.model.id

    @strawberry.field(description="Its state.")
    def status(self) -> ServiceCaseStatus:
        return ServiceCaseStatus(self.model.status.value)

    @strawberry.field(description="What it is about.")
    def subject(self) -> ServiceCaseSubject:
        return ServiceCaseSubject(self.model.subject.value)

    @strawberry.field(description="What the member complains about.")
    def category(self) -> ServiceCaseCategory:
        return ServiceCaseCategory(self.model.category.value)

    @strawberry.field(description="How the member reached us.")
    def contact_channel(self) -> ServiceCaseContactChannel:
        return ServiceCaseContactChannel(self.model.contact_channel.value)

    @strawberry.field(description="The member's description.")
    def description(self) -> str:
        return self.model.description

    @strawberry.field(description="Who must act now.")
    def assignee(self) -> ServiceCaseParty:
        return ServiceCaseParty(self.model.assignee.value)

    @strawberry.field(description="The partner the case is about, if any.")
    def partner_code(self) -> str | None:
        return self.model.partner_code

    @strawberry.field(description="The bank (issuer) whose programme the member complains in: the unit of the "
                      "case's goodwill points.")
    def issuer_code(self) -> str:
        return self.model.issuer_code

    @strawberry.field(description="By when the current step (first answer, then resolution) is due.")
    def due_at(self) -> datetime.datetime:
        return self.model.due_at

    @strawberry.field(description="When the case was handed to the operator for being overdue.")
    def escalated_at(self) -> datetime.datetime | None:
        return self.model.escalated_at

    @strawberry.field(description="When the first answer came.")
    def first_answered_at(self) -> datetime.datetime | None:
        return self.model.first_answered_at

    @strawberry.field(description="When it was opened.")
    def created_at(self) -> datetime.datetime:
        return self.model.created_at

    @strawberry.field(description="The order it is about.")
    def order_id(self) -> strawberry.ID | None:
        return strawberry.ID(to_global_id("Order", self.model.order_id)) if self.model.order_id else None

    @strawberry.field(description="The shipment it is about.")
    def fulfillment_id(self) -> strawberry.ID | None:
        shipment = self.model.shipment_id
        return strawberry.ID(to_global_id("Fulfillment", shipment)) if shipment else None

    @strawberry.field(description="The member's e-mail (staff only; null for the member).")
    async def member_email(self) -> str | None:
        if not self.viewer.is_staff:
            return None
        await self.model.fetch_related("member")
        return str(self.model.member.email)

    @strawberry.field(description="How often it was reopened (at most once).")
    def reopen_count(self) -> int:
        return self.model.reopen_count

    @strawberry.field(description="The member's rating of the answer, 1 to 5.")
    def rating(self) -> int | None:
        return self.model.rating

    @strawberry.field(description="How it was resolved.")
    def resolution(self) -> ServiceCaseResolution | None:
        case = self.model
        if case.resolution_kind is None:
            return None
        reference = case.resolution_reference
        shipment = reference.removeprefix("fulfillment:") if reference.startswith("fulfillment:") else None
        return ServiceCaseResolution(
            kind=ServiceCaseResolutionKind(ResolutionKind(case.resolution_kind).value), note=case.resolution_note,
            goodwill_points=case.goodwill_points,
            goodwill_payer=ServiceCaseParty(case.goodwill_payer.value) if case.goodwill_payer else None,
            fulfillment_id=strawberry.ID(to_global_id("Fulfillment", shipment)) if shipment else None,
            resolved_at=case.resolved_at,
        )

    @strawberry.field(description="The conversation, oldest first (the member never sees internal notes).")
    async def messages(self) -> list[ServiceCaseMessage]:
        return [ServiceCaseMessage(body=row.body, author=ServiceCaseParty(row.author_party.value),
                                   internal=row.internal, created_at=row.created_at)
                for row in await messages_for(self.viewer, self.model)]

    @strawberry.field(description="The pictures the member sent.")
    async def pictures(self, info: Info) -> list[ServiceCasePicture]:
        storage = storage_for(info.context.settings)
        return [ServiceCasePicture(url=storage.url(row.storage_key), content_type=row.content_type)
                for row in await CaseAttachment.filter(case_id=self.model.id).order_by("id")]

    @strawberry.field(description="Every state change, oldest first.")
    async def events(self) -> list[ServiceCaseEvent]:
        rows = await CaseEvent.filter(case_id=self.model.id).order_by("id")
        return [ServiceCaseEvent(kind=row.kind.value.upper(),
                                 from_status=ServiceCaseStatus(row.from_status.value) if row.from_status else None,
                                 to_status=ServiceCaseStatus(row.to_status.value), note=row.note, date=row.created_at)
                for row in rows]


@strawberry.type(description="Points mall: how many cases were resolved one way.")
class ServiceCaseResolutionCount:
    kind: ServiceCaseResolutionKind = strawberry.field(description="The kind.")
    count: int = strawberry.field(description="How many.")


@strawberry.type(description="Points mall: customer service measures of one partner and category.")
class ServiceCaseMeasure:
    partner_code: str | None = strawberry.field(description="The partner (null: the operator's own and the "
                                                "programme's cases).")
    category: ServiceCaseCategory = strawberry.field(description="The category.")
    cases: int = strawberry.field(description="Cases opened in the period.")
    orders: int = strawberry.field(description="Orders holding the partner's gifts placed in the period.")
    cases_per_thousand_orders: float | None = strawberry.field(description="Cases per 1,000 orders.")
    mean_first_answer_hours: float | None = strawberry.field(description="Mean hours to the first answer.")
    mean_resolution_hours: float | None = strawberry.field(description="Mean hours from opening to the "
                                                           "resolution (resolved cases).")
    backlog: int = strawberry.field(description="Cases of the period not resolved yet.")
    answered: int = strawberry.field(description="Cases answered (what the first-answer mean is taken over).")
    resolved: int = strawberry.field(description="Cases resolved (what the resolution mean is taken over).")
    overdue_share: float = strawberry.field(description="Share of cases escalated for being overdue (0-1).")
    resolutions: list[ServiceCaseResolutionCount] = strawberry.field(description="Resolutions by kind.")
    ratings: int = strawberry.field(description="How many rated.")
    mean_rating: float | None = strawberry.field(description="Mean rating, 1 to 5.")

    @classmethod
    def of(cls, row: MeasureRow) -> ServiceCaseMeasure:
        return cls(partner_code=row.partner_code or None, category=ServiceCaseCategory(row.category.value),
                   cases=row.cases, orders=row.orders, cases_per_thousand_orders=row.cases_per_thousand_orders,
                   mean_first_answer_hours=row.mean_first_answer_hours,
                   mean_resolution_hours=row.mean_resolution_hours, backlog=row.backlog,
                   answered=row.answered, resolved=row.resolved, overdue_share=row.overdue_share,
                   resolutions=[ServiceCaseResolutionCount(kind=ServiceCaseResolutionKind(kind.value), count=count)
                                for kind, count in sorted(row.resolutions.items())],
                   ratings=row.ratings, mean_rating=row.mean_rating)


@strawberry.type(description="Points mall: customer service measures per partner and category.")
class ServiceCaseMeasures:
    rows: list[ServiceCaseMeasure] = strawberry.field(description="One per partner and category.")
    csv: str = strawberry.field(description="The same rows as CSV (a header line first).")
