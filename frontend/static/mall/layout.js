// The frame around every page: header (brand, balance, cart, language, search, menu), main, footer.

import { cartQuantity } from "./cart.js";
import { errorBox, loading } from "./components.js";
import { h, replace } from "./dom.js";
import { formatPoints, language, LANGUAGES, setLanguage, t } from "./i18n.js";
import { isSignedIn, member, signOut } from "./member.js";
import { currentQuery, navigate } from "./router.js";
import { withSuggestions } from "./suggest.js";

let firstPage = true;

function languageSwitch() {
  return h("div", { class: "language-switch", role: "group", "aria-label": t("nav.language") },
    LANGUAGES.map((item) => h("button", {
      type: "button", lang: item.code, "aria-pressed": String(item.code === language()),
      onclick: () => setLanguage(item.code),
    }, item.label)));
}

function balanceChip() {
  if (!member.balance) return null;
  return h("a", { href: "/points", class: "balance-chip", "aria-label": t("nav.balanceLabel", {
    points: formatPoints(member.balance.available, member.balance.currency) }) },
  formatPoints(member.balance.available, member.balance.currency));
}

function inboxLink() {
  if (!isSignedIn()) return null;
  const count = member.unread || 0;
  return h("a", { href: "/inbox", class: "inbox-link", "aria-label": t("nav.inboxLabel", { count }) },
    h("span", { "aria-hidden": "true" }, "\u{1F514}"), " ", h("span", { class: "inbox-word" }, t("nav.inbox")),
    count ? h("span", { class: "unread-count", "aria-hidden": "true" }, String(count)) : null);
}

function cartLink() {
  const count = cartQuantity();
  return h("a", { href: "/cart", class: "cart-link", "aria-label": t("nav.cartLabel", { count }) },
    h("span", { class: "cart-word" }, t("nav.cart")),
    h("span", { class: "cart-count", "aria-hidden": "true" }, String(count)));
}

function searchForm() {
  const input = h("input", { type: "search", name: "q", id: "site-search", value: currentQuery().q || "",
    placeholder: t("search.placeholder"), autocomplete: "off" });
  const submit = (event) => {
    event.preventDefault();
    const text = input.value.trim();
    navigate(text ? `/gifts?q=${encodeURIComponent(text)}` : "/gifts");
  };
  return h("form", { class: "site-search", role: "search", onsubmit: submit },
    h("label", { for: "site-search", class: "visually-hidden" }, t("search.label")),
    input, h("button", { type: "submit", class: "button" }, t("search.button")), withSuggestions(input));
}

function navLink(href, label) {
  const path = window.location.pathname;
  const active = href === "/" ? path === "/" : path.startsWith(href);
  return h("li", {}, h("a", { href, "aria-current": active ? "page" : null }, label));
}

function menu() {
  const account = isSignedIn()
    ? h("li", {}, h("button", { type: "button", class: "link-button", onclick: () => {
      signOut();
      navigate("/");
    } }, t("nav.signOut")))
    : navLink("/sign-in", t("nav.signIn"));
  return h("nav", { class: "site-nav", "aria-label": t("nav.label") }, h("ul", {},
    navLink("/", t("nav.home")), navLink("/gifts", t("nav.gifts")), navLink("/orders", t("nav.orders")),
    isSignedIn() ? navLink("/vouchers", t("nav.vouchers")) : null, navLink("/points", t("nav.points")),
    navLink("/rewards", t("nav.rewards")), account));
}

/** Draw the header again (after sign-in, a cart change, a language switch). */
export function drawHeader() {
  const header = document.getElementById("site-header");
  replace(header,
    h("div", { class: "header-bar" },
      h("a", { href: "/", class: "brand" }, t("brand")),
      h("div", { class: "header-tools" }, balanceChip(), inboxLink(), cartLink())),
    h("div", { class: "header-row" }, searchForm(), languageSwitch()),
    menu());
  document.getElementById("skip-link").textContent = t("nav.skip");
  replace(document.getElementById("site-footer"), h("p", {}, t("footer.text")));
}

function focusHeading(main) {
  const heading = main.querySelector("h1");
  if (!heading) return;
  heading.setAttribute("tabindex", "-1");
  heading.focus({ preventScroll: true });
}

/** Draw one page into <main>: loading first, then the page, or a clear error. */
export async function drawPage(found, query, isCurrent) {
  const main = document.getElementById("main");
  drawHeader();
  replace(main, loading());
  let page;
  try {
    page = await found.handler({ params: found.params, query, isCurrent });
  } catch (error) {
    page = { title: t("error.title"), content: [h("h1", {}, t("error.title")), errorBox(t("error.unexpected"))] };
    console.error(error);
  }
  if (!isCurrent() || !page) return;
  document.title = `${page.title} · ${t("brand")}`;
  replace(main, page.content);
  if (!firstPage) focusHeading(main);
  firstPage = false;
}

