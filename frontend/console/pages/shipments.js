// Late shipments (partners: their own; the operator: all partners'), against each carrier's service level.

import { h } from "/static/mall/dom.js";
import { graphql } from "../api.js";
import { formatDateTime, t } from "../i18n.js";
import { listView, localPage } from "../list.js";
import { link } from "../router.js";
import { ROLES, staff } from "../session.js";
import { badge, page } from "../ui.js";

const LATE = `query Late { lateShipments { lateFor dueAt fulfillment { id trackingNumber created
  carrier { code name } warehouse { name partnerCode } } } }`;

export async function lateShipmentsPage({ query, path }) {
  const options = {
    text: (row) => `${row.fulfillment.trackingNumber} ${(row.fulfillment.carrier || {}).name || ""} ${
      (row.fulfillment.warehouse || {}).partnerCode || ""}`,
    filters: [{ name: "late", label: t("late.lateFor"), options: [{ value: "", label: t("list.all") },
      { value: "HANDOVER", label: t("late.HANDOVER") }, { value: "DELIVERY", label: t("late.DELIVERY") }],
    test: (row, value) => row.lateFor === value }],
    sorts: [{ value: "due", label: t("late.dueAt"), key: (row) => row.dueAt }],
  };
  const list = await listView(path, query, {
    caption: t("nav.late"), searchable: true, ...options,
    load: async (state) => localPage((await graphql(LATE)).lateShipments, state, options),
    columns: [
      { label: t("late.shipment"), cell: (row) => row.fulfillment.trackingNumber || t("late.noTracking") },
      staff.role === ROLES.OPERATOR ? { label: t("late.partner"),
        cell: (row) => (row.fulfillment.warehouse || {}).partnerCode || "" } : null,
      { label: t("late.carrier"), cell: (row) => (row.fulfillment.carrier || {}).name || "" },
      { label: t("late.lateFor"), cell: (row) => badge(t(`late.${row.lateFor}`), "bad") },
      { label: t("late.dueAt"), cell: (row) => formatDateTime(row.dueAt) },
      { label: t("late.shippedAt"), cell: (row) => formatDateTime(row.fulfillment.created) },
    ].filter(Boolean),
  });
  return page(t("nav.late"), h("p", {}, t("late.intro")), list,
    staff.role === ROLES.PARTNER ? h("p", {}, h("a", { href: link("/orders") }, t("nav.orders"))) : null);
}
