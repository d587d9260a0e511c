// The GraphQL documents the mall sends: Saleor storefront operations plus the mall's points fields.

const MONEY = "amount currency";
const GROSS = `gross { ${MONEY} }`;

export const GIFT_CARD = `
fragment GiftCard on Product {
  id name slug translation(languageCode: $lang) { name }
  thumbnail(size: 256) { url alt }
  category { name slug translation(languageCode: $lang) { name } }
  pricing { priceRange { start { ${GROSS} } } }
  productVariants(first: 20) { edges { node { id quantityAvailable } } }
}`;

const ADDRESS = `
fragment AddressFields on Address {
  id firstName lastName companyName streetAddress1 streetAddress2 city cityArea postalCode
  country { code country } countryArea phone isDefaultShippingAddress
}`;

const CHECKOUT = `
fragment CheckoutFields on Checkout {
  id quantity isShippingRequired email
  lines {
    id quantity
    variant { id name quantityAvailable
      product { name slug thumbnail(size: 128) { url alt } } }
    unitPrice { ${GROSS} }
    totalPrice { ${GROSS} }
    problems { __typename ... on CheckoutLineProblemInsufficientStock { availableQuantity } }
  }
  shippingAddress { ...AddressFields }
  shippingMethods { id name translation(languageCode: $lang) { name } price { ${MONEY} }
    minimumDeliveryDays maximumDeliveryDays }
  delivery { id shippingMethod { id name translation(languageCode: $lang) { name } } }
  subtotalPrice { ${GROSS} }
  shippingPrice { ${GROSS} }
  totalPrice { ${GROSS} }
  authorizeStatus
  problems { __typename }
}
${ADDRESS}`;

const ERRORS = "errors { field code message }";

export const SIGN_IN = `mutation SignIn($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token refreshToken ${ERRORS} }
}`;

export const REGISTER = `mutation Register($input: AccountRegisterInput!) {
  accountRegister(input: $input) { requiresConfirmation ${ERRORS} }
}`;

export const REQUEST_PASSWORD_RESET = `mutation RequestReset($email: String!, $redirectUrl: String!, $channel: String) {
  requestPasswordReset(email: $email, redirectUrl: $redirectUrl, channel: $channel) { ${ERRORS} }
}`;

export const SET_PASSWORD = `mutation SetPassword($email: String!, $token: String!, $password: String!) {
  setPassword(email: $email, token: $token, password: $password) { token refreshToken ${ERRORS} }
}`;

// The account page (pages/profile.js): profile, address book, password and language, Saleor's own mutations.
const PROFILE_FIELDS = "id email firstName lastName languageCode metadata { key value }";

export const PROFILE = `query Profile { me { ${PROFILE_FIELDS} addresses { ...AddressFields } } }
${ADDRESS}`;

export const ACCOUNT_UPDATE = `mutation AccountUpdate($input: AccountInput!) {
  accountUpdate(input: $input) { user { ${PROFILE_FIELDS} } ${ERRORS} }
}`;

export const PASSWORD_CHANGE = `mutation PasswordChange($oldPassword: String!, $newPassword: String!) {
  passwordChange(oldPassword: $oldPassword, newPassword: $newPassword) { ${ERRORS} }
}`;

export const ACCOUNT_ADDRESS_CREATE = `mutation AccountAddressCreate($input: AddressInput!) {
  accountAddressCreate(input: $input) { address { id } ${ERRORS} }
}`;

export const ACCOUNT_ADDRESS_UPDATE = `mutation AccountAddressUpdate($id: ID!, $input: AddressInput!) {
  accountAddressUpdate(id: $id, input: $input) { address { id } ${ERRORS} }
}`;

export const ACCOUNT_ADDRESS_DELETE = `mutation AccountAddressDelete($id: ID!) {
  accountAddressDelete(id: $id) { ${ERRORS} }
}`;

export const ACCOUNT_DEFAULT_ADDRESS = `mutation AccountDefaultAddress($id: ID!) {
  accountSetDefaultAddress(id: $id, type: SHIPPING) { ${ERRORS} }
}`;

export const ME = `query Me { me { id email firstName lastName } }`;

export const BALANCE = `query Balance($channel: String!, $days: Int!) {
  me { id email firstName languageCode unreadNotifications
    pointsBalance(channel: $channel, expiringWithinDays: $days) {
      currency available held expiringSoonTotal expiringSoon { expiresAt points } } }
}`;

