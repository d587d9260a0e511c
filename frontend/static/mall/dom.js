// Tiny DOM helpers: build elements from data without ever parsing data as HTML.

const BOOLEAN_ATTRIBUTES = new Set(["disabled", "checked", "selected", "required", "hidden", "readonly", "multiple"]);

function setAttribute(element, name, value) {
  if (value === null || value === undefined || value === false) return;
  if (name === "class") element.className = value;
  else if (name === "text") element.textContent = value;
  else if (name.startsWith("on") && typeof value === "function") {
    element.addEventListener(name.slice(2).toLowerCase(), value);
  } else if (BOOLEAN_ATTRIBUTES.has(name)) element[name] = Boolean(value);
  else if (name === "value") element.value = value;
  else element.setAttribute(name, value === true ? "" : String(value));
}

function appendChildren(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** h("a", {href: "/", class: "x"}, "text", otherNode): one element with attributes and children. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) setAttribute(element, name, value);
  appendChildren(element, children);
  return element;
}

/** Replace everything inside `element` with `children`. */
export function replace(element, ...children) {
  element.replaceChildren();
  appendChildren(element, children);
  return element;
}

/** Say `message` to screen-reader users through the page's live region. */
export function announce(message) {
  const region = document.getElementById("announcer");
  if (!region) return;
  region.textContent = "";
  window.setTimeout(() => { region.textContent = message; }, 50);
}

let uniqueCounter = 0;
/** A fresh id for pairing a label with its input. */
export function uniqueId(prefix) {
  uniqueCounter += 1;
  return `${prefix}-${uniqueCounter}`;
}

/** A labelled form field: returns the wrapper; the input is `wrapper.input`. */
export function field(label, inputAttributes = {}, hint = "") {
  const id = inputAttributes.id || uniqueId("field");
  const hintId = hint ? `${id}-hint` : null;
  const tag = inputAttributes.tag || "input";
  const { tag: _ignored, options, ...attributes } = inputAttributes;
  const input = h(tag, { ...attributes, id, "aria-describedby": hintId }, options || []);
  const wrapper = h("div", { class: "field" },
    h("label", { for: id }, label), input, hint ? h("p", { class: "hint", id: hintId }, hint) : null);
  wrapper.input = input;
  return wrapper;
}

/** Read a form's named inputs as a plain object of strings (checkboxes as booleans). */
export function formValues(form) {
  const values = {};
  for (const element of form.elements) {
    if (!element.name) continue;
    if (element.type === "checkbox") values[element.name] = element.checked;
    else if (element.type === "radio") { if (element.checked) values[element.name] = element.value; }
    else values[element.name] = element.value.trim();
  }
  return values;
}
