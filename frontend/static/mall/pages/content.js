// A content page of the programme (/pages/<slug>): Saleor's `page` in the member's language, falling back to
// the original wording where a translation lacks it, or a clear "not found".

import { graphql } from "../api.js";
import { h } from "../dom.js";
import { apiLanguage, t } from "../i18n.js";
import { CONTENT_PAGE } from "../operations.js";
import { contentBlocks, richText } from "../rich-text.js";

function notFound() {
  return {
    title: t("error.notFound"),
    content: h("article", { class: "content-page content-page-missing" },
      h("h1", {}, t("error.notFound")),
      h("p", {}, t("content.notFound")),
      h("p", {}, h("a", { href: "/" }, t("nav.home")))),
  };
}

/** The translation's field where it has one (a translation without blocks keeps the original content). */
function wording(page) {
  const translation = page.translation || {};
  const translatedBlocks = contentBlocks(translation.content).length > 0;
  return { title: translation.title || page.title, content: translatedBlocks ? translation.content : page.content };
}

function slugOf(pathPart) {
  try {
    return decodeURIComponent(pathPart);
  } catch {
    return pathPart;  // a malformed escape names no page: the API answers null, the member sees "not found"
  }
}

export async function contentPage({ params }) {
  const data = await graphql(CONTENT_PAGE, { slug: slugOf(params.slug), lang: apiLanguage() });
  if (!data.page) return notFound();
  const { title, content } = wording(data.page);
  return {
    title,
    content: h("article", { class: "content-page", "data-slug": data.page.slug },
      h("h1", {}, title), h("div", { class: "prose" }, richText(content))),
  };
}
