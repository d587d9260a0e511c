// Addresses: the member's address book, a new-address form, and an address in a few readable lines.

import { graphql } from "../api.js";
import { field, formValues, h, replace } from "../dom.js";
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

/** Whether an address reads in Chinese order (province, city, district, street): a Chinese address. */
export function isChineseAddress(address) {
  const country = address.country && (address.country.code || address.country);
  return country === "CN";
}

function hasChinese(text) {
  return /[\u3400-\u9fff]/.test(text || "");
}

/** The recipient's name: surname first with no space when written in Chinese, "Ada Chen" otherwise. */
function recipientName(address) {
  if (hasChinese(address.lastName) || hasChinese(address.firstName)) return `${address.lastName}${address.firstName}`;
  return `${address.firstName} ${address.lastName}`.trim();
}

/** A Chinese address as it is written on a parcel: recipient and mobile, then country, province, city and
 * district, the street, the postal code. */
function chineseLines(address, country) {
  return [
    [recipientName(address), address.phone].filter(Boolean).join(" "),
    [country, address.countryArea, address.city, address.cityArea].filter(Boolean).join(" "),
    [address.streetAddress1, address.streetAddress2].filter(Boolean).join(" "),
    address.postalCode || "",
  ].filter(Boolean);
}

/** An address in lines: Chinese order for a Chinese address, otherwise name, street, district, city,
 * province and postal code, country, phone. */
export function addressLines(address) {
  const country = address.country ? countryName(address.country.code || address.country) : "";
  if (isChineseAddress(address)) return chineseLines(address, country);
  return [
    recipientName(address),
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

function countrySelect(codes, chosen, onChange) {
  const sorted = [...codes].sort((a, b) => countryName(a).localeCompare(countryName(b), language()));
  const options = sorted.map((code) => h("option", { value: code, selected: code === chosen }, countryName(code)));
  return field(t("address.country"), { tag: "select", name: "country", autocomplete: "country", options,
    onchange: onChange });
}

function textField(name, autocomplete, { required = false, type = "text", label = `address.${name}` } = {}) {
  return field(t(label), { name, autocomplete, required, type });
}

/** Recipient and mobile first, then province, city, district and the street: how Chinese addresses are
 * written. Stored in Saleor's fields: countryArea (province), city, cityArea (district), streetAddress1. */
function chineseFields(country) {
  return [
    h("fieldset", { class: "field-group" }, h("legend", {}, t("address.recipient")),
      h("div", { class: "field-pair" }, textField("lastName", "family-name", { required: true }),
        textField("firstName", "given-name", { required: true }))),
    textField("phone", "tel", { required: true, type: "tel", label: "address.mobile" }),
    country,
    h("div", { class: "field-triple" },
      textField("countryArea", "address-level1", { required: true, label: "address.province" }),
      textField("city", "address-level2", { required: true }),
      textField("cityArea", "address-level3", { label: "address.district" })),
    textField("streetAddress1", "street-address", { required: true, label: "address.detail" }),
    textField("postalCode", "postal-code", { required: true }),
  ];
}

function westernFields(country) {
  return [
    h("div", { class: "field-pair" }, textField("firstName", "given-name", { required: true }),
      textField("lastName", "family-name", { required: true })),
    textField("phone", "tel", { required: true, type: "tel" }),
    textField("streetAddress1", "address-line1", { required: true }), textField("streetAddress2", "address-line2"),
    h("div", { class: "field-pair" }, textField("city", "address-level2", { required: true }),
      textField("cityArea", "address-level3")),
    h("div", { class: "field-pair" }, textField("countryArea", "address-level1"),
      textField("postalCode", "postal-code", { required: true })),
    country,
  ];
}

/** The form's fields for `countryCode`: Chinese order in Chinese or for China, the typed values kept. */
function drawFields(holder, codes, countryCode) {
  const typed = Object.fromEntries([...holder.querySelectorAll("input[name]")].map((input) => [input.name,
    input.value]));
  const country = countrySelect(codes, countryCode, (event) => {
    drawFields(holder, codes, event.target.value);
    holder.querySelector("select[name=country]").focus();  // the select was drawn anew: keep the member's place
  });
  const chinese = language() === "zh-Hans" || countryCode === "CN";
  replace(holder, chinese ? chineseFields(country) : westernFields(country));
  for (const input of holder.querySelectorAll("input[name]")) input.value = typed[input.name] || "";
  holder.dataset.layout = chinese ? "chinese" : "western";
}

/** A form for a new address; `onSubmit(input, save)` gets the AddressInput and "save in my book". */
export async function newAddressForm(onSubmit) {
  const codes = await countryCodes();
  const submit = (event) => {
    event.preventDefault();
    const { save, ...values } = formValues(event.target);
    onSubmit(values, save);
  };
  const holder = h("div", { class: "address-fields" });
  drawFields(holder, codes, DEFAULT_COUNTRY);
  return h("form", { class: "address-form", onsubmit: submit }, holder,
    h("div", { class: "field field-checkbox" }, h("input", { type: "checkbox", id: "save-address", name: "save",
      checked: true }), h("label", { for: "save-address" }, t("address.save"))),
    h("button", { type: "submit", class: "button" }, t("address.use")));
}

/** Keep an address in the member's book; returns the API's errors. */
export async function saveAddress(input) {
  return (await graphql(ADDRESS_CREATE, { input })).accountAddressCreate.errors;
}
