// My points: available and held points, points expiring soon with their dates, and the history in words.

import { graphql } from "../api.js";
import { notice } from "../components.js";
import { channelSlug, EXPIRING_WITHIN_DAYS } from "../config.js";
import { h } from "../dom.js";
import { formatDate, formatDateTime, formatPoints, t } from "../i18n.js";
import { POINTS_HISTORY } from "../operations.js";
import { urlWith } from "../router.js";

const PAGE_SIZE = 20;

function figure(label, value, className = "") {
  return h("div", { class: `figure ${className}` }, h("dt", {}, label), h("dd", {}, value));
}

function expiringList(balance) {
  if (!balance.expiringSoon.length) return h("p", {}, t("points.noneExpiring"));
  return h("ul", { class: "expiring-list" }, balance.expiringSoon.map((lot) => h("li", {},
    t("points.expiringOn", { points: formatPoints(lot.points, balance.currency), date: formatDate(lot.expiresAt) }))));
}

/** The kind of movement in the member's language; a few kinds read differently when points go out. Points a
 * rewards rule gave name the rule (its name is the transfer's reason). */
function movement(transfer) {
  const outgoing = transfer.availableChange < 0 && ["ACCRUAL", "ADJUSTMENT"].includes(transfer.kind);
  const kind = t(`transfer.${transfer.kind}${outgoing ? ".out" : ""}`);
  const fromRule = transfer.reference.startsWith("loyalty-rule:") && transfer.reason;
  return fromRule ? `${kind}: ${transfer.reason}` : kind;
}

/** The order a transfer belongs to, as a link named by the order's number (when it is one of theirs). */
function orderLink(transfer, orderNumbers) {
  const [label, value] = transfer.reference.split(":");
  if (label !== "order" || !value) return null;
  const globalId = window.btoa(`Order:${value}`);
  const number = orderNumbers.get(globalId);
  return number ? h("a", { href: `/orders/${encodeURIComponent(globalId)}` }, t("orders.number", { number })) : null;
}

/** A transfer in words: what happened, and to which of the member's orders. */
export function transferDescription(transfer, orderNumbers) {
  const link = orderLink(transfer, orderNumbers);
  return link ? [movement(transfer), " · ", link] : movement(transfer);
}

function signed(amount, currency) {
  const text = formatPoints(Math.abs(amount), currency);
  if (amount > 0) return `+${text}`;
  return amount < 0 ? `−${text}` : text;
}

/** One movement: what happened, when, the change to the member's points, and any reserved points. */
function historyItem(transfer, currency, orderNumbers) {
  const total = transfer.availableChange + transfer.heldChange;
  return h("li", { class: "history-item" },
    h("span", { class: "history-what" }, transferDescription(transfer, orderNumbers)),
    h("span", { class: `history-amount ${total < 0 ? "amount-out" : "amount-in"}` },
      total ? signed(total, currency) : ""),
    h("span", { class: "history-date muted" }, formatDateTime(transfer.createdAt)),
    transfer.heldChange ? h("span", { class: "history-held muted" },
      t("points.heldChange", { points: signed(transfer.heldChange, currency) })) : null);
}

function historyList(transfers, currency, orderNumbers) {
  if (!transfers.length) return notice(t("points.noHistory"));
  return h("ol", { class: "history", "aria-labelledby": "history-heading" },
    transfers.map((transfer) => historyItem(transfer, currency, orderNumbers)));
}

export async function pointsPage({ query }) {
  const variables = { channel: channelSlug(), days: EXPIRING_WITHIN_DAYS, first: PAGE_SIZE, after: query.after || null };
  const me = (await graphql(POINTS_HISTORY, variables)).me;
  const orderNumbers = new Map(me.orders.edges.map((edge) => [edge.node.id, edge.node.number]));
  const balance = me.pointsBalance;
  const history = me.pointsTransfers;
  const transfers = history ? history.edges.map((edge) => edge.node) : [];
  return {
    title: t("points.title"),
    content: [
      h("h1", {}, t("points.title")),
      h("dl", { class: "figures" },
        figure(t("points.available"), formatPoints(balance.available, balance.currency), "figure-main"),
        figure(t("points.held"), formatPoints(balance.held, balance.currency)),
        figure(t("points.expiringSoon"), formatPoints(balance.expiringSoonTotal, balance.currency))),
      h("section", { "aria-labelledby": "expiring-heading" },
        h("h2", { id: "expiring-heading" }, t("points.expiringTitle", { days: EXPIRING_WITHIN_DAYS })),
        expiringList(balance)),
      h("section", { "aria-labelledby": "history-heading" },
        h("h2", { id: "history-heading" }, t("points.history")),
        historyList(transfers, balance.currency, orderNumbers),
        history && history.pageInfo.hasNextPage ? h("nav", { class: "pager", "aria-label": t("pager.label") },
          h("a", { href: urlWith("/points", { after: history.pageInfo.endCursor }), class: "button button-secondary" },
            t("points.older"))) : null),
    ],
  };
}
