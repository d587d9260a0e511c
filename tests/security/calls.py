"""A representative call of every root field: the selection after `query {` or `mutation {`.

`<name>` stands for a value of the world (`World.ids`, quoted); `<fresh_product>`, `<fresh_variant>`,
`<fresh_address>`, `<fresh_cart>`, `<fresh_customer>` and `<fresh_staff>` for a row made afresh for each
caller, so a caller allowed to delete or complete it leaves the next caller one to try. Mutations select
`errors { field code }` only: a refused one is checked to have changed nothing. Rows the world has none of
(media, return requests, statements) are named by an ID that does not exist: those calls check who gets past
the permission check (gate only).
"""

from __future__ import annotations

from tests.security.absent_calls import absent_calls

ERRORS = "{ errors { field code } }"
NO_CASE = '"U2VydmljZUNhc2U6OTk5OQ=="'  # ServiceCase:9999: the world has no case (gate only)
PERSONAL = "userEmail shippingAddress { firstName streetAddress1 phone } billingAddress { streetAddress1 phone }"
CUSTOMER = "id email firstName addresses { streetAddress1 phone } defaultShippingAddress { streetAddress1 }"

QUERIES: dict[str, str] = {
    "node": "node(id: <order>) { id }",  # every node type has its own row: see NODES
    "shop": "shop { name }",
    "me": "me { email }",
    "user": f"user(id: <mei>) {{ {CUSTOMER} }}",
    "customers": f"customers(first: 10) {{ edges {{ node {{ {CUSTOMER} }} }} }}",
    "staffUsers": "staffUsers(first: 20) { edges { node { email } } }",
    "channel": "channel(slug: <slug>) { slug }",
    "channels": "channels { slug }",
    "partners": "partners { code termsEffectiveFrom termsHistory { note } }",
    "products": "products(first: 10, channel: <slug>) { edges { node { name } } }",
    "product": "product(id: <product>, channel: <slug>) { name }",
    "productVariant": "productVariant(id: <variant>, channel: <slug>) { id }",
    "flashSales": "flashSales(channel: <slug>) { id remaining }",
    "productVariants": "productVariants(first: 10, channel: <slug>) { edges { node { id } } }",
    "categories": "categories(first: 10) { edges { node { id } } }",
    "category": "category(id: <category>) { id }",
    "collections": "collections(first: 10, channel: <slug>) { edges { node { id } } }",
    "collection": "collection(id: <collection>, channel: <slug>) { id }",
    "pages": "pages(first: 10) { edges { node { id } } }",
    "page": "page(id: <page>) { id }",
    "menu": 'menu(name: "navbar") { id }',
    "checkout": "checkout(id: <cart>) { email shippingAddress { streetAddress1 phone } }",
    "checkouts": "checkouts(first: 10) { edges { node { email } } }",
    "order": f"order(id: <order>) {{ id {PERSONAL} lines {{ productName }} }}",
    "orders": f"orders(first: 10) {{ edges {{ node {{ id {PERSONAL} }} }} }}",
    "addressValidationRules": "addressValidationRules(countryCode: CN) { countryCode }",
    "carriers": "carriers { code }",
    "shipmentHandoffs": "shipmentHandoffs(deadOnly: false) { attempts }",
    "lateShipments": "lateShipments { fulfillment { id } }",
    "returnRequests": "returnRequests { id }",
    "giftCodes": "giftCodes(order: <order>) { code }",
    "digitalIssues": "digitalIssues(deadOnly: false) { attempts }",
    "digitalCodePools": "digitalCodePools { availableCodes lowStock }",
    "issuers": "issuers { code }",
    "issuer": "issuer(code: <issuer>) { code }",
    "issuerLiability": "issuerLiability(issuer: <issuer>) { issuer { code } }",
    "programmeHealth": "programmeHealth { programmes { issuerCode channel } }",
    "partnerPerformance": "partnerPerformance(partner: <partner>) { partnerCode }",
    "settlementStatements": "settlementStatements(first: 10) { edges { node { id } } }",
    "settlementStatement": 'settlementStatement(id: "U2V0dGxlbWVudFN0YXRlbWVudDox") { id }',
    # The Saleor Dashboard's catalogue (issue 17)
    "attribute": 'attribute(slug: "colour") { id }',
    "attributes": "attributes(first: 10) { edges { node { id } } }",
    "productType": "productType(id: <product_type>) { id name }",
    "productTypes": "productTypes(first: 10) { edges { node { id } } }",
    "warehouse": "warehouse(id: <warehouse>) { id partnerCode }",
    "warehouses": "warehouses(first: 100) { edges { node { id partnerCode } } }",
    "translation": "translation(id: <product>, kind: PRODUCT) { ... on ProductTranslatableContent { id } }",
    "translations": "translations(kind: PRODUCT, first: 100) { edges { node { "
                    "... on ProductTranslatableContent { product { name } } } } }",
    "pageType": 'pageType(id: "UGFnZVR5cGU6MQ==") { id }',
    "pageTypes": "pageTypes(first: 10) { edges { node { id } } }",
    "menus": "menus(first: 10) { edges { node { id } } }",
    "productReviews": "productReviews(statuses: [DRAFT, SUBMITTED, APPROVED, REJECTED]) { product { name } }",
    "memberLookups": "memberLookups(issuer: <issuer>, first: 10) { edges { node { searchedFor } } }",
    "loyaltyProgramme": "loyaltyProgramme(issuer: <issuer>) { issuer rules { code } }",
    "loyaltyMembers": "loyaltyMembers(issuer: <issuer>, first: 10) { edges { node { state } } }",
    "loyaltyMembersCsv": "loyaltyMembersCsv(issuer: <issuer>)",
    "loyaltyWaysToEarn": "loyaltyWaysToEarn(channel: <slug>) { available }",
    "serviceCases": "serviceCases { number }",
    "serviceCase": f"serviceCase(id: {NO_CASE}) {{ number }}",
    "serviceCaseMeasures": 'serviceCaseMeasures(since: "2026-01-01T00:00:00Z", until: "2026-02-01T00:00:00Z") { csv }',
}

