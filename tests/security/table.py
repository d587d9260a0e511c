"""The authorization matrix: for every root field and every type reachable by `node`, what each kind of
caller gets when it asks about tenant A's rows (see world.py). One row per field; a new root field without
a row fails test_matrix.

What a cell says (probe.Seen): `ok` (answered; a mutation may still refuse its input), `denied` (a top-level
PermissionDenied), `absent` (null or NOT_FOUND: nothing there for this caller); for reads of tenants' data
also whose rows the answer shows (A, B) and which personal data (email, phone, street, address book).

Groups name callers: anonymous; member_a, member_b (members); partner_a, partner_b (partners: a partner's
staff); bank_a, bank_b (banks: an issuer's staff and app; bank_a_app... for one of them; apps for both
apps); no_permission (unscoped staff without the permission); operator (unscoped, every permission);
users (everyone signed in as an account: members and staff, not apps). Scoped callers hold every
permission, so only their scope confines them.
"""

from __future__ import annotations

from dataclasses import dataclass

from mall.graphql.saleor_absent.answers import SPECIFIC_REFUSALS
from mall.graphql.saleor_absent.generated import (
    SALEORABSENTMUTATIONS,
    SALEORABSENTPERMISSIONS,
    SALEORABSENTQUERIES,
)
from tests.security.absent_calls import answers_null, names_rows
from tests.security.calls import ATTRIBUTE_MUTATIONS, CATALOG_ABSENT_MUTATIONS, PAGE_TYPE_MUTATIONS
from tests.security.probe import Outcome, Seen
from tests.security.world import ACTORS, Actor

OK, DENIED, ABSENT = Seen(Outcome.OK), Seen(Outcome.DENIED), Seen(Outcome.ABSENT)
Expect = dict[str, Seen]
GROUPS = {
    "anonymous": ["anonymous"],
    "member A": ["member_a", "members", "users"],
    "member B": ["member_b", "members", "users"],
    "partner A staff": ["partner_a", "partners", "users"],
    "partner B staff": ["partner_b", "partners", "users"],
    "bank A staff": ["bank_a_staff", "bank_a", "banks", "users"],
    "bank A app": ["bank_a_app", "bank_a", "banks", "apps"],
    "bank B staff": ["bank_b_staff", "bank_b", "banks", "users"],
    "bank B app": ["bank_b_app", "bank_b", "banks", "apps"],
    "staff without the permission": ["no_permission", "users"],
    "operator": ["operator", "users"],
}


def _cell(actor: Actor, default: Seen, groups: dict[str, Seen]) -> Seen:
    return next((groups[group] for group in GROUPS[actor.name] if group in groups), default)


def expect(default: Seen, **groups: Seen) -> Expect:
    unknown = set(groups) - {group for names in GROUPS.values() for group in names}
    assert not unknown, unknown
    return {actor.name: _cell(actor, default, groups) for actor in ACTORS}


def ok(*tenants: str, personal: tuple[str, ...] = ()) -> Seen:
    return Seen(Outcome.OK, frozenset(tenants), frozenset(personal))


@dataclass(frozen=True)
class Row:
    expect: Expect
    whose: bool = False  # compare whose rows and personal data too (reads of tenants' data), not the outcome only
    why: str = ""


PUBLIC = Row(expect(OK))
OPERATOR_ONLY = Row(expect(DENIED, operator=OK), why="the operator's own business: scoped callers are refused")
SIGNED_IN = Row(expect(OK, anonymous=DENIED, apps=DENIED), why="acts on the caller's own account")
OWN_ADDRESS = Row(expect(DENIED, member_a=OK), why="tenant A's member's address: others are refused")
# A member's cart: the member, and staff who handle checkouts (an issuer's in its channels); a partner has none.
MEMBERS_CART = Row(expect(ABSENT, member_a=OK, bank_a=OK, operator=OK))
# Partner-owned catalogue rows (tenant A's gift, warehouse): ACME's staff and the operator; ZETA finds nothing.
PARTNERS_ROW = Row(expect(DENIED, partner_a=OK, partner_b=ABSENT, operator=OK))
PARTNERS_NEW_ROW = Row(expect(DENIED, partners=OK, operator=OK), why="a partner creates rows of its own")
SHIPPING = Row(expect(DENIED, partner_a=OK, partner_b=ABSENT, operator=OK), why="issuers' staff do not ship")
# Who may change an order: the operator, the issuer's staff in its channels, a partner's staff for orders made
# wholly of its gifts (another partner's: refused).
ORDER_CHANGE = Row(expect(DENIED, partner_a=OK, bank_a=OK, operator=OK))
# No row of these exists in the world: callers past the permission check find nothing.
GATE_ONLY_COUNTERPARTY = Row(expect(DENIED, partners=ABSENT, banks=ABSENT, operator=ABSENT),
                             why="no settlement statement in the world: gate only")
