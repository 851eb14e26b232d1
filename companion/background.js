// breakwell companion: the background. It keeps one connection to breakwell's native messaging
// host, turns the running breaks the host pushes into declarativeNetRequest rules, keeps that
// state for the block page and the banner, and carries their slips and notes to the host.
// Nothing is ever sent anywhere but to the host. Slips come only from the block page and notes
// only from the banner's own page (note.html), never from a script running in a site's page.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;

const HOST = "org.breakwell.companion";
// Waits before reconnecting after the host went away; the last one repeats.
const BACKOFF_MS = [500, 1000, 2000, 5000, 10000, 30000];
const REPLY_TIMEOUT_MS = 15000;
// A ping now and then notices a host that hung, and its answer keeps the worker awake while a
// break is enforced, so a change the host pushes is never missed.
const PING_MS = 25000;
const MAX_TEXT = 20000;
const MAX_QUOTE = 5000;
const MAX_URL = 8192;
// In storage.local: when the last enforced break ends, so a browser started while breakwell
// cannot be reached does not keep a finished break's rules for ever.
const RULES_UNTIL = "rulesUntil";

let port = null;
let connected = false;
let lastError = "";
let attempt = 0;
let reconnectTimer = null;
let pingTimer = null;
let nextRequest = 1;
const pending = new Map();
let breaks = [];
let rulesUpdate = Promise.resolve();
// tab id -> the token the banner's frame in that tab proves itself with (see bannerTab).
const bannerTokens = new Map();
const BANNER_TOKENS = "bannerTokens";

// Which browser this is, for the host's connection records.
function browserName() {
  if (typeof api.runtime.getBrowserInfo === "function") return "firefox";
  const brands = (globalThis.navigator?.userAgentData?.brands ?? []).map((b) => b.brand);
  if (brands.includes("Microsoft Edge")) return "edge";
  if (brands.includes("Brave")) return "brave";
  if (brands.includes("Google Chrome")) return "chrome";
  return "chromium";
}

// --- The host's state, checked -----------------------------------------------------------

const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;
const METHODS = new Set(["post", "put", "patch", "delete"]);

function text(value, limit = 200) {
  return typeof value === "string" ? value.slice(0, limit) : "";
}

function checkedPlatform(item) {
  if (!item || typeof item !== "object") return null;
  const domains = (Array.isArray(item.domains) ? item.domains : [])
    .filter((d) => typeof d === "string")
    .map((d) => d.toLowerCase())
    .filter((d) => DOMAIN.test(d));
  const posting = (Array.isArray(item.posting) ? item.posting : [])
    .filter((r) => r && typeof r.regex === "string" && Array.isArray(r.methods))
    .map((r) => ({
      methods: r.methods.map((m) => String(m).toLowerCase()).filter((m) => METHODS.has(m)),
      regex: r.regex,
    }))
    .filter((r) => r.methods.length > 0 && r.regex.length > 0);
  return { id: text(item.id), name: text(item.name) || text(item.id), domains, posting };
}

function checkedBreak(item) {
  if (!item || typeof item !== "object" || !Number.isInteger(item.id)) return null;
  if (item.mode !== "unplug" && item.mode !== "watch") return null;
  return {
    id: item.id,
    mode: item.mode,
    strictness: text(item.strictness),
    ends_at: text(item.ends_at),
    ends_text: text(item.ends_text),
    intention: typeof item.intention === "string" ? item.intention.slice(0, MAX_TEXT) : null,
    platforms: (Array.isArray(item.platforms) ? item.platforms : [])
      .map(checkedPlatform)
      .filter((p) => p !== null),
  };
}

// --- Rules -------------------------------------------------------------------------------

// The page's lasting address, not runtime.getURL's: Chromium gives a page that is reachable
// only by its per-session address (use_dynamic_url) a new one each session, and a rule
// outlives the session. The browser follows its extension's own redirect to either.
const BLOCK_PAGE = new URL("/block.html", globalThis.location.origin).href;

function blockPage(item, platform) {
  return `${BLOCK_PAGE}?break=${item.id}&platform=${encodeURIComponent(platform.id)}`;
}

