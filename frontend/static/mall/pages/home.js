// Home: the member's balance and points expiring soon, categories, the featured collection, new gifts.

import { graphql } from "../api.js";
import { giftGrid } from "../components.js";
import { channelSlug } from "../config.js";
import { h } from "../dom.js";
import { apiLanguage, formatDate, formatPoints, t, translated } from "../i18n.js";
import { member } from "../member.js";
import { HOME } from "../operations.js";
import { pointsShelf } from "./shelf.js";

function nodes(connection) {
  return connection ? connection.edges.map((edge) => edge.node) : [];
}

function expiringLine(balance) {
  if (!balance.expiringSoon.length) return h("p", {}, t("points.noneExpiring"));
  const soonest = balance.expiringSoon[0];
  return h("p", { class: "expiring" }, t("points.expiringOn", {
    points: formatPoints(soonest.points, balance.currency), date: formatDate(soonest.expiresAt) }));
}

function balancePanel() {
  const balance = member.balance;
  if (!balance) {
    return h("section", { class: "panel welcome", "aria-labelledby": "welcome-heading" },
      h("h2", { id: "welcome-heading" }, t("home.signInTitle")),
      h("p", {}, t("home.signInText")),
      h("a", { href: "/sign-in", class: "button" }, t("nav.signIn")));
  }
  return h("section", { class: "panel balance", "aria-labelledby": "balance-heading" },
    h("h2", { id: "balance-heading" }, t("points.available")),
    h("p", { class: "balance-amount" }, formatPoints(balance.available, balance.currency)),
    balance.held ? h("p", {}, t("points.heldLine", { points: formatPoints(balance.held, balance.currency) })) : null,
    expiringLine(balance),
    h("a", { href: "/points" }, t("home.seeHistory")));
}

function categoryList(categories) {
  return h("section", { "aria-labelledby": "categories-heading" },
    h("h2", { id: "categories-heading" }, t("home.categories")),
    h("ul", { class: "category-list" }, categories.map((category) =>
      h("li", {}, h("a", { href: `/gifts?category=${category.slug}`, class: "category-chip" }, translated(category))))));
}

function giftSection(id, title, products, moreHref) {
  if (!products.length) return null;
  return h("section", { "aria-labelledby": id },
    h("div", { class: "section-heading" }, h("h2", { id }, title),
      moreHref ? h("a", { href: moreHref }, t("home.seeAll")) : null),
    giftGrid(products, title));
}

export async function homePage() {
  const [data, shelf] = await Promise.all([graphql(HOME, { channel: channelSlug(), lang: apiLanguage() }),
    pointsShelf()]);
  const greeting = member.me && member.me.firstName
    ? t("home.greeting", { name: member.me.firstName }) : t("home.title");
  const featured = data.collection;
  return {
    title: t("nav.home"),
    content: [
      h("h1", {}, greeting),
      balancePanel(),
      shelf,
      categoryList(nodes(data.categories)),
      featured ? giftSection("featured-heading", translated(featured), nodes(featured.products),
        `/gifts?collection=${featured.slug}`) : null,
      giftSection("new-heading", t("home.newGifts"), nodes(data.products), "/gifts?sort=newest"),
    ],
  };
}
