// The partner merchant's day: orders to ship (pick list, packing slip, ship with a carrier), late shipments,
// return requests, gifts (create, edit stock and prices, pictures, submit for review) and statements.

import { field, h } from "/static/mall/dom.js";
import { graphql, graphqlUpload } from "../api.js";
import { formatDateTime, formatMoney, formatNumber, t } from "../i18n.js";
import { ANY, fromConnection, listView, localPage, pageArgs } from "../list.js";
import { link, navigate, render } from "../router.js";
import { ROLES, staff } from "../session.js";
import { unitName } from "../units.js";
import { actionForm, errorBox, facts, notice, page, statusBadge, table } from "../ui.js";
import { lateShipmentsPage } from "./shipments.js";

const ERRORS = "errors { field code message }";
const PAGE_INFO = "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }";
const ORDERS = `query Orders($first: Int, $last: Int, $after: String, $before: String, $search: String,
  $filter: OrderFilterInput, $sortBy: OrderSortingInput) {
  orders(first: $first, last: $last, after: $after, before: $before, search: $search, filter: $filter,
    sortBy: $sortBy) {
    ${PAGE_INFO}
    edges { node { id number created status shippingMethodName shippingAddress { city }
      lines { quantity quantityToFulfill } } }
  }
}`;
const ADDRESS = "firstName lastName companyName streetAddress1 streetAddress2 city cityArea postalCode countryArea " +
  "country { code country } phone";
const ORDER = `query Order($id: ID!) {
  order(id: $id) {
    id number created status shippingMethodName customerNote shippingAddress { ${ADDRESS} }
    lines { id productName variantName productSku quantity quantityFulfilled quantityToFulfill
      allocations { quantity warehouse { id name } } }
    fulfillments { id status trackingNumber trackingStatus trackingUrl deliveredAt created
      carrier { code name } warehouse { name } lines { quantity orderLine { productName variantName } }
      trackingEvents { status occurredAt location description } }
  }
  carriers { code name isActive handoffMode }
}`;
const FULFILL = `mutation Ship($order: ID!, $input: OrderFulfillInput!) {
  orderFulfill(order: $order, input: $input) { fulfillments { id } ${ERRORS} } }`;
const RETURNS = `query Returns { returnRequests { id status reason pointsRefunded fulfillmentId
  lines { fulfillmentLineId quantity } events { status date note } } }`;
const DECIDE = `mutation Decide($id: ID!, $approve: Boolean!, $note: String!) {
  returnRequestDecide(id: $id, approve: $approve, note: $note) { returnRequest { status } ${ERRORS} } }`;
const RECEIVE = `mutation Receive($id: ID!) { returnRequestReceive(id: $id) { returnRequest { status } ${ERRORS} } }`;
const GIFTS = `query Gifts($statuses: [ProductReviewStatusEnum!]) {
  productReviews(statuses: $statuses) {
    status priceAlerts { pricePoints reason } lastDecision { step note created }
    product { id name updatedAt thumbnail { url } productType { id name }
      channelListings { isPublished channel { slug } }
      variants { stocks { warehouse { id name } } } }
  }
}`;
const GIFT = `query Gift($id: ID!) {
  product(id: $id) {
    id name slug partnerCode description category { name } productType { name } media { id url alt }
    channelListings { isPublished visibleInListings channel { id slug name currencyCode } }
    variants { id name sku restockExpectedOn stocks { warehouse { id name } quantity quantityAllocated }
      channelListings { channel { id slug currencyCode } price { amount currency } costPrice { amount currency }
        referenceRetailPrice { amount currency } pointsPriceAlert } }
  }
  productReviews(statuses: [DRAFT, SUBMITTED, APPROVED, REJECTED]) { status lastDecision { step note created }
    product { id } }
}`;
const FORM_DATA = `query GiftFormData { channels { id slug name currencyCode }
  categories(first: 100, level: 1) { edges { node { id name parent { name } } } } }`;
const PRODUCT_CREATE = `mutation NewGift($input: ProductCreateInput!) { productCreate(input: $input) {
  product { id } ${ERRORS} } }`;
