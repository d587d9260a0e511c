"""Issuers in the API (mall-only names): `issuers`, `issuer`, `issuerCreate`, `issuerUpdate`.

The operator (unscoped, MANAGE_ISSUERS) sees and manages every issuer; a bank's own staff and apps
(scoped to their issuer) read their issuer only.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError

from bank_link import errors as bank_link_errors
from bank_link import issuers as services
from bank_link.errors import ISSUER_ERROR_DESCRIPTIONS
from bank_link.models import Issuer as IssuerModel
from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.channels.graphql.types import PointsUnitName, named_units
from mall.channels.unit_names import unit_name_for_amount
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import has_any_permission, require_permission, require_staff_or_app
from mall.graphql.scalars import PositiveDecimal, SaleorDecimal

MANAGE_ISSUERS = "MANAGE_ISSUERS"


def _enum(name: str, values: dict[str, str], description: str) -> Any:
    members = {value: strawberry.enum_value(value, description=text) for value, text in values.items()}
    return strawberry.enum(Enum(name, members), name=name, description=description)


IssuerErrorCode = _enum("IssuerErrorCode", ISSUER_ERROR_DESCRIPTIONS, "Points mall: why an issuer mutation failed.")
# Issuers are named by code, never by global ID: GRAPHQL_ERROR cannot arise (and the enum has no such name).
ISSUER_ERRORS = ErrorCodes(
    IssuerErrorCode,
    same_names(bank_link_errors.IssuerErrorCode, IssuerErrorCode),
    api_codes=same_names(ApiErrorCode, IssuerErrorCode, unreachable={ApiErrorCode.GRAPHQL_ERROR}),
)


@strawberry.enum(description="Points mall: when points credited to an issuer's members expire.")
class IssuerExpiryRuleEnum(Enum):
    NEVER = "never"
    FIXED_DAYS = "fixed_days"
    END_OF_MONTH = "end_of_month"
    END_OF_YEAR = "end_of_year"


@strawberry.type(description="Points mall: an issuing bank whose points programme the mall serves.")
class Issuer:
    model: strawberry.Private[IssuerModel]

    @strawberry.field(description="Unique code; channels, bank staff and apps refer to the issuer by it.")
    def code(self) -> str:
        return self.model.code

    @strawberry.field(description="The bank's name.")
    def name(self) -> str:
        return self.model.name

    @strawberry.field(description="The programme's points unit, e.g. PTS.")
    def points_unit(self) -> str:
        return self.model.points_unit

    @strawberry.field(description="What members call the points unit in `languageCode`: the programme's name for "
                      "the language, else the unit code in English and 积分 in Chinese.")
    def points_unit_name(
        self, language_code: Annotated[LanguageCodeEnum, strawberry.argument(  # type: ignore[valid-type]
            description="The member's language.")],
        amount: Annotated[int | None, strawberry.argument(
            description="The amount shown beside the name: 1 reads the singular name, if set.")] = None,
    ) -> str:
        return unit_name_for_amount(amount, self.model.points_unit_names, self.model.points_unit_names_singular,
                                    enum_name(language_code), self.model.points_unit)

    @strawberry.field(description="The names the programme gives its points unit, one per language it named.")
    def points_unit_names(self) -> list[PointsUnitName]:
        return named_units(self.model.points_unit_names)

    @strawberry.field(description="The names of one point of the unit (\"1 point\"), one per language the "
                      "programme named; other languages read `pointsUnitNames` beside 1 too.")
    def points_unit_names_singular(self) -> list[PointsUnitName]:
        return named_units(self.model.points_unit_names_singular)

    @strawberry.field(description="What the bank pays for one redeemed point (the settlement rate).")
    def cash_value_per_point(self) -> SaleorDecimal:
        return SaleorDecimal(self.model.cash_value_per_point)

    @strawberry.field(description="Currency of the cash value per point.")
    def cash_currency(self) -> str:
        return self.model.cash_currency

    @strawberry.field(description="Whether members may pay part of an order in cash.")
    def points_cash_allowed(self) -> bool:
        return self.model.points_cash_allowed

    @strawberry.field(description="The largest share of an order's value cash may pay, in percent.")
    def max_cash_share_percent(self) -> SaleorDecimal:
        return SaleorDecimal(self.model.max_cash_share_percent)

    @strawberry.field(description="When credited points expire.")
    def expiry_rule(self) -> IssuerExpiryRuleEnum:
        return IssuerExpiryRuleEnum(self.model.expiry_rule)

    @strawberry.field(description="Days (fixed days), months (end of month) or years (end of year) of the rule.")
    def expiry_count(self) -> int:
        return self.model.expiry_count

    @strawberry.field(description="Members are e-mailed this many days before points expire (0: never).")
    def reminder_days(self) -> int:
        return self.model.reminder_days

    @strawberry.field(description="IANA time zone in which the issuer's periods start and end.")
    def time_zone(self) -> str:
        return self.model.time_zone

    @strawberry.field(description="Members with a phone number are texted transactional news (orders, points).")
    def sms_notifications(self) -> bool:
        return self.model.sms_notifications

    @strawberry.field(description="Text messages wait from this hour (member's time zone) until the next.")
    def sms_quiet_from_hour(self) -> int:
        return self.model.sms_quiet_from_hour

    @strawberry.field(description="Text messages held in quiet hours go at this hour (member's time zone).")
    def sms_quiet_until_hour(self) -> int:
        return self.model.sms_quiet_until_hour

    @strawberry.field(description="Checkouts of more points than this need a one-time code first (0: never).")
    def confirmation_threshold_points(self) -> int:
        return self.model.confirmation_threshold_points

    @strawberry.field(description="How the one-time code is sent: `sms` or `email`.")
    def confirmation_channel(self) -> str:
        return self.model.confirmation_channel

    @strawberry.field(description="Where the issuer's files go: empty for local storage, or s3://bucket/prefix.")
    def storage_location(self) -> str:
        return self.model.storage_location

    @strawberry.field(description="Whether members can sign on from the bank's app (a sign-on key is set).")
    def sso_enabled(self) -> bool:
        return bool(self.model.sso_public_key_pem)

    @strawberry.field(description="Whether the programme is active.")
    def is_active(self) -> bool:
        return self.model.is_active

    @strawberry.field(description="When the issuer was created.")
    def created(self) -> datetime:
        return self.model.created_at


@strawberry.type(description="Points mall: an error of an issuer mutation.")
class IssuerError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: IssuerErrorCode = strawberry.field(description="The error code.")  # type: ignore[valid-type]


def _errors() -> Any:
    return strawberry.field(default_factory=list, description="List of errors that occurred executing the mutation.")


@strawberry.type(description="Points mall: creates an issuer. Requires MANAGE_ISSUERS (operator).")
class IssuerCreate:
    issuer: Issuer | None = strawberry.field(default=None, description="The issuer created.")
    errors: list[IssuerError] = _errors()


@strawberry.type(description="Points mall: updates an issuer. Requires MANAGE_ISSUERS (operator).")
class IssuerUpdate:
    issuer: Issuer | None = strawberry.field(default=None, description="The issuer updated.")
    errors: list[IssuerError] = _errors()


@strawberry.input(description="Points mall: the name of a programme's points unit in one language.")
class PointsUnitNameInput:
    language_code: LanguageCodeEnum = strawberry.field(description="The language.")  # type: ignore[valid-type]
    name: str = strawberry.field(description="The unit's name in it: 1-32 characters on one line, e.g. 积分.")


def unit_names_given(names: list[PointsUnitNameInput] | None) -> dict[str, str] | None:
    return None if names is None else {enum_name(item.language_code): item.name for item in names}


@strawberry.input(description="Points mall: fields of an issuer; on update, omitted fields stay as they are.")
class IssuerInput:
    name: str | None = strawberry.field(default=None, description="The bank's name.")
    points_unit: str | None = strawberry.field(default=None, description="Points unit, upper case (e.g. PTS).")
    points_unit_names: list[PointsUnitNameInput] | None = strawberry.field(
        default=None, description="What members call the unit per language; languages not given keep theirs.")
    points_unit_names_singular: list[PointsUnitNameInput] | None = strawberry.field(
        default=None, description="What members call one point of the unit per language (e.g. point); languages "
        "not given keep theirs.")
    cash_value_per_point: PositiveDecimal | None = strawberry.field(
        default=None, description="What the bank pays for one redeemed point.")
    cash_currency: str | None = strawberry.field(default=None, description="ISO code of the cash currency.")
    points_cash_allowed: bool | None = strawberry.field(default=None, description="Allow points + cash.")
    max_cash_share_percent: PositiveDecimal | None = strawberry.field(
        default=None, description="Largest cash share of an order, 0-100 percent.")
    expiry_rule: IssuerExpiryRuleEnum | None = strawberry.field(default=None, description="When points expire.")
    expiry_count: int | None = strawberry.field(default=None, description="Days, months or years of the rule.")
    reminder_days: int | None = strawberry.field(default=None, description="Reminder window in days (0: none).")
    time_zone: str | None = strawberry.field(default=None, description="IANA time zone, e.g. Asia/Shanghai.")
    storage_location: str | None = strawberry.field(default=None, description="Empty or s3://bucket/prefix.")
    sso_public_key_pem: str | None = strawberry.field(
        default=None, description="PEM RSA or EC public key verifying the bank's sign-on tokens (empty: off).")
    is_active: bool | None = strawberry.field(default=None, description="Whether the programme is active.")
    sms_notifications: bool | None = strawberry.field(default=None, description="Text members transactional news.")
    sms_quiet_from_hour: int | None = strawberry.field(default=None, description="Quiet hours start (0-23).")
    sms_quiet_until_hour: int | None = strawberry.field(default=None, description="Quiet hours end (0-23).")
    confirmation_threshold_points: int | None = strawberry.field(
        default=None, description="Checkouts above this many points need a one-time code (0: never).")
    confirmation_channel: str | None = strawberry.field(default=None, description="`sms` or `email`.")


@strawberry.input(description="Points mall: a new issuer.")
class IssuerCreateInput(IssuerInput):
    code: str = strawberry.field(description="Unique code: 2-64 upper-case letters, digits, '-' or '_'.")


def issuer_data(input: IssuerInput, code: str | None = None) -> services.IssuerData:
    return services.IssuerData(
        code=code, name=input.name, points_unit=input.points_unit,
        points_unit_names=unit_names_given(input.points_unit_names),
        points_unit_names_singular=unit_names_given(input.points_unit_names_singular),
        cash_value_per_point=input.cash_value_per_point, cash_currency=input.cash_currency,
        points_cash_allowed=input.points_cash_allowed, max_cash_share_percent=input.max_cash_share_percent,
        expiry_rule=input.expiry_rule.value if input.expiry_rule else None, expiry_count=input.expiry_count,
        reminder_days=input.reminder_days, time_zone=input.time_zone, storage_location=input.storage_location,
        sso_public_key_pem=input.sso_public_key_pem, is_active=input.is_active,
        sms_notifications=input.sms_notifications, sms_quiet_from_hour=input.sms_quiet_from_hour,
        sms_quiet_until_hour=input.sms_quiet_until_hour,
        confirmation_threshold_points=input.confirmation_threshold_points,
        confirmation_channel=input.confirmation_channel,
    )


def readable_issuers(principal: Principal) -> Any:
    """The issuers the caller may read: all for the operator, its own for a bank's staff or app."""
    scope = principal.scope
    if scope is None:
        if not has_any_permission(principal, (MANAGE_ISSUERS,)):
            raise PermissionDenied([MANAGE_ISSUERS])
        return IssuerModel.all()
    if scope.kind != ScopeKind.ISSUER:
        return IssuerModel.filter(id=-1)
    return IssuerModel.filter(code=scope.code)


