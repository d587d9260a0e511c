// Where the mall runs: its channel (one bank's points programme), chosen by the page's <meta> tag,
// or by a `?channel=` link (the bank's app may open the mall on its own programme), remembered.

const CHANNEL_KEY = "mall.channel";
const SLUG_PATTERN = /^[a-z0-9-]{1,100}$/;

function channelFromLink() {
  const slug = new URLSearchParams(window.location.search).get("channel");
  return slug && SLUG_PATTERN.test(slug) ? slug : null;
}

function channelFromPage() {
  const meta = document.querySelector('meta[name="mall-channel"]');
  return meta ? meta.content : "default-channel";
}

/** The channel slug every catalogue, checkout and points call uses. */
export function channelSlug() {
  const linked = channelFromLink();
  if (linked) {
    window.localStorage.setItem(CHANNEL_KEY, linked);
    return linked;
  }
  return window.localStorage.getItem(CHANNEL_KEY) || channelFromPage();
}

export const PAGE_SIZE = 12;
export const EXPIRING_WITHIN_DAYS = 60;
export const LOW_STOCK_THRESHOLD = 5;
