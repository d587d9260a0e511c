// The operator's page of one partner: its contract terms (a new service fee from a month on, with the history
// of who changed what and when) and its staff (list, invite, switch off). Everything goes through the API:
// `partnerTermsUpdate`, `staffUsers(filter: {partner})`, `staffCreate` in the partner's scope, `staffUpdate`.

import { field, h, replace } from "/static/mall/dom.js";
import { graphql } from "../api.js";
import { t } from "../i18n.js";
import { link } from "../router.js";
import { ROLES } from "../session.js";
import { actionForm, facts, notice, page, statusBadge } from "../ui.js";
import { drawList, inviteForm } from "./staff.js";
import { TERMS_HISTORY_FIELDS, termsHistoryTable } from "./terms.js";

const PARTNER = `query Partner { partners { code name status serviceFeePercent settlementCurrency
  ${TERMS_HISTORY_FIELDS} } }`;
const TERMS = `mutation Terms($code: String!, $input: PartnerTermsInput!) { partnerTermsUpdate(code: $code, input: $input) {
  termsChange { effectiveFrom serviceFeePercent } errors { field code message } } }`;

async function drawTerms(holder, code) {
  const partner = (await graphql(PARTNER)).partners.find((row) => row.code === code);
  replace(holder, facts([
    [t("partners.name"), partner.name], [t("partners.status"), statusBadge(partner.status)],
    [t("terms.feeNow"), `${partner.serviceFeePercent} %`], [t("contract.currency"), partner.settlementCurrency],
  ]), h("h3", {}, t("terms.history")), termsHistoryTable(partner.termsHistory));
}

function termsForm(code, onChanged) {
  return actionForm({
    fields: [
      field(t("partners.fee"), { name: "fee", type: "number", min: 0, max: 50, step: 0.01, required: true,
        inputmode: "decimal" }, t("terms.feeHint")),
      field(t("terms.effectiveFrom"), { name: "effectiveFrom", type: "month" }, t("terms.effectiveHint")),
      field(t("terms.note"), { name: "note", maxlength: 500 }),
    ],
    submitLabel: t("terms.save"),
    action: async (values) => {
      const input = { serviceFeePercent: Number(values.get("fee")), effectiveFrom: values.get("effectiveFrom") || null,
        note: values.get("note") || null };
      const result = (await graphql(TERMS, { code, input })).partnerTermsUpdate;
      return { errors: result.errors, result };
    },
    success: (result) => {
      onChanged();
      return notice(t("terms.saved", { fee: result.termsChange.serviceFeePercent,
        month: result.termsChange.effectiveFrom }), "success");
    },
  });
}

async function partnerPage({ params }) {
  const code = params.code;
  if (!(await graphql(PARTNER)).partners.some((row) => row.code === code)) {
    return page(t("error.notFound"), h("p", {}, h("a", { href: link("/partners") }, t("nav.partners"))));
  }
  const terms = h("div", { class: "terms" });
  await drawTerms(terms, code);
  const status = h("div", { class: "staff-status", "aria-live": "polite" });
  const staffList = h("div", { class: "staff-list" });
  await drawList(staffList, status, code);
  return page(t("terms.title", { code }),
    h("section", { class: "panel" }, h("h2", {}, t("nav.contract")), terms,
      h("h3", {}, t("terms.change")), termsForm(code, () => drawTerms(terms, code))),
    h("section", {}, h("h2", {}, t("nav.staff")), status, staffList,
      h("h3", {}, t("staff.inviteTitle")), inviteForm(() => drawList(staffList, status, code), code)));
}

export const partnerAdminPages = [
  [/^\/partners\/(?<code>[A-Z0-9_-]+)\/?$/, partnerPage, [ROLES.OPERATOR], null],
];
