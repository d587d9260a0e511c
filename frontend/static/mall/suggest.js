// Search suggestions as the member types: the names of the first gifts `products(search:)` finds, in the
// member's language, offered in the search box's own list (a <datalist>: the browser draws and reads it
// out, and picking one fills the box). Asked at most once per pause in typing; an answer that arrives
// after the member typed on is dropped.

import { graphql } from "./api.js";
import { channelSlug } from "./config.js";
import { h, replace } from "./dom.js";
import { apiLanguage, translated } from "./i18n.js";

const SUGGESTIONS = 6;
const PAUSE_MS = 250;
const SUGGEST = `query Suggest($channel: String!, $search: String!, $first: Int!, $lang: LanguageCodeEnum!) {
  products(channel: $channel, search: $search, first: $first) {
    edges { node { id name translation(languageCode: $lang) { name } } }
  }
}`;

async function suggestionsFor(text) {
  const variables = { channel: channelSlug(), search: text, first: SUGGESTIONS, lang: apiLanguage() };
  const data = await graphql(SUGGEST, variables);
  return [...new Set(data.products.edges.map((edge) => translated(edge.node)))];
}

/** Give `input` a suggestion list that follows what is typed into it. */
export function withSuggestions(input) {
  const list = h("datalist", { id: `${input.id}-suggestions` });
  input.setAttribute("list", list.id);
  let timer = null;
  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (!text) {
      replace(list);
      return;
    }
    timer = window.setTimeout(async () => {
      const names = await suggestionsFor(text).catch(() => []);
      if (input.value.trim() === text) replace(list, ...names.map((name) => h("option", { value: name })));
    }, PAUSE_MS);
  });
  return list;
}
