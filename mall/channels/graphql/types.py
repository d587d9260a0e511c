"""GraphQL types of channels: Channel (Saleor's, with its field permissions) and ChannelError."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Annotated, Any

import strawberry

from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.channels.models import Channel as ChannelModel
from mall.channels.unit_names import unit_name_for_amount
from mall.graphql.common import CountryDisplay, Node, ObjectWithMetadata, country_display
from mall.graphql.context import Info
from mall.graphql.enums import (
    AllocationStrategyEnum,
    ChannelErrorCode,
    LanguageCodeEnum,
    MarkAsPaidStrategyEnum,
    TransactionFlowStrategyEnum,
    enum_name,
)
from mall.graphql.ids import to_global_id
from mall.graphql.permissions import require_permission, require_staff_or_app
from mall.graphql.saleor_absent.generated import TaxConfiguration

# Warehouses are the catalogue's, above channels: the composition root hands in how to list a channel's
# (mall.wiring), and the type is named lazily.
WarehouseRef = Annotated["Warehouse", strawberry.lazy("catalog.graphql.inventory")]  # noqa: F821
ChannelWarehouses = Callable[[Info, int], Awaitable[list[Any]]]
_channel_warehouses: list[ChannelWarehouses] = []


def set_channel_warehouses_source(source: ChannelWarehouses) -> None:
    """Register how `Channel.warehouses` lists the warehouses shipping a channel's orders (idempotent)."""
    _channel_warehouses[:] = [source]


def untaxed(channel: Channel) -> TaxConfiguration:
    """Points carry no tax: every channel's configuration charges none and shows prices as entered."""
    return TaxConfiguration(id=strawberry.ID(to_global_id("TaxConfiguration", channel.model.id)),
                            channel=channel, charge_taxes=False, display_gross_prices=True,
                            prices_entered_with_tax=True, countries=[])


@strawberry.type(description="Represents the channel stock settings.")
class StockSettings:
    allocation_strategy: AllocationStrategyEnum = strawberry.field(
        description="Allocation strategy defines the preference of warehouses for allocations and reservations."
    )


@strawberry.type
class OrderSettings:
    automatically_confirm_all_new_orders: bool = strawberry.field(
        description="When enabled, all non-shippable gift card orders will be fulfilled automatically."
    )
    automatically_fulfill_non_shippable_gift_card: bool
    mark_as_paid_strategy: MarkAsPaidStrategyEnum
    allow_unpaid_orders: bool
    delete_expired_orders_after: int = strawberry.field(
        description="Days after which expired orders are deleted: the mall deletes no order (0).", default=0)
    expire_orders_after: int | None = strawberry.field(
        description="Minutes after which unpaid orders expire: none, orders exist only once paid.", default=None)


@strawberry.type
class CheckoutSettings:
    use_legacy_error_flow: bool
    automatically_complete_fully_paid_checkouts: bool
    allow_legacy_gift_card_use: bool = strawberry.field(description="The mall has no gift cards.", default=False)
    automatic_completion_delay: int | None = strawberry.field(
        description="Minutes before a paid checkout is completed automatically: never.", default=None)
    automatic_completion_cut_off_date: datetime | None = strawberry.field(
        description="Checkouts created before this date are not completed automatically: none.", default=None)


@strawberry.type
class PaymentSettings:
    default_transaction_flow_strategy: TransactionFlowStrategyEnum
    release_funds_for_expired_checkouts: bool | None = strawberry.field(
        description="Points held by an abandoned checkout are released by `mall worker` (void expired holds).",
        default=True)
    checkout_ttl_before_releasing_funds: int | None = strawberry.field(
        description="Hours before funds of an expired checkout are released: set by the hold's expiry.", default=None)


@strawberry.type(description="Points mall: what members call a programme's points unit in one language.")
class PointsUnitName:
    language_code: LanguageCodeEnum = strawberry.field(description="The language.")  # type: ignore[valid-type]
    name: str = strawberry.field(description="The unit's name in it, e.g. points or 积分.")


def named_units(names: dict[str, str]) -> list[PointsUnitName]:
    """The names a programme set, in language-code order (codes the API does not know are left out)."""
    return [PointsUnitName(language_code=LanguageCodeEnum[code], name=name)
            for code, name in sorted(names.items()) if code in LanguageCodeEnum.__members__]


