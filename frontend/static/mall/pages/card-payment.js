// Points + card: when the member's points fall short and their bank allows it, they hold the points they
// have and pay the rest by card through Stripe.js (Saleor's transactions API, gateways mall.points and
// mall.stripe). The bank's limit on the cash share is checked here to explain it, and again by the server.

import { graphql } from "../api.js";
import { h } from "../dom.js";
import { formatMoney, formatPoints, t } from "../i18n.js";
import { PAY_BY_CARD, PAY_WITH_POINTS, PAYMENT_GATEWAYS, PROCESS_PAYMENT } from "../operations.js";
import { mountCard } from "../stripe.js";

const POLL_INTERVAL_MILLISECONDS = 500;
const POLL_ATTEMPTS = 40;

/** The gateways' data for this checkout: {points, stripe} (stripe is null when cash is not offered). */
export async function gatewayConfigs(checkoutId) {
  const result = (await graphql(PAYMENT_GATEWAYS, { id: checkoutId })).paymentGatewayInitialize;
  const byId = Object.fromEntries(result.gatewayConfigs.map((config) => [config.id, config.data]));
  return { points: byId["mall.points"] || null, stripe: byId["mall.stripe"] || null };
}

/** The points the member may put in: at least what keeps the card part within the bank's share, at most what
 * they have (and the order still needs). `least` above `most`: no split is within the share. */
function pointsRange(checkout, configs) {
  const due = configs.points.amountDue;
  const share = Number(configs.stripe.maxCashSharePercent);
  const most = Math.min(configs.points.pointsAvailable || 0, due);
  const least = Math.max(0, due - Math.floor((checkout.totalPrice.gross.amount * share) / 100));
  return { least, most };
}

/** What points + card would look like for this checkout with `chosenPoints` (default: every point the member
 * has), or null when points alone pay (or cash is off). `allowed` is false when the cash part is above the
 * bank's share. */
export function cashOffer(checkout, configs, chosenPoints = null) {
  if (!configs || !configs.points || !configs.stripe) return null;
  const total = checkout.totalPrice.gross;
  const due = configs.points.amountDue;
  const { least, most } = pointsRange(checkout, configs);
  if (due - most <= 0) return null;
  const points = chosenPoints === null ? most : Math.min(most, Math.max(least, chosenPoints));
  const cashPoints = due - points;
  const stripe = configs.stripe;
  const share = Number(stripe.maxCashSharePercent);
  return { points, cashPoints, least, most, unit: total.currency, share,
    allowed: cashPoints * 100 <= share * total.amount, cash: cashFor(cashPoints, stripe), config: stripe };
}

// Shown rounded up to the cent, as the server charges it (the server's figure is the one that counts).
function cashFor(cashPoints, stripe) {
  const amount = Math.ceil(cashPoints * Number(stripe.cashValuePerPoint) * 100 - 1e-9) / 100;
  return { amount, currency: stripe.cashCurrency };
}

export function offerText(offer) {
  return t("card.offer", { points: formatPoints(offer.points, offer.unit), cash: formatMoney(offer.cash),
    cashPoints: formatPoints(offer.cashPoints, offer.unit) });
}

/** A slider from the fewest points the bank's share allows to every point the member has: sliding it left
 * pays more by card. Redraws the checkout (and its pay button) once the member lets go. */
function pointsSlider(offer, state) {
  const id = "points-to-use";
  const output = h("output", { for: id, class: "muted" });
  const input = h("input", { type: "range", id, name: "points", min: offer.least, max: offer.most, step: 1,
    value: offer.points });
  const show = () => {
    const points = Number(input.value);
    const text = t("card.split", { points: formatPoints(points, offer.unit),
      cash: formatMoney(cashFor(offer.points + offer.cashPoints - points, offer.config)) });
    output.textContent = text;
    input.setAttribute("aria-valuetext", text);
  };
  input.addEventListener("input", show);
  input.addEventListener("change", () => { state.chosenPoints = Number(input.value); state.redraw(); });
  show();
  return h("div", { class: "points-slider" }, h("label", { for: id }, t("card.slider")), input, output);
}

/** The card section: an explanation, the points slider, and the Stripe card field (mounted once Stripe.js
 * has loaded). Kept across redraws so the card field stays; `update(offer)` refreshes its words. */
export function cardSection(offer, state) {
  const field = h("div", { class: "card-field", id: "card-field", role: "group", "aria-label": t("card.number") });
  const explanation = h("p", {}, offerText(offer));
  const slider = h("div", {});
  const section = h("section", { class: "panel", "aria-labelledby": "card-heading" },
    h("h2", { id: "card-heading" }, t("card.title")), explanation, slider,
    h("p", { class: "hint" }, t("card.share", { share: offer.share })), field);
  section.update = (current) => {
    explanation.textContent = offerText(current);
    slider.replaceChildren(...(current.least < current.most ? [pointsSlider(current, state)] : []));
  };
  section.update(offer);
  mountCard(field, offer.config).then((handle) => { state.card = handle; })
    .catch(() => field.replaceChildren(h("p", { class: "hint hint-warning" }, t("card.unavailable"))));
  return section;
}

function wait(milliseconds) {
  return new Promise((resolve) => { window.setTimeout(resolve, milliseconds); });
}

/** Ask the server about the card payment until Stripe has charged it (or said no). */
async function chargedOrFailed(transactionId) {
  for (let attempt = 0; attempt < POLL_ATTEMPTS; attempt += 1) {
    const result = (await graphql(PROCESS_PAYMENT, { id: transactionId })).transactionProcess;
    if (result.errors.length) return result.errors;
    const status = result.data && result.data.status;
    if (status === "CHARGED" || status === "AUTHORIZED") return [];
    if (status === "FAILED" || status === "CANCELED") return [{ code: "CARD_DECLINED", message: "" }];
    await wait(POLL_INTERVAL_MILLISECONDS);
  }
  return [{ code: "CARD_PENDING", message: "" }];
}

/** Hold the points, create the card payment, confirm it with Stripe.js, wait for the charge.
 * Returns the errors to show (empty: the checkout is paid and can be completed). */
export async function payWithPointsAndCard(checkout, offer, card, key) {
  if (!card) return [{ code: "CARD_NOT_READY", message: "" }];
  if (offer.points > 0) {
    const held = (await graphql(PAY_WITH_POINTS, { id: checkout.id, key: `${key}:points`, amount: offer.points }))
      .transactionInitialize;
    if (held.errors.length) return held.errors;
  }
  const started = (await graphql(PAY_BY_CARD, { id: checkout.id, key: `${key}:card` })).transactionInitialize;
  if (started.errors.length) return started.errors;
  const secret = started.data.paymentIntent.client_secret;
  const confirmed = await card.stripe.confirmCardPayment(secret, { payment_method: { card: card.card } });
  if (confirmed.error) return [{ code: "CARD_DECLINED", message: confirmed.error.message || "" }];
  return chargedOrFailed(started.transaction.id);
}
