// Small DOM builders: text always goes in as textContent, so names in any script (or markup) render as written.

export const byId = (id) => document.getElementById(id);

export function element(tag, text, className) {
  const made = document.createElement(tag);
  if (text !== undefined && text !== null) made.textContent = String(text);
  if (className) made.className = className;
  return made;
}

export function button(label, onClick, className) {
  const made = element("button", label, className);
  made.type = "button";
  made.addEventListener("click", onClick);
  return made;
}

export function row(tbody, values) {
  const tr = tbody.insertRow();
  for (const value of values) {
    const td = tr.insertCell();
    if (value instanceof Node) td.append(value);
    else td.textContent = value === null || value === undefined ? "" : String(value);
  }
  return tr;
}

export function party(number, name) {
  return [number, name].filter(Boolean).join(" ");
}