@strawberry.type(description="Represents channel: one issuing bank's points mall.")
class Channel(Node, ObjectWithMetadata):
    model: strawberry.Private[ChannelModel]

    @classmethod
    def of(cls, model: ChannelModel) -> Channel:
        return cls(id=to_global_id("Channel", model.id), model=model)

    @strawberry.field(description="Slug of the channel.")
    def slug(self) -> str:
        return self.model.slug

    @strawberry.field(description="Name of the channel. Requires one of: AUTHENTICATED_APP, AUTHENTICATED_STAFF_USER.")
    async def name(self, info: Info) -> str:
        await require_staff_or_app(info)
        return self.model.name

    @strawberry.field(
        description="Whether the channel is active. Requires one of: AUTHENTICATED_APP, AUTHENTICATED_STAFF_USER."
    )
    async def is_active(self, info: Info) -> bool:
        await require_staff_or_app(info)
        return self.model.is_active

    @strawberry.field(
        description="The channel's points unit (e.g. PTS); every price in the channel is a whole number of it. "
        "Requires one of: AUTHENTICATED_APP, AUTHENTICATED_STAFF_USER."
    )
    async def currency_code(self, info: Info) -> str:
        await require_staff_or_app(info)
        return self.model.currency_code

    @strawberry.field(description="Points mall: what members call the channel's points unit in `languageCode`: "
                      "its programme's name for the language (its singular name beside an `amount` of 1), else the "
                      "unit code in English and 积分 in Chinese.")
    def points_unit_name(
        self, language_code: Annotated[LanguageCodeEnum, strawberry.argument(  # type: ignore[valid-type]
            description="The member's language.")],
        amount: Annotated[int | None, strawberry.argument(
            description="The amount shown beside the name: 1 reads the singular name, if set.")] = None,
    ) -> str:
        return unit_name_for_amount(amount, self.model.points_unit_names, self.model.one_point_names,
                                    enum_name(language_code), self.model.currency_code)

    @strawberry.field(description="Points mall: the names the channel's programme gives its points unit, "
                      "one per language it named.")
    def points_unit_names(self) -> list[PointsUnitName]:
        return named_units(self.model.points_unit_names)

    @strawberry.field(description="Points mall: the names of one point of the channel's unit (\"1 point\"), one "
                      "per language its programme named; other languages read `pointsUnitNames` beside 1 too.")
    def points_unit_names_singular(self) -> list[PointsUnitName]:
        return named_units(self.model.one_point_names)

    @strawberry.field(description="Points mall: days after delivery a member may still ask to return gifts.")
    def return_window_days(self) -> int:
        return self.model.return_window_days

    @strawberry.field(description="Whether a channel has associated orders. Requires MANAGE_CHANNELS.")
    async def has_orders(self, info: Info) -> bool:
        await require_permission(info, "MANAGE_CHANNELS")
        return False

    @strawberry.field(
        description="Default country for the channel. Requires one of: AUTHENTICATED_APP, AUTHENTICATED_STAFF_USER."
    )
    async def default_country(self, info: Info) -> CountryDisplay:
        await require_staff_or_app(info)
        return country_display(self.model.default_country)

    @strawberry.field(description="List of shippable countries for the channel.")
    def countries(self) -> list[CountryDisplay] | None:
        return [country_display(self.model.default_country)]

    @strawberry.field(description="Define the stock setting for this channel.")
    async def stock_settings(self, info: Info) -> StockSettings:
        await require_staff_or_app(info)
        return StockSettings(allocation_strategy=AllocationStrategyEnum["PRIORITIZE_SORTING_ORDER"])

    @strawberry.field(description="Channel-specific order settings. Requires MANAGE_CHANNELS or MANAGE_ORDERS.")
    async def order_settings(self, info: Info) -> OrderSettings:
        await require_permission(info, "MANAGE_CHANNELS", "MANAGE_ORDERS")
        return OrderSettings(
            automatically_confirm_all_new_orders=True,
            automatically_fulfill_non_shippable_gift_card=True,
            mark_as_paid_strategy=MarkAsPaidStrategyEnum["TRANSACTION_FLOW"],
            allow_unpaid_orders=False,
        )

    @strawberry.field(description="Channel-specific checkout settings. Requires MANAGE_CHANNELS or MANAGE_CHECKOUTS.")
    async def checkout_settings(self, info: Info) -> CheckoutSettings:
        await require_permission(info, "MANAGE_CHANNELS", "MANAGE_CHECKOUTS")
        return CheckoutSettings(use_legacy_error_flow=False, automatically_complete_fully_paid_checkouts=False)

    @strawberry.field(description="Channel-specific payment settings. Requires MANAGE_CHANNELS or HANDLE_PAYMENTS.")
    async def payment_settings(self, info: Info) -> PaymentSettings:
        await require_permission(info, "MANAGE_CHANNELS", "HANDLE_PAYMENTS")
        return PaymentSettings(default_transaction_flow_strategy=TransactionFlowStrategyEnum["AUTHORIZATION"])

    @strawberry.field(description="List of warehouses assigned to this channel, in allocation order (a "
                      "partner's staff see their partner's). Requires one of: AUTHENTICATED_APP, "
                      "AUTHENTICATED_STAFF_USER.")
    async def warehouses(self, info: Info) -> list[WarehouseRef]:
        await require_staff_or_app(info)
        return await _channel_warehouses[0](info, self.model.id) if _channel_warehouses else []

    @strawberry.field(description="Tax configuration of the channel: points are never taxed. Requires one of: "
                      "AUTHENTICATED_APP, AUTHENTICATED_STAFF_USER.")
    async def tax_configuration(self, info: Info) -> TaxConfiguration:
        await require_staff_or_app(info)
        return untaxed(self)

    @strawberry.field(description="Points mall: code of the issuing bank whose programme this channel is.")
    async def issuer_code(self, info: Info) -> str | None:
        await require_staff_or_app(info)
        return self.model.issuer_code


@strawberry.type
class ChannelError:
    field: str | None = strawberry.field(description="Name of a field that caused the error.")
    message: str | None = strawberry.field(description="The error message.")
    code: ChannelErrorCode = strawberry.field(description="The error code.")


async def channels_visible_to_staff(user: UserModel) -> list[ChannelModel]:
    """All channels for the operator; an issuer-scoped user sees its issuer's; a partner-scoped one all."""
    query = ChannelModel.all()
    if user.scope_kind == ScopeKind.ISSUER:
        query = query.filter(issuer_code=user.scope_code)
    return list(await query.order_by("slug"))
