// The console's list: search, filters, sort and paging, all kept in the URL so a list can be shared and
// "back" returns to the same page. Lists of GraphQL connections page, sort and search on the server;
// the few API lists that are plain arrays (carriers, issuers...) go through `localPage`, with the same view.

import { field, h } from "/static/mall/dom.js";
import { t } from "./i18n.js";
import { link, navigate } from "./router.js";
import { errorBox, failureMessage } from "./ui.js";

export const PAGE_SIZE = 20;
// "All" of a filter whose default is something else (an empty value would drop out of the URL and bring the
// default back).
export const ANY = "any";
const PAGING_KEYS = ["after", "before"];

/** The list's state from the URL query: search text, sort, direction, filters, cursor. */
export function listState(query, { sorts = [], filters = [] } = {}) {
  const sort = sorts.some((item) => item.value === query.sort) ? query.sort : (sorts[0] || {}).value;
  const filterValues = Object.fromEntries(filters.map((filter) => [filter.name, query[filter.name] ?? filter.initial ?? ""]));
  return { search: query.q || "", sort, direction: query.dir === "ASC" ? "ASC" : query.dir === "DESC" ? "DESC" : null,
    filters: filterValues, after: query.after || null, before: query.before || null };
}

/** Relay arguments for the state's page. */
export function pageArgs(state, size = PAGE_SIZE) {
  if (state.before) return { last: size, before: state.before };
  return { first: size, after: state.after };
}

function controls(path, query, { searchable, sorts = [], filters = [] }, state) {
  const inputs = [];
  if (searchable) {
    inputs.push(field(t("list.search"), { name: "q", type: "search", value: state.search, autocomplete: "off" }));
  }
  for (const filter of filters) {
    inputs.push(field(filter.label, { tag: "select", name: filter.name, options: filter.options.map((option) =>
      h("option", { value: option.value, selected: option.value === state.filters[filter.name] }, option.label)) }));
  }
  if (sorts.length > 1) {
    inputs.push(field(t("list.sortBy"), { tag: "select", name: "sort", options: sorts.map((item) =>
      h("option", { value: item.value, selected: item.value === state.sort }, item.label)) }));
  }
  if (sorts.length) {
    const direction = state.direction || (sorts.find((item) => item.value === state.sort) || {}).direction || "ASC";
    inputs.push(field(t("list.direction"), { tag: "select", name: "dir", options: [
      h("option", { value: "ASC", selected: direction === "ASC" }, t("list.ascending")),
      h("option", { value: "DESC", selected: direction === "DESC" }, t("list.descending"))] }));
  }
  if (!inputs.length) return null;
  const form = h("form", { class: "list-controls", role: "search" }, inputs,
    h("button", { type: "submit", class: "button" }, t("list.apply")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form));
    const next = { ...query, ...values };
    for (const key of PAGING_KEYS) delete next[key];  // a new search starts at the first page
    navigate(link(path, next));
  });
  return form;
}

function pager(path, query, pageInfo) {
  const without = Object.fromEntries(Object.entries(query).filter(([key]) => !PAGING_KEYS.includes(key)));
  const previous = pageInfo.hasPreviousPage ? h("a", { class: "button button-secondary", rel: "prev",
    href: link(path, { ...without, before: pageInfo.startCursor }) }, t("list.previous")) : null;
  const next = pageInfo.hasNextPage ? h("a", { class: "button button-secondary", rel: "next",
    href: link(path, { ...without, after: pageInfo.endCursor }) }, t("list.next")) : null;
  if (!previous && !next) return null;
  return h("nav", { class: "pager", "aria-label": t("list.pages") }, previous, next);
}

/**
 * A list section. `options.load(state)` returns {rows, totalCount, pageInfo}; `options.columns` are
 * [{label, cell(row)}]; `path`/`query` are the page's (the list writes its state there).
 */
export async function listView(path, query, options) {
  const state = listState(query, options);
  let loaded;
  try {
    loaded = await options.load(state);
  } catch (error) {
    return h("section", { class: "list" }, controls(path, query, options, state), errorBox(failureMessage(error)));
  }
  const { rows, totalCount, pageInfo } = loaded;
  const body = rows.length
    ? h("div", { class: "table-wrap" }, h("table", { class: "list-table" },
      h("caption", { class: "visually-hidden" }, options.caption),
      h("thead", {}, h("tr", {}, options.columns.map((column) => h("th", { scope: "col" }, column.label)))),
      h("tbody", {}, rows.map((row) => h("tr", {}, options.columns.map((column) =>
        h("td", { "data-label": column.label }, column.cell(row))))))))
    : h("p", { class: "empty" }, t("list.empty"));
  return h("section", { class: "list", "aria-label": options.caption },
    controls(path, query, options, state),
    h("p", { class: "list-count", role: "status" }, t("list.count", { count: totalCount ?? rows.length })),
    body, pager(path, query, pageInfo));
}

/** A connection's page as the list's rows. */
export function fromConnection(connection) {
  return { rows: connection.edges.map((edge) => edge.node), totalCount: connection.totalCount,
    pageInfo: connection.pageInfo };
}

/**
 * Search, filter, sort and page a plain array the way the server does connections; cursors are offsets.
 * `options.text(row)` is what search looks in; each filter has `test(row, value)`; each sort has `key(row)`.
 */
export function localPage(items, state, { text = () => "", filters = [], sorts = [] } = {}, size = PAGE_SIZE) {
  const needle = state.search.trim().toLowerCase();
  let rows = items.filter((row) => !needle || text(row).toLowerCase().includes(needle));
  for (const filter of filters) {
    const value = state.filters[filter.name];
    if (value && value !== ANY) rows = rows.filter((row) => filter.test(row, value));
  }
  const sort = sorts.find((item) => item.value === state.sort);
  if (sort) {
    const direction = (state.direction || sort.direction || "ASC") === "DESC" ? -1 : 1;
    rows = [...rows].sort((a, b) => (sort.key(a) > sort.key(b) ? direction : sort.key(a) < sort.key(b) ? -direction : 0));
  }
  const start = state.after ? Number(state.after) : state.before ? Math.max(0, Number(state.before) - size) : 0;
  const pageRows = rows.slice(start, start + size);
  return { rows: pageRows, totalCount: rows.length, pageInfo: {
    hasPreviousPage: start > 0, hasNextPage: start + size < rows.length,
    startCursor: String(start), endCursor: String(start + size) } };
}
