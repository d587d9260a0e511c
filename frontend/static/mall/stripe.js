// Stripe.js, loaded only when a member pays part of a redemption by card, from the URL the mall is
// configured with (the gateway's `stripeJsUrl`): the one place the page may reach outside its origin.

let loading = null;

/** Load Stripe.js once; resolves to the global `Stripe` constructor. */
export function loadStripe(url) {
  if (window.Stripe) return Promise.resolve(window.Stripe);
  loading = loading || new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = url;
    script.onload = () => (window.Stripe ? resolve(window.Stripe) : reject(new Error("Stripe.js did not load")));
    script.onerror = () => { loading = null; reject(new Error("Stripe.js did not load")); };
    document.head.append(script);
  });
  return loading;
}

/** A Stripe card field mounted in `container`; returns {stripe, card}. */
export async function mountCard(container, config) {
  const Stripe = await loadStripe(config.stripeJsUrl);
  const stripe = Stripe(config.publishableKey);
  const card = stripe.elements().create("card", { hidePostalCode: true });
  card.mount(container);
  return { stripe, card };
}
