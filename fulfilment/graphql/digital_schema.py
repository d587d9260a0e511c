"""Digital gifts in the API, under mall-only names: `giftCodes`, `digitalIssues`, `digitalGiftConfigure`,
`digitalCodesUpload`, `digitalCodesMarkUsed`, `digitalContractUpdate`, `digitalIssueRetry`.

Partners (MANAGE_PRODUCTS, scoped to their partner) make their variants digital and upload their codes;
the operator sets partners' digital contracts (MANAGE_PARTNERS) and revives dead issuing requests
(MANAGE_ORDERS). `giftCodes` answers a member with their own codes in clear; staff who may see an order
read its vouchers masked (a partner's staff: their own lines only); nobody else finds any.
"""

from __future__ import annotations

import datetime
import secrets
from enum import Enum
from typing import Annotated

import strawberry
from graphql import GraphQLError

from catalog.errors import CatalogErrorCode
from catalog.graphql.mutations.common import editor_of, int_id
from fulfilment.digital import levels, pools, vouchers
from fulfilment.digital.issuing import PendingIssue, pending_issues, retry_issue
from fulfilment.digital.models import DigitalContract as DigitalContractModel
from fulfilment.digital.models import DigitalGift as DigitalGiftModel
from fulfilment.digital.models import DigitalIssue as DigitalIssueModel
from fulfilment.digital.models import DigitalMode, UnusedCodePolicy
from fulfilment.digital.vault import vault_for
from fulfilment.errors import FulfilmentErrorCode
from fulfilment.graphql.shipment_mutations import MANAGE_ORDERS, shipper_of
from kernel import clock
from kernel.errors import DomainError
from mall.accounts.models import ScopeKind
from mall.actors import missing
from mall.graphql.context import Info
from mall.graphql.error_codes import ErrorCodes, all_but, same_names
from mall.graphql.errors import PermissionDenied
from mall.graphql.ids import parse_int_id_for_mutation, to_global_id
from mall.graphql.mutations import run_in_transaction
from mall.graphql.permissions import has_any_permission, require_permission
from orders.graphql.inputs import uuid_id
from orders.graphql.order_access import view_of
from orders.models import Order as OrderModel
from orders.services.visibility import OrderView
from partners.models import Partner

MANAGE_PARTNERS = "MANAGE_PARTNERS"
MAX_CSV_CHARACTERS = 900_000  # within the request body limit, with room for the rest of the document
MAX_URL_LENGTH = 500
# A pool below this many unsold codes is flagged in the console: about a day of a popular voucher's sales.
DEFAULT_LOW_STOCK_CODES = 20


@strawberry.enum(description="Points mall: error codes of digital gift mutations.")
class DigitalGiftErrorCode(Enum):
    INVALID = "INVALID"
    REQUIRED = "REQUIRED"
    NOT_FOUND = "NOT_FOUND"
    UNIQUE = "UNIQUE"
    GRAPHQL_ERROR = "GRAPHQL_ERROR"


# Fulfilment's shipment codes never reach these mutations; the catalogue's (a variant or warehouse not found
# or another partner's, stock below what is allocated, a SKU) do when a gift is configured.
_SHIPMENT_ONLY = (
    FulfilmentErrorCode.ZERO_QUANTITY, FulfilmentErrorCode.FULFILL_ORDER_LINE,
    FulfilmentErrorCode.DUPLICATED_INPUT_ITEM, FulfilmentErrorCode.CANNOT_CANCEL_FULFILLMENT,
)
DIGITAL_ERRORS = ErrorCodes(
    DigitalGiftErrorCode,
    same_names(FulfilmentErrorCode, DigitalGiftErrorCode, unreachable=_SHIPMENT_ONLY),
    same_names(CatalogErrorCode, DigitalGiftErrorCode, unreachable=all_but(
        CatalogErrorCode, CatalogErrorCode.REQUIRED, CatalogErrorCode.INVALID, CatalogErrorCode.UNIQUE,
        CatalogErrorCode.NOT_FOUND)),
)