ADDRESS = '{firstName: "Mei", lastName: "Lin", streetAddress1: "2 New Road", city: "Shanghai", postalCode: "200120", ' \
          'country: CN, phone: "+8613800000001"}'
LINE = "[{quantity: 1, variantId: <variant>}]"

MUTATIONS: dict[str, str] = {
    "tokenCreate": 'tokenCreate(email: "mei@example.com", password: "wrong-password-1")',
    "tokenRefresh": 'tokenRefresh(refreshToken: "not-a-token")',
    "tokenVerify": 'tokenVerify(token: "not-a-token")',
    "tokensDeactivateAll": "tokensDeactivateAll",
    "externalAuthenticationUrl": 'externalAuthenticationUrl(pluginId: "mall.bank-sso", input: "{}")',
    "externalObtainAccessTokens": 'externalObtainAccessTokens(pluginId: "mall.bank-sso", input: "{}")',
    "accountRegister": 'accountRegister(input: {email: "new@example.com", password: "x"})',
    "confirmAccount": 'confirmAccount(email: "mei@example.com", token: "not-a-token")',
    "accountUpdate": 'accountUpdate(input: {firstName: "Renamed"})',
    "passwordChange": 'passwordChange(oldPassword: "wrong-password-1", newPassword: "another-horse-battery")',
    "requestPasswordReset": 'requestPasswordReset(email: "nobody@example.com", redirectUrl: "http://testserver/r")',
    "setPassword": 'setPassword(email: "mei@example.com", password: "another-horse-battery", token: "not-a-token")',
    "accountAddressCreate": f"accountAddressCreate(input: {ADDRESS})",
    "accountAddressUpdate": 'accountAddressUpdate(id: <address>, input: {city: "Suzhou"})',
    "accountAddressDelete": "accountAddressDelete(id: <fresh_address>)",
    "accountSetDefaultAddress": "accountSetDefaultAddress(id: <address>, type: SHIPPING)",
    "accountRequestDeletion": 'accountRequestDeletion(redirectUrl: "http://testserver/bye")',
    "accountDelete": 'accountDelete(token: "not-a-token")',
    "staffCreate": 'staffCreate(input: {email: "", permissions: []})',
    "channelCreate": 'channelCreate(input: {name: "X", slug: "", currencyCode: "PTS", defaultCountry: CN})',
    "channelUpdate": "channelUpdate(id: <channel>, input: {})",
    "partnerCreate": 'partnerCreate(input: {code: "", name: "X"})',
    "partnerStatusUpdate": "partnerStatusUpdate(code: <partner>, status: ACTIVE)",
    "partnerTermsUpdate": 'partnerTermsUpdate(code: <partner>, input: {serviceFeePercent: "51"})',
    "pointsAdjust": 'pointsAdjust(input: {user: <mei>, channel: <slug>, amount: 0, reason: "r", idempotencyKey: "k"})',
    "productCreate": 'productCreate(input: {productType: <product_type>, name: ""})',
    "productUpdate": "productUpdate(id: <product>, input: {})",
    "productDelete": "productDelete(id: <fresh_product>)",
    "productChannelListingUpdate": "productChannelListingUpdate(id: <product>, input: {})",
    "productVariantCreate": 'productVariantCreate(input: {product: <product>, sku: ""})',
    "productVariantUpdate": "productVariantUpdate(id: <variant>, input: {})",
    "flashSaleCreate": "flashSaleCreate(variant: <variant>, channel: <slug>, input: {})",
    "flashSaleUpdate": "flashSaleUpdate(id: <flash_sale>, input: {})",
    "flashSaleEnd": "flashSaleEnd(id: <flash_sale>)",
    "productVariantDelete": "productVariantDelete(id: <fresh_variant>)",
    "productVariantChannelListingUpdate": "productVariantChannelListingUpdate(id: <variant>, input: [])",
    "productVariantStocksCreate": "productVariantStocksCreate(variantId: <variant>, stocks: [])",
    "productVariantStocksUpdate": "productVariantStocksUpdate(variantId: <variant>, stocks: [])",
    "productVariantStocksDelete": "productVariantStocksDelete(variantId: <variant>, warehouseIds: [])",
    "productMediaCreate": "productMediaCreate(input: {product: <product>})",
    "productMediaDelete": 'productMediaDelete(id: "UHJvZHVjdE1lZGlhOjk5OTk=")',
    "categoryCreate": 'categoryCreate(input: {name: ""})',
    "categoryUpdate": "categoryUpdate(id: <category>, input: {})",
    "categoryDelete": 'categoryDelete(id: "Q2F0ZWdvcnk6OTk5OQ==")',
    "collectionCreate": 'collectionCreate(input: {name: ""})',
    "collectionAddProducts": "collectionAddProducts(collectionId: <collection>, products: [])",
    "collectionRemoveProducts": "collectionRemoveProducts(collectionId: <collection>, products: [])",
    "warehouseCreate": f'warehouseCreate(input: {{name: "", address: {ADDRESS}}})',
    "warehouseUpdate": "warehouseUpdate(id: <warehouse>, input: {})",
    "productReviewSubmit": "productReviewSubmit(id: <product>)",
    "productReviewWithdraw": "productReviewWithdraw(id: <product>)",
    "productReviewApprove": "productReviewApprove(id: <product>)",
    "productReviewReject": 'productReviewReject(id: <product>, reason: "")',
    "checkoutCreate": f"checkoutCreate(input: {{channel: <slug>, lines: {LINE}}})",
    "checkoutLinesAdd": f"checkoutLinesAdd(id: <fresh_cart>, lines: {LINE})",
    "checkoutLinesUpdate": "checkoutLinesUpdate(id: <fresh_cart>, lines: [])",
    "checkoutLinesDelete": "checkoutLinesDelete(id: <fresh_cart>, linesIds: [])",
    "checkoutEmailUpdate": 'checkoutEmailUpdate(id: <fresh_cart>, email: "mei@example.com")',
    "checkoutCustomerAttach": "checkoutCustomerAttach(id: <fresh_cart>)",
    "checkoutCustomerDetach": "checkoutCustomerDetach(id: <fresh_cart>)",
    "checkoutShippingAddressUpdate": f"checkoutShippingAddressUpdate(id: <fresh_cart>, shippingAddress: {ADDRESS})",
    "checkoutBillingAddressUpdate": f"checkoutBillingAddressUpdate(id: <fresh_cart>, billingAddress: {ADDRESS})",
    "checkoutDeliveryMethodUpdate": "checkoutDeliveryMethodUpdate(id: <fresh_cart>, deliveryMethodId: null)",
    "checkoutLanguageCodeUpdate": "checkoutLanguageCodeUpdate(id: <fresh_cart>, languageCode: EN)",
    "checkoutCustomerNoteUpdate": 'checkoutCustomerNoteUpdate(id: <fresh_cart>, customerNote: "")',
    "checkoutAddPromoCode": 'checkoutAddPromoCode(id: <fresh_cart>, promoCode: "CODE")',
    "checkoutRemovePromoCode": 'checkoutRemovePromoCode(id: <fresh_cart>, promoCode: "CODE")',
    "paymentGatewayInitialize": "paymentGatewayInitialize(id: <fresh_cart>)",
    "transactionInitialize": 'transactionInitialize(id: <fresh_cart>, paymentGateway: {id: "mall.points"}, amount: 1)',
    "transactionProcess": 'transactionProcess(id: "VHJhbnNhY3Rpb25JdGVtOjA=")',
    "deliveryOptionsCalculate": "deliveryOptionsCalculate(id: <fresh_cart>)",
    "checkoutComplete": "checkoutComplete(id: <fresh_cart>)",
    "checkoutConfirmationRequest": "checkoutConfirmationRequest(id: <fresh_cart>)",
    "checkoutConfirmationVerify": 'checkoutConfirmationVerify(id: <fresh_cart>, code: "123456")',
    "orderCancel": "orderCancel(id: <order>)",
    "orderCancelByMember": "orderCancelByMember(id: <order>)",
    "orderConfirm": "orderConfirm(id: <order>)",
    "orderMarkAsPaid": "orderMarkAsPaid(id: <order>)",
    "orderRefund": "orderRefund(id: <order>, amount: 1)",
    "customerUpdate": 'customerUpdate(id: <fresh_customer>, input: {note: "called back"})',
    "customerDelete": "customerDelete(id: <fresh_customer>)",
    "customerCreate": 'customerCreate(input: {email: ""})',
    "customerBulkDelete": "customerBulkDelete(ids: [<fresh_customer>])",
    "addressCreate": "addressCreate(userId: <fresh_customer>, input: {country: CN})",
    "addressUpdate": "addressUpdate(id: <fresh_address>, input: {})",
    "addressDelete": "addressDelete(id: <fresh_address>)",
    "addressSetDefault": "addressSetDefault(addressId: <fresh_address>, userId: <mei>, type: SHIPPING)",
    "shopSettingsUpdate": 'shopSettingsUpdate(input: {name: ""})',
    "shopAddressUpdate": "shopAddressUpdate(input: {country: CN})",
    "shopDomainUpdate": 'shopDomainUpdate(input: {domain: "not a host"})',
    "staffUpdate": 'staffUpdate(id: <fresh_staff>, input: {note: "night shift"})',
    "staffDelete": "staffDelete(id: <fresh_staff>)",
    "orderFulfill": "orderFulfill(order: <order>, input: {lines: []})",
    "orderFulfillmentUpdateTracking": 'orderFulfillmentUpdateTracking(id: <shipment>, input: {trackingNumber: "T1"})',
    "orderFulfillmentCancel": "orderFulfillmentCancel(id: <shipment>)",
    "orderFulfillmentApprove": "orderFulfillmentApprove(id: <shipment>, notifyCustomer: false)",
    "carrierCreate": 'carrierCreate(input: {code: "", name: "X", handoffMode: MANUAL, handoverDays: 1, '
                     'deliveryDays: 1})',
    "carrierWarehouseAssign": 'carrierWarehouseAssign(code: "post", warehouse: <warehouse>)',
    "carrierUpdate": 'carrierUpdate(code: "post", input: {handoverDays: 3})',
    "shipmentHandoffRetry": "shipmentHandoffRetry(id: <shipment>)",
    "digitalGiftConfigure": "digitalGiftConfigure(variant: <variant>, input: {mode: CODE_POOL, "
                            "warehouse: <warehouse>})",
    "digitalCodesUpload": 'digitalCodesUpload(variant: <variant>, csv: "code")',
    "digitalCodesMarkUsed": 'digitalCodesMarkUsed(variant: <variant>, codes: ["X"])',
    "digitalContractUpdate": "digitalContractUpdate(partner: <partner>, input: {})",
    "digitalIssueRetry": 'digitalIssueRetry(id: "RGlnaXRhbElzc3VlOjk5OTk=")',
    "returnRequestCreate": 'returnRequestCreate(fulfillment: <shipment>, lines: [], reason: "")',
    "returnRequestDecide": 'returnRequestDecide(id: "UmV0dXJuUmVxdWVzdDo5OTk5", approve: false, note: "")',
    "returnRequestReceive": 'returnRequestReceive(id: "UmV0dXJuUmVxdWVzdDo5OTk5")',
    "issuerCreate": 'issuerCreate(input: {code: ""})',
    "issuerUpdate": "issuerUpdate(code: <issuer>, input: {})",
    "issuerSettingsUpdate": "issuerSettingsUpdate(issuer: <issuer>, input: {reminderDays: 21})",
    "pointsCredit": 'pointsCredit(input: {issuer: <issuer>, transactionId: "", customerReference: "A-0001", '
                    'points: 0, earnedAt: "2026-01-01T00:00:00Z"})',
    "settlementRun": 'settlementRun(input: {period: "2000-13"})',
    "bankFileImport": "bankFileImport(input: {kind: POINTS, issuer: <issuer>})",
    "memberLookup": 'memberLookup(input: {issuer: <issuer>, customerReference: "A-0001", reason: "member called"})',
    "settlementStatementConfirm": 'settlementStatementConfirm(id: "U2V0dGxlbWVudFN0YXRlbWVudDo5OTk5")',
    "settlementStatementDispute": 'settlementStatementDispute(id: "U2V0dGxlbWVudFN0YXRlbWVudDo5OTk5", reason: "")',
    "settlementStatementMarkPaid": 'settlementStatementMarkPaid(id: "U2V0dGxlbWVudFN0YXRlbWVudDo5OTk5")',
    # The Saleor Dashboard's catalogue (issue 17)
    "createWarehouse": f'createWarehouse(input: {{name: "", address: {ADDRESS}}})',
    "updateWarehouse": "updateWarehouse(id: <warehouse>, input: {})",
    "deleteWarehouse": "deleteWarehouse(id: <fresh_warehouse>)",
    "productTypeCreate": 'productTypeCreate(input: {name: ""})',
    "productTypeUpdate": "productTypeUpdate(id: <product_type>, input: {})",
    "productTypeDelete": "productTypeDelete(id: <product_type>)",
    "productTypeBulkDelete": "productTypeBulkDelete(ids: [<product_type>])",
    "productTypeReorderAttributes": "productTypeReorderAttributes(productTypeId: <product_type>, moves: [], "
                                    "type: PRODUCT)",
    "productBulkDelete": "productBulkDelete(ids: [<fresh_product>])",
    "productVariantBulkDelete": "productVariantBulkDelete(ids: [<fresh_variant>])",
    "productVariantBulkCreate": "productVariantBulkCreate(product: <product>, variants: [])",
    "productVariantBulkUpdate": "productVariantBulkUpdate(product: <product>, variants: [])",
    "productVariantReorder": "productVariantReorder(productId: <product>, moves: [])",
    "productVariantSetDefault": "productVariantSetDefault(productId: <product>, variantId: <variant>)",
    "productMediaBulkDelete": 'productMediaBulkDelete(ids: ["UHJvZHVjdE1lZGlhOjk5OTk="])',
    "productMediaReorder": "productMediaReorder(productId: <product>, mediaIds: [])",
    "productMediaUpdate": 'productMediaUpdate(id: "UHJvZHVjdE1lZGlhOjk5OTk=", input: {alt: ""})',
    "variantMediaAssign": 'variantMediaAssign(mediaId: "UHJvZHVjdE1lZGlhOjk5OTk=", variantId: <variant>)',
    "variantMediaUnassign": 'variantMediaUnassign(mediaId: "UHJvZHVjdE1lZGlhOjk5OTk=", variantId: <variant>)',
    "categoryBulkDelete": 'categoryBulkDelete(ids: ["Q2F0ZWdvcnk6OTk5OQ=="])',
    "collectionUpdate": "collectionUpdate(id: <collection>, input: {})",
    "collectionDelete": 'collectionDelete(id: "Q29sbGVjdGlvbjo5OTk5")',
    "collectionBulkDelete": 'collectionBulkDelete(ids: ["Q29sbGVjdGlvbjo5OTk5"])',
    "collectionChannelListingUpdate": "collectionChannelListingUpdate(id: <collection>, input: {})",
    "collectionReorderProducts": "collectionReorderProducts(collectionId: <collection>, moves: [])",
    "productTranslate": 'productTranslate(id: <product>, languageCode: ZH_HANS, input: {name: "礼物"})',
    "productVariantTranslate": 'productVariantTranslate(id: <variant>, languageCode: ZH_HANS, input: {name: "红"})',
    "categoryTranslate": 'categoryTranslate(id: <category>, languageCode: ZH_HANS, input: {name: "厨房"})',
    "pageTranslate": 'pageTranslate(id: <page>, languageCode: ZH_HANS, input: {title: "条款"})',
    "collectionTranslate": 'collectionTranslate(id: <collection>, languageCode: ZH_HANS, input: {name: "精选"})',
    "exportProducts": "exportProducts(input: {scope: ALL, exportInfo: {}, fileType: CSV})",
    "fileUpload": 'fileUpload(file: "not-a-file")',
    "loyaltyRuleCreate": 'loyaltyRuleCreate(input: {issuer: <issuer>, code: "", name: "Event", kind: EVENT})',
    "loyaltyRuleUpdate": 'loyaltyRuleUpdate(id: "TG95YWx0eVJ1bGU6OTk5OQ==", input: {points: 5})',
    "loyaltyProgrammeUpdate": "loyaltyProgrammeUpdate(issuer: <issuer>, input: {tierWindowMonths: 0})",
    "loyaltyTiersSet": "loyaltyTiersSet(issuer: <issuer>, tiers: [])",
    "loyaltyAwardGive": 'loyaltyAwardGive(rule: "TG95YWx0eVJ1bGU6OTk5OQ==", user: <mei>, channel: <slug>)',
    "loyaltySignIn": "loyaltySignIn(channel: <slug>)",
    "loyaltyShare": 'loyaltyShare(channel: <slug>, shared: "kettle")',
    "notificationsMarkRead": "notificationsMarkRead",
    "notificationPreferencesUpdate": 'notificationPreferencesUpdate(input: {marketingSms: true})',
    "serviceCaseOpen": 'serviceCaseOpen(input: {subject: POINTS, category: OTHER, description: "", channel: <slug>})',
    "serviceCaseMessage": f'serviceCaseMessage(id: {NO_CASE}, body: "Hello")',
    "serviceCaseResolve": f'serviceCaseResolve(id: {NO_CASE}, input: {{kind: EXPLANATION, note: "Done"}})',
    "serviceCaseReopen": f'serviceCaseReopen(id: {NO_CASE}, reason: "Again")',
    "serviceCaseRate": f"serviceCaseRate(id: {NO_CASE}, rating: 5)",
    "serviceProgrammeUpdate": "serviceProgrammeUpdate(input: {issuer: <issuer>, reopenDays: -1})",
    "serviceDeadlineSet": "serviceDeadlineSet(issuer: <issuer>, firstAnswerHours: 0, resolveHours: 0)",
}
# The programme's content pages, written by the operator (issue 17). Deletes name a page that does not exist,
# so the world's page stays for the other calls.
MUTATIONS |= {
    "pageCreate": 'pageCreate(input: {title: "T", pageType: "UGFnZVR5cGU6MQ=="})',
    "pageUpdate": "pageUpdate(id: <page>, input: {})",
    "pageDelete": 'pageDelete(id: "UGFnZTo5OTk5")',
    "pageBulkDelete": 'pageBulkDelete(ids: ["UGFnZTo5OTk5"])',
    "pageBulkPublish": "pageBulkPublish(ids: [<page>], isPublished: true)",
}
# Page types (issue 17): the calls name the built-in content page type (PageType:1), which change nothing
# (empty lists) or are refused INVALID (it stays); the create makes a page type.
PAGE_TYPE_MUTATIONS: dict[str, str] = {
    "pageAttributeAssign": 'pageAttributeAssign(pageTypeId: "UGFnZVR5cGU6MQ==", attributeIds: [])',
    "pageAttributeUnassign": 'pageAttributeUnassign(pageTypeId: "UGFnZVR5cGU6MQ==", attributeIds: [])',
    "pageTypeCreate": 'pageTypeCreate(input: {name: "T"})',
    "pageTypeUpdate": 'pageTypeUpdate(id: "UGFnZVR5cGU6MQ==", input: {})',
    "pageTypeDelete": 'pageTypeDelete(id: "UGFnZVR5cGU6MQ==")',
    "pageTypeBulkDelete": 'pageTypeBulkDelete(ids: ["UGFnZVR5cGU6MQ=="])',
    "pageTypeReorderAttributes": 'pageTypeReorderAttributes(pageTypeId: "UGFnZVR5cGU6MQ==", moves: [])',
}
MUTATIONS |= PAGE_TYPE_MUTATIONS
# Saleor mutations for what the mall does not store (menus): every one is refused after its permission check;
# each gets the call below with its own name and arguments.
CATALOG_ABSENT_MUTATIONS: dict[str, str] = {
    "menuCreate": 'menuCreate(input: {name: "Extra"})',
    "menuUpdate": 'menuUpdate(id: "TWVudTox", input: {})',
    "menuDelete": 'menuDelete(id: "TWVudTox")',
    "menuBulkDelete": 'menuBulkDelete(ids: ["TWVudTox"])',
    "menuItemCreate": 'menuItemCreate(input: {name: "x", menu: "TWVudTox"})',
    "menuItemUpdate": 'menuItemUpdate(id: "TWVudUl0ZW06MQ==", input: {})',
    "menuItemBulkDelete": 'menuItemBulkDelete(ids: ["TWVudUl0ZW06MQ=="])',
    "menuItemMove": 'menuItemMove(menu: "TWVudTox", moves: [])',
    "menuItemTranslate": 'menuItemTranslate(id: "TWVudUl0ZW06MQ==", languageCode: ZH_HANS, input: {name: "x"})',
}
MUTATIONS |= CATALOG_ABSENT_MUTATIONS
# Attributes (issue 17): the IDs name attribute (value) 999999, which no call creates, so calls naming one find
# nothing; the product type calls change nothing (empty operations).
ATTRIBUTE_MUTATIONS: dict[str, str] = {
    "attributeCreate": 'attributeCreate(input: {name: "Matrix probe", type: PRODUCT_TYPE})',
    "attributeUpdate": 'attributeUpdate(id: "QXR0cmlidXRlOjk5OTk5OQ==", input: {})',
    "attributeDelete": 'attributeDelete(id: "QXR0cmlidXRlOjk5OTk5OQ==")',
    "attributeBulkDelete": 'attributeBulkDelete(ids: ["QXR0cmlidXRlOjk5OTk5OQ=="])',
    "attributeReorderValues": 'attributeReorderValues(attributeId: "QXR0cmlidXRlOjk5OTk5OQ==", moves: [])',
    "attributeTranslate": 'attributeTranslate(id: "QXR0cmlidXRlOjk5OTk5OQ==", languageCode: ZH_HANS, '
                          'input: {name: "x"})',
    "attributeValueCreate": 'attributeValueCreate(attribute: "QXR0cmlidXRlOjk5OTk5OQ==", input: {name: "Red"})',
    "attributeValueUpdate": 'attributeValueUpdate(id: "QXR0cmlidXRlVmFsdWU6OTk5OTk5", input: {})',
    "attributeValueDelete": 'attributeValueDelete(id: "QXR0cmlidXRlVmFsdWU6OTk5OTk5")',
    "attributeValueBulkDelete": 'attributeValueBulkDelete(ids: ["QXR0cmlidXRlVmFsdWU6OTk5OTk5"])',
    "attributeValueTranslate": 'attributeValueTranslate(id: "QXR0cmlidXRlVmFsdWU6OTk5OTk5", languageCode: ZH_HANS, '
                               'input: {name: "x"})',
    "productAttributeAssign": "productAttributeAssign(productTypeId: <product_type>, operations: [])",
    "productAttributeUnassign": "productAttributeUnassign(productTypeId: <product_type>, attributeIds: [])",
    "productAttributeAssignmentUpdate": "productAttributeAssignmentUpdate(productTypeId: <product_type>, "
                                        "operations: [])",
}
MUTATIONS |= ATTRIBUTE_MUTATIONS