// Unplug: every page of the break's platforms (and their subdomains) becomes the block page,
// which gets the address asked for after the "#". Watch: each posting rule refuses its
// requests, whatever their kind, on any site (the rule's pattern names the site).
function rulesFor(items) {
  const rules = [];
  for (const item of items) {
    for (const platform of item.platforms) {
      if (item.mode === "unplug" && platform.domains.length > 0) {
        rules.push({
          id: rules.length + 1,
          priority: 2,
          action: {
            type: "redirect",
            redirect: { regexSubstitution: `${blockPage(item, platform)}#\\0` },
          },
          condition: {
            regexFilter: "^.*$",
            requestDomains: platform.domains,
            resourceTypes: ["main_frame", "sub_frame"],
          },
        });
      } else if (item.mode === "watch") {
        for (const rule of platform.posting) {
          // A rule naming no resource types leaves out top-level pages, so a second one
          // covers them: posting can be a form's submission as well as a script's request.
          for (const types of [{}, { resourceTypes: ["main_frame"] }]) {
            rules.push({
              id: rules.length + 1,
              priority: 1,
              action: { type: "block" },
              condition: { regexFilter: rule.regex, requestMethods: rule.methods, ...types },
            });
          }
        }
      }
    }
  }
  return rules;
}

async function replaceRules(items) {
  const wanted = rulesFor(items);
  const removeRuleIds = (await api.declarativeNetRequest.getDynamicRules()).map((r) => r.id);
  try {
    await api.declarativeNetRequest.updateDynamicRules({ removeRuleIds, addRules: wanted });
  } catch (error) {
    // One pattern this browser's regex engine refuses must not cost the break its other rules.
    console.warn("breakwell: adding the rules one by one:", String(error));
    await api.declarativeNetRequest.updateDynamicRules({ removeRuleIds });
    for (const rule of wanted) {
      try {
        await api.declarativeNetRequest.updateDynamicRules({ addRules: [rule] });
      } catch (refused) {
        console.warn("breakwell: rule refused:", rule.condition.regexFilter, String(refused));
      }
    }
  }
  const ends = items.map((b) => Date.parse(b.ends_at)).filter((t) => !Number.isNaN(t));
  await api.storage.local.set({ [RULES_UNTIL]: ends.length > 0 ? Math.max(...ends) : 0 });
}

// Rule changes run one after another, so an older state never lands after a newer one.
function applyRules(items) {
  rulesUpdate = rulesUpdate
    .then(() => replaceRules(items))
    .catch((error) => console.error("breakwell: the rules could not be set:", String(error)));
  return rulesUpdate;
}

// Only while the host cannot be reached: breaks past their end lose their rules and banner.
async function dropFinishedRules() {
  if (connected) return;
  const now = Date.now();
  breaks = breaks.filter((b) => !(Date.parse(b.ends_at) <= now));
  const stored = await api.storage.local.get(RULES_UNTIL);
  const until = stored[RULES_UNTIL];
  if (typeof until === "number" && until > 0 && until <= now) await applyRules(breaks);
}

// --- What the pages see ------------------------------------------------------------------

function isExtensionPage(sender) {
  return typeof sender.url === "string" && sender.url.startsWith(api.runtime.getURL(""));
}

// Which of the extension's pages sent this: "block.html", "note.html", ... or "" for a content
// script (or anything else).
function extensionPage(sender) {
  return isExtensionPage(sender) ? new URL(sender.url).pathname.slice(1) : "";
}

// The watch break covering a page's address, if any.
function watching(address) {
  let host;
  try {
    host = new URL(address).hostname.toLowerCase();
  } catch {
    return null;
  }
  const covers = (p) => p.domains.some((d) => host === d || host.endsWith(`.${d}`));
  return breaks.find((b) => b.mode === "watch" && b.platforms.some(covers)) ?? null;
}

// Pages of other sites get only what the banner shows; the person's own words (the
// intention) stay with breakwell's own pages.
function view(full) {
  return {
    type: "breakwell-state",
    connected,
    error: connected ? "" : lastError,
    breaks: breaks.map((b) => ({
      id: b.id,
      mode: b.mode,
      strictness: b.strictness,
      ends_at: b.ends_at,
      ends_text: b.ends_text,
      intention: full ? b.intention : null,
      platforms: b.platforms.map((p) => ({ id: p.id, name: p.name, domains: p.domains })),
    })),
  };
}

async function broadcast() {
  const tabs = await api.tabs.query({});
  const forSites = view(false);
  for (const tab of tabs) {
    if (tab.id !== undefined) api.tabs.sendMessage(tab.id, forSites).catch(() => {});
  }
  api.runtime.sendMessage(view(true)).catch(() => {});
}