GATE_ONLY_RETURNS = Row(expect(DENIED, partners=ABSENT, operator=ABSENT),
                        why="no return request in the world: gate only")
# Saleor mutations of what the mall does not store (pages, menus, exports, bulk variants): refused
# with an error code after the permission check, for everyone who holds the permission.
GATE_REFUSED = Row(expect(OK, anonymous=DENIED, members=DENIED, no_permission=DENIED),
                   why="refused (INVALID) past the permission check: nothing of the kind in a points mall")
# Attributes are shared by every partner's gifts and every bank's malls: Saleor's permission for them is global,
# so scoped staff (partners, banks) are refused writes and only the operator manages them.
ATTRIBUTE_WRITE = Row(expect(DENIED, operator=OK),
                      why="attributes are global: the operator's alone, scoped staff refused (empty operations)")
ATTRIBUTE_ABSENT = Row(expect(DENIED, operator=ABSENT),
                       why="attributes are global: the operator's alone; no attribute in the world: NOT_FOUND")
GATE_ONLY_CASES = Row(expect(ABSENT, anonymous=DENIED, no_permission=DENIED),
                      why="members and staff with the permission; no case in the world: gate only")
PERSONAL = ("email", "phone", "street")
CUSTOMER = ("address book", "email", "phone")

QUERY_ROWS: dict[str, Row] = {
    "node": Row(expect(ok("A"), partner_b=ABSENT, bank_b=ABSENT), why="one call here; every type: NODE_ROWS"),
    "shop": PUBLIC,
    "me": Row(expect(ok(), anonymous=ABSENT, apps=ABSENT, member_a=ok("A", personal=("email",)),
                     member_b=ok("B", personal=("email",)), partner_a=ok("A"), partner_b=ok("B"),
                     bank_a_staff=ok("A"), bank_b_staff=ok("B")), whose=True, why="an app is no account: null"),
    "user": Row(expect(DENIED, operator=ok("A", personal=CUSTOMER), bank_a=ok("A", personal=CUSTOMER),
                       partner_a=ok("A"), partner_b=ABSENT, bank_b=ABSENT), whose=True,
                why="a partner sees its buyer's name only; out of scope: nobody"),
    "customers": Row(expect(DENIED, operator=ok("A", "B", personal=CUSTOMER), bank_a=ok("A", personal=CUSTOMER),
                            bank_b=ok("B", personal=CUSTOMER), partner_a=ok("A"), partner_b=ok("B")), whose=True),
    "staffUsers": Row(expect(DENIED, operator=ok("A", "B"), partner_a=ok("A"), partner_b=ok("B"), bank_a=ok("A"),
                             bank_b=ok("B")), whose=True),
    "channel": Row(expect(ok("A")), whose=True),
    "channels": Row(expect(ok("A", "B"), anonymous=DENIED, members=DENIED, bank_a=ok("A"), bank_b=ok("B")),
                    whose=True, why="partners list gifts in every bank's channel"),
    "partners": Row(expect(ok(), anonymous=DENIED, members=DENIED, partner_a=ok("A"), partner_b=ok("B"),
                           no_permission=ok("A", "B"), operator=ok("A", "B")), whose=True,
                    why="with the terms' history: a partner's staff read their own contract only"),
    "products": PUBLIC, "product": PUBLIC, "productVariant": PUBLIC, "productVariants": PUBLIC,
    "flashSales": Row(expect(OK), why="the member mall's countdown and units left: public like the catalogue"),
    "categories": PUBLIC, "category": PUBLIC, "collections": PUBLIC, "collection": PUBLIC, "pages": PUBLIC,
    "page": PUBLIC, "menu": PUBLIC, "addressValidationRules": PUBLIC,
    "checkout": Row(expect(ABSENT, member_a=ok("A", personal=PERSONAL), bank_a=ok("A", personal=PERSONAL),
                           operator=ok("A", personal=PERSONAL)), whose=True),
    # Members' open carts (the Dashboard's checkout list): staff who handle checkouts, an issuer's in its channels
    "checkouts": Row(expect(DENIED, operator=ok("A", personal=("email",)), bank_a=ok("A", personal=("email",)),
                            bank_b=ok(), partners=ok()), whose=True, why="the world's carts are tenant A's"),
    "order": Row(expect(ok("A"), member_a=ok("A", personal=PERSONAL), operator=ok("A", personal=PERSONAL),
                        bank_a=ok("A", personal=PERSONAL), partner_a=ok("A", personal=("phone", "street")),
                        partner_b=ABSENT, bank_b=ABSENT), whose=True,
                 why="public by ID (the thank-you page), personal data masked; a partner ships: the address"),
    "orders": Row(expect(DENIED, operator=ok("A", "B", personal=PERSONAL), bank_a=ok("A", personal=PERSONAL),
                         bank_b=ok("B", personal=PERSONAL), partner_a=ok("A", personal=("phone", "street")),
                         partner_b=ok("B", personal=("phone", "street"))), whose=True),
    "carriers": Row(expect(OK, anonymous=DENIED, members=DENIED, no_permission=DENIED)),
    "shipmentHandoffs": Row(expect(DENIED, partners=OK, operator=OK)),
    "lateShipments": Row(expect(DENIED, partners=OK, operator=OK)),
    "returnRequests": Row(expect(DENIED, partners=OK, operator=OK)),
    "giftCodes": Row(expect(OK, anonymous=DENIED), why="each caller's own, or an order's masked for its staff: "
                    "no voucher in the world"),
    "digitalIssues": Row(expect(DENIED, partners=OK, operator=OK)),
    "digitalCodePools": Row(expect(DENIED, partners=OK, operator=OK), why="a partner's own pools: none in the world"),
    "issuers": Row(expect(DENIED, partners=ok(), bank_a=ok("A"), bank_b=ok("B"), operator=ok("A", "B")), whose=True,
                   why="a partner's staff: an empty list"),
    "issuer": Row(expect(DENIED, partners=ABSENT, bank_a=ok("A"), bank_b=ABSENT, operator=ok("A")), whose=True),
    "issuerLiability": Row(expect(DENIED, bank_a=ok("A"), operator=ok("A")), whose=True),
    "programmeHealth": Row(expect(DENIED, bank_a=ok("A"), bank_b=ok("B"), operator=ok("A", "B")), whose=True,
                           why="a bank reads its own programme; the operator every bank's"),
    "partnerPerformance": Row(expect(DENIED, partner_a=ok("A"), operator=ok("A")), whose=True,
                              why="tenant A's partner: its own staff and the operator; anyone else is refused"),
    "settlementStatements": Row(expect(DENIED, partners=OK, banks=OK, operator=OK)),
    "settlementStatement": GATE_ONLY_COUNTERPARTY,
    # The Saleor Dashboard's catalogue (issue 17)
    "attribute": Row(expect(ABSENT), why="no attribute in the world: null for everyone (visible attributes are "
                     "public, hidden ones staff's: tests/catalog/graphql/admin/test_attributes.py)"),
    "attributes": PUBLIC, "productType": PUBLIC, "productTypes": PUBLIC,
    "pageType": PUBLIC, "pageTypes": PUBLIC, "menus": PUBLIC,
    "warehouse": Row(expect(DENIED, partner_a=ok("A"), partner_b=ABSENT, banks=ABSENT, operator=ok("A")), whose=True,
                     why="a bank ships nothing: no warehouse is its"),
    "warehouses": Row(expect(DENIED, partner_a=ok("A"), partner_b=ok("B"), banks=ok(), operator=ok("A", "B")),
                      whose=True, why="a partner lists its own warehouses, a bank none"),
    "translation": Row(expect(DENIED, partner_a=OK, partner_b=ABSENT, operator=OK),
                       why="a partner translates its own gifts; a bank translates nothing"),
    "translations": Row(expect(DENIED, partner_a=ok("A"), partner_b=ok("B"), operator=ok("A", "B")), whose=True),
    "productReviews": Row(expect(DENIED, partners=OK, operator=OK), why="a partner's staff: their own gifts only"),
    "memberLookups": Row(expect(DENIED, bank_a=OK, operator=OK), why="a bank reads its own issuer's trail only"),
    "loyaltyProgramme": Row(expect(DENIED, bank_a=OK, operator=OK), why="a bank reads its own programme"),
    "loyaltyMembers": Row(expect(DENIED, bank_a=OK, operator=OK), why="a bank reads its own members"),
    "loyaltyMembersCsv": Row(expect(DENIED, bank_a=OK, operator=OK), why="a bank exports its own members"),
    "loyaltyWaysToEarn": SIGNED_IN,
    "serviceCases": Row(expect(OK, anonymous=DENIED, no_permission=DENIED),
                        why="members their own cases, staff their scope's; the world has none"),
    "serviceCase": GATE_ONLY_CASES,
    "serviceCaseMeasures": Row(expect(DENIED, partners=OK, banks=OK, operator=OK), why="scoped staff: own rows"),
}

