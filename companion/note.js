// breakwell companion: the watch banner and its note form, in the frame the content script
// places on a watched site's page. Being the extension's own page, nothing the site runs can
// read it or press its buttons. It does nothing until the content script that placed it hands
// over the token the background issued for this tab: framed by anything else, it stays blank.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const MAX_QUOTE = 5000;

const $ = (id) => document.getElementById(id);

let token = null;
let port = null;
let watchingNow = null;
let quote = "";
// What the banner first shows: the note form may be asked for (the shortcut) before it is.
let shown = Promise.resolve();

function setStatus(text, error = false) {
  $("status").textContent = text;
  $("status").classList.toggle("error", error);
}

function ask(message) {
  return api.runtime
    .sendMessage({ ...message, token })
    .catch((error) => ({ type: "error", message: String(error) }));
}

// --- Size: the content script sizes the frame to the banner --------------------------------

function reportSize() {
  if (port === null || $("banner").hidden) return;
  const box = $("banner").getBoundingClientRect();
  port.postMessage({ type: "size", width: box.width, height: box.height });
}

function setRoom(room) {
  const width = Number(room);
  if (Number.isFinite(width) && width > 0) {
    document.body.style.setProperty("--room", `${Math.floor(width)}px`);
  }
}

// --- What the banner shows -----------------------------------------------------------------

async function refresh() {
  const state = await ask({ type: "banner-state" });
  if (state?.type !== "banner-state") return;
  watchingNow = state.watching;
  if (!watchingNow) {
    $("banner").hidden = true;
    return;
  }
  const until = watchingNow.ends_text || watchingNow.ends_at;
  $("label").textContent = `watching — break #${watchingNow.id} until ${until}`;
  const wasOffline = $("banner").classList.contains("offline");
  $("banner").classList.toggle("offline", !state.connected);
  if (!state.connected) setStatus("not connected to breakwell", true);
  else if (wasOffline) setStatus("");
  $("banner").hidden = false;
  reportSize();
}

// --- The note ------------------------------------------------------------------------------

async function openNote() {
  if (!watchingNow) return;
  // The banner may have been hidden: the form shows it again.
  $("banner").hidden = false;
  $("form").hidden = false;
  reportSize();
  setStatus("");
  $("text").focus();
  const reply = await ask({ type: "banner-quote" });
  quote = typeof reply?.quote === "string" ? reply.quote.slice(0, MAX_QUOTE) : "";
  $("quote").textContent = quote;
  $("quote").hidden = quote === "";
  $("keep").hidden = quote === "";
}

function closeNote() {
  $("form").hidden = true;
  $("text").value = "";
  quote = "";
}

async function saveNote() {
  const text = $("text").value.trim();
  if (text === "") {
    setStatus("write something first", true);
    return;
  }
  const withQuote = quote !== "" && $("keep-box").checked;
  $("save").disabled = true;
  setStatus("saving…");
  const reply = await ask({ type: "note", text, quote: withQuote ? quote : null });
  $("save").disabled = false;
  if (reply?.type === "saved") {
    closeNote();
    setStatus("note saved to your journal");
  } else {
    setStatus(`not saved: ${reply?.message ?? "breakwell did not answer"}`, true);
  }
}

// --- From the content script ---------------------------------------------------------------

function fromContentScript(message) {
  if (message?.type === "refresh") refresh();
  else if (message?.type === "open-note") shown.then(openNote);
  else if (message?.type === "room") setRoom(message.room);
}

window.addEventListener("message", (event) => {
  // The one hand-over, from the page this frame sits in: the token says whether it came from
  // breakwell's content script (the background checks it), the port is the content script's.
  if (token !== null || !event.isTrusted || window.top === window) return;
  if (event.source !== window.parent || event.data?.type !== "breakwell-banner") return;
  if (typeof event.data.token !== "string" || event.ports.length !== 1) return;
  token = event.data.token;
  port = event.ports[0];
  port.onmessage = (incoming) => fromContentScript(incoming.data);
  setRoom(event.data.room);
  shown = refresh();
});

// --- The person's own actions --------------------------------------------------------------

$("note").addEventListener("click", (event) => {
  if (event.isTrusted) openNote();
});
$("hide").addEventListener("click", (event) => {
  if (!event.isTrusted) return;
  closeNote();
  $("banner").hidden = true;
  port?.postMessage({ type: "hide" });
});
$("cancel").addEventListener("click", (event) => {
  if (event.isTrusted) closeNote();
});
$("text").addEventListener("keydown", (event) => {
  if (!event.isTrusted) return;
  if (event.key === "Escape") closeNote();
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("form").requestSubmit();
});
$("form").addEventListener("submit", (event) => {
  event.preventDefault();
  if (event.isTrusted) saveNote();
});

new ResizeObserver(reportSize).observe($("banner"));