async function takeState(message) {
  const items = (Array.isArray(message.breaks) ? message.breaks : [])
    .map(checkedBreak)
    .filter((b) => b !== null);
  connected = true;
  lastError = "";
  attempt = 0;
  await applyRules(items);
  // Only now do the pages hear of the breaks: what they are told is already enforced.
  breaks = items;
  await api.storage.session?.set({ breaks });
  await broadcast();
}

// --- The connection to the host ----------------------------------------------------------

function settle(request, reply) {
  const waiting = pending.get(request);
  if (waiting === undefined) return;
  pending.delete(request);
  clearTimeout(waiting.timer);
  waiting.resolve(reply);
}

function failPending(message) {
  for (const request of [...pending.keys()]) settle(request, { type: "error", message });
}

function onHostMessage(message) {
  if (!message || typeof message !== "object") return;
  if (message.type === "state") {
    takeState(message).catch((error) => console.error("breakwell:", String(error)));
  }
  if (Number.isInteger(message.request)) {
    settle(message.request, message);
  } else if (message.type === "error") {
    console.warn("breakwell host:", text(message.message, 500));
  }
}

function scheduleReconnect() {
  if (reconnectTimer !== null) return;
  const wait = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
  attempt += 1;
  reconnectTimer = setTimeout(connect, wait);
}

function lost(opened, error) {
  if (port !== opened) return;
  lastError = error;
  port = null;
  connected = false;
  clearInterval(pingTimer);
  pingTimer = null;
  failPending(`breakwell is not connected: ${lastError}`);
  dropFinishedRules()
    .then(broadcast)
    .catch(() => {});
  scheduleReconnect();
}

function connect() {
  reconnectTimer = null;
  let opened;
  try {
    opened = api.runtime.connectNative(HOST);
  } catch (error) {
    lastError = String(error);
    scheduleReconnect();
    return;
  }
  port = opened;
  opened.onMessage.addListener(onHostMessage);
  opened.onDisconnect.addListener((gone) => {
    const error = api.runtime.lastError?.message ?? gone?.error?.message;
    lost(opened, error ?? "breakwell's host stopped");
  });
  const hello = { type: "hello", browser: browserName(), version: api.runtime.getManifest().version };
  ask(hello).then((reply) => {
    // A host that refuses the hello (its journal cannot be opened, say) is asked again later.
    if (reply.type === "error" && !reply.unanswered && port === opened) {
      opened.disconnect();
      lost(opened, text(reply.message, 500));
    }
  });
  clearInterval(pingTimer);
  pingTimer = setInterval(() => {
    if (port === opened) ask({ type: "ping" }).catch(() => {});
  }, PING_MS);
}

function ask(message) {
  return new Promise((resolve) => {
    if (port === null) {
      resolve({ type: "error", message: "breakwell is not connected; is it installed?" });
      return;
    }
    const request = nextRequest;
    nextRequest += 1;
    const silent = { type: "error", message: "breakwell did not answer", unanswered: true };
    const timer = setTimeout(() => settle(request, silent), REPLY_TIMEOUT_MS);
    pending.set(request, { resolve, timer });
    try {
      port.postMessage({ ...message, request });
    } catch (error) {
      settle(request, { type: "error", message: String(error) });
    }
  });
}

// --- Addresses ---------------------------------------------------------------------------

function webAddress(value) {
  if (typeof value !== "string" || value.length > MAX_URL) return "";
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : "";
  } catch {
    return "";
  }
}

// --- The banner's frame ------------------------------------------------------------------
//
// The banner is note.html in a frame the content script places in a watched page. Its address
// cannot be kept from every page (Firefox's is fixed per install), so a frame counts as the
// banner only once it shows the token issued here to the content script of its tab, which hands
// it over in a message only that frame receives. A note.html framed by anything else can
// neither read the break nor write a note.

async function savedTokens() {
  if (bannerTokens.size === 0) {
    const kept = (await api.storage.session?.get(BANNER_TOKENS))?.[BANNER_TOKENS] ?? {};
    for (const [tab, token] of Object.entries(kept)) bannerTokens.set(Number(tab), token);
  }
  return bannerTokens;
}

