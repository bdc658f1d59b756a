// callrec web page: vanilla JS against /api/v1, logged in with HTTP Basic sent by fetch.
"use strict";

const state = { auth: null, me: null, page: 0, size: 25, total: 0, audioUrl: null };
const $ = (id) => document.getElementById(id);

function basic(user, password) {
  // btoa only takes Latin-1: encode the UTF-8 bytes first so non-ASCII passwords work.
  const bytes = new TextEncoder().encode(user + ":" + password);
  return "Basic " + btoa(String.fromCharCode(...bytes));
}

async function api(path, options = {}) {
  const headers = Object.assign({ Authorization: state.auth }, options.headers || {});
  const response = await fetch(path, Object.assign({}, options, { headers, credentials: "same-origin" }));
  if (!response.ok) {
    let detail = response.status + " " + response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail || problem.title || detail;
    } catch (ignored) { /* not a problem document */ }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return response;
}

function text(value) {
  return value === null || value === undefined ? "" : String(value);
}

function cell(row, value, className) {
  const td = row.insertCell();
  td.textContent = text(value);
  if (className) td.className = className;
  return td;
}

function party(number, name) {
  return [number, name].filter(Boolean).join(" ");
}

function duration(ms) {
  if (ms === null || ms === undefined) return "";
  const seconds = Math.round(ms / 1000);
  return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
}

function button(label, onClick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.addEventListener("click", onClick);
  return b;
}

async function login(event) {
  event.preventDefault();
  const form = event.target;
  state.auth = basic(form.user.value, form.password.value);
  $("login-error").textContent = "";
  try {
    state.me = await (await api("/api/v1/me")).json();
  } catch (e) {
    state.auth = null;
    $("login-error").textContent = e.status === 401 ? "Wrong user name or password." : e.message;
    return;
  }
  form.password.value = "";
  $("login").hidden = true;
  $("who").hidden = false;
  $("who-name").textContent = state.me.name + (state.me.admin ? " (admin)" : "");
  $("recordings").hidden = false;
  $("admin").hidden = !state.me.admin;
  await loadRecordings();
  if (state.me.admin) {
    await Promise.all([loadRetention(), loadAudit()]);
  }
}

function logout() {
  state.auth = null;
  state.me = null;
  stopAudio();
  $("rows").replaceChildren();
  $("audit-rows").replaceChildren();
  $("recordings").hidden = true;
  $("admin").hidden = true;
  $("who").hidden = true;
  $("login").hidden = false;
}

function filterParams() {
  const form = $("filters");
  const params = new URLSearchParams({ page: state.page, size: state.size, sort: "startedAt,desc" });
  for (const name of ["q", "from", "to", "status"]) {
    if (form[name].value) params.set(name, form[name].value);
  }
  return params;
}

async function loadRecordings() {
  $("list-error").textContent = "";
  try {
    const page = await (await api("/api/v1/recordings?" + filterParams())).json();
    state.total = page.total;
    renderRecordings(page.items);
  } catch (e) {
    $("list-error").textContent = e.message;
  }
}

function renderRecordings(items) {
  const rows = $("rows");
  rows.replaceChildren();
  for (const r of items) {
    const row = rows.insertRow();
    cell(row, r.startedAt ? new Date(r.startedAt).toLocaleString() : "");
    cell(row, r.direction);
    cell(row, party(r.localNumber, r.localName));
    cell(row, party(r.remoteNumber, r.remoteName));
    cell(row, duration(r.durationMs));
    const status = cell(row, r.status + (r.stopReason && r.stopReason !== "normal" ? " (" + r.stopReason + ")" : ""),
        "status-" + r.status);
    if (r.failureReason) { // why no WAV could be made, under the status
      const reason = document.createElement("div");
      reason.className = "failure-reason";
      reason.textContent = r.failureReason;
      status.append(reason);
    }
    const actions = cell(row, "", "actions");
    if (r.audioUrl) {
      actions.append(button("Play", () => play(r)), button("Download", () => download(r)));
    }
    if (r.status !== "deleted") {
      actions.append(button(r.protected ? "Unprotect" : "Protect", () => protect(r, !r.protected)));
      const remove = button("Delete", () => removeRecording(r));
      remove.disabled = r.protected;
      remove.title = r.protected ? "Protected recordings cannot be deleted" : "";
      actions.append(remove);
    }
  }
  const pages = Math.max(1, Math.ceil(state.total / state.size));
  $("page-info").textContent = "Page " + (state.page + 1) + " of " + pages + " (" + state.total + " recordings)";
  $("prev").disabled = state.page === 0;
  $("next").disabled = state.page + 1 >= pages;
}