MUTATION_ROWS: dict[str, Row] = {
    "tokenCreate": PUBLIC, "tokenRefresh": PUBLIC, "tokenVerify": PUBLIC,
    "tokensDeactivateAll": SIGNED_IN,
    "externalAuthenticationUrl": PUBLIC, "externalObtainAccessTokens": PUBLIC,
    "accountRegister": PUBLIC, "confirmAccount": PUBLIC,
    "accountUpdate": SIGNED_IN, "passwordChange": SIGNED_IN, "requestPasswordReset": PUBLIC, "setPassword": PUBLIC,
    "accountAddressCreate": SIGNED_IN,
    "accountAddressUpdate": OWN_ADDRESS, "accountAddressDelete": OWN_ADDRESS, "accountSetDefaultAddress": OWN_ADDRESS,
    "accountRequestDeletion": SIGNED_IN, "accountDelete": SIGNED_IN,
    "staffCreate": Row(expect(OK, anonymous=DENIED, members=DENIED, no_permission=DENIED),
                       why="scoped staff create staff of their own scope only (OUT_OF_SCOPE_USER)"),
    "channelCreate": Row(expect(DENIED, banks=OK, operator=OK)),
    "channelUpdate": Row(expect(DENIED, bank_a=OK, operator=OK)),
    "partnerCreate": OPERATOR_ONLY, "partnerStatusUpdate": OPERATOR_ONLY,
    "partnerTermsUpdate": OPERATOR_ONLY,
    "pointsAdjust": Row(expect(DENIED, bank_a=OK, operator=OK)),
    "productCreate": PARTNERS_NEW_ROW,
    "productUpdate": PARTNERS_ROW, "productDelete": PARTNERS_ROW, "productChannelListingUpdate": PARTNERS_ROW,
    "productVariantCreate": PARTNERS_ROW, "productVariantUpdate": PARTNERS_ROW, "productVariantDelete": PARTNERS_ROW,
    "flashSaleCreate": PARTNERS_ROW, "flashSaleUpdate": PARTNERS_ROW, "flashSaleEnd": PARTNERS_ROW,
    "productVariantChannelListingUpdate": PARTNERS_ROW, "productVariantStocksCreate": PARTNERS_ROW,
    "productVariantStocksUpdate": PARTNERS_ROW, "productVariantStocksDelete": PARTNERS_ROW,
    "productMediaCreate": PARTNERS_ROW,
    "productMediaDelete": Row(expect(DENIED, partners=ABSENT, operator=ABSENT), why="no media in the world: gate only"),
    "categoryCreate": OPERATOR_ONLY, "categoryUpdate": OPERATOR_ONLY,
    "categoryDelete": Row(expect(DENIED, operator=ABSENT), why="a category that does not exist: gate only"),
    "collectionCreate": OPERATOR_ONLY, "collectionAddProducts": OPERATOR_ONLY,
    "collectionRemoveProducts": OPERATOR_ONLY,
    "warehouseCreate": PARTNERS_NEW_ROW, "warehouseUpdate": PARTNERS_ROW,
    "productReviewSubmit": PARTNERS_ROW, "productReviewWithdraw": PARTNERS_ROW,
    "productReviewApprove": OPERATOR_ONLY, "productReviewReject": OPERATOR_ONLY,
    "checkoutCreate": PUBLIC,
    "checkoutLinesAdd": MEMBERS_CART, "checkoutLinesUpdate": MEMBERS_CART, "checkoutLinesDelete": MEMBERS_CART,
    "checkoutEmailUpdate": MEMBERS_CART, "checkoutCustomerAttach": MEMBERS_CART,
    "checkoutCustomerDetach": MEMBERS_CART, "checkoutShippingAddressUpdate": MEMBERS_CART,
    "checkoutBillingAddressUpdate": MEMBERS_CART, "checkoutDeliveryMethodUpdate": MEMBERS_CART,
    "checkoutLanguageCodeUpdate": MEMBERS_CART, "checkoutCustomerNoteUpdate": MEMBERS_CART,
    "checkoutAddPromoCode": MEMBERS_CART, "checkoutRemovePromoCode": MEMBERS_CART,
    "paymentGatewayInitialize": MEMBERS_CART, "deliveryOptionsCalculate": MEMBERS_CART,
    "checkoutComplete": MEMBERS_CART,
    "checkoutConfirmationRequest": MEMBERS_CART, "checkoutConfirmationVerify": MEMBERS_CART,
    "transactionInitialize": Row(MEMBERS_CART.expect, why="staff who reach the cart may not pay with the member's "
                                 "points (INVALID)"),
    "transactionProcess": Row(expect(OK), why="public to whoever holds the transaction's ID, as in Saleor"),
    "orderCancel": ORDER_CHANGE, "orderConfirm": ORDER_CHANGE, "orderMarkAsPaid": ORDER_CHANGE,
    "orderRefund": ORDER_CHANGE,
    # Changing or removing a member's account: the operator, and a bank's staff for its own members (a partner's
    # staff see customers for shipping only: refused); another bank finds no such customer.
    "customerUpdate": Row(expect(DENIED, bank_a=OK, bank_b=ABSENT, operator=OK)),
    "customerDelete": Row(expect(DENIED, bank_a=OK, bank_b=ABSENT, operator=OK)),
    "customerBulkDelete": Row(expect(DENIED, bank_a=OK, bank_b=ABSENT, operator=OK)),
    "customerCreate": Row(expect(DENIED, banks=OK, operator=OK), why="a bank creates its own members; a partner none"),
    "addressCreate": Row(expect(DENIED, bank_a=OK, bank_b=ABSENT, operator=OK)),
    "addressUpdate": Row(expect(DENIED, bank_a=OK, bank_b=ABSENT, operator=OK)),
    "addressDelete": Row(expect(DENIED, bank_a=OK, bank_b=ABSENT, operator=OK)),
    "addressSetDefault": Row(expect(DENIED, bank_a=OK, bank_b=ABSENT, operator=OK)),
    "shopSettingsUpdate": OPERATOR_ONLY, "shopAddressUpdate": OPERATOR_ONLY, "shopDomainUpdate": OPERATOR_ONLY,
    # Changing or removing a staff account: managers of its scope (bank A's staff account here) and the operator;
    # other scopes find no such staff member.
    "staffUpdate": Row(expect(DENIED, bank_a=OK, bank_b=ABSENT, partners=ABSENT, operator=OK)),
    "staffDelete": Row(expect(DENIED, bank_a=OK, bank_b=ABSENT, partners=ABSENT, operator=OK)),
    "orderCancelByMember": Row(expect(ABSENT, anonymous=DENIED, apps=DENIED, member_a=OK),
                               why="the buyer's own order; anyone else's looks absent"),
    "orderFulfill": SHIPPING, "orderFulfillmentUpdateTracking": SHIPPING, "orderFulfillmentCancel": SHIPPING,
    "orderFulfillmentApprove": SHIPPING,
    "carrierCreate": OPERATOR_ONLY, "carrierUpdate": OPERATOR_ONLY,
    "carrierWarehouseAssign": Row(expect(DENIED, partner_a=OK, partner_b=ABSENT, operator=OK)),
    "shipmentHandoffRetry": OPERATOR_ONLY,
    "digitalGiftConfigure": PARTNERS_ROW, "digitalCodesUpload": PARTNERS_ROW, "digitalCodesMarkUsed": PARTNERS_ROW,
    "digitalContractUpdate": OPERATOR_ONLY,
    "digitalIssueRetry": Row(expect(DENIED, operator=ABSENT), why="operator only; gate only"),
    "returnRequestCreate": Row(expect(ABSENT, anonymous=DENIED, apps=DENIED, member_a=OK),
                               why="the buyer of a delivered shipment only"),
    "returnRequestDecide": GATE_ONLY_RETURNS, "returnRequestReceive": GATE_ONLY_RETURNS,
    "issuerCreate": OPERATOR_ONLY, "issuerUpdate": OPERATOR_ONLY,
    "issuerSettingsUpdate": Row(expect(DENIED, bank_a=OK, operator=OK), why="a bank's own programme rules"),
    "pointsCredit": Row(expect(DENIED, bank_a=OK, operator=OK), why="a bank books for its own issuer only"),
    "settlementRun": OPERATOR_ONLY,
    "bankFileImport": Row(expect(DENIED, bank_a=OK, operator=OK), why="a bank imports for its own issuer only "
                          "(no file sent: REQUIRED)"),
    "memberLookup": Row(expect(DENIED, bank_a=OK, operator=OK), why="a bank looks up its own issuer's members only"),
    "settlementStatementConfirm": GATE_ONLY_COUNTERPARTY, "settlementStatementDispute": GATE_ONLY_COUNTERPARTY,
    "settlementStatementMarkPaid": Row(expect(DENIED, operator=ABSENT), why="operator only; gate only"),
    # The Saleor Dashboard's catalogue (issue 17)
    "createWarehouse": PARTNERS_NEW_ROW, "updateWarehouse": PARTNERS_ROW, "deleteWarehouse": PARTNERS_ROW,
    "productTypeCreate": OPERATOR_ONLY, "productTypeUpdate": OPERATOR_ONLY, "productTypeDelete": OPERATOR_ONLY,
    "productTypeBulkDelete": OPERATOR_ONLY, "productTypeReorderAttributes": ATTRIBUTE_WRITE,
    "productBulkDelete": PARTNERS_ROW, "productVariantBulkDelete": PARTNERS_ROW,
    "productVariantBulkCreate": PARTNERS_ROW, "productVariantBulkUpdate": PARTNERS_ROW,
    "productVariantReorder": PARTNERS_ROW,
    "productVariantSetDefault": Row(expect(DENIED, partners=ABSENT, operator=ABSENT),
                                    why="the world's variant is another gift's: NOT_FOUND past the gate"),
    "productMediaBulkDelete": Row(expect(DENIED, partners=ABSENT, operator=ABSENT), why="no media: gate only"),
    "productMediaUpdate": Row(expect(DENIED, partners=ABSENT, operator=ABSENT), why="no media: gate only"),
    "productMediaReorder": PARTNERS_ROW,
    "variantMediaAssign": GATE_REFUSED, "variantMediaUnassign": GATE_REFUSED,
    "categoryBulkDelete": Row(expect(DENIED, operator=ABSENT), why="a category that does not exist: gate only"),
    "collectionDelete": Row(expect(DENIED, operator=ABSENT), why="a collection that does not exist: gate only"),
    "collectionBulkDelete": Row(expect(DENIED, operator=ABSENT), why="a collection that does not exist: gate only"),
    "collectionUpdate": OPERATOR_ONLY, "collectionChannelListingUpdate": OPERATOR_ONLY,
    "collectionReorderProducts": OPERATOR_ONLY,
    "productTranslate": PARTNERS_ROW, "productVariantTranslate": PARTNERS_ROW,
    "categoryTranslate": OPERATOR_ONLY, "collectionTranslate": OPERATOR_ONLY, "pageTranslate": OPERATOR_ONLY,
    "exportProducts": GATE_REFUSED, "fileUpload": GATE_REFUSED,
    "loyaltyRuleCreate": Row(expect(DENIED, bank_a=OK, operator=OK), why="a bank makes its own programme's rules"),
    "loyaltyRuleUpdate": Row(expect(DENIED, partners=ABSENT, banks=ABSENT, operator=ABSENT),
                             why="no rule in the world: gate only"),
    "loyaltyProgrammeUpdate": Row(expect(DENIED, bank_a=OK, operator=OK)),
    "loyaltyTiersSet": Row(expect(DENIED, bank_a=OK, operator=OK)),
    "loyaltyAwardGive": Row(expect(DENIED, bank_a=ABSENT, operator=ABSENT),
                            why="a bank gives in its own channels; no rule in the world: gate only"),
    "loyaltySignIn": Row(SIGNED_IN.expect, why="the caller's own sign-in (staff accounts are refused NOT_ELIGIBLE)"),
    "loyaltyShare": Row(SIGNED_IN.expect, why="the caller's own share (staff accounts are refused NOT_ELIGIBLE)"),
    "notificationsMarkRead": Row(SIGNED_IN.expect, why="the caller's own inbox"),
    "notificationPreferencesUpdate": Row(SIGNED_IN.expect, why="the caller's own notification choices"),
    "serviceCaseOpen": Row(expect(OK, anonymous=DENIED, no_permission=DENIED),
                           why="members for themselves, staff for members they reach (the call centre)"),
    "serviceCaseMessage": GATE_ONLY_CASES, "serviceCaseReopen": GATE_ONLY_CASES,
    "serviceCaseResolve": Row(expect(DENIED, partners=ABSENT, banks=ABSENT, operator=ABSENT),
                              why="staff only; no case in the world: gate only"),
    "serviceCaseRate": Row(expect(DENIED, members=ABSENT), why="the member only; no case in the world: gate only"),
    "serviceProgrammeUpdate": OPERATOR_ONLY, "serviceDeadlineSet": OPERATOR_ONLY,
}
MUTATION_ROWS |= {name: GATE_REFUSED for name in CATALOG_ABSENT_MUTATIONS}
MUTATION_ROWS |= {name: ATTRIBUTE_WRITE if name == "attributeCreate" or name.startswith("product")
                  else ATTRIBUTE_ABSENT for name in ATTRIBUTE_MUTATIONS}
