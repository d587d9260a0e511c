// Settlement statements, for every role: the counterparty's staff read, download, confirm or dispute
// theirs; the operator reads all and marks them paid. The API decides who sees which.

import { field, h } from "/static/mall/dom.js";
import { graphql } from "../api.js";
import { formatDateTime, formatMoney, formatNumber, t } from "../i18n.js";
import { fromConnection, listView, pageArgs } from "../list.js";
import { link, render } from "../router.js";
import { ROLES, staff } from "../session.js";
import { formatPoints } from "../units.js";
import { actionForm, facts, notice, page, statusBadge, table } from "../ui.js";

const STATEMENTS = `query Statements($first: Int, $last: Int, $after: String, $before: String,
  $filter: SettlementStatementFilterInput) {
  settlementStatements(first: $first, last: $last, after: $after, before: $before, filter: $filter) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { node { id kind counterpartyCode period status pointsNet amountDue { amount currency } } }
  }
}`;
const STATEMENT = `query Statement($id: ID!) {
  settlementStatement(id: $id) {
    id kind counterpartyCode period timeZone status pointsCaptured pointsRefunded pointsNet issuedAt paymentReference
    grossAmount { amount currency } returnsAmount { amount currency } feeAmount { amount currency }
    amountDue { amount currency }
    files { kind key sha256 sizeBytes url }
    events { fromStatus toStatus actor note date }
    lines(first: 50) { totalCount edges { node { kind reference orderNumber productSku quantity pointsCaptured
      pointsRefunded amount { amount currency } } } }
  }
}`;
const CONFIRM = `mutation Confirm($id: ID!) { settlementStatementConfirm(id: $id) {
  statement { status } errors { field code message } } }`;
const DISPUTE = `mutation Dispute($id: ID!, $reason: String!) { settlementStatementDispute(id: $id, reason: $reason) {
  statement { status } errors { field code message } } }`;
const MARK_PAID = `mutation MarkPaid($id: ID!, $reference: String) {
  settlementStatementMarkPaid(id: $id, reference: $reference) { statement { status } errors { field code message } } }`;

const STATUSES = ["ISSUED", "CONFIRMED", "DISPUTED", "PAID"];

/** Points of a statement: a bank's are in that bank's unit; a partner's add up the points values of gifts
 * redeemed in every bank the partner sells in, so they have no single unit and stay a plain number. */
function statementPoints(statement, amount) {
  return statement.kind === "ISSUER" ? formatPoints(amount, { issuer: statement.counterpartyCode })
    : formatNumber(amount);
}

export async function statementsPage({ query, path }) {
  const filters = [
    { name: "status", label: t("statement.status"), options: [{ value: "", label: t("list.all") },
      ...STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))] },
  ];
  if (staff.role === ROLES.OPERATOR) {
    filters.push({ name: "kind", label: t("statement.kind"), options: [{ value: "", label: t("list.all") },
      { value: "PARTNER", label: t("statement.kindPARTNER") }, { value: "ISSUER", label: t("statement.kindISSUER") }] });
  }
  const list = await listView(path, query, {
    caption: t("nav.statements"), searchable: true,
    filters,
    load: async (state) => {
      const filter = {};
      // The API filters by exact period or counterparty: a search is whichever of the two it looks like.
      const search = state.search.trim();
      if (/^\d{4}-\d{2}$/.test(search)) filter.period = search;
      else if (search) filter.counterpartyCode = search.toUpperCase();
      if (state.filters.status) filter.status = state.filters.status;
      if (state.filters.kind) filter.kind = state.filters.kind;
      const data = await graphql(STATEMENTS, { ...pageArgs(state), filter });
      return fromConnection(data.settlementStatements);
    },
    columns: [
      { label: t("statement.period"), cell: (row) => h("a", { href: link(`/statements/${row.id}`) },
        `${row.period} · ${row.counterpartyCode}`) },
      { label: t("statement.kind"), cell: (row) => t(`statement.kind${row.kind}`) },
      { label: t("statement.status"), cell: (row) => statusBadge(row.status) },
      { label: t("statement.points"), cell: (row) => statementPoints(row, row.pointsNet) },
      { label: t("statement.amountDue"), cell: (row) => formatMoney(row.amountDue) },
    ],
  });
  return page(t("nav.statements"), list);
}

