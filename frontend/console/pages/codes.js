// The partner's code pools: how many unsold codes each code-backed gift holds (a warning when a pool runs low
// or codes are about to expire), and a CSV upload that adds codes to one pool. The file is read in the browser
// and sent as `digitalCodesUpload(csv:)`; the server encrypts the codes and never echoes one back.

import { field, h, replace } from "/static/mall/dom.js";
import { graphql } from "../api.js";
import { formatNumber, t } from "../i18n.js";
import { ANY, listView, localPage } from "../list.js";
import { link, navigate } from "../router.js";
import { ROLES } from "../session.js";
import { actionForm, badge, errorBox, failureMessage, notice, page, table } from "../ui.js";

const ERRORS = "errors { field code message }";
const POOLS = `query Pools($below: Int!) { digitalCodePools(lowStockBelow: $below) {
  variant productName variantName sku availableCodes expiringSoon soldCodes withdrawnCodes lowStock } }`;
const UPLOAD = `mutation Upload($variant: ID!, $csv: String!) { digitalCodesUpload(variant: $variant, csv: $csv) {
  added duplicates refused { row reason } digitalGift { availableCodes } ${ERRORS} } }`;
const DEFAULT_THRESHOLD = 20;
const WARNING_ITEMS = 5;  // the warning names the emptiest pools; the list below has the rest
const MAX_FILE_BYTES = 800_000;  // under the API's 900,000 characters, with room for the rest of the request

function threshold(query) {
  const value = Number.parseInt(query.below ?? "", 10);
  return Number.isInteger(value) && value >= 0 && value <= 100_000 ? value : DEFAULT_THRESHOLD;
}

function poolName(pool) {
  return pool.variantName ? `${pool.productName} · ${pool.variantName}` : pool.productName;
}

const LEVEL_COLUMNS = () => [
  { label: t("gifts.name"), cell: poolName },
  { label: t("gifts.sku"), cell: (pool) => pool.sku || "" },
  { label: t("codes.available"), cell: (pool) => formatNumber(pool.availableCodes) },
  { label: t("codes.expiringSoon"), cell: (pool) => formatNumber(pool.expiringSoon) },
  { label: t("codes.sold"), cell: (pool) => formatNumber(pool.soldCodes) },
  { label: t("codes.withdrawn"), cell: (pool) => formatNumber(pool.withdrawnCodes) },
  { label: t("codes.level"), cell: (pool) => pool.lowStock ? badge(t("codes.low"), "bad") : badge(t("codes.ok"), "good") },
];

/** The pools as a list: search by name or SKU, only the low ones, sorted emptiest first, paged. */
function levelsList(path, query, pools) {
  const options = {
    text: (pool) => `${poolName(pool)} ${pool.sku || ""}`,
    filters: [{ name: "level", label: t("codes.level"), initial: ANY, options: [{ value: ANY, label: t("list.all") },
      { value: "low", label: t("codes.low") }], test: (pool) => pool.lowStock }],
    sorts: [{ value: "available", label: t("codes.available"), key: (pool) => pool.availableCodes },
      { value: "name", label: t("gifts.name"), key: (pool) => poolName(pool) }],
  };
  return listView(path, query, { caption: t("codes.pools"), searchable: true, ...options,
    load: async (state) => localPage(pools, state, options), columns: LEVEL_COLUMNS() });
}

function warning(pools, below) {
  const low = pools.filter((pool) => pool.lowStock);
  if (!low.length) return null;
  return h("div", { class: "message message-error low-stock", role: "alert" },
    h("p", {}, t("codes.lowWarning", { count: low.length, below: formatNumber(below) })),
    h("ul", {}, low.slice(0, WARNING_ITEMS).map((pool) => h("li", {}, t("codes.lowItem", { gift: poolName(pool),
      count: formatNumber(pool.availableCodes) }))),
    low.length > WARNING_ITEMS ? h("li", {}, t("codes.lowMore", { count: formatNumber(low.length - WARNING_ITEMS) }))
      : null));
}

function uploadResult(result) {
  const summary = notice(t("codes.uploaded", { added: formatNumber(result.added),
    duplicates: formatNumber(result.duplicates), refused: formatNumber(result.refused.length),
    available: formatNumber(result.digitalGift.availableCodes) }), result.refused.length ? "info" : "success");
  if (!result.refused.length) return summary;
  return h("div", { class: "upload-result" }, summary, table(t("codes.refusedRows"), [
    { label: t("codes.row"), cell: (item) => formatNumber(item.row) },
    { label: t("returns.reason"), cell: (item) => item.reason },
  ], result.refused));
}

function uploadForm(pools, onUploaded) {
  return actionForm({
    fields: [
      field(t("codes.gift"), { tag: "select", name: "variant", required: true, options: pools.map((pool) =>
        h("option", { value: pool.variant }, poolName(pool))) }),
      field(t("codes.file"), { name: "file", type: "file", required: true, accept: ".csv,text/csv" }, t("codes.fileHint")),
    ],
    submitLabel: t("codes.upload"),
    action: async (values) => {
      const file = values.get("file");
      if (!file || !file.size) return { errors: [{ field: "file", code: "REQUIRED" }] };
      if (file.size > MAX_FILE_BYTES) return { errors: [{ field: "file", code: "FILE_TOO_LARGE" }] };
      const csv = await file.text();
      const result = (await graphql(UPLOAD, { variant: values.get("variant"), csv })).digitalCodesUpload;
      return { errors: result.errors, result };
    },
    success: (result) => {
      onUploaded();
      return uploadResult(result);
    },
  });
}

async function codesPage({ query, path }) {
  const below = threshold(query);
  const levels = h("div", { class: "pool-levels", "aria-live": "polite" });
  const load = async () => {
    try {
      const pools = (await graphql(POOLS, { below })).digitalCodePools;
      replace(levels, warning(pools, below), await levelsList(path, query, pools));
      return pools;
    } catch (error) {
      replace(levels, errorBox(failureMessage(error)));
      return [];
    }
  };
  const pools = await load();
  const settings = h("form", { class: "list-controls threshold" },
    field(t("codes.threshold"), { name: "below", type: "number", min: 0, max: 100000, step: 1, value: below,
      inputmode: "numeric" }),
    h("button", { type: "submit", class: "button" }, t("codes.setThreshold")));
  settings.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(link("/codes", { ...query, ...Object.fromEntries(new FormData(settings)), after: null, before: null }));
  });
  const upload = pools.length
    ? h("section", { class: "panel" }, h("h2", {}, t("codes.uploadTitle")), h("p", {}, t("codes.uploadIntro")),
      uploadForm(pools, load))
    : h("p", { class: "empty" }, t("codes.none"));
  return page(t("nav.codes"), h("p", {}, t("codes.intro")), settings, h("h2", {}, t("codes.pools")), levels, upload);
}

export const codePages = [
  [/^\/codes\/?$/, codesPage, [ROLES.PARTNER], "nav.codes", "/codes"],
];