@strawberry.enum(description="Points mall: how a digital gift reaches the member.")
class DigitalModeEnum(Enum):
    CODE_POOL = "code_pool"
    PARTNER_API = "partner_api"


@strawberry.enum(description="Points mall: what becomes of the code of a gift given back before the member saw it.")
class UnusedCodePolicyEnum(Enum):
    BURN = "burn"
    RETURN = "return"


@strawberry.enum(description="Points mall: a voucher's state.")
class DigitalVoucherStatusEnum(Enum):
    ACTIVE = "active"
    EXPIRED = "expired"
    USED = "used"
    VOID = "void"
    PENDING = "pending"
    DONE = "done"


@strawberry.type
class DigitalGiftError:
    field: str | None = strawberry.field(description="Name of the input field with the problem, or null.")
    message: str | None = strawberry.field(description="The error message.")
    code: DigitalGiftErrorCode = strawberry.field(description="The error code.")


@strawberry.type(description="Points mall: how a variant is fulfilled digitally.")
class DigitalGift:
    variant: strawberry.ID = strawberry.field(description="The variant (ProductVariant ID).")
    mode: DigitalModeEnum
    warehouse: strawberry.ID = strawberry.field(description="The partner's warehouse the stock row lives in.")
    usage_en: str = strawberry.field(description="How to use the voucher, in English.")
    usage_zh_hans: str = strawberry.field(description="How to use the voucher, in Simplified Chinese.")
    validity_days: int | None = strawberry.field(description="Validity of issued codes without a date of "
                                                 "their own.")
    available_codes: int = strawberry.field(description="Unsold codes in the pool (code pools).")

    @classmethod
    async def of(cls, row: DigitalGiftModel) -> DigitalGift:
        return cls(variant=strawberry.ID(to_global_id("ProductVariant", row.variant_id)),
                   mode=DigitalModeEnum(row.mode.value), warehouse=strawberry.ID(to_global_id(
                       "Warehouse", row.warehouse_id)),  # type: ignore[attr-defined]
                   usage_en=row.usage_en, usage_zh_hans=row.usage_zh, validity_days=row.validity_days,
                   available_codes=await pools.available_codes(row.variant_id))


@strawberry.type(description="Points mall: how full a code-backed gift's pool is.")
class DigitalCodePool:
    variant: strawberry.ID = strawberry.field(description="The variant (ProductVariant ID).")
    product_name: str = strawberry.field(description="The gift's name.")
    variant_name: str = strawberry.field(description="The variant's name.")
    sku: str | None = strawberry.field(description="The variant's SKU.")
    partner_code: str | None = strawberry.field(description="The partner whose codes these are.")
    available_codes: int = strawberry.field(description="Unsold codes: the variant's stock.")
    expiring_soon: int = strawberry.field(description="Unsold codes whose last day is within 30 days (the "
                                          "worker withdraws them then).")
    sold_codes: int = strawberry.field(description="Codes given to members (shown, used or not).")
    withdrawn_codes: int = strawberry.field(description="Codes withdrawn: expired, given back or voided.")
    low_stock: bool = strawberry.field(description="Fewer unsold codes than the asked threshold.")

    @classmethod
    def of(cls, level: levels.PoolLevel, threshold: int) -> DigitalCodePool:
        return cls(variant=strawberry.ID(to_global_id("ProductVariant", level.variant_id)),
                   product_name=level.product_name, variant_name=level.variant_name, sku=level.sku,
                   partner_code=level.partner_code, available_codes=level.available,
                   expiring_soon=level.expiring_soon, sold_codes=level.sold, withdrawn_codes=level.withdrawn,
                   low_stock=level.is_low(threshold))


@strawberry.type(description="Points mall: a redeemed voucher. Its code is shown in clear only to the member "
                 "who redeemed it; staff see it masked.")
