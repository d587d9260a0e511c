// A partner's changes of contract terms as a table (newest recorded first): the operator's partner page and the
// partner's own contract page show the same history.

import { formatDateTime, t } from "../i18n.js";
import { table } from "../ui.js";

export const TERMS_HISTORY_FIELDS = "termsHistory { effectiveFrom serviceFeePercent note changedBy changedAt }";

export function termsHistoryTable(rows) {
  return table(t("terms.history"), [
    { label: t("terms.effectiveFrom"), cell: (row) => row.effectiveFrom },
    { label: t("partners.fee"), cell: (row) => `${row.serviceFeePercent} %` },
    { label: t("terms.note"), cell: (row) => row.note },
    { label: t("common.by"), cell: (row) => row.changedBy },
    { label: t("common.date"), cell: (row) => formatDateTime(row.changedAt) },
  ], rows);
}
