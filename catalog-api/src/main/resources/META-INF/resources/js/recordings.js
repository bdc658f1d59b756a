// The recordings list (filters, sortable columns, paging) and one recording's detail view.
import { getJson, putJson, remove } from "./api.js";
import { button, byId, element, party, row } from "./dom.js";
import { formatDateTime, formatDuration, formatNumber, t, term } from "./i18n.js";
import { closePlayer, openPlayer } from "./player.js";
import { auditRows } from "./audit.js";

const list = { page: 0, size: 25, sort: "startedAt", order: "desc", total: 0 };
let me = null;
let shown = null;

export function showError(error) {
  byId("app-error").textContent = error ? error.message : "";
}

function query() {
  const params = new URLSearchParams({ page: list.page, size: list.size, sort: list.sort + "," + list.order });
  const form = byId("filters");
  for (const name of ["q", "from", "to", "direction", "status", "device"]) {
    if (form[name].value.trim()) params.set(name, form[name].value.trim());
  }
  return params;
}

export async function loadRecordings() {
  try {
    const page = await getJson("/api/v1/recordings?" + query());
    list.total = page.total;
    render(page.items);
    showError(null);
  } catch (error) {
    showError(error);
  }
}

function statusCell(r) {
  const cell = element("span", term("status", r.status), "status status-" + r.status);
  const wrapper = element("div");
  wrapper.append(cell);
  if (r.stopReason && r.stopReason !== "normal") wrapper.append(element("div", term("stop", r.stopReason), "reason"));
  if (r.failureReason) wrapper.append(element("div", r.failureReason, "reason"));
  if (r.protected) wrapper.append(element("div", t("detail.protected"), "badge"));
  if (r.legalHold) wrapper.append(element("div", t("detail.held"), "badge"));
  return wrapper;
}

function render(items) {
  const rows = byId("rows");
  rows.replaceChildren();
  for (const r of items) {
    const open = button(formatDateTime(r.startedAt) || r.id, () => showDetail(r.id), "link");
    open.setAttribute("aria-label", t("list.open", { when: formatDateTime(r.startedAt) }));
    const tr = row(rows, [open, term("direction", r.direction), party(r.localNumber, r.localName),
      party(r.remoteNumber, r.remoteName), formatDuration(r.durationMs), r.device, r.codec, r.channels,
      statusCell(r)]);
    tr.dataset.id = r.id;
  }
  if (items.length === 0) {
    const td = rows.insertRow().insertCell();
    td.colSpan = 9;
    td.textContent = t("list.empty");
  }
  const pages = Math.max(1, Math.ceil(list.total / list.size));
  byId("page-info").textContent = t("page.info", { page: list.page + 1, pages, total: formatNumber(list.total) });
  byId("prev").disabled = list.page === 0;
  byId("next").disabled = list.page + 1 >= pages;
  for (const header of document.querySelectorAll("#recordings-table th")) {
    const sortButton = header.querySelector("[data-sort]");
    if (!sortButton) continue;
    const active = sortButton.dataset.sort === list.sort;
    if (active) header.setAttribute("aria-sort", list.order === "asc" ? "ascending" : "descending");
    else header.removeAttribute("aria-sort");
  }
}

function sortBy(field) {
  list.order = list.sort === field && list.order === "desc" ? "asc" : "desc";
  list.sort = field;
  list.page = 0;
  loadRecordings();
}

function field(list, label, value) {
  if (value === null || value === undefined || value === "") return;
  list.append(element("dt", label), element("dd", value));
}

