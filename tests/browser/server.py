"""A local HTTPS server that stands in for the platforms' sites in the real-browser tests.

The browser is told that x.com, instagram.com and the rest live here; every page is a small
test page whose `probe(method, path)` sends a request and says what became of it, and the
server notes every request that reached it, so a test can tell a refused request from one that
was answered."""

from __future__ import annotations

import json
import shutil
import ssl
import subprocess
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# The sites the tests visit, with their subdomains.
SITES = ("x.com", "twitter.com", "instagram.com", "reddit.com")

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{host}: test page</title></head>
<body>
<h1>{host}</h1>
<p id="words">Who leads here, and who only follows?</p>
<script>
window.probeResults = [];
window.probe = async (method, path) => {{
  const init = {{ method }};
  if (method !== "GET") {{
    init.body = JSON.stringify({{ text: "hello" }});
    init.headers = {{ "content-type": "application/json" }};
  }}
  let outcome;
  try {{
    const reply = await fetch(path, init);
    outcome = "answered " + reply.status;
  }} catch (error) {{
    outcome = "refused: " + error;
  }}
  window.probeResults.push({{ method, path, outcome }});
  return outcome;
}};
</script>
</body>
</html>
"""


class Unavailable(Exception):
    """What the server needs is missing here."""


@dataclass(frozen=True)
class Seen:
    method: str
    host: str
    path: str


def make_certificate(folder: Path, names: tuple[str, ...]) -> tuple[Path, Path]:
    """A self-signed certificate for `names` and their subdomains (the browsers are told to
    accept it), made with the openssl program."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise Unavailable("the openssl program is not installed")
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    alt = ",".join(f"DNS:{n},DNS:*.{n}" for n in names)
    subprocess.run(
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-subj", "/CN=breakwell test sites", "-addext", f"subjectAltName={alt}"),
            *("-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


class Sites:
    """The server, on 127.0.0.1 at `port` (a free one unless given), until `close`."""

    def __init__(self, folder: Path, port: int = 0) -> None:
        cert, key = make_certificate(folder, SITES)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self._seen: list[Seen] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._server.daemon_threads = True
        # The handshake happens in each request's own thread, so a slow one holds up no other.
        self._server.socket = context.wrap_socket(
            self._server.socket, server_side=True, do_handshake_on_connect=False
        )
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        sites = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self._answer()

            def do_POST(self) -> None:
                self._answer()

            def do_PUT(self) -> None:
                self._answer()

            def do_PATCH(self) -> None:
                self._answer()

            def do_DELETE(self) -> None:
                self._answer()

            def _answer(self) -> None:
                length = int(self.headers.get("content-length") or 0)
                if length:
                    self.rfile.read(length)
                host = (self.headers.get("host") or "").split(":")[0].lower()
                sites.note(Seen(self.command, host, self.path))
                if self.command == "GET" and "/api/" not in self.path:
                    body = PAGE.format(host=host).encode()
                    kind = "text/html; charset=utf-8"
                else:
                    body = json.dumps({"ok": True}).encode()
                    kind = "application/json"
                self.send_response(200)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(body)))
                self.send_header("cache-control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    def note(self, seen: Seen) -> None:
        with self._lock:
            self._seen.append(seen)

    def seen(self, method: str, path: str) -> bool:
        """Whether a `method` request for `path` (the path and query) reached the server."""
        with self._lock:
            return any(s.method == method and s.path == path for s in self._seen)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
