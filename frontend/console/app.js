// The console: boot (language, session), the page table per role, the frame (header, navigation, main).
// Each page is reachable only by the roles listed with it; the API refuses the rest anyway.

import { field, h, replace } from "/static/mall/dom.js";
import { language, LANGUAGES, onLanguageChange, setLanguage, t } from "./i18n.js";
import { bankPages } from "./pages/bank.js";
import { codePages } from "./pages/codes.js";
import { operatorPages } from "./pages/operator.js";
import { partnerPages } from "./pages/partner.js";
import { partnerAdminPages } from "./pages/partner-admin.js";
import { reportPages } from "./pages/reports.js";
import { servicePages } from "./pages/service.js";
import { staffPages } from "./pages/staff.js";
import { statementPages } from "./pages/statements.js";
import { consolePath, link, navigate, render, route, startRouter } from "./router.js";
import { can, loadStaff, ROLES, signIn, signOut, staff } from "./session.js";
import { actionForm, errorBox, loading, page } from "./ui.js";

// [path pattern, handler, roles, navigation label key (or null: not in the menu), menu path, permission the menu
// entry needs (optional: a partner's staff page is shown only to whoever may manage staff)]
// Each role's own pages first: the menu lists them in this order.
const PAGES = [...operatorPages, ...partnerPages, ...codePages, ...bankPages, ...statementPages, ...servicePages,
  ...staffPages, ...reportPages, ...partnerAdminPages];
const HOME = { [ROLES.PARTNER]: "/orders", [ROLES.BANK]: "/members", [ROLES.OPERATOR]: "/reviews" };
let firstPage = true;

function signInPage(context) {
  if (staff.role) {
    navigate(link(HOME[staff.role]), { replace: true });
    return null;
  }
  const form = actionForm({
    fields: [
      field(t("signIn.email"), { name: "email", type: "email", autocomplete: "username", required: true }),
      field(t("signIn.password"), { name: "password", type: "password", autocomplete: "current-password",
        required: true }),
    ],
    submitLabel: t("signIn.submit"),
    action: async (values) => {
      const errors = await signIn(values.get("email"), values.get("password"));
      if (!errors.length && !staff.role) {
        signOut();
        return { errors: [{ code: "NOT_STAFF", message: t("error.NOT_STAFF") }] };
      }
      return { errors };
    },
    success: () => {
      const next = context.query.next;
      navigate(next && next.startsWith("/console/") ? next : link(HOME[staff.role]), { replace: true });
      return null;
    },
  });
  return page(t("signIn.title"), h("p", {}, t("signIn.intro")), form);
}

function notFoundPage() {
  return page(t("error.notFound"), h("p", {}, h("a", { href: link("/") }, t("nav.home"))));
}

/** A page of another role: nothing of it is loaded, the user is told plainly. */
function forbiddenPage() {
  return page(t("error.forbiddenTitle"), errorBox(t("error.forbidden")),
    h("p", {}, h("a", { href: link(HOME[staff.role]) }, t("nav.home"))));
}

function guarded(handler, roles) {
  return async (context) => {
    if (!staff.role) {
      navigate(link("/sign-in", { next: window.location.pathname + window.location.search }), { replace: true });
      return null;
    }
    if (!roles.includes(staff.role)) return forbiddenPage();
    return handler(context);
  };
}

function languageSwitch() {
  return h("div", { class: "language-switch", role: "group", "aria-label": t("nav.language") },
    LANGUAGES.map((item) => h("button", { type: "button", lang: item.code, class: "link-button",
      "aria-pressed": String(item.code === language()), onclick: () => setLanguage(item.code) }, item.label)));
}

function drawHeader() {
  const who = staff.role
    ? h("p", { class: "who" }, h("span", {}, staff.user.email), " · ",
      h("span", { class: "role" }, t(`role.${staff.role}`, { code: staff.code || "" })))
    : null;
  const out = staff.role ? h("button", { type: "button", class: "button button-secondary", onclick: () => {
    signOut();
    navigate(link("/sign-in"));
  } }, t("nav.signOut")) : null;
  replace(document.getElementById("console-header"),
    h("a", { class: "brand", href: link("/") }, t("brand")), who, h("div", { class: "header-tools" },
      languageSwitch(), out));
  const items = PAGES.filter(([, , roles, label, , permission]) => label && roles.includes(staff.role)
    && (!permission || can(permission)));
  const current = consolePath();
  replace(document.getElementById("console-nav"), staff.role ? h("ul", {}, items.map(([, , , label, path]) =>
    h("li", {}, h("a", { href: link(path), "aria-current": current.startsWith(path) ? "page" : null },
      t(label))))) : null);
  document.getElementById("skip-link").textContent = t("nav.skip");
}

async function drawPage(found, query, isCurrent) {
  const main = document.getElementById("main");
  drawHeader();
  replace(main, loading());
  let shown;
  try {
    shown = await found.handler({ params: found.params, query, isCurrent, path: consolePath() });
  } catch (error) {
    console.error(error);
    shown = page(t("error.title"), errorBox(t("error.unexpected")));
  }
  if (!isCurrent() || !shown) return;
  document.title = `${shown.title} · ${t("brand")}`;
  replace(main, shown.content);
  if (!firstPage) {
    const heading = main.querySelector("h1");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }
  firstPage = false;
  window.scrollTo(0, 0);
}

route(/^\/?$/, async () => {
  navigate(link(staff.role ? HOME[staff.role] : "/sign-in"), { replace: true });
  return null;
});
route(/^\/sign-in\/?$/, signInPage);
for (const [pattern, handler, roles] of PAGES) route(pattern, guarded(handler, roles));
route(/^\/__not_found__$/, notFoundPage);

async function boot() {
  document.documentElement.lang = language();
  await loadStaff().catch(() => signOut());
  onLanguageChange(() => render());
  await startRouter(drawPage);
  document.body.dataset.ready = "true";
}

boot();