# The programme's content pages (MANAGE_PAGES) speak for the whole mall: a partner's or a bank's staff holding
# the permission are still refused, as they would otherwise rewrite every tenant's rules and privacy notice.
PAGES_ROW = Row(expect(DENIED, operator=OK), why="the programme's pages are the operator's: scoped staff refused")
PAGES_GATE_ONLY = Row(expect(DENIED, operator=ABSENT),
                      why="the programme's pages are the operator's; a page that does not exist: gate only")
# Page types classify those pages (MANAGE_PAGE_TYPES_AND_ATTRIBUTES): the operator's alone, like the pages.
PAGE_TYPES_ROW = Row(expect(DENIED, operator=OK), why="page types classify the operator's pages: scoped staff refused")
MUTATION_ROWS |= {name: PAGE_TYPES_ROW for name in PAGE_TYPE_MUTATIONS}
MUTATION_ROWS |= {"pageCreate": PAGES_ROW, "pageUpdate": PAGES_ROW, "pageBulkPublish": PAGES_ROW,
                  "pageDelete": PAGES_GATE_ONLY, "pageBulkDelete": PAGES_GATE_ONLY}

# Saleor's permission groups, read from staff scopes: staff who manage staff see their own scope's group, the
# operator every group (the operators' group here: scoped callers find nothing).
QUERY_ROWS |= {
    "permissionGroups": Row(expect(DENIED, partners=OK, banks=OK, operator=OK)),
    "permissionGroup": Row(expect(DENIED, partners=ABSENT, banks=ABSENT, operator=OK),
                           why="the operators' group: a scoped caller's is its own scope's only"),
}

