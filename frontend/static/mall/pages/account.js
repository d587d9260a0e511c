// Sign in, sign up, "forgot my password" and the new-password page the reset e-mail links to.

import { graphql, startSession } from "../api.js";
import { loadCart } from "../cart.js";
import { errorBox, errorMessages, notice } from "../components.js";
import { field, formValues, h, replace } from "../dom.js";
import { apiLanguage, t } from "../i18n.js";
import { loadMember, signIn } from "../member.js";
import { channelSlug } from "../config.js";
import { REGISTER, REQUEST_PASSWORD_RESET, SET_PASSWORD } from "../operations.js";
import { programmeSection } from "../programme.js";
import { navigate, urlWith } from "../router.js";

/** Where to go after signing in: a path on this site only (never another origin). */
function safeNext(next) {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

function accountForm(fields, submitLabel, onSubmit) {
  const status = h("div", { class: "form-status" });
  const button = h("button", { type: "submit", class: "button button-large" }, submitLabel);
  const submit = async (event) => {
    event.preventDefault();
    button.disabled = true;
    const messages = await onSubmit(formValues(event.target), status);
    button.disabled = false;
    if (messages && messages.length) replace(status, errorBox(messages));
  };
  return h("form", { class: "account-form", onsubmit: submit, novalidate: false }, fields, status, button);
}

const email = () => field(t("account.email"), { type: "email", name: "email", autocomplete: "email", required: true });
const password = (autocomplete, hint = "") => field(t("account.password"), { type: "password", name: "password",
  autocomplete, required: true, minlength: autocomplete === "new-password" ? 8 : null }, hint);

export async function signInPage({ query }) {
  const next = safeNext(query.next);
  const form = accountForm([email(), password("current-password")], t("nav.signIn"), async (values) => {
    const errors = await signIn(values.email, values.password);
    if (errors.length) return errorMessages(errors);
    await loadCart();
    navigate(next, { replace: true });
    return [];
  });
  return {
    title: t("nav.signIn"),
    content: [h("h1", {}, t("nav.signIn")), form,
      h("p", {}, h("a", { href: urlWith("/sign-up", { next: query.next }) }, t("account.noAccount"))),
      h("p", {}, h("a", { href: "/forgot-password" }, t("account.forgot"))), await programmeSection()],
  };
}

export function signUpPage({ query }) {
  const fields = [
    h("div", { class: "field-pair" },
      field(t("address.firstName"), { name: "firstName", autocomplete: "given-name" }),
      field(t("address.lastName"), { name: "lastName", autocomplete: "family-name" })),
    email(), password("new-password", t("account.passwordHint")),
  ];
  const form = accountForm(fields, t("account.signUp"), async (values, status) => {
    const input = { ...values, languageCode: apiLanguage(), channel: channelSlug(),
      redirectUrl: `${window.location.origin}/sign-in` };
    const result = (await graphql(REGISTER, { input })).accountRegister;
    if (result.errors.length) return errorMessages(result.errors);
    if (result.requiresConfirmation) {
      replace(status, notice(t("account.confirmSent"), "success"));
      return [];
    }
    const errors = await signIn(values.email, values.password);
    if (errors.length) return errorMessages(errors);
    navigate(safeNext(query.next), { replace: true });
    return [];
  });
  return { title: t("account.signUp"), content: [h("h1", {}, t("account.signUp")), form,
    h("p", {}, h("a", { href: "/sign-in" }, t("account.haveAccount")))] };
}

export function forgotPasswordPage() {
  const form = accountForm([email()], t("account.sendLink"), async (values, status) => {
    const variables = { email: values.email, redirectUrl: `${window.location.origin}/reset-password`,
      channel: channelSlug() };
    const errors = (await graphql(REQUEST_PASSWORD_RESET, variables)).requestPasswordReset.errors;
    if (errors.length) return errorMessages(errors);
    replace(status, notice(t("account.linkSent"), "success"));
    return [];
  });
  return { title: t("account.forgotTitle"), content: [h("h1", {}, t("account.forgotTitle")),
    h("p", {}, t("account.forgotText")), form] };
}

export function resetPasswordPage({ query }) {
  const form = accountForm([password("new-password", t("account.passwordHint"))], t("account.setPassword"),
    async (values) => {
      const variables = { email: query.email || "", token: query.token || "", password: values.password };
      const result = (await graphql(SET_PASSWORD, variables)).setPassword;
      if (result.errors.length) return errorMessages(result.errors);
      startSession(result.token, result.refreshToken);
      await loadMember();
      navigate("/", { replace: true });
      return [];
    });
  return { title: t("account.resetTitle"), content: [h("h1", {}, t("account.resetTitle")),
    h("p", {}, t("account.resetFor", { email: query.email || "" })), form] };
}
