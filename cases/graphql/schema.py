"""Customer service cases in the API: queries and mutations under mall-only names, scoped like orders.

Who may call: a signed-in member (their own cases), and staff or apps holding MANAGE_ORDERS or MANAGE_USERS:
a partner's (cases about their partner), an issuer's (their programme's members' cases), the operator's
(every case). A case out of reach looks absent (NOT_FOUND). Programme rules are the operator's.
"""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from typing import Annotated, TypeVar

import strawberry

from cases import services
from cases.access import Viewer
from cases.errors import CaseErrorCode
from cases.graphql.types import (
    ServiceCase,
    ServiceCaseCategory,
    ServiceCaseContactChannel,
    ServiceCaseError,
    ServiceCaseErrorCode,
    ServiceCaseMeasure,
    ServiceCaseMeasures,
    ServiceCaseParty,
    ServiceCaseResolutionKind,
    ServiceCaseStatus,
    ServiceCaseSubject,
)
from cases.models import CaseCategory, CaseStatus, CaseSubject, ContactChannel, Party, ResolutionKind
from catalog.errors import CatalogErrorCode
from fulfilment.errors import FulfilmentErrorCode
from kernel.errors import DomainError
from ledger.errors import LedgerErrorCode
from mall.accounts.models import ScopeKind
from mall.channels.models import Channel
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, all_but, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import parse_int_id, parse_int_id_for_mutation, parse_uuid_id
from mall.graphql.multipart import UploadedFile
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import has_any_permission
from mall.graphql.scalars import Upload
from mall.storage import storage_for
from orders.errors import OrdersErrorCode

CASE_PERMISSIONS = ("MANAGE_ORDERS", "MANAGE_USERS")
MAX_LISTED = 100
P = TypeVar("P")


async def viewer_of(info: Info) -> Viewer:
    """Who asks: a member, or staff (an app) with a case permission, as the party they act for."""
    principal = await info.context.principal()
    user = principal.user
    if user is not None and user.is_active and not user.is_staff:
        return Viewer(Party.MEMBER, user.id)
    if not (principal.is_staff or principal.app is not None) or not has_any_permission(principal, CASE_PERMISSIONS):
        raise PermissionDenied(CASE_PERMISSIONS)
    actor = f"app:{principal.app.id}" if principal.app is not None else None
    scope = principal.scope
    if scope is None:
        return Viewer(Party.OPERATOR, user.id if user else None, actor_name=actor)
    party = Party.PARTNER if scope.kind == ScopeKind.PARTNER else Party.ISSUER
    return Viewer(party, user.id if user else None, scope.code, actor_name=actor)


async def staff_viewer_of(info: Info) -> Viewer:
    viewer = await viewer_of(info)
    if not viewer.is_staff:
        raise PermissionDenied(CASE_PERMISSIONS)
    return viewer


async def operator_of(info: Info) -> Viewer:
    viewer = await staff_viewer_of(info)
    if not viewer.is_operator:
        raise PermissionDenied(message="Customer service rules are the operator's.")
    return viewer


