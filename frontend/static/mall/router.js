// A small history router: real paths, links handled in the page, the scroll position kept per entry
// so "back" returns to the same place of a list.

const routes = [];
let renderPage = null;
let navigationCounter = 0;

/** Register `handler` for paths matching `pattern` (named groups become params). */
export function route(pattern, handler) {
  routes.push({ pattern, handler });
}

function match(pathname) {
  for (const { pattern, handler } of routes) {
    const found = pathname.match(pattern);
    if (found) return { handler, params: found.groups || {} };
  }
  return null;
}

function rememberScroll() {
  const state = { ...(window.history.state || {}), scrollY: window.scrollY };
  window.history.replaceState(state, "");
}

/** Go to `url` (same origin), adding a history entry unless `replace`. */
export function navigate(url, { replace = false } = {}) {
  rememberScroll();
  if (replace) window.history.replaceState({}, "", url);
  else window.history.pushState({}, "", url);
  return render({ restoreScroll: false });
}

/** The current URL's query string as an object. */
export function currentQuery() {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}

/** The URL of `path` with `query` (empty values dropped). */
export function urlWith(path, query) {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== "" && value != null));
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** Draw the page of the current URL. Only the newest navigation's page is shown. */
export async function render({ restoreScroll = false } = {}) {
  navigationCounter += 1;
  const number = navigationCounter;
  const found = match(window.location.pathname) || match("/__not_found__");
  const isCurrent = () => number === navigationCounter;
  await renderPage(found, currentQuery(), isCurrent);
  if (!isCurrent()) return;
  const savedY = (window.history.state || {}).scrollY;
  window.scrollTo(0, restoreScroll && savedY ? savedY : 0);
}

function isInternalLink(event) {
  const link = event.target.closest("a[href]");
  if (!link || link.target || link.hasAttribute("download")) return null;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return null;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith("/graphql/")) return null;
  return url;
}

/** Start listening to links and the back button; `draw(found, query, isCurrent)` draws a page. */
export function startRouter(draw) {
  renderPage = draw;
  document.addEventListener("click", (event) => {
    const url = isInternalLink(event);
    if (!url) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  window.addEventListener("popstate", () => render({ restoreScroll: true }));
  window.history.scrollRestoration = "manual";
  return render({ restoreScroll: true });
}
