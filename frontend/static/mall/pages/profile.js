// The member's account page ("Me"): shortcuts to their points, vouchers and inbox, then their profile, saved
// addresses, password and language, each saved through Saleor's own account mutations with the API's
// errors shown beside the field they name.

import { graphql } from "../api.js";
import { errorBox, errorMessages, notice } from "../components.js";
import { field, formValues, h, replace } from "../dom.js";
import { language, LANGUAGES, setLanguage, t } from "../i18n.js";
import { loadMember, signOut } from "../member.js";
import {
  ACCOUNT_ADDRESS_CREATE, ACCOUNT_ADDRESS_DELETE, ACCOUNT_ADDRESS_UPDATE, ACCOUNT_DEFAULT_ADDRESS, ACCOUNT_UPDATE,
  PASSWORD_CHANGE, PROFILE,
} from "../operations.js";
import { programmeSection } from "../programme.js";
import { navigate, render } from "../router.js";
import { addressBlock } from "./address.js";

// The account's contact phone lives in its public metadata: Saleor's User has no phone of its own.
const PHONE_KEY = "phone";
const DEFAULT_COUNTRY = "CN";
// Chinese addresses read from the largest place to the smallest; the fields follow the member's language.
const ADDRESS_ORDER = {
  en: ["firstName", "lastName", "phone", "streetAddress1", "streetAddress2", "cityArea", "city", "countryArea",
    "postalCode"],
  "zh-Hans": ["lastName", "firstName", "phone", "countryArea", "city", "cityArea", "streetAddress1",
    "streetAddress2", "postalCode"],
};
const AUTOCOMPLETE = {
  firstName: "given-name", lastName: "family-name", phone: "tel", streetAddress1: "address-line1",
  streetAddress2: "address-line2", city: "address-level2", cityArea: "address-level3",
  countryArea: "address-level1", postalCode: "postal-code",
};
const REQUIRED = new Set(["firstName", "lastName", "phone", "streetAddress1", "city", "postalCode"]);

/** Show the API's errors: each under the field it names, the rest (no field, or one not on the form) on top. */
function showErrors(form, status, errors) {
  for (const old of form.querySelectorAll(".field-error")) old.remove();
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const general = [];
  errors.forEach((error, index) => {
    const input = error.field ? form.querySelector(`[name="${error.field}"]`) : null;
    const [message] = errorMessages([error]);
    if (!input) {
      general.push(message);
      return;
    }
    const id = `${input.id}-error-${index}`;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", id);
    input.closest(".field").append(h("p", { class: "field-error", id }, message));
  });
  replace(status, general.length ? errorBox(general) : errorBox(t("profile.fixFields")));
  const first = form.querySelector("[aria-invalid]");
  if (first) first.focus();
}

/** A form that runs `save(values)` (returning the API's errors) and says "Saved" or shows what went wrong. */
function savingForm(className, children, buttonLabel, save) {
  const status = h("div", { class: "form-status" });
  const button = h("button", { type: "submit", class: "button" }, buttonLabel);
  const form = h("form", { class: `account-section-form ${className}`, novalidate: true }, children, status, button);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    button.disabled = true;
    const errors = await save(formValues(form));
    button.disabled = false;
    if (errors.length) showErrors(form, status, errors);
    else {
      for (const old of form.querySelectorAll(".field-error")) old.remove();
      replace(status, notice(t("profile.saved"), "success"));
    }
  });
  return form;
}

function metadataValue(me, key) {
  const item = (me.metadata || []).find((entry) => entry.key === key);
  return item ? item.value : "";
}

function profileForm(me) {
  const text = (name, label, value, extra = {}) => field(label, { name, value: value || "", ...extra });
  return savingForm("profile-form", [
    h("p", {}, h("span", { class: "muted" }, t("account.email")), " ", me.email),
    h("div", { class: "field-pair" },
      text("firstName", t("address.firstName"), me.firstName, { autocomplete: "given-name" }),
      text("lastName", t("address.lastName"), me.lastName, { autocomplete: "family-name" })),
    text("phone", t("profile.phone"), metadataValue(me, PHONE_KEY), { type: "tel", autocomplete: "tel",
      inputmode: "tel" }),
  ], t("profile.save"), async (values) => {
    const phone = values.phone.replace(/[\s-]/g, "");
    if (phone && !/^\+?\d{6,15}$/.test(phone)) {
      return [{ field: "phone", code: "INVALID_PHONE", message: t("error.INVALID_PHONE") }];
    }
    const input = { firstName: values.firstName, lastName: values.lastName,
      metadata: [{ key: PHONE_KEY, value: phone }] };
    const result = (await graphql(ACCOUNT_UPDATE, { input })).accountUpdate;
    if (!result.errors.length) await loadMember();
    return result.errors;
  });
}

function languageForm(me) {
  const current = me.languageCode;
  const choices = LANGUAGES.map((item) => h("div", { class: "choice" },
    h("input", { type: "radio", name: "languageCode", id: `language-${item.api}`, value: item.api,
      checked: item.api === current }),
    h("label", { for: `language-${item.api}`, lang: item.code }, item.label)));
  return savingForm("language-form", [
    h("fieldset", {}, h("legend", {}, t("profile.languageLegend")), choices),
    h("p", { class: "hint" }, t("profile.languageHint")),
  ], t("profile.saveLanguage"), async (values) => {
    const result = (await graphql(ACCOUNT_UPDATE, { input: { languageCode: values.languageCode } })).accountUpdate;
    if (result.errors.length) return result.errors;
    const chosen = LANGUAGES.find((item) => item.api === values.languageCode);
    await loadMember();
    if (chosen && chosen.code !== language()) setLanguage(chosen.code);  // redraws this page in that language
    return [];
  });
}

