"""Partner merchants in the API (mall-only names): `partners`, `partner`, `partnerCreate`, `partnerStatusUpdate`,
`partnerTermsUpdate`.

The operator (MANAGE_PARTNERS) sees and manages every partner; a partner's own staff see their partner, with
its terms' history (who changed them, when, from which month).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.graphql.context import Info
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission, require_staff_or_app
from mall.graphql.scalars import PositiveDecimal
from partners import services
from partners.errors import PartnersErrorCode
from partners.models import Partner as PartnerModel
from partners.models import PartnerStatus
from partners.models import PartnerTerms as PartnerTermsModel

DEFAULT_TIME_ZONE = "Asia/Shanghai"  # SETTLEMENT_TIME_ZONE's default: the months partner terms apply to


@strawberry.enum(description="Points mall: where a partner merchant is in onboarding.")
class PartnerStatusEnum(Enum):
    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"


@strawberry.enum(description="Points mall: error codes of partner mutations.")
class PartnerErrorCode(Enum):
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    UNIQUE = "UNIQUE"
    NOT_FOUND = "NOT_FOUND"


# Partner mutations name partners by code, never by global ID: GRAPHQL_ERROR cannot arise (and the enum has
# no such name).
PARTNER_ERRORS = ErrorCodes(
    PartnerErrorCode,
    same_names(PartnersErrorCode, PartnerErrorCode),
    api_codes=same_names(ApiErrorCode, PartnerErrorCode, unreachable={ApiErrorCode.GRAPHQL_ERROR}),
)


@strawberry.type(description="Points mall: a partner merchant that lists gifts and ships them.")
class Partner:
    model: strawberry.Private[PartnerModel]

    @strawberry.field(description="Unique code; partner staff and warehouses are matched by it.")
    def code(self) -> str:
        return self.model.code

    @strawberry.field(description="Trading name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="Onboarding status; only active partners can list gifts.")
    def status(self) -> PartnerStatusEnum:
        return PartnerStatusEnum(self.model.status)

    @strawberry.field(description="The operator's fee, in percent of the points value consumed: the terms in force "
                      "this month (SETTLEMENT_TIME_ZONE).")
    async def service_fee_percent(self, info: Info) -> float:
        month = services.current_month(_time_zone(info))
        return float((await services.terms_in_force(self.model, month)).service_fee_percent)

    @strawberry.field(description="Points mall: the first month (YYYY-MM, SETTLEMENT_TIME_ZONE) the terms in force "
                      "this month apply from: the month of their change, or the month the partner was created.")
    async def terms_effective_from(self, info: Info) -> str:
        time_zone = _time_zone(info)
        terms = await services.terms_in_force(self.model, services.current_month(time_zone))
        return services.terms_effective_from(self.model, terms, time_zone)

    @strawberry.field(description="Points mall: every change of the partner's terms, newest recorded first. The "
                      "operator reads every partner's, a partner's staff their own partner's only (`partners`).")
    async def terms_history(self) -> list[PartnerTermsChange]:
        return [PartnerTermsChange(model=row) for row in await services.terms_history(self.model)]

    @strawberry.field(description="Currency the partner is paid in.")
    def settlement_currency(self) -> str:
        return self.model.settlement_currency

    @strawberry.field(description="When the partner was created.")
    def created(self) -> datetime:
        return self.model.created_at


@strawberry.type(description="Points mall: a change of a partner's contract terms, from a month on.")
class PartnerTermsChange:
    model: strawberry.Private[PartnerTermsModel]

    @strawberry.field(description="The first month (YYYY-MM, SETTLEMENT_TIME_ZONE) the terms apply to.")
    def effective_from(self) -> str:
        return self.model.effective_from

    @strawberry.field(description="The operator's fee, in percent of the points value consumed.")
    def service_fee_percent(self) -> float:
        return float(self.model.service_fee_percent)

    @strawberry.field(description="Why the terms changed.")
    def note(self) -> str:
        return self.model.note

    @strawberry.field(description="When the change was recorded.")
    def changed_at(self) -> datetime:
        return self.model.changed_at

    @strawberry.field(description="Who recorded it: the staff user's e-mail, or the actor (app:N).")
    async def changed_by(self) -> str:
        actor = self.model.changed_by
        if actor.startswith("user:") and actor[5:].isdigit():
            user = await UserModel.get_or_none(id=int(actor[5:]))
            return user.email if user else actor
        return actor


@strawberry.type
class PartnerError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: PartnerErrorCode = strawberry.field(description="The error code.")


@strawberry.type(description="Points mall: creates a partner merchant (pending until activated).")
class PartnerCreate:
    partner: Partner | None = None
    errors: list[PartnerError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: activates or suspends a partner merchant.")
class PartnerStatusUpdate:
    partner: Partner | None = None
    errors: list[PartnerError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: records new contract terms of a partner from a month on.")
class PartnerTermsUpdate:
    partner: Partner | None = None
    terms_change: PartnerTermsChange | None = None
    errors: list[PartnerError] = strawberry.field(default_factory=list)


@strawberry.input
class PartnerTermsInput:
    service_fee_percent: PositiveDecimal = strawberry.field(
        description="The operator's fee in percent of points value consumed (0-50, in hundredths).")
    effective_from: str | None = strawberry.field(
        default=None, description="The first month (YYYY-MM) the terms apply to: the current month (the default) "
        "or a later one; months already begun keep their terms.")
    note: str | None = strawberry.field(default=None, description="Why the terms change (at most 500 characters).")


@strawberry.input
class PartnerCreateInput:
    code: str = strawberry.field(description="Unique code: 2-64 upper-case letters, digits, '-' or '_'.")
    name: str = strawberry.field(description="Trading name.")
    service_fee_percent: PositiveDecimal | None = strawberry.field(
        description="The operator's fee in percent of points value consumed (0-50).", default=None
    )
    settlement_currency: str | None = strawberry.field(description="ISO currency the partner is paid in.", default=None)
    contact_email: str | None = strawberry.field(description="Where the operator reaches the partner.", default=None)


@strawberry.type
class PartnerQueries:
    @strawberry.field(
        description="Points mall: partner merchants. Operator staff see all of them, "
        "a partner's staff their own. Requires an authenticated staff user or app."
    )
    async def partners(self, info: Info) -> list[Partner]:
        principal = await require_staff_or_app(info)
        query = PartnerModel.all()
        if principal.scope is not None:
            if principal.scope.kind != ScopeKind.PARTNER:
                return []
            query = query.filter(code=principal.scope.code)
        return [Partner(model=p) for p in await query.order_by("code")]


@strawberry.type
class PartnerMutations:
    @strawberry.mutation(description="Points mall: creates a partner merchant. Requires MANAGE_PARTNERS.")
    async def partner_create(self, info: Info, input: PartnerCreateInput) -> PartnerCreate | None:
        await _require_operator(info)
        data = services.PartnerData(
            code=input.code,
            name=input.name,
            service_fee_percent=Decimal(input.service_fee_percent)
            if input.service_fee_percent is not None
            else Decimal("5.00"),
            settlement_currency=input.settlement_currency or "CNY",
            contact_email=input.contact_email or "",
        )

        async def work() -> PartnerCreate:
            return PartnerCreate(partner=Partner(model=await services.create_partner(data)))

        return await run_in_transaction(PartnerCreate, PartnerError, PARTNER_ERRORS, work)

    @strawberry.mutation(description="Points mall: activates or suspends a partner. Requires MANAGE_PARTNERS.")
    async def partner_status_update(
        self, info: Info, code: str, status: PartnerStatusEnum
    ) -> PartnerStatusUpdate | None:
        await _require_operator(info)

        async def work() -> PartnerStatusUpdate:
            partner = await PartnerModel.get_or_none(code=code)
            if partner is None:
                raise DomainError.single("code", f"Partner '{code}' does not exist.", PartnerErrorCode.NOT_FOUND)
            updated = await services.set_partner_status(partner, PartnerStatus(status.value))
            return PartnerStatusUpdate(partner=Partner(model=updated))

        return await run_in_transaction(PartnerStatusUpdate, PartnerError, PARTNER_ERRORS, work)

    @strawberry.mutation(description="Points mall: records new contract terms of a partner (its service fee) from "
                         "a month on, with who and when; settlement uses the terms in force for each month it "
                         "settles. Requires MANAGE_PARTNERS (operator).")
    async def partner_terms_update(
        self, info: Info, code: str, input: PartnerTermsInput
    ) -> PartnerTermsUpdate | None:
        await _require_operator(info)
        actor = _actor(await info.context.principal())
        change = services.TermsChange(Decimal(input.service_fee_percent), input.effective_from or None,
                                      input.note or "")

        async def work() -> PartnerTermsUpdate:
            partner = await PartnerModel.get_or_none(code=code)
            if partner is None:
                raise DomainError.single("code", f"Partner '{code}' does not exist.", PartnerErrorCode.NOT_FOUND)
            recorded = await services.change_partner_terms(partner, change, actor, _time_zone(info))
            return PartnerTermsUpdate(partner=Partner(model=partner), terms_change=PartnerTermsChange(model=recorded))

        return await run_in_transaction(PartnerTermsUpdate, PartnerError, PARTNER_ERRORS, work)


def _actor(principal: Principal) -> str:
    """How the terms' history names who changed them (as ledger transfers and order events do)."""
    if principal.user is not None:
        return f"user:{principal.user.id}"
    return f"app:{principal.app.id}" if principal.app is not None else "anonymous"


def _time_zone(info: Info) -> str:
    return str(info.context.settings.extra.get("SETTLEMENT_TIME_ZONE", DEFAULT_TIME_ZONE))


async def _require_operator(info: Info) -> None:
    principal = await require_permission(info, "MANAGE_PARTNERS")
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator can manage partners.")
