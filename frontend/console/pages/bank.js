// The bank's points desk: member lookup (every lookup recorded with its reason), a member's balance, lots
// with expiry and history, points adjustments, real-time credits, and the liability report with a CSV export.

import { field, h, replace } from "/static/mall/dom.js";
import { graphql, graphqlUpload } from "../api.js";
import { lineChart } from "../charts.js";
import { formatDate, formatDateTime, formatNumber, t } from "../i18n.js";
import { link, navigate } from "../router.js";
import { can, ROLES, staff } from "../session.js";
import { formatPoints, unitName } from "../units.js";
import { actionForm, csvLine, downloadText, errorBox, facts, failureMessage, idempotencyKey, notice, page,
  statusBadge, table } from "../ui.js";

const ERRORS = "errors { field code message }";
const LOOKUP = `mutation Lookup($input: MemberLookupInput!) { memberLookup(input: $input) {
  member { customerReference name email phone status channels user { id } } ${ERRORS} } }`;
const POINTS = `query MemberPoints($id: ID!, $channel: String!, $after: String) {
  user(id: $id) {
    pointsBalance(channel: $channel, expiringWithinDays: 365) { currency available held expiringSoon { expiresAt points } }
    pointsTransfers(channel: $channel, first: 20, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { createdAt kind description points availableChange reason actor } }
    }
  }
}`;
// What the member redeemed and complained about: a bank's desk answers calls about both.
const ORDERS_AND_CASES = `query MemberOrders($id: ID!) {
  user(id: $id) { orders(first: 10) { totalCount edges { node { number created status channel { slug }
    total { gross { amount currency } } lines { productName quantity } } } } }
  serviceCases(user: $id, first: 10) { id number status category createdAt }
}`;
const ADJUST = `mutation Adjust($input: PointsAdjustInput!) { pointsAdjust(input: $input) { ${ERRORS} } }`;
const CREDIT = `mutation Credit($input: PointsCreditInput!) { pointsCredit(input: $input) {
  replayed transfer { points description } ${ERRORS} } }`;
const IMPORT = `mutation Import($input: BankFileImportInput!) { bankFileImport(input: $input) {
  rows refused summary counts { outcome rows } errorFileName errorFileBase64 ${ERRORS} } }`;
const LIABILITY = `query Liability($issuer: String!, $start: DateTime, $end: DateTime) {
  issuerLiability(issuer: $issuer, periodStart: $start, periodEnd: $end) {
    channel currency asOf pointsOutstanding pointsHeld membersWithPoints pointsExpiredToDate
    expiring { withinDays points }
    period { start end accrued accrualReversed redeemed refunded expired adjustedIn adjustedOut }
  }
}`;

function history(user, channel) {
  const points = (amount) => formatPoints(amount, { channel });
  const rows = h("tbody");
  const more = h("button", { type: "button", class: "button button-secondary" }, t("bank.moreHistory"));
  const section = h("section", {}, h("h3", {}, t("bank.history")), h("div", { class: "table-wrap" }, h("table", {},
    h("caption", { class: "visually-hidden" }, t("bank.history")),
    h("thead", {}, h("tr", {}, [t("common.date"), t("bank.what"), t("bank.change"), t("audit.reason"), t("common.by")]
      .map((label) => h("th", { scope: "col" }, label)))), rows)), more);
  const append = (connection) => {
    for (const { node } of connection.edges) {
      rows.append(h("tr", {}, h("td", {}, formatDateTime(node.createdAt)), h("td", {}, node.description),
        h("td", {}, points(node.availableChange)), h("td", {}, node.reason), h("td", {}, node.actor || "")));
    }
    more.hidden = !connection.pageInfo.hasNextPage;
    more.dataset.after = connection.pageInfo.endCursor || "";
  };
  more.addEventListener("click", async () => {
    const data = await graphql(POINTS, { id: user, channel, after: more.dataset.after });
    append(data.user.pointsTransfers);
  });
  return { section, append };
}