class DigitalVoucher:
    id: strawberry.ID = strawberry.field(description="Identifies the voucher within the answer.")
    order: strawberry.ID = strawberry.field(description="The order (Order ID).")
    order_number: str
    order_line: strawberry.ID = strawberry.field(description="The order line (OrderLine ID).")
    product_name: str
    variant_name: str
    code: str | None = strawberry.field(description="The code; null while the partner issues it, or for a "
                                        "top-up delivered without one.")
    code_masked: bool = strawberry.field(description="Whether `code` is masked (staff).")
    valid_until: datetime.date | None = strawberry.field(description="Last day the code can be used.")
    status: DigitalVoucherStatusEnum
    usage_en: str = strawberry.field(description="How to use it, in English.")
    usage_zh_hans: str = strawberry.field(description="How to use it, in Simplified Chinese.")
    reference: str = strawberry.field(description="The partner's reference.")
    delivered_at: datetime.datetime | None

    @classmethod
    def of(cls, item: vouchers.Voucher) -> DigitalVoucher:
        return cls(id=strawberry.ID(item.key), order=strawberry.ID(to_global_id("Order", item.order_id)),
                   order_number=str(item.order_number),
                   order_line=strawberry.ID(to_global_id("OrderLine", item.order_line_id)),
                   product_name=item.product_name,
                   variant_name=item.variant_name, code=item.code, code_masked=item.code_masked,
                   valid_until=item.valid_until, status=DigitalVoucherStatusEnum(item.status.value),
                   usage_en=item.usage_en, usage_zh_hans=item.usage_zh, reference=item.reference,
                   delivered_at=item.delivered_at)


@strawberry.type(description="Points mall: a partner's terms for its digital gifts.")
class DigitalContract:
    partner_code: str
    issue_endpoint_url: str = strawberry.field(description="The partner's issuing API (API-issued gifts).")
    unused_code_policy: UnusedCodePolicyEnum
    returnable_once_shown: bool

    @classmethod
    def of(cls, row: DigitalContractModel) -> DigitalContract:
        return cls(partner_code=row.partner_code, issue_endpoint_url=row.issue_endpoint_url,
                   unused_code_policy=UnusedCodePolicyEnum(row.unused_code_policy.value),
                   returnable_once_shown=row.returnable_once_shown)


@strawberry.type(description="Points mall: a digital gift the partner's API has not issued yet.")
class DigitalIssue:
    id: strawberry.ID
    order: strawberry.ID = strawberry.field(description="The order (Order ID).")
    product_sku: str | None
    status: str = strawberry.field(description="PENDING (queued, retried) or DEAD (attempts exhausted: retry "
                                   "with digitalIssueRetry).")
    attempts: int
    last_error: str | None
    next_attempt_at: datetime.datetime | None

    @classmethod
    def of(cls, item: PendingIssue) -> DigitalIssue:
        message = item.message
        return cls(id=strawberry.ID(to_global_id("DigitalIssue", item.issue.id)),
                   order=strawberry.ID(to_global_id("Order", item.issue.order_id)),  # type: ignore[attr-defined]
                   product_sku=item.issue.order_line.product_sku, status="DEAD" if item.is_dead else "PENDING",
                   attempts=message.attempts if message else 0, last_error=message.last_error if message else None,
                   next_attempt_at=message.available_at if message and not item.is_dead else None)


@strawberry.input(description="Points mall: how a variant is fulfilled digitally.")
class DigitalGiftInput:
    mode: DigitalModeEnum
    warehouse: strawberry.ID = strawberry.field(description="The partner's warehouse (Warehouse ID).")
    usage_en: str = ""
    usage_zh_hans: str = ""
    validity_days: int | None = None


@strawberry.input(description="Points mall: a partner's terms for its digital gifts.")
class DigitalContractInput:
    issue_endpoint_url: str | None = strawberry.field(default=None, description="https URL of the partner's "
                                                      "issuing API.")
    unused_code_policy: UnusedCodePolicyEnum | None = None
    returnable_once_shown: bool | None = None
    rotate_signing_secret: bool = strawberry.field(default=False, description="Generate a new signing secret "
                                                   "(shown once in the payload).")