function counterpartyActions(statement, reload) {
  if (staff.role === ROLES.OPERATOR || !["ISSUED", "DISPUTED"].includes(statement.status)) return null;
  const confirm = actionForm({
    fields: [], submitLabel: t("statement.confirm"),
    action: async () => {
      const result = (await graphql(CONFIRM, { id: statement.id })).settlementStatementConfirm;
      return { errors: result.errors, result };
    },
    success: (result) => { reload(); return notice(t(`status.${result.statement.status}`), "success"); },
  });
  const dispute = statement.status === "ISSUED" ? actionForm({
    fields: [field(t("statement.disputeReason"), { tag: "textarea", name: "reason", required: true, rows: 2 })],
    submitLabel: t("statement.dispute"), danger: true,
    action: async (values) => {
      const result = (await graphql(DISPUTE, { id: statement.id, reason: values.get("reason") }))
        .settlementStatementDispute;
      return { errors: result.errors, result };
    },
    success: (result) => { reload(); return notice(t(`status.${result.statement.status}`), "success"); },
  }) : null;
  return h("section", { class: "panel" }, h("h2", {}, t("statement.decide")), confirm, dispute);
}

function operatorActions(statement, reload) {
  if (staff.role !== ROLES.OPERATOR || statement.status === "PAID") return null;
  return h("section", { class: "panel" }, h("h2", {}, t("statement.markPaid")), actionForm({
    fields: [field(t("statement.paymentReference"), { name: "reference" })],
    submitLabel: t("statement.markPaid"),
    action: async (values) => {
      const result = (await graphql(MARK_PAID, { id: statement.id, reference: values.get("reference") || null }))
        .settlementStatementMarkPaid;
      return { errors: result.errors, result };
    },
    success: (result) => { reload(); return notice(t(`status.${result.statement.status}`), "success"); },
  }));
}

export async function statementPage({ params }) {
  const statement = (await graphql(STATEMENT, { id: params.id })).settlementStatement;
  if (!statement) return page(t("error.notFound"));
  const reload = () => render();
  return page(t("statement.title", { period: statement.period, code: statement.counterpartyCode }),
    facts([
      [t("statement.status"), statusBadge(statement.status)],
      [t("statement.kind"), t(`statement.kind${statement.kind}`)],
      [t("statement.issuedAt"), formatDateTime(statement.issuedAt)],
      [t("statement.pointsCaptured"), statementPoints(statement, statement.pointsCaptured)],
      [t("statement.pointsRefunded"), statementPoints(statement, statement.pointsRefunded)],
      [t("statement.gross"), formatMoney(statement.grossAmount)],
      [t("statement.returns"), formatMoney(statement.returnsAmount)],
      [t("statement.fee"), formatMoney(statement.feeAmount)],
      [t("statement.amountDue"), formatMoney(statement.amountDue)],
      statement.paymentReference ? [t("statement.paymentReference"), statement.paymentReference] : null,
    ]),
    h("h2", {}, t("statement.files")),
    table(t("statement.files"), [
      { label: t("statement.file"), cell: (file) => file.url
        ? h("a", { href: file.url, download: file.key.split("/").pop() }, t("statement.download", { kind: file.kind }))
        : file.kind },
      { label: t("statement.size"), cell: (file) => formatNumber(file.sizeBytes) },
      { label: "SHA-256", cell: (file) => h("code", { class: "hash" }, file.sha256) },
    ], statement.files),
    counterpartyActions(statement, reload), operatorActions(statement, reload),
    h("h2", {}, t("statement.lines", { count: statement.lines.totalCount })),
    table(t("statement.lines", { count: statement.lines.totalCount }), [
      { label: t("statement.kind"), cell: (line) => line.kind },
      { label: t("statement.order"), cell: (line) => line.orderNumber || line.reference },
      { label: t("statement.sku"), cell: (line) => line.productSku || "" },
      { label: t("statement.quantity"), cell: (line) => formatNumber(line.quantity) },
      { label: t("statement.points"), cell: (line) => statementPoints(statement, line.pointsCaptured
        - line.pointsRefunded) },
      { label: t("statement.amount"), cell: (line) => formatMoney(line.amount) },
    ], statement.lines.edges.map((edge) => edge.node)),
    h("h2", {}, t("statement.history")),
    table(t("statement.history"), [
      { label: t("common.date"), cell: (event) => formatDateTime(event.date) },
      { label: t("statement.status"), cell: (event) => statusBadge(event.toStatus) },
      { label: t("common.by"), cell: (event) => event.actor },
      { label: t("common.note"), cell: (event) => event.note },
    ], statement.events));
}

const EVERY_ROLE = [ROLES.PARTNER, ROLES.BANK, ROLES.OPERATOR];
export const statementPages = [
  [/^\/statements\/?$/, statementsPage, EVERY_ROLE, "nav.statements", "/statements"],
  [/^\/statements\/(?<id>[^/]+)\/?$/, statementPage, EVERY_ROLE, null],
];
