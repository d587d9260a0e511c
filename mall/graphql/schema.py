"""The one strawberry schema, assembled from every domain's GraphQL module (the composition root)."""

from __future__ import annotations

from functools import cache

import strawberry
from strawberry.schema.config import StrawberryConfig

from bank_link.graphql.schema import BankMutations, BankQueries
from bank_link.issuers import issuer_terms
from bank_link.members import issuer_members
from bank_link.policy import expiry_policy_for_channel
from bank_link.sso import BANK_SSO_PLUGIN_ID, BankSignOn
from catalog.graphql.mutations import CatalogMutations
from catalog.graphql.queries import CatalogQueries
from catalog.graphql.reuse import PRODUCT_RENDER_POLICY
from catalog.graphql.types import CATALOG_TYPES
from fulfilment.graphql.schema import FULFILMENT_TYPES, FulfilmentMutations, FulfilmentQueries
from mall.accounts.customer_scope import CustomerDetail, CustomerScopeRule, register_customer_scope
from mall.accounts.external_auth import register_external_auth
from mall.accounts.graphql.mutations import AccountMutations, AuthMutations, StaffMutations
from mall.accounts.graphql.queries import AccountQueries
from mall.accounts.graphql.types import Address
from mall.accounts.graphql.visibility import may_see_user
from mall.accounts.models import Address as AddressModel
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.channels.graphql.schema import ChannelMutations, ChannelQueries
from mall.channels.graphql.types import Channel
from mall.channels.models import Channel as ChannelModel
from mall.channels.services import set_issuer_terms_source
from mall.graphql.boundary import guard_mutations
from mall.graphql.common import Node
from mall.graphql.composed import User
from mall.graphql.context import Info
from mall.graphql.ids import int_pk
from mall.graphql.node import register_node, resolve_node
from mall.graphql.permissions import has_any_permission
from mall.graphql.planned.reuse import ReusePolicy
from mall.graphql.scalars import SCALAR_MAP
from mall.graphql.shop import ShopQueries
from mall.ledger.graphql.mutations import PointsMutations
from mall.ledger.policy import set_channel_policy_source
from orders.graphql.schema import ORDER_TYPES, OrderQueries, RedemptionMutations
from orders.services.visibility import partner_buyers
from partners.graphql.schema import PartnerMutations, PartnerQueries
from partners.settlement.graphql.schema import SettlementMutations, SettlementQueries


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


register_node("User", _load_user)
register_node("Address", _load_address)
register_node("Channel", _load_channel)
register_external_auth(BANK_SSO_PLUGIN_ID, BankSignOn())
set_channel_policy_source(expiry_policy_for_channel)  # staff credits follow the issuer's expiry policy
set_issuer_terms_source(issuer_terms)  # a channel naming its issuer shows points at the issuer's rate
# Which customers scoped staff and apps see: an issuer's its members, all of them; a partner's its buyers,
# what shipping needs.
register_customer_scope(ScopeKind.ISSUER, CustomerScopeRule(issuer_members, CustomerDetail.FULL))
register_customer_scope(ScopeKind.PARTNER, CustomerScopeRule(partner_buyers, CustomerDetail.SHIPPING))


@strawberry.type
class NodeQueries:
    @strawberry.field(description="Fetches an object given its ID.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await resolve_node(info, id)


@strawberry.type(name="Query")
class Query(
    NodeQueries, ShopQueries, AccountQueries, ChannelQueries, PartnerQueries, CatalogQueries, OrderQueries,
    FulfilmentQueries, BankQueries, SettlementQueries,
):
    pass


@strawberry.type(name="Mutation")
class Mutation(
    AuthMutations, AccountMutations, StaffMutations, ChannelMutations, PartnerMutations, PointsMutations,
    CatalogMutations, RedemptionMutations, FulfilmentMutations, BankMutations, SettlementMutations,
):
    pass


@cache
def build_schema() -> strawberry.Schema:
    """Built once per process: strawberry schemas are expensive and must not be rebuilt per app."""
    guard_mutations(Mutation)  # refused input becomes each mutation's payload errors (mall/graphql/boundary.py)
    return strawberry.Schema(
        query=Query,
        mutation=Mutation,
        types=[User, Address, Channel, *CATALOG_TYPES, *ORDER_TYPES, *FULFILMENT_TYPES],
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
    )


def reuse_policy() -> ReusePolicy:
    """Which objects' rendered answers query plans may reuse (mall/graphql/planned/reuse.py): the
    catalogue's products, by its own policy."""
    return PRODUCT_RENDER_POLICY
