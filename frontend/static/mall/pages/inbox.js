// The inbox: what the mall told the member (orders, points, tiers, codes), newest first, unread ones marked.
// Opening a message marks it read and follows its link; "mark all read" clears the bell's count.

import { graphql } from "../api.js";
import { errorBox, notice } from "../components.js";
import { announce, h, replace } from "../dom.js";
import { formatDateTime, t } from "../i18n.js";
import { setUnread } from "../member.js";
import { INBOX, MARK_READ } from "../operations.js";
import { navigate } from "../router.js";

const PAGE_SIZE = 50;

async function markRead(ids) {
  const result = (await graphql(MARK_READ, { ids })).notificationsMarkRead;
  if (!result.errors.length) setUnread(result.unreadNotifications);
  return result.errors;
}

function message(node, redraw) {
  const unread = !node.readAt;
  const open = async () => {
    if (unread) await markRead([node.id]);
    if (node.link) navigate(node.link);
    else redraw();
  };
  return h("li", { class: unread ? "inbox-item unread" : "inbox-item" },
    h("button", { type: "button", class: "inbox-open", onclick: open, "aria-label": unread
      ? t("inbox.unreadLabel", { title: node.title }) : node.title },
    h("span", { class: "inbox-title" }, node.title),
    h("time", { class: "muted", datetime: node.created }, formatDateTime(node.created))),
    h("p", { class: "inbox-body" }, node.body));
}

async function drawInbox(container) {
  const data = await graphql(INBOX, { first: PAGE_SIZE });
  const me = data.me;
  setUnread(me.unreadNotifications);
  const nodes = me.inbox.edges.map((edge) => edge.node);
  const redraw = () => drawInbox(container);
  const markAll = h("button", { type: "button", class: "button", disabled: !me.unreadNotifications,
    onclick: async () => {
      const errors = await markRead(null);
      if (errors.length) {
        replace(container, errorBox(errors.map((error) => error.message)));
        return;
      }
      announce(t("inbox.allRead"));
      redraw();
    } }, t("inbox.markAll"));
  replace(container,
    h("p", { class: "inbox-summary" }, t("inbox.unread", { count: me.unreadNotifications }), " ", markAll),
    nodes.length ? h("ul", { class: "inbox-list" }, nodes.map((node) => message(node, redraw)))
      : notice(t("inbox.empty")));
}

export async function inboxPage() {
  const container = h("div", { class: "inbox" });
  await drawInbox(container);
  return { title: t("inbox.title"), content: [h("h1", {}, t("inbox.title")), container] };
}
