// Entry from the bank's app: `/sso#token=<bank JWT>` (or `?token=`) is exchanged for the mall's tokens
// (externalObtainAccessTokens with the mall.bank-sso plugin), then the member lands on the home page.

import { graphql, startSession } from "../api.js";
import { loadCart } from "../cart.js";
import { errorBox } from "../components.js";
import { h } from "../dom.js";
import { t } from "../i18n.js";
import { loadMember, signOut } from "../member.js";
import { BANK_SIGN_IN } from "../operations.js";
import { navigate } from "../router.js";

// Refusals with a sentence of their own (error.<CODE>); every other one is "this link is not valid".
const OWN_MESSAGE_CODES = new Set(["JWT_SIGNATURE_EXPIRED", "DISABLED_AUTHENTICATION_METHOD", "INACTIVE"]);

/** The bank's token: from the fragment (never sent to any server's logs) or from the query. */
function bankToken(query) {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  return fragment.get("token") || query.token || "";
}

function refusalMessage(errors) {
  const code = errors.length ? errors[0].code : "";
  if (OWN_MESSAGE_CODES.has(code)) return t(`error.${code}`);
  if (code === "NOT_FOUND") return t("error.DISABLED_AUTHENTICATION_METHOD");
  if (code === "UNIQUE") return t("error.SSO_LINK_USED");  // the token's jti was seen: a replayed link
  return t("error.SSO_LINK_INVALID");
}

function refusedPage(message) {
  return { title: t("sso.title"), content: [h("h1", {}, t("sso.title")), errorBox(message),
    h("p", {}, h("a", { href: "/sign-in" }, t("sso.useEmail")))] };
}

/** The link's token leaves the address bar and the history at once, whether or not it signs anyone in. */
function forgetToken() {
  window.history.replaceState(window.history.state, "", window.location.pathname);
}

export async function ssoPage({ query }) {
  const token = bankToken(query);
  forgetToken();
  if (!token) return refusedPage(t("error.SSO_LINK_INVALID"));
  const input = JSON.stringify({ token });
  const result = (await graphql(BANK_SIGN_IN, { input })).externalObtainAccessTokens;
  if (result.errors.length || !result.token) return refusedPage(refusalMessage(result.errors));
  signOut();  // whoever was signed in on this browser before, and their cart, give way to the bank's member
  startSession(result.token, result.refreshToken);
  await loadMember();
  await loadCart().catch(() => null);
  navigate("/", { replace: true });  // also drops the token from the address bar and the history
  return null;
}
