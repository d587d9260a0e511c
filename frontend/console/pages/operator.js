// The operator's day: the review queue (price alerts first), partners, carriers and dead-lettered hand-offs,
// settlement runs, issuers and the audit trail of the banks' member lookups.

import { field, h } from "/static/mall/dom.js";
import { graphql } from "../api.js";
import { formatDateTime, formatMoney, formatNumber, t } from "../i18n.js";
import { fromConnection, listView, localPage, pageArgs } from "../list.js";
import { link, render } from "../router.js";
import { ROLES } from "../session.js";
import { formatPoints, unitName } from "../units.js";
import { actionForm, badge, facts, notice, page, statusBadge, table } from "../ui.js";
import { statementsPage } from "./statements.js";

const ERRORS = "errors { field code message }";
const QUEUE = `query Queue { productReviews(statuses: [SUBMITTED]) {
  product { id name partnerCode updatedAt thumbnail { url alt } }
  priceAlerts { channelId pricePoints reason ratio cashValue { amount currency } referencePrice { amount currency }
    costPrice { amount currency } }
} }`;
const APPROVE = `mutation Approve($id: ID!, $note: String) { productReviewApprove(id: $id, note: $note) { ${ERRORS} } }`;
const REJECT = `mutation Reject($id: ID!, $reason: String!) { productReviewReject(id: $id, reason: $reason) {
  ${ERRORS} } }`;
const PARTNERS = `query Partners { partners { code name status serviceFeePercent settlementCurrency created } }`;
const PARTNER_STATUS = `mutation PartnerStatus($code: String!, $status: PartnerStatusEnum!) {
  partnerStatusUpdate(code: $code, status: $status) { partner { status } ${ERRORS} } }`;
const CARRIERS = `query Carriers($deadOnly: Boolean!) {
  carriers { code name handoffMode handoverDays deliveryDays isActive }
  shipmentHandoffs(deadOnly: $deadOnly) { status attempts lastError nextAttemptAt
    fulfillment { id trackingNumber carrier { name } warehouse { partnerCode } } }
}`;
const CARRIER = `query Carrier { carriers { code name handoffMode endpointUrl storageLocation handoverDays deliveryDays
  trackingUrlTemplate isActive } }`;
const CARRIER_UPDATE = `mutation CarrierUpdate($code: String!, $input: CarrierUpdateInput!) {
  carrierUpdate(code: $code, input: $input) { ${ERRORS} } }`;
const RETRY = `mutation Retry($id: ID!) { shipmentHandoffRetry(id: $id) { ${ERRORS} } }`;
const RUN = `mutation Run($input: SettlementRunInput!) { settlementRun(input: $input) {
  run { period status differences statementsIssued statementsSkipped } ${ERRORS} } }`;
const ISSUERS = `query Issuers { issuers { code name pointsUnit cashValuePerPoint cashCurrency expiryRule expiryCount
  reminderDays timeZone ssoEnabled isActive } }`;
const LOOKUPS = `query Lookups($first: Int, $last: Int, $after: String, $before: String, $issuer: String) {
  memberLookups(first: $first, last: $last, after: $after, before: $before, issuer: $issuer) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { issuerCode actor actorEmail searchedBy searchedFor reason customerReference created } }
  }
}`;

function alertText(alert) {
  const against = alert.reason === "ABOVE_RETAIL" ? alert.referencePrice : alert.costPrice;
  return t(`reviews.alert.${alert.reason}`, { points: formatPoints(alert.pricePoints, { channel: alert.channelId }),
    worth: formatMoney(alert.cashValue), against: formatMoney(against), ratio: alert.ratio.toFixed(2) });
}

function decision(item) {
  const approve = actionForm({
    fields: [field(t("reviews.note"), { name: "note", maxlength: 500 })],
    submitLabel: t("reviews.approve"),
    action: async (values) => {
      const result = (await graphql(APPROVE, { id: item.product.id, note: values.get("note") || null }))
        .productReviewApprove;
      return { errors: result.errors };
    },
    success: () => { render(); return notice(t("reviews.approved"), "success"); },
  });
  const reject = actionForm({
    fields: [field(t("reviews.reason"), { name: "reason", required: true, maxlength: 500 })],
    submitLabel: t("reviews.reject"), danger: true,
    action: async (values) => {
      const result = (await graphql(REJECT, { id: item.product.id, reason: values.get("reason") }))
        .productReviewReject;
      return { errors: result.errors };
    },
    success: () => { render(); return notice(t("reviews.rejected"), "success"); },
  });
  return h("div", { class: "decision" }, approve, reject);
}