const VARIANT_CREATE = `mutation NewVariant($input: ProductVariantCreateInput!) { productVariantCreate(input: $input) {
  productVariant { id } ${ERRORS} } }`;
const VARIANT_PRICES = `mutation Prices($id: ID!, $input: [ProductVariantChannelListingAddInput!]!) {
  productVariantChannelListingUpdate(id: $id, input: $input) { ${ERRORS} } }`;
const LISTINGS = `mutation Listings($id: ID!, $input: ProductChannelListingUpdateInput!) {
  productChannelListingUpdate(id: $id, input: $input) { ${ERRORS} } }`;
const STOCKS = `mutation Stocks($id: ID!, $stocks: [StockInput!]!) {
  productVariantStocksUpdate(variantId: $id, stocks: $stocks) { ${ERRORS} } }`;
const RESTOCK = `mutation Restock($id: ID!, $on: Date) {
  productVariantUpdate(id: $id, input: {restockExpectedOn: $on}) { ${ERRORS} } }`;
const MEDIA = `mutation Picture($product: ID!, $image: Upload, $alt: String) {
  productMediaCreate(input: {product: $product, image: $image, alt: $alt}) { ${ERRORS} } }`;
const SUBMIT = `mutation Submit($id: ID!) { productReviewSubmit(id: $id) { priceAlerts { pricePoints reason }
  ${ERRORS} } }`;
const WITHDRAW = `mutation Withdraw($id: ID!) { productReviewWithdraw(id: $id) { ${ERRORS} } }`;

const TO_SHIP = ["UNFULFILLED", "PARTIALLY_FULFILLED"];
const ORDER_VIEWS = { toShip: TO_SHIP, shipped: ["FULFILLED"], canceled: ["CANCELED"], all: [] };

async function ordersPage({ query, path }) {
  const list = await listView(path, query, {
    caption: t("nav.orders"), searchable: true,
    filters: [{ name: "view", label: t("orders.view"), initial: "toShip", options: Object.keys(ORDER_VIEWS).map(
      (value) => ({ value, label: t(`orders.view.${value}`) })) }],
    sorts: [{ value: "CREATED_AT", label: t("orders.created"), direction: "ASC" },
      { value: "NUMBER", label: t("orders.number"), direction: "DESC" }],
    load: async (state) => {
      const status = ORDER_VIEWS[state.filters.view] || TO_SHIP;
      const sort = { field: state.sort, direction: state.direction || (state.sort === "NUMBER" ? "DESC" : "ASC") };
      const data = await graphql(ORDERS, { ...pageArgs(state), search: state.search || null,
        filter: status.length ? { status } : {}, sortBy: sort });
      return fromConnection(data.orders);
    },
    columns: [
      { label: t("orders.number"), cell: (row) => h("a", { href: link(`/orders/${row.id}`) }, `#${row.number}`) },
      { label: t("orders.created"), cell: (row) => formatDateTime(row.created) },
      { label: t("orders.status"), cell: (row) => statusBadge(row.status) },
      { label: t("orders.units"), cell: (row) => formatNumber(row.lines.reduce((sum, line) =>
        sum + line.quantityToFulfill, 0)) },
      { label: t("orders.delivery"), cell: (row) => `${row.shippingMethodName || ""} · ${
        (row.shippingAddress || {}).city || ""}` },
    ],
  });
  return page(t("nav.orders"), h("p", {}, t("orders.intro")), list);
}

function addressLines(address) {
  if (!address) return [];
  return [`${address.firstName} ${address.lastName}`, address.companyName, address.streetAddress1,
    address.streetAddress2, `${address.postalCode} ${address.city} ${address.countryArea || ""}`,
    address.country.country, address.phone].filter((line) => line && line.trim());
}

/** What to take from which shelf: each line's units still to ship, by the warehouse holding them. */
function pickRows(order) {
  return order.lines.filter((line) => line.quantityToFulfill > 0).flatMap((line) =>
    (line.allocations || []).map((allocation) => ({ line, warehouse: allocation.warehouse,
      quantity: allocation.quantity })));
}

