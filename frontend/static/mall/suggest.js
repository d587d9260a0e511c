// Search suggestions as the member types: the first gifts `products(search:)` finds, named in the member's
// language, listed under the search box as links to their pages. A list of links, not a <datalist>: a
// datalist turns the search box into a combobox for assistive technology and offers text, not the gift.
// Asked at most once per pause in typing; an answer that arrives after the member typed on is dropped.

import { graphql } from "./api.js";
import { channelSlug } from "./config.js";
import { h, replace } from "./dom.js";
import { apiLanguage, t, translated } from "./i18n.js";

const SUGGESTIONS = 6;
const PAUSE_MS = 250;
const SUGGEST = `query Suggest($channel: String!, $search: String!, $first: Int!, $lang: LanguageCodeEnum!) {
  products(channel: $channel, search: $search, first: $first) {
    edges { node { id name slug translation(languageCode: $lang) { name } } }
  }
}`;

async function suggestionsFor(text) {
  const variables = { channel: channelSlug(), search: text, first: SUGGESTIONS, lang: apiLanguage() };
  const data = await graphql(SUGGEST, variables);
  return data.products.edges.map((edge) => edge.node);
}

function suggestionLinks(list, products) {
  replace(list, ...products.map((product) =>
    h("li", {}, h("a", { href: `/gift/${product.slug}` }, translated(product)))));
  list.hidden = !products.length;
}

/** A list of suggestions that follows what is typed into `input` (placed after the search form). */
export function withSuggestions(input) {
  const list = h("ul", { class: "search-suggestions", id: `${input.id}-suggestions`, hidden: true,
    "aria-label": t("search.suggestions") });
  let timer = null;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (!text) {
      suggestionLinks(list, []);
      return;
    }
    timer = window.setTimeout(async () => {
      const products = await suggestionsFor(text).catch(() => []);
      if (input.value.trim() === text) suggestionLinks(list, products);
    }, PAUSE_MS);
  });
  return list;
}
