// My points: available and held points, points expiring soon with their dates, and the history in words.

import { graphql } from "../api.js";
import { notice } from "../components.js";
import { channelSlug, EXPIRING_WITHIN_DAYS } from "../config.js";
import { h } from "../dom.js";
import { formatDate, formatDateTime, formatPoints, language, t } from "../i18n.js";
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

/** The member's words for a transfer: the server's English sentence, or ours in the member's language. */
export function transferDescription(transfer) {
  if (language() === "en") return transfer.description;
  const [label, value] = transfer.reference.split(":");
  const base = t(`transfer.${transfer.kind}`);
  return label === "order" && value ? `${base} · ${t("orders.number", { number: value })}` : base;
}

function signed(amount, currency) {
  const text = formatPoints(Math.abs(amount), currency);
  if (amount > 0) return `+${text}`;
  return amount < 0 ? `−${text}` : text;
}

function historyRow(transfer, currency) {
  const direction = transfer.availableChange < 0 ? "amount-out" : "amount-in";
  return h("tr", {},
    h("td", {}, formatDateTime(transfer.createdAt)),
    h("td", {}, transferDescription(transfer)),
    h("td", { class: `amount ${direction}` }, signed(transfer.availableChange, currency)),
    h("td", { class: "amount muted" }, transfer.heldChange ? signed(transfer.heldChange, currency) : ""));
}

function historyTable(transfers, currency) {
  if (!transfers.length) return notice(t("points.noHistory"));
  return h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-labelledby": "history-heading" },
    h("table", { class: "history" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("points.date")),
        h("th", { scope: "col" }, t("points.what")), h("th", { scope: "col" }, t("points.available")),
        h("th", { scope: "col" }, t("points.held")))),
      h("tbody", {}, transfers.map((transfer) => historyRow(transfer, currency)))));
}

export async function pointsPage({ query }) {
  const variables = { channel: channelSlug(), days: EXPIRING_WITHIN_DAYS, first: PAGE_SIZE, after: query.after || null };
  const me = (await graphql(POINTS_HISTORY, variables)).me;
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
        historyTable(transfers, balance.currency),
        history && history.pageInfo.hasNextPage ? h("nav", { class: "pager", "aria-label": t("pager.label") },
          h("a", { href: urlWith("/points", { after: history.pageInfo.endCursor }), class: "button button-secondary" },
            t("points.older"))) : null),
    ],
  };
}
