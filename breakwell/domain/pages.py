"""Web pages the browser companion writes from: their addresses, their platform, and how a
note or slip written on one reads in the journal."""

from __future__ import annotations

from urllib.parse import urlsplit

from breakwell.domain.errors import InvalidInput
from breakwell.domain.platforms import Catalogue, Platform
from breakwell.domain.text import check_text

# Longer addresses are tracking parameters more than a place to come back to.
MAX_ADDRESS = 2048
MAX_QUOTE = 5000


def page_address(url: str) -> str:
    """`url` if it is the address of a web page, or InvalidInput."""
    address = check_text(url.strip(), "the page address")
    if len(address) > MAX_ADDRESS:
        raise InvalidInput(f"the page address is longer than {MAX_ADDRESS} characters")
    try:
        parts = urlsplit(address)
        scheme, host, _ = parts.scheme, parts.hostname, parts.port
    except ValueError:  # a malformed port or bracketed host
        scheme, host = "", None
    if scheme not in {"http", "https"} or not host or any(c.isspace() for c in address):
        raise InvalidInput("the page address is not a web address (http or https)")
    return address


def platform_of(address: str, catalogue: Catalogue) -> Platform | None:
    """The platform whose domains hold the page's host (a subdomain counts), if any; the
    most specific domain wins."""
    host = (urlsplit(address).hostname or "").rstrip(".")
    best: tuple[int, Platform] | None = None
    for platform in catalogue.all():
        for domain in platform.domains:
            if (host == domain or host.endswith(f".{domain}")) and (
                best is None or len(domain) > best[0]
            ):
                best = (len(domain), platform)
    return best[1] if best else None


def page_entry_text(text: str, address: str, quote: str | None = None) -> str:
    """What the person wrote, then the quoted selection, then the page's address."""
    if not text.strip():
        raise InvalidInput("an entry needs some text")
    parts = [text.strip()]
    picked = check_text((quote or "").strip(), "the quote")
    if len(picked) > MAX_QUOTE:
        raise InvalidInput(f"the quote is longer than {MAX_QUOTE:,} characters")
    if picked:
        parts.append("\n".join(f"> {line}".rstrip() for line in picked.splitlines()))
    parts.append(address)
    return "\n\n".join(parts)
