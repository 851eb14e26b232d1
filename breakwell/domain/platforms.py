"""The services people step away from, and the strict rules for naming them."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping

from breakwell.domain import posting_rules as rules
from breakwell.domain.errors import InvalidInput
from breakwell.domain.posting import PostingRule
from breakwell.domain.values import field, frozen

PLATFORM_ID = re.compile(r"[a-z][a-z0-9-]{0,31}")
_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_PROCESS = re.compile(r"[\w .+-]{1,64}")


@frozen
class Platform:
    id: str
    name: str
    domains: tuple[str, ...]
    processes: tuple[str, ...] = ()
    aliases: tuple[str, ...] = field(default=(), compare=False)
    # What a watch break refuses in the browser (the hosts file blocks nothing for one).
    posting: tuple[PostingRule, ...] = ()


def validate_domain(domain: str) -> str:
    """Return the domain if it is a plain host name; it may end up in the hosts file."""
    candidate = domain.strip().lower().rstrip(".")
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        pass
    else:
        raise InvalidInput(f"'{domain}' is an IP address, not a domain")
    labels = candidate.split(".")
    if (
        candidate != domain.lower().rstrip(".")
        or len(candidate) > 253
        or len(labels) < 2
        or not all(_LABEL.fullmatch(label) for label in labels)
        or labels[-1].isdigit()
    ):
        raise InvalidInput(f"'{domain}' is not a valid domain name (like example.com)")
    return candidate


def validate_process(name: str) -> str:
    if not _PROCESS.fullmatch(name) or name.strip() != name:
        raise InvalidInput(f"'{name}' is not a valid process name")
    return name


def validate_platform_id(platform_id: str) -> str:
    if not PLATFORM_ID.fullmatch(platform_id):
        raise InvalidInput(
            f"'{platform_id}' is not a valid platform id: use lower-case letters, digits and '-'"
            ", starting with a letter"
        )
    return platform_id


BUILTIN_PLATFORMS: tuple[Platform, ...] = (
    Platform(
        "x",
        "X (Twitter)",
        (
            "x.com",
            "www.x.com",
            "mobile.x.com",
            "twitter.com",
            "www.twitter.com",
            "mobile.twitter.com",
            "t.co",
        ),
        aliases=("twitter",),
        posting=rules.X,
    ),
    Platform(
        "facebook",
        "Facebook",
        ("facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com", "fb.com"),
        aliases=("fb",),
        posting=rules.FACEBOOK,
    ),
    Platform(
        "instagram",
        "Instagram",
        ("instagram.com", "www.instagram.com"),
        aliases=("ig", "insta"),
        posting=rules.INSTAGRAM,
    ),
    Platform(
        "tiktok",
        "TikTok",
        ("tiktok.com", "www.tiktok.com", "m.tiktok.com", "vm.tiktok.com"),
        processes=("TikTok",),
        posting=rules.TIKTOK,
    ),
    Platform(
        "reddit",
        "Reddit",
        ("reddit.com", "www.reddit.com", "old.reddit.com", "new.reddit.com", "redd.it"),
        posting=rules.REDDIT,
    ),
    Platform(
        "youtube",
        "YouTube",
        ("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"),
        aliases=("yt",),
        posting=rules.YOUTUBE,
    ),
    Platform(
        "linkedin",
        "LinkedIn",
        ("linkedin.com", "www.linkedin.com", "lnkd.in"),
        posting=rules.LINKEDIN,
    ),
    Platform(
        "mastodon",
        "Mastodon",
        ("mastodon.social", "mastodon.online", "mastodon.world", "mas.to", "mstdn.social"),
        posting=rules.MASTODON,
    ),
    Platform(
        "bluesky",
        "Bluesky",
        ("bsky.app", "bsky.social"),
        aliases=("bsky",),
        posting=rules.BLUESKY,
    ),
    Platform(
        "threads",
        "Threads",
        ("threads.net", "www.threads.net", "threads.com", "www.threads.com"),
        posting=rules.THREADS,
    ),
    Platform(
        "snapchat",
        "Snapchat",
        ("snapchat.com", "www.snapchat.com", "web.snapchat.com"),
        aliases=("snap",),
        posting=rules.SNAPCHAT,
    ),
    Platform(
        "pinterest",
        "Pinterest",
        ("pinterest.com", "www.pinterest.com", "pin.it"),
        posting=rules.PINTEREST,
    ),
    Platform(
        "tumblr",
        "Tumblr",
        ("tumblr.com", "www.tumblr.com"),
        posting=rules.TUMBLR,
    ),
    Platform(
        "twitch",
        "Twitch",
        ("twitch.tv", "www.twitch.tv", "m.twitch.tv"),
        posting=rules.TWITCH,
    ),
    Platform(
        "hackernews",
        "Hacker News",
        ("news.ycombinator.com",),
        aliases=("hn",),
        posting=rules.HACKERNEWS,
    ),
)


class Catalogue:
    """Known platforms by id, with aliases, built-ins first and then the person's own."""

    def __init__(self, platforms: Iterable[Platform]) -> None:
        self._by_id: dict[str, Platform] = {}
        self._lookup: dict[str, str] = {}
        for platform in platforms:
            self._by_id[platform.id] = platform
        for platform in self._by_id.values():
            self._lookup[platform.id] = platform.id
            for alias in platform.aliases:
                self._lookup.setdefault(alias, platform.id)

    @classmethod
    def with_custom(cls, custom: Mapping[str, Platform]) -> Catalogue:
        """Built-ins, where a custom entry with a built-in's id replaces that built-in."""
        builtin_aliases = {alias: p.id for p in BUILTIN_PLATFORMS for alias in p.aliases}
        merged = {p.id: p for p in BUILTIN_PLATFORMS}
        for platform_id, platform in custom.items():
            if platform_id in builtin_aliases:
                target = builtin_aliases[platform_id]
                raise InvalidInput(
                    f"platforms.{platform_id}: '{platform_id}' is another name for the built-in "
                    f"'{target}'; use [platforms.{target}] to change it"
                )
            base = merged.get(platform_id)
            aliases = base.aliases if base else ()
            merged[platform_id] = Platform(
                platform.id,
                platform.name,
                platform.domains,
                platform.processes,
                aliases,
                platform.posting,
            )
        return cls(merged.values())

    def all(self) -> tuple[Platform, ...]:
        return tuple(self._by_id.values())

    def get(self, platform_id: str) -> Platform | None:
        return self._by_id.get(platform_id)

    def name_of(self, platform_id: str) -> str:
        """The platform's display name; an id no longer configured is shown as it is."""
        platform = self._by_id.get(platform_id)
        return platform.name if platform else platform_id

    def resolve(self, name: str) -> Platform:
        """Find a platform by id or alias, case-insensitively, or explain what exists."""
        key = name.strip().lower()
        if key in self._lookup:
            return self._by_id[self._lookup[key]]
        known = ", ".join(sorted(self._by_id))
        import difflib  # only a name not found needs it

        close = difflib.get_close_matches(key, list(self._lookup), n=1)
        hint = f" (did you mean '{self._lookup[close[0]]}'?)" if close else ""
        raise InvalidInput(f"unknown platform '{name}'{hint}; known platforms: {known}")

    def resolve_all(self, names: Iterable[str]) -> tuple[str, ...]:
        """Resolve names to ids, keeping their order and dropping repeats."""
        ids: list[str] = []
        for name in names:
            platform_id = self.resolve(name).id
            if platform_id not in ids:
                ids.append(platform_id)
        return tuple(ids)


DEFAULT_CATALOGUE = Catalogue(BUILTIN_PLATFORMS)
