// breakwell companion: on the pages of a platform a watch break covers, a small banner says so
// and takes notes about the page. On every other page it does nothing.
(() => {
  "use strict";

  if (window.top !== window) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const ROOT_ID = "breakwell-companion";

  let state = null;
  let root = null;
  let quote = "";
  let hidden = false;

  function covers(platform) {
    const host = location.hostname.toLowerCase();
    return platform.domains.some((d) => host === d || host.endsWith(`.${d}`));
  }

  function watched() {
    for (const item of state?.breaks ?? []) {
      if (item.mode === "watch" && item.platforms.some(covers)) return item;
    }
    return null;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function build() {
    const box = element("div", "bw-root");
    box.id = ROOT_ID;
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "breakwell");

    const bar = element("div", "bw-bar");
    const label = element("span", "bw-label");
    const status = element("span", "bw-status");
    status.setAttribute("role", "status");
    const note = element("button", "bw-button bw-note", "Note");
    note.type = "button";
    note.title = "Write a note about this page to your journal";
    const hide = element("button", "bw-button bw-hide", "×");
    hide.type = "button";
    hide.title = "Hide until the next page";
    hide.setAttribute("aria-label", "Hide");
    bar.append(label, status, note, hide);

    const form = element("form", "bw-form");
    form.hidden = true;
    const area = element("textarea", "bw-text");
    area.rows = 4;
    area.maxLength = 20000;
    area.placeholder = "What do you notice? #tags and @people are picked up.";
    const quoted = element("blockquote", "bw-quote");
    quoted.hidden = true;
    const keep = element("label", "bw-keep");
    const keepBox = element("input", "bw-keep-box");
    keepBox.type = "checkbox";
    keepBox.checked = true;
    keep.append(keepBox, document.createTextNode(" with the selected text as a quote"));
    keep.hidden = true;
    const actions = element("div", "bw-actions");
    const save = element("button", "bw-button bw-save", "Save note");
    save.type = "submit";
    const cancel = element("button", "bw-button bw-cancel", "Cancel");
    cancel.type = "button";
    actions.append(save, cancel);
    form.append(area, quoted, keep, actions);
    box.append(bar, form);

    // The page's own keyboard shortcuts must not fire while the person types here.
    for (const kind of ["keydown", "keyup", "keypress"]) {
      box.addEventListener(kind, (event) => event.stopPropagation());
    }
    // Pressing the button would otherwise clear the selection the note may quote.
    note.addEventListener("mousedown", (event) => event.preventDefault());
    note.addEventListener("click", () => openNote());
    hide.addEventListener("click", () => {
      hidden = true;
      render();
    });
    cancel.addEventListener("click", () => closeNote());
    area.addEventListener("keydown", (event) => {
      if (event.key === "Escape") closeNote();
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) form.requestSubmit();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      saveNote().catch(() => {});
    });
    return box;
  }

  function part(selector) {
    return root.querySelector(selector);
  }

  function render() {
    const item = watched();
    if (item === null || hidden) {
      root?.remove();
      return;
    }
    if (root === null) root = build();
    if (!root.isConnected) document.documentElement.append(root);
    root.dataset.break = String(item.id);
    const until = item.ends_text || item.ends_at;
    part(".bw-label").textContent = `watching — break #${item.id} until ${until}`;
    const wasOffline = root.classList.contains("bw-offline");
    root.classList.toggle("bw-offline", !state.connected);
    if (!state.connected) setStatus("not connected to breakwell", true);
    else if (wasOffline) setStatus("");
  }

  function setStatus(text, error = false) {
    const status = part(".bw-status");
    status.textContent = text;
    status.classList.toggle("bw-error", error);
  }

  function openNote() {
    if (watched() === null) return;
    hidden = false;
    render();
    quote = (window.getSelection()?.toString() ?? "").trim().slice(0, 5000);
    part(".bw-quote").textContent = quote;
    part(".bw-quote").hidden = quote === "";
    part(".bw-keep").hidden = quote === "";
    part(".bw-form").hidden = false;
    setStatus("");
    part(".bw-text").focus();
  }

  function closeNote() {
    part(".bw-form").hidden = true;
    part(".bw-text").value = "";
  }

  async function saveNote() {
    const text = part(".bw-text").value.trim();
    if (text === "") {
      setStatus("write something first", true);
      return;
    }
    const withQuote = quote !== "" && part(".bw-keep-box").checked;
    part(".bw-save").disabled = true;
    setStatus("saving…");
    let reply;
    try {
      reply = await api.runtime.sendMessage({
        type: "note",
        text,
        url: location.href,
        quote: withQuote ? quote : null,
      });
    } catch (error) {
      reply = { type: "error", message: String(error) };
    }
    part(".bw-save").disabled = false;
    if (reply?.type === "saved") {
      closeNote();
      setStatus("note saved to your journal");
    } else {
      setStatus(`not saved: ${reply?.message ?? "breakwell did not answer"}`, true);
    }
  }

  api.runtime.onMessage.addListener((message) => {
    if (message?.type === "breakwell-state") {
      state = message;
      render();
    } else if (message?.type === "breakwell-open-note") {
      openNote();
    }
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
