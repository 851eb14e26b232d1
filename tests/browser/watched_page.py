"""What a watched site's own script tries against the banner, in both browsers: listen to
every key, look for the note form and what is written in it, and press whatever it can reach
to write a note of its own. Each is a function, run in the site's page."""

from __future__ import annotations

LISTEN = """() => {
  window.heard = [];
  for (const kind of ["keydown", "keyup", "keypress", "beforeinput", "input", "paste", "focusin"]) {
    window.addEventListener(kind, (e) => heard.push(kind + ":" + (e.key || e.data || "")), true);
  }
}"""

LOOK = """() => {
  const everything = [...document.querySelectorAll("*")];
  return {
    heard: window.heard,
    text: document.documentElement.innerText + everything.map((e) => e.value || "").join(""),
    controls: document.querySelectorAll("iframe, form, textarea, input, button").length,
    frames: window.frames.length,
    open_shadows: everything.filter((e) => e.shadowRoot).length,
  };
}"""

# Fill and press everything, send the old banner's message, and frame the banner's page
# itself at the address given.
DRIVE = """(banner) => {
  const words = "written by the page #forged";
  for (const node of document.querySelectorAll("*")) {
    if ("value" in node) node.value = words;
    for (const kind of ["mousedown", "mouseup", "click", "submit"]) {
      node.dispatchEvent(new MouseEvent(kind, {bubbles: true, composed: true}));
    }
    node.dispatchEvent(new KeyboardEvent("keydown",
      {key: "Enter", ctrlKey: true, bubbles: true, composed: true}));
  }
  window.postMessage({type: "note", text: words, url: location.href, quote: null}, "*");
  window.postMessage({type: "breakwell-banner", token: "guessed"}, "*");
  const frame = document.createElement("iframe");
  frame.src = banner;
  document.body.append(frame);
}"""
