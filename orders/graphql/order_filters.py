"""Saleor's order list inputs (`filter`, `where`, `search`, `sortBy`) as filters on Order rows.

Payment statuses are not stored: they follow from the points charged, refunded and the total (see
orders.services.statuses), so their filters compare those columns. Filters on things a points mall does not
have (gift cards, click and collect, preorders) match nothing when asked for them, everything otherwise.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, time
from typing import Any

import strawberry
from graphql import GraphQLError
from tortoise.expressions import F, Q, Subquery

from catalog.graphql.inputs import (
    DateRangeInput,
    DateTimeRangeInput,
    GlobalIDFilterInput,
    IntRangeInput,
    MetadataFilter,
    StringFilterInput,
)
from mall.graphql.connection import SortKey
from mall.graphql.enums import OrderDirection, enum_name
from mall.graphql.ids import decode_global_id, int_pk
from orders.graphql.enums import (
    OrderAuthorizeStatusEnum,
    OrderChargeStatusEnum,
    OrderSortField,
    OrderStatus,
    OrderStatusFilter,
    PaymentChargeStatusEnum,
)
from orders.models import OrderLine
from orders.models import OrderStatus as StoredStatus

NOTHING = Q(number__lt=0)
# Types whose primary keys are UUIDs (the others are integers).
UUID_KEYED_TYPES = frozenset({"Order", "Checkout"})
MAX_FILTER_VALUES = 100
SORT_COLUMNS = {
    "NUMBER": "number", "RANK": "number", "CREATION_DATE": "created_at", "CREATED_AT": "created_at",
    "LAST_MODIFIED_AT": "updated_at", "CUSTOMER": "user_email", "PAYMENT": "points_charged",
    "FULFILLMENT_STATUS": "status", "STATUS": "status",
}


@strawberry.input
class OrderSortingInput:
    direction: OrderDirection = strawberry.field(description="Specifies the direction in which to sort orders.")
    field: OrderSortField = strawberry.field(description="Sort orders by the selected field.")


@strawberry.input
class OrderFilterInput:
    payment_status: list[PaymentChargeStatusEnum] | None = None
    status: list[OrderStatusFilter] | None = None
    customer: str | None = None
    created: DateRangeInput | None = None
    search: str | None = None
    metadata: list[MetadataFilter] | None = None
    channels: list[strawberry.ID] | None = None
    authorize_status: list[OrderAuthorizeStatusEnum] | None = None
    charge_status: list[OrderChargeStatusEnum] | None = None
    updated_at: DateTimeRangeInput | None = None
    is_click_and_collect: bool | None = None
    is_preorder: bool | None = None
    ids: list[strawberry.ID] | None = None
    checkout_tokens: list[uuid.UUID] | None = None
    gift_card_used: bool | None = None
    gift_card_bought: bool | None = None
    numbers: list[str] | None = None
    checkout_ids: list[strawberry.ID] | None = None


@strawberry.input(description="Define the filtering options for integer fields.")
class IntFilterInput:
    eq: int | None = strawberry.field(default=None, description="The value equal to.")
    one_of: list[int] | None = strawberry.field(default=None, description="The value included in.")
    range: IntRangeInput | None = strawberry.field(default=None, description="The value in range.")


@strawberry.input(description="Define the filtering options for UUID fields.")
class UUIDFilterInput:
    eq: uuid.UUID | None = strawberry.field(default=None, description="The value equal to.")
    one_of: list[uuid.UUID] | None = strawberry.field(default=None, description="The value included in.")


@strawberry.input(description="Filter by order status.")
class OrderStatusEnumFilterInput:
    eq: OrderStatus | None = None
    one_of: list[OrderStatus] | None = None


@strawberry.input(description="Filter by authorize status.")
class OrderAuthorizeStatusEnumFilterInput:
    eq: OrderAuthorizeStatusEnum | None = None
    one_of: list[OrderAuthorizeStatusEnum] | None = None


@strawberry.input(description="Filter by charge status.")
class OrderChargeStatusEnumFilterInput:
    eq: OrderChargeStatusEnum | None = None
    one_of: list[OrderChargeStatusEnum] | None = None


@strawberry.input(description="Where filtering options for orders (the fields a points mall's orders have).")
class OrderWhereInput:
    ids: list[strawberry.ID] | None = None
    number: IntFilterInput | None = None
    channel_id: GlobalIDFilterInput | None = None
    created_at: DateTimeRangeInput | None = None
    updated_at: DateTimeRangeInput | None = None
    user: GlobalIDFilterInput | None = None
    user_email: StringFilterInput | None = None
    authorize_status: OrderAuthorizeStatusEnumFilterInput | None = None
    charge_status: OrderChargeStatusEnumFilterInput | None = None
    status: OrderStatusEnumFilterInput | None = None
    checkout_token: UUIDFilterInput | None = None
    checkout_id: GlobalIDFilterInput | None = None
    is_click_and_collect: bool | None = None
    is_gift_card_used: bool | None = None
    is_gift_card_bought: bool | None = None
    AND: list[OrderWhereInput] | None = strawberry.field(default=None, name="AND")
    OR: list[OrderWhereInput] | None = strawberry.field(default=None, name="OR")


@strawberry.input(description="Where filtering options for a customer's orders (`User.orders`): those of "
                  "OrderWhereInput but the user.")
class CustomerOrderWhereInput:
    ids: list[strawberry.ID] | None = None
    number: IntFilterInput | None = None
    channel_id: GlobalIDFilterInput | None = None
    created_at: DateTimeRangeInput | None = None
    updated_at: DateTimeRangeInput | None = None
    user_email: StringFilterInput | None = None
    authorize_status: OrderAuthorizeStatusEnumFilterInput | None = None
    charge_status: OrderChargeStatusEnumFilterInput | None = None
    status: OrderStatusEnumFilterInput | None = None
    checkout_token: UUIDFilterInput | None = None
    checkout_id: GlobalIDFilterInput | None = None
    is_click_and_collect: bool | None = None
    is_gift_card_used: bool | None = None
    is_gift_card_bought: bool | None = None
    AND: list[CustomerOrderWhereInput] | None = strawberry.field(default=None, name="AND")
    OR: list[CustomerOrderWhereInput] | None = strawberry.field(default=None, name="OR")


def as_order_where(given: CustomerOrderWhereInput) -> OrderWhereInput:
    """The same conditions as an OrderWhereInput (whose user the customer's orders already fix)."""
    shared = {name: getattr(given, name) for name in given.__dataclass_fields__ if name not in {"AND", "OR"}}
    return OrderWhereInput(**shared, AND=[as_order_where(part) for part in given.AND or []] or None,
                           OR=[as_order_where(part) for part in given.OR or []] or None)


def _limited(values: list[Any], name: str) -> list[Any]:
    if len(values) > MAX_FILTER_VALUES:
        raise GraphQLError(f"Filter `{name}` takes at most {MAX_FILTER_VALUES} values.")
    return values


def _pks(ids: list[str], type_name: str) -> list[object]:
    """Primary keys of the IDs of `type_name`, as their column holds them; IDs of other types, malformed
    ones and keys no row can have (a number for an order, an integer beyond the column) match nothing."""
    pks = []
    for global_id in _limited(ids, type_name):
        decoded = decode_global_id(global_id)
        key = _key(decoded[1], type_name) if decoded is not None and decoded[0] == type_name else None
        if key is not None:
            pks.append(key)
    return pks


def _key(pk: str, type_name: str) -> object | None:
    if type_name not in UUID_KEYED_TYPES:
        return int_pk(pk)
    try:
        return uuid.UUID(pk)
    except ValueError:
        return None


def _charge(name: str) -> Q:
    """Net charged (charged less refunded, plus the points cash paid for) against the total, as
    `points_charged` against total + refunded - cash-covered points."""
    due = F("total_points") + F("points_refunded") - F("cash_covered_points")
    nothing = F("points_refunded") - F("cash_covered_points")
    return {
        "FULL": Q(points_charged=due),
        "OVERCHARGED": Q(points_charged__gt=due),
        "NONE": Q(points_charged__lte=nothing) & Q(total_points__gt=0),
        "PARTIAL": Q(points_charged__gt=nothing) & Q(points_charged__lt=due),
    }[name]


def _authorize(name: str) -> Q:
    return {
        "FULL": Q(points_charged__gte=F("total_points") + F("points_refunded") - F("cash_covered_points")),
        "NONE": _charge("NONE"),
        "PARTIAL": _charge("PARTIAL"),
    }[name]


def _payment(name: str) -> Q:
    refunded = Q(points_refunded__gt=0)
    return {
        "FULLY_REFUNDED": refunded & Q(points_refunded__gte=F("points_charged")),
        "PARTIALLY_REFUNDED": refunded & Q(points_refunded__lt=F("points_charged")),
        "FULLY_CHARGED": Q(points_refunded=0, points_charged__gte=F("total_points")),
        "PARTIALLY_CHARGED": Q(points_refunded=0, points_charged__gt=0, points_charged__lt=F("total_points")),
        "NOT_CHARGED": Q(points_refunded=0, points_charged=0, total_points__gt=0),
    }.get(name, NOTHING)


def _status(name: str) -> Q:
    if name == "READY_TO_FULFILL":
        ready = [StoredStatus.UNFULFILLED, StoredStatus.PARTIALLY_FULFILLED]
        return Q(status__in=ready) & _payment("FULLY_CHARGED")
    if name == "READY_TO_CAPTURE":
        return NOTHING  # points are captured at completion
    if name.lower() not in set(StoredStatus):
        return NOTHING  # a Saleor status the mall never stores (draft, expired): no order has it
    return Q(status=name.lower())


def _any(names: list[Any], rule: Any) -> Q:
    return Q(*[rule(enum_name(name)) for name in names], join_type=Q.OR) if names else Q()


def _day_range(column: str, dates: DateRangeInput) -> Q:
    conditions = {}
    if dates.gte is not None:
        conditions[f"{column}__gte"] = datetime.combine(dates.gte, time.min, UTC)
    if dates.lte is not None:
        conditions[f"{column}__lte"] = datetime.combine(dates.lte, time.max, UTC)
    return Q(**conditions)


def _range(column: str, times: DateTimeRangeInput | IntRangeInput) -> Q:
    conditions = {}
    if times.gte is not None:
        conditions[f"{column}__gte"] = times.gte
    if times.lte is not None:
        conditions[f"{column}__lte"] = times.lte
    return Q(**conditions)


def search_filter(text: str) -> Q:
    """Number, e-mail, customer name, gift name or SKU."""
    words = text.strip()
    if not words:
        return Q()
    lines = OrderLine.filter(Q(product_name__icontains=words) | Q(product_sku__icontains=words)).values("order_id")
    alternatives = [Q(user_email__icontains=words), Q(id__in=Subquery(lines)), _customer(words)]
    number = int_pk(words.lstrip("#"))
    if number is not None:
        alternatives.append(Q(number=number))
    return Q(*alternatives, join_type=Q.OR)


def _customer(text: str) -> Q:
    return Q(
        Q(user_email__icontains=text), Q(user__first_name__icontains=text), Q(user__last_name__icontains=text),
        join_type=Q.OR,
    )


def _unsupported(flag: bool | None) -> Q:
    """Click and collect, preorders, gift cards: a points mall has none of them."""
    return NOTHING if flag else Q()


def filter_orders(given: OrderFilterInput) -> Q:
    conditions = [
        _any(given.payment_status or [], _payment),
        _any(given.status or [], _status),
        _any(given.authorize_status or [], _authorize),
        _any(given.charge_status or [], _charge),
        _customer(given.customer) if given.customer else Q(),
        search_filter(given.search) if given.search else Q(),
        _day_range("created_at", given.created) if given.created else Q(),
        _range("updated_at", given.updated_at) if given.updated_at else Q(),
        _unsupported(given.is_click_and_collect), _unsupported(given.is_preorder),
        _unsupported(given.gift_card_used), _unsupported(given.gift_card_bought),
    ]
    if given.channels is not None:
        conditions.append(Q(channel_id__in=_pks(given.channels, "Channel")))
    if given.ids is not None:
        conditions.append(Q(id__in=_pks(given.ids, "Order")))
    if given.checkout_tokens is not None:
        conditions.append(Q(checkout_token__in=_limited(given.checkout_tokens, "checkoutTokens")))
    if given.checkout_ids is not None:
        conditions.append(Q(checkout_token__in=_pks(given.checkout_ids, "Checkout")))
    if given.numbers is not None:
        numbers = [int_pk(n) for n in _limited(given.numbers, "numbers")]
        conditions.append(Q(number__in=[n for n in numbers if n is not None]))
    return Q(*conditions)


def _one_of(column: str, eq: Any, one_of: list[Any] | None, convert: Any = lambda value: value) -> Q:
    if eq is not None:
        return Q(**{column: convert(eq)})
    if one_of is not None:
        return Q(**{f"{column}__in": [convert(value) for value in _limited(one_of, column)]})
    return Q()


def _status_where(given: OrderStatusEnumFilterInput) -> Q:
    """`where: {status}` by the same rule as the filter's: Saleor statuses the mall never stores match nothing."""
    if given.eq is not None:
        return _status(enum_name(given.eq))
    if given.one_of is not None:
        names = _limited(given.one_of, "status")
        return Q(*[_status(enum_name(name)) for name in names], join_type=Q.OR) if names else NOTHING
    return Q()


def _ids_filter(column: str, given: GlobalIDFilterInput | None, type_name: str) -> Q:
    if given is None:
        return Q()
    ids = [given.eq] if given.eq is not None else given.one_of or []
    return Q(**{f"{column}__in": _pks(ids, type_name)})


def where_orders(given: OrderWhereInput) -> Q:
    conditions = [
        Q(id__in=_pks(given.ids, "Order")) if given.ids is not None else Q(),
        _ids_filter("channel_id", given.channel_id, "Channel"),
        _ids_filter("user_id", given.user, "User"),
        _ids_filter("checkout_token", given.checkout_id, "Checkout"),
        _range("created_at", given.created_at) if given.created_at else Q(),
        _range("updated_at", given.updated_at) if given.updated_at else Q(),
        _unsupported(given.is_click_and_collect), _unsupported(given.is_gift_card_used),
        _unsupported(given.is_gift_card_bought),
    ]
    if given.number is not None:
        conditions.append(_one_of("number", given.number.eq, given.number.one_of))
        if given.number.range is not None:
            conditions.append(_range("number", given.number.range))
    if given.user_email is not None:
        conditions.append(_one_of("user_email", given.user_email.eq, given.user_email.one_of))
    if given.checkout_token is not None:
        conditions.append(_one_of("checkout_token", given.checkout_token.eq, given.checkout_token.one_of))
    if given.status is not None:
        conditions.append(_status_where(given.status))
    for chosen, rule in ((given.authorize_status, _authorize), (given.charge_status, _charge)):
        if chosen is not None:
            conditions.append(_any([chosen.eq] if chosen.eq is not None else chosen.one_of or [], rule))
    conditions += [where_orders(part) for part in given.AND or []]
    if given.OR:
        conditions.append(Q(*[where_orders(part) for part in given.OR], join_type=Q.OR))
    return Q(*conditions)


def order_sort(sort_by: OrderSortingInput | None) -> list[SortKey]:
    """Newest first by default (Saleor's `-number`)."""
    if sort_by is None:
        return [SortKey("number", descending=True)]
    return [SortKey(SORT_COLUMNS[enum_name(sort_by.field)], descending=enum_name(sort_by.direction) == "DESC")]