export const HOME = `query Home($channel: String!, $lang: LanguageCodeEnum!) {
  categories(level: 0, first: 20) { edges { node { id name slug translation(languageCode: $lang) { name } } } }
  collection(slug: "featured", channel: $channel) {
    name slug translation(languageCode: $lang) { name } products(first: 8) { edges { node { ...GiftCard } } } }
  products(first: 8, channel: $channel, sortBy: {field: CREATED_AT, direction: DESC}) {
    edges { node { ...GiftCard } } }
}
${GIFT_CARD}`;

export const CATEGORIES = `query Categories($lang: LanguageCodeEnum!) {
  categories(first: 100) { edges { node { id name slug level parent { slug } translation(languageCode: $lang) { name } } } }
}`;

export const GIFTS = `query Gifts($channel: String!, $first: Int, $last: Int, $after: String, $before: String,
    $search: String, $filter: ProductFilterInput, $sortBy: ProductOrder, $lang: LanguageCodeEnum!) {
  products(channel: $channel, first: $first, last: $last, after: $after, before: $before,
      search: $search, filter: $filter, sortBy: $sortBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { ...GiftCard } }
  }
}
${GIFT_CARD}`;

export const GIFT = `query Gift($slug: String!, $channel: String!, $lang: LanguageCodeEnum!) {
  product(slug: $slug, channel: $channel) {
    id name slug description isAvailableForPurchase loyaltyReservedTier
    translation(languageCode: $lang) { name description }
    category { name slug translation(languageCode: $lang) { name } }
    media { url(size: 1024) alt }
    productVariants(first: 20) { edges { node {
      id name sku quantityAvailable quantityLimitPerCustomer restockExpectedOn
      translation(languageCode: $lang) { name }
      pricing { price { ${GROSS} } pointsCashValue { ${MONEY} } referenceRetailPrice { ${MONEY} } }
      loyaltyTierPrice { ${MONEY} }
    } } }
  }
}`;

// Flash sales of one gift that run now or are still to come (mall-only): the countdown and "n left".
export const FLASH_SALES = `query FlashSales($channel: String!, $product: ID) {
  flashSales(channel: $channel, product: $product) {
    id variantId price { ${MONEY} } startsAt endsAt remaining limitPerMember isLive
  }
}`;

export const CHECKOUT_FIND = `query CheckoutFind($id: ID!, $lang: LanguageCodeEnum!) { checkout(id: $id) { ...CheckoutFields } }
${CHECKOUT}`;

export const CHECKOUT_CREATE = `mutation CheckoutCreate($input: CheckoutCreateInput!, $lang: LanguageCodeEnum!) {
  checkoutCreate(input: $input) { checkout { ...CheckoutFields } ${ERRORS} }
}
${CHECKOUT}`;

export const LINES_ADD = `mutation LinesAdd($id: ID!, $lines: [CheckoutLineInput!]!, $lang: LanguageCodeEnum!) {
  checkoutLinesAdd(id: $id, lines: $lines) { checkout { ...CheckoutFields } ${ERRORS} }
}
${CHECKOUT}`;

export const LINES_UPDATE = `mutation LinesUpdate($id: ID!, $lines: [CheckoutLineUpdateInput!]!,
    $lang: LanguageCodeEnum!) {
  checkoutLinesUpdate(id: $id, lines: $lines) { checkout { ...CheckoutFields } ${ERRORS} }
}
${CHECKOUT}`;

export const LINES_DELETE = `mutation LinesDelete($id: ID!, $linesIds: [ID!]!, $lang: LanguageCodeEnum!) {
  checkoutLinesDelete(id: $id, linesIds: $linesIds) { checkout { ...CheckoutFields } ${ERRORS} }
}
${CHECKOUT}`;

export const SHIPPING_ADDRESS = `mutation ShippingAddress($id: ID!, $address: AddressInput!, $lang: LanguageCodeEnum!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) { checkout { ...CheckoutFields } ${ERRORS} }
}
${CHECKOUT}`;

export const DELIVERY_METHOD = `mutation DeliveryMethod($id: ID!, $method: ID, $lang: LanguageCodeEnum!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) { checkout { ...CheckoutFields } ${ERRORS} }
}
${CHECKOUT}`;