# The Dashboard's home page and order notes: order staff, each within the orders its scope may see or change.
QUERY_ROWS |= {"homepageEvents": Row(expect(DENIED, partners=OK, banks=OK, operator=OK)),
               "ordersTotal": Row(expect(DENIED, partners=OK, banks=OK, operator=OK))}
MUTATION_ROWS |= {"orderNoteAdd": ORDER_CHANGE,
                  "orderNoteUpdate": Row(expect(DENIED, partners=ABSENT, banks=ABSENT, operator=ABSENT),
                                         why="no note in the world: gate only")}

# Metadata mutations change the signed-in user's own metadata only (private: staff's own).
MUTATION_ROWS |= {"updateMetadata": Row(expect(DENIED, member_a=OK), why="member A's own account only"),
                  "deleteMetadata": Row(expect(DENIED, member_a=OK), why="member A's own account only"),
                  "updatePrivateMetadata": Row(expect(DENIED), why="a member has no private metadata to change"),
                  "deletePrivateMetadata": Row(expect(DENIED), why="a member has no private metadata to change")}

# Catalogue promotions (issue 20): the operator's alone (scoped staff would discount others' gifts); no
# promotion exists in the world, so calls naming one find nothing.
PROMOTION_GATE = Row(expect(DENIED, operator=ABSENT), why="operator only; no promotion in the world")
QUERY_ROWS |= {"promotions": OPERATOR_ONLY, "promotion": PROMOTION_GATE}
MUTATION_ROWS |= {"promotionCreate": OPERATOR_ONLY, "promotionUpdate": PROMOTION_GATE,
                  "promotionDelete": PROMOTION_GATE, "promotionRuleCreate": PROMOTION_GATE,
                  "promotionRuleUpdate": PROMOTION_GATE, "promotionRuleDelete": PROMOTION_GATE}

