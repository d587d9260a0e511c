// Pieces every console page shares: page frame, messages, forms that call one mutation, badges.

import { h } from "/static/mall/dom.js";
import { RequestError } from "./api.js";
import { t } from "./i18n.js";

/** A page: its title (document title and h1) and content. */
export function page(title, ...content) {
  return { title, content: [h("h1", {}, title), ...content] };
}

export function errorBox(messages) {
  const list = [messages].flat().filter(Boolean);
  if (!list.length) return null;
  return h("div", { class: "message message-error", role: "alert" },
    list.length === 1 ? list[0] : h("ul", {}, list.map((text) => h("li", {}, text))));
}

export function notice(text, kind = "info") {
  return h("div", { class: `message message-${kind}`, role: "status" }, text);
}

export function loading() {
  return h("p", { class: "loading", role: "status" }, t("common.loading"));
}

/** Mutation errors ({field, code, message}) in the user's language, the field named when there is one. */
export function errorMessages(errors) {
  return errors.map((error) => {
    const key = `error.${error.code}`;
    const known = t(key) !== key ? t(key) : error.message || error.code;
    return error.field ? `${error.field}: ${known}` : known;
  });
}

/** What to show for a failed request: "not allowed" for permission errors, the server's words otherwise. */
export function failureMessage(error) {
  if (error instanceof RequestError && error.permissionDenied) return t("error.permissionDenied");
  if (error instanceof RequestError && error.message === "network") return t("error.network");
  return error instanceof RequestError ? error.message : t("error.unexpected");
}

export function badge(text, kind = "neutral") {
  return h("span", { class: `badge badge-${kind}` }, text);
}

const STATUS_KINDS = {
  SUBMITTED: "warn", REJECTED: "bad", APPROVED: "good", DRAFT: "neutral", UNFULFILLED: "warn",
  FULFILLED: "good", CANCELED: "bad", PARTIALLY_FULFILLED: "warn", ISSUED: "warn", CONFIRMED: "good",
  DISPUTED: "bad", PAID: "good", requested: "warn", approved: "good", rejected: "bad", received: "good",
  dead: "bad", pending: "warn", delivered: "good", in_transit: "warn", out_for_delivery: "warn",
  return_to_sender: "bad", failure: "bad", cancelled: "bad", handed_over: "good", active: "good", inactive: "bad", ACTIVE: "good",
  SUSPENDED: "bad", PENDING: "warn", "case.OPEN": "warn", "case.ANSWERED": "warn", "case.REOPENED": "bad",
  "case.RESOLVED": "good", REFUSED: "bad", COMPLETED: "good", FAILED: "bad",
};

/** A status as a coloured badge with its words (colour is never the only signal). */
export function statusBadge(status) {
  // Saleor's enums are upper case, the mall's own statuses lower case; carriers' arrive either way.
  const name = [status, String(status).toLowerCase()].find((candidate) => t(`status.${candidate}`) !== `status.${candidate}`);
  return badge(name ? t(`status.${name}`) : status, STATUS_KINDS[name || status] || "neutral");
}

/**
 * A form that runs `action(values, form)` on submit: the button is disabled and says "Working..." meanwhile
 * (long operations show progress), then the API's errors or `success(result)` appear below the button.
 * `action` returns {errors, result}.
 */
export function actionForm({ fields, submitLabel, action, success, className = "action-form", danger = false }) {
  const status = h("div", { class: "form-status", "aria-live": "polite" });
  const button = h("button", { type: "submit", class: danger ? "button button-danger" : "button" }, submitLabel);
  const form = h("form", { class: className, novalidate: true }, fields, h("div", { class: "form-actions" }, button),
    status);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    button.textContent = t("common.working");
    status.replaceChildren(h("p", { class: "progress", role: "status" }, h("span", { class: "spinner",
      "aria-hidden": "true" }), t("common.working")));
    try {
      const { errors = [], result } = await action(new FormData(form), form);
      status.replaceChildren(errors.length ? errorBox(errorMessages(errors)) : success(result) || "");
    } catch (error) {
      status.replaceChildren(errorBox(failureMessage(error)));
    } finally {
      button.disabled = false;
      button.textContent = submitLabel;
    }
  });
  return form;
}

/** A definition list of [label, value] pairs. */
export function facts(pairs) {
  return h("dl", { class: "facts" }, pairs.filter(Boolean).map(([label, value]) =>
    h("div", {}, h("dt", {}, label), h("dd", {}, value ?? "—"))));
}

/** A simple table for a handful of rows (no paging). `columns`: [{label, cell(row)}]. */
export function table(caption, columns, rows) {
  if (!rows.length) return h("p", { class: "empty" }, t("list.empty"));
  return h("div", { class: "table-wrap" }, h("table", {},
    h("caption", { class: "visually-hidden" }, caption),
    h("thead", {}, h("tr", {}, columns.map((column) => h("th", { scope: "col" }, column.label)))),
    h("tbody", {}, rows.map((row) => h("tr", {}, columns.map((column) => h("td", {}, column.cell(row))))))));
}

/** A key that makes a money- or points-moving call safe to send again (double click, retry). */
export function idempotencyKey(prefix) {
  const random = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID() : String(Math.random());
  return `console:${prefix}:${random}`;
}

/** Offer `text` as a file download made in the browser (CSV exports of what the API returned). */
export function downloadText(filename, text, type = "text/csv") {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const anchor = h("a", { href: url, download: filename, hidden: true }, filename);
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One CSV line, quoting every cell (spreadsheets must not read a cell as a formula). */
export function csvLine(cells) {
  return cells.map((cell) => {
    let text = String(cell ?? "");
    if (/^[=+\-@]/.test(text)) text = `'${text}`;
    return `"${text.replace(/"/g, '""')}"`;
  }).join(",");
}
