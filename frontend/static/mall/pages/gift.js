// Gift page: pictures, variants, points price, what those points are worth beside the shop price,
// stock state, a flash sale's price with its countdown and units left, and "add to cart".

import { graphql } from "../api.js";
import { addToCart } from "../cart.js";
import {
  cashComparison, errorBox, errorMessages, image, notice, points, stockBadge, unitsLeft,
} from "../components.js";
import { channelSlug } from "../config.js";
import { announce, field, h, replace } from "../dom.js";
import { apiLanguage, formatDay, formatPoints, t, translated } from "../i18n.js";
import { member } from "../member.js";
import { FLASH_SALES, GIFT } from "../operations.js";
import { navigate } from "../router.js";

/** The plain text of an Editor.js description (its block texts may hold inline HTML). */
export function descriptionText(description) {
  if (!description) return [];
  let blocks = [];
  try {
    blocks = JSON.parse(description).blocks || [];
  } catch {
    return [];
  }
  const parser = new DOMParser();
  return blocks.map((block) => (block.data && block.data.text) || "")
    .map((text) => parser.parseFromString(text, "text/html").body.textContent.trim())
    .filter(Boolean);
}

function gallery(product) {
  const media = product.media || [];
  const main = image(media[0], product.name, { class: "gallery-main", loading: "eager", width: 512, height: 512 });
  if (media.length < 2) return h("div", { class: "gallery" }, main);
  const show = (picture) => { main.src = picture.url; main.alt = picture.alt || product.name; };
  return h("div", { class: "gallery" }, main, h("ul", { class: "gallery-thumbnails" }, media.map((picture, index) =>
    h("li", {}, h("button", { type: "button", onclick: () => show(picture),
      "aria-label": t("gift.showPicture", { number: index + 1 }) },
    image(picture, "", { width: 64, height: 64 }))))));
}

function stockText(left, restockExpectedOn) {
  if (left === 0 && restockExpectedOn) {
    const date = formatDay(restockExpectedOn);
    return h("span", { class: "badge badge-sold-out" }, t("stock.soldOutUntil", { date }));
  }
  return stockBadge(left) || h("span", { class: "badge badge-in-stock" }, t("stock.inStock"));
}

function affordability(price) {
  if (!member.balance) return null;
  const short = price.amount - member.balance.available;
  if (short <= 0) return h("p", { class: "hint" }, t("gift.youHave", {
    points: formatPoints(member.balance.available, member.balance.currency) }));
  return h("p", { class: "hint hint-warning" }, t("gift.youNeedMore", {
    points: formatPoints(short, member.balance.currency) }));
}

const SECOND_MS = 1000;

