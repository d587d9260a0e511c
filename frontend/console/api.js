// The console's only server: the mall's /graphql/ on this origin, with the same JWTs as any client. Staff
// tokens are kept apart from a member's (own storage key): signing in here never signs anyone in to the mall.

const ENDPOINT = "/graphql/";
const REFRESH_KEY = "console.refreshToken";
const EXPIRY_MARGIN_SECONDS = 30;
const REFRESH = `mutation Refresh($refreshToken: String!) {
  tokenRefresh(refreshToken: $refreshToken) { token errors { code message } }
}`;

let accessToken = null;
let refreshing = null;

/** A request the server refused as a whole (top-level GraphQL errors) or could not answer. */
export class RequestError extends Error {
  constructor(message, errors = []) {
    super(message);
    this.errors = errors;
  }

  get permissionDenied() {
    return this.errors.some((error) => ((error.extensions || {}).exception || {}).code === "PermissionDenied");
  }
}

function expiresAt(token) {
  try {
    return JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).exp || 0;
  } catch {
    return 0;
  }
}

export function hasSession() {
  return Boolean(window.localStorage.getItem(REFRESH_KEY));
}

export function startSession(token, refreshToken) {
  accessToken = token;
  window.localStorage.setItem(REFRESH_KEY, refreshToken);
}

export function endSession() {
  accessToken = null;
  window.localStorage.removeItem(REFRESH_KEY);
}

async function send(body, token, contentType = "application/json") {
  const headers = contentType ? { "Content-Type": contentType } : {};
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(ENDPOINT, { method: "POST", headers, body });
  } catch {
    throw new RequestError("network");
  }
  const answer = await response.json().catch(() => null);
  if (!answer) throw new RequestError(`HTTP ${response.status}`);
  return answer;
}

async function refreshAccessToken() {
  const refreshToken = window.localStorage.getItem(REFRESH_KEY);
  if (!refreshToken) return null;
  const answer = await send(JSON.stringify({ query: REFRESH, variables: { refreshToken } }), null);
  const result = answer.data && answer.data.tokenRefresh;
  if (!result || result.errors.length || !result.token) {
    endSession();
    return null;
  }
  accessToken = result.token;
  return accessToken;
}

async function currentToken() {
  if (accessToken && expiresAt(accessToken) - EXPIRY_MARGIN_SECONDS > Date.now() / 1000) return accessToken;
  if (!hasSession()) return null;
  refreshing = refreshing || refreshAccessToken().finally(() => { refreshing = null; });
  return refreshing;
}

function unwrap(answer) {
  if (answer.errors && answer.errors.length) {
    throw new RequestError(answer.errors.map((error) => error.message).join("; "), answer.errors);
  }
  return answer.data;
}

/** Run one GraphQL document; returns `data` or throws RequestError on top-level errors. */
export async function graphql(query, variables = {}) {
  return unwrap(await send(JSON.stringify({ query, variables }), await currentToken()));
}

/** Run a mutation with one file (GraphQL multipart request spec): `filePath` is where the Upload goes among
 * the variables, e.g. "image" or "input.file". */
export async function graphqlUpload(query, variables, filePath, file) {
  const form = new FormData();
  const withSlot = structuredClone(variables);
  const keys = filePath.split(".");
  let holder = withSlot;
  for (const key of keys.slice(0, -1)) holder = holder[key];
  holder[keys[keys.length - 1]] = null;
  form.append("operations", JSON.stringify({ query, variables: withSlot }));
  form.append("map", JSON.stringify({ 0: [`variables.${filePath}`] }));
  form.append("0", file, file.name);
  return unwrap(await send(form, await currentToken(), null));
}
