// An order's shipments: each parcel's status, its carrier events newest first with a link to the carrier's
// tracking page, and, once delivered and within the channel's return window, the return request form.

import { graphql } from "../api.js";
import { errorBox, errorMessages, notice } from "../components.js";
import { field, h, replace } from "../dom.js";
import { formatDate, formatDateTime, formatPoints, t } from "../i18n.js";
import { RETURN_CREATE } from "../operations.js";

const DAY_MILLISECONDS = 24 * 60 * 60 * 1000;

/** A message key's text, or `fallback` when the key has no translation (a status added later). */
function label(key, fallback, params = {}) {
  const text = t(key, params);
  return text === key ? fallback : text;
}

function shipmentStatus(shipment) {
  if (shipment.trackingStatus) {
    const status = shipment.trackingStatus.toUpperCase();
    return label(`tracking.${status}`, status);
  }
  return label(`shipment.${shipment.status}`, shipment.status);
}

function trackingLine(shipment) {
  if (!shipment.trackingNumber) return null;
  const link = shipment.trackingUrl
    ? h("a", { href: shipment.trackingUrl, target: "_blank", rel: "noopener noreferrer" }, t("shipments.track"))
    : null;
  return h("p", {}, t("shipments.trackingNumber", { number: shipment.trackingNumber }), link ? " · " : null, link);
}

function timelineEvent(event) {
  const status = event.status.toUpperCase();
  return h("li", { class: "timeline-event" },
    h("time", { datetime: event.occurredAt, class: "muted" }, formatDateTime(event.occurredAt)),
    h("p", { class: "timeline-status" }, label(`tracking.${status}`, status),
      event.location ? h("span", { class: "muted" }, ` · ${event.location}`) : null),
    event.description ? h("p", {}, event.description) : null);
}

function timeline(shipment) {
  const events = [...shipment.trackingEvents].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  if (!events.length) return h("p", { class: "muted" }, t("shipments.noEvents"));
  return h("ol", { class: "timeline", "aria-label": t("shipments.events") }, events.map(timelineEvent));
}

/** The partner's words on a return (its decision's note: where to send the gifts, or why not). */
function partnerNotes(request) {
  return (request.events || []).filter((event) => event.status !== "REQUESTED" && event.note)
    .map((event) => h("p", { class: "return-note" }, t("returns.partnerNote", { note: event.note })));
}

function returnStatus(request, currency) {
  const points = formatPoints(request.pointsRefunded, currency);
  const status = label(`return.${request.status}`, request.status.toLowerCase(), { points });
  return h("div", { class: "return" }, h("p", { class: "return-status" }, t("returns.status", { status })),
    partnerNotes(request));
}

/** Units of each shipment line not already in a return (rejected returns give their units back). */
function returnableUnits(shipment, returns) {
  const taken = new Map();
  for (const request of returns.filter((item) => item.status !== "REJECTED")) {
    for (const line of request.lines) {
      taken.set(line.fulfillmentLineId, (taken.get(line.fulfillmentLineId) || 0) + line.quantity);
    }
  }
  return shipment.lines.map((line) => ({ line, units: line.quantity - (taken.get(line.id) || 0) }))
    .filter((item) => item.units > 0);
}

function returnWindowCloses(shipment, order) {
  if (!shipment.deliveredAt) return null;
  const closes = new Date(Date.parse(shipment.deliveredAt) + order.channel.returnWindowDays * DAY_MILLISECONDS);
  return closes > new Date() ? closes : null;
}

async function submitReturn(shipment, form, status, onDone) {
  const lines = [...form.querySelectorAll("input[data-line]")]
    .map((input) => ({ fulfillmentLineId: input.dataset.line, quantity: Number(input.value) || 0 }))
    .filter((line) => line.quantity > 0);
  if (!lines.length) return replace(status, errorBox(t("returns.nothing")));
  const reason = form.querySelector("textarea").value.trim();
  const result = (await graphql(RETURN_CREATE, { fulfillment: shipment.id, lines, reason })).returnRequestCreate;
  if (result.errors.length) return replace(status, errorBox(errorMessages(result.errors)));
  return onDone();
}

function returnForm(shipment, items, onDone) {
  const status = h("div", { class: "form-status" });
  const quantities = items.map(({ line, units }) => field(
    t("returns.quantity", { name: line.orderLine ? line.orderLine.productName : "" }),
    { type: "number", min: 0, max: units, value: units, inputmode: "numeric", "data-line": line.id }));
  const reason = field(t("returns.reason"), { tag: "textarea", name: "reason", rows: 3, maxlength: 1000 });
  const button = h("button", { type: "submit", class: "button" }, t("returns.submit"));
  const submit = async (event) => {
    event.preventDefault();
    button.disabled = true;
    await submitReturn(shipment, event.target, status, onDone);
    button.disabled = false;
  };
  return h("form", { class: "return-form", onsubmit: submit },
    h("fieldset", {}, h("legend", {}, t("returns.legend")), quantities), reason, status, button);
}

function returnSection(shipment, order, returns, onReturned) {
  const closes = returnWindowCloses(shipment, order);
  const items = closes ? returnableUnits(shipment, returns) : [];
  if (!items.length) return null;
  const formId = `return-form-${shipment.fulfillmentOrder}`;
  const holder = h("div", { id: formId, hidden: true });
  const toggle = h("button", { type: "button", class: "button button-secondary", "aria-expanded": "false",
    "aria-controls": formId }, t("returns.open"));
  toggle.addEventListener("click", () => {
    const opening = holder.hidden;
    holder.hidden = !opening;
    toggle.setAttribute("aria-expanded", String(opening));
    if (opening && !holder.firstChild) replace(holder, returnForm(shipment, items, onReturned));
    if (opening) holder.querySelector("input").focus();
  });
  return h("div", { class: "return-section" }, h("p", {}, t("returns.until", { date: formatDate(closes) })),
    toggle, holder);
}

function shipmentPanel(shipment, order, onReturned) {
  const headingId = `shipment-${shipment.fulfillmentOrder}`;
  const returns = order.returnRequests.filter((request) => request.fulfillmentId === shipment.id);
  const currency = order.total.gross.currency;
  return h("section", { class: "panel shipment", "aria-labelledby": headingId },
    h("h3", { id: headingId }, t("shipments.one", { number: shipment.fulfillmentOrder }), " ",
      h("span", { class: "badge shipment-status" }, shipmentStatus(shipment))),
    trackingLine(shipment),
    h("ul", { class: "shipment-lines" }, shipment.lines.map((line) => h("li", {},
      `${line.quantity} × ${line.orderLine ? line.orderLine.productName : ""}`))),
    shipment.deliveredAt ? h("p", {}, t("shipments.deliveredAt", { date: formatDateTime(shipment.deliveredAt) }))
      : null,
    timeline(shipment),
    returns.map((request) => returnStatus(request, currency)),
    returnSection(shipment, order, returns, onReturned));
}

/** The order's shipments (cancelled ones left out), or nothing before anything ships. */
export function shipmentsSection(order, onReturned) {
  const shipments = order.shipments.filter((shipment) => shipment.status !== "CANCELED");
  if (!shipments.length) return null;
  return h("section", { class: "shipments", "aria-labelledby": "order-shipments" },
    h("h2", { id: "order-shipments" }, t("shipments.title")),
    shipments.map((shipment) => shipmentPanel(shipment, order, onReturned)));
}

export function returnSentNotice() {
  return notice(t("returns.sent"), "success");
}
