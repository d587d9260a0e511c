"""Saleor's `customerCreate` and `customerBulkDelete` (the Dashboard's customer list and its "create customer"
page), for staff with MANAGE_USERS.

The operator creates any member. An issuer's staff create their bank's members only: the new account joins
the bank's roster under the bank's customer reference (`externalReference`, required from them), in the same
transaction, so a refused enrolment leaves no account behind. A partner's staff, who see customers only for
shipping, create and remove none (PermissionDenied).
"""

from __future__ import annotations

from typing import Annotated

import strawberry

from mall.accounts import customers
from mall.accounts.addresses import AddressData
from mall.accounts.auth import Principal, Scope
from mall.accounts.customer_scope import CustomerDetail, Enrolment, customer_detail, customers_in_scope, enrolment_of
from mall.accounts.errors import AccountsErrorCode
from mall.accounts.graphql.inputs import AddressInput, address_data
from mall.accounts.graphql.mutations import ACCOUNT_ERRORS, user_node
from mall.accounts.graphql.payloads import UserRef
from mall.accounts.graphql.types import AccountError
from mall.accounts.models import ScopeKind
from mall.accounts.models import User as UserModel
from mall.channels.errors import ChannelsErrorCode
from mall.channels.models import Channel
from mall.graphql.context import Info
from mall.graphql.enums import LanguageCodeEnum, enum_name
from mall.graphql.errors import DomainError, PermissionDenied
from mall.graphql.ids import not_found, parse_int_id_for_mutation
from mall.graphql.inputs import MetadataInput, metadata_dict
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import require_permission

ERRORS = "List of errors that occurred executing the mutation."
# the catalogue's input, named lazily (it sits above accounts)
LazyAttributeValueInput = Annotated["AttributeValueInput", strawberry.lazy("catalog.graphql.admin.inputs")]  # noqa: F821
MAX_BULK_IDS = 100  # one page of the Dashboard's customer list


@strawberry.input(name="UserCreateInput", description="Fields required to create a customer.")
class UserCreateInput:
    default_billing_address: AddressInput | None = strawberry.field(default=None, description="Billing address of "
                                                                    "the customer.")
    default_shipping_address: AddressInput | None = strawberry.field(default=None, description="Shipping address "
                                                                     "of the customer.")
    first_name: str | None = strawberry.field(default=None, description="Given name.")
    last_name: str | None = strawberry.field(default=None, description="Family name.")
    email: str | None = strawberry.field(default=None, description="The unique email address of the user.")
    is_active: bool | None = strawberry.field(default=None, description="User account is active.")
    note: str | None = strawberry.field(default=None, description="A note about the user.")
    metadata: list[MetadataInput] | None = strawberry.field(default=None, description="User public metadata.")
    private_metadata: list[MetadataInput] | None = strawberry.field(default=None, description="User private "
                                                                    "metadata.")
    language_code: LanguageCodeEnum | None = strawberry.field(default=None, description="User language code.")
    external_reference: str | None = strawberry.field(
        default=None, description="External ID of the customer. Points mall: from an issuer's staff, the bank's "
        "customer reference the member joins the bank's roster under (required from them).")
    is_confirmed: bool | None = strawberry.field(
        default=None, description="Ignored: the account is confirmed when the member sets their password.",
        deprecation_reason="The user will be always set as unconfirmed. The confirmation will take place when the "
        "user sets the password.")
    customer_type: strawberry.ID | None = strawberry.field(default=None, description="Points mall: no customer "
                                                           "types exist, so none can be named.")
    attributes: list[LazyAttributeValueInput] | None = strawberry.field(
        default=None, description="Points mall: customers have no attributes, so none can be given.")
    redirect_url: str | None = strawberry.field(default=None, description="URL of a view where users should be "
                                                "redirected to set the password. URL in RFC 1808 format.")
    channel: str | None = strawberry.field(default=None, description="Slug of a channel which will be used for "
                                           "notify user; its bank's programme welcomes the member.")


@strawberry.type(name="CustomerCreate", description="Creates a new customer.")
class CustomerCreate:
    errors: list[AccountError] = strawberry.field(default_factory=list, description=ERRORS)
    user: UserRef | None = strawberry.field(default=None, description="The created customer.")


@strawberry.type(name="CustomerBulkDelete", description="Deletes customers (anonymised: points and orders are "
                 "kept).")
class CustomerBulkDelete:
    count: int = strawberry.field(default=0, description="Returns how many objects were affected.")
    errors: list[AccountError] = strawberry.field(default_factory=list, description=ERRORS)