function passwordForm() {
  const password = (name, label, autocomplete, hint = "") => field(label, { type: "password", name, autocomplete,
    required: true }, hint);
  return savingForm("password-form", [
    password("oldPassword", t("profile.oldPassword"), "current-password"),
    password("newPassword", t("profile.newPassword"), "new-password", t("account.passwordHint")),
  ], t("profile.changePassword"), async (values) => {
    const errors = (await graphql(PASSWORD_CHANGE, values)).passwordChange.errors;
    if (!errors.length) for (const input of document.querySelectorAll(".password-form input")) input.value = "";
    return errors;
  });
}

function addressFields(address) {
  const order = ADDRESS_ORDER[language()] || ADDRESS_ORDER.en;
  const fields = order.map((name) => field(t(`address.${name}`), { name, value: (address && address[name]) || "",
    autocomplete: AUTOCOMPLETE[name], required: REQUIRED.has(name), type: name === "phone" ? "tel" : "text" }));
  const country = (address && address.country && address.country.code) || DEFAULT_COUNTRY;
  return [...fields, h("input", { type: "hidden", name: "country", value: country })];
}

/** The form for a new address (no `address`) or for changing one. */
function addressForm(address, onDone) {
  const form = savingForm("address-editor", addressFields(address), t("profile.saveAddress"), async (input) => {
    const result = address
      ? (await graphql(ACCOUNT_ADDRESS_UPDATE, { id: address.id, input })).accountAddressUpdate
      : (await graphql(ACCOUNT_ADDRESS_CREATE, { input })).accountAddressCreate;
    if (!result.errors.length) onDone();
    return result.errors;
  });
  form.append(h("button", { type: "button", class: "link-button", onclick: () => onDone() }, t("profile.cancel")));
  return form;
}

async function runAndRedraw(operation, name, variables, status) {
  const errors = (await graphql(operation, variables))[name].errors;
  if (errors.length) replace(status, errorBox(errorMessages(errors)));
  else render({ restoreScroll: true });
}

function addressCard(address, showEditor) {
  const status = h("div", { class: "form-status" });
  const confirmDelete = h("div", { class: "address-confirm", hidden: true },
    h("span", {}, t("profile.deleteQuestion")), " ",
    h("button", { type: "button", class: "button button-secondary", onclick: () =>
      runAndRedraw(ACCOUNT_ADDRESS_DELETE, "accountAddressDelete", { id: address.id }, status) },
    t("profile.deleteYes")));
  const actions = h("div", { class: "address-actions" },
    h("button", { type: "button", class: "link-button", onclick: () => showEditor(address) }, t("profile.edit")),
    h("button", { type: "button", class: "link-button", onclick: () => { confirmDelete.hidden = false; } },
      t("profile.delete")),
    address.isDefaultShippingAddress ? null : h("button", { type: "button", class: "link-button", onclick: () =>
      runAndRedraw(ACCOUNT_DEFAULT_ADDRESS, "accountSetDefaultAddress", { id: address.id }, status) },
    t("profile.makeDefault")));
  return h("li", { class: "address-card panel" },
    address.isDefaultShippingAddress ? h("span", { class: "badge badge-default" }, t("profile.default")) : null,
    addressBlock(address), actions, confirmDelete, status);
}

function addressSection(addresses) {
  const editorSlot = h("div", { class: "address-editor-slot" });
  const list = h("ul", { class: "address-cards" });
  const closeEditor = () => render({ restoreScroll: true });
  const showEditor = (address) => {
    replace(editorSlot, h("h3", {}, address ? t("profile.editAddress") : t("profile.newAddress")),
      addressForm(address, closeEditor));
    const first = editorSlot.querySelector("input:not([type=hidden])");
    if (first) first.focus();
  };
  replace(list, addresses.map((address) => addressCard(address, showEditor)));
  return h("section", { class: "account-section", "aria-labelledby": "addresses-heading" },
    h("h2", { id: "addresses-heading" }, t("profile.addresses")),
    addresses.length ? list : h("p", { class: "muted" }, t("profile.noAddresses")),
    h("button", { type: "button", class: "button button-secondary", onclick: () => showEditor(null) },
      t("profile.addAddress")),
    editorSlot);
}

function section(id, title, ...children) {
  return h("section", { class: "account-section", "aria-labelledby": id }, h("h2", { id }, title), children);
}

function shortcuts() {
  const link = (href, label) => h("li", {}, h("a", { href }, label));
  return h("nav", { class: "account-shortcuts", "aria-label": t("profile.shortcuts") }, h("ul", {},
    link("/points", t("nav.points")), link("/vouchers", t("nav.vouchers")), link("/rewards", t("nav.rewards")),
    link("/inbox", t("nav.inbox")), link("/help", t("profile.help"))));
}

export async function profilePage() {
  const [me, programme] = await Promise.all([graphql(PROFILE).then((data) => data.me), programmeSection()]);
  const leave = h("button", { type: "button", class: "button button-secondary", onclick: () => {
    signOut();
    navigate("/");
  } }, t("nav.signOut"));
  return {
    title: t("profile.title"),
    content: [h("h1", {}, t("profile.title")), shortcuts(),
      section("profile-heading", t("profile.details"), profileForm(me)),
      addressSection(me.addresses),
      section("password-heading", t("profile.password"), passwordForm()),
      section("language-heading", t("profile.language"), languageForm(me)),
      programme,
      h("p", {}, leave)],
  };
}
