// The signed-in member: who they are and their points, loaded once per page and after each change.

import { endSession, graphql, hasSession, startSession } from "./api.js";
import { channelSlug, EXPIRING_WITHIN_DAYS } from "./config.js";
import { hasChosenLanguage, languageOfApi, setLanguage } from "./i18n.js";
import { BALANCE, SIGN_IN } from "./operations.js";

export const member = { me: null, balance: null, unread: 0 };
const listeners = new Set();

export function onMemberChange(listener) {
  listeners.add(listener);
}

function notify() {
  for (const listener of listeners) listener(member);
}

/** Read the member and their balance (nothing when signed out). */
export async function loadMember() {
  if (!hasSession()) {
    member.me = null;
    member.balance = null;
  } else {
    const data = await graphql(BALANCE, { channel: channelSlug(), days: EXPIRING_WITHIN_DAYS });
    member.me = data.me;
    member.balance = data.me ? data.me.pointsBalance : null;
    member.unread = data.me ? data.me.unreadNotifications : 0;
  }
  notify();
  return member;
}

/** The inbox's unread count changed (the inbox page marked messages read). */
export function setUnread(count) {
  member.unread = count;
  notify();
}

/** Sign in; returns the API's errors (empty on success). */
export async function signIn(email, password) {
  const result = (await graphql(SIGN_IN, { email, password })).tokenCreate;
  if (result.errors.length) return result.errors;
  startSession(result.token, result.refreshToken);
  await loadMember();
  adoptAccountLanguage();
  return [];
}

/** A browser without a language of its own takes the one the member chose on their account page (the
 * language their e-mails come in). A choice made in this browser stays: it is the member's latest word here. */
function adoptAccountLanguage() {
  const chosen = member.me && languageOfApi(member.me.languageCode);
  if (chosen && !hasChosenLanguage()) setLanguage(chosen);
}

export function signOut() {
  endSession();
  window.localStorage.removeItem(`mall.checkout:${channelSlug()}`);
  member.me = null;
  member.balance = null;
  notify();
}

export function isSignedIn() {
  return Boolean(member.me);
}