function packingSlip(order) {
  return h("section", { class: "packing-slip", "aria-labelledby": "slip-title" },
    h("h2", { id: "slip-title" }, t("orders.packingSlip", { number: order.number })),
    h("div", { class: "slip-address" }, h("h3", {}, t("orders.shipTo")),
      addressLines(order.shippingAddress).map((line) => h("div", {}, line))),
    order.customerNote ? h("p", {}, `${t("orders.note")}: ${order.customerNote}`) : null,
    table(t("orders.packingSlip", { number: order.number }), [
      { label: t("orders.gift"), cell: (line) => `${line.productName} ${line.variantName}` },
      { label: t("orders.sku"), cell: (line) => line.productSku || "" },
      { label: t("orders.quantity"), cell: (line) => formatNumber(line.quantityToFulfill || line.quantity) },
    ], order.lines));
}

function shipForm(order, carriers) {
  const picks = pickRows(order);
  if (!picks.length) return null;
  const active = carriers.filter((carrier) => carrier.isActive);
  return h("section", { class: "panel" }, h("h2", {}, t("orders.ship")), actionForm({
    fields: [
      field(t("orders.carrier"), { tag: "select", name: "carrier", required: true, options: [
        h("option", { value: "" }, t("orders.chooseCarrier")),
        ...active.map((carrier) => h("option", { value: carrier.code }, carrier.name))] }),
      field(t("orders.trackingNumber"), { name: "tracking", autocomplete: "off" }, t("orders.trackingHint")),
    ],
    submitLabel: t("orders.shipAll"),
    action: async (values) => {
      if (!values.get("carrier")) return { errors: [{ field: "carrier", code: "REQUIRED" }] };
      const byLine = new Map();
      for (const pick of picks) {
        const stocks = byLine.get(pick.line.id) || [];
        stocks.push({ warehouse: pick.warehouse.id, quantity: pick.quantity });
        byLine.set(pick.line.id, stocks);
      }
      const input = { lines: [...byLine].map(([orderLineId, stocks]) => ({ orderLineId, stocks })),
        carrierCode: values.get("carrier"), trackingNumber: values.get("tracking") || null };
      const result = (await graphql(FULFILL, { order: order.id, input })).orderFulfill;
      return { errors: result.errors, result };
    },
    success: () => {
      render();
      return notice(t("orders.shipped"), "success");
    },
  }));
}

function shipments(order) {
  if (!order.fulfillments.length) return null;
  return h("section", {}, h("h2", {}, t("orders.shipments")), order.fulfillments.map((shipment) =>
    h("article", { class: "panel shipment" },
      h("h3", {}, `${(shipment.carrier || {}).name || t("orders.noCarrier")} · ${shipment.trackingNumber || "—"}`),
      facts([
        [t("orders.status"), statusBadge(shipment.trackingStatus || shipment.status)],
        [t("orders.warehouse"), (shipment.warehouse || {}).name],
        [t("orders.shippedAt"), formatDateTime(shipment.created)],
        shipment.deliveredAt ? [t("orders.deliveredAt"), formatDateTime(shipment.deliveredAt)] : null,
        shipment.trackingUrl ? [t("orders.tracking"), h("a", { href: shipment.trackingUrl, rel: "noreferrer",
          target: "_blank" }, t("orders.trackingLink"))] : null,
      ]),
      shipment.trackingEvents.length ? h("ol", { class: "timeline" }, shipment.trackingEvents.map((event) =>
        h("li", {}, `${formatDateTime(event.occurredAt)} · ${event.location} · ${event.description}`))) : null)));
}

async function orderPage({ params }) {
  const data = await graphql(ORDER, { id: params.id });
  const order = data.order;
  if (!order) return page(t("error.notFound"));
  const picks = pickRows(order);
  return page(t("orders.title", { number: order.number }),
    facts([[t("orders.status"), statusBadge(order.status)], [t("orders.created"), formatDateTime(order.created)],
      [t("orders.delivery"), order.shippingMethodName]]),
    picks.length ? h("section", {}, h("h2", {}, t("orders.pickList")), table(t("orders.pickList"), [
      { label: t("orders.warehouse"), cell: (pick) => pick.warehouse.name },
      { label: t("orders.gift"), cell: (pick) => `${pick.line.productName} ${pick.line.variantName}` },
      { label: t("orders.sku"), cell: (pick) => pick.line.productSku || "" },
      { label: t("orders.quantity"), cell: (pick) => formatNumber(pick.quantity) },
    ], picks)) : null,
    h("p", {}, h("button", { type: "button", class: "button button-secondary", onclick: () => window.print() },
      t("orders.printSlip"))),
    packingSlip(order), shipForm(order, data.carriers), shipments(order));
}