// <audio> cannot send an Authorization header, so the WAV is fetched with it and played from memory.
async function audioBlob(r, download) {
  const response = await api(r.audioUrl + (download ? "?download=true" : ""));
  return URL.createObjectURL(await response.blob());
}

function stopAudio() {
  const player = $("player");
  player.pause();
  player.hidden = true;
  if (state.audioUrl) URL.revokeObjectURL(state.audioUrl);
  state.audioUrl = null;
}

async function play(r) {
  try {
    stopAudio();
    state.audioUrl = await audioBlob(r, false);
    const player = $("player");
    player.src = state.audioUrl;
    player.hidden = false;
    await player.play();
  } catch (e) {
    $("list-error").textContent = e.message;
  }
}

function fileName(r) {
  const parts = [r.startedAt ? r.startedAt.replace(/[:T]/g, "-").replace(/\..*|Z$/, "") : r.id,
    r.direction, r.localNumber, r.localName, r.remoteNumber, r.remoteName].filter(Boolean);
  return parts.join("_").replace(/[\\/:*?"<>|\s]+/g, "-") + ".wav";
}

async function download(r) {
  try {
    const url = await audioBlob(r, true);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName(r);
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    $("list-error").textContent = e.message;
  }
}

async function protect(r, value) {
  try {
    await api("/api/v1/recordings/" + r.id + "/protection", {
      method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ protected: value })
    });
    await refresh();
  } catch (e) {
    $("list-error").textContent = e.message;
  }
}

async function removeRecording(r) {
  if (!confirm("Delete this recording and its audio? This cannot be undone.")) return;
  try {
    await api("/api/v1/recordings/" + r.id, { method: "DELETE" });
    await refresh();
  } catch (e) {
    $("list-error").textContent = e.message;
  }
}

async function refresh() {
  await loadRecordings();
  if (state.me && state.me.admin) await loadAudit();
}

async function loadRetention() {
  const setting = await (await api("/api/v1/settings/retention")).json();
  $("retention").days.value = setting.days;
}

async function saveRetention(event) {
  event.preventDefault();
  const status = $("retention-status");
  try {
    const days = Number($("retention").days.value);
    await api("/api/v1/settings/retention", {
      method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ days })
    });
    status.textContent = "Saved.";
    await loadAudit();
  } catch (e) {
    status.textContent = e.message;
  }
}

async function loadAudit() {
  const page = await (await api("/api/v1/audit?size=50")).json();
  const rows = $("audit-rows");
  rows.replaceChildren();
  for (const entry of page.items) {
    const row = rows.insertRow();
    cell(row, new Date(entry.at).toLocaleString());
    cell(row, entry.actor);
    cell(row, entry.action);
    cell(row, entry.recordingId);
    cell(row, entry.detail);
  }
}

$("login").addEventListener("submit", login);
$("logout").addEventListener("click", logout);
$("filters").addEventListener("submit", (event) => { event.preventDefault(); state.page = 0; loadRecordings(); });
$("prev").addEventListener("click", () => { state.page--; loadRecordings(); });
$("next").addEventListener("click", () => { state.page++; loadRecordings(); });
$("retention").addEventListener("submit", saveRetention);
