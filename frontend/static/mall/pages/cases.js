// Customer service: "report a problem" from an order (what went wrong, which parcel, a description and
// pictures), my cases, and one case's page: the conversation, the resolution, reopen (once) and rate.

import { graphql, graphqlUpload } from "../api.js";
import { errorBox, errorMessages, notice } from "../components.js";
import { field, h, replace } from "../dom.js";
import { apiLanguage, formatDateTime, formatPoints, t } from "../i18n.js";
import { CASE, CASE_MESSAGE, CASE_OPEN, CASE_RATE, CASE_REOPEN, MY_CASES, ORDER } from "../operations.js";
import { navigate, urlWith } from "../router.js";

const CATEGORIES = ["LATE_DELIVERY", "LOST_DELIVERY", "DAMAGED", "QUALITY", "VALUE", "OTHER"];
const MAX_PICTURES = 5;
const ACTIVE = new Set(["OPEN", "ANSWERED", "REOPENED"]);
const RATINGS = [5, 4, 3, 2, 1];

function caseUrl(item, flag) {
  const url = `/help/${encodeURIComponent(item.id)}`;
  return flag ? urlWith(url, { [flag]: "1" }) : url;
}

function statusBadge(item) {
  return h("span", { class: `badge case-status case-status-${item.status.toLowerCase()}` },
    t(`case.status.${item.status}`));
}

function caseCard(item) {
  return h("li", { class: "order-card" },
    h("a", { href: caseUrl(item), class: "order-card-link" },
      h("span", { class: "order-number" }, t("case.number", { number: item.number })), statusBadge(item),
      h("span", { class: "muted" }, formatDateTime(item.createdAt)),
      h("span", {}, t(`case.category.${item.category}`))));
}

export async function casesPage() {
  const cases = (await graphql(MY_CASES)).serviceCases;
  return {
    title: t("cases.title"),
    content: [
      h("h1", {}, t("cases.title")),
      cases.length ? h("ul", { class: "order-list" }, cases.map(caseCard)) : notice(t("cases.none")),
      h("p", {}, h("a", { href: "/orders" }, t("orders.all"))),
    ],
  };
}

/** The form's choices as the API's input; the shipment only when the member picked one. */
function openInput(form, order) {
  const shipment = form.querySelector("select[name=fulfillment]");
  const fulfillment = shipment && shipment.value ? shipment.value : null;
  return {
    subject: fulfillment ? "SHIPMENT" : "ORDER", category: form.querySelector("select[name=category]").value,
    description: form.querySelector("textarea").value, order: order.id, fulfillment,
  };
}

async function submitCase(order, form, status) {
  const files = [...form.querySelector("input[type=file]").files];
  if (files.length > MAX_PICTURES) return replace(status, errorBox(t("case.tooManyPictures", { count: MAX_PICTURES })));
  const input = { ...openInput(form, order), pictures: files.map(() => null) };
  const uploads = Object.fromEntries(files.map((file, index) => [`input.pictures.${index}`, file]));
  const data = files.length ? await graphqlUpload(CASE_OPEN, { input }, uploads) : await graphql(CASE_OPEN, { input });
  const result = data.serviceCaseOpen;
  if (result.errors.length) return replace(status, errorBox(errorMessages(result.errors)));
  return navigate(caseUrl(result.serviceCase, "opened"));
}

function shipmentChoice(order) {
  const shipments = order.shipments.filter((shipment) => shipment.status !== "CANCELED");
  if (!shipments.length) return null;
  const options = [h("option", { value: "" }, t("case.wholeOrder")),
    ...shipments.map((shipment) => h("option", { value: shipment.id },
      t("shipments.one", { number: shipment.fulfillmentOrder })))];
  return field(t("case.parcel"), { tag: "select", name: "fulfillment", options });
}

export async function caseNewPage({ params }) {
  const order = (await graphql(ORDER, { id: decodeURIComponent(params.id), lang: apiLanguage() })).order;
  if (!order) return { title: t("orders.notFound"), content: [h("h1", {}, t("orders.notFound"))] };
  const title = t("case.new", { number: order.number });
  const status = h("div", { class: "form-status" });
  const button = h("button", { type: "submit", class: "button" }, t("case.send"));
  const submit = async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      await submitCase(order, event.target, status);
    } finally {
      button.disabled = false;
    }
  };
  const categories = CATEGORIES.map((code) => h("option", { value: code }, t(`case.category.${code}`)));
  return {
    title,
    content: [
      h("h1", {}, title),
      h("form", { class: "case-form", onsubmit: submit },
        field(t("case.category"), { tag: "select", name: "category", options: categories }),
        shipmentChoice(order),
        field(t("case.description"), { tag: "textarea", name: "description", rows: 5, maxlength: 4000 }),
        field(t("case.pictures"), { type: "file", name: "pictures", accept: "image/png,image/jpeg,image/gif,image/webp",
          multiple: true }, t("case.picturesHint", { count: MAX_PICTURES })),
        status, button),
      h("p", {}, h("a", { href: `/orders/${encodeURIComponent(order.id)}` }, t("case.backToOrder"))),
    ],
  };
}