async function reviewsPage({ query, path }) {
  const options = {
    text: (row) => `${row.product.name} ${row.product.partnerCode || ""}`,
    filters: [{ name: "alerts", label: t("reviews.alerts"), options: [{ value: "", label: t("list.all") },
      { value: "yes", label: t("reviews.withAlerts") }], test: (row) => row.priceAlerts.length > 0 }],
  };
  const list = await listView(path, query, {
    caption: t("nav.reviews"), searchable: true, ...options,
    load: async (state) => localPage((await graphql(QUEUE)).productReviews, state, options),
    columns: [
      { label: t("gifts.name"), cell: (row) => h("a", { href: link(`/gifts/${row.product.id}`) }, row.product.name) },
      { label: t("late.partner"), cell: (row) => row.product.partnerCode || "" },
      { label: t("reviews.alerts"), cell: (row) => row.priceAlerts.length
        ? h("ul", { class: "alerts" }, row.priceAlerts.map((alert) => h("li", {}, badge(t("reviews.priceAlert"), "bad"),
          " ", alertText(alert)))) : t("reviews.noAlerts") },
      { label: t("reviews.decide"), cell: decision },
    ],
  });
  return page(t("nav.reviews"), h("p", {}, t("reviews.intro")), list);
}

async function partnersPage({ query, path }) {
  const options = {
    text: (row) => `${row.code} ${row.name}`,
    filters: [{ name: "status", label: t("partners.status"), options: [{ value: "", label: t("list.all") },
      ...["PENDING", "ACTIVE", "SUSPENDED"].map((value) => ({ value, label: t(`status.${value}`) }))],
    test: (row, value) => row.status === value }],
    sorts: [{ value: "code", label: t("partners.code"), key: (row) => row.code },
      { value: "created", label: t("partners.created"), key: (row) => row.created }],
  };
  const change = (row) => {
    const target = row.status === "ACTIVE" ? "SUSPENDED" : "ACTIVE";
    return actionForm({ fields: [], submitLabel: t(target === "ACTIVE" ? "partners.admit" : "partners.suspend"),
      danger: target === "SUSPENDED",
      action: async () => {
        const result = (await graphql(PARTNER_STATUS, { code: row.code, status: target })).partnerStatusUpdate;
        return { errors: result.errors };
      },
      success: () => { render(); return null; } });
  };
  const list = await listView(path, query, {
    caption: t("nav.partners"), searchable: true, ...options,
    load: async (state) => localPage((await graphql(PARTNERS)).partners, state, options),
    columns: [
      { label: t("partners.code"), cell: (row) => h("a", { href: link(`/partners/${row.code}`),
        "aria-label": t("terms.open", { code: row.code }) }, row.code) },
      { label: t("partners.name"), cell: (row) => row.name },
      { label: t("partners.status"), cell: (row) => statusBadge(row.status) },
      { label: t("partners.fee"), cell: (row) => `${row.serviceFeePercent} %` },
      { label: t("partners.created"), cell: (row) => formatDateTime(row.created) },
      { label: t("returns.action"), cell: change },
    ],
  });
  return page(t("nav.partners"), list);
}

