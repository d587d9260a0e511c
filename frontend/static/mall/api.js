// The mall's only server: our Saleor-compatible /graphql/ on this origin. Tokens live here: the access
// token in memory only, the refresh token in localStorage so a reload keeps the member signed in.

const ENDPOINT = "/graphql/";
const REFRESH_KEY = "mall.refreshToken";
const EXPIRY_MARGIN_SECONDS = 30;
const REFRESH = `mutation Refresh($refreshToken: String!) {
  tokenRefresh(refreshToken: $refreshToken) { token errors { code message } }
}`;

let accessToken = null;
let refreshing = null;
const sessionListeners = new Set();

/** A request the server refused as a whole (top-level GraphQL errors) or could not answer. */
export class RequestError extends Error {
  constructor(message, errors = []) {
    super(message);
    this.errors = errors;
  }
}

function tokenExpiresAt(token) {
  try {
    const payload = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return payload.exp || 0;
  } catch {
    return 0;
  }
}

function isFresh(token) {
  return Boolean(token) && tokenExpiresAt(token) - EXPIRY_MARGIN_SECONDS > Date.now() / 1000;
}

export function hasSession() {
  return Boolean(window.localStorage.getItem(REFRESH_KEY));
}

export function onSessionChange(listener) {
  sessionListeners.add(listener);
}

function notifySession() {
  for (const listener of sessionListeners) listener(hasSession());
}

/** Keep the tokens of a successful tokenCreate or setPassword. */
export function startSession(token, refreshToken) {
  accessToken = token;
  window.localStorage.setItem(REFRESH_KEY, refreshToken);
  notifySession();
}

export function endSession() {
  accessToken = null;
  window.localStorage.removeItem(REFRESH_KEY);
  notifySession();
}

async function post(query, variables, token) {
  const headers = { "Content-Type": "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(ENDPOINT, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  } catch (error) {
    throw new RequestError("network", []);
  }
  const body = await response.json().catch(() => null);
  if (!body) throw new RequestError(`HTTP ${response.status}`, []);
  return body;
}

async function refreshAccessToken() {
  const refreshToken = window.localStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return null;
  const body = await post(REFRESH, { refreshToken }, null);
  const result = body.data && body.data.tokenRefresh;
  if (!result || result.errors.length || !result.token) {
    endSession();  // the refresh token expired or was revoked: the member signs in again
    return null;
  }
  accessToken = result.token;
  return accessToken;
}

/** A valid access token, refreshed when it expired; null when signed out. One refresh at a time. */
export async function currentToken() {
  if (isFresh(accessToken)) return accessToken;
  if (!hasSession()) return null;
  refreshing = refreshing || refreshAccessToken().finally(() => { refreshing = null; });
  return refreshing;
}

function isExpiredTokenError(errors) {
  return (errors || []).some((error) => /expired/i.test(error.message || ""));
}

/** Run one GraphQL document; returns `data` or throws RequestError on top-level errors. */
export async function graphql(query, variables = {}) {
  let body = await post(query, variables, await currentToken());
  if (isExpiredTokenError(body.errors) && hasSession()) {
    accessToken = null;
    body = await post(query, variables, await currentToken());
  }
  if (body.errors && body.errors.length) {
    throw new RequestError(body.errors.map((error) => error.message).join("; "), body.errors);
  }
  return body.data;
}

/** Run one GraphQL document with files (graphql-multipart-request-spec): `files` maps a variable path such as
 * "input.pictures.0" to a File; each of those variables must be null in `variables`. */
export async function graphqlUpload(query, variables, files) {
  const form = new FormData();
  const entries = Object.entries(files);
  form.append("operations", JSON.stringify({ query, variables }));
  form.append("map", JSON.stringify(Object.fromEntries(entries.map(([path], index) => [String(index),
    [`variables.${path}`]]))));
  entries.forEach(([, file], index) => form.append(String(index), file, file.name));
  const token = await currentToken();
  let response;
  try {
    response = await fetch(ENDPOINT, { method: "POST", body: form,
      headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (error) {
    throw new RequestError("network", []);
  }
  const body = await response.json().catch(() => null);
  if (!body) throw new RequestError(`HTTP ${response.status}`, []);
  if (body.errors && body.errors.length) {
    throw new RequestError(body.errors.map((error) => error.message).join("; "), body.errors);
  }
  return body.data;
}
