// The console's history router: real paths under /console/, links handled in the page, list state in the URL.

export const BASE = "/console";
const routes = [];
let draw = null;
let counter = 0;

/** Register `handler` for console paths (after /console) matching `pattern`; named groups become params. */
export function route(pattern, handler) {
  routes.push({ pattern, handler });
}

function match(path) {
  for (const { pattern, handler } of routes) {
    const found = path.match(pattern);
    if (found) return { handler, params: found.groups || {} };
  }
  return null;
}

/** The console path of the current URL ("/orders" for /console/orders). */
export function consolePath() {
  const path = window.location.pathname.slice(BASE.length) || "/";
  return path.startsWith("/") ? path : `/${path}`;
}

export function currentQuery() {
  return Object.fromEntries(new URLSearchParams(window.location.search));
}

/** A console URL: `link("/orders", {status: "UNFULFILLED"})` is "/console/orders?status=UNFULFILLED". */
export function link(path, query = {}) {
  const search = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== "" && value != null));
  const text = search.toString();
  return `${BASE}${path}${text ? `?${text}` : ""}`;
}

export function navigate(url, { replace = false } = {}) {
  if (replace) window.history.replaceState({}, "", url);
  else window.history.pushState({}, "", url);
  return render();
}

/** Draw the page of the current URL; only the newest navigation's page is shown. */
export async function render() {
  counter += 1;
  const number = counter;
  const found = match(consolePath()) || match("/__not_found__");
  await draw(found, currentQuery(), () => number === counter);
}

function internalLink(event) {
  const anchor = event.target.closest("a[href]");
  if (!anchor || anchor.target || anchor.hasAttribute("download")) return null;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || !url.pathname.startsWith(`${BASE}/`)) return null;
  return url;
}

export function startRouter(drawPage) {
  draw = drawPage;
  document.addEventListener("click", (event) => {
    const url = internalLink(event);
    if (!url) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
  window.addEventListener("popstate", () => render());
  return render();
}
