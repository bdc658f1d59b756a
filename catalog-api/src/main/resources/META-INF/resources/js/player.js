// Streaming playback: the <audio> element reads the WAV itself with HTTP Range requests (seeking asks for the
// bytes it needs), the waveform comes from the server's peaks, one lane per channel; click or keys to seek.
import { getJson } from "./api.js";
import { byId } from "./dom.js";
import { formatDuration, t } from "./i18n.js";

const SEEK_SECONDS = 5;
const audio = byId("player");
const canvas = byId("waveform");
let waveform = null;

export function openPlayer(recording) {
  closePlayer();
  byId("player-box").hidden = false;
  audio.src = recording.audioUrl;
  audio.playbackRate = Number(byId("speed").value);
  byId("download").href = recording.audioUrl + "?download=true";
  getJson("/api/v1/recordings/" + recording.id + "/waveform")
      .then((peaks) => { waveform = peaks; draw(); })
      .catch(() => { waveform = null; draw(); });
  draw();
}

export function closePlayer() {
  audio.pause();
  audio.removeAttribute("src");
  audio.load();
  waveform = null;
  byId("player-box").hidden = true;
}

function durationSeconds() {
  if (Number.isFinite(audio.duration)) return audio.duration;
  return waveform ? waveform.durationMs / 1000 : 0;
}

function seekTo(seconds) {
  const duration = durationSeconds();
  if (duration > 0) audio.currentTime = Math.min(Math.max(0, seconds), duration);
}

function togglePlay() {
  if (audio.paused) audio.play(); else audio.pause();
}

function draw() {
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.round(canvas.clientHeight * ratio);
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  context.fillStyle = "#f4f6fa";
  context.fillRect(0, 0, width, height);
  const duration = durationSeconds();
  const played = duration > 0 ? audio.currentTime / duration : 0;
  if (waveform && waveform.peaks.length) {
    const lanes = waveform.peaks.length;
    const laneHeight = height / lanes;
    waveform.peaks.forEach((peaks, lane) => {
      const middle = laneHeight * lane + laneHeight / 2;
      const barWidth = width / peaks.length;
      peaks.forEach((peak, i) => {
        context.fillStyle = i / peaks.length < played ? "#1b5fa8" : "#8aa4c4";
        const bar = Math.max(1, peak * (laneHeight / 2 - 2));
        context.fillRect(i * barWidth, middle - bar, Math.max(1, barWidth - 0.5), bar * 2);
      });
      if (lanes > 1) {
        context.fillStyle = "#333";
        context.font = 12 * ratio + "px system-ui, sans-serif";
        context.fillText(t(lane === 0 ? "player.channelLeft" : "player.channelRight"), 4 * ratio,
            laneHeight * lane + 14 * ratio);
      }
    });
  }
  context.fillStyle = "#c0392b";
  context.fillRect(Math.round(played * width), 0, Math.max(1, ratio * 2), height);
  // How many channel lanes are drawn, for whoever reads the page rather than looks at it.
  canvas.dataset.channels = String(waveform ? waveform.peaks.length : 0);
  canvas.setAttribute("aria-valuenow", String(Math.round(played * 100)));
  canvas.setAttribute("aria-valuetext", formatDuration(audio.currentTime * 1000));
  byId("position").textContent = formatDuration(audio.currentTime * 1000) + " / " + formatDuration(duration * 1000);
  byId("play-pause").textContent = t(audio.paused ? "player.play" : "player.pause");
}

function typingInto(target) {
  return target.closest("input, select, textarea, button, a, dialog[open]") !== null;
}

export function setUpPlayer() {
  for (const event of ["timeupdate", "play", "pause", "loadedmetadata", "seeked", "ended"]) {
    audio.addEventListener(event, draw);
  }
  window.addEventListener("resize", draw);
  canvas.addEventListener("click", (event) => {
    const box = canvas.getBoundingClientRect();
    seekTo(((event.clientX - box.left) / box.width) * durationSeconds());
  });
  byId("play-pause").addEventListener("click", togglePlay);
  byId("back").addEventListener("click", () => seekTo(audio.currentTime - SEEK_SECONDS));
  byId("forward").addEventListener("click", () => seekTo(audio.currentTime + SEEK_SECONDS));
  byId("speed").addEventListener("change", (event) => { audio.playbackRate = Number(event.target.value); });
  document.addEventListener("keydown", (event) => {
    if (byId("player-box").hidden || typingInto(event.target)) return;
    if (event.key === " ") togglePlay();
    else if (event.key === "ArrowLeft") seekTo(audio.currentTime - SEEK_SECONDS);
    else if (event.key === "ArrowRight") seekTo(audio.currentTime + SEEK_SECONDS);
    else return;
    event.preventDefault();
  });
}

/** Redraws texts that depend on the language. */
export function redrawPlayer() {
  if (!byId("player-box").hidden) draw();
}