/** "02:05:09": hours (beyond 24 when days away), minutes, seconds until `target`. */
export function remainingTime(target, now = Date.now()) {
  const seconds = Math.max(0, Math.floor((target - now) / SECOND_MS));
  const two = (n) => String(n).padStart(2, "0");
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/** A countdown to the sale's start or end, ticking every second while it is on the page. The server decides
 *  the price at checkout; the browser's clock only draws this. */
function countdown(sale, onOver) {
  const element = h("p", { class: "flash-countdown", role: "timer" });
  const draw = () => {
    const now = Date.now();
    const starts = Date.parse(sale.startsAt);
    const ends = Date.parse(sale.endsAt);
    if (now >= ends) {
      clearInterval(timer);
      onOver();
      return;
    }
    element.textContent = now < starts ? t("flash.startsIn", { time: remainingTime(starts, now) })
      : t("flash.endsIn", { time: remainingTime(ends, now) });
  };
  const timer = setInterval(() => (element.isConnected ? draw() : clearInterval(timer)), SECOND_MS);
  draw();
  return element;
}

function flashSale(sale, price) {
  const box = h("section", { class: "flash-sale", "aria-label": t("flash.title") });
  const over = () => replace(box, h("p", { class: "flash-sale-title" }, t("flash.over")));
  if (sale.remaining === 0) {
    replace(box, h("p", { class: "flash-sale-title" }, t("flash.soldOut")));
    return box;
  }
  replace(box,
    h("p", { class: "flash-sale-title" }, t("flash.title")),
    h("p", { class: "flash-sale-price" }, points(sale.price)),
    price ? h("p", { class: "flash-sale-was" }, t("flash.was", {
      points: formatPoints(price.gross.amount, price.gross.currency) })) : null,
    countdown(sale, over),
    h("p", { class: "flash-left" }, t("flash.left", { count: sale.remaining })),
    sale.limitPerMember ? h("p", { class: "hint" }, t("flash.limit", { count: sale.limitPerMember })) : null);
  return box;
}

/** The member's own price when their loyalty tier takes something off the list price (what checkout charges). */
function tierPrice(variant, listPrice) {
  const own = variant.loyaltyTierPrice;
  return own && listPrice && own.amount < listPrice.amount ? own : null;
}

function priceLine(listPrice, own) {
  if (!own) return h("p", { class: "offer-price" }, points(listPrice));
  return h("p", { class: "offer-price" },
    h("span", { class: "tier-price", "aria-label": t("gift.tierPrice") }, points(own)), " ",
    h("del", { class: "list-price", "aria-label": t("gift.listPrice") }, points(listPrice)), " ",
    h("span", { class: "hint" }, t("gift.tierPrice")));
}

function offer(variant, sale) {
  const price = variant.pricing && variant.pricing.price;
  const own = price ? tierPrice(variant, price.gross) : null;
  return h("div", { class: "offer" },
    sale ? flashSale(sale, price) : null,
    price ? priceLine(price.gross, own) : h("p", {}, t("gift.notForSale")),
    cashComparison(variant.pricing),
    h("p", { class: "stock-state" }, stockText(unitsLeft([variant]), variant.restockExpectedOn)),
    price ? affordability(own || price.gross) : null);
}

function reservedBadge(product) {
  if (!product.loyaltyReservedTier) return null;
  return h("p", {}, h("span", { class: "badge badge-exclusive" },
    t("gift.reservedFor", { tier: product.loyaltyReservedTier })));
}

function variantChoice(variants, selected, onChange) {
  if (variants.length < 2) return null;
  return h("fieldset", { class: "variant-choice" }, h("legend", {}, t("gift.chooseVariant")),
    variants.map((variant) => {
      const id = `variant-${variant.id}`;
      const soldOut = unitsLeft([variant]) === 0;
      return h("div", { class: "choice" },
        h("input", { type: "radio", name: "variant", id, value: variant.id, checked: variant.id === selected.id,
          onchange: () => onChange(variant) }),
        h("label", { for: id }, translated(variant), soldOut ? ` (${t("stock.soldOut")})` : ""));
    }));
}

// Without a per-member limit the quantity box still stops somewhere (the server refuses over 1,000 a line).
const MAX_QUANTITY = 99;

function maxQuantity(variant) {
  const left = unitsLeft([variant]);
  const limit = variant.quantityLimitPerCustomer || MAX_QUANTITY;
  return left === null ? limit : Math.max(0, Math.min(left, limit));
}

async function add(variant, quantityInput, status) {
  const quantity = Number.parseInt(quantityInput.value, 10) || 1;
  const errors = await addToCart(variant.id, quantity);
  if (errors.length) {
    replace(status, errorBox(errorMessages(errors)));
    return false;
  }
  replace(status, notice(h("span", {}, t("gift.added"), " ", h("a", { href: "/cart" }, t("gift.goToCart"))),
    "success"));
  announce(t("gift.added"));
  return true;
}

/** "Redeem now": the gift goes in the cart and the member straight to checkout. */
async function redeemNow(variant, quantityInput, status) {
  if (await add(variant, quantityInput, status)) navigate("/checkout");
}

// On a phone the actions stay at the bottom of the screen (the style sheet fixes `.buy-actions` above the
// tab bar), so redeeming is one tap however far the member has scrolled through pictures and description.
function buyForm(product, variant) {
  const status = h("div", { class: "buy-status" });
  if (!member.me) {
    return h("div", { class: "buy" }, h("div", { class: "buy-actions" },
      h("a", { href: `/sign-in?next=/gift/${product.slug}`, class: "button" }, t("gift.signInToRedeem"))));
  }
  const max = maxQuantity(variant);
  const quantity = field(t("gift.quantity"), { type: "number", name: "quantity", min: 1, max: Math.max(max, 1),
    value: 1, step: 1, inputmode: "numeric", disabled: max === 0 });
  const unavailable = max === 0 || !product.isAvailableForPurchase;
  const submit = (event) => {
    event.preventDefault();
    add(variant, quantity.input, status);
  };
  return h("form", { class: "buy", onsubmit: submit }, quantity,
    h("div", { class: "buy-actions" },
      h("button", { type: "submit", class: "button button-secondary", disabled: unavailable },
        max === 0 ? t("stock.soldOut") : t("gift.addToCart")),
      max === 0 ? null : h("button", { type: "button", class: "button", disabled: unavailable,
        onclick: () => redeemNow(variant, quantity.input, status) }, t("gift.redeemNow"))),
    status);
}

function details(product, variants, selected, sales) {
  const container = h("div", { class: "gift-details" });
  const saleOf = (variant) => sales.find((sale) => sale.variantId === variant.id);
  const draw = (variant) => replace(container,
    variantChoice(variants, variant, draw), offer(variant, saleOf(variant)), buyForm(product, variant));
  draw(selected);
  return container;
}

export async function giftPage({ params }) {
  const product = (await graphql(GIFT, { slug: params.slug, channel: channelSlug(), lang: apiLanguage() })).product;
  if (!product) return { title: t("gift.notFound"), content: [h("h1", {}, t("gift.notFound")),
    h("p", {}, h("a", { href: "/gifts" }, t("home.seeAll")))] };
  const variants = product.productVariants.edges.map((edge) => edge.node);
  const sales = (await graphql(FLASH_SALES, { channel: channelSlug(), product: product.id })).flashSales;
  const firstInStock = variants.find((variant) => unitsLeft([variant]) !== 0) || variants[0];
  return {
    title: translated(product),
    content: h("article", { class: "gift-page" },
      product.category ? h("nav", { class: "breadcrumb", "aria-label": t("gift.breadcrumb") },
        h("a", { href: "/" }, t("nav.home")), " › ",
        h("a", { href: `/gifts?category=${product.category.slug}` }, translated(product.category))) : null,
      gallery(product),
      h("div", { class: "gift-summary" }, h("h1", {}, translated(product)), reservedBadge(product),
        details(product, variants, firstInStock, sales)),
      h("section", { class: "gift-description", "aria-label": t("gift.description") },
        descriptionText(translated(product, "description")).map((text) => h("p", {}, text)))),
  };
}
