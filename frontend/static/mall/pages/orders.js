// My orders: each order's status, lines and total; one order's page, with the confirmation after checkout,
// its shipments and returns, and "cancel" while nothing has shipped.

import { graphql, RequestError } from "../api.js";
import { errorBox, errorMessages, image, notice, points } from "../components.js";
import { h, replace } from "../dom.js";
import { apiLanguage, formatDateTime, t, translated } from "../i18n.js";
import { loadMember } from "../member.js";
import { CANCEL_ORDER, MY_ORDERS, ORDER } from "../operations.js";
import { navigate, urlWith } from "../router.js";
import { addressBlock } from "./address.js";
import { returnSentNotice, shipmentsSection } from "./shipments.js";
import { loadVouchers, vouchersSection } from "./vouchers.js";

// Statuses orderCancelByMember accepts: nothing of the order has shipped yet.
const CANCELABLE = new Set(["UNCONFIRMED", "UNFULFILLED"]);

const PAGE_SIZE = 10;

/** Shipments still on their way or delivered (cancelled ones never reach the member). */
function liveShipments(order) {
  return (order.fulfillments || []).filter((shipment) => shipment.status !== "CANCELED");
}

/** When the last parcel of a fully shipped order arrived, or null while any is still on its way. Saleor's
 * status stops at FULFILLED ("shipped"); the carriers' delivery dates say more to the member. */
function deliveredAt(order) {
  const shipments = liveShipments(order);
  if (order.status !== "FULFILLED" || !shipments.length || shipments.some((item) => !item.deliveredAt)) return null;
  return shipments.map((item) => item.deliveredAt).sort().at(-1);
}

function displayStatus(order) {
  return deliveredAt(order) ? "DELIVERED" : order.status;
}

function statusBadge(order) {
  const status = displayStatus(order);
  return h("span", { class: `badge status status-${status.toLowerCase()}` }, t(`status.${status}`));
}

/** Points orders are paid as they are placed (the held points are redeemed at completion). */
function paidAt(order) {
  return order.paymentStatus === "NOT_CHARGED" ? null : order.created;
}

function shippedAt(order) {
  const dates = liveShipments(order).map((item) => item.created).sort();
  return dates.length ? dates[0] : null;
}

/** Placed -> paid -> shipped -> delivered, each step with its date once reached. */
function orderTimeline(order) {
  if (order.status === "CANCELED") return null;
  const steps = [["placed", order.created], ["paid", paidAt(order)]];
  if (order.isShippingRequired) steps.push(["shipped", shippedAt(order)], ["delivered", deliveredAt(order)]);
  return h("ol", { class: "order-timeline", "aria-label": t("timeline.label") }, steps.map(([step, date]) =>
    h("li", { class: date ? "done" : "pending" }, h("span", { class: "order-timeline-step" }, t(`timeline.${step}`)),
      date ? h("time", { datetime: date }, formatDateTime(date))
        : h("span", { class: "muted" }, t("timeline.pending")))));
}

function orderUrl(order) {
  return `/orders/${encodeURIComponent(order.id)}`;
}

function orderSummary(order) {
  const names = order.lines.map((line) => `${line.quantity} × ${line.productName}`).join(", ");
  return h("li", { class: "order-card" },
    h("a", { href: orderUrl(order), class: "order-card-link" },
      h("span", { class: "order-number" }, t("orders.number", { number: order.number })),
      statusBadge(order),
      h("span", { class: "muted" }, formatDateTime(order.created)),
      h("span", { class: "order-lines-text" }, names),
      points(order.total.gross)));
}

export async function ordersPage({ query }) {
  const variables = { first: PAGE_SIZE, after: query.after || null, lang: apiLanguage() };
  const orders = (await graphql(MY_ORDERS, variables)).me.orders;
  const list = orders.edges.map((edge) => edge.node);
  return {
    title: t("orders.title"),
    content: [
      h("h1", {}, t("orders.title")),
      list.length ? h("ul", { class: "order-list" }, list.map(orderSummary)) : notice(t("orders.none")),
      orders.pageInfo.hasNextPage ? h("nav", { class: "pager", "aria-label": t("pager.label") },
        h("a", { href: urlWith("/orders", { after: orders.pageInfo.endCursor }), class: "button button-secondary" },
          t("pager.next"))) : null,
    ],
  };
}

function orderLine(line) {
  const name = line.variant && line.variant.product
    ? h("a", { href: `/gift/${line.variant.product.slug}` }, line.productName) : line.productName;
  return h("li", { class: "order-line" }, image(line.thumbnail, line.productName, { width: 64, height: 64 }),
    h("div", {}, name, line.variantName ? h("p", { class: "muted" }, line.variantName) : null,
      h("p", {}, `${line.quantity} × `, points(line.totalPrice.gross))));
}