async function carriersPage({ query, path }) {
  const data = await graphql(CARRIERS, { deadOnly: query.dead !== "no" });
  const options = {
    text: (row) => `${row.fulfillment.trackingNumber} ${(row.fulfillment.carrier || {}).name || ""} ${row.lastError || ""}`,
    sorts: [{ value: "attempts", label: t("carriers.attempts"), direction: "DESC", key: (row) => row.attempts }],
  };
  const retry = (row) => actionForm({ fields: [], submitLabel: t("carriers.retry"),
    action: async () => ({ errors: (await graphql(RETRY, { id: row.fulfillment.id })).shipmentHandoffRetry.errors }),
    success: () => { render(); return notice(t("carriers.retried"), "success"); } });
  const handoffs = await listView(path, query, {
    caption: t("carriers.handoffs"), searchable: true, ...options,
    filters: [{ name: "dead", label: t("carriers.show"), initial: "yes", options: [
      { value: "yes", label: t("carriers.deadOnly") }, { value: "no", label: t("carriers.allHandoffs") }] }],
    load: async (state) => localPage(data.shipmentHandoffs, state, options),
    columns: [
      { label: t("late.shipment"), cell: (row) => row.fulfillment.trackingNumber || row.fulfillment.id },
      { label: t("late.partner"), cell: (row) => (row.fulfillment.warehouse || {}).partnerCode || "" },
      { label: t("late.carrier"), cell: (row) => (row.fulfillment.carrier || {}).name || "" },
      { label: t("carriers.status"), cell: (row) => statusBadge(row.status) },
      { label: t("carriers.attempts"), cell: (row) => formatNumber(row.attempts) },
      { label: t("carriers.lastError"), cell: (row) => row.lastError || "" },
      { label: t("returns.action"), cell: (row) => row.status === "dead" ? retry(row) : "" },
    ],
  });
  return page(t("nav.carriers"),
    h("h2", {}, t("nav.carriers")),
    table(t("nav.carriers"), [
      { label: t("partners.code"), cell: (row) => h("a", { href: link(`/carriers/${row.code}`),
        "aria-label": t("carriers.editNamed", { name: row.name }) }, row.code) },
      { label: t("partners.name"), cell: (row) => row.name },
      { label: t("carriers.mode"), cell: (row) => row.handoffMode },
      { label: t("carriers.serviceLevel"), cell: (row) => t("carriers.days", { handover: row.handoverDays,
        delivery: row.deliveryDays }) },
      { label: t("partners.status"), cell: (row) => statusBadge(row.isActive ? "active" : "inactive") },
    ], data.carriers),
    h("h2", {}, t("carriers.handoffs")), handoffs);
}

function carrierForm(carrier) {
  const days = (name, value) => ({ name, type: "number", min: 0, max: 365, step: 1, inputmode: "numeric", value,
    required: true });
  const endpoint = carrier.handoffMode === "manual" ? [] : [
    field(t("carriers.endpointUrl"), { name: "endpointUrl", type: "url", value: carrier.endpointUrl, maxlength: 500 }),
    carrier.handoffMode === "manifest"
      ? field(t("carriers.storageLocation"), { name: "storageLocation", value: carrier.storageLocation, maxlength: 500 })
      : null].filter(Boolean);
  return actionForm({
    fields: [
      field(t("partners.name"), { name: "name", value: carrier.name, required: true, maxlength: 250 }),
      ...endpoint,
      field(t("carriers.handoverDays"), days("handoverDays", carrier.handoverDays)),
      field(t("carriers.deliveryDays"), days("deliveryDays", carrier.deliveryDays)),
      field(t("carriers.trackingUrl"), { name: "trackingUrlTemplate", value: carrier.trackingUrlTemplate,
        maxlength: 500 }, t("carriers.trackingHint")),
      h("div", { class: "field field-checkbox" }, h("label", {}, h("input", { type: "checkbox", name: "isActive",
        checked: carrier.isActive }), " ", t("carriers.active"))),
    ],
    submitLabel: t("carriers.save"),
    action: async (values) => {
      const input = { name: values.get("name"), handoverDays: Number(values.get("handoverDays")),
        deliveryDays: Number(values.get("deliveryDays")), trackingUrlTemplate: values.get("trackingUrlTemplate"),
        isActive: values.get("isActive") === "on" };
      for (const name of ["endpointUrl", "storageLocation"]) if (values.has(name)) input[name] = values.get(name);
      return { errors: (await graphql(CARRIER_UPDATE, { code: carrier.code, input })).carrierUpdate.errors };
    },
    success: () => notice(t("common.saved"), "success"),
  });
}

async function carrierPage({ params }) {
  const carrier = (await graphql(CARRIER)).carriers.find((row) => row.code === params.code);
  if (!carrier) return page(t("error.notFound"), h("p", {}, h("a", { href: link("/carriers") }, t("nav.carriers"))));
  return page(t("carriers.editTitle", { name: carrier.name }),
    facts([[t("partners.code"), carrier.code], [t("carriers.mode"), carrier.handoffMode]]),
    h("p", {}, t("carriers.modeFixed")), carrierForm(carrier));
}

