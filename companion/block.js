// breakwell companion: the page an unplug break shows instead of its platforms' pages.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;

const query = new URLSearchParams(location.search);
const breakId = Number.parseInt(query.get("break") ?? "", 10);
const platformId = query.get("platform") ?? "";
// The rule that brought the person here put the address they asked for after the "#".
const asked = webAddress(location.hash.slice(1));

const $ = (id) => document.getElementById(id);

// Whether a page that is not the extension's own frames this one. An unplug break shows this
// page in place of its platforms' frames too (an embed on another site), and a site may frame
// it on purpose: there it says only that the platform is closed, with no intention and no form,
// so no site can dress it up and have the person save a slip they did not mean.
function framedByAnotherSite() {
  let at = window;
  while (at !== at.parent) {
    at = at.parent;
    try {
      if (at.location.origin !== location.origin) return true;
    } catch {
      return true;
    }
  }
  return false;
}

const framed = framedByAnotherSite();

function webAddress(value) {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : "";
  } catch {
    return "";
  }
}

function render(state) {
  const item = (state?.breaks ?? []).find((b) => b.id === breakId);
  const platform = item?.platforms.find((p) => p.id === platformId);
  const name = platform?.name ?? platformId;
  $("address").hidden = asked === "";
  $("address-text").textContent = asked;
  $("offline").hidden = !state || state.connected;
  $("offline").textContent = "breakwell is not connected, so nothing can be saved right now.";
  if (item === undefined) {
    // Ended (or never known): say so, and let the person go on once the rule is gone.
    $("title").textContent = Number.isInteger(breakId) ? `Break #${breakId}` : "breakwell";
    $("summary").textContent = state?.connected ? "This break is not running any more." : "";
    $("intention").hidden = true;
    $("slip").hidden = true;
    $("framed").hidden = true;
    $("over").hidden = !(state?.connected && asked !== "");
    $("over-link").href = asked || "#";
    return;
  }
  const until = item.ends_text || item.ends_at;
  const kind = [item.mode, item.strictness].filter(Boolean).join(", ");
  $("title").textContent = name ? `${name} is closed for now` : "You are on a break";
  $("summary").textContent = `Break #${item.id} (${kind}) runs until ${until}.`;
  $("intention").hidden = framed || !item.intention;
  $("intention-text").textContent = framed ? "" : item.intention ?? "";
  $("slip").hidden = framed;
  $("framed").hidden = !framed;
  $("over").hidden = true;
}

async function refresh() {
  try {
    render(await api.runtime.sendMessage({ type: "get-state" }));
  } catch {
    render(null);
  }
}

$("slip-text").addEventListener("input", () => {
  $("slip-save").disabled = $("slip-text").value.trim() === "";
});

$("slip").addEventListener("submit", async (event) => {
  event.preventDefault();
  if (framed || !event.isTrusted) return;
  const text = $("slip-text").value.trim();
  if (text === "") return;
  $("slip-save").disabled = true;
  const result = $("result");
  result.className = "";
  result.textContent = "Saving…";
  let reply;
  try {
    reply = await api.runtime.sendMessage({ type: "slip", break_id: breakId, text, url: asked });
  } catch (error) {
    reply = { type: "error", message: String(error) };
  }
  if (reply?.type === "saved") {
    result.textContent = `Saved in your journal as a slip on break #${reply.break_id ?? breakId}.`;
    $("slip-text").value = "";
  } else {
    result.className = "error";
    result.textContent = `Not saved: ${reply?.message ?? "breakwell did not answer"}`;
    $("slip-save").disabled = false;
  }
});

api.runtime.onMessage.addListener((message) => {
  if (message?.type === "breakwell-state") render(message);
});

refresh();
