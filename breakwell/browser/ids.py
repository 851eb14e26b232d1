"""The ids the browsers give the companion extension; the host answers only these.

Chromium derives an unpacked extension's id from the public `key` in companion/manifest.json
(the first 32 hex digits of the SHA-256 of the key, each digit 0-f written a-p), so the id is
the same on every machine; Firefox takes the id the manifest names."""

from __future__ import annotations

CHROMIUM_EXTENSION_ID = "peaakppgdllnonnlpnkjjhndkmhjfcol"
FIREFOX_EXTENSION_ID = "companion@breakwell.org"
