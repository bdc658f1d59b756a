// Recordings in progress, grouped by the ingest that receives their audio: a snapshot, then started, described,
// stopped and withdrawn events from /api/v1/live (EventSource reconnects by itself and the new snapshot replaces
// what was shown).
import { byId, element, party, row } from "./dom.js";
import { formatDateTime, formatDuration, formatNumber, t, term } from "./i18n.js";

const inProgress = new Map();
let source = null;
let ticker = null;

function render() {
  const groups = byId("live-groups");
  groups.replaceChildren();
  const byIngest = new Map();
  for (const recording of inProgress.values()) {
    const ingest = recording.ingest || "?";
    if (!byIngest.has(ingest)) byIngest.set(ingest, []);
    byIngest.get(ingest).push(recording);
  }
  byId("live-state").textContent = t("live.count", { count: formatNumber(inProgress.size) });
  for (const [ingest, recordings] of [...byIngest.entries()].sort()) {
    const section = element("section", null, "live-ingest");
    section.append(element("h3", t("live.ingest", { ingest, count: formatNumber(recordings.length) })));
    const table = element("table");
    const header = table.createTHead().insertRow();
    for (const key of ["col.started", "live.elapsed", "col.direction", "col.local", "col.remote", "col.device",
      "col.codec"]) {
      const th = element("th", t(key));
      th.scope = "col";
      header.append(th);
    }
    const body = table.createTBody();
    recordings.sort((a, b) => String(a.startedAt).localeCompare(String(b.startedAt)));
    for (const r of recordings) {
      // A call that became the user's before the catalog indexed its start has only its parties for now.
      const elapsed = r.startedAt ? Date.now() - Date.parse(r.startedAt) : null;
      const tr = row(body, [formatDateTime(r.startedAt), formatDuration(elapsed),
        term("direction", r.direction), party(r.localNumber, r.localName), party(r.remoteNumber, r.remoteName),
        r.device, r.codec]);
      tr.dataset.id = r.id;
    }
    section.append(table);
    groups.append(section);
  }
}

export function openLive() {
  if (source) return;
  source = new EventSource("/api/v1/live");
  source.addEventListener("snapshot", (event) => {
    inProgress.clear();
    for (const r of JSON.parse(event.data).recordings) inProgress.set(r.id, r);
    render();
  });
  for (const name of ["started", "described"]) {
    source.addEventListener(name, (event) => {
      const r = JSON.parse(event.data);
      inProgress.set(r.id, r);
      render();
    });
  }
  for (const name of ["stopped", "withdrawn"]) {
    source.addEventListener(name, (event) => {
      inProgress.delete(JSON.parse(event.data).id);
      render();
    });
  }
  source.addEventListener("error", () => { byId("live-state").textContent = t("live.reconnecting"); });
  ticker = setInterval(render, 1000);
}

export function closeLive() {
  if (source) source.close();
  source = null;
  clearInterval(ticker);
  inProgress.clear();
}