function adjustForm(member, channel, shown) {
  let key = idempotencyKey("adjust");
  return actionForm({
    fields: [
      field(t("bank.amount"), { name: "amount", type: "number", step: 1, required: true, inputmode: "numeric" },
        t("bank.amountHint")),
      field(t("audit.reason"), { name: "reason", required: true, maxlength: 250 }),
    ],
    submitLabel: t("bank.adjust"),
    action: async (values) => {
      const input = { user: member.user.id, channel, amount: Number(values.get("amount")), reason: values.get("reason"),
        idempotencyKey: key };
      const result = (await graphql(ADJUST, { input })).pointsAdjust;
      return { errors: result.errors };
    },
    success: async () => {
      key = idempotencyKey("adjust");  // the next adjustment is a new one; a double click was the same
      await showMember(member, shown);
      return notice(t("bank.adjusted"), "success");
    },
  });
}

function ordersSection(orders) {
  return h("section", {}, h("h3", {}, t("bank.orders", { count: formatNumber(orders.totalCount) })),
    table(t("bank.ordersCaption"), [
      { label: t("orders.number"), cell: (order) => order.number },
      { label: t("orders.created"), cell: (order) => formatDateTime(order.created) },
      { label: t("orders.status"), cell: (order) => statusBadge(order.status) },
      { label: t("orders.gift"), cell: (order) => order.lines.map((line) => `${line.quantity} × ${line.productName}`)
        .join(", ") },
      { label: t("bank.points"), cell: (order) => formatPoints(order.total.gross.amount,
        { channel: order.channel.slug, unit: order.total.gross.currency }) },
    ], orders.edges.map((edge) => edge.node)));
}

function casesSection(cases) {
  return h("section", {}, h("h3", {}, t("nav.cases")), table(t("nav.cases"), [
    { label: t("cases.number"), cell: (item) => h("a", { href: link(`/cases/${item.id}`) },
      t("cases.title", { number: item.number })) },
    { label: t("cases.opened"), cell: (item) => formatDateTime(item.createdAt) },
    { label: t("cases.status"), cell: (item) => statusBadge(`case.${item.status}`) },
    { label: t("cases.category"), cell: (item) => t(`cases.category.${item.category}`) },
  ], cases));
}

async function showMember(member, container) {
  const channel = member.channels[0];
  const [data, activity] = await Promise.all([graphql(POINTS, { id: member.user.id, channel }),
    graphql(ORDERS_AND_CASES, { id: member.user.id })]);
  const balance = data.user.pointsBalance;
  const points = (amount) => formatPoints(amount, { channel, unit: balance.currency });
  const { section, append } = history(member.user.id, channel);
  append(data.user.pointsTransfers);
  replace(container, h("section", { class: "panel member", "aria-live": "polite" },
    h("h2", {}, `${member.name} · ${member.customerReference}`),
    facts([[t("bank.email"), member.email], [t("bank.phone"), member.phone], [t("bank.status"),
      statusBadge(member.status)], [t("bank.available"), points(balance.available)],
    [t("bank.held"), points(balance.held)]]),
    h("h3", {}, t("bank.lots")),
    table(t("bank.lots"), [
      { label: t("bank.expiresAt"), cell: (lot) => formatDate(lot.expiresAt) },
      { label: t("bank.points"), cell: (lot) => points(lot.points) },
    ], balance.expiringSoon),
    section, ordersSection(activity.user.orders), casesSection(activity.serviceCases),
    h("h3", {}, t("bank.adjustTitle")), adjustForm(member, channel, container)));
}

async function membersPage() {
  const result = h("div", { class: "lookup-result" });
  const form = actionForm({
    fields: [
      field(t("bank.searchBy"), { tag: "select", name: "by", options: ["customerReference", "email", "phone"].map(
        (value) => h("option", { value }, t(`bank.by.${value}`))) }),
      field(t("bank.searchFor"), { name: "value", required: true, autocomplete: "off" }),
      field(t("bank.why"), { name: "reason", required: true, maxlength: 500 }, t("bank.whyHint")),
    ],
    submitLabel: t("bank.lookUp"),
    action: async (values) => {
      const input = { reason: values.get("reason"), [values.get("by")]: values.get("value") };
      const answer = (await graphql(LOOKUP, { input })).memberLookup;
      return { errors: answer.errors, result: answer.member };
    },
    success: (member) => {
      if (!member) {
        replace(result);
        return notice(t("bank.nobody"));
      }
      showMember(member, result).catch((error) => replace(result, errorBox(failureMessage(error))));
      return null;
    },
  });
  return page(t("nav.members"), h("p", {}, t("bank.lookupIntro")), form, result);
}