function decideForm(request) {
  return actionForm({
    fields: [
      field(t("returns.decision"), { tag: "select", name: "approve", options: [
        h("option", { value: "true" }, t("returns.approve")), h("option", { value: "false" }, t("returns.reject"))] }),
      field(t("returns.note"), { tag: "textarea", name: "note", rows: 2, required: true }, t("returns.noteHint")),
    ],
    submitLabel: t("returns.decide"),
    action: async (values) => {
      const result = (await graphql(DECIDE, { id: request.id, approve: values.get("approve") === "true",
        note: values.get("note") })).returnRequestDecide;
      return { errors: result.errors, result };
    },
    success: () => { render(); return notice(t("returns.decided"), "success"); },
  });
}

function receiveForm(request) {
  return actionForm({
    fields: [], submitLabel: t("returns.receive"),
    action: async () => {
      const result = (await graphql(RECEIVE, { id: request.id })).returnRequestReceive;
      return { errors: result.errors, result };
    },
    success: () => { render(); return notice(t("returns.received"), "success"); },
  });
}

/** The API lists the requests still to handle (requested, approved); statuses come in upper case. */
function returnStatus(request) {
  return request.status.toLowerCase();
}

async function returnsPage({ query, path }) {
  const options = {
    text: (row) => `${row.reason} ${row.events.map((event) => event.note).join(" ")}`,
    filters: [{ name: "status", label: t("returns.status"), initial: "requested", options: [
      { value: ANY, label: t("list.all") }, ...["requested", "approved"].map((value) =>
        ({ value, label: t(`status.${value}`) }))], test: (row, value) => returnStatus(row) === value }],
    sorts: [{ value: "date", label: t("returns.requestedAt"), key: (row) => (row.events[0] || {}).date || "" }],
  };
  const list = await listView(path, query, {
    caption: t("nav.returns"), searchable: true, ...options,
    load: async (state) => localPage((await graphql(RETURNS)).returnRequests, state, options),
    columns: [
      { label: t("returns.requestedAt"), cell: (row) => formatDateTime((row.events[0] || {}).date) },
      { label: t("returns.status"), cell: (row) => statusBadge(row.status) },
      { label: t("returns.units"), cell: (row) => formatNumber(row.lines.reduce((sum, line) => sum + line.quantity, 0)) },
      { label: t("returns.reason"), cell: (row) => row.reason },
      { label: t("returns.action"), cell: (row) => returnStatus(row) === "requested" ? decideForm(row)
        : returnStatus(row) === "approved" ? receiveForm(row) : (row.events[row.events.length - 1] || {}).note || "" },
    ],
  });
  return page(t("nav.returns"), h("p", {}, t("returns.intro")), list);
}

function publishedIn(product) {
  return (product.channelListings || []).filter((listing) => listing.isPublished).map((l) => l.channel.slug);
}

async function giftsPage({ query, path }) {
  const options = {
    text: (row) => row.product.name,
    filters: [{ name: "status", label: t("gifts.review"), options: [{ value: "", label: t("list.all") },
      ...["DRAFT", "SUBMITTED", "APPROVED", "REJECTED"].map((value) => ({ value, label: t(`status.${value}`) }))],
    test: (row, value) => row.status === value }],
    sorts: [{ value: "updated", label: t("gifts.updated"), direction: "DESC", key: (row) => row.product.updatedAt },
      { value: "name", label: t("gifts.name"), key: (row) => row.product.name.toLowerCase() }],
  };
  const list = await listView(path, query, {
    caption: t("nav.gifts"), searchable: true, ...options,
    load: async (state) => localPage((await graphql(GIFTS, { statuses: ["DRAFT", "SUBMITTED", "APPROVED",
      "REJECTED"] })).productReviews, state, options),
    columns: [
      { label: t("gifts.name"), cell: (row) => h("a", { href: link(`/gifts/${row.product.id}`) }, row.product.name) },
      { label: t("gifts.review"), cell: (row) => statusBadge(row.status) },
      { label: t("gifts.decision"), cell: (row) => row.lastDecision ? `${t(`gifts.step.${row.lastDecision.step}`)}: ${
        row.lastDecision.note}` : "" },
      { label: t("gifts.published"), cell: (row) => publishedIn(row.product).join(", ") || t("common.no") },
    ],
  });
  return page(t("nav.gifts"), h("p", {}, h("a", { class: "button", href: link("/gifts/new") }, t("gifts.new"))), list);
}

