"""The composition root's start-up: hand each lower layer the lookups that live above it.

Dependencies point one way (kernel and ledger, then accounts and channels, then the domains), so a lower
layer that needs an answer only a higher one has (the ledger: an issuer's expiry policy; channels: an
issuer's rate; accounts: which customers a scope sees, the bank's sign-on; `node(id:)`: every domain's
types) declares a small hook, and this one function fills them all. Nothing registers at import time:
`create_app`, the CLI and the tests call `wire()` once at start-up; calling it again changes nothing.
"""

from __future__ import annotations

from bank_link.contacts import member_contact
from bank_link.issuers import issuer_terms
from bank_link.members import enrol_account, issuer_members
from bank_link.policy import expiry_policy_for_channel
from bank_link.sso import BANK_SSO_PLUGIN_ID, BankSignOn
from catalog.graphql.channel_warehouses import channel_warehouses
from catalog.graphql.queries import CATALOG_NODES
from catalog.services.stock import set_managed_stock_source
from catalog.tier_benefits import set_tier_benefits_source
from fulfilment.digital.delivery import fulfil_digital_lines
from fulfilment.digital.pools import pool_stock
from fulfilment.graphql.schema import FULFILMENT_NODES
from ledger.policy import set_channel_policy_source
from loyalty.benefits import benefits_of
from mall.accounts.customer_scope import CustomerDetail, CustomerScopeRule, register_customer_scope
from mall.accounts.external_auth import register_external_auth
from mall.accounts.models import ScopeKind
from mall.channels.graphql.types import set_channel_warehouses_source
from mall.channels.services import set_issuer_terms_source
from mall.graphql.node import register_node
from mall.graphql.schema import MALL_NODES
from mall.notifications.contacts import set_contact_source
from mall.sql import store_sqlite_datetimes_in_utc
from orders.graphql.queries import ORDER_NODES
from orders.services.completion import set_digital_delivery
from orders.services.visibility import partner_buyers
from settlement.graphql.schema import SETTLEMENT_NODES


def wire() -> None:
    """Fill every hook; idempotent."""
    store_sqlite_datetimes_in_utc()  # instants compare as text on SQLite: one offset for all of them
    set_channel_policy_source(expiry_policy_for_channel)  # staff credits follow the issuer's expiry policy
    set_issuer_terms_source(issuer_terms)  # a channel naming its issuer shows points at the issuer's rate
    register_external_auth(BANK_SSO_PLUGIN_ID, BankSignOn())
    set_digital_delivery(fulfil_digital_lines)  # lines of gifts that need no shipping, delivered at completion
    set_contact_source(member_contact)  # notifications reach members as their programme's roster says
    set_managed_stock_source(pool_stock)  # a code-backed gift's stock is its pool: staff cannot type another
    set_tier_benefits_source(benefits_of)  # tier prices, free delivery and reserved gifts (loyalty)
    set_channel_warehouses_source(channel_warehouses)  # `Channel.warehouses`: the catalogue's, by scope
    # Which customers scoped staff and apps see: an issuer's its members, all of them (and the members it
    # creates join its roster); a partner's its buyers, what shipping needs (and it creates none).
    register_customer_scope(ScopeKind.ISSUER, CustomerScopeRule(issuer_members, CustomerDetail.FULL, enrol_account))
    register_customer_scope(ScopeKind.PARTNER, CustomerScopeRule(partner_buyers, CustomerDetail.SHIPPING))
    for nodes in (MALL_NODES, CATALOG_NODES, ORDER_NODES, FULFILMENT_NODES, SETTLEMENT_NODES):
        for type_name, loader in nodes.items():
            register_node(type_name, loader)
