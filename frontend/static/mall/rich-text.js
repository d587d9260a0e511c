// Editor.js content (Saleor's rich text: pages, descriptions) drawn as DOM nodes. Block texts may hold inline
// HTML; it is parsed in an inert document and only a few inline elements are rebuilt from it, so no markup
// from the API ever reaches the page as HTML (no scripts, no event attributes, no styles, no images).

import { h } from "./dom.js";

const INLINE_TAGS = new Set(["b", "strong", "i", "em", "u", "mark", "code", "br", "a"]);
const SAFE_LINK = /^(https?:|mailto:|\/(?!\/)|#)/i;
// Elements whose content is code or another document, not words: left out whole.
const DROPPED_TAGS = new Set(["script", "style", "template", "iframe", "object", "embed", "noscript", "svg", "math"]);

function inlineNode(node) {
  if (node.nodeType === Node.TEXT_NODE) return document.createTextNode(node.textContent);
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const tag = node.tagName.toLowerCase();
  if (DROPPED_TAGS.has(tag)) return null;
  const children = [...node.childNodes].map(inlineNode);
  if (!INLINE_TAGS.has(tag)) return children;  // an unknown element keeps its text, never its markup
  if (tag !== "a") return h(tag, {}, children);
  const href = (node.getAttribute("href") || "").trim();
  return SAFE_LINK.test(href) ? h("a", { href }, children) : children;
}

/** The nodes of one block's text (inline HTML rebuilt from a whitelist). */
export function inlineText(text) {
  const body = new DOMParser().parseFromString(String(text || ""), "text/html").body;
  return [...body.childNodes].map(inlineNode);
}

function listItem(item) {
  // Editor.js lists: plain strings (list 1.x) or {content, items} with nested items (list 2.x)
  if (item && typeof item === "object") {
    const nested = Array.isArray(item.items) && item.items.length ? h("ul", {}, item.items.map(listItem)) : null;
    return h("li", {}, inlineText(item.content), nested);
  }
  return h("li", {}, inlineText(item));
}

// The page's title is its h1: the content's headers start one level below.
function headingTag(level) {
  return `h${Math.min(Math.max(Number(level) || 2, 2), 4)}`;
}

const BLOCKS = {
  paragraph: (data) => h("p", {}, inlineText(data.text)),
  header: (data) => h(headingTag(data.level), {}, inlineText(data.text)),
  list: (data) => h(data.style === "ordered" ? "ol" : "ul", {}, (data.items || []).map(listItem)),
  quote: (data) => h("blockquote", {}, h("p", {}, inlineText(data.text))),
};

/** Editor.js blocks of `content` (a JSON string or an object); an unreadable document gives no blocks. */
export function contentBlocks(content) {
  if (!content) return [];
  try {
    const document = typeof content === "string" ? JSON.parse(content) : content;
    return Array.isArray(document.blocks) ? document.blocks : [];
  } catch {
    return [];
  }
}

/** The content drawn as elements; block types the mall does not know are left out. */
export function richText(content) {
  return contentBlocks(content)
    .filter((block) => block && BLOCKS[block.type])
    .map((block) => BLOCKS[block.type](block.data || {}));
}