function creditPage() {
  let key = idempotencyKey("credit");
  const form = actionForm({
    fields: [
      field(t("bank.transactionId"), { name: "transactionId", required: true, value: key.slice(-12) },
        t("bank.transactionHint")),
      field(t("bank.by.customerReference"), { name: "customerReference", required: true }),
      field(t("bank.points"), { name: "points", type: "number", step: 1, required: true, inputmode: "numeric" },
        t("bank.amountHint")),
      field(t("bank.kind"), { name: "kind", placeholder: "campaign" }),
      field(t("bank.reverses"), { name: "reverses" }, t("bank.reversesHint")),
    ],
    submitLabel: t("bank.credit"),
    action: async (values) => {
      const input = { transactionId: values.get("transactionId"), customerReference: values.get("customerReference"),
        points: Number(values.get("points")), earnedAt: new Date().toISOString(), kind: values.get("kind") || null,
        reverses: values.get("reverses") || null };
      const result = (await graphql(CREDIT, { input })).pointsCredit;
      return { errors: result.errors, result };
    },
    success: (result) => {
      key = idempotencyKey("credit");
      return notice(result.replayed ? t("bank.replayed") : t("bank.credited", { points: formatPoints(
        result.transfer.points, { issuer: staff.code }) }), "success");
    },
  });
  return page(t("nav.credit"), h("p", {}, t("bank.creditIntro")), form);
}

const CHART_MONTHS = 6;

/** The last CHART_MONTHS calendar months (UTC) up to this one, oldest first: [{label, start, end}]. */
function recentMonths(now = new Date()) {
  const months = [];
  for (let back = CHART_MONTHS - 1; back >= 0; back -= 1) {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    months.push({ label: start.toISOString().slice(0, 7), start: start.toISOString(),
      end: (end < now ? end : now).toISOString() });
  }
  return months;
}

/** Accrual, redemption and expiry per month: one document, one aliased `issuerLiability` per month. */
async function monthlyMovements(issuer) {
  const months = recentMonths();
  const fields = months.map((month, index) => `m${index}: issuerLiability(issuer: $issuer, periodStart: "${
    month.start}", periodEnd: "${month.end}") { period { accrued redeemed expired } }`);
  const data = await graphql(`query Monthly($issuer: String!) { ${fields.join("\n")} }`, { issuer });
  const periods = months.map((_, index) => data[`m${index}`].period);
  return lineChart(t("bank.chartCaption", { months: CHART_MONTHS }), months.map((month) => month.label), [
    { label: t("bank.move.accrued"), values: periods.map((period) => period.accrued) },
    { label: t("bank.move.redeemed"), values: periods.map((period) => period.redeemed) },
    { label: t("bank.move.expired"), values: periods.map((period) => period.expired) },
  ], t("bank.month"));
}

const FIGURES = ["pointsOutstanding", "pointsHeld", "membersWithPoints", "pointsExpiredToDate"];
const POINT_FIGURES = new Set(["pointsOutstanding", "pointsHeld", "pointsExpiredToDate"]);
const MOVES = ["accrued", "accrualReversed", "redeemed", "refunded", "expired", "adjustedIn", "adjustedOut"];

function liabilityCsv(report) {
  const lines = [csvLine(["figure", "value"]), ...FIGURES.map((name) => csvLine([name, report[name]])),
    ...report.expiring.map((item) => csvLine([`expiring_within_${item.withinDays}_days`, item.points])),
    csvLine(["period_start", report.period.start]), csvLine(["period_end", report.period.end]),
    ...MOVES.map((name) => csvLine([`period_${name}`, report.period[name]]))];
  return `${lines.join("\r\n")}\r\n`;
}

