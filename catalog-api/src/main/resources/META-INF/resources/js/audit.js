// Audit entries: one recording's history, the caller's own activity, and (admins) the whole log.
import { getJson } from "./api.js";
import { byId, element, row } from "./dom.js";
import { formatDateTime, formatNumber, t, term } from "./i18n.js";

export function auditRows(tbody, entries) {
  tbody.replaceChildren();
  const header = tbody.parentElement.tHead || tbody.parentElement.createTHead();
  header.replaceChildren();
  const titles = header.insertRow();
  for (const key of ["audit.when", "audit.actor", "audit.action", "audit.recording", "audit.detail"]) {
    const th = element("th", t(key));
    th.scope = "col";
    titles.append(th);
  }
  for (const entry of entries) {
    row(tbody, [formatDateTime(entry.at), entry.actor, term("action", entry.action), entry.recordingId, entry.detail]);
  }
  if (entries.length === 0) {
    const td = tbody.insertRow().insertCell();
    td.colSpan = 5;
    td.textContent = t("audit.empty");
  }
}

export async function loadActivity() {
  const page = await getJson("/api/v1/audit?actor=me&size=100");
  auditRows(byId("activity-rows"), page.items);
}

export async function loadAudit() {
  const form = byId("audit-filters");
  const params = new URLSearchParams({ size: 100 });
  if (form.actor.value.trim()) params.set("actor", form.actor.value.trim());
  if (form.action.value) params.set("action", form.action.value);
  auditRows(byId("audit-rows"), (await getJson("/api/v1/audit?" + params)).items);
}

function verificationText(result) {
  if (result.firstBrokenId != null) {
    return t("audit.broken", { id: result.firstBrokenId, position: formatNumber(result.firstBrokenPosition) });
  }
  const anchored = result.anchor
      ? { position: formatNumber(result.anchor.position), time: formatDateTime(result.anchor.takenAt) } : {};
  if (result.anchorState === "missing-entries") return t("audit.cut", anchored);
  if (result.anchorState === "rewritten") return t("audit.rewritten", anchored);
  const entries = formatNumber(result.entries);
  return result.anchorState === "unreadable" ? t("audit.unanchored", { entries }) : t("audit.intact", { entries });
}

async function verify() {
  byId("audit-verification").textContent = verificationText(await getJson("/api/v1/audit/verification"));
}

export function wireAudit(showError) {
  byId("audit-filters").addEventListener("submit", (event) => {
    event.preventDefault();
    loadAudit().catch(showError);
  });
  byId("verify-audit").addEventListener("click", () => verify().catch(showError));
}
