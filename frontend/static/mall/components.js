// Pieces several pages share: gift cards, prices, stock state, messages, pagers.

import { LOW_STOCK_THRESHOLD } from "./config.js";
import { h } from "./dom.js";
import { formatMoney, formatPoints, t, translated } from "./i18n.js";

/** Points in the programme's unit, e.g. "38,650 PTS". */
export function points(money) {
  return h("span", { class: "points" }, formatPoints(money.amount, money.currency));
}

function variantsOf(product) {
  return product.productVariants ? product.productVariants.edges.map((edge) => edge.node) : [];
}

/** Units a member can still get across the variants (null: not tracked, never runs out). */
export function unitsLeft(variants) {
  if (variants.some((variant) => variant.quantityAvailable === null)) return null;
  return variants.reduce((sum, variant) => sum + variant.quantityAvailable, 0);
}

/** "Sold out" / "Only 3 left" / nothing, for a number of units left. */
export function stockBadge(left) {
  if (left === 0) return h("span", { class: "badge badge-sold-out" }, t("stock.soldOut"));
  if (left !== null && left <= LOW_STOCK_THRESHOLD) {
    return h("span", { class: "badge badge-low" }, t("stock.onlyLeft", { count: left }));
  }
  return null;
}

export function image(picture, fallbackAlt, attributes = {}) {
  if (!picture) return h("div", { class: "image-placeholder", role: "img", "aria-label": fallbackAlt });
  return h("img", { src: picture.url, alt: picture.alt || fallbackAlt, loading: "lazy", ...attributes });
}

/** A gift in a grid: picture, name, points price, stock state. */
export function giftCard(product) {
  const start = product.pricing && product.pricing.priceRange && product.pricing.priceRange.start;
  const variants = variantsOf(product);
  return h("li", { class: "gift-card" },
    h("a", { href: `/gift/${product.slug}`, class: "gift-card-link" },
      image(product.thumbnail, translated(product), { width: 256, height: 256 }),
      h("span", { class: "gift-card-name" }, translated(product)),
      start ? h("span", { class: "gift-card-price" }, variants.length > 1 ? t("price.from") : null,
        points(start.gross), variants.length > 1 ? t("price.fromAfter") : null) : null,
      stockBadge(unitsLeft(variants))));
}

export function giftGrid(products, label) {
  return h("ul", { class: "gift-grid", "aria-label": label }, products.map(giftCard));
}

/** An error message, announced to screen readers at once. */
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

/** Cash shown beside points: what the points are worth, and the shop price of the same gift. */
export function cashComparison(pricing) {
  if (!pricing || !pricing.pointsCashValue) return null;
  return h("dl", { class: "cash-comparison" },
    h("div", {}, h("dt", {}, t("gift.worth")), h("dd", {}, formatMoney(pricing.pointsCashValue))),
    pricing.referenceRetailPrice
      ? h("div", {}, h("dt", {}, t("gift.retailPrice")), h("dd", {}, formatMoney(pricing.referenceRetailPrice)))
      : null);
}

/** Previous / next links for a cursor-paged list; `urlFor(cursorQuery)` makes each link's URL. */
export function pager(pageInfo, urlFor) {
  const previous = pageInfo.hasPreviousPage
    ? h("a", { href: urlFor({ before: pageInfo.startCursor }), class: "button button-secondary", rel: "prev" },
      t("pager.previous"))
    : null;
  const next = pageInfo.hasNextPage
    ? h("a", { href: urlFor({ after: pageInfo.endCursor }), class: "button button-secondary", rel: "next" },
      t("pager.next"))
    : null;
  if (!previous && !next) return null;
  return h("nav", { class: "pager", "aria-label": t("pager.label") }, previous, next);
}

/** The message to show for an API error list ({field, code, message}), in the member's language. */
export function errorMessages(errors) {
  return errors.map((error) => {
    const key = `error.${error.code}`;
    const translated = t(key);
    return translated === key ? error.message || error.code : translated;
  });
}
