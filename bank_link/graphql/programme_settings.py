"""`issuerSettingsUpdate`: the bank's own points desk sets its programme's expiry policy and reminders.

`issuerUpdate` is the operator's (cash value, storage, sign-on key, activation: the contract between the mall
and the bank). How long points live and when members are reminded are the bank's programme rules, so a bank's
staff with MANAGE_POINTS change them for their own issuer; the operator (MANAGE_ISSUERS or MANAGE_POINTS) for
any. So is what members call the points unit in each language (its display names); the unit's code is not
among them: it is the ledger's unit, on every balance already booked.
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from bank_link import issuers as services
from bank_link.graphql.issuers import (
    ISSUER_ERRORS,
    Issuer,
    IssuerError,
    IssuerExpiryRuleEnum,
    IssuerUpdate,
    PointsUnitNameInput,
    unit_names_given,
)
from mall.accounts.auth import Principal
from mall.accounts.models import ScopeKind
from mall.graphql.context import Info
from mall.graphql.errors import PermissionDenied
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission

MANAGE_POINTS, MANAGE_ISSUERS = "MANAGE_POINTS", "MANAGE_ISSUERS"


@strawberry.input(description="Points mall: a programme's points rules; omitted fields stay as they are.")
class IssuerSettingsInput:
    expiry_rule: IssuerExpiryRuleEnum | None = strawberry.field(default=None, description="When points expire "
                                                                "(applies to points credited from now on).")
    expiry_count: int | None = strawberry.field(default=None, description="Days, months or years of the rule.")
    reminder_days: int | None = strawberry.field(default=None, description="Days before expiry members are "
                                                 "e-mailed (0: no reminder).")
    points_unit_names: list[PointsUnitNameInput] | None = strawberry.field(
        default=None, description="What members call the points unit per language (e.g. points, 积分); "
        "languages not given keep their names.")
    points_unit_names_singular: list[PointsUnitNameInput] | None = strawberry.field(
        default=None, description="What members call one point of the unit per language (e.g. point; Chinese "
        "needs none); languages not given keep their names.")


async def _settings_editor(info: Info, issuer: str) -> Principal:
    """The operator, or the issuer's own staff and apps. Another bank's staff, a partner's and anyone without
    the permission are refused (a bank learns nothing of other issuers, as `issuer(code:)` answers)."""
    principal = await require_permission(info, MANAGE_POINTS, MANAGE_ISSUERS)
    scope = principal.scope
    if scope is not None and (scope.kind != ScopeKind.ISSUER or scope.code != issuer):
        raise PermissionDenied(message="You do not have access to this issuer's data.")
    return principal


@strawberry.type
class IssuerSettingsMutations:
    @strawberry.mutation(description="Points mall: sets a programme's expiry policy, reminder days and the names "
                         "of its points unit. Requires "
                         "MANAGE_POINTS (a bank's staff and apps: their own issuer) or MANAGE_ISSUERS (operator).")
    async def issuer_settings_update(
        self, info: Info,
        issuer: Annotated[str, strawberry.argument(description="The issuer's code.")],
        input: Annotated[IssuerSettingsInput, strawberry.argument(description="The rules to change.")],
    ) -> IssuerUpdate | None:
        await _settings_editor(info, issuer)

        async def work() -> IssuerUpdate:
            model = await services.find_issuer(issuer, "issuer")
            data = services.IssuerData(expiry_rule=input.expiry_rule.value if input.expiry_rule else None,
                                       expiry_count=input.expiry_count, reminder_days=input.reminder_days,
                                       points_unit_names=unit_names_given(input.points_unit_names),
                                       points_unit_names_singular=unit_names_given(input.points_unit_names_singular))
            return IssuerUpdate(issuer=Issuer(model=await services.update_issuer(model, data)))

        return await run_in_transaction(IssuerUpdate, IssuerError, ISSUER_ERRORS, work)