async def require_operator(info: Info) -> Principal:
    principal = await require_permission(info, MANAGE_ISSUERS)
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator can manage issuers.")
    return principal


@strawberry.type
class IssuerQueries:
    @strawberry.field(description="Points mall: issuing banks. The operator (MANAGE_ISSUERS) sees all of them, "
                      "a bank's staff or app its own. Requires an authenticated staff user or app.")
    async def issuers(self, info: Info) -> list[Issuer]:
        principal = await require_staff_or_app(info)
        return [Issuer(model=model) for model in await readable_issuers(principal).order_by("code")]

    @strawberry.field(description="Points mall: one issuer by code, if the caller may read it (see `issuers`).")
    async def issuer(
        self, info: Info, code: Annotated[str, strawberry.argument(description="The issuer's code.")],
    ) -> Issuer | None:
        principal = await require_staff_or_app(info)
        model = await readable_issuers(principal).get_or_none(code=code)
        return Issuer(model=model) if model else None


@strawberry.type
class IssuerMutations:
    @strawberry.mutation(description="Points mall: creates an issuer. Requires MANAGE_ISSUERS (operator).")
    async def issuer_create(
        self, info: Info, input: Annotated[IssuerCreateInput, strawberry.argument(description="The new issuer.")],
    ) -> IssuerCreate | None:
        await require_operator(info)

        async def work() -> IssuerCreate:
            return IssuerCreate(issuer=Issuer(model=await services.create_issuer(issuer_data(input, input.code))))

        return await run_in_transaction(IssuerCreate, IssuerError, ISSUER_ERRORS, work)

    @strawberry.mutation(description="Points mall: updates an issuer. Requires MANAGE_ISSUERS (operator).")
    async def issuer_update(
        self, info: Info,
        code: Annotated[str, strawberry.argument(description="The issuer's code.")],
        input: Annotated[IssuerInput, strawberry.argument(description="The fields to change.")],
    ) -> IssuerUpdate | None:
        await require_operator(info)

        async def work() -> IssuerUpdate:
            issuer = await services.find_issuer(code, "code")
            return IssuerUpdate(issuer=Issuer(model=await services.update_issuer(issuer, issuer_data(input))))

        return await run_in_transaction(IssuerUpdate, IssuerError, ISSUER_ERRORS, work)


async def readable_issuer(info: Info, code: str) -> IssuerModel:
    """The issuer `code` if the caller may read it; raises PermissionDenied (also when it does not exist,
    so a bank's staff learn nothing about other issuers)."""
    principal = await require_staff_or_app(info)
    model = await readable_issuers(principal).get_or_none(code=code)
    if model is None:
        if principal.scope is None:
            raise GraphQLError(f"Issuer '{code}' does not exist.")
        raise PermissionDenied(message="You do not have access to this issuer's data.")
    return model