QUERIES |= {
    "permissionGroups": "permissionGroups(first: 10) { edges { node { name } } }",
    "permissionGroup": 'permissionGroup(id: "R3JvdXA6MQ==") { name }',  # base64("Group:1"): the operators' group
}
QUERIES |= {"homepageEvents": "homepageEvents(last: 10) { edges { node { type orderNumber } } }",
            "ordersTotal": "ordersTotal(period: TODAY, channel: <slug>) { gross { amount } }"}
MUTATIONS |= {"orderNoteAdd": 'orderNoteAdd(order: <order>, input: {message: ""})',
              "orderNoteUpdate": 'orderNoteUpdate(note: "T3JkZXJFdmVudDo5OTk5", input: {message: "Checked"})'}
MUTATIONS |= {"updateMetadata": "updateMetadata(id: <mei>, input: [])",
              "deleteMetadata": "deleteMetadata(id: <mei>, keys: [])",
              "updatePrivateMetadata": "updatePrivateMetadata(id: <mei>, input: [])",
              "deletePrivateMetadata": "deletePrivateMetadata(id: <mei>, keys: [])"}
# Catalogue promotions (issue 20): no promotion in the world, so calls naming one find nothing
PROMOTION = '"UHJvbW90aW9uOjk5OTk="'
PROMOTION_RULE = '"UHJvbW90aW9uUnVsZTo5OTk5"'
QUERIES |= {"promotions": "promotions(first: 10) { edges { node { id } } }",
            "promotion": f"promotion(id: {PROMOTION}) {{ id }}"}
