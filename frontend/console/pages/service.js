// Customer service in the console, for every role's desk: the queue of cases (by state, overdue first when
// asked, due soonest first), a case with its conversation, internal notes and resolution, and the measures
// (first answer, resolution time, backlog) with the API's CSV. What each role sees is the API's scoping: a
// partner the cases about its gifts, a bank its members', the operator all.

import { field, h } from "/static/mall/dom.js";
import { graphql } from "../api.js";
import { formatDateTime, formatNumber, t } from "../i18n.js";
import { ANY, listView, localPage } from "../list.js";
import { link, navigate, render } from "../router.js";
import { ROLES } from "../session.js";
import { formatPoints } from "../units.js";
import { actionForm, badge, downloadText, facts, notice, page, statusBadge, table } from "../ui.js";

const ERRORS = "errors { field code message }";
const CASE_ROW = "id number status category subject assignee partnerCode issuerCode memberEmail dueAt escalatedAt "
  + "createdAt";
const CASES = `query Cases($status: [ServiceCaseStatus!], $overdue: Boolean!) {
  serviceCases(status: $status, overdueOnly: $overdue, first: 100) { ${CASE_ROW} } }`;
const CASE = `query Case($id: ID!) { serviceCase(id: $id) { ${CASE_ROW} description contactChannel firstAnsweredAt
  orderId fulfillmentId reopenCount rating
  resolution { kind note goodwillPoints goodwillPayer resolvedAt }
  messages { body author internal createdAt } pictures { url } events { kind fromStatus toStatus note date } } }`;
const MESSAGE = `mutation Message($id: ID!, $body: String!, $internal: Boolean!) {
  serviceCaseMessage(id: $id, body: $body, internal: $internal) { ${ERRORS} } }`;
const RESOLVE = `mutation Resolve($id: ID!, $input: ServiceCaseResolveInput!) {
  serviceCaseResolve(id: $id, input: $input) { ${ERRORS} } }`;
const MEASURES = `query Measures($since: DateTime!, $until: DateTime!) { serviceCaseMeasures(since: $since, until: $until) {
  rows { partnerCode category cases orders casesPerThousandOrders meanFirstAnswerHours meanResolutionHours
    backlog answered resolved overdueShare resolutions { kind count } ratings meanRating } csv } }`;

const UNRESOLVED = "UNRESOLVED";  // the queue's default view: everything still waiting for someone
const STATES = ["OPEN", "ANSWERED", "REOPENED", "RESOLVED"];
// Refunds name order lines one by one: they are made from the API (or the order's page) rather than here.
const RESOLUTION_KINDS = ["EXPLANATION", "RESHIPMENT", "RETURN", "GOODWILL"];
const PAYERS = ["PARTNER", "OPERATOR", "ISSUER"];

function statusesOf(value) {
  if (value === ANY) return null;
  return value === UNRESOLVED || !STATES.includes(value) ? STATES.filter((state) => state !== "RESOLVED") : [value];
}

function isOverdue(item) {
  return Boolean(item.escalatedAt) || (item.status !== "RESOLVED" && new Date(item.dueAt) < new Date());
}

function dueCell(item) {
  return h("span", {}, formatDateTime(item.dueAt), isOverdue(item) ? [" ", badge(t("cases.overdue"), "bad")] : null);
}

async function casesPage({ query, path }) {
  const options = {
    text: (row) => `${row.number} ${row.memberEmail || ""} ${row.partnerCode || ""}`,
    filters: [
      { name: "status", label: t("cases.status"), initial: UNRESOLVED, options: [
        { value: UNRESOLVED, label: t("cases.unresolved") }, ...STATES.map((value) => ({ value,
          label: t(`cases.state.${value}`) })), { value: ANY, label: t("list.all") }], test: () => true },
      { name: "overdue", label: t("cases.overdueOnly"), options: [{ value: "", label: t("list.all") },
        { value: "yes", label: t("cases.overdue") }], test: (row) => isOverdue(row) },
    ],
    sorts: [{ value: "due", label: t("cases.due"), key: (row) => row.dueAt },
      { value: "opened", label: t("cases.opened"), direction: "DESC", key: (row) => row.createdAt }],
  };
  const list = await listView(path, query, {
    caption: t("nav.cases"), searchable: true, ...options,
    load: async (state) => {
      const variables = { status: statusesOf(state.filters.status), overdue: false };
      return localPage((await graphql(CASES, variables)).serviceCases, state, options);
    },
    columns: [
      { label: t("cases.number"), cell: (row) => h("a", { href: link(`/cases/${row.id}`) },
        t("cases.title", { number: row.number })) },
      { label: t("cases.due"), cell: dueCell },
      { label: t("cases.status"), cell: (row) => statusBadge(`case.${row.status}`) },
      { label: t("cases.category"), cell: (row) => t(`cases.category.${row.category}`) },
      { label: t("cases.assignee"), cell: (row) => t(`cases.party.${row.assignee}`) },
      { label: t("cases.member"), cell: (row) => row.memberEmail || "" },
      { label: t("cases.opened"), cell: (row) => formatDateTime(row.createdAt) },
    ],
  });
  return page(t("nav.cases"), h("p", {}, t("cases.intro")),
    h("p", {}, h("a", { href: link("/cases/measures") }, t("nav.caseMeasures"))), list);
}

