// A partner's contract terms, read-only for the partner (the operator changes them, on its partner page), and
// its staff: who works in the partner's console, inviting a colleague (a staff account scoped to the
// partner, with the partner role's permissions, who sets a password from the e-mailed link) and switching one
// off. The API keeps scoped managers inside their own partner and their own permissions; this page only asks.

import { field, h, replace } from "/static/mall/dom.js";
import { graphql } from "../api.js";
import { formatDate, t } from "../i18n.js";
import { can, ROLES, staff } from "../session.js";
import { actionForm, errorBox, errorMessages, facts, failureMessage, notice, page, statusBadge, table } from "../ui.js";
import { TERMS_HISTORY_FIELDS, termsHistoryTable } from "./terms.js";

const CONTRACT = `query Contract { partners { code name status serviceFeePercent termsEffectiveFrom settlementCurrency
  created ${TERMS_HISTORY_FIELDS} } }`;
const ERRORS = "errors { field code message }";
// `partner` narrows the operator's view to one partner; a partner's own staff see only their own anyway.
const STAFF = `query PartnerStaff($partner: String) { staffUsers(first: 100, filter: {partner: $partner},
  sortBy: {field: EMAIL, direction: ASC}) { edges { node { id email firstName lastName isActive } } } }`;
const INVITE = `mutation Invite($input: StaffCreateInput!) { staffCreate(input: $input) { user { id email } ${ERRORS} } }`;
const SWITCH_OFF = `mutation SwitchOff($id: ID!) { staffUpdate(id: $id, input: {isActive: false}) {
  user { id isActive } ${ERRORS} } }`;
// The partner role's permissions (mall/accounts/permissions.py ROLE_DEFAULT_PERMISSIONS["partner"]): a colleague
// ships, lists gifts and reads statements; managing staff stays with whoever holds it already.
const PARTNER_PERMISSIONS = ["MANAGE_PRODUCTS", "MANAGE_ORDERS", "MANAGE_SETTLEMENTS"];

function fullName(user) {
  return [user.firstName, user.lastName].filter(Boolean).join(" ");
}

function switchOffButton(user, onDone, status) {
  if (!user.isActive || user.email === staff.user.email) return "";
  return h("button", { type: "button", class: "button button-danger", onclick: async (event) => {
    event.target.disabled = true;
    try {
      const result = (await graphql(SWITCH_OFF, { id: user.id })).staffUpdate;
      replace(status, result.errors.length ? errorBox(errorMessages(result.errors))
        : notice(t("staff.switchedOff", { email: user.email }), "success"));
      if (!result.errors.length) await onDone();
    } catch (error) {
      replace(status, errorBox(failureMessage(error)));
    } finally {
      event.target.disabled = false;
    }
  } }, t("staff.switchOff", { email: user.email }));
}

/** The partner's staff with a switch-off button each, drawn into `holder` (again after each change). */
export async function drawList(holder, status, partner) {
  try {
    const users = (await graphql(STAFF, { partner })).staffUsers.edges.map((edge) => edge.node);
    const reload = () => drawList(holder, status, partner);
    replace(holder, table(t("staff.list"), [
      { label: t("staff.email"), cell: (user) => user.email },
      { label: t("staff.name"), cell: fullName },
      { label: t("partners.status"), cell: (user) => statusBadge(user.isActive ? "active" : "inactive") },
      { label: t("staff.actions"), cell: (user) => switchOffButton(user, reload, status) },
    ], users));
  } catch (error) {
    replace(holder, errorBox(failureMessage(error)));
  }
}

/** Invites a colleague into `partner`'s console, with the partner role's permissions. */
export function inviteForm(onInvited, partner) {
  return actionForm({
    fields: [
      field(t("staff.email"), { name: "email", type: "email", required: true, autocomplete: "off" }),
      field(t("staff.firstName"), { name: "firstName", autocomplete: "off" }),
      field(t("staff.lastName"), { name: "lastName", autocomplete: "off" }),
    ],
    submitLabel: t("staff.invite"),
    action: async (values) => {
      const input = { email: values.get("email").trim(), firstName: values.get("firstName").trim(),
        lastName: values.get("lastName").trim(), permissions: PARTNER_PERMISSIONS,
        scope: { kind: "partner", code: partner }, redirectUrl: `${window.location.origin}/reset-password` };
      const result = (await graphql(INVITE, { input })).staffCreate;
      return { errors: result.errors, result };
    },
    success: (result) => {
      onInvited();
      return notice(t("staff.invited", { email: result.user.email }), "success");
    },
  });
}

async function staffPage() {
  // Partner staff without MANAGE_STAFF reach the path by hand only: nothing is asked of the API for them.
  if (!can("MANAGE_STAFF")) return page(t("nav.staff"), errorBox(t("error.permissionDenied")));
  const status = h("div", { class: "staff-status", "aria-live": "polite" });
  const holder = h("div", { class: "staff-list" });
  await drawList(holder, status, staff.code);
  return page(t("nav.staff"), h("p", {}, t("staff.intro")), status, holder,
    h("h2", {}, t("staff.inviteTitle")), inviteForm(() => drawList(holder, status, staff.code), staff.code));
}

/** The partner's own terms, the month they took effect and every change (who, when, why): `partners` answers
 * a partner's staff with their own partner only. */
async function contractPage() {
  const [partner] = (await graphql(CONTRACT)).partners;
  if (!partner) return page(t("nav.contract"), errorBox(t("error.notFound")));
  return page(t("nav.contract"), h("p", {}, t("contract.intro")), facts([
    [t("partners.code"), partner.code],
    [t("partners.name"), partner.name],
    [t("partners.status"), statusBadge(partner.status)],
    [t("partners.fee"), `${partner.serviceFeePercent} %`],
    [t("contract.feeSince"), partner.termsEffectiveFrom],
    [t("contract.currency"), partner.settlementCurrency],
    [t("contract.since"), formatDate(partner.created)],
  ]), h("h2", {}, t("terms.history")), partner.termsHistory.length
    ? termsHistoryTable(partner.termsHistory) : h("p", {}, t("contract.noChanges")));
}

// [path, handler, roles, menu label, menu path, permission the menu entry needs]
export const staffPages = [
  [/^\/contract\/?$/, contractPage, [ROLES.PARTNER], "nav.contract", "/contract"],
  [/^\/staff\/?$/, staffPage, [ROLES.PARTNER], "nav.staff", "/staff", "MANAGE_STAFF"],
];
