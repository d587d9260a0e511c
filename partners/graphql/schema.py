"""Partner merchants in the API (mall-only names): `partners`, `partner`, `partnerCreate`, `partnerStatusUpdate`.

The operator (MANAGE_PARTNERS) sees and manages every partner; a partner's own staff see their partner.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum

import strawberry

from mall.accounts.models import ScopeKind
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

    @strawberry.field(description="The operator's fee, in percent of the points value consumed.")
    def service_fee_percent(self) -> float:
        return float(self.model.service_fee_percent)

    @strawberry.field(description="Currency the partner is paid in.")
    def settlement_currency(self) -> str:
        return self.model.settlement_currency

    @strawberry.field(description="When the partner was created.")
    def created(self) -> datetime:
        return self.model.created_at


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


async def _require_operator(info: Info) -> None:
    principal = await require_permission(info, "MANAGE_PARTNERS")
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator can manage partners.")
