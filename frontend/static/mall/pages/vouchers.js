// Vouchers (codes of digital gifts): each with its code, a copy button, a QR code for the till, its
// validity and how to use it; on an order's page and on "My vouchers". Codes come only from `giftCodes`,
// which answers the member who redeemed them and nobody else; they are never put in a URL or in storage.

import { graphql } from "../api.js";
import { notice } from "../components.js";
import { announce, h } from "../dom.js";
import { formatDateTime, formatDay, language, t } from "../i18n.js";
import { GIFT_CODES } from "../operations.js";
import { encode } from "../../vendor/uqr/uqr.js";

const SVG = "http://www.w3.org/2000/svg";
const QR_PIXELS = 168;
const USABLE = new Set(["ACTIVE"]);

/** The signed-in member's vouchers, of one order or all. */
export async function loadVouchers(orderId = null) {
  return (await graphql(GIFT_CODES, { order: orderId })).giftCodes;
}

/** A QR code as an SVG drawn from the encoder's modules: one path, no markup parsed from text. */
function qrCode(text, label) {
  const { size, data } = encode(text, { ecc: "M", border: 2 });
  let path = "";
  data.forEach((row, y) => row.forEach((dark, x) => { if (dark) path += `M${x} ${y}h1v1h-1z`; }));
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("width", String(QR_PIXELS));
  svg.setAttribute("height", String(QR_PIXELS));
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("class", "voucher-qr");
  svg.setAttribute("shape-rendering", "crispEdges");
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#fff");
  const modules = document.createElementNS(SVG, "path");
  modules.setAttribute("d", path);
  modules.setAttribute("fill", "#000");
  svg.append(background, modules);
  return svg;
}

async function copyCode(code, button) {
  try {
    await navigator.clipboard.writeText(code);
  } catch {
    // No clipboard permission (an embedded web view): select the code so the member can copy it by hand.
    const shown = button.parentElement.querySelector(".voucher-code");
    window.getSelection().selectAllChildren(shown);
  }
  button.textContent = t("vouchers.copied");
  announce(t("vouchers.copied"));
  setTimeout(() => { button.textContent = t("vouchers.copy"); }, 2000);
}

function statusBadge(voucher) {
  return h("span", { class: `badge voucher-status voucher-status-${voucher.status.toLowerCase()}` },
    t(`vouchers.status.${voucher.status}`));
}

function usage(voucher) {
  const text = language() === "zh-Hans" ? voucher.usageZhHans || voucher.usageEn : voucher.usageEn || voucher.usageZhHans;
  return text ? h("div", { class: "voucher-usage" }, h("h4", {}, t("vouchers.howToUse")), h("p", {}, text)) : null;
}

function codeBlock(voucher) {
  if (!voucher.code) {
    const waiting = voucher.status === "PENDING" ? t("vouchers.pending") : t("vouchers.done");
    return h("p", { class: "voucher-waiting" }, waiting);
  }
  const usable = USABLE.has(voucher.status) && !voucher.codeMasked;
  const copy = h("button", { type: "button", class: "button button-secondary voucher-copy" }, t("vouchers.copy"));
  copy.addEventListener("click", () => copyCode(voucher.code, copy));
  return h("div", { class: "voucher-code-block" },
    h("p", { class: "voucher-code-line" },
      h("span", { class: "visually-hidden" }, t("vouchers.code")),
      h("code", { class: "voucher-code", "data-testid": "voucher-code" }, voucher.code), " ", usable ? copy : null),
    usable ? qrCode(voucher.code, t("vouchers.qr", { name: voucher.productName })) : null);
}

function validity(voucher) {
  if (voucher.validUntil) return h("p", {}, t("vouchers.validUntil", { date: formatDay(voucher.validUntil) }));
  return voucher.code ? h("p", {}, t("vouchers.noExpiry")) : null;
}

/** One voucher: what it is, its state, the code with copy and QR, validity, how to use it. */
export function voucherCard(voucher, { withOrder = false } = {}) {
  return h("li", { class: `voucher voucher-${voucher.status.toLowerCase()}`, "data-testid": "voucher" },
    h("div", { class: "voucher-head" },
      h("h3", {}, voucher.productName, voucher.variantName ? h("span", { class: "muted" }, ` · ${voucher.variantName}`)
        : null),
      statusBadge(voucher)),
    withOrder ? h("p", {}, h("a", { href: `/orders/${encodeURIComponent(voucher.order)}` },
      t("orders.number", { number: voucher.orderNumber }))) : null,
    codeBlock(voucher),
    validity(voucher),
    voucher.reference ? h("p", { class: "muted" }, t("vouchers.reference", { reference: voucher.reference })) : null,
    voucher.deliveredAt ? h("p", { class: "muted" }, t("vouchers.deliveredAt", {
      date: formatDateTime(voucher.deliveredAt) })) : null,
    usage(voucher));
}

/** The vouchers of an order's page, or nothing for an order of parcels. */
export function vouchersSection(vouchers) {
  if (!vouchers.length) return null;
  return h("section", { class: "vouchers", "aria-labelledby": "order-vouchers" },
    h("h2", { id: "order-vouchers" }, t("vouchers.title")),
    h("ul", { class: "voucher-list" }, vouchers.map((voucher) => voucherCard(voucher))));
}

/** "My vouchers": every voucher of the member, newest order first. */
export async function vouchersPage() {
  const vouchers = await loadVouchers();
  return {
    title: t("vouchers.mine"),
    content: [
      h("h1", {}, t("vouchers.mine")),
      vouchers.length
        ? h("ul", { class: "voucher-list" }, vouchers.map((voucher) => voucherCard(voucher, { withOrder: true })))
        : notice(t("vouchers.none")),
    ],
  };
}
