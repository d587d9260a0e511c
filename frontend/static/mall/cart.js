// The member's cart is a Saleor checkout; its id is remembered per channel in this browser.

import { graphql } from "./api.js";
import { channelSlug } from "./config.js";
import { apiLanguage } from "./i18n.js";
import {
  CHECKOUT_CREATE, CHECKOUT_FIND, DELIVERY_METHOD, LINES_ADD, LINES_DELETE, LINES_UPDATE, SHIPPING_ADDRESS,
} from "./operations.js";

const listeners = new Set();
export const cart = { checkout: null };

function storageKey() {
  return `mall.checkout:${channelSlug()}`;
}

export function onCartChange(listener) {
  listeners.add(listener);
}

function keep(checkout) {
  cart.checkout = checkout;
  if (checkout) window.localStorage.setItem(storageKey(), checkout.id);
  else window.localStorage.removeItem(storageKey());
  for (const listener of listeners) listener(cart);
  return checkout;
}

/** The remembered checkout, or null when there is none (or it became an order). */
export async function loadCart() {
  const id = window.localStorage.getItem(storageKey());
  if (!id) return keep(null);
  return keep((await graphql(CHECKOUT_FIND, { id, lang: apiLanguage() })).checkout);
}

/** Forget the cart (after it became an order). */
export function forgetCart() {
  keep(null);
}

/** Run a checkout mutation; returns its errors and keeps the updated checkout. */
async function change(document, variables, name) {
  // Delivery method names come in the member's language (`translation(languageCode:)`).
  const result = (await graphql(document, { ...variables, lang: apiLanguage() }))[name];
  if (result.checkout) keep(result.checkout);
  return result.errors;
}

/** Put `quantity` of a variant in the cart, creating the cart the first time. Returns the API's errors. */
export async function addToCart(variantId, quantity) {
  const lines = [{ variantId, quantity }];
  if (!cart.checkout) await loadCart();
  if (cart.checkout) return change(LINES_ADD, { id: cart.checkout.id, lines }, "checkoutLinesAdd");
  const input = { channel: channelSlug(), lines, languageCode: apiLanguage() };
  return change(CHECKOUT_CREATE, { input }, "checkoutCreate");
}

export function setLineQuantity(lineId, quantity) {
  return change(LINES_UPDATE, { id: cart.checkout.id, lines: [{ lineId, quantity }] }, "checkoutLinesUpdate");
}

export function removeLine(lineId) {
  return change(LINES_DELETE, { id: cart.checkout.id, linesIds: [lineId] }, "checkoutLinesDelete");
}

export function setShippingAddress(address) {
  return change(SHIPPING_ADDRESS, { id: cart.checkout.id, address }, "checkoutShippingAddressUpdate");
}

export function setDeliveryMethod(methodId) {
  return change(DELIVERY_METHOD, { id: cart.checkout.id, method: methodId }, "checkoutDeliveryMethodUpdate");
}

export function cartQuantity() {
  return cart.checkout ? cart.checkout.quantity : 0;
}
