// Admin settings: retention, trace levels per area, and the recordings groups (devices and extensions per user).
import { getJson, putJson, remove } from "./api.js";
import { button, byId, element, row } from "./dom.js";
import { t, term } from "./i18n.js";

const LEVELS = ["ERROR", "WARN", "INFO", "DEBUG", "TRACE"];
const AREAS = ["recording", "callInformation", "converting", "licensing", "ui"];

export async function loadSettings() {
  byId("retention").days.value = (await getJson("/api/v1/settings/retention")).days;
  const levels = await getJson("/api/v1/settings/trace-levels");
  const fields = byId("trace-fields");
  fields.replaceChildren();
  for (const area of AREAS) {
    const select = element("select");
    select.name = area;
    for (const level of LEVELS) select.append(new Option(level, level, false, levels[area] === level));
    const label = element("label");
    label.append(element("span", term("trace", area)), select);
    fields.append(label);
  }
}

async function saved(statusId, action) {
  const status = byId(statusId);
  try {
    await action();
    status.textContent = t("settings.saved");
  } catch (error) {
    status.textContent = error.message;
  }
}

function listOf(text) {
  return text.split(/[,\s]+/).map((value) => value.trim()).filter(Boolean);
}

export async function loadGroups() {
  const rows = byId("group-rows");
  rows.replaceChildren();
  for (const group of await getJson("/api/v1/groups")) {
    const actions = element("span", null, "actions");
    actions.append(button(t("groups.editOne"), () => {
      const form = byId("group-form");
      form.user.value = group.user;
      form.devices.value = group.devices.join(", ");
      form.extensions.value = group.extensions.join(", ");
      form.user.focus();
    }), button(t("groups.remove"), async () => {
      await remove("/api/v1/groups/" + encodeURIComponent(group.user));
      await loadGroups();
    }, "danger"));
    row(rows, [group.user, group.devices.join(", "), group.extensions.join(", "), actions]).dataset.user = group.user;
  }
}

export function wireAdmin(showError) {
  byId("retention").addEventListener("submit", (event) => {
    event.preventDefault();
    saved("retention-status", () => putJson("/api/v1/settings/retention",
        { days: Number(byId("retention").days.value) }));
  });
  byId("trace-levels").addEventListener("submit", (event) => {
    event.preventDefault();
    const body = {};
    for (const area of AREAS) body[area] = event.target.elements[area].value;
    saved("trace-status", () => putJson("/api/v1/settings/trace-levels", body));
  });
  byId("group-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    try {
      await putJson("/api/v1/groups/" + encodeURIComponent(form.user.value.trim()),
          { devices: listOf(form.devices.value), extensions: listOf(form.extensions.value) });
      form.reset();
      await loadGroups();
    } catch (error) {
      showError(error);
    }
  });
}
