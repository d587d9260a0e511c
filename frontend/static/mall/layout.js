// The frame around every page: header (brand, balance, cart, language, search, menu), main, footer.

import { cartQuantity } from "./cart.js";
import { errorBox, loading } from "./components.js";
import { h, replace } from "./dom.js";
import { formatPoints, language, LANGUAGES, setLanguage, t } from "./i18n.js";
import { isSignedIn, member, signOut } from "./member.js";
import { programmeLinks, programmeNav } from "./programme.js";
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
    navLink("/rewards", t("nav.rewards")), isSignedIn() ? navLink("/account", t("nav.account")) : null, account));
}

// The phone's tab bar: the five places a member goes most, always a thumb away. "Me" leads signed-out visitors
// to sign in (the account page is for members).
const TABS = [
  { href: "/", icon: "M3 11l9-8 9 8M5 9v12h5v-6h4v6h5V9", label: "nav.home", current: (path) => path === "/" },
  { href: "/gifts", icon: "M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z", label: "nav.browse",
    current: (path) => /^\/gifts?(\/|$)/.test(path) },
  { href: "/cart", icon: "M2 4h3l2.5 11h11L21 7H6.2M9 20h.01M18 20h.01", label: "nav.cart",
    current: (path) => /^\/(cart|checkout)/.test(path) },
  { href: "/orders", icon: "M3 7l9-4 9 4v10l-9 4-9-4zM3 7l9 4 9-4M12 11v10", label: "nav.orders",
    current: (path) => path.startsWith("/orders") },
  { href: "/account", icon: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6", label: "nav.me",
    current: (path) => /^\/(account|points|vouchers|rewards|inbox|help|sign-in|sign-up)/.test(path) },
];
const SVG = "http://www.w3.org/2000/svg";

/** A line icon drawn from one path (24x24, the text's colour): fonts without emoji still show it. */
function icon(pathData) {
  const svg = document.createElementNS(SVG, "svg");
  for (const [name, value] of Object.entries({ viewBox: "0 0 24 24", width: "24", height: "24", fill: "none",
    stroke: "currentColor", "stroke-width": "2", "stroke-linecap": "round", "stroke-linejoin": "round",
    "aria-hidden": "true", class: "tab-icon", focusable: "false" })) svg.setAttribute(name, value);
  const path = document.createElementNS(SVG, "path");
  path.setAttribute("d", pathData);
  svg.append(path);
  return svg;
}

function tab({ href, icon: pathData, label, current }) {
  const isCart = href === "/cart";
  const count = isCart ? cartQuantity() : 0;
  return h("li", {}, h("a", {
    href, class: "tab", "aria-current": current(window.location.pathname) ? "page" : null,
    "aria-label": isCart ? t("nav.cartLabel", { count }) : null,
  }, icon(pathData),
  count ? h("span", { class: "tab-count", "aria-hidden": "true" }, String(count)) : null,
  h("span", { class: "tab-label" }, t(label))));
}

/** The bottom tab bar (shown on phones only, by the style sheet), drawn after the footer. */
function drawTabBar() {
  let bar = document.getElementById("tab-bar");
  if (!bar) {
    bar = h("nav", { id: "tab-bar", class: "tab-bar" });
    document.body.append(bar);
  }
  bar.setAttribute("aria-label", t("nav.tabs"));
  replace(bar, h("ul", {}, TABS.map(tab)));
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
  drawFooter();
  drawTabBar();
}

/** The footer: the programme's pages (drawn when the footer menu has been read) and the programme's promise. */
function drawFooter() {
  const footer = document.getElementById("site-footer");
  const text = h("p", {}, t("footer.text"));
  replace(footer, text);
  const language = document.documentElement.lang;
  programmeLinks().then((links) => {
    if (document.documentElement.lang !== language) return;  // the member switched language meanwhile
    replace(footer, programmeNav(links, "footer-links"), text);
  });
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

