"""The one strawberry schema, assembled from every domain's GraphQL module (the composition root)."""

from __future__ import annotations

from functools import cache

import strawberry
from strawberry.schema.config import StrawberryConfig

from bank_link.graphql.schema import BankMutations, BankQueries
from cases.graphql.schema import CaseMutations, CaseQueries
from catalog.graphql.absent.mutations import AbsentMutations
from catalog.graphql.absent.queries import AbsentQueries
from catalog.graphql.admin.assignment_mutations import AttributeAssignmentMutations
from catalog.graphql.admin.attribute_mutations import AttributeMutations
from catalog.graphql.admin.mutations import CatalogAdminMutations
from catalog.graphql.admin.page_types import PageTypeMutations, PageTypeQueries
from catalog.graphql.admin.queries import AdminCatalogQueries
from catalog.graphql.admin.translation_mutations import TranslationMutations
from catalog.graphql.mutations import CatalogMutations
from catalog.graphql.mutations.pages import PageMutations
from catalog.graphql.promotions import PromotionMutations, PromotionQueries
from catalog.graphql.queries import CatalogQueries
from catalog.graphql.reuse import PRODUCT_RENDER_POLICY
from catalog.graphql.types import CATALOG_TYPES
from fulfilment.graphql.schema import FULFILMENT_TYPES, FulfilmentMutations, FulfilmentQueries
from ledger.graphql.mutations import PointsMutations
from loyalty.graphql.schema import LoyaltyMutations, LoyaltyQueries
from mall.accounts.graphql.customer_addresses import CustomerAddressMutations
from mall.accounts.graphql.customer_create import CustomerCreateMutations
from mall.accounts.graphql.customer_mutations import CustomerMutations
from mall.accounts.graphql.groups import GroupQueries
from mall.accounts.graphql.metadata import MetadataMutations
from mall.accounts.graphql.mutations import AccountMutations, AuthMutations, StaffMutations
from mall.accounts.graphql.queries import AccountQueries
from mall.accounts.graphql.staff_mutations import StaffChangeMutations
from mall.accounts.graphql.types import Address
from mall.accounts.graphql.visibility import may_see_user
from mall.accounts.models import Address as AddressModel
from mall.accounts.models import User as UserModel
from mall.channels.graphql.activation import ChannelActivationMutations
from mall.channels.graphql.schema import ChannelMutations, ChannelQueries
from mall.channels.graphql.types import Channel
from mall.channels.models import Channel as ChannelModel
from mall.graphql.boundary import guard_mutations
from mall.graphql.common import Node
from mall.graphql.composed import ShopQueries, User
from mall.graphql.context import Info
from mall.graphql.ids import int_pk
from mall.graphql.node import NodeLoader, resolve_node
from mall.graphql.permissions import has_any_permission
from mall.graphql.planned.reuse import ReusePolicy
from mall.graphql.saleor_absent.generated import (
    GENERATED_TYPES,
    SALEORABSENTMUTATIONS,
    SaleorAbsentMutations,
    SaleorAbsentQueries,
)
from mall.graphql.scalars import SCALAR_MAP
from mall.graphql.shop_settings import ShopSettingsMutations
from mall.notifications.graphql.schema import NotificationMutations
from orders.graphql.confirmation import ConfirmationMutations
from orders.graphql.flash_sales import FlashSaleMutations, FlashSaleQueries
from orders.graphql.schema import ORDER_TYPES, OrderQueries, RedemptionMutations
from orders.graphql.vouchers import VoucherMutations, VoucherQueries
from partners.graphql.schema import PartnerMutations, PartnerQueries
from settlement.graphql.schema import SettlementMutations, SettlementQueries


async def _load_user(info: Info, pk: str) -> User | None:
    principal = await info.context.principal()
    own = principal.user is not None and str(principal.user.id) == pk
    if not own and not has_any_permission(principal, ("MANAGE_USERS", "MANAGE_STAFF", "MANAGE_ORDERS")):
        return None
    key = int_pk(pk)
    model = await UserModel.get_or_none(id=key) if key is not None else None
    return User.of(model) if model and await may_see_user(info, model) else None


