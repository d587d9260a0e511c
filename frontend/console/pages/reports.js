// Reports with charts: a partner's performance (its own staff, or the operator for any partner) and the
// programme's health across banks (the operator). Figures come from `partnerPerformance` and `programmeHealth`;
// every chart shows its numbers in a table too, and the health page exports them as CSV.

import { field, h } from "/static/mall/dom.js";
import { graphql } from "../api.js";
import { barChart, lineChart } from "../charts.js";
import { formatDate, formatDateTime, formatNumber, t } from "../i18n.js";
import { link, navigate } from "../router.js";
import { ROLES, staff } from "../session.js";
import { formatPoints, unitName } from "../units.js";
import { csvLine, downloadText, errorBox, facts, page, table } from "../ui.js";

const CHART_MONTHS = 6;
const PERFORMANCE = `query Performance($partner: String, $months: Int) {
  partnerPerformance(partner: $partner, months: $months) {
    partnerCode months { month shipments shippedOnTime handedOver deliveredOnTime unitsDelivered unitsReturned
      pointsRedeemed shippedOnTimePercent returnRatePercent }
  }
}`;
const PARTNER_CODES = "query PartnerCodes { partners { code name } }";
const HEALTH = `query Health($start: DateTime, $end: DateTime, $months: Int) {
  programmeHealth(periodStart: $start, periodEnd: $end, months: $months) {
    asOf periodStart periodEnd
    programmes { issuerCode issuerName channel pointsUnit membersWithPoints pointsOutstanding accrued redeemed expired
      breakageToDate redemptionRatePercent breakageRatePercent months { month accrued redeemed expired } }
    redeemedByPartner { channel name points }
    redeemedByCategory { channel name points }
  }
}`;

function percent(value) {
  return value == null ? "—" : `${formatNumber(value)} %`;
}

function sum(rows, name) {
  return rows.reduce((total, row) => total + row[name], 0);
}

/** The operator chooses whose figures to read; a partner's staff read their own and see no chooser. */
async function partnerChooser(current) {
  const partners = (await graphql(PARTNER_CODES)).partners;
  const form = h("form", { class: "list-controls" },
    field(t("performance.partner"), { tag: "select", name: "partner", options: partners.map((partner) =>
      h("option", { value: partner.code, selected: partner.code === current }, `${partner.code} · ${partner.name}`)) }),
    h("button", { type: "submit", class: "button" }, t("list.apply")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(link("/performance", Object.fromEntries(new FormData(form))));
  });
  return { form, first: (partners[0] || {}).code };
}

function performanceSummary(months) {
  const shipments = sum(months, "shipments");
  const delivered = sum(months, "unitsDelivered");
  const share = (part, whole) => (whole ? Math.round((1000 * part) / whole) / 10 : null);
  return facts([
    [t("performance.shipments"), formatNumber(shipments)],
    [t("performance.shippedOnTime"), percent(share(sum(months, "shippedOnTime"), shipments))],
    [t("performance.deliveredOnTime"), percent(share(sum(months, "deliveredOnTime"), sum(months, "handedOver")))],
    [t("performance.returnRate"), percent(share(sum(months, "unitsReturned"), delivered))],
    [t("performance.pointsRedeemed"), formatNumber(sum(months, "pointsRedeemed"))],
  ]);
}

async function performancePage({ query }) {
  let partner = staff.role === ROLES.PARTNER ? null : query.partner;
  let chooser = null;
  if (staff.role === ROLES.OPERATOR) {
    const found = await partnerChooser(partner);
    chooser = found.form;
    partner = partner || found.first;
    if (!partner) return page(t("nav.performance"), chooser, h("p", { class: "empty" }, t("list.empty")));
  }
  const report = (await graphql(PERFORMANCE, { partner, months: CHART_MONTHS })).partnerPerformance;
  const months = report.months;
  const labels = months.map((row) => row.month);
  return page(t("nav.performance"), chooser,
    h("p", {}, t("performance.intro", { partner: report.partnerCode, months: CHART_MONTHS })),
    performanceSummary(months),
    h("h2", {}, t("performance.serviceTitle")),
    lineChart(t("performance.serviceCaption"), labels, [
      { label: t("performance.shippedOnTime"), values: months.map((row) => row.shippedOnTimePercent) },
      { label: t("performance.returnRate"), values: months.map((row) => row.returnRatePercent) },
    ], t("bank.month"), percent),
    h("h2", {}, t("performance.pointsTitle")),
    barChart(t("performance.pointsCaption"), labels,
      { label: t("performance.pointsRedeemed"), values: months.map((row) => row.pointsRedeemed) }, t("bank.month")),
    h("p", { class: "hint" }, t("performance.definitions")));
}

function shareLabel(name, emptyKey) {
  return name || t(emptyKey);
}