function conversation(item) {
  if (!item.messages.length) return h("p", { class: "empty" }, t("cases.noMessages"));
  return h("ol", { class: "case-messages" }, item.messages.map((message) => h("li", {
    class: message.internal ? "case-message case-note" : "case-message" },
  h("p", { class: "case-message-meta" }, t(`cases.party.${message.author}`), " · ", formatDateTime(message.createdAt),
    message.internal ? [" ", badge(t("cases.internal"), "warn")] : null),
  h("p", {}, message.body))));
}

function messageForm(item) {
  return actionForm({
    fields: [
      field(t("cases.reply"), { tag: "textarea", name: "body", required: true, maxlength: 4000, rows: 4 }),
      h("div", { class: "field field-checkbox" }, h("label", {}, h("input", { type: "checkbox", name: "internal" }),
        " ", t("cases.internalHint"))),
    ],
    submitLabel: t("cases.send"),
    action: async (values) => {
      const variables = { id: item.id, body: values.get("body") || "", internal: values.get("internal") === "on" };
      return { errors: (await graphql(MESSAGE, variables)).serviceCaseMessage.errors };
    },
    success: () => { render(); return notice(t("cases.sent"), "success"); },
  });
}

function resolveForm(item) {
  const payerField = field(t("cases.payer"), { tag: "select", name: "payer", options: PAYERS.map((value) =>
    h("option", { value }, t(`cases.party.${value}`))) }, t("cases.payerHint"));
  return actionForm({
    fields: [
      field(t("cases.resolution"), { tag: "select", name: "kind", options: RESOLUTION_KINDS.map((value) =>
        h("option", { value }, t(`cases.kind.${value}`))) }),
      field(t("cases.resolutionNote"), { tag: "textarea", name: "note", required: true, maxlength: 4000, rows: 3 }),
      field(t("cases.goodwillPoints"), { name: "points", type: "number", min: 1, step: 1, inputmode: "numeric" },
        t("cases.goodwillHint")),
      payerField,
    ],
    submitLabel: t("cases.resolve"),
    action: async (values) => {
      const kind = values.get("kind");
      const input = { kind, note: values.get("note") || "" };
      if (kind === "GOODWILL") {
        input.points = Number(values.get("points") || 0);
        input.payer = values.get("payer");
      }
      return { errors: (await graphql(RESOLVE, { id: item.id, input })).serviceCaseResolve.errors };
    },
    success: () => { render(); return notice(t("cases.resolved"), "success"); },
  });
}

function resolutionFacts(resolution, item) {
  return facts([[t("cases.resolution"), t(`cases.kind.${resolution.kind}`)], [t("cases.resolutionNote"), resolution.note],
    resolution.kind === "GOODWILL" ? [t("cases.goodwillPoints"), formatPoints(resolution.goodwillPoints,
      { issuer: item.issuerCode })] : null,
    resolution.goodwillPayer ? [t("cases.payer"), t(`cases.party.${resolution.goodwillPayer}`)] : null,
    [t("common.date"), formatDateTime(resolution.resolvedAt)]]);
}

async function casePage({ params }) {
  const item = (await graphql(CASE, { id: params.id })).serviceCase;
  if (!item) return page(t("error.notFound"), h("p", {}, h("a", { href: link("/cases") }, t("nav.cases"))));
  const orderLink = item.orderId ? h("a", { href: link(`/orders/${item.orderId}`) }, t("cases.openOrder")) : null;
  return page(t("cases.title", { number: item.number }),
    facts([[t("cases.status"), statusBadge(`case.${item.status}`)], [t("cases.due"), dueCell(item)],
      [t("cases.category"), t(`cases.category.${item.category}`)], [t("cases.subject"), t(`cases.subject.${item.subject}`)],
      [t("cases.assignee"), t(`cases.party.${item.assignee}`)], [t("cases.partner"), item.partnerCode],
      [t("cases.member"), item.memberEmail], [t("cases.contact"), t(`cases.contact.${item.contactChannel}`)],
      [t("cases.opened"), formatDateTime(item.createdAt)], [t("cases.firstAnswer"), formatDateTime(item.firstAnsweredAt)],
      item.rating ? [t("cases.rating"), `${item.rating} / 5`] : null, orderLink ? [t("cases.order"), orderLink] : null]),
    h("section", {}, h("h2", {}, t("cases.description")), h("p", { class: "case-description" }, item.description),
      item.pictures.length ? h("ul", { class: "pictures" }, item.pictures.map((picture, index) => h("li", {},
        h("img", { src: picture.url, alt: t("cases.picture", { number: index + 1 }), width: 120, height: 120 }))))
        : null),
    h("section", {}, h("h2", {}, t("cases.conversation")), conversation(item), messageForm(item)),
    h("section", { class: "panel" }, h("h2", {}, t("cases.resolution")),
      item.resolution && item.status === "RESOLVED" ? resolutionFacts(item.resolution, item) : resolveForm(item)),
    h("section", {}, h("h2", {}, t("cases.events")), table(t("cases.events"), [
      { label: t("common.date"), cell: (event) => formatDateTime(event.date) },
      { label: t("cases.event"), cell: (event) => t(`cases.event.${event.kind}`) },
      { label: t("cases.status"), cell: (event) => statusBadge(`case.${event.toStatus}`) },
      { label: t("common.note"), cell: (event) => event.note },
    ], item.events)));
}

