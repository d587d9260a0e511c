// What each bank's programme calls its points, in the console's language. An operator serving several banks
// reads each bank's amounts in that bank's own unit, so an amount is always formatted with where it belongs
// (its channel, its issuer, or at least its unit code), never with one unit for the whole console.
// The names come from the channels the signed-in staff may see (`Channel.pointsUnitNames`, which mirror the
// issuer's), read once at sign-in like the member mall reads its own channel's at boot.

import { graphql } from "./api.js";
import { formatNumber, language, t } from "./i18n.js";

const PROGRAMMES = `query ConsoleUnits { channels { id slug currencyCode issuerCode
  pointsUnitNames { languageCode name } } }`;
// The console's languages as the API names them (pointsUnitNames' languageCode).
const API_LANGUAGES = { en: "EN", "zh-Hans": "ZH_HANS" };

let programmes = [];

function programmeOf(channel) {
  return { id: channel.id, slug: channel.slug, unit: channel.currencyCode, issuer: channel.issuerCode,
    names: Object.fromEntries(channel.pointsUnitNames.map((item) => [item.languageCode, item.name])) };
}

/** Read the programmes' unit names (after sign-in); a failure leaves the codes (PTS) and 积分 in place. */
export async function loadUnits() {
  try {
    programmes = (await graphql(PROGRAMMES)).channels.map(programmeOf);
  } catch {
    programmes = [];
  }
}

export function forgetUnits() {
  programmes = [];
}

/** The programme an amount belongs to: `where` names its channel (ID or slug), its issuer, or its unit code. */
function programmeFor(where) {
  const { channel, issuer, unit } = where;
  return (channel && programmes.find((item) => item.id === channel || item.slug === channel))
    || (issuer && programmes.find((item) => item.issuer === issuer))
    || (unit && programmes.find((item) => item.unit === unit)) || null;
}

/** The unit's name in the console's language: the programme's own, else its code in English and 积分 in
 * Chinese (the rule the member mall and `Issuer.pointsUnitName` follow). */
export function unitName(where = {}) {
  const programme = programmeFor(where);
  const named = programme && programme.names[API_LANGUAGES[language()]];
  return named || t("points.unitName", { unit: (programme && programme.unit) || where.unit || "" });
}

/** "1,500 points" or "1,500 积分": a whole number of points with the unit of the programme it belongs to. */
export function formatPoints(amount, where = {}) {
  return t("points.amount", { number: formatNumber(Math.round(Number(amount))), unit: unitName(where) });
}
