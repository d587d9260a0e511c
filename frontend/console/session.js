// Who is signed in, and so what the console shows: the role comes from `me` (its staff scope) and what the
// user may do from its permissions. The server checks both again on every call; this only chooses pages.

import { endSession, graphql, hasSession, startSession } from "./api.js";
import { forgetUnits, loadUnits } from "./units.js";

const ME = `query Me { me { email firstName isStaff staffScope { kind code } userPermissions { code } } }`;
const SIGN_IN = `mutation SignIn($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) { token refreshToken errors { field code message } }
}`;

export const ROLES = { PARTNER: "partner", BANK: "bank", OPERATOR: "operator" };

export const staff = { user: null, role: null, code: null, permissions: new Set() };

function roleOf(user) {
  if (!user || !user.isStaff) return null;
  const scope = user.staffScope;
  if (!scope) return ROLES.OPERATOR;
  return scope.kind === "partner" ? ROLES.PARTNER : scope.kind === "issuer" ? ROLES.BANK : null;
}

function remember(user) {
  staff.user = user;
  staff.role = roleOf(user);
  staff.code = user && user.staffScope ? user.staffScope.code : null;
  staff.permissions = new Set(user ? (user.userPermissions || []).map((permission) => permission.code) : []);
}

/** Load the signed-in user (after a reload); the role stays null for members and signed-out visitors. */
export async function loadStaff() {
  if (!hasSession()) return remember(null);
  const data = await graphql(ME);
  remember(data.me);
  if (staff.role) await loadUnits();  // every page may print points: each bank's in its own unit
}

/** Sign in with e-mail and password; returns the API's errors (empty when signed in). */
export async function signIn(email, password) {
  const data = await graphql(SIGN_IN, { email, password });
  const result = data.tokenCreate;
  if (result.errors.length) return result.errors;
  startSession(result.token, result.refreshToken);
  await loadStaff();
  return [];
}

export function signOut() {
  endSession();
  remember(null);
  forgetUnits();
}

export function can(permission) {
  return staff.role === ROLES.OPERATOR || staff.permissions.has(permission);
}