async def _creator(info: Info) -> Principal:
    """Raises PermissionDenied unless the caller may create members (MANAGE_USERS, a scope that can)."""
    principal = await require_permission(info, "MANAGE_USERS")
    if principal.scope is not None and enrolment_of(principal.scope) is None:
        raise PermissionDenied(message="Your scope sees customers for shipping only: it cannot create them.")
    return principal


def _address(given: AddressInput | None) -> AddressData | None:
    return address_data(given) if given is not None else None


def _new_customer(given: UserCreateInput, scoped: bool) -> customers.NewCustomer:
    if given.customer_type is not None or given.attributes:
        raise DomainError.single("customer_type" if given.customer_type is not None else "attributes",
                                 "A points mall has no customer types or customer attributes.",
                                 AccountsErrorCode.INVALID)
    return customers.NewCustomer(
        email=given.email or "", first_name=given.first_name or "", last_name=given.last_name or "",
        note=given.note, is_active=given.is_active is not False,
        language_code=enum_name(given.language_code) if given.language_code else "EN",
        metadata=metadata_dict(given.metadata) or {}, private_metadata=metadata_dict(given.private_metadata) or {},
        # an issuer's reference names the member in its roster, not the account (other banks may reuse it)
        external_reference=None if scoped else given.external_reference or None,
        shipping_address=_address(given.default_shipping_address),
        billing_address=_address(given.default_billing_address),
        redirect_url=given.redirect_url, channel_slug=given.channel,
    )


async def _check_channel_in_scope(scope: Scope, slug: str) -> None:
    """A bank's staff welcome members into their own bank's channels only (another bank's would book its
    welcome points); raises ChannelsErrorCode NOT_FOUND, as for an unknown slug."""
    if not await Channel.filter(slug=slug, issuer_code=scope.code).exists() or scope.kind != ScopeKind.ISSUER:
        raise DomainError.single("channel", f"Channel with '{slug}' slug does not exist.", ChannelsErrorCode.NOT_FOUND)


async def _create(info: Info, given: UserCreateInput) -> CustomerCreate:
    principal = await _creator(info)
    scope = principal.scope
    if scope is not None and given.channel:
        await _check_channel_in_scope(scope, given.channel)
    user = await customers.create_customer(_new_customer(given, scope is not None), info.context.settings)
    enrol = enrolment_of(scope) if scope is not None else None
    if scope is not None and enrol is not None:
        name = f"{user.first_name} {user.last_name}".strip()
        await enrol(scope.code, Enrolment(email=user.email, name=name, reference=given.external_reference))
    return CustomerCreate(user=user_node(user))


async def _customers_to_remove(info: Info, ids: list[strawberry.ID]) -> list[UserModel]:
    """The members named, locked; raises NOT_FOUND naming the first ID outside the caller's members."""
    principal = await require_permission(info, "MANAGE_USERS")
    if customer_detail(principal.scope) != CustomerDetail.FULL:
        raise PermissionDenied(message="Your scope sees customers for shipping only: it cannot remove them.")
    if len(ids) > MAX_BULK_IDS:
        raise DomainError.single("ids", f"At most {MAX_BULK_IDS} customers at a time.",
                                 AccountsErrorCode.INVALID)
    wanted = {parse_int_id_for_mutation(global_id, "User", "ids"): global_id for global_id in ids}
    found = await UserModel.filter(customers_in_scope(principal.scope), id__in=list(wanted),
                                   is_staff=False).order_by("id").select_for_update()
    missing = [global_id for pk, global_id in wanted.items() if pk not in {user.id for user in found}]
    if missing:
        raise not_found(missing[0], "ids")
    return list(found)


@strawberry.type
class CustomerCreateMutations:
    @strawberry.mutation(description="Creates a new customer. Requires one of the following permissions: "
                         "MANAGE_USERS. An issuer's staff create their bank's members (with the bank's customer "
                         "reference as `externalReference`); a partner's staff none.")
    async def customer_create(self, info: Info, input: UserCreateInput) -> CustomerCreate | None:
        return await run_in_transaction(CustomerCreate, AccountError, ACCOUNT_ERRORS, lambda: _create(info, input))

    @strawberry.mutation(description="Deletes customers: each account is anonymised and switched off, points and "
                         "orders keep their owner. All or none: an ID outside the caller's members refuses the "
                         "whole batch. Requires one of the following permissions: MANAGE_USERS.")
    async def customer_bulk_delete(self, info: Info, ids: list[strawberry.ID]) -> CustomerBulkDelete | None:
        async def work() -> CustomerBulkDelete:
            removed = await _customers_to_remove(info, ids)
            for user in removed:  # in id order, as locked
                await customers.remove_customer(user)
            return CustomerBulkDelete(count=len(removed))

        return await run_in_transaction(CustomerBulkDelete, AccountError, ACCOUNT_ERRORS, work)