export const ADDRESS_BOOK = `query AddressBook { me { id addresses { ...AddressFields } } }
${ADDRESS}`;

export const ADDRESS_CREATE = `mutation AddressCreate($input: AddressInput!) {
  accountAddressCreate(input: $input, type: SHIPPING) { address { ...AddressFields } ${ERRORS} }
}
${ADDRESS}`;

export const PAYMENT_GATEWAYS = `mutation Gateways($id: ID!) {
  paymentGatewayInitialize(id: $id, paymentGateways: [{id: "mall.points"}, {id: "mall.stripe"}]) {
    gatewayConfigs { id data errors { code message } } ${ERRORS}
  }
}`;

export const PAY_WITH_POINTS = `mutation PayWithPoints($id: ID!, $key: String!, $amount: PositiveDecimal) {
  transactionInitialize(id: $id, idempotencyKey: $key, amount: $amount, paymentGateway: {id: "mall.points"}) {
    transaction { id authorizedAmount { ${MONEY} } } ${ERRORS}
  }
}`;

export const PAY_BY_CARD = `mutation PayByCard($id: ID!, $key: String!) {
  transactionInitialize(id: $id, idempotencyKey: $key, paymentGateway: {id: "mall.stripe"}) {
    transaction { id } data ${ERRORS}
  }
}`;

export const PROCESS_PAYMENT = `mutation ProcessPayment($id: ID!) {
  transactionProcess(id: $id) { transaction { id } data ${ERRORS} }
}`;

export const COMPLETE = `mutation Complete($id: ID!) {
  checkoutComplete(id: $id) { order { id number } errors { field code message lines variants } }
}`;

const ORDER_FIELDS = `
fragment OrderFields on Order {
  id number created status paymentStatus isShippingRequired shippingMethodName
  total { ${GROSS} } subtotal { ${GROSS} } shippingPrice { ${GROSS} }
  shippingAddress { firstName lastName streetAddress1 streetAddress2 city cityArea countryArea postalCode phone
    country { code } }
  deliveryMethod { ... on ShippingMethod { id name translation(languageCode: $lang) { name } } }
  lines { id productName variantName productSku quantity
    thumbnail(size: 128) { url alt } totalPrice { ${GROSS} } variant { product { slug } } }
  fulfillments { id status trackingNumber created deliveredAt }
}`;

export const MY_ORDERS = `query MyOrders($first: Int, $after: String, $lang: LanguageCodeEnum!) {
  me { id orders(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { ...OrderFields } } } }
}
${ORDER_FIELDS}`;

const SHIPMENT_FIELDS = `
fragment ShipmentFields on Fulfillment {
  id fulfillmentOrder status created trackingNumber trackingUrl trackingStatus deliveredAt
  trackingEvents { status occurredAt location description }
  lines { id quantity orderLine { id productName variantName } }
}`;

export const ORDER = `query Order($id: ID!, $lang: LanguageCodeEnum!) { order(id: $id) { ...OrderFields
  channel { slug returnWindowDays }
  shipments: fulfillments { ...ShipmentFields }
  returnRequests { id status reason pointsRefunded fulfillmentId lines { fulfillmentLineId quantity }
    events { status date note } } } }
${ORDER_FIELDS}
${SHIPMENT_FIELDS}`;

export const GIFT_CODES = `query GiftCodes($order: ID) {
  giftCodes(order: $order) { id order orderNumber orderLine productName variantName code codeMasked validUntil status
    usageEn usageZhHans reference deliveredAt }
}`;

export const CANCEL_ORDER = `mutation CancelOrder($id: ID!) {
  orderCancelByMember(id: $id) { order { id status } ${ERRORS} }
}`;

export const RETURN_CREATE = `mutation ReturnCreate($fulfillment: ID!, $lines: [ReturnRequestLineInput!]!,
    $reason: String!) {
  returnRequestCreate(fulfillment: $fulfillment, lines: $lines, reason: $reason) {
    returnRequest { id status } ${ERRORS} }
}`;

export const BANK_SIGN_IN = `mutation BankSignIn($input: JSONString!) {
  externalObtainAccessTokens(pluginId: "mall.bank-sso", input: $input) { token refreshToken ${ERRORS} }
}`;

