// Listing and search: category, collection, points range and "within my points" filters, sort, and
// paging by cursor. Every choice lives in the URL, so "back" from a gift returns to the same page.

import { graphql } from "../api.js";
import { giftGrid, notice, pager } from "../components.js";
import { channelSlug, PAGE_SIZE } from "../config.js";
import { field, formValues, h } from "../dom.js";
import { apiLanguage, formatNumber, formatPoints, t, translated } from "../i18n.js";
import { member } from "../member.js";
import { CATEGORIES, GIFTS } from "../operations.js";
import { navigate, urlWith } from "../router.js";

const SORTS = {
  "": null,
  "price-asc": { field: "PRICE", direction: "ASC" },
  "price-desc": { field: "PRICE", direction: "DESC" },
  newest: { field: "CREATED_AT", direction: "DESC" },
  name: { field: "NAME", direction: "ASC" },
  rating: { field: "RATING", direction: "DESC" },
};
const FILTER_KEYS = ["q", "category", "collection", "min", "max", "within", "sort"];
const categoriesCache = new Map();  // by API language: the names are translated

async function categories() {
  const lang = apiLanguage();
  if (!categoriesCache.has(lang)) {
    const data = await graphql(CATEGORIES, { lang });
    categoriesCache.set(lang, data.categories.edges.map((edge) => edge.node));
  }
  return categoriesCache.get(lang);
}

function wholeNumber(text) {
  const number = Number.parseInt(text, 10);
  return Number.isFinite(number) && number >= 0 ? number : null;
}

/** The upper points bound: the member's "max", capped by their balance when "within my points". */
function upperBound(query) {
  const max = wholeNumber(query.max);
  if (query.within !== "1" || !member.balance) return max;
  return max === null ? member.balance.available : Math.min(max, member.balance.available);
}

function productFilter(query, category) {
  const filter = {};
  if (category) filter.categories = [category.id];
  const min = wholeNumber(query.min);
  const max = upperBound(query);
  if (min !== null || max !== null) filter.price = { gte: min, lte: max };
  return filter;
}

function pageVariables(query) {
  if (query.before) return { last: PAGE_SIZE, before: query.before };
  return { first: PAGE_SIZE, after: query.after || null };
}

function sortOrder(query) {
  const sort = SORTS[query.sort || ""];
  return sort ? { ...sort, channel: channelSlug() } : null;
}

async function findGifts(query, category, collectionId) {
  const filter = productFilter(query, category);
  if (collectionId) filter.collections = [collectionId];
  const variables = { channel: channelSlug(), search: query.q || null, filter, sortBy: sortOrder(query),
    lang: apiLanguage(), ...pageVariables(query) };
  return (await graphql(GIFTS, variables)).products;
}

async function collectionId(slug) {
  if (!slug) return null;
  const data = await graphql(`query C($slug: String!, $channel: String!) {
    collection(slug: $slug, channel: $channel) { id name } }`, { slug, channel: channelSlug() });
  return data.collection;
}

function categoryOptions(all, selected) {
  const option = (category) => h("option", { value: category.slug, selected: category.slug === selected },
    category.level ? `— ${translated(category)}` : translated(category));
  const tops = all.filter((category) => category.level === 0);
  const ordered = tops.flatMap((top) => [top, ...all.filter((child) => child.parent && child.parent.slug === top.slug)]);
  return [h("option", { value: "" }, t("filters.allCategories")), ...ordered.map(option)];
}

function sortOptions(selected) {
  return Object.keys(SORTS).map((key) => h("option", { value: key, selected: key === (selected || "") },
    t(`sort.${key || "default"}`)));
}

function withinField(query) {
  const signedIn = Boolean(member.balance);
  const hint = signedIn
    ? t("filters.withinHint", { points: formatPoints(member.balance.available, member.balance.currency) })
    : t("filters.withinSignedOut");
  const id = "filter-within";
  return h("div", { class: "field field-checkbox" },
    h("input", { type: "checkbox", id, name: "within", checked: query.within === "1" && signedIn,
      disabled: !signedIn, "aria-describedby": `${id}-hint` }),
    h("label", { for: id }, t("filters.within")),
    h("p", { class: "hint", id: `${id}-hint` }, hint));
}

function filterForm(query, allCategories) {
  const submit = (event) => {
    event.preventDefault();
    const values = formValues(event.target);
    navigate(urlWith("/gifts", { ...values, within: values.within ? "1" : "", collection: query.collection }));
  };
  return h("form", { class: "filters", onsubmit: submit, "aria-label": t("filters.label") },
    h("input", { type: "hidden", name: "q", value: query.q || "" }),
    field(t("filters.category"), { tag: "select", name: "category", options: categoryOptions(allCategories,
      query.category) }),
    h("div", { class: "field-pair" },
      field(t("filters.min"), { type: "number", name: "min", min: 0, step: 1, inputmode: "numeric",
        value: query.min || "" }),
      field(t("filters.max"), { type: "number", name: "max", min: 0, step: 1, inputmode: "numeric",
        value: query.max || "" })),
    withinField(query),
    field(t("filters.sort"), { tag: "select", name: "sort", options: sortOptions(query.sort) }),
    h("button", { type: "submit", class: "button" }, t("filters.apply")));
}

// On a phone the filters fold away behind one line, so the first gifts show without scrolling; from the
// width where they lay out in columns (mall.css) they stay open. A member who opens them keeps them open.
const WIDE_SCREEN = "(min-width: 40rem)";

function filterPanel(query, allCategories) {
  const wide = window.matchMedia(WIDE_SCREEN);
  const panel = h("details", { class: "filters-panel", open: wide.matches },
    h("summary", { class: "filters-summary" }, t("filters.label")), filterForm(query, allCategories));
  // Turned to a wide screen, the summary disappears (mall.css): the filters must not stay folded behind it.
  wide.addEventListener("change", (event) => { if (event.matches) panel.open = true; });
  return panel;
}

function heading(query, category, collection) {
  if (query.q) return t("gifts.searchTitle", { text: query.q });
  if (category) return translated(category);
  if (collection) return collection.name;
  return t("gifts.title");
}

export async function giftsPage({ query }) {
  const allCategories = await categories();
  const category = allCategories.find((item) => item.slug === query.category) || null;
  const collection = await collectionId(query.collection);
  const found = await findGifts(query, category, collection && collection.id);
  const products = found.edges.map((edge) => edge.node);
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, query[key] || ""]));
  const title = heading(query, category, collection);
  return {
    title,
    content: [
      h("h1", {}, title),
      h("p", { class: "result-count", role: "status" }, t("gifts.count", { count: formatNumber(found.totalCount) })),
      filterPanel(query, allCategories),
      products.length ? giftGrid(products, title) : notice(t("gifts.none")),
      pager(found.pageInfo, (cursor) => urlWith("/gifts", { ...filters, ...cursor })),
    ],
  };
}