/** The partner's warehouses and gift types, learnt from its own gifts (the API has no warehouse list yet). */
async function partnerSetup() {
  const reviews = (await graphql(GIFTS, { statuses: ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED"] })).productReviews;
  const warehouses = new Map();
  const types = new Map();
  for (const { product } of reviews) {
    types.set(product.productType.id, product.productType.name);
    for (const variant of product.variants || []) {
      for (const stock of variant.stocks || []) warehouses.set(stock.warehouse.id, stock.warehouse.name);
    }
  }
  return { warehouses: [...warehouses], types: [...types] };
}

function description(text) {
  return JSON.stringify({ blocks: text.split(/\n{2,}/).filter(Boolean).map((paragraph) =>
    ({ type: "paragraph", data: { text: paragraph } })) });
}

async function newGiftPage() {
  const [setup, data] = await Promise.all([partnerSetup(), graphql(FORM_DATA)]);
  if (!setup.warehouses.length || !setup.types.length) return page(t("gifts.new"), errorBox(t("gifts.noWarehouse")));
  const categories = data.categories.edges.map((edge) => edge.node);
  const priceFields = data.channels.map((channel) => h("fieldset", { class: "inline-fields" },
    h("legend", {}, t("gifts.priceIn", { channel: channel.name })),
    field(t("gifts.points", { unit: unitName({ channel: channel.id, unit: channel.currencyCode }) }), { name: `points:${channel.id}`, type: "number", min: 1,
      step: 1, inputmode: "numeric" }),
    field(t("gifts.costPrice"), { name: `cost:${channel.id}`, type: "number", min: 0, step: "0.01" }),
    field(t("gifts.retailPrice"), { name: `retail:${channel.id}`, type: "number", min: 0, step: "0.01" })));
  const form = actionForm({
    className: "action-form gift-form",
    fields: [
      field(t("gifts.name"), { name: "name", required: true, maxlength: 250 }),
      field(t("gifts.description"), { tag: "textarea", name: "description", rows: 4 }),
      field(t("gifts.type"), { tag: "select", name: "type", options: setup.types.map(([id, name]) =>
        h("option", { value: id }, name)) }),
      field(t("gifts.category"), { tag: "select", name: "category", options: categories.map((category) =>
        h("option", { value: category.id }, category.parent ? `${category.parent.name} › ${category.name}`
          : category.name)) }),
      field(t("gifts.sku"), { name: "sku", required: true, maxlength: 255 }),
      field(t("gifts.variantName"), { name: "variantName", value: t("gifts.standard") }),
      ...setup.warehouses.map(([id, name]) => field(t("gifts.stockIn", { warehouse: name }),
        { name: `stock:${id}`, type: "number", min: 0, step: 1, value: "0", inputmode: "numeric" })),
      ...priceFields,
    ],
    submitLabel: t("gifts.create"),
    action: async (values) => createGift(values, setup, data.channels),
    success: (productId) => {
      navigate(link(`/gifts/${productId}`));
      return notice(t("gifts.created"), "success");
    },
  });
  return page(t("gifts.new"), h("p", {}, t("gifts.newIntro")), form);
}

/** The calls one new gift takes (product, variant with stock, prices, listings), stopping at the first refusal. */
async function createGift(values, setup, channels) {
  const created = (await graphql(PRODUCT_CREATE, { input: { name: values.get("name"), productType: values.get("type"),
    category: values.get("category"), description: description(values.get("description") || "") } })).productCreate;
  if (created.errors.length) return { errors: created.errors };
  const productId = created.product.id;
  const stocks = setup.warehouses.map(([id]) => ({ warehouse: id, quantity: Number(values.get(`stock:${id}`) || 0) }));
  const variant = (await graphql(VARIANT_CREATE, { input: { product: productId, sku: values.get("sku"),
    name: values.get("variantName"), attributes: [], trackInventory: true, stocks } })).productVariantCreate;
  if (variant.errors.length) return { errors: variant.errors };
  const priced = channels.filter((channel) => values.get(`points:${channel.id}`));
  if (priced.length) {
    const input = priced.map((channel) => ({ channelId: channel.id, price: values.get(`points:${channel.id}`),
      costPrice: values.get(`cost:${channel.id}`) || null, referencePrice: values.get(`retail:${channel.id}`) || null }));
    const listed = (await graphql(LISTINGS, { id: productId, input: { updateChannels: priced.map((channel) =>
      ({ channelId: channel.id, isPublished: false, visibleInListings: true, isAvailableForPurchase: true })) } }))
      .productChannelListingUpdate;
    if (listed.errors.length) return { errors: listed.errors };
    const prices = (await graphql(VARIANT_PRICES, { id: variant.productVariant.id, input })).productVariantChannelListingUpdate;
    if (prices.errors.length) return { errors: prices.errors };
  }
  return { errors: [], result: productId };
}

function reviewActions(product, review) {
  const status = review ? review.status : "DRAFT";
  const submit = ["DRAFT", "REJECTED"].includes(status) ? actionForm({
    fields: [], submitLabel: t("gifts.submit"),
    action: async () => {
      const result = (await graphql(SUBMIT, { id: product.id })).productReviewSubmit;
      return { errors: result.errors, result };
    },
    success: (result) => { render(); return notice(result.priceAlerts.length ? t("gifts.submittedWithAlerts")
      : t("gifts.submitted"), "success"); },
  }) : null;
  const withdraw = status === "SUBMITTED" ? actionForm({
    fields: [], submitLabel: t("gifts.withdraw"),
    action: async () => {
      const result = (await graphql(WITHDRAW, { id: product.id })).productReviewWithdraw;
      return { errors: result.errors, result };
    },
    success: () => { render(); return null; },
  }) : null;
  const unpublished = (product.channelListings || []).filter((listing) => !listing.isPublished);
  const publish = status === "APPROVED" && unpublished.length ? actionForm({
    fields: [], submitLabel: t("gifts.publish"),
    action: async () => {
      const result = (await graphql(LISTINGS, { id: product.id, input: { updateChannels: unpublished.map(
        (listing) => ({ channelId: listing.channel.id, isPublished: true, visibleInListings: true })) } }))
        .productChannelListingUpdate;
      return { errors: result.errors, result };
    },
    success: () => { render(); return notice(t("gifts.publishedNow"), "success"); },
  }) : null;
  return h("section", { class: "panel" }, h("h2", {}, t("gifts.review")),
    facts([[t("gifts.review"), statusBadge(status)],
      review && review.lastDecision ? [t("gifts.decision"), `${t(`gifts.step.${review.lastDecision.step}`)} · ${
        formatDateTime(review.lastDecision.created)} · ${review.lastDecision.note}`] : null,
      [t("gifts.published"), publishedIn(product).join(", ") || t("common.no")]]),
    submit, withdraw, publish);
}

function variantForms(variant) {
  const stockForm = actionForm({
    fields: [...(variant.stocks || []).map((stock) => field(t("gifts.stockIn", { warehouse: stock.warehouse.name }),
      { name: stock.warehouse.id, type: "number", min: 0, step: 1, value: String(stock.quantity) },
      t("gifts.allocated", { count: stock.quantityAllocated }))),
    field(t("gifts.restockOn"), { name: "restock", type: "date", value: variant.restockExpectedOn || "" })],
    submitLabel: t("gifts.saveStock"),
    action: async (values) => {
      const stocks = (variant.stocks || []).map((stock) => ({ warehouse: stock.warehouse.id,
        quantity: Number(values.get(stock.warehouse.id)) }));
      const saved = (await graphql(STOCKS, { id: variant.id, stocks })).productVariantStocksUpdate;
      if (saved.errors.length) return { errors: saved.errors };
      const restock = (await graphql(RESTOCK, { id: variant.id, on: values.get("restock") || null })).productVariantUpdate;
      return { errors: restock.errors };
    },
    success: () => notice(t("common.saved"), "success"),
  });
  const priceForm = (variant.channelListings || []).length ? actionForm({
    fields: variant.channelListings.map((listing) => field(t("gifts.pointsIn", { channel: listing.channel.slug,
      unit: unitName({ channel: listing.channel.id, unit: listing.channel.currencyCode }) }), { name: listing.channel.id, type: "number", min: 1, step: 1,
      value: listing.price ? String(listing.price.amount) : "" }, listing.pointsPriceAlert ? t("gifts.alert") : "")),
    submitLabel: t("gifts.savePrices"),
    action: async (values) => {
      const input = variant.channelListings.map((listing) => ({ channelId: listing.channel.id,
        price: values.get(listing.channel.id), costPrice: listing.costPrice ? listing.costPrice.amount : null }));
      const saved = (await graphql(VARIANT_PRICES, { id: variant.id, input })).productVariantChannelListingUpdate;
      return { errors: saved.errors };
    },
    success: () => notice(t("common.saved"), "success"),
  }) : null;
  return h("article", { class: "panel" }, h("h3", {}, `${variant.name} · ${variant.sku || ""}`), stockForm, priceForm);
}

function pictureForm(product) {
  return actionForm({
    fields: [field(t("gifts.picture"), { name: "image", type: "file", accept: "image/png,image/jpeg,image/webp,image/gif",
      required: true }), field(t("gifts.pictureAlt"), { name: "alt", maxlength: 250 })],
    submitLabel: t("gifts.upload"),
    action: async (values) => {
      const file = values.get("image");
      if (!file || !file.size) return { errors: [{ field: "image", code: "REQUIRED" }] };
      const result = (await graphqlUpload(MEDIA, { product: product.id, alt: values.get("alt") || "" }, "image", file))
        .productMediaCreate;
      return { errors: result.errors };
    },
    success: () => { render(); return notice(t("gifts.uploaded"), "success"); },
  });
}

async function giftPage({ params }) {
  const data = await graphql(GIFT, { id: params.id });
  const product = data.product;
  if (!product || (staff.role === ROLES.PARTNER && product.partnerCode !== staff.code)) {
    return page(t("error.notFound"));
  }
  const review = data.productReviews.find((item) => item.product.id === product.id);
  return page(product.name,
    facts([[t("gifts.type"), product.productType.name], [t("gifts.category"), (product.category || {}).name]]),
    reviewActions(product, review),
    h("section", {}, h("h2", {}, t("gifts.pictures")),
      h("ul", { class: "pictures" }, (product.media || []).map((media) =>
        h("li", {}, h("img", { src: media.url, alt: media.alt || product.name, width: 120, height: 120 })))),
      pictureForm(product)),
    h("section", {}, h("h2", {}, t("gifts.variants")), (product.variants || []).map(variantForms)));
}

const PARTNER = [ROLES.PARTNER];
// [pattern, page, roles, menu label, menu path]
export const partnerPages = [
  [/^\/orders\/?$/, ordersPage, [ROLES.PARTNER, ROLES.OPERATOR], "nav.orders", "/orders"],
  [/^\/orders\/(?<id>[^/]+)\/?$/, orderPage, [ROLES.PARTNER, ROLES.OPERATOR], null],
  [/^\/late\/?$/, lateShipmentsPage, [ROLES.PARTNER, ROLES.OPERATOR], "nav.late", "/late"],
  [/^\/returns\/?$/, returnsPage, PARTNER, "nav.returns", "/returns"],
  [/^\/gifts\/?$/, giftsPage, PARTNER, "nav.gifts", "/gifts"],
  [/^\/gifts\/new\/?$/, newGiftPage, PARTNER, null],
  [/^\/gifts\/(?<id>[^/]+)\/?$/, giftPage, [ROLES.PARTNER, ROLES.OPERATOR], null],
];