export const POINTS_HISTORY = `query PointsHistory($channel: String!, $days: Int!, $first: Int!, $after: String) {
  me { id
    pointsBalance(channel: $channel, expiringWithinDays: $days) {
      currency available held expiringSoonTotal expiringSoon { expiresAt points } }
    pointsTransfers(channel: $channel, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id kind description points availableChange heldChange reference reason createdAt } } }
    orders(first: 100) { edges { node { id number } } } }
}`;

const SERVICE_CASE = `
fragment ServiceCaseFields on ServiceCase {
  id number status subject category description createdAt reopenCount rating orderId
  messages { body author createdAt }
  pictures { url }
  resolution { kind note goodwillPoints resolvedAt }
}`;

export const MY_CASES = `query MyCases { serviceCases(first: 100) { ...ServiceCaseFields } }
${SERVICE_CASE}`;

export const CASE = `query Case($id: ID!) { serviceCase(id: $id) { ...ServiceCaseFields } }
${SERVICE_CASE}`;

export const CASE_OPEN = `mutation CaseOpen($input: ServiceCaseOpenInput!) {
  serviceCaseOpen(input: $input) { serviceCase { id } ${ERRORS} }
}`;

export const CASE_MESSAGE = `mutation CaseMessage($id: ID!, $body: String!) {
  serviceCaseMessage(id: $id, body: $body) { serviceCase { id } ${ERRORS} }
}`;

export const CASE_REOPEN = `mutation CaseReopen($id: ID!, $reason: String!) {
  serviceCaseReopen(id: $id, reason: $reason) { serviceCase { id } ${ERRORS} }
}`;

export const CASE_RATE = `mutation CaseRate($id: ID!, $rating: Int!, $comment: String!) {
  serviceCaseRate(id: $id, rating: $rating, comment: $comment) { serviceCase { id } ${ERRORS} }
}`;

// The member's loyalty programme (mall-only fields): tier and progress, ways to earn, the daily sign-in.
const TIER = "code name threshold earnMultiplier freeDelivery pointsDiscountPercent";

export const REWARDS = `
query Rewards($channel: String!) {
  me {
    id
    pointsBalance(channel: $channel) { currency }
    tierProgress(channel: $channel) {
      tier { ${TIER} } nextTier { ${TIER} } qualifyingValue toNextTier toRetain anniversary signInStreak }
  }
  loyaltyWaysToEarn(channel: $channel) {
    available
    rule { code name kind points ratio }
    caps { period cap used left }
  }
}`;

export const LOYALTY_SIGN_IN = `
mutation LoyaltySignIn($channel: String!) {
  loyaltySignIn(channel: $channel) {
    award { points ruleName } replayed streak
    errors { field code message }
  }
}`;

export const INBOX = `query Inbox($first: Int!) {
  me { id unreadNotifications
    inbox(first: $first) { totalCount edges { node { id kind title body link created readAt } } } }
}`;

export const MARK_READ = `mutation MarkRead($ids: [ID!]) {
  notificationsMarkRead(ids: $ids) { marked unreadNotifications ${ERRORS} }
}`;

export const CONFIRMATION_REQUEST = `mutation ConfirmationRequest($id: ID!) {
  checkoutConfirmationRequest(id: $id) { required channel expiresAt sendsLeft ${ERRORS} }
}`;

export const CONFIRMATION_VERIFY = `mutation ConfirmationVerify($id: ID!, $code: String!) {
  checkoutConfirmationVerify(id: $id, code: $code) { confirmed ${ERRORS} }
}`;

export const UNIT_NAMES = `query UnitNames($channel: String!) {
  channel(slug: $channel) {
    pointsUnitNames { languageCode name } pointsUnitNamesSingular { languageCode name } } }`;

// The programme's content pages (pages/content.js): Saleor's `page` and the `footer` menu that lists them.
export const CONTENT_PAGE = `query ContentPage($slug: String!, $lang: LanguageCodeEnum!) {
  page(slug: $slug) { id slug title content translation(languageCode: $lang) { title content } }
}`;

export const FOOTER_MENU = `query FooterMenu($channel: String, $lang: LanguageCodeEnum!) {
  menu(slug: "footer", channel: $channel) {
    items { id name translation(languageCode: $lang) { name } page { slug } }
  }
}`;
