// "What can I get with my points": on the home page, the dearest gifts the member's available points already
// cover (a member with 12,000 points sees what 12,000 points buy, not the cheapest trinkets), with a link to
// the whole list filtered the same way.

import { graphql } from "../api.js";
import { giftGrid } from "../components.js";
import { channelSlug } from "../config.js";
import { h } from "../dom.js";
import { apiLanguage, formatPoints, t } from "../i18n.js";
import { member } from "../member.js";
import { GIFT_CARD } from "../operations.js";

const SHELF_SIZE = 4;
const SHELF = `query PointsShelf($channel: String!, $max: Float!, $first: Int!, $lang: LanguageCodeEnum!) {
  products(channel: $channel, first: $first, filter: {price: {lte: $max}, stockAvailability: IN_STOCK},
      sortBy: {field: PRICE, direction: DESC}) {
    edges { node { ...GiftCard } }
  }
}
${GIFT_CARD}`;

/** The shelf for a signed-in member with points, or null (signed out, no points, nothing affordable). */
export async function pointsShelf() {
  const balance = member.balance;
  if (!balance || balance.available <= 0) return null;
  const variables = { channel: channelSlug(), max: balance.available, first: SHELF_SIZE, lang: apiLanguage() };
  const products = (await graphql(SHELF, variables)).products.edges.map((edge) => edge.node);
  if (!products.length) return null;
  const title = t("shelf.title", { points: formatPoints(balance.available, balance.currency) });
  return h("section", { class: "points-shelf", "aria-labelledby": "shelf-heading" },
    h("div", { class: "section-heading" }, h("h2", { id: "shelf-heading" }, title),
      h("a", { href: "/gifts?within=1&sort=price-desc" }, t("shelf.seeAll"))),
    giftGrid(products, title));
}
