// The programme's pages (about, points rules, delivery and returns, privacy, FAQ) as the `footer` menu lists
// them: read once per language, linked from the footer on wide screens and from the account page on phones.

import { graphql } from "./api.js";
import { channelSlug } from "./config.js";
import { h } from "./dom.js";
import { apiLanguage, t } from "./i18n.js";
import { FOOTER_MENU } from "./operations.js";

const linksByLanguage = new Map();

function linkOf(item) {
  const name = (item.translation && item.translation.name) || item.name;
  return item.page ? { href: `/pages/${encodeURIComponent(item.page.slug)}`, name } : null;
}

/** The footer's links in the member's language ([{href, name}]), read once per language. */
export function programmeLinks() {
  const language = apiLanguage();
  if (!linksByLanguage.has(language)) {
    const read = graphql(FOOTER_MENU, { channel: channelSlug(), lang: language })
      .then((data) => ((data.menu && data.menu.items) || []).map(linkOf).filter(Boolean))
      .catch(() => {
        linksByLanguage.delete(language);  // a network hiccup: the next page asks again
        return [];
      });
    linksByLanguage.set(language, read);
  }
  return linksByLanguage.get(language);
}

/** A labelled list of links to the programme's pages. */
export function programmeNav(links, className) {
  if (!links.length) return null;
  const path = window.location.pathname;
  return h("nav", { class: `programme-links ${className}`, "aria-label": t("programme.label") },
    h("ul", {}, links.map((link) => h("li", {}, h("a", { href: link.href,
      "aria-current": path === link.href ? "page" : null }, link.name)))));
}

/** The programme's pages as a section of the account (or sign-in) page, shown on phones only (the style sheet):
 * there the footer that lists them on wide screens sits out of sight below the tab bar. */
export async function programmeSection() {
  const links = await programmeLinks();
  if (!links.length) return null;
  return h("section", { class: "account-section programme-section", "aria-labelledby": "programme-heading" },
    h("h2", { id: "programme-heading" }, t("programme.label")), programmeNav(links, "account-programme-links"));
}