async function liabilityPage({ query }) {
  const issuer = staff.role === ROLES.BANK ? staff.code : query.issuer || "BANKA";
  const toInstant = (day) => (day ? new Date(`${day}T00:00:00Z`).toISOString() : null);
  const report = (await graphql(LIABILITY, { issuer, start: toInstant(query.from), end: toInstant(query.to) }))
    .issuerLiability;
  const period = h("form", { class: "list-controls" },
    field(t("bank.from"), { name: "from", type: "date", value: query.from || "" }),
    field(t("bank.to"), { name: "to", type: "date", value: query.to || "" }),
    h("button", { type: "submit", class: "button" }, t("list.apply")));
  period.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(link("/liability", Object.fromEntries(new FormData(period))));
  });
  const where = { channel: report.channel, issuer, unit: report.currency };
  const points = (amount) => formatPoints(amount, where);
  return page(t("nav.liability"),
    h("p", {}, t("bank.asOf", { issuer, date: formatDateTime(report.asOf), unit: unitName(where) })), period,
    facts([...FIGURES.map((name) => [t(`bank.figure.${name}`), POINT_FIGURES.has(name) ? points(report[name])
      : formatNumber(report[name])]),
    ...report.expiring.map((item) => [t("bank.expiringWithin", { days: item.withinDays }), points(item.points)])]),
    h("h2", {}, t("bank.period", { start: formatDate(report.period.start), end: formatDate(report.period.end) })),
    facts(MOVES.map((name) => [t(`bank.move.${name}`), points(report.period[name])])),
    h("p", {}, h("button", { type: "button", class: "button", onclick: () =>
      downloadText(`liability-${issuer}.csv`, liabilityCsv(report)) }, t("bank.exportCsv"))),
    h("h2", {}, t("bank.byMonth")), await monthlyMovements(issuer));
}

function importResult(result) {
  const counts = result.counts.map((count) => t("bank.outcome", { outcome: t(`bank.outcome.${count.outcome}`),
    rows: formatNumber(count.rows) })).join(" · ");
  const errorsLink = result.errorFileBase64 ? h("button", { type: "button", class: "button button-secondary",
    onclick: () => downloadBytes(result.errorFileName, result.errorFileBase64) }, t("bank.downloadErrors")) : null;
  return h("div", { class: "panel import-result" },
    notice(t("bank.imported", { rows: formatNumber(result.rows), refused: formatNumber(result.refused) }),
      result.refused ? "info" : "success"),
    h("p", {}, counts), errorsLink);
}

/** The error file exactly as the server wrote it (rows that were not UTF-8 keep their original bytes). */
function downloadBytes(filename, base64) {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: "text/csv" }));
  const anchor = h("a", { href: url, download: filename, hidden: true }, filename);
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function importsPage() {
  const form = actionForm({
    fields: [
      field(t("bank.fileKind"), { tag: "select", name: "kind", options: ["POINTS", "MEMBERS"].map((kind) =>
        h("option", { value: kind }, t(`bank.fileKind.${kind}`))) }),
      field(t("bank.file"), { name: "file", type: "file", required: true, accept: ".csv,.jsonl,.ndjson,text/csv" },
        t("bank.fileHint")),
    ],
    submitLabel: t("bank.import"),
    action: async (values) => {
      const file = values.get("file");
      if (!file || !file.size) return { errors: [{ field: "file", code: "REQUIRED" }] };
      const data = await graphqlUpload(IMPORT, { input: { kind: values.get("kind") } }, "input.file", file);
      const result = data.bankFileImport;
      return { errors: result.errors, result };
    },
    success: importResult,
  });
  return page(t("nav.imports"), h("p", {}, t("bank.importIntro")), form);
}

const PROGRAMME = `query Programme($code: String!) { issuer(code: $code) { code name pointsUnit cashValuePerPoint
  cashCurrency expiryRule expiryCount reminderDays timeZone ssoEnabled pointsUnitNames { languageCode name }
  pointsUnitNamesSingular { languageCode name } } }`;
const SETTINGS = `mutation Settings($issuer: String!, $input: IssuerSettingsInput!) {
  issuerSettingsUpdate(issuer: $issuer, input: $input) { ${ERRORS} } }`;
const EXPIRY_RULES = ["NEVER", "FIXED_DAYS", "END_OF_MONTH", "END_OF_YEAR"];
// The languages of the member mall, whose members read the unit's name beside every price.
const UNIT_LANGUAGES = ["EN", "ZH_HANS"];
// The languages with a word for exactly one point ("1 point"); Chinese has none.
const SINGULAR_LANGUAGES = ["EN"];

function unitNamesOf(issuer, list = issuer.pointsUnitNames) {
  return Object.fromEntries(list.map((item) => [item.languageCode, item.name]));
}