async def _load_address(info: Info, pk: str) -> Address | None:
    user = await info.context.user()
    key = int_pk(pk)
    model = await AddressModel.get_or_none(id=key, user_id=user.id) if user and key is not None else None
    return Address.of(model) if model else None


async def _load_channel(info: Info, pk: str) -> Channel | None:
    key = int_pk(pk)
    model = await ChannelModel.get_or_none(id=key) if key is not None else None
    return Channel.of(model) if model else None


# The kernel's types `node(id:)` resolves (registered at start-up by mall.wiring, never at import)
MALL_NODES: dict[str, NodeLoader] = {"User": _load_user, "Address": _load_address, "Channel": _load_channel}


@strawberry.type
class NodeQueries:
    @strawberry.field(description="Fetches an object given its ID.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await resolve_node(info, id)


# The mall's own root fields, without the generated stand-ins for Saleor's concepts it lacks: what
# tools/generate_saleor_absent.py compares Saleor's schema with (so that regenerating never depends on the
# previous run's output).
@strawberry.type(name="OwnQuery")
class OwnQuery(
    NodeQueries, ShopQueries, AccountQueries, ChannelQueries, PartnerQueries, CatalogQueries, OrderQueries,
    FulfilmentQueries, BankQueries, SettlementQueries, LoyaltyQueries, CaseQueries, GroupQueries, FlashSaleQueries,
    AdminCatalogQueries, AbsentQueries,  # the Saleor Dashboard's catalogue (issue 17)
    PageTypeQueries,  # page types (issue 17)
    PromotionQueries,  # catalogue promotions (issue 20)
    VoucherQueries,  # vouchers and codes (issue 20)
):
    pass


@strawberry.type(name="OwnMutation")
class OwnMutation(
    AuthMutations, AccountMutations, StaffMutations, ChannelMutations, PartnerMutations, PointsMutations,
    CatalogMutations, RedemptionMutations, FulfilmentMutations, BankMutations, SettlementMutations, LoyaltyMutations,
    CaseMutations, ChannelActivationMutations, MetadataMutations, CustomerMutations,
    CustomerCreateMutations, CustomerAddressMutations,  # the Dashboard's customer pages (issue 17)
    ShopSettingsMutations,  # site settings (issue 17)
    StaffChangeMutations, FlashSaleMutations, NotificationMutations, ConfirmationMutations,
    CatalogAdminMutations, AttributeMutations, TranslationMutations, AbsentMutations,  # the Saleor Dashboard (issue 17)
    PageMutations,  # the programme's content pages from the Dashboard (issue 17)
    PageTypeMutations,  # page types and their attributes (issue 17)
    AttributeAssignmentMutations,  # attributes on product types (issue 17)
    PromotionMutations,  # catalogue promotions (issue 20)
    VoucherMutations,  # vouchers and codes (issue 20)
):
    pass


@strawberry.type(name="Query")
class Query(
    OwnQuery,
    SaleorAbsentQueries,  # Saleor's concepts a points mall lacks, answered truthfully (kept last: ours win)
):
    pass


@strawberry.type(name="Mutation")
class Mutation(
    OwnMutation,
    SaleorAbsentMutations,  # Saleor's concepts a points mall lacks: each answers a clear error code
):
    pass


def own_types() -> list[type]:
    """The types the schema names besides those reached from its roots (the generated ones excepted)."""
    return [User, Address, Channel, *CATALOG_TYPES, *ORDER_TYPES, *FULFILMENT_TYPES]


@cache
def build_schema() -> strawberry.Schema:
    """Built once per process: strawberry schemas are expensive and must not be rebuilt per app."""
    # refused input becomes each mutation's payload errors (mall/graphql/boundary.py)
    guard_mutations(Mutation, frozenset(SALEORABSENTMUTATIONS))
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[*own_types(), *GENERATED_TYPES],
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
    )


def reuse_policy() -> ReusePolicy:
    """Which objects' rendered answers query plans may reuse (mall/graphql/planned/reuse.py): the
    catalogue's products, by its own policy."""
    return PRODUCT_RENDER_POLICY
