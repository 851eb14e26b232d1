// breakwell companion: on the pages of a platform a watch break covers, it places the banner.
// On every other page it does nothing.
//
// The banner and its note form are breakwell's own page, note.html, in a frame inside a closed
// shadow root: the site's scripts cannot reach into it, so they can neither read what is written
// there nor press its buttons, and keys typed there never reach the page. This script only
// places the frame, hands it the token that proves it is the banner, sizes it, and gives the
// background the selected text when a note asks for it.
(() => {
  "use strict";

  if (window.top !== window) return;
  const api = globalThis.browser ?? globalThis.chrome;
  // Where the frame is loaded from (in Chromium a per-session address no site can guess), and
  // the origin its document has, to which alone the token is posted.
  const FRAME_URL = api.runtime.getURL("note.html");
  const FRAME_ORIGIN = new URL(api.runtime.getURL("")).origin;
  const GAP = 16;
  const WIDEST = 420;

  const HOST_STYLE = {
    all: "initial",
    display: "block",
    position: "fixed",
    right: `${GAP}px`,
    bottom: `${GAP}px`,
    "z-index": "2147483647",
    width: "0px",
    height: "0px",
    "max-width": `calc(100vw - ${2 * GAP}px)`,
    "max-height": `calc(100vh - ${2 * GAP}px)`,
    overflow: "hidden",
    "border-radius": "10px",
    "box-shadow": "0 4px 16px rgba(0, 0, 0, 0.18)",
    visibility: "hidden",
  };
  const FRAME_STYLE = {
    display: "block",
    width: "100%",
    height: "100%",
    margin: "0",
    padding: "0",
    border: "0",
    background: "transparent",
  };

  let state = null;
  let host = null;
  let frame = null;
  let port = null;
  let hidden = false;
  let openWhenReady = false;

  function covers(platform) {
    const name = location.hostname.toLowerCase();
    return platform.domains.some((d) => name === d || name.endsWith(`.${d}`));
  }

  function watched() {
    for (const item of state?.breaks ?? []) {
      if (item.mode === "watch" && item.platforms.some(covers)) return item;
    }
    return null;
  }

  function styled(node, style) {
    // Important and inline: no style sheet of the page's outranks them.
    for (const [name, value] of Object.entries(style)) {
      node.style.setProperty(name, value, "important");
    }
  }

  function room() {
    return Math.max(0, Math.min(WIDEST, window.innerWidth - 2 * GAP));
  }

  function place() {
    host = document.createElement("div");
    styled(host, HOST_STYLE);
    const shadow = host.attachShadow({ mode: "closed" });
    frame = document.createElement("iframe");
    styled(frame, FRAME_STYLE);
    frame.title = "breakwell";
    frame.addEventListener("load", (event) => {
      if (event.isTrusted) handOver(event.currentTarget).catch(() => {});
    });
    frame.src = FRAME_URL;
    shadow.append(frame);
  }

  function remove() {
    port?.close();
    host?.remove();
    host = null;
    frame = null;
    port = null;
  }

  // Each time the frame loads: a token from the background and a channel of its own, posted
  // to the extension's origin only, so nothing else can have them.
  async function handOver(loaded) {
    const reply = await api.runtime.sendMessage({ type: "banner-token" });
    if (loaded !== frame || typeof reply?.token !== "string") return;
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = (event) => fromFrame(event.data);
    const handed = { type: "breakwell-banner", token: reply.token, room: room() };
    frame.contentWindow.postMessage(handed, FRAME_ORIGIN, [channel.port2]);
    if (openWhenReady) openNote();
  }

  function fromFrame(message) {
    if (message?.type === "size" && host !== null && !hidden) {
      const width = Math.ceil(Number(message.width)) || 0;
      const height = Math.ceil(Number(message.height)) || 0;
      host.style.setProperty("width", `${width}px`, "important");
      host.style.setProperty("height", `${height}px`, "important");
      host.style.setProperty("visibility", "visible", "important");
    } else if (message?.type === "hide") {
      hidden = true;
      collapse();
    }
  }

  // A hidden banner keeps its frame, folded away: taking the frame out of the page while the
  // click that hid it is still being handled can leave the browser waiting on a frame that is
  // gone. It leaves the page when the watch ends.
  function collapse() {
    if (host === null) return;
    host.style.setProperty("visibility", "hidden", "important");
    host.style.setProperty("width", "0px", "important");
    host.style.setProperty("height", "0px", "important");
  }

  function render() {
    const item = watched();
    if (item === null) {
      hidden = false;
      remove();
      return;
    }
    if (hidden) {
      collapse();
      return;
    }
    if (host === null) place();
    // A page that rebuilds its document gets the banner back (its frame loads afresh).
    if (!host.isConnected) document.documentElement.append(host);
    port?.postMessage({ type: "refresh" });
  }

  function openNote() {
    if (watched() === null) return;
    hidden = false;
    render();
    if (port === null) {
      openWhenReady = true;
      return;
    }
    openWhenReady = false;
    frame.focus();
    port.postMessage({ type: "open-note" });
  }

  window.addEventListener("resize", (event) => {
    if (event.isTrusted) port?.postMessage({ type: "room", room: room() });
  });

  api.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (sender.id !== api.runtime.id) return false;
    if (message?.type === "breakwell-state") {
      state = message;
      render();
    } else if (message?.type === "breakwell-open-note") {
      openNote();
    } else if (message?.type === "breakwell-selection") {
      // Straight to the background, which asked for the banner: never through the page.
      sendResponse({ quote: (window.getSelection()?.toString() ?? "").trim().slice(0, 5000) });
    }
    return false;
  });

  api.runtime
    .sendMessage({ type: "get-state" })
    .then((message) => {
      if (message?.type === "breakwell-state") {
        state = message;
        render();
      }
    })
    .catch(() => {});
})();