async function issueToken(tabId) {
  const tokens = await savedTokens();
  const token = crypto.randomUUID();
  tokens.set(tabId, token);
  await api.storage.session?.set({ [BANNER_TOKENS]: Object.fromEntries(tokens) });
  return token;
}

// The tab whose banner this sender is, or null.
async function bannerTab(message, sender) {
  const tabId = sender.tab?.id;
  if (extensionPage(sender) !== "note.html" || tabId === undefined) return null;
  const token = (await savedTokens()).get(tabId);
  if (typeof message.token !== "string" || token === undefined || message.token !== token) {
    return null;
  }
  return sender.tab;
}

async function bannerState(message, sender) {
  const tab = await bannerTab(message, sender);
  if (tab === null) return { type: "error", message: "not breakwell's banner" };
  const item = watching(tab.url ?? "");
  return {
    type: "banner-state",
    connected,
    error: connected ? "" : lastError,
    watching: item && { id: item.id, ends_at: item.ends_at, ends_text: item.ends_text },
  };
}

// The text selected in the banner's page, asked of the content script in that page's top frame.
async function bannerQuote(message, sender) {
  const tab = await bannerTab(message, sender);
  if (tab === null) return { type: "error", message: "not breakwell's banner" };
  let reply;
  try {
    reply = await api.tabs.sendMessage(tab.id, { type: "breakwell-selection" }, { frameId: 0 });
  } catch {
    reply = null;
  }
  return { type: "quote", quote: text(reply?.quote, MAX_QUOTE).trim() };
}

async function bannerNote(message, sender) {
  const tab = await bannerTab(message, sender);
  if (tab === null) return { type: "error", message: "not breakwell's banner" };
  const quote = text(message.quote, MAX_QUOTE).trim();
  // The page the banner is shown on: the tab's own address, never one the message names.
  return ask({
    type: "note",
    text: text(message.text, MAX_TEXT),
    url: webAddress(tab.url),
    quote: quote || null,
  });
}

// --- Requests from the pages -------------------------------------------------------------

function handle(message, sender) {
  switch (message?.type) {
    case "get-state":
      return Promise.resolve(view(isExtensionPage(sender)));
    case "banner-token":
      // Asked by the content script in a tab's top frame as it places the banner's frame.
      if (isExtensionPage(sender) || sender.frameId !== 0 || sender.tab?.id === undefined) {
        return Promise.resolve(null);
      }
      return issueToken(sender.tab.id).then((token) => ({ type: "banner-token", token }));
    case "banner-state":
      return bannerState(message, sender);
    case "banner-quote":
      return bannerQuote(message, sender);
    case "note":
      return bannerNote(message, sender);
    case "slip":
      // Only from the block page itself, shown as a whole tab (block.js writes none framed).
      if (extensionPage(sender) !== "block.html" || (sender.tab && sender.frameId !== 0)) {
        return Promise.resolve({ type: "error", message: "slips are written on the block page" });
      }
      if (!Number.isInteger(message.break_id)) return Promise.resolve(null);
      return ask({
        type: "slip",
        break_id: message.break_id,
        text: text(message.text, MAX_TEXT),
        url: webAddress(message.url),
      });
    default:
      return null;
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (sender.id !== api.runtime.id) return false;
  const answer = handle(message, sender);
  if (answer === null) return false;
  answer.then(sendResponse, (error) => sendResponse({ type: "error", message: String(error) }));
  return true;
});

api.tabs.onRemoved.addListener((tabId) => {
  savedTokens()
    .then((tokens) => {
      if (tokens.delete(tabId)) {
        return api.storage.session?.set({ [BANNER_TOKENS]: Object.fromEntries(tokens) });
      }
      return undefined;
    })
    .catch(() => {});
});

api.commands.onCommand.addListener(async (command) => {
  if (command !== "open-note") return;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) {
    api.tabs.sendMessage(tab.id, { type: "breakwell-open-note" }, { frameId: 0 }).catch(() => {});
  }
});

// --- Start -------------------------------------------------------------------------------

// A worker woken again finds the state it had, for the pages, until the host speaks.
async function start() {
  const kept = await api.storage.session?.get("breaks");
  if (Array.isArray(kept?.breaks)) breaks = kept.breaks.map(checkedBreak).filter((b) => b);
  connect();
  setTimeout(() => dropFinishedRules().catch(() => {}), 10000);
}

start().catch((error) => console.error("breakwell:", String(error)));
