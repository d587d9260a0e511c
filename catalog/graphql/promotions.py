"""Saleor's promotions API over the catalogue's promotions (catalog.promotions): `promotions`, `promotion`,
`promotionCreate/Update/Delete`, `promotionRuleCreate/Update/Delete`, as the Dashboard's discount pages send
them. Catalogue promotions only: a points mall rewards whole orders with vouchers.

Everything here requires MANAGE_DISCOUNTS and the operator: a partner's or a bank's staff would otherwise
discount (or read the plans for) gifts and channels that are not theirs. The inputs, enums and error types
are Saleor's, from the generated module; the objects are ours.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from strawberry.utils.str_converters import to_camel_case

from catalog.graphql.inputs import CataloguePredicateInput
from catalog.promotions import services
from catalog.promotions.errors import PromotionErrorCode
from catalog.promotions.models import Promotion as PromotionModel
from catalog.promotions.models import PromotionKind, RewardValueType
from catalog.promotions.models import PromotionRule as PromotionRuleModel
from kernel import clock
from mall.channels.graphql.types import Channel
from mall.channels.models import Channel as ChannelModel
from mall.graphql.common import Node, ObjectWithMetadata
from mall.graphql.connection import PageArgs, SortKey, countable_connection, paginate
from mall.graphql.context import Info
from mall.graphql.enums import OrderDirection
from mall.graphql.error_codes import ApiErrorCode, ErrorCodes, all_but, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import parse_int_id, parse_int_id_for_mutation, to_global_id
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission
from mall.graphql.saleor_absent.generated import (
    PromotionCreateError,
    PromotionCreateErrorCode,
    PromotionCreateInput,
    PromotionDeleteError,
    PromotionDeleteErrorCode,
    PromotionRuleCreateError,
    PromotionRuleCreateErrorCode,
    PromotionRuleCreateInput,
    PromotionRuleDeleteError,
    PromotionRuleDeleteErrorCode,
    PromotionRuleInput,
    PromotionRuleUpdateError,
    PromotionRuleUpdateErrorCode,
    PromotionRuleUpdateInput,
    PromotionSortingInput,
    PromotionTypeEnum,
    PromotionUpdateError,
    PromotionUpdateErrorCode,
    PromotionUpdateInput,
    PromotionWhereInput,
    RewardTypeEnum,
    RewardValueTypeEnum,
)
from mall.graphql.scalars import PositiveDecimal

MANAGE_DISCOUNTS = "MANAGE_DISCOUNTS"
_UPDATE_ONLY = (PromotionErrorCode.MISSING_CHANNELS, PromotionErrorCode.MULTIPLE_CURRENCIES_NOT_ALLOWED,
                PromotionErrorCode.INVALID_PRECISION)
CREATE_ERRORS = ErrorCodes(PromotionCreateErrorCode, same_names(PromotionErrorCode, PromotionCreateErrorCode))
UPDATE_ERRORS = ErrorCodes(PromotionUpdateErrorCode, same_names(PromotionErrorCode, PromotionUpdateErrorCode,
                                                                unreachable=_UPDATE_ONLY))
DELETE_ERRORS = ErrorCodes(
    PromotionDeleteErrorCode,
    same_names(PromotionErrorCode, PromotionDeleteErrorCode,
               unreachable=all_but(PromotionErrorCode, PromotionErrorCode.NOT_FOUND)),
    api_codes=same_names(ApiErrorCode, PromotionDeleteErrorCode,
                         unreachable=(ApiErrorCode.REQUIRED, ApiErrorCode.INVALID)),
)
RULE_CREATE_ERRORS = ErrorCodes(PromotionRuleCreateErrorCode,
                                same_names(PromotionErrorCode, PromotionRuleCreateErrorCode))
RULE_UPDATE_ERRORS = ErrorCodes(PromotionRuleUpdateErrorCode,
                                same_names(PromotionErrorCode, PromotionRuleUpdateErrorCode))
RULE_DELETE_ERRORS = ErrorCodes(
    PromotionRuleDeleteErrorCode,
    same_names(PromotionErrorCode, PromotionRuleDeleteErrorCode,
               unreachable=all_but(PromotionErrorCode, PromotionErrorCode.NOT_FOUND)),
    api_codes=same_names(ApiErrorCode, PromotionRuleDeleteErrorCode,
                         unreachable=(ApiErrorCode.REQUIRED, ApiErrorCode.INVALID)),
)
SORT_FIELDS = {"NAME": "name", "START_DATE": "start_at", "END_DATE": "end_at", "CREATED_AT": "created_at"}


@strawberry.type(name="PromotionRule", description="Represents the promotion rule that specifies the conditions "
                 "that must be met to apply the promotion discount.")
class PromotionRule(Node):
    model: strawberry.Private[PromotionRuleModel]
    channel_ids: strawberry.Private[list[int]]
    name: str | None
    description: strawberry.scalars.JSON | None
    catalogue_predicate: strawberry.scalars.JSON | None = strawberry.field(
        description="The catalogue predicate that must be met to apply the rule reward.")
    order_predicate: strawberry.scalars.JSON | None = strawberry.field(
        description="Catalogue promotions have none: always an empty object.")
    reward_value_type: RewardValueTypeEnum | None
    reward_value: PositiveDecimal | None = strawberry.field(description="The reward value: a percentage, or "
                                                            "a number of points of the channels' points unit.")
    reward_type: RewardTypeEnum | None = strawberry.field(description="Order promotions only: always null.")
    gift_ids: list[strawberry.ID] | None = strawberry.field(description="Order promotions only: always empty.")
    predicate_type: PromotionTypeEnum | None = strawberry.field(description="The rule's predicate type: always "
                                                                "CATALOGUE.")

    @classmethod
    def of(cls, row: PromotionRuleModel, channel_ids: list[int]) -> PromotionRule:
        value_type = RewardValueTypeEnum[row.reward_value_type.name] if row.reward_value_type else None
        return cls(id=strawberry.ID(to_global_id("PromotionRule", row.id)), model=row, channel_ids=channel_ids,
                   name=row.name, description=row.description, catalogue_predicate=row.catalogue_predicate,
                   order_predicate={}, reward_value_type=value_type,
                   reward_value=PositiveDecimal(row.reward_value) if row.reward_value is not None else None,
                   reward_type=None, gift_ids=[], predicate_type=PromotionTypeEnum.CATALOGUE)

    @strawberry.field(description="List of channels where the rule applies.")
    async def channels(self) -> list[Channel] | None:
        rows = await ChannelModel.filter(id__in=self.channel_ids).order_by("slug")
        return [Channel.of(row) for row in rows]


@strawberry.type(name="Promotion", description="Represents the promotion that allow creating discounts based on "
                 "given conditions, and is visible to all the customers.")
class Promotion(Node, ObjectWithMetadata):
    model: strawberry.Private[PromotionModel]
    name: str
    description: strawberry.scalars.JSON | None
    start_date: datetime
    end_date: datetime | None
    created_at: datetime
    updated_at: datetime
    type: PromotionTypeEnum | None

    @classmethod
    def of(cls, row: PromotionModel) -> Promotion:
        return cls(id=strawberry.ID(to_global_id("Promotion", row.id)), model=row, name=row.name,
                   description=row.description, start_date=row.start_at, end_date=row.end_at,
                   created_at=row.created_at, updated_at=row.updated_at, type=PromotionTypeEnum[row.kind.name])

    @strawberry.field(description="The list of the promotion rules.")
    async def rules(self) -> list[PromotionRule] | None:
        rows = await PromotionRuleModel.filter(promotion_id=self.model.id).order_by("id")
        channels = await services.rule_channel_ids([row.id for row in rows])
        return [PromotionRule.of(row, channels[row.id]) for row in rows]


PromotionCountableConnection, PromotionCountableEdge = countable_connection(Promotion, "Promotion")


@strawberry.type(name="PromotionCreate")
class PromotionCreate:
    errors: list[PromotionCreateError] = strawberry.field(default_factory=list)
    promotion: Promotion | None = None


@strawberry.type(name="PromotionUpdate")
class PromotionUpdate:
    errors: list[PromotionUpdateError] = strawberry.field(default_factory=list)
    promotion: Promotion | None = None


@strawberry.type(name="PromotionDelete")
class PromotionDelete:
    errors: list[PromotionDeleteError] = strawberry.field(default_factory=list)
    promotion: Promotion | None = None


@strawberry.type(name="PromotionRuleCreate")
class PromotionRuleCreate:
    errors: list[PromotionRuleCreateError] = strawberry.field(default_factory=list)
    promotion_rule: PromotionRule | None = None


@strawberry.type(name="PromotionRuleUpdate")
class PromotionRuleUpdate:
    errors: list[PromotionRuleUpdateError] = strawberry.field(default_factory=list)
    promotion_rule: PromotionRule | None = None


@strawberry.type(name="PromotionRuleDelete")
class PromotionRuleDelete:
    errors: list[PromotionRuleDeleteError] = strawberry.field(default_factory=list)
    promotion_rule: PromotionRule | None = None


PROMOTION_TYPES = (Promotion, PromotionRule, PromotionCountableConnection, PromotionCountableEdge)


# --- input -------------------------------------------------------------------------------------------


def _given(value: Any) -> bool:
    return value is not None and value is not strawberry.UNSET


def _as_dict(value: Any) -> Any:
    """A strawberry input (a where or predicate input) as the JSON a Saleor client would have sent."""
    if isinstance(value, list):
        return [_as_dict(item) for item in value]
    if isinstance(value, Enum):  # an enum member also carries its class's strawberry definition, with no fields
        return value.name
    definition = getattr(value, "__strawberry_definition__", None)
    if definition is None:
        return value
    found = {}
    for field in definition.fields:
        item = getattr(value, field.python_name)
        if _given(item):
            found[field.graphql_name or to_camel_case(field.python_name)] = _as_dict(item)
    return found


def _predicate(value: CataloguePredicateInput | None) -> dict[str, Any] | None:
    return _as_dict(value) if _given(value) else None


def _channel_ids(ids: list[strawberry.ID] | None, field: str) -> tuple[int, ...]:
    return tuple(parse_int_id_for_mutation(item, "Channel", field) for item in ids or [])


def _reward_type(value: RewardValueTypeEnum | None) -> RewardValueType | None:
    return RewardValueType[value.name] if _given(value) else None  # type: ignore[union-attr]


def _rule_input(data: PromotionRuleInput | PromotionRuleCreateInput | PromotionRuleUpdateInput,
                channels: list[strawberry.ID] | None) -> services.RuleInput:
    order_reward = (_given(data.order_predicate) or _given(data.reward_type)
                    or bool(getattr(data, "gifts", None) or getattr(data, "add_gifts", None)))
    return services.RuleInput(
        name=data.name if _given(data.name) else None,
        description=data.description if _given(data.description) else None,  # type: ignore[arg-type]
        catalogue_predicate=_predicate(data.catalogue_predicate),
        reward_value_type=_reward_type(data.reward_value_type),
        reward_value=Decimal(data.reward_value) if _given(data.reward_value) else None,
        channel_ids=_channel_ids(channels, "channels"),
        asks_for_order_reward=order_reward,
    )


def _promotion_input(data: PromotionCreateInput) -> services.PromotionInput:
    rules = tuple(_rule_input(rule, rule.channels if _given(rule.channels) else None) for rule in data.rules or [])
    return services.PromotionInput(
        name=data.name, kind=PromotionKind[data.type_.name],
        description=data.description if _given(data.description) else None,  # type: ignore[arg-type]
        start_at=data.start_date if _given(data.start_date) else None,
        end_at=data.end_date if _given(data.end_date) else None, rules=rules,
    )


async def _operator(info: Info) -> None:
    principal = await require_permission(info, MANAGE_DISCOUNTS)
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator runs promotions.")


async def _rule_payload(row: PromotionRuleModel) -> PromotionRule:
    return PromotionRule.of(row, (await services.rule_channel_ids([row.id]))[row.id])


# --- reads --------------------------------------------------------------------------------------------


def _filtered(where: PromotionWhereInput | None) -> Any:
    rows = PromotionModel.all()
    if not _given(where):
        return rows
    assert where is not None
    unsupported = {key for key in _as_dict(where) if key not in {"ids", "name", "type", "isOldSale"}}
    if unsupported:
        raise GraphQLError(f"Points mall: promotions filter by ids, name and type only, not {sorted(unsupported)}.")
    if _given(where.ids):
        rows = rows.filter(id__in=[parse_int_id(item, "Promotion") for item in where.ids or []])
    if _given(where.name):
        rows = rows.filter(name=where.name.eq) if _given(where.name.eq) else rows  # type: ignore[union-attr]
        rows = rows.filter(name__in=where.name.one_of) if _given(where.name.one_of) else rows  # type: ignore[union-attr]
    if _given(where.type_):
        kinds = [where.type_.eq] if _given(where.type_.eq) else list(where.type_.one_of or [])  # type: ignore[union-attr]
        rows = rows.filter(kind__in=[PromotionKind[kind.name] for kind in kinds])
    if where.is_old_sale is True:
        rows = rows.filter(id__in=[])  # the mall never had Saleor's old sales
    return rows


def _sort(sort_by: PromotionSortingInput | None) -> list[SortKey]:
    if not _given(sort_by):
        return [SortKey("start_at")]
    assert sort_by is not None
    return [SortKey(SORT_FIELDS[sort_by.field.name], descending=sort_by.direction == OrderDirection.DESC)]


@strawberry.type
class PromotionQueries:
    @strawberry.field(description="Look up a promotion by ID. Requires MANAGE_DISCOUNTS (operator).")
    async def promotion(self, info: Info, id: strawberry.ID) -> Promotion | None:
        await _operator(info)
        row = await PromotionModel.get_or_none(id=parse_int_id(id, "Promotion"))
        return Promotion.of(row) if row is not None else None

    @strawberry.field(description="List of the promotions. Requires MANAGE_DISCOUNTS (operator).")
    async def promotions(
        self, info: Info,
        where: PromotionWhereInput | None = None,
        sort_by: Annotated[PromotionSortingInput | None, strawberry.argument(name="sortBy")] = None,
        before: str | None = None, after: str | None = None, first: int | None = None, last: int | None = None,
    ) -> PromotionCountableConnection | None:  # type: ignore[valid-type]
        await _operator(info)
        return await paginate(info, _filtered(where), PageArgs(first, last, after, before),
                              PromotionCountableConnection, PromotionCountableEdge, sort=_sort(sort_by),
                              to_node=Promotion.of)


# --- mutations ----------------------------------------------------------------------------------------


@strawberry.type
class PromotionMutations:
    @strawberry.mutation(description="Creates a new catalogue promotion, with its rules. Points mall: only "
                         "catalogue promotions (order rewards are vouchers). Requires MANAGE_DISCOUNTS (operator).")
    async def promotion_create(self, info: Info, input: PromotionCreateInput) -> PromotionCreate | None:
        await _operator(info)

        async def work() -> PromotionCreate:
            row = await services.create_promotion(_promotion_input(input), clock.now())
            return PromotionCreate(promotion=Promotion.of(row))

        return await run_in_transaction(PromotionCreate, PromotionCreateError, CREATE_ERRORS, work)

    @strawberry.mutation(description="Updates an existing promotion. Requires MANAGE_DISCOUNTS (operator).")
    async def promotion_update(self, info: Info, id: strawberry.ID,
                               input: PromotionUpdateInput) -> PromotionUpdate | None:
        await _operator(info)

        async def work() -> PromotionUpdate:
            changes = services.PromotionChanges(
                name=input.name if _given(input.name) else None,
                description=input.description if _given(input.description) else None,  # type: ignore[arg-type]
                start_at=input.start_date if _given(input.start_date) else None,
                end_at=input.end_date if _given(input.end_date) else None,
                end_at_given=input.end_date is not strawberry.UNSET,
            )
            row = await services.update_promotion(parse_int_id_for_mutation(id, "Promotion", "id"), changes)
            return PromotionUpdate(promotion=Promotion.of(row))

        return await run_in_transaction(PromotionUpdate, PromotionUpdateError, UPDATE_ERRORS, work)

    @strawberry.mutation(description="Deletes a promotion and its rules. Requires MANAGE_DISCOUNTS (operator).")
    async def promotion_delete(self, info: Info, id: strawberry.ID) -> PromotionDelete | None:
        await _operator(info)

        async def work() -> PromotionDelete:
            row = await services.delete_promotion(parse_int_id_for_mutation(id, "Promotion", "id"))
            return PromotionDelete(promotion=Promotion.of(row))

        return await run_in_transaction(PromotionDelete, PromotionDeleteError, DELETE_ERRORS, work)

    @strawberry.mutation(description="Creates a promotion rule. Requires MANAGE_DISCOUNTS (operator).")
    async def promotion_rule_create(self, info: Info,
                                    input: PromotionRuleCreateInput) -> PromotionRuleCreate | None:
        await _operator(info)

        async def work() -> PromotionRuleCreate:
            promotion_id = parse_int_id_for_mutation(input.promotion, "Promotion", "promotion")
            rule = _rule_input(input, input.channels if _given(input.channels) else None)
            return PromotionRuleCreate(promotion_rule=await _rule_payload(
                await services.create_rule(promotion_id, rule)))

        return await run_in_transaction(PromotionRuleCreate, PromotionRuleCreateError, RULE_CREATE_ERRORS, work)

    @strawberry.mutation(description="Updates an existing promotion rule. Requires MANAGE_DISCOUNTS (operator).")
    async def promotion_rule_update(self, info: Info, id: strawberry.ID,
                                    input: PromotionRuleUpdateInput) -> PromotionRuleUpdate | None:
        await _operator(info)

        async def work() -> PromotionRuleUpdate:
            changes = services.RuleChanges(
                rule=_rule_input(input, None),
                add_channel_ids=_channel_ids(input.add_channels if _given(input.add_channels) else None,
                                             "add_channels"),
                remove_channel_ids=_channel_ids(input.remove_channels if _given(input.remove_channels) else None,
                                                "remove_channels"),
            )
            row = await services.update_rule(parse_int_id_for_mutation(id, "PromotionRule", "id"), changes)
            return PromotionRuleUpdate(promotion_rule=await _rule_payload(row))

        return await run_in_transaction(PromotionRuleUpdate, PromotionRuleUpdateError, RULE_UPDATE_ERRORS, work)

    @strawberry.mutation(description="Deletes a promotion rule. Requires MANAGE_DISCOUNTS (operator).")
    async def promotion_rule_delete(self, info: Info, id: strawberry.ID) -> PromotionRuleDelete | None:
        await _operator(info)

        async def work() -> PromotionRuleDelete:
            rule_id = parse_int_id_for_mutation(id, "PromotionRule", "id")
            channels = (await services.rule_channel_ids([rule_id])).get(rule_id, [])
            row = await services.delete_rule(rule_id)
            return PromotionRuleDelete(promotion_rule=PromotionRule.of(row, channels))

        return await run_in_transaction(PromotionRuleDelete, PromotionRuleDeleteError, RULE_DELETE_ERRORS, work)


__all__ = ["PROMOTION_TYPES", "PromotionMutations", "PromotionQueries"]
