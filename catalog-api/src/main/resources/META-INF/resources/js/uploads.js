// Uploads of phone USB files and PCAP captures: progress while sending, then the import's outcome, followed by
// polling /api/v1/imports/{id} until the transcoder has answered for every recording.
import { getJson, upload } from "./api.js";
import { button, byId, element } from "./dom.js";
import { formatNumber, t, term } from "./i18n.js";
import { showDetail } from "./recordings.js";

const POLL_MILLIS = 1000;
const POLL_LIMIT = 900;

function uploadItem(title) {
  const item = element("li", null, "upload");
  const progress = element("progress");
  progress.max = 1;
  progress.value = 0;
  progress.setAttribute("aria-label", t("upload.progressOf", { name: title }));
  const state = element("p", t("upload.sending"), "upload-state");
  const outcome = element("ul", null, "outcome");
  item.append(element("strong", title), progress, state, outcome);
  byId("uploads").prepend(item);
  return { item, progress, state, outcome };
}

function showOutcome(view, imported) {
  view.item.dataset.status = imported.status;
  view.state.textContent = term("import", imported.status);
  view.outcome.replaceChildren();
  for (const recording of imported.recordings) {
    const line = element("li", null, "status-" + recording.status);
    line.append(element("span", term("status", recording.status)));
    if (recording.codec) line.append(" · ", element("span", t("upload.codec", { codec: recording.codec })));
    if (recording.channels) {
      line.append(" · ", element("span", t("upload.channels", { channels: formatNumber(recording.channels) })));
    }
    if (recording.failureReason) line.append(" · ", element("span", recording.failureReason, "reason"));
    if (recording.status === "available") {
      line.append(" ", button(t("upload.open"), () => {
        document.getElementById("tab-recordings").click();
        showDetail(recording.id);
      }, "link"));
    }
    view.outcome.append(line);
  }
}

async function follow(view, statusUrl) {
  for (let polls = 0; polls < POLL_LIMIT; polls++) {
    const imported = await getJson(statusUrl);
    showOutcome(view, imported);
    if (imported.status !== "processing") return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MILLIS));
  }
}

async function send(title, method, path, body) {
  const view = uploadItem(title);
  try {
    const receipt = await upload(method, path, body, (fraction) => { view.progress.value = fraction; });
    view.progress.value = 1;
    view.state.textContent = t("import.processing");
    await follow(view, receipt.statusUrl);
  } catch (error) {
    view.item.dataset.status = "failed";
    view.state.textContent = t("upload.refused", { reason: error.message });
  }
}

export function wireUploads() {
  byId("usb-upload").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const body = new FormData();
    const names = [];
    for (const file of form.file.files) {
      body.append("file", file, file.name);
      names.push(file.name);
    }
    if (form.joined.checked) body.append("joined", "true");
    form.reset();
    send(names.join(", "), "POST", "/api/v1/imports/usb", body);
  });
  byId("pcap-upload").addEventListener("submit", (event) => {
    event.preventDefault();
    const form = event.target;
    const file = form.file.files[0];
    form.reset();
    send(file.name, "PUT", "/recordings/Files/" + encodeURIComponent(file.name), file);
  });
}
