// Cart: the lines of the member's checkout, quantities, stock problems, and the way to checkout.

import { cart, loadCart, removeLine, setLineQuantity } from "../cart.js";
import { errorBox, errorMessages, image, notice, points } from "../components.js";
import { announce, h, replace } from "../dom.js";
import { formatPoints, t } from "../i18n.js";
import { member } from "../member.js";

/** Sentences for the stock problems of a line, e.g. "Only 2 left: lower the quantity." */
export function lineProblems(line) {
  return (line.problems || []).map((problem) => {
    if (problem.__typename === "CheckoutLineProblemInsufficientStock") {
      return problem.availableQuantity
        ? t("cart.onlyLeft", { count: problem.availableQuantity }) : t("cart.soldOutNow");
    }
    return t("cart.unavailable");
  });
}

/** Whether the member's available points are below what the checkout costs so far. */
export function isShort(checkout, balance) {
  if (!balance || checkout.authorizeStatus === "FULL") return false;
  return checkout.totalPrice.gross.amount > balance.available;
}

/** Points short, said on the cart and at the top of checkout before any address: the balance, the total,
 * how many are missing (or that the bank takes the rest by card), and the shelf of gifts within the balance. */
export function shortfallPanel(checkout, balance, cashAllowed = false) {
  if (!isShort(checkout, balance)) return null;
  const total = checkout.totalPrice.gross;
  const amounts = { total: formatPoints(total.amount, total.currency),
    available: formatPoints(balance.available, total.currency),
    short: formatPoints(total.amount - balance.available, total.currency) };
  return h("section", { class: "panel shortfall", "aria-labelledby": "shortfall-heading" },
    h("h2", { id: "shortfall-heading" }, t("checkout.shortTitle")),
    h("p", {}, t(cashAllowed ? "checkout.shortCash" : "checkout.short", amounts)),
    h("a", { href: "/gifts?within=1&sort=price-desc" }, t("checkout.whatCanIGet")));
}

function quantityForm(line, redraw) {
  const id = `quantity-${line.id}`;
  const input = h("input", { type: "number", id, min: 1, max: line.variant.quantityLimitPerCustomer || 99,
    value: line.quantity, inputmode: "numeric", class: "quantity-input" });
  const submit = async (event) => {
    event.preventDefault();
    const errors = await setLineQuantity(line.id, Number.parseInt(input.value, 10) || 1);
    redraw(errors);
  };
  return h("form", { class: "line-quantity", onsubmit: submit },
    h("label", { for: id }, t("cart.quantity")), input,
    h("button", { type: "submit", class: "button button-secondary" }, t("cart.update")));
}

function cartLine(line, redraw) {
  const product = line.variant.product;
  const remove = async () => {
    const errors = await removeLine(line.id);
    announce(t("cart.removed", { name: product.name }));
    redraw(errors);
  };
  return h("li", { class: "cart-line" },
    image(product.thumbnail, product.name, { width: 96, height: 96 }),
    h("div", { class: "cart-line-body" },
      h("a", { href: `/gift/${product.slug}`, class: "cart-line-name" }, product.name),
      line.variant.name ? h("p", { class: "muted" }, line.variant.name) : null,
      h("p", {}, points(line.totalPrice.gross)),
      errorBox(lineProblems(line)),
      h("div", { class: "cart-line-actions" }, quantityForm(line, redraw),
        h("button", { type: "button", class: "link-button", onclick: remove,
          "aria-label": t("cart.removeLabel", { name: product.name }) }, t("cart.remove")))));
}

function cartContent(container, errors = []) {
  const checkout = cart.checkout;
  const redraw = (newErrors) => cartContent(container, newErrors);
  if (!checkout || !checkout.lines.length) {
    return replace(container, notice(t("cart.empty")), h("a", { href: "/gifts", class: "button" }, t("home.seeAll")));
  }
  const blocked = checkout.lines.some((line) => (line.problems || []).length);
  return replace(container,
    errorBox(errorMessages(errors)),
    h("ul", { class: "cart-lines" }, checkout.lines.map((line) => cartLine(line, redraw))),
    h("p", { class: "cart-total" }, t("cart.subtotal"), " ", points(checkout.subtotalPrice.gross)),
    shortfallPanel(checkout, member.balance),
    blocked
      ? h("p", { class: "hint hint-warning" }, t("cart.fixProblems"))
      : h("a", { href: "/checkout", class: "button button-large" }, t("cart.checkout")));
}

export async function cartPage() {
  await loadCart();
  const container = h("div", { class: "cart" });
  cartContent(container);
  return { title: t("cart.title"), content: [h("h1", {}, t("cart.title")), container] };
}