function message(item) {
  const mine = item.author === "MEMBER";
  return h("li", { class: `case-message ${mine ? "case-message-mine" : "case-message-staff"}` },
    h("p", { class: "muted" }, t(`case.author.${item.author}`), " · ",
      h("time", { datetime: item.createdAt }, formatDateTime(item.createdAt))),
    h("p", {}, item.body));
}

function resolutionPanel(item) {
  const resolution = item.resolution;
  if (!resolution) return null;
  return h("section", { class: "panel case-resolution", "aria-labelledby": "case-resolution" },
    h("h2", { id: "case-resolution" }, t("case.resolution"), " ",
      h("span", { class: "badge" }, t(`case.kind.${resolution.kind}`))),
    h("p", {}, resolution.note),
    resolution.goodwillPoints ? h("p", {}, t("case.goodwill", { points: formatPoints(resolution.goodwillPoints) }))
      : null);
}

/** A small form: one text area and a button, calling `send(text)`; errors show above the button. */
function textForm(label, buttonLabel, send, className) {
  const status = h("div", { class: "form-status" });
  const text = field(label, { tag: "textarea", rows: 3, maxlength: 4000 });
  const button = h("button", { type: "submit", class: "button" }, buttonLabel);
  const submit = async (event) => {
    event.preventDefault();
    button.disabled = true;
    try {
      const errors = await send(text.input.value);
      if (errors.length) replace(status, errorBox(errorMessages(errors)));
    } finally {
      button.disabled = false;
    }
  };
  return h("form", { class: className, onsubmit: submit }, text, status, button);
}

function replyForm(item) {
  if (!ACTIVE.has(item.status)) return null;
  return textForm(t("case.reply"), t("case.sendReply"), async (body) => {
    const result = (await graphql(CASE_MESSAGE, { id: item.id, body })).serviceCaseMessage;
    if (!result.errors.length) await navigate(caseUrl(item, "sent"), { replace: true });
    return result.errors;
  }, "case-reply");
}

function reopenForm(item) {
  if (item.status !== "RESOLVED" || item.reopenCount > 0) return null;
  return textForm(t("case.reopenReason"), t("case.reopen"), async (reason) => {
    const result = (await graphql(CASE_REOPEN, { id: item.id, reason })).serviceCaseReopen;
    if (!result.errors.length) await navigate(caseUrl(item, "reopened"), { replace: true });
    return result.errors;
  }, "case-reopen");
}

function ratingForm(item) {
  if (item.status !== "RESOLVED") return null;
  if (item.rating) return h("p", { class: "case-rating" }, t("case.rated", { rating: item.rating }));
  const status = h("div", { class: "form-status" });
  const choices = RATINGS.map((value) => h("label", { class: "rating-choice" },
    h("input", { type: "radio", name: "rating", value: String(value), required: true }),
    ` ${t(`case.rating.${value}`)}`));
  const submit = async (event) => {
    event.preventDefault();
    const chosen = event.target.querySelector("input[name=rating]:checked");
    const result = (await graphql(CASE_RATE, { id: item.id, rating: Number(chosen.value), comment: "" }))
      .serviceCaseRate;
    if (result.errors.length) return replace(status, errorBox(errorMessages(result.errors)));
    return navigate(caseUrl(item, "rated"), { replace: true });
  };
  return h("form", { class: "case-rate", onsubmit: submit },
    h("fieldset", {}, h("legend", {}, t("case.rate")), choices), status,
    h("button", { type: "submit", class: "button" }, t("case.sendRating")));
}

function caseNotices(query) {
  return ["opened", "sent", "reopened", "rated"].filter((flag) => query[flag])
    .map((flag) => notice(t(`case.notice.${flag}`), "success"));
}

export async function casePage({ params, query }) {
  const item = (await graphql(CASE, { id: decodeURIComponent(params.id) })).serviceCase;
  if (!item) return { title: t("case.notFound"), content: [h("h1", {}, t("case.notFound"))] };
  const title = t("case.number", { number: item.number });
  return {
    title,
    content: [
      caseNotices(query),
      h("h1", {}, title),
      h("p", {}, statusBadge(item), " ", h("span", {}, t(`case.category.${item.category}`)), " · ",
        h("span", { class: "muted" }, formatDateTime(item.createdAt))),
      h("p", { class: "case-description" }, item.description),
      item.pictures.length ? h("ul", { class: "case-pictures" }, item.pictures.map((picture, index) => h("li", {},
        h("img", { src: picture.url, alt: t("case.picture", { number: index + 1 }), width: 96, height: 96 }))))
        : null,
      h("section", { "aria-labelledby": "case-conversation" },
        h("h2", { id: "case-conversation" }, t("case.conversation")),
        item.messages.length ? h("ol", { class: "case-messages" }, item.messages.map(message))
          : h("p", { class: "muted" }, t("case.waiting"))),
      resolutionPanel(item),
      replyForm(item),
      ratingForm(item),
      reopenForm(item),
      h("p", {}, h("a", { href: "/help" }, t("cases.all"))),
    ],
  };
}
