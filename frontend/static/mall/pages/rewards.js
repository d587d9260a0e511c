// Rewards: the member's tier with its benefits and the way to the next tier, the daily sign-in with its streak,
// and the ways to earn with what is left of each cap (all counted by the bank's programme, in its time zone).

import { graphql } from "../api.js";
import { errorBox, errorMessages, notice } from "../components.js";
import { channelSlug } from "../config.js";
import { announce, h, replace } from "../dom.js";
import { formatDay, formatNumber, formatPoints, t } from "../i18n.js";
import { loadMember } from "../member.js";
import { LOYALTY_SIGN_IN, REWARDS } from "../operations.js";

function benefits(tier) {
  const items = [];
  if (Number(tier.earnMultiplier) > 1) items.push(t("rewards.benefit.multiplier", { times: tier.earnMultiplier }));
  if (Number(tier.pointsDiscountPercent) > 0) {
    items.push(t("rewards.benefit.discount", { percent: tier.pointsDiscountPercent }));
  }
  if (tier.freeDelivery) items.push(t("rewards.benefit.freeDelivery"));
  return items.length ? h("ul", { class: "tier-benefits" }, items.map((text) => h("li", {}, text)))
    : h("p", { class: "muted" }, t("rewards.benefit.none"));
}

function tierSection(progress, currency) {
  if (!progress || !progress.tier) return null;
  const { tier, nextTier } = progress;
  const toNext = nextTier
    ? t("rewards.toNext", { points: formatPoints(progress.toNextTier, currency), tier: nextTier.name })
    : t("rewards.top");
  const keep = progress.anniversary ? t(progress.toRetain ? "rewards.toRetain" : "rewards.retained", {
    points: formatPoints(progress.toRetain, currency), date: formatDay(progress.anniversary) }) : null;
  const share = nextTier ? Math.min(100, Math.round((100 * progress.qualifyingValue) / nextTier.threshold)) : 100;
  return h("section", { class: "tier-card", "aria-labelledby": "tier-heading" },
    h("h2", { id: "tier-heading" }, t("rewards.tierTitle")),
    h("p", { class: `tier-badge tier-${tier.code}` }, tier.name),
    h("p", {}, t("rewards.qualifying", { points: formatPoints(progress.qualifyingValue, currency) })),
    h("progress", { max: "100", value: String(share), "aria-label": toNext }),
    h("p", { class: "tier-next" }, toNext),
    keep ? h("p", { class: "muted" }, keep) : null,
    h("h3", {}, t("rewards.benefits")),
    benefits(tier));
}

function capText(cap) {
  return t(`rewards.capLeft.${cap.period}`, { left: formatNumber(cap.left), cap: formatNumber(cap.cap) });
}

function wayItem(way, currency) {
  const { rule } = way;
  const gives = rule.kind === "SPEND_RATIO"
    ? t("rewards.gives.ratio", { percent: formatNumber(Number(rule.ratio) * 100) })
    : rule.kind === "PRODUCT_POINTS" ? t("rewards.gives.products")
      : t("rewards.gives.points", { points: formatPoints(rule.points, currency) });
  return h("li", { class: `way ${way.available ? "" : "way-used"}` },
    h("span", { class: "way-name" }, rule.name),
    h("span", { class: "way-gives" }, gives),
    way.caps.length ? h("span", { class: "way-caps muted" }, way.caps.map(capText).join(" · ")) : null);
}

function signInSection(ways, progress, currency) {
  const rule = ways.find((way) => way.rule.kind === "SIGN_IN");
  if (!rule) return null;
  const result = h("div", { class: "sign-in-result" });
  const streak = h("p", { class: "streak" }, t("rewards.streak", { days: formatNumber(progress.signInStreak) }));
  const button = h("button", { type: "button", class: "button", disabled: !rule.available },
    rule.available ? t("rewards.signIn") : t("rewards.signedIn"));
  button.addEventListener("click", async () => {
    button.disabled = true;
    const answer = (await graphql(LOYALTY_SIGN_IN, { channel: channelSlug() })).loyaltySignIn;
    if (answer.errors.length) {
      replace(result, errorBox(errorMessages(answer.errors)));
      return;
    }
    const message = t("rewards.signedInToday", { points: formatPoints(answer.award.points, currency),
      days: formatNumber(answer.streak) });
    replace(streak, t("rewards.streak", { days: formatNumber(answer.streak) }));
    replace(result, notice(message, "success"));
    button.textContent = t("rewards.signedIn");
    announce(message);
    loadMember().catch(() => null);
  });
  return h("section", { class: "sign-in-card", "aria-labelledby": "sign-in-heading" },
    h("h2", { id: "sign-in-heading" }, t("rewards.signInTitle")), streak, button, result);
}

export async function rewardsPage() {
  const data = await graphql(REWARDS, { channel: channelSlug() });
  const progress = data.me.tierProgress;
  const currency = data.me.pointsBalance.currency;
  const ways = data.loyaltyWaysToEarn;
  if (!progress && !ways.length) {
    return { title: t("rewards.title"), content: [h("h1", {}, t("rewards.title")), notice(t("rewards.none"))] };
  }
  return {
    title: t("rewards.title"),
    content: [
      h("h1", {}, t("rewards.title")),
      tierSection(progress, currency),
      progress ? signInSection(ways, progress, currency) : null,
      h("section", { "aria-labelledby": "ways-heading" },
        h("h2", { id: "ways-heading" }, t("rewards.waysTitle")),
        h("ul", { class: "ways" }, ways.map((way) => wayItem(way, currency)))),
    ],
  };
}