function totals(order) {
  const row = (label, value) => h("div", {}, h("dt", {}, label), h("dd", {}, value));
  return h("dl", { class: "totals" },
    row(t("cart.subtotal"), points(order.subtotal.gross)),
    order.isShippingRequired ? row(t("checkout.delivery"), points(order.shippingPrice.gross)) : null,
    row(t("checkout.total"), points(order.total.gross)));
}

function deliveryPanel(order) {
  if (!order.isShippingRequired || !order.shippingAddress) return null;
  return h("section", { class: "panel", "aria-labelledby": "order-delivery" },
    h("h2", { id: "order-delivery" }, t("checkout.delivery")),
    order.shippingMethodName ? h("p", {}, translated(order.deliveryMethod) || order.shippingMethodName) : null,
    addressBlock(order.shippingAddress));
}

/** Show the order page again (fresh from the API) with `flag` in the URL to say what just happened. */
function reshow(order, flag) {
  return navigate(urlWith(orderUrl(order), { [flag]: "1" }), { replace: true });
}

async function cancel(order, status) {
  const result = (await graphql(CANCEL_ORDER, { id: order.id })).orderCancelByMember;
  if (result.errors.length) return replace(status, errorBox(errorMessages(result.errors)));
  await loadMember();  // the points are back: the header's balance follows
  return reshow(order, "canceled");
}

/** "Cancel order", then a confirmation in the page (the member says yes or keeps the order). */
function cancelSection(order) {
  if (!CANCELABLE.has(order.status)) return null;
  const status = h("div", { class: "form-status" });
  const section = h("section", { class: "cancel-order" });
  const ask = h("button", { type: "button", class: "button button-secondary" }, t("orders.cancel"));
  const keep = () => { replace(section, ask, status); ask.focus(); };
  ask.addEventListener("click", () => {
    const yes = h("button", { type: "button", class: "button" }, t("orders.cancelConfirm"));
    yes.addEventListener("click", async () => { yes.disabled = true; await cancel(order, status); yes.disabled = false; });
    replace(section, h("div", { class: "confirm", role: "group", "aria-label": t("orders.cancel") },
      h("p", {}, t("orders.cancelQuestion", { number: order.number })), yes, " ",
      h("button", { type: "button", class: "button button-secondary", onclick: keep }, t("orders.cancelKeep"))),
    status);
    yes.focus();
  });
  return replace(section, ask, status);
}

function pageNotices(order, query) {
  return [
    query.placed ? notice(t("orders.placed", { number: order.number }), "success") : null,
    query.canceled ? notice(t("orders.canceled", { number: order.number }), "success") : null,
    query.returned ? returnSentNotice() : null,
  ];
}

/** The order with its digital deliveries left out of the shipments: their vouchers say it all (and a shown
 * code is not returned like a parcel). */
function withParcelsOnly(order, vouchers) {
  const digitalLines = new Set(vouchers.map((voucher) => voucher.orderLine));
  const parcel = (shipment) => !shipment.lines.every((line) => line.orderLine && digitalLines.has(line.orderLine.id));
  return { ...order, shipments: order.shipments.filter(parcel) };
}

/** The member's order, or null for a link naming no order of theirs: a malformed ID is refused by the API as
 * a whole (a RequestError carrying its errors), another member's order answers null. */
async function findOrder(id) {
  try {
    return (await graphql(ORDER, { id, lang: apiLanguage() })).order;
  } catch (error) {
    if (error instanceof RequestError && error.errors.length) return null;
    throw error;  // no answer at all: the connection's fault, said as such by the layout
  }
}

function orderNotFound() {
  return { title: t("orders.notFound"), content: [h("h1", {}, t("orders.notFound")),
    h("p", {}, t("orders.notFoundText")), h("p", {}, h("a", { href: "/orders" }, t("orders.all")))] };
}

export async function orderPage({ params, query }) {
  const id = decodeURIComponent(params.id);
  const order = await findOrder(id);
  if (!order) return orderNotFound();
  const vouchers = await loadVouchers(order.id);
  const title = t("orders.number", { number: order.number });
  return {
    title,
    content: [
      pageNotices(order, query),
      h("h1", {}, title),
      h("p", {}, statusBadge(order), " ", h("span", { class: "muted" }, formatDateTime(order.created))),
      orderTimeline(order),
      h("ul", { class: "order-lines" }, order.lines.map(orderLine)),
      totals(order),
      cancelSection(order),
      vouchersSection(vouchers),
      shipmentsSection(withParcelsOnly(order, vouchers), () => reshow(order, "returned")),
      deliveryPanel(order),
      h("p", {}, h("a", { href: `${orderUrl(order)}/help`, class: "button button-secondary" }, t("case.report"))),
      h("p", {}, h("a", { href: "/orders" }, t("orders.all")), " · ", h("a", { href: "/points" }, t("nav.points")),
        " · ", h("a", { href: "/help" }, t("cases.title"))),
    ],
  };
}
