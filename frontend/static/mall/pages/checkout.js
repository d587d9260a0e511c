// Checkout: delivery address from the address book, delivery method, then pay with points and place
// the order. Points or stock running out are said plainly, before and after the member presses "redeem".
// When the bank wants a one-time code for a large redemption, the code step comes before the order.

import { graphql } from "../api.js";
import { cart, forgetCart, loadCart, setDeliveryMethod, setShippingAddress } from "../cart.js";
import { errorBox, errorMessages, notice, points } from "../components.js";
import { h, replace } from "../dom.js";
import { formatDateTime, formatMoney, formatPoints, t, translated } from "../i18n.js";
import { loadMember, member } from "../member.js";
import { COMPLETE, CONFIRMATION_REQUEST, CONFIRMATION_VERIFY, PAY_WITH_POINTS } from "../operations.js";
import { navigate } from "../router.js";
import { addressBlock, addressBook, addressInput, newAddressForm, saveAddress } from "./address.js";
import { cardSection, cashOffer, gatewayConfigs, payWithPointsAndCard } from "./card-payment.js";
import { isShort, lineProblems, shortfallPanel } from "./cart.js";

function randomKey() {
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** One idempotency key per checkout and amount: a retry after a lost answer never holds points twice. */
function paymentKeyName(checkout, offer = null) {
  const split = offer ? `:${offer.points}` : "";  // another points + card split is another payment, not a replay
  return `mall.pay:${checkout.id}:${checkout.totalPrice.gross.amount}${split}`;
}

function paymentKey(checkout, offer = null) {
  const name = paymentKeyName(checkout, offer);
  const key = window.sessionStorage.getItem(name) || randomKey();
  window.sessionStorage.setItem(name, key);
  return key;
}

/** A refused completion gives the held points back: paying again must be a new hold, not a replay. */
function forgetPaymentKey(checkout, offer) {
  window.sessionStorage.removeItem(paymentKeyName(checkout, offer));
}

/** The address to deliver to without asking: the member's default, or their only one. */
function preferred(addresses) {
  return addresses.find((address) => address.isDefaultShippingAddress) || (addresses.length ? addresses[0] : null);
}

/** Deliver to the preferred address and, when the channel has only one, by its delivery method, once per
 * visit: the usual case takes no clicks. A member with no address gets the form. */
async function preselect(state) {
  const checkout = cart.checkout;
  if (!checkout.isShippingRequired || state.preselected) return;
  state.preselected = true;
  if (!checkout.shippingAddress) {
    const chosen = preferred(await addressBook());
    if (chosen) state.errors = await setShippingAddress(addressInput(chosen));
  }
  const methods = cart.checkout.shippingMethods;
  if (cart.checkout.shippingAddress && !cart.checkout.delivery && methods.length === 1 && !state.errors.length) {
    state.errors = await setDeliveryMethod(methods[0].id);
  }
}

function savedAddressChoice(addresses, onChoose) {
  if (!addresses.length) return null;
  const form = h("form", { class: "address-choice", onsubmit: (event) => {
    event.preventDefault();
    const chosen = addresses.find((address) => address.id === event.target.elements.address.value);
    if (chosen) onChoose(addressInput(chosen), false);
  } }, h("fieldset", {}, h("legend", {}, t("checkout.addressBook")), addresses.map((address) => {
    const id = `address-${address.id}`;
    return h("div", { class: "choice" },
      h("input", { type: "radio", name: "address", id, value: address.id, checked: address === preferred(addresses) }),
      h("label", { for: id }, addressBlock(address)));
  })), h("button", { type: "submit", class: "button" }, t("checkout.deliverHere")));
  return form;
}

async function addressSection(state) {
  const checkout = cart.checkout;
  if (!checkout.isShippingRequired) return null;
  const section = h("section", { class: "panel", "aria-labelledby": "address-heading" },
    h("h2", { id: "address-heading" }, t("checkout.address")));
  if (checkout.shippingAddress && !state.editingAddress) {
    section.append(addressBlock(checkout.shippingAddress), h("button", { type: "button", class: "link-button",
      onclick: () => { state.editingAddress = true; state.redraw(); } }, t("checkout.changeAddress")));
    return section;
  }
  const choose = async (input, save) => {
    const errors = await setShippingAddress(input);
    if (!errors.length && save) errors.push(...await saveAddress(input));
    state.errors = errors;
    state.editingAddress = Boolean(errors.length);
    state.redraw();
  };
  const addresses = await addressBook();
  section.append(savedAddressChoice(addresses, choose) || "",
    h("details", { class: "new-address", open: !addresses.length },
      h("summary", {}, t("checkout.newAddress")), await newAddressForm(choose)));
  return section;
}

function deliverySection(state) {
  const checkout = cart.checkout;
  if (!checkout.isShippingRequired || !checkout.shippingAddress || state.editingAddress) return null;
  const selected = checkout.delivery && checkout.delivery.shippingMethod && checkout.delivery.shippingMethod.id;
  const choose = async (methodId) => {
    state.errors = await setDeliveryMethod(methodId);
    state.redraw();
  };
  return h("section", { class: "panel", "aria-labelledby": "delivery-heading" },
    h("h2", { id: "delivery-heading" }, t("checkout.delivery")),
    h("fieldset", {}, h("legend", { class: "visually-hidden" }, t("checkout.delivery")),
      checkout.shippingMethods.map((method) => {
        const id = `method-${method.id}`;
        const days = method.minimumDeliveryDays
          ? t("checkout.days", { min: method.minimumDeliveryDays, max: method.maximumDeliveryDays }) : "";
        return h("div", { class: "choice" },
          h("input", { type: "radio", name: "delivery", id, value: method.id, checked: method.id === selected,
            onchange: () => choose(method.id) }),
          h("label", { for: id }, h("span", {}, translated(method)), " ",
            h("span", { class: "muted" }, method.price.amount ? formatPoints(method.price.amount, method.price.currency)
              : t("checkout.free")), days ? h("span", { class: "muted" }, ` · ${days}`) : null));
      })));
}

function notEnoughPoints(total, available, offer) {
  const message = t("checkout.notEnoughPoints", { total: formatPoints(total.amount, total.currency),
    available: formatPoints(available, total.currency), short: formatPoints(total.amount - available, total.currency) });
  return offer ? `${message} ${t("card.shareTooHigh", { share: offer.share })}` : message;
}

/** Whether the member can pay now, what to tell them, and the points + card offer when it applies. */
function readiness(state) {
  const checkout = cart.checkout;
  const problems = checkout.lines.flatMap(lineProblems);
  if (problems.length) return { blocked: true, message: errorBox([...problems, t("checkout.fixInCart")]) };
  const needsDelivery = checkout.isShippingRequired && (!checkout.shippingAddress || !checkout.delivery);
  if (needsDelivery || state.editingAddress) return { blocked: true, message: notice(t("checkout.chooseDelivery")) };
  const total = checkout.totalPrice.gross;
  const available = member.balance ? member.balance.available : 0;
  const offer = cashOffer(checkout, state.configs, state.chosenPoints ?? null);
  if (offer && offer.allowed) return { blocked: false, message: null, offer };
  if (checkout.authorizeStatus !== "FULL" && total.amount > available) {
    return { blocked: true, message: errorBox(notEnoughPoints(total, available, offer)) };
  }
  return { blocked: false, message: null };
}

/** Stock may have run out since the page was drawn: look again before holding any points. */
async function stockProblems() {
  const checkout = await loadCart();
  const blocked = !checkout || checkout.lines.some((line) => (line.problems || []).length);
  return blocked ? [{ field: "lines", code: "INSUFFICIENT_STOCK", message: "" }] : [];
}

async function placeOrder(offer, card) {
  const problems = await stockProblems();
  if (problems.length) return problems;
  const checkout = cart.checkout;
  if (offer) {
    const errors = await payWithPointsAndCard(checkout, offer, card, paymentKey(checkout, offer));
    if (errors.length) return errors;
  } else if (checkout.authorizeStatus !== "FULL") {
    const paid = (await graphql(PAY_WITH_POINTS, { id: checkout.id, key: paymentKey(checkout) }))
      .transactionInitialize;
    if (paid.errors.length) return paid.errors;
  }
  const completed = (await graphql(COMPLETE, { id: checkout.id })).checkoutComplete;
  if (completed.errors.length) {
    forgetPaymentKey(checkout, offer);
    return completed.errors;
  }
  forgetCart();
  await loadMember();
  navigate(`/orders/${encodeURIComponent(completed.order.id)}?placed=1`, { replace: true });
  return [];
}

/** Ask the bank's code for this checkout; the code step shows where it went, or why it could not go. */
async function requestCode(state) {
  const sent = (await graphql(CONFIRMATION_REQUEST, { id: cart.checkout.id })).checkoutConfirmationRequest;
  if (sent.errors.length) return sent.errors;
  state.confirmation = sent.required ? sent : null;
  return [];
}

async function confirmAndPlace(state, code) {
  const verified = (await graphql(CONFIRMATION_VERIFY, { id: cart.checkout.id, code })).checkoutConfirmationVerify;
  if (verified.errors.length) return verified.errors;
  state.confirmation = null;
  return placeOrder(null, state.card);
}

function codeStep(state) {
  const sent = state.confirmation;
  const input = h("input", { id: "confirmation-code", name: "code", inputmode: "numeric", autocomplete: "one-time-code",
    maxlength: "6", pattern: "[0-9]{6}", required: true });
  const submit = h("button", { type: "submit", class: "button button-large" }, t("confirm.submit"));
  const form = h("form", { class: "code-step", onsubmit: async (event) => {
    event.preventDefault();
    submit.disabled = true;
    const errors = await confirmAndPlace(state, input.value.trim());
    if (!errors.length) return;
    await Promise.all([loadCart(), loadMember()]);
    state.errors = errors;
    state.redraw();
  } },
  h("p", {}, t(`confirm.sent.${sent.channel}`, { time: formatDateTime(sent.expiresAt) })),
  h("label", { for: "confirmation-code" }, t("confirm.label")), input, submit,
  h("button", { type: "button", class: "link-button", onclick: async () => {
    state.errors = await requestCode(state);
    state.redraw();
  } }, t("confirm.resend")));
  return h("section", { class: "panel", "aria-labelledby": "confirm-heading" },
    h("h2", { id: "confirm-heading" }, t("confirm.title")), h("p", { class: "muted" }, t("confirm.why")), form);
}

function payLabel(checkout, offer) {
  const total = checkout.totalPrice.gross;
  if (!offer) return t("checkout.redeem", { points: formatPoints(total.amount, total.currency) });
  return t("card.pay", { points: formatPoints(offer.points, offer.unit), cash: formatMoney(offer.cash) });
}

function summarySection(state) {
  const checkout = cart.checkout;
  const { blocked, message, offer } = readiness(state);
  const button = h("button", { type: "button", class: "button button-large", disabled: blocked },
    payLabel(checkout, offer));
  button.addEventListener("click", async () => {
    button.disabled = true;
    button.textContent = t("checkout.placing");
    let errors = await placeOrder(offer, state.card);
    if (!errors.length) return;
    if (errors.some((error) => error.code === "CONFIRMATION_REQUIRED")) errors = await requestCode(state);
    await Promise.all([loadCart(), loadMember()]);
    state.errors = errors;
    state.redraw();
  });
  const row = (label, value) => h("div", {}, h("dt", {}, label), h("dd", {}, value));
  return h("section", { class: "panel", "aria-labelledby": "summary-heading" },
    h("h2", { id: "summary-heading" }, t("checkout.summary")),
    h("ul", { class: "summary-lines" }, checkout.lines.map((line) => h("li", {},
      `${line.quantity} × ${line.variant.product.name}${line.variant.name ? ` (${line.variant.name})` : ""}`, " ",
      points(line.totalPrice.gross)))),
    h("dl", { class: "totals" },
      row(t("cart.subtotal"), points(checkout.subtotalPrice.gross)),
      checkout.isShippingRequired ? row(t("checkout.delivery"), points(checkout.shippingPrice.gross)) : null,
      row(t("checkout.total"), points(checkout.totalPrice.gross)),
      member.balance ? row(t("points.available"), formatPoints(member.balance.available, member.balance.currency))
        : null),
    message, state.confirmation ? null : button);
}

function isReadyToPay(checkout) {
  const delivered = !checkout.isShippingRequired || (checkout.shippingAddress && checkout.delivery);
  return delivered && !checkout.lines.some((line) => (line.problems || []).length);
}

async function drawCheckout(container, state) {
  if (!cart.checkout || !cart.checkout.lines.length) {
    replace(container, notice(t("cart.empty")), h("a", { href: "/gifts", class: "button" }, t("home.seeAll")));
    return;
  }
  await preselect(state);
  // Asked before any address when points fall short: whether the bank lets the member pay the rest by card.
  const asked = isReadyToPay(cart.checkout) || isShort(cart.checkout, member.balance);
  state.configs = asked ? await gatewayConfigs(cart.checkout.id).catch(() => null) : null;
  const offer = readiness(state).offer;
  if (!offer) state.card = null;
  const card = offer ? state.cardSection || cardSection(offer, state) : null;
  if (card) card.update(offer);
  state.cardSection = card;
  const errors = errorMessages(state.errors || []);
  const cashAllowed = Boolean(offer && offer.allowed);
  replace(container, errorBox(errors), shortfallPanel(cart.checkout, member.balance, cashAllowed),
    await addressSection(state), deliverySection(state), card,
    summarySection(state), state.confirmation ? codeStep(state) : null);
}

export async function checkoutPage() {
  await Promise.all([loadCart(), loadMember()]);
  const container = h("div", { class: "checkout" });
  const state = { errors: [], editingAddress: false };
  state.redraw = () => drawCheckout(container, state);
  await drawCheckout(container, state);
  return { title: t("checkout.title"), content: [h("h1", {}, t("checkout.title")), container] };
}