@strawberry.type(description="Points mall: the result of a case mutation.")
class ServiceCasePayload:
    service_case: ServiceCase | None = None
    errors: list[ServiceCaseError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: the result of a customer service rules mutation.")
class ServiceRulesPayload:
    ok: bool = False
    errors: list[ServiceCaseError] = strawberry.field(default_factory=list)


# What the services a case mutation calls may refuse with, in ServiceCaseErrorCode: the cases domain's own
# codes, the ledger's (goodwill, refunds), fulfilment's and orders' (reshipments, returns, refunds) and the
# catalogue's (pictures checked as images).
SERVICE_CASE_ERRORS = ErrorCodes(
    ServiceCaseErrorCode,
    same_names(CaseErrorCode, ServiceCaseErrorCode),
    same_names(LedgerErrorCode, ServiceCaseErrorCode, renames={LedgerErrorCode.IDEMPOTENCY_CONFLICT:
                                                               ServiceCaseErrorCode.INVALID},
               unreachable=(LedgerErrorCode.HOLD_ALREADY_RESOLVED, LedgerErrorCode.HOLD_EXPIRED,
                            LedgerErrorCode.NOT_REVERSIBLE, LedgerErrorCode.ALREADY_REVERSED)),
    same_names(FulfilmentErrorCode, ServiceCaseErrorCode, unreachable=all_but(
        FulfilmentErrorCode, FulfilmentErrorCode.REQUIRED, FulfilmentErrorCode.INVALID, FulfilmentErrorCode.NOT_FOUND)),
    same_names(OrdersErrorCode, ServiceCaseErrorCode, unreachable=all_but(
        OrdersErrorCode, OrdersErrorCode.INVALID, OrdersErrorCode.INSUFFICIENT_STOCK)),
    same_names(CatalogErrorCode, ServiceCaseErrorCode, unreachable=all_but(
        CatalogErrorCode, CatalogErrorCode.INVALID, CatalogErrorCode.UNSUPPORTED_MIME_TYPE,
        CatalogErrorCode.FILE_SIZE_LIMIT_EXCEEDED)),
)


async def _run(payload: type[P], work: Callable[[], Awaitable[P]]) -> P:
    return await run_in_transaction(payload, ServiceCaseError, SERVICE_CASE_ERRORS, work)


def _payload(viewer: Viewer) -> Callable[[object], ServiceCasePayload]:
    return lambda case: ServiceCasePayload(service_case=ServiceCase(model=case, viewer=viewer))  # type: ignore[arg-type]


@strawberry.input(description="Points mall: a new case.")
class ServiceCaseOpenInput:
    subject: ServiceCaseSubject = strawberry.field(description="What it is about.")
    category: ServiceCaseCategory = strawberry.field(description="What the member complains about.")
    description: str = strawberry.field(description="What happened (at most 4,000 characters).")
    order: strawberry.ID | None = strawberry.field(default=None, description="The order (ORDER, SHIPMENT).")
    fulfillment: strawberry.ID | None = strawberry.field(default=None, description="The shipment (SHIPMENT).")
    product: strawberry.ID | None = strawberry.field(default=None, description="The gift (GIFT).")
    channel: str | None = strawberry.field(default=None, description="The mall's channel slug, when no order "
                                           "says which (GIFT, POINTS, PROGRAMME).")
    user: strawberry.ID | None = strawberry.field(default=None, description="Staff: the member the case is for.")
    contact_channel: ServiceCaseContactChannel = strawberry.field(
        default=ServiceCaseContactChannel.WEB, description="Staff: how the member reached us (PHONE, BRANCH).")
    pictures: list[Upload] | None = strawberry.field(  # type: ignore[valid-type]
        default=None, description="Up to 5 pictures (multipart files: PNG, JPEG, GIF or WebP).")


@strawberry.input(description="Points mall: units of an order line to refund.")
class ServiceCaseLineInput:
    order_line: strawberry.ID = strawberry.field(description="The order line.")
    quantity: int = strawberry.field(description="Units.")


@strawberry.input(description="Points mall: how to resolve a case.")
class ServiceCaseResolveInput:
    kind: ServiceCaseResolutionKind = strawberry.field(description="What to do.")
    note: str = strawberry.field(description="The explanation given to the member.")
    fulfillment: strawberry.ID | None = strawberry.field(default=None, description="RESHIPMENT, RETURN: the "
                                                         "shipment (default: the case's).")
    lines: list[ServiceCaseLineInput] | None = strawberry.field(default=None, description="REFUND: what.")
    points: int | None = strawberry.field(default=None, description="GOODWILL: how many points.")
    payer: ServiceCaseParty | None = strawberry.field(default=None, description="GOODWILL: who is at fault and "
                                                      "pays (PARTNER, OPERATOR or ISSUER).")


@strawberry.input(description="Points mall: a programme's customer service rules.")
class ServiceProgrammeInput:
    issuer: str = strawberry.field(description="The issuer's code.")
    non_partner_assignee: ServiceCaseParty = strawberry.field(default=ServiceCaseParty.OPERATOR, description=(
        "Who answers cases no partner owns: OPERATOR or ISSUER."))
    time_zone: str = strawberry.field(default="Asia/Shanghai", description="The desk's time zone.")
    work_days: list[int] | None = strawberry.field(default=None, description="ISO weekdays (1 = Monday) the desk "
                                                   "works; none: around the clock.")
    work_start_hour: int = strawberry.field(default=9, description="Working hours start (0-23).")
    work_end_hour: int = strawberry.field(default=18, description="Working hours end (1-24).")
    holidays: list[datetime.date] | None = strawberry.field(default=None, description="Days the desk is closed.")
    reopen_days: int = strawberry.field(default=14, description="Days a resolved case may be reopened.")


async def _open_request(viewer: Viewer, input: ServiceCaseOpenInput) -> services.CaseRequest:
    channel_id = None
    if input.channel:
        channel = await Channel.get_or_none(slug=input.channel)
        channel_id = channel.id if channel else 0
    return services.CaseRequest(
        subject=CaseSubject(input.subject.value), category=CaseCategory(input.category.value),
        description=input.description,
        member_id=parse_int_id_for_mutation(input.user, "User", "user") if input.user else None,
        channel_id=channel_id,
        order_id=_order_pk(input.order) if input.order else None,
        shipment_id=parse_int_id_for_mutation(input.fulfillment, "Fulfillment", "fulfillment")
        if input.fulfillment else None,
        product_id=parse_int_id_for_mutation(input.product, "Product", "product") if input.product else None,
        contact_channel=ContactChannel(input.contact_channel.value),
        pictures=[services.Picture(item.content, item.content_type) for item in input.pictures or []
                  if isinstance(item, UploadedFile)],
    )


def _order_pk(order: strawberry.ID) -> str:
    try:
        return parse_uuid_id(order, "Order")
    except Exception as error:  # a malformed ID is the input's problem, not the server's
        raise DomainError.single("order", f"Invalid ID: {order}.", ApiErrorCode.GRAPHQL_ERROR) from error


def _resolution(input: ServiceCaseResolveInput) -> services.Resolution:
    lines = [services.LineUnits(_line_pk(line.order_line), line.quantity) for line in input.lines or []]
    return services.Resolution(
        kind=ResolutionKind(input.kind.value), note=input.note,
        shipment_id=parse_int_id_for_mutation(input.fulfillment, "Fulfillment", "fulfillment")
        if input.fulfillment else None,
        lines=lines, points=input.points or 0, payer=Party(input.payer.value) if input.payer else None,
    )


def _line_pk(line: strawberry.ID) -> str:
    try:
        return parse_uuid_id(line, "OrderLine")
    except Exception as error:  # a malformed ID is the input's problem, not the server's
        raise DomainError.single("lines", f"Invalid ID: {line}.", ApiErrorCode.GRAPHQL_ERROR) from error


def _case_pk(id: strawberry.ID) -> int:
    return parse_int_id_for_mutation(id, "ServiceCase", "id")


@strawberry.type
class CaseQueries:
    @strawberry.field(description="Points mall: customer service cases, due first (a member: their own, newest "
                      "first). Requires a signed-in member, or MANAGE_ORDERS or MANAGE_USERS (scoped staff: "
                      "their partner's or programme's cases).")
    async def service_cases(
        self, info: Info, status: list[ServiceCaseStatus] | None = None,
        overdue_only: Annotated[bool, strawberry.argument(description="Escalated cases only.")] = False,
        user: Annotated[strawberry.ID | None, strawberry.argument(description="Staff: one member's cases.")] = None,
        first: Annotated[int, strawberry.argument(description="At most this many (100).")] = 50,
    ) -> list[ServiceCase]:
        viewer = await viewer_of(info)
        query = services.visible_cases(viewer)
        if status:
            query = query.filter(status__in=[CaseStatus(item.value) for item in status])
        if overdue_only:
            query = query.filter(escalated_at__isnull=False)
        if user is not None and viewer.is_staff:
            query = query.filter(member_id=parse_int_id(user, "User"))
        order = ("-id",) if not viewer.is_staff else ("due_at", "id")
        rows = await query.order_by(*order).limit(max(0, min(first, MAX_LISTED)))
        return [ServiceCase(model=row, viewer=viewer) for row in rows]

    @strawberry.field(description="Points mall: one case, for whoever reaches it (see serviceCases).")
    async def service_case(self, info: Info, id: strawberry.ID) -> ServiceCase | None:
        viewer = await viewer_of(info)
        case = await services.visible_cases(viewer).get_or_none(id=parse_int_id(id, "ServiceCase"))
        return ServiceCase(model=case, viewer=viewer) if case else None

    @strawberry.field(description="Points mall: customer service measures per partner and category over cases "
                      "opened in [since, until), with a CSV export. Requires MANAGE_ORDERS or MANAGE_USERS "
                      "(scoped staff: their own rows).")
    async def service_case_measures(self, info: Info, since: datetime.datetime,
                                    until: datetime.datetime) -> ServiceCaseMeasures:
        viewer = await staff_viewer_of(info)
        rows = await services.case_measures(viewer, since, until)
        return ServiceCaseMeasures(rows=[ServiceCaseMeasure.of(row) for row in rows], csv=services.measures_csv(rows))


@strawberry.type
class CaseMutations:
    @strawberry.mutation(description="Points mall: open a case: a member about their own order, shipment, gift, "
                         "points or programme; staff (the call centre) for a member, by phone or at a branch. "
                         "Routed at once, with its first deadline.")
    async def service_case_open(self, info: Info, input: ServiceCaseOpenInput) -> ServiceCasePayload | None:
        viewer = await viewer_of(info)

        async def work() -> ServiceCasePayload:
            request = await _open_request(viewer, input)
            return _payload(viewer)(await services.open_case(viewer, request, storage_for(info.context.settings)))

        return await _run(ServiceCasePayload, work)

    @strawberry.mutation(description="Points mall: write in a case. Staff may write internal notes, which the "
                         "member never sees; a staff's first answer starts the resolution deadline.")
    async def service_case_message(
        self, info: Info, id: strawberry.ID, body: str,
        internal: Annotated[bool, strawberry.argument(description="Staff only: an internal note.")] = False,
    ) -> ServiceCasePayload | None:
        viewer = await viewer_of(info)

        async def work() -> ServiceCasePayload:
            case_id = _case_pk(id)
            await services.post_message(viewer, case_id, body, internal)
            return _payload(viewer)(await services.case_for(viewer, case_id))

        return await _run(ServiceCasePayload, work)

    @strawberry.mutation(description="Points mall: resolve a case: an explanation, a reshipment, a return, a "
                         "refund of points, or goodwill points paid by whoever is at fault. Requires "
                         "MANAGE_ORDERS or MANAGE_USERS.")
    async def service_case_resolve(self, info: Info, id: strawberry.ID,
                                   input: ServiceCaseResolveInput) -> ServiceCasePayload | None:
        viewer = await staff_viewer_of(info)

        async def work() -> ServiceCasePayload:
            return _payload(viewer)(await services.resolve_case(viewer, _case_pk(id), _resolution(input)))

        return await _run(ServiceCasePayload, work)

    @strawberry.mutation(description="Points mall: reopen a resolved case, once, within the programme's window.")
    async def service_case_reopen(self, info: Info, id: strawberry.ID, reason: str) -> ServiceCasePayload | None:
        viewer = await viewer_of(info)

        async def work() -> ServiceCasePayload:
            return _payload(viewer)(await services.reopen_case(viewer, _case_pk(id), reason))

        return await _run(ServiceCasePayload, work)

    @strawberry.mutation(description="Points mall: the member rates the answer to a resolved case, 1 to 5, once. "
                         "Requires the signed-in member.")
    async def service_case_rate(self, info: Info, id: strawberry.ID, rating: int,
                                comment: str = "") -> ServiceCasePayload | None:
        viewer = await viewer_of(info)
        if viewer.is_staff:
            raise PermissionDenied(message="Only the member rates the answer.")

        async def work() -> ServiceCasePayload:
            return _payload(viewer)(await services.rate_case(viewer, _case_pk(id), rating, comment))

        return await _run(ServiceCasePayload, work)

    @strawberry.mutation(description="Points mall: a programme's customer service rules (routing, working hours, "
                         "holidays, reopening window). The operator only.")
    async def service_programme_update(self, info: Info, input: ServiceProgrammeInput) -> ServiceRulesPayload | None:
        await operator_of(info)

        async def work() -> ServiceRulesPayload:
            await services.set_programme(services.ProgrammeSettings(
                issuer_code=input.issuer, non_partner_assignee=Party(input.non_partner_assignee.value),
                time_zone=input.time_zone, work_days=tuple(input.work_days or ()),
                work_start_hour=input.work_start_hour, work_end_hour=input.work_end_hour,
                holidays=tuple(input.holidays or ()), reopen_days=input.reopen_days))
            return ServiceRulesPayload(ok=True)

        return await _run(ServiceRulesPayload, work)

    @strawberry.mutation(description="Points mall: hours (working hours of the programme) to answer first and to "
                         "resolve, per programme (empty: every one) and category (null: every one). The operator "
                         "only.")
    async def service_deadline_set(
        self, info: Info, issuer: str, first_answer_hours: int, resolve_hours: int,
        category: ServiceCaseCategory | None = None,
    ) -> ServiceRulesPayload | None:
        await operator_of(info)

        async def work() -> ServiceRulesPayload:
            deadlines = services.Deadlines(first_answer_hours, resolve_hours)
            await services.set_deadline(issuer, CaseCategory(category.value) if category else None, deadlines)
            return ServiceRulesPayload(ok=True)

        return await _run(ServiceRulesPayload, work)