@strawberry.type(description="Points mall: makes a variant digital.")
class DigitalGiftConfigure:
    digital_gift: DigitalGift | None = None
    errors: list[DigitalGiftError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: a row of an upload that was refused (the code itself is never "
                 "repeated).")
class DigitalCodeRefusal:
    row: int = strawberry.field(description="Line of the file (the header is line 1).")
    reason: str


@strawberry.type(description="Points mall: adds codes to a variant's pool.")
class DigitalCodesUpload:
    added: int = 0
    duplicates: int = strawberry.field(default=0, description="Codes already in the pool, or twice in the file.")
    refused: list[DigitalCodeRefusal] = strawberry.field(default_factory=list)
    digital_gift: DigitalGift | None = None
    errors: list[DigitalGiftError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: marks sold codes redeemed at the partner's till.")
class DigitalCodesMarkUsed:
    used: int = strawberry.field(default=0, description="Codes marked used (unknown or unsold codes are ignored).")
    errors: list[DigitalGiftError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: sets a partner's digital contract.")
class DigitalContractUpdate:
    contract: DigitalContract | None = None
    signing_secret: str | None = strawberry.field(default=None, description="The new signing secret (shown "
                                                  "once, when generated).")
    errors: list[DigitalGiftError] = strawberry.field(default_factory=list)


@strawberry.type(description="Points mall: retries a dead-lettered digital issue now.")
class DigitalIssueRetry:
    errors: list[DigitalGiftError] = strawberry.field(default_factory=list)


async def _staff_vouchers(info: Info, order_id: strawberry.ID) -> list[DigitalVoucher]:
    """An order's vouchers, masked, for staff who may see the order (partners: their own lines)."""
    try:
        pk = uuid_id(order_id, "Order", "order")
    except DomainError:
        return []
    order = await OrderModel.get_or_none(id=pk)
    view = await view_of(info, order) if order is not None else OrderView.PUBLIC
    if order is None or view not in {OrderView.FULL, OrderView.SHIPPING}:
        return []
    scope = (await info.context.principal()).scope
    partner = scope.code if scope is not None and scope.kind == ScopeKind.PARTNER else None
    reader = vouchers.Reader(vault_for(info.context.settings), in_clear=False)
    return [DigitalVoucher.of(item) for item in await vouchers.vouchers_of_orders(reader, [order.id], partner)]


async def _members_vouchers(info: Info, member_id: int, order_id: strawberry.ID | None) -> list[DigitalVoucher]:
    pk = None
    if order_id is not None:
        try:
            pk = uuid_id(order_id, "Order", "order")
        except DomainError:
            return []
    found = await vouchers.member_vouchers(vault_for(info.context.settings), member_id, pk)
    return [DigitalVoucher.of(item) for item in found]


def _gift_setup(input: DigitalGiftInput) -> pools.GiftSetup:
    return pools.GiftSetup(DigitalMode(input.mode.value), str(uuid_id(input.warehouse, "Warehouse", "warehouse")),
                           input.usage_en, input.usage_zh_hans, input.validity_days)


async def _require_operator(info: Info, permission: str) -> str:
    principal = await require_permission(info, permission)
    if principal.scope is not None:
        raise PermissionDenied(message="Only the mall operator can do this.")
    return f"user:{principal.user.id}" if principal.user else "app"


def _checked_url(url: str) -> str:
    url = url.strip()
    if url and (len(url) > MAX_URL_LENGTH or not url.startswith(("https://", "http://"))):
        raise DomainError.single("issue_endpoint_url", "Give an http(s) URL of at most 500 characters.",
                                 DigitalGiftErrorCode.INVALID)
    return url


async def _update_contract(partner_code: str, input: DigitalContractInput) -> DigitalContractUpdate:
    if not await Partner.exists(code=partner_code):
        raise missing("partner", f"Partner:{partner_code}", DigitalGiftErrorCode.NOT_FOUND)
    contract, created = await DigitalContractModel.get_or_create(partner_code=partner_code)
    secret = secrets.token_urlsafe(32) if created or input.rotate_signing_secret else None
    values: dict[str, object] = {}
    if input.issue_endpoint_url is not None:
        values["issue_endpoint_url"] = _checked_url(input.issue_endpoint_url)
    if input.unused_code_policy is not None:
        values["unused_code_policy"] = UnusedCodePolicy(input.unused_code_policy.value)
    if input.returnable_once_shown is not None:
        values["returnable_once_shown"] = input.returnable_once_shown
    if secret is not None:
        values["signing_secret"] = secret
    if values:
        await DigitalContractModel.filter(id=contract.id).update(**values)
        await contract.refresh_from_db()
    return DigitalContractUpdate(contract=DigitalContract.of(contract), signing_secret=secret)


@strawberry.type
class DigitalQueries:
    @strawberry.field(description="Points mall: the codes of digital gifts (e-vouchers; named apart from "
                      "Saleor's discount `vouchers`). A member: their own, of one order or all, codes in clear "
                      "(asking counts as showing them). Staff with MANAGE_ORDERS: "
                      "the vouchers of `order` if they may see it, codes masked (a partner's staff: its own "
                      "lines). Anyone else: none.")
    async def gift_codes(
        self, info: Info,
        order: Annotated[strawberry.ID | None, strawberry.argument(description="Only this order's.")] = None,
    ) -> list[DigitalVoucher]:
        principal = await info.context.principal()
        if principal.is_anonymous:
            raise PermissionDenied(message="Sign in to see your vouchers.")
        if principal.user is not None and not principal.is_staff:
            return await _members_vouchers(info, principal.user.id, order)
        if order is None or not has_any_permission(principal, (MANAGE_ORDERS,)):
            return []
        return await _staff_vouchers(info, order)

    @strawberry.field(description="Points mall: the code pools of code-backed gifts, emptiest first, each "
                      "flagged when it holds fewer unsold codes than `lowStockBelow`. Requires MANAGE_PRODUCTS "
                      "(partner staff and apps: their own gifts; the operator: all).")
    async def digital_code_pools(
        self, info: Info,
        low_stock_below: Annotated[int, strawberry.argument(
            description="The low-stock threshold (0-100000 codes).")] = DEFAULT_LOW_STOCK_CODES,
    ) -> list[DigitalCodePool]:
        editor = await editor_of(info)
        if not 0 <= low_stock_below <= levels.MAX_LOW_STOCK_THRESHOLD:
            raise GraphQLError(f"lowStockBelow must be between 0 and {levels.MAX_LOW_STOCK_THRESHOLD}.")
        found = await levels.pool_levels(editor.partner_code, clock.today_in("UTC"))
        return [DigitalCodePool.of(level, low_stock_below) for level in found]

    @strawberry.field(description="Points mall: digital gifts the partner's API has not issued yet, with the state "
                      "of each request (partner staff: their own). Requires MANAGE_ORDERS.")
    async def digital_issues(
        self, info: Info,
        dead_only: Annotated[bool, strawberry.argument(description="Only dead-lettered requests.")] = False,
    ) -> list[DigitalIssue]:
        shipper = await shipper_of(info)
        return [DigitalIssue.of(item) for item in await pending_issues(shipper.partner_code, dead_only)]


@strawberry.type
class DigitalMutations:
    @strawberry.mutation(description="Points mall: makes a variant of a product type that needs no shipping "
                         "digital: delivered from a code pool, or issued by the partner's API, at completion. "
                         "A code-backed variant's stock becomes its pool. Requires MANAGE_PRODUCTS (partner staff: "
                         "their own gifts).")
    async def digital_gift_configure(
        self, info: Info, variant: strawberry.ID, input: DigitalGiftInput
    ) -> DigitalGiftConfigure | None:
        editor = await editor_of(info)

        async def work() -> DigitalGiftConfigure:
            row = await pools.configure_gift(editor, int_id(variant, "ProductVariant", "variant"), _gift_setup(input))
            return DigitalGiftConfigure(digital_gift=await DigitalGift.of(row))

        return await run_in_transaction(DigitalGiftConfigure, DigitalGiftError, DIGITAL_ERRORS, work)

    @strawberry.mutation(description="Points mall: adds codes to a code-backed variant's pool from CSV text with "
                         "a header row: `code` and optionally `valid_until` (YYYY-MM-DD). Codes are encrypted at "
                         "rest; each adds one unit of stock. Codes already in the pool are skipped, bad rows "
                         "refused (by line). Requires MANAGE_PRODUCTS (partner staff and apps: their own gifts).")
    async def digital_codes_upload(self, info: Info, variant: strawberry.ID, csv: str) -> DigitalCodesUpload | None:
        editor = await editor_of(info)
        vault = vault_for(info.context.settings)

        async def work() -> DigitalCodesUpload:
            if len(csv) > MAX_CSV_CHARACTERS:
                raise DomainError.single("csv", f"At most {MAX_CSV_CHARACTERS} characters an upload.",
                                         DigitalGiftErrorCode.INVALID)
            pk = int_id(variant, "ProductVariant", "variant")
            outcome = await pools.upload_codes(editor, vault, pk, csv, clock.today_in("UTC"))
            gift = await DigitalGiftModel.get(variant_id=pk)
            refused = [DigitalCodeRefusal(row=item.row, reason=item.reason) for item in outcome.refused]
            return DigitalCodesUpload(added=outcome.added, duplicates=outcome.duplicates, refused=refused,
                                      digital_gift=await DigitalGift.of(gift))

        return await run_in_transaction(DigitalCodesUpload, DigitalGiftError, DIGITAL_ERRORS, work)

    @strawberry.mutation(description="Points mall: the partner reports codes of a variant redeemed at its till; "
                         "the member's voucher shows as used. Requires MANAGE_PRODUCTS (partner staff and apps: "
                         "their own gifts).")
    async def digital_codes_mark_used(
        self, info: Info, variant: strawberry.ID, codes: list[str]
    ) -> DigitalCodesMarkUsed | None:
        editor = await editor_of(info)
        vault = vault_for(info.context.settings)

        async def work() -> DigitalCodesMarkUsed:
            pk = int_id(variant, "ProductVariant", "variant")
            return DigitalCodesMarkUsed(used=await pools.mark_used(editor, vault, pk, codes))

        return await run_in_transaction(DigitalCodesMarkUsed, DigitalGiftError, DIGITAL_ERRORS, work)

    @strawberry.mutation(description="Points mall: sets a partner's digital contract (issuing API, what becomes of "
                         "given-back codes, returns of shown codes). Requires MANAGE_PARTNERS (operator).")
    async def digital_contract_update(
        self, info: Info, partner: str, input: DigitalContractInput
    ) -> DigitalContractUpdate | None:
        await _require_operator(info, MANAGE_PARTNERS)
        return await run_in_transaction(DigitalContractUpdate, DigitalGiftError, DIGITAL_ERRORS,
                                        lambda: _update_contract(partner, input))

    @strawberry.mutation(description="Points mall: retries a dead-lettered digital issue now. Requires "
                         "MANAGE_ORDERS (operator).")
    async def digital_issue_retry(self, info: Info, id: strawberry.ID) -> DigitalIssueRetry | None:
        await _require_operator(info, MANAGE_ORDERS)

        async def work() -> DigitalIssueRetry:
            issue = await DigitalIssueModel.get_or_none(id=parse_int_id_for_mutation(id, "DigitalIssue", "id"))
            if issue is None:
                raise missing("id", id, DigitalGiftErrorCode.NOT_FOUND)
            await retry_issue(issue)
            return DigitalIssueRetry()

        return await run_in_transaction(DigitalIssueRetry, DigitalGiftError, DIGITAL_ERRORS, work)