export async function showDetail(id) {
  try {
    const r = await getJson("/api/v1/recordings/" + id);
    shown = r;
    byId("detail").hidden = false;
    byId("detail-title").textContent = t("detail.title", {
      local: party(r.localNumber, r.localName), remote: party(r.remoteNumber, r.remoteName) });
    const fields = byId("detail-fields");
    fields.replaceChildren();
    fields.dataset.id = r.id;
    field(fields, t("col.started"), formatDateTime(r.startedAt));
    field(fields, t("detail.stopped"), formatDateTime(r.stoppedAt));
    field(fields, t("col.duration"), formatDuration(r.durationMs));
    field(fields, t("col.direction"), term("direction", r.direction));
    field(fields, t("col.local"), party(r.localNumber, r.localName));
    field(fields, t("col.remote"), party(r.remoteNumber, r.remoteName));
    field(fields, t("col.device"), r.device);
    field(fields, t("col.status"), term("status", r.status));
    field(fields, t("detail.stopReason"), r.stopReason && term("stop", r.stopReason));
    field(fields, t("detail.failureReason"), r.failureReason);
    field(fields, t("col.codec"), r.codec);
    field(fields, t("col.channels"), r.channels);
    field(fields, t("detail.sampleRate"), r.sampleRate && formatNumber(r.sampleRate) + " Hz");
    field(fields, t("detail.size"), r.sizeBytes && formatNumber(r.sizeBytes) + " B");
    field(fields, t("detail.packets"), t("detail.packetFigures", {
      received: formatNumber(r.packetsReceived ?? 0), lost: formatNumber(r.packetsLost ?? 0),
      duplicate: formatNumber(r.packetsDuplicate ?? 0), late: formatNumber(r.packetsLate ?? 0) }));
    field(fields, t("detail.session"), r.sessionId);
    field(fields, "SHA-256", r.sha256);
    field(fields, "ID", r.id);
    if (r.audioUrl) openPlayer(r); else closePlayer();
    const deleted = r.status === "deleted";
    byId("protect").textContent = t(r.protected ? "detail.unprotect" : "detail.protect");
    byId("protect").disabled = deleted;
    byId("hold").hidden = !me.admin;
    byId("hold").textContent = t(r.legalHold ? "detail.liftHold" : "detail.hold");
    byId("hold").disabled = deleted;
    byId("delete").disabled = deleted || r.protected || r.legalHold;
    byId("delete").title = r.protected || r.legalHold ? t("detail.cannotDelete") : "";
    byId("detail-title").focus();
    const history = await getJson("/api/v1/recordings/" + id + "/audit");
    auditRows(byId("detail-audit"), Array.isArray(history) ? history : history.items);
  } catch (error) {
    showError(error);
  }
}

function closeDetail() {
  closePlayer();
  byId("detail").hidden = true;
  shown = null;
}

async function change(action) {
  try {
    await action(shown);
    await Promise.all([showDetail(shown.id), loadRecordings()]);
  } catch (error) {
    showError(error);
  }
}

async function confirmDelete() {
  const dialog = byId("confirm-delete");
  dialog.returnValue = "";
  dialog.showModal();
  await new Promise((resolve) => dialog.addEventListener("close", resolve, { once: true }));
  if (dialog.returnValue !== "delete") return;
  try {
    await remove("/api/v1/recordings/" + shown.id);
    closeDetail();
    await loadRecordings();
  } catch (error) {
    showError(error);
  }
}

export function setUpRecordings(caller) {
  me = caller;
  list.page = 0;
  closeDetail();
}

export function refreshDetail() {
  if (shown) showDetail(shown.id);
}

export function wireRecordings() {
  byId("filters").addEventListener("submit", (event) => { event.preventDefault(); list.page = 0; loadRecordings(); });
  byId("filters").addEventListener("reset", () => { list.page = 0; setTimeout(loadRecordings); });
  byId("prev").addEventListener("click", () => { list.page--; loadRecordings(); });
  byId("next").addEventListener("click", () => { list.page++; loadRecordings(); });
  byId("page-size").addEventListener("change", (event) => {
    list.size = Number(event.target.value);
    list.page = 0;
    loadRecordings();
  });
  for (const sortButton of document.querySelectorAll("[data-sort]")) {
    sortButton.addEventListener("click", () => sortBy(sortButton.dataset.sort));
  }
  byId("detail-close").addEventListener("click", closeDetail);
  byId("protect").addEventListener("click", () => change((r) =>
      putJson("/api/v1/recordings/" + r.id + "/protection", { protected: !r.protected })));
  byId("hold").addEventListener("click", () => change((r) =>
      putJson("/api/v1/recordings/" + r.id + "/legal-hold", { held: !r.legalHold })));
  byId("delete").addEventListener("click", confirmDelete);
}