function programmeSection(row, report) {
  const byPartner = report.redeemedByPartner.filter((share) => share.channel === row.channel);
  const byCategory = report.redeemedByCategory.filter((share) => share.channel === row.channel);
  const labels = row.months.map((month) => month.month);
  return h("section", { class: "panel programme" }, h("h2", {}, `${row.issuerName} (${row.issuerCode})`),
    h("p", {}, t("health.unit", { unit: unitName({ channel: row.channel, unit: row.pointsUnit }) })),
    lineChart(t("health.monthsCaption", { bank: row.issuerCode, months: labels.length }), labels, [
      { label: t("bank.move.accrued"), values: row.months.map((month) => month.accrued) },
      { label: t("bank.move.redeemed"), values: row.months.map((month) => month.redeemed) },
      { label: t("bank.move.expired"), values: row.months.map((month) => month.expired) },
    ], t("bank.month")),
    byPartner.length ? barChart(t("health.partnerCaption", { bank: row.issuerCode }),
      byPartner.map((share) => shareLabel(share.name, "health.operatorOwn")),
      { label: t("bank.move.redeemed"), values: byPartner.map((share) => share.points) }, t("health.partner"))
      : h("p", { class: "empty" }, t("health.noRedemptions")),
    byCategory.length ? barChart(t("health.categoryCaption", { bank: row.issuerCode }),
      byCategory.map((share) => shareLabel(share.name, "health.noCategory")),
      { label: t("bank.move.redeemed"), values: byCategory.map((share) => share.points) }, t("health.category"))
      : null);
}

const HEALTH_FIGURES = ["membersWithPoints", "pointsOutstanding", "accrued", "redeemed", "redemptionRatePercent", "expired",
  "breakageRatePercent", "breakageToDate"];

/** A figure of one bank's row: percentages, a count of members, or points in that bank's own unit. */
function healthCell(row, name) {
  if (name.endsWith("Percent")) return percent(row[name]);
  if (name === "membersWithPoints") return formatNumber(row[name]);
  return formatPoints(row[name], { channel: row.channel, unit: row.pointsUnit });
}

function healthCsv(report) {
  const lines = [csvLine(["period_start", report.periodStart]), csvLine(["period_end", report.periodEnd]),
    csvLine(["bank", "channel", "points_unit", ...HEALTH_FIGURES.map((name) => name.replace(/[A-Z]/g,
      (letter) => `_${letter.toLowerCase()}`))]),
    ...report.programmes.map((row) => csvLine([row.issuerCode, row.channel, row.pointsUnit,
      ...HEALTH_FIGURES.map((name) => row[name] ?? "")])),
    csvLine(["channel", "redeemed_by", "name", "points"]),
    ...report.redeemedByPartner.map((share) => csvLine([share.channel, "partner", share.name, share.points])),
    ...report.redeemedByCategory.map((share) => csvLine([share.channel, "category", share.name, share.points]))];
  return `${lines.join("\r\n")}\r\n`;
}

function periodForm(query) {
  const form = h("form", { class: "list-controls" },
    field(t("bank.from"), { name: "from", type: "date", value: query.from || "" }),
    field(t("bank.to"), { name: "to", type: "date", value: query.to || "" }),
    h("button", { type: "submit", class: "button" }, t("list.apply")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(link("/health", Object.fromEntries(new FormData(form))));
  });
  return form;
}

async function healthPage({ query }) {
  const toInstant = (day) => (day ? new Date(`${day}T00:00:00Z`).toISOString() : null);
  const report = (await graphql(HEALTH, { start: toInstant(query.from), end: toInstant(query.to),
    months: CHART_MONTHS })).programmeHealth;
  if (!report.programmes.length) return page(t("nav.health"), periodForm(query), errorBox(t("health.none")));
  return page(t("nav.health"),
    h("p", {}, t("health.intro", { date: formatDateTime(report.asOf) })), periodForm(query),
    h("p", {}, t("bank.period", { start: formatDate(report.periodStart), end: formatDate(report.periodEnd) })),
    table(t("nav.health"), [
      { label: t("audit.issuer"), cell: (row) => `${row.issuerName} (${row.issuerCode})` },
      { label: t("issuers.unit"), cell: (row) => unitName({ channel: row.channel, unit: row.pointsUnit }) },
      ...HEALTH_FIGURES.map((name) => ({ label: t(`health.figure.${name}`), cell: (row) => healthCell(row, name) })),
    ], report.programmes),
    h("p", {}, h("button", { type: "button", class: "button", onclick: () =>
      downloadText("programme-health.csv", healthCsv(report)) }, t("bank.exportCsv"))),
    h("p", { class: "hint" }, t("health.definitions")),
    report.programmes.map((row) => programmeSection(row, report)));
}

export const reportPages = [
  [/^\/performance\/?$/, performancePage, [ROLES.PARTNER, ROLES.OPERATOR], "nav.performance", "/performance"],
  [/^\/health\/?$/, healthPage, [ROLES.OPERATOR], "nav.health", "/health"],
];