/** The names typed in; a language left empty is sent only when it had a name (the API then says it is blank). */
function unitNamesInput(values, current, languages = UNIT_LANGUAGES, prefix = "unitName") {
  return languages.filter((code) => values.get(`${prefix}${code}`).trim() || current[code])
    .map((code) => ({ languageCode: code, name: values.get(`${prefix}${code}`) }));
}

function settingsForm(issuer) {
  const names = unitNamesOf(issuer);
  const singularNames = unitNamesOf(issuer, issuer.pointsUnitNamesSingular);
  return actionForm({
    fields: [
      field(t("programme.expiryRule"), { tag: "select", name: "expiryRule", options: EXPIRY_RULES.map((rule) =>
        h("option", { value: rule, selected: rule === issuer.expiryRule }, t(`programme.rule.${rule}`))) }),
      field(t("programme.expiryCount"), { name: "expiryCount", type: "number", min: 0, step: 1, inputmode: "numeric",
        value: issuer.expiryCount }, t("programme.expiryCountHint")),
      field(t("programme.reminderDays"), { name: "reminderDays", type: "number", min: 0, step: 1, inputmode: "numeric",
        value: issuer.reminderDays }, t("programme.reminderHint")),
      ...UNIT_LANGUAGES.map((code) => field(t(`programme.unitName.${code}`), { name: `unitName${code}`,
        maxlength: 32, value: names[code] || "", placeholder: code === "EN" ? issuer.pointsUnit : "积分" },
      t("programme.unitNameHint"))),
      ...SINGULAR_LANGUAGES.map((code) => field(t(`programme.unitNameSingular.${code}`), {
        name: `unitNameSingular${code}`, maxlength: 32, value: singularNames[code] || "", placeholder: "point" },
      t("programme.unitNameSingularHint"))),
    ],
    submitLabel: t("programme.save"),
    action: async (values) => {
      const input = { expiryRule: values.get("expiryRule"), expiryCount: Number(values.get("expiryCount")),
        reminderDays: Number(values.get("reminderDays")), pointsUnitNames: unitNamesInput(values, names),
        pointsUnitNamesSingular: unitNamesInput(values, singularNames, SINGULAR_LANGUAGES, "unitNameSingular") };
      return { errors: (await graphql(SETTINGS, { issuer: issuer.code, input })).issuerSettingsUpdate.errors };
    },
    success: () => notice(t("common.saved"), "success"),
  });
}

async function programmePage() {
  const issuer = (await graphql(PROGRAMME, { code: staff.code })).issuer;
  return page(t("nav.programme"), h("p", {}, t("programme.intro")),
    facts([[t("partners.name"), issuer.name], [t("issuers.unit"), `${issuer.pointsUnit} · ${unitName({
      issuer: issuer.code, unit: issuer.pointsUnit })}`],
      [t("issuers.value"), `${issuer.cashValuePerPoint} ${issuer.cashCurrency}`], [t("programme.timeZone"), issuer.timeZone],
      [t("issuers.sso"), issuer.ssoEnabled ? t("common.yes") : t("common.no")]]),
    h("section", { class: "panel" }, h("h2", {}, t("programme.rules")),
      can("MANAGE_POINTS") ? settingsForm(issuer) : facts([
        [t("programme.expiryRule"), t(`programme.rule.${issuer.expiryRule}`)],
        [t("programme.expiryCount"), formatNumber(issuer.expiryCount)],
        [t("programme.reminderDays"), formatNumber(issuer.reminderDays)],
        ...UNIT_LANGUAGES.map((code) => [t(`programme.unitName.${code}`), unitNamesOf(issuer)[code] || "—"])])));
}

const BANK = [ROLES.BANK];
export const bankPages = [
  [/^\/members\/?$/, membersPage, BANK, "nav.members", "/members"],
  [/^\/credit\/?$/, creditPage, BANK, "nav.credit", "/credit"],
  [/^\/imports\/?$/, importsPage, BANK, "nav.imports", "/imports"],
  [/^\/liability\/?$/, liabilityPage, [ROLES.BANK, ROLES.OPERATOR], "nav.liability", "/liability"],
  [/^\/programme\/?$/, programmePage, BANK, "nav.programme", "/programme"],
];
