// Addresses: the member's address book, a new-address form, and an address in a few readable lines.

import { graphql } from "../api.js";
import { field, formValues, h } from "../dom.js";
import { apiLanguage, language, t } from "../i18n.js";
import { ADDRESS_BOOK, ADDRESS_CREATE } from "../operations.js";

const DEFAULT_COUNTRY = "CN";
const ADDRESS_FIELDS = ["firstName", "lastName", "phone", "streetAddress1", "streetAddress2", "cityArea", "city",
  "countryArea", "postalCode", "country"];
let countriesCache = null;

export async function addressBook() {
  return (await graphql(ADDRESS_BOOK)).me.addresses;
}

async function countryCodes() {
  const query = "query Countries($language: LanguageCodeEnum) { shop { countries(languageCode: $language) { code } } }";
  countriesCache = countriesCache || (await graphql(query, { language: apiLanguage() })).shop.countries
    .map((country) => country.code);
  return countriesCache;
}

function countryName(code) {
  try {
    return new Intl.DisplayNames([language()], { type: "region" }).of(code) || code;
  } catch {
    return code;
  }
}

/** An address in lines: name, street, city and area, country, phone. */
export function addressLines(address) {
  const country = address.country ? countryName(address.country.code || address.country) : "";
  return [
    `${address.firstName} ${address.lastName}`.trim(),
    [address.streetAddress1, address.streetAddress2].filter(Boolean).join(", "),
    [address.cityArea, address.city, address.countryArea, address.postalCode].filter(Boolean).join(", "),
    country,
    address.phone || "",
  ].filter(Boolean);
}

export function addressBlock(address) {
  return h("address", {}, addressLines(address).map((line) => h("span", { class: "address-line" }, line)));
}

/** The AddressInput the API takes, from a saved address. */
export function addressInput(address) {
  const input = {};
  for (const name of ADDRESS_FIELDS) input[name] = address[name] || "";
  input.country = address.country.code || address.country;
  return input;
}

function countrySelect(codes) {
  const sorted = [...codes].sort((a, b) => countryName(a).localeCompare(countryName(b), language()));
  const options = sorted.map((code) => h("option", { value: code, selected: code === DEFAULT_COUNTRY },
    countryName(code)));
  return field(t("address.country"), { tag: "select", name: "country", autocomplete: "country", options });
}

/** A form for a new address; `onSubmit(input, save)` gets the AddressInput and "save in my book". */
export async function newAddressForm(onSubmit) {
  const codes = await countryCodes();
  const text = (name, autocomplete, required = false, type = "text") =>
    field(t(`address.${name}`), { name, autocomplete, required, type });
  const submit = (event) => {
    event.preventDefault();
    const { save, ...values } = formValues(event.target);
    onSubmit(values, save);
  };
  return h("form", { class: "address-form", onsubmit: submit },
    h("div", { class: "field-pair" }, text("firstName", "given-name", true), text("lastName", "family-name", true)),
    text("phone", "tel", true, "tel"),
    text("streetAddress1", "address-line1", true), text("streetAddress2", "address-line2"),
    h("div", { class: "field-pair" }, text("city", "address-level2", true), text("cityArea", "address-level3")),
    h("div", { class: "field-pair" }, text("countryArea", "address-level1"),
      text("postalCode", "postal-code", true)),
    countrySelect(codes),
    h("div", { class: "field field-checkbox" }, h("input", { type: "checkbox", id: "save-address", name: "save",
      checked: true }), h("label", { for: "save-address" }, t("address.save"))),
    h("button", { type: "submit", class: "button" }, t("address.use")));
}

/** Keep an address in the member's book; returns the API's errors. */
export async function saveAddress(input) {
  return (await graphql(ADDRESS_CREATE, { input })).accountAddressCreate.errors;
}