function runResult(run) {
  const summary = notice(t("settlement.result", { period: run.period, status: t(`status.${run.status}`),
    issued: run.statementsIssued, skipped: run.statementsSkipped }), run.status === "SUCCEEDED" ? "success" : "error");
  if (!run.differences.length) return summary;
  return h("div", {}, summary, h("h3", {}, t("settlement.differences")),
    h("ul", { class: "differences" }, run.differences.map((text) => h("li", {}, text))));
}

async function settlementPage(context) {
  const form = actionForm({
    fields: [
      field(t("settlement.period"), { name: "period", required: true, placeholder: "2026-11", pattern: "\\d{4}-\\d{2}" },
        t("settlement.periodHint")),
      field(t("settlement.issuer"), { name: "issuer" }, t("settlement.optional")),
      field(t("settlement.partner"), { name: "partner" }, t("settlement.optional")),
    ],
    submitLabel: t("settlement.run"),
    action: async (values) => {
      const input = { period: values.get("period"), issuerCode: values.get("issuer") || null,
        partnerCode: values.get("partner") || null };
      const result = (await graphql(RUN, { input })).settlementRun;
      return { errors: result.errors, result };
    },
    success: (result) => runResult(result.run),
  });
  const statements = await statementsPage(context);
  return page(t("nav.settlement"), h("section", { class: "panel" }, h("h2", {}, t("settlement.runTitle")),
    h("p", {}, t("settlement.intro")), form), h("h2", {}, t("nav.statements")), statements.content.slice(1));
}

async function issuersPage({ query, path }) {
  const options = { text: (row) => `${row.code} ${row.name}` };
  const list = await listView(path, query, {
    caption: t("nav.issuers"), searchable: true, ...options,
    load: async (state) => localPage((await graphql(ISSUERS)).issuers, state, options),
    columns: [
      { label: t("partners.code"), cell: (row) => row.code },
      { label: t("partners.name"), cell: (row) => row.name },
      { label: t("issuers.unit"), cell: (row) => `${row.pointsUnit} · ${unitName({ issuer: row.code,
        unit: row.pointsUnit })}` },
      { label: t("issuers.value"), cell: (row) => `${row.cashValuePerPoint} ${row.cashCurrency}` },
      { label: t("issuers.expiry"), cell: (row) => `${row.expiryRule} ${row.expiryCount || ""}` },
      { label: t("issuers.reminders"), cell: (row) => t("issuers.days", { days: row.reminderDays }) },
      { label: t("issuers.sso"), cell: (row) => row.ssoEnabled ? t("common.yes") : t("common.no") },
      { label: t("partners.status"), cell: (row) => statusBadge(row.isActive ? "active" : "inactive") },
    ],
  });
  return page(t("nav.issuers"), list);
}

export async function auditPage({ query, path }) {
  const list = await listView(path, query, {
    caption: t("nav.audit"),
    load: async (state) => fromConnection((await graphql(LOOKUPS, { ...pageArgs(state) })).memberLookups),
    columns: [
      { label: t("common.date"), cell: (row) => formatDateTime(row.created) },
      { label: t("audit.issuer"), cell: (row) => row.issuerCode },
      { label: t("common.by"), cell: (row) => row.actorEmail || row.actor },
      { label: t("audit.searched"), cell: (row) => `${t(`audit.by.${row.searchedBy}`)}: ${row.searchedFor}` },
      { label: t("audit.found"), cell: (row) => row.customerReference || t("audit.nobody") },
      { label: t("audit.reason"), cell: (row) => row.reason },
    ],
  });
  return page(t("nav.audit"), h("p", {}, t("audit.intro")), list);
}

const OPERATOR = [ROLES.OPERATOR];
export const operatorPages = [
  [/^\/reviews\/?$/, reviewsPage, OPERATOR, "nav.reviews", "/reviews"],
  [/^\/partners\/?$/, partnersPage, OPERATOR, "nav.partners", "/partners"],
  [/^\/carriers\/?$/, carriersPage, OPERATOR, "nav.carriers", "/carriers"],
  [/^\/carriers\/(?<code>[a-z0-9_-]+)\/?$/, carrierPage, OPERATOR, null],
  [/^\/settlement\/?$/, settlementPage, OPERATOR, "nav.settlement", "/settlement"],
  [/^\/issuers\/?$/, issuersPage, OPERATOR, "nav.issuers", "/issuers"],
  [/^\/audit\/?$/, auditPage, [ROLES.OPERATOR], "nav.audit", "/audit"],
];
