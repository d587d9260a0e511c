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

/** What points + card would look like for this checkout, or null when points alone pay (or cash is off).
 * `allowed` is false when the cash part is above the bank's share. */
export function cashOffer(checkout, configs) {
  if (!configs || !configs.points || !configs.stripe) return null;
  const total = checkout.totalPrice.gross;
  const due = configs.points.amountDue;
  const points = Math.min(configs.points.pointsAvailable || 0, due);
  const cashPoints = due - points;
  if (cashPoints <= 0) return null;
  const stripe = configs.stripe;
  const share = Number(stripe.maxCashSharePercent);
  // Shown rounded up to the cent, as the server charges it (the server's figure is the one that counts).
  const amount = Math.ceil(cashPoints * Number(stripe.cashValuePerPoint) * 100 - 1e-9) / 100;
  return { points, cashPoints, unit: total.currency, share, allowed: cashPoints * 100 <= share * total.amount,
    cash: { amount, currency: stripe.cashCurrency }, config: stripe };
}

export function offerText(offer) {
  return t("card.offer", { points: formatPoints(offer.points, offer.unit), cash: formatMoney(offer.cash),
    cashPoints: formatPoints(offer.cashPoints, offer.unit) });
}

/** The card section: an explanation and the Stripe card field (mounted once Stripe.js has loaded). */
export function cardSection(offer, state) {
  const field = h("div", { class: "card-field", id: "card-field", role: "group", "aria-label": t("card.number") });
  const section = h("section", { class: "panel", "aria-labelledby": "card-heading" },
    h("h2", { id: "card-heading" }, t("card.title")), h("p", {}, offerText(offer)),
    h("p", { class: "hint" }, t("card.share", { share: offer.share })), field);
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