# Vouchers (issue 20): the operator's alone, like promotions; no voucher in the world, so calls naming one find
# nothing (voucherCreate without a code is refused REQUIRED, nothing written).
VOUCHER_GATE = Row(expect(DENIED, operator=ABSENT), why="operator only; no voucher in the world")
QUERY_ROWS |= {"vouchers": OPERATOR_ONLY, "voucher": VOUCHER_GATE}
MUTATION_ROWS |= {"voucherCreate": OPERATOR_ONLY, "voucherUpdate": VOUCHER_GATE, "voucherDelete": VOUCHER_GATE,
                  "voucherBulkDelete": VOUCHER_GATE, "voucherChannelListingUpdate": VOUCHER_GATE,
                  "voucherCataloguesAdd": VOUCHER_GATE, "voucherCataloguesRemove": VOUCHER_GATE,
                  "voucherCodeBulkDelete": VOUCHER_GATE, "voucherTranslate": VOUCHER_GATE,
                  "voucherCodesGenerate": VOUCHER_GATE}

# Switching a channel on or off: its bank's staff and the operator (the world's channel is already active).
MUTATION_ROWS |= {"channelActivate": Row(expect(DENIED, bank_a=OK, operator=OK)),
                  "channelDeactivate": Row(expect(DENIED, partners=ABSENT, banks=ABSENT, operator=ABSENT),
                                           why="a channel that does not exist: gate only (the world's stays on)")}