/** The first instant of this month (UTC) and now, as dates for the period form. */
function defaultPeriod() {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000);
  return { from: start.toISOString().slice(0, 10), to: tomorrow.toISOString().slice(0, 10) };
}

/** Means over all rows, weighted by how many cases each mean was taken over. */
function totals(rows) {
  const sum = (pick) => rows.reduce((total, row) => total + pick(row), 0);
  const weighted = (mean, weight) => {
    const counted = rows.filter((row) => row[mean] != null);
    const weights = counted.reduce((total, row) => total + weight(row), 0);
    return weights ? counted.reduce((total, row) => total + row[mean] * weight(row), 0) / weights : null;
  };
  return { cases: sum((row) => row.cases), backlog: sum((row) => row.backlog),
    firstAnswer: weighted("meanFirstAnswerHours", (row) => row.answered),
    resolution: weighted("meanResolutionHours", (row) => row.resolved) };
}

function hours(value) {
  return value == null ? "—" : t("cases.hours", { hours: formatNumber(Math.round(value * 10) / 10) });
}

async function measuresPage({ query }) {
  const period = { ...defaultPeriod(), ...Object.fromEntries(Object.entries(query).filter(([, value]) => value)) };
  const answer = (await graphql(MEASURES, { since: `${period.from}T00:00:00Z`, until: `${period.to}T00:00:00Z` }))
    .serviceCaseMeasures;
  const form = h("form", { class: "list-controls" },
    field(t("bank.from"), { name: "from", type: "date", value: period.from }),
    field(t("bank.to"), { name: "to", type: "date", value: period.to }),
    h("button", { type: "submit", class: "button" }, t("list.apply")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(link("/cases/measures", Object.fromEntries(new FormData(form))));
  });
  const sums = totals(answer.rows);
  return page(t("nav.caseMeasures"), h("p", {}, t("cases.measuresIntro")), form,
    facts([[t("cases.measure.cases"), formatNumber(sums.cases)], [t("cases.measure.backlog"), formatNumber(sums.backlog)],
      [t("cases.measure.firstAnswer"), hours(sums.firstAnswer)], [t("cases.measure.resolution"), hours(sums.resolution)]]),
    table(t("nav.caseMeasures"), [
      { label: t("cases.partner"), cell: (row) => row.partnerCode || t("cases.party.OPERATOR") },
      { label: t("cases.category"), cell: (row) => t(`cases.category.${row.category}`) },
      { label: t("cases.measure.cases"), cell: (row) => formatNumber(row.cases) },
      { label: t("cases.measure.perThousand"), cell: (row) => row.casesPerThousandOrders == null ? "—"
        : formatNumber(row.casesPerThousandOrders) },
      { label: t("cases.measure.firstAnswer"), cell: (row) => hours(row.meanFirstAnswerHours) },
      { label: t("cases.measure.resolution"), cell: (row) => hours(row.meanResolutionHours) },
      { label: t("cases.measure.backlog"), cell: (row) => formatNumber(row.backlog) },
      { label: t("cases.measure.overdue"), cell: (row) => `${formatNumber(Math.round(row.overdueShare * 1000) / 10)} %` },
      { label: t("cases.rating"), cell: (row) => row.meanRating == null ? "—" : `${formatNumber(row.meanRating)} / 5` },
    ], answer.rows),
    h("p", {}, h("button", { type: "button", class: "button", onclick: () =>
      downloadText(`service-measures-${period.from}-${period.to}.csv`, answer.csv) }, t("bank.exportCsv"))));
}

const DESKS = [ROLES.PARTNER, ROLES.BANK, ROLES.OPERATOR];
export const servicePages = [
  [/^\/cases\/?$/, casesPage, DESKS, "nav.cases", "/cases"],
  [/^\/cases\/measures\/?$/, measuresPage, DESKS, null],
  [/^\/cases\/(?<id>[^/]+)\/?$/, casePage, DESKS, null],
];