MUTATIONS |= {"promotionCreate": 'promotionCreate(input: {name: "", type: CATALOGUE})',
              "promotionUpdate": f"promotionUpdate(id: {PROMOTION}, input: {{}})",
              "promotionDelete": f"promotionDelete(id: {PROMOTION})",
              "promotionRuleCreate": f"promotionRuleCreate(input: {{promotion: {PROMOTION}}})",
              "promotionRuleUpdate": f"promotionRuleUpdate(id: {PROMOTION_RULE}, input: {{}})",
              "promotionRuleDelete": f"promotionRuleDelete(id: {PROMOTION_RULE})"}
# Vouchers (issue 20): no voucher in the world, so calls naming one find nothing
VOUCHER = '"Vm91Y2hlcjo5OTk5"'  # base64("Voucher:9999")
VOUCHER_CODE = '"Vm91Y2hlckNvZGU6OTk5OQ=="'  # base64("VoucherCode:9999")
QUERIES |= {"vouchers": "vouchers(first: 10) { edges { node { id } } }",
            "voucher": f"voucher(id: {VOUCHER}) {{ id }}"}
MUTATIONS |= {"voucherCreate": 'voucherCreate(input: {name: ""})',
              "voucherUpdate": f"voucherUpdate(id: {VOUCHER}, input: {{}})",
              "voucherDelete": f"voucherDelete(id: {VOUCHER})",
              "voucherBulkDelete": f"voucherBulkDelete(ids: [{VOUCHER}])",
              "voucherChannelListingUpdate": f"voucherChannelListingUpdate(id: {VOUCHER}, input: {{}})",
              "voucherCataloguesAdd": f"voucherCataloguesAdd(id: {VOUCHER}, input: {{}})",
              "voucherCataloguesRemove": f"voucherCataloguesRemove(id: {VOUCHER}, input: {{}})",
              "voucherCodeBulkDelete": f"voucherCodeBulkDelete(ids: [{VOUCHER_CODE}])",
              "voucherTranslate": f'voucherTranslate(id: {VOUCHER}, languageCode: ZH_HANS, input: {{name: "x"}})',
              "voucherCodesGenerate": f"voucherCodesGenerate(id: {VOUCHER}, count: 1)"}
MUTATIONS |= {"channelActivate": "channelActivate(id: <channel>)",
              "channelDeactivate": 'channelDeactivate(id: "Q2hhbm5lbDo5OTk5")'}  # base64("Channel:9999")
ABSENT_QUERIES, ABSENT_MUTATIONS = absent_calls()  # Saleor's concepts a points mall lacks, built from the schema
QUERIES |= ABSENT_QUERIES
MUTATIONS |= ABSENT_MUTATIONS

# Products, variants and collections by `node` need a channel, which `node` cannot take (with two channels
# Saleor answers "More than one channel exists"): their rows are checked through `product`, `productVariant`
# and `collection`, which take one.
NODES: dict[str, str | None] = {
    "User": "<mei>", "Address": "<address>", "Channel": "<channel>", "Product": None, "ProductVariant": None,
    "Category": "<category>", "Collection": None, "Page": "<page>", "Checkout": "<cart>", "Order": "<order>",
    "Fulfillment": "<shipment>", "SettlementStatement": '"U2V0dGxlbWVudFN0YXRlbWVudDox"',
}