# Saleor's concepts a points mall lacks (mall/graphql/saleor_absent): whoever asks gets the same truthful
# answer (an empty list, settings with everything off, null for one object) and nothing is written.
ABSENT_EMPTY = Row(expect(OK), why="a concept the mall lacks: empty for everyone")
ABSENT_NONE = Row(expect(ABSENT), why="a concept the mall lacks: null for everyone")
QUERY_ROWS |= {name: ABSENT_NONE if answers_null(name) else ABSENT_EMPTY for name in SALEORABSENTQUERIES}


def absent_mutation_row(name: str) -> Row:
    """A concept the mall lacks: callers holding Saleor's permission for the mutation get its refusal (INVALID:
    answered; NOT_FOUND when it names rows: absent), everyone else PermissionDenied; nothing is written. Scoped
    callers and apps hold every permission; `AUTHENTICATED_STAFF_USER` lets any staff through, `AUTHENTICATED_APP`
    any app."""
    # a refusal with its own code and reason (order edits: NOT_EDITABLE) answers, whether or not it names rows
    refusal = ABSENT if names_rows(name) and name not in SPECIFIC_REFUSALS else OK
    needs = set(SALEORABSENTPERMISSIONS[name])
    real = bool(needs - {"AUTHENTICATED_STAFF_USER", "AUTHENTICATED_APP"})
    groups: dict[str, Seen] = {}
    if real or "AUTHENTICATED_STAFF_USER" in needs:
        groups |= {"partners": refusal, "bank_a_staff": refusal, "bank_b_staff": refusal, "operator": refusal}
    if real or "AUTHENTICATED_APP" in needs:
        groups["apps"] = refusal
    if "AUTHENTICATED_STAFF_USER" in needs:
        groups["no_permission"] = refusal
    return Row(expect(DENIED, **groups), why="a concept the mall lacks: Saleor's permission, then its refusal")


