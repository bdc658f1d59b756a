// callrec web app: one page, a user view and an admin view (more tabs), in English, Japanese or Chinese.
import { login, signedInCaller, signInMethod, whenSessionEnds } from "./api.js";
import { byId } from "./dom.js";
import { preferredLanguage, t, useLanguage } from "./i18n.js";
import { loadActivity, loadAudit, wireAudit } from "./audit.js";
import { loadGroups, loadSettings, wireAdmin } from "./admin.js";
import { closeLive, openLive } from "./live.js";
import { redrawPlayer, setUpPlayer } from "./player.js";
import { loadRecordings, refreshDetail, setUpRecordings, showError, wireRecordings } from "./recordings.js";
import { wireUploads } from "./uploads.js";

let me = null;
// How people sign in here (GET /api/v1/sign-in): the password form, the identity provider's button, or neither.
let signIn = null;

// What each tab loads when it is shown.
const VIEWS = {
  recordings: loadRecordings,
  upload: async () => {},
  activity: loadActivity,
  live: async () => openLive(),
  audit: loadAudit,
  groups: loadGroups,
  settings: loadSettings
};

function tabs() {
  return [...document.querySelectorAll("[role=tab]")].filter((tab) => !tab.hidden);
}

async function showView(name) {
  for (const tab of document.querySelectorAll("[role=tab]")) {
    const selected = tab.id === "tab-" + name;
    tab.setAttribute("aria-selected", String(selected));
    tab.tabIndex = selected ? 0 : -1;
    byId(tab.getAttribute("aria-controls")).hidden = !selected;
  }
  if (name !== "live") closeLive();
  showError(null);
  try {
    await VIEWS[name]();
  } catch (error) {
    showError(error);
  }
}

// Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab goes on into the shown panel.
function tabKeys(event) {
  const visible = tabs();
  const index = visible.indexOf(event.target);
  let next = null;
  if (event.key === "ArrowRight") next = visible[(index + 1) % visible.length];
  else if (event.key === "ArrowLeft") next = visible[(index - 1 + visible.length) % visible.length];
  else if (event.key === "Home") next = visible[0];
  else if (event.key === "End") next = visible[visible.length - 1];
  if (!next) return;
  event.preventDefault();
  next.focus();
  next.click();
}

async function logIn(event) {
  event.preventDefault();
  const form = event.target;
  byId("login-error").textContent = "";
  let caller;
  try {
    caller = await login(form.user.value, form.password.value);
  } catch (error) {
    byId("login-error").textContent = error.status === 401 ? t("login.wrong")
        : error.status === 429 ? t("login.throttled") : error.message;
    return;
  }
  form.reset();
  await showApp(caller);
}

function showSignIn() {
  byId("login").hidden = signIn.method !== "password";
  byId("sign-in").hidden = signIn.method !== "identity-provider";
  byId("sign-in-off").hidden = signIn.method !== "none";
  byId("sign-in-link").textContent = signIn.provider ? t("login.withProvider", { provider: signIn.provider })
      : t("login.withIdentityProvider");
}

async function showApp(caller) {
  me = caller;
  byId("login").hidden = true;
  byId("sign-in").hidden = true;
  byId("who").hidden = false;
  byId("who-name").textContent = me.admin ? t("login.asAdmin", { name: me.name }) : me.name;
  for (const adminOnly of document.querySelectorAll("[data-admin]")) adminOnly.hidden = !me.admin;
  document.body.classList.toggle("admin", me.admin);
  byId("app").hidden = false;
  byId("filters").reset(); // the last person's filters are not this one's
  setUpRecordings(me);
  await showView("recordings");
  byId("tab-recordings").focus();
}

function showSignedOut() {
  closeLive();
  setUpRecordings(null);
  me = null;
  byId("app").hidden = true;
  byId("who").hidden = true;
  showSignIn();
}

// With the identity provider the form posts to /sign-out: Quarkus ends the session here and at the provider, which
// sends the browser back to this page. With built-in users nothing is posted: the page asks for a name and password
// again.
function logOut(event) {
  if (signIn.method === "identity-provider") {
    closeLive();
    return;
  }
  event.preventDefault();
  showSignedOut();
  byId("login").user.focus();
}

async function switchLanguage(tag) {
  await useLanguage(tag);
  byId("language").value = tag;
  if (me) {
    byId("who-name").textContent = me.admin ? t("login.asAdmin", { name: me.name }) : me.name;
    const selected = document.querySelector("[role=tab][aria-selected=true]");
    if (selected) await showView(selected.id.substring("tab-".length));
    refreshDetail();
    redrawPlayer();
  } else if (signIn) {
    showSignIn();
  }
}

// Someone already signed in with the identity provider (back from /sign-in, or a reload) goes straight in.
async function start() {
  await switchLanguage(preferredLanguage());
  signIn = await signInMethod();
  const caller = signIn.method === "identity-provider" ? await signedInCaller() : null;
  if (caller) await showApp(caller);
  else showSignIn();
}

whenSessionEnds(showSignedOut);
byId("login").addEventListener("submit", logIn);
byId("sign-out").addEventListener("submit", logOut);
byId("language").addEventListener("change", (event) => switchLanguage(event.target.value));
for (const tab of document.querySelectorAll("[role=tab]")) {
  tab.addEventListener("click", () => showView(tab.id.substring("tab-".length)));
  tab.addEventListener("keydown", tabKeys);
}
wireRecordings();
wireUploads();
wireAudit(showError);
wireAdmin(showError);
setUpPlayer();
start();
