// The member mall: boot (language, session, cart), the page table, and redraws on changes.

import { graphql, hasSession, onSessionChange } from "./api.js";
import { loadCart, onCartChange } from "./cart.js";
import { h } from "./dom.js";
import { channelSlug } from "./config.js";
import { language, onLanguageChange, setUnitNames, t } from "./i18n.js";
import { drawHeader, drawPage } from "./layout.js";
import { isSignedIn, loadMember, onMemberChange } from "./member.js";
import { UNIT_NAMES } from "./operations.js";
import { forgotPasswordPage, resetPasswordPage, signInPage, signUpPage } from "./pages/account.js";
import { cartPage } from "./pages/cart.js";
import { caseNewPage, casePage, casesPage } from "./pages/cases.js";
import { checkoutPage } from "./pages/checkout.js";
import { contentPage } from "./pages/content.js";
import { giftPage } from "./pages/gift.js";
import { giftsPage } from "./pages/gifts.js";
import { homePage } from "./pages/home.js";
import { inboxPage } from "./pages/inbox.js";
import { orderPage, ordersPage } from "./pages/orders.js";
import { pointsPage } from "./pages/points.js";
import { profilePage } from "./pages/profile.js";
import { rewardsPage } from "./pages/rewards.js";
import { ssoPage } from "./pages/sso.js";
import { vouchersPage } from "./pages/vouchers.js";
import { navigate, render, route, startRouter } from "./router.js";

/** Pages for members only send the visitor to sign in first, then back. */
function membersOnly(handler) {
  return async (context) => {
    if (isSignedIn()) return handler(context);
    const next = window.location.pathname + window.location.search;
    navigate(`/sign-in?next=${encodeURIComponent(next)}`, { replace: true });
    return null;
  };
}

function notFoundPage() {
  return { title: t("error.notFound"), content: [h("h1", {}, t("error.notFound")),
    h("p", {}, h("a", { href: "/" }, t("nav.home")))] };
}

route(/^\/$/, homePage);
route(/^\/gifts\/?$/, giftsPage);
route(/^\/gift\/(?<slug>[^/]+)\/?$/, giftPage);
route(/^\/cart\/?$/, membersOnly(cartPage));
route(/^\/checkout\/?$/, membersOnly(checkoutPage));
route(/^\/orders\/?$/, membersOnly(ordersPage));
route(/^\/orders\/(?<id>[^/]+)\/?$/, membersOnly(orderPage));
route(/^\/orders\/(?<id>[^/]+)\/help\/?$/, membersOnly(caseNewPage));
route(/^\/help\/?$/, membersOnly(casesPage));
route(/^\/help\/(?<id>[^/]+)\/?$/, membersOnly(casePage));
route(/^\/points\/?$/, membersOnly(pointsPage));
route(/^\/vouchers\/?$/, membersOnly(vouchersPage));
route(/^\/rewards\/?$/, membersOnly(rewardsPage));
route(/^\/inbox\/?$/, membersOnly(inboxPage));
route(/^\/account\/?$/, membersOnly(profilePage));
route(/^\/sign-in\/?$/, signInPage);
route(/^\/sign-up\/?$/, signUpPage);
route(/^\/forgot-password\/?$/, forgotPasswordPage);
route(/^\/reset-password\/?$/, resetPasswordPage);
route(/^\/sso\/?$/, ssoPage);
route(/^\/pages\/(?<slug>[^/]+)\/?$/, contentPage);
route(/^\/__not_found__$/, notFoundPage);

/** What the programme calls its points; without an answer the mall reads the defaults (PTS, 积分). */
async function loadUnitNames() {
  const data = await graphql(UNIT_NAMES, { channel: channelSlug() });
  const channel = data.channel || {};
  setUnitNames(channel.pointsUnitNames || [], channel.pointsUnitNamesSingular || []);
}

async function boot() {
  document.documentElement.lang = language();
  await loadUnitNames().catch(() => null);
  if (hasSession()) await loadMember().catch(() => null);
  if (isSignedIn()) await loadCart().catch(() => null);
  onMemberChange(drawHeader);
  onCartChange(drawHeader);
  onSessionChange((signedIn) => { if (!signedIn) drawHeader(); });
  onLanguageChange(() => render({ restoreScroll: true }));
  await startRouter(drawPage);
  document.body.dataset.ready = "true";
}

boot();