MUTATION_ROWS |= {name: absent_mutation_row(name) for name in SALEORABSENTMUTATIONS}

# `node(id:)` of each type that registers a loader, asked for tenant A's row.
NODE_ROWS: dict[str, Row] = {
    "User": Row(expect(ABSENT, member_a=ok("A", personal=("address book", "email")), partner_a=ok("A"),
                       bank_a=ok("A", personal=("address book", "email")),
                       operator=ok("A", personal=("address book", "email"))), whose=True),
    "Address": Row(expect(ABSENT, member_a=ok(personal=("address book",))), whose=True),
    "Channel": PUBLIC, "Category": PUBLIC, "Page": PUBLIC,
    "Product": PUBLIC, "ProductVariant": PUBLIC, "Collection": PUBLIC,
    "Checkout": Row(expect(ABSENT, member_a=ok("A", personal=("email",)), bank_a=ok("A", personal=("email",)),
                           operator=ok("A", personal=("email",))), whose=True),
    "Order": Row(expect(ok("A"), member_a=ok("A", personal=PERSONAL), operator=ok("A", personal=PERSONAL),
                        bank_a=ok("A", personal=PERSONAL), partner_a=ok("A", personal=("phone", "street")),
                        partner_b=ABSENT, bank_b=ABSENT), whose=True),
    "Fulfillment": Row(expect(ABSENT, member_a=ok("A"), partner_a=ok("A"), bank_a=ok("A"), operator=ok("A")),
                       whose=True, why="its number is guessable: the buyer and the order's staff only"),
    "SettlementStatement": Row(expect(DENIED, partners=ABSENT, banks=ABSENT, operator=ABSENT),
                               why="no statement in the world: gate only"),
}
