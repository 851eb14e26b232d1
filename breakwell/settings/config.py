"""The TOML config file: documented keys, strictly validated, one clear error line when wrong."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from collections.abc import Callable, Mapping
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from breakwell.domain.break_kinds import Mode, Strictness
from breakwell.domain.database_url import check_database_url
from breakwell.domain.errors import ConfigError, InvalidInput
from breakwell.domain.platforms import (
    DEFAULT_CATALOGUE,
    Catalogue,
    Platform,
    validate_domain,
    validate_platform_id,
    validate_process,
)
from breakwell.domain.posting import PostingRule, check_methods, check_pattern
from breakwell.domain.values import field, frozen, replace
from breakwell.settings.keys import BINDING_IDS
from breakwell.settings.paths import DATABASE_URL_ENV, Paths, resolve_paths
from breakwell.settings.schema import (
    Invalid,
    Table,
    boolean,
    choice,
    integer,
    table,
    table_of,
    text,
    tuple_of,
)

if TYPE_CHECKING:
    from breakwell.domain.breaks import EndPolicy

HOSTS_FILE_ENV = "BREAKWELL_HOSTS_FILE"
# A config file is a few hundred bytes; anything near this is not one.
MAX_CONFIG_BYTES = 1 << 20
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Browsers take at most 1000 rules that use a regular expression, for every break together.
MAX_POSTING_RULES = 50


def _plain(value: str) -> str:
    """A name shown in lists and logs: some visible text, on one line."""
    if not value.strip():
        raise Invalid("must not be blank")
    if _CONTROL.search(value):
        raise Invalid("must not hold control characters")
    return value


def _each(check: Callable[[str], str]) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    return lambda values: tuple(check(value) for value in values)


def _hosts_file(value: str) -> str:
    if _CONTROL.search(value):
        raise Invalid("must not hold control characters")
    if not value.strip():
        raise Invalid("must be the full path of a file, such as /etc/hosts")
    if not Path(value).is_absolute():
        raise Invalid(f"'{value}' is relative; give the full path, such as /etc/hosts")
    try:
        kind = Path(value).stat().st_mode
    except (OSError, ValueError):
        return value  # whether it can be made or opened is for blocking to say
    if stat.S_ISDIR(kind):
        raise Invalid(f"{value} is a folder; give the hosts file itself")
    if not stat.S_ISREG(kind):
        # Blocking replaces the file whole: a device such as /dev/null would be replaced.
        raise Invalid(f"{value} is not a regular file")
    return value


def _keys(value: dict[str, str]) -> dict[str, str]:
    for binding, keys in value.items():
        _plain(binding)
        if binding not in BINDING_IDS:
            raise Invalid(_unknown_binding(binding))
        if not all(key.strip() and not _CONTROL.search(key) for key in keys.split(",")):
            raise Invalid(f"{binding}: give key names, several separated by commas")
    return value


def _unknown_binding(binding: str) -> str:
    import difflib  # only a mistyped id needs it

    close = difflib.get_close_matches(binding, BINDING_IDS, n=1)
    hint = f"did you mean {close[0]}?" if close else "the ids are " + ", ".join(BINDING_IDS)
    return f"{binding}: unknown key binding id ({hint})"


def _platform_ids(value: dict[str, PlatformConfig]) -> dict[str, PlatformConfig]:
    for platform_id in value:
        validate_platform_id(platform_id)
    return value


@frozen(kw_only=True)
class PostingRuleConfig(Table):
    """What a watch break refuses on a platform: these methods, to addresses matching."""

    methods: tuple[str, ...]
    pattern: str


@frozen(kw_only=True)
class PlatformConfig(Table):
    """A platform of one's own, or a built-in one with its fields replaced."""

    name: str
    domains: tuple[str, ...] = ()
    processes: tuple[str, ...] = ()
    # Unset: a built-in keeps its own rules, a platform of one's own has none.
    posting: tuple[PostingRuleConfig, ...] | None = None


@frozen(kw_only=True)
class BreaksConfig(Table):
    """What a break is when `start` does not say."""

    default_platforms: tuple[str, ...] = ()
    default_strictness: Strictness = Strictness.GENTLE
    default_mode: Mode = Mode.UNPLUG
    firm_cooldown_seconds: int = 60


@frozen(kw_only=True)
class BlockingConfig(Table):
    """How unplug breaks block: the hosts file, and desktop apps."""

    # The hosts file is what blocks sites; tests and unusual systems point elsewhere.
    hosts_file: str = "/etc/hosts"
    # Watch for desktop apps of blocked platforms: nudge on gentle and firm breaks, close
    # them on locked ones.
    watch_apps: bool = True
    close_apps_when_locked: bool = True


@frozen(kw_only=True)
class NotificationsConfig(Table):
    """How breakwell tells what happens."""

    desktop: bool = True
    bell: bool = True
    # Minutes between check-ins during a break; 0 turns them off.
    check_in_minutes: int = 0


@frozen(kw_only=True)
class EnforcerConfig(Table):
    """Whether breaks are kept in the background without being asked."""

    # Start the enforcer in the background whenever something needs it and none runs; it
    # stops by itself once nothing is left to enforce.
    autostart: bool = True


@frozen(kw_only=True)
class Config(Table):
    """The whole config file, defaults where it says nothing."""

    # A URL whose password is refused nowhere here: this file is the person's own, like the
    # environment, and never shown in a process list.
    database_url: str | None = None
    # How this machine names itself in the event log (default: its host name).
    device_name: str | None = None
    breaks: BreaksConfig = field(default_factory=BreaksConfig)
    blocking: BlockingConfig = field(default_factory=BlockingConfig)
    notifications: NotificationsConfig = field(default_factory=NotificationsConfig)
    enforcer: EnforcerConfig = field(default_factory=EnforcerConfig)
    platforms: dict[str, PlatformConfig] = field(default_factory=dict)
    # The app's keys by binding id, such as "go.journal" = "j" (several: "j,ctrl+j").
    keys: dict[str, str] = field(default_factory=dict)


_POSTING_RULE = table(
    PostingRuleConfig,
    methods=tuple_of(text(), then=check_methods),
    pattern=text(then=check_pattern),
)
_PLATFORM = table(
    PlatformConfig,
    name=text(min_length=1, max_length=64, then=_plain),
    domains=tuple_of(text(), then=_each(validate_domain)),
    processes=tuple_of(text(), then=_each(validate_process)),
    posting=tuple_of(_POSTING_RULE, max_length=MAX_POSTING_RULES),
)
_HOSTS_FILE = text(then=_hosts_file)
_CONFIG = table(
    Config,
    database_url=text(then=check_database_url),
    device_name=text(min_length=1, max_length=64, then=_plain),
    breaks=table(
        BreaksConfig,
        default_platforms=tuple_of(text()),
        default_strictness=choice(Strictness),
        default_mode=choice(Mode),
        firm_cooldown_seconds=integer(ge=0, le=86_400),
    ),
    blocking=table(
        BlockingConfig,
        hosts_file=_HOSTS_FILE,
        watch_apps=boolean(),
        close_apps_when_locked=boolean(),
    ),
    notifications=table(
        NotificationsConfig,
        desktop=boolean(),
        bell=boolean(),
        check_in_minutes=integer(ge=0, le=10_080),
    ),
    enforcer=table(EnforcerConfig, autostart=boolean()),
    platforms=table_of(_PLATFORM, then=_platform_ids),
    keys=table_of(text(), then=_keys),
)


def parse_config(text: str, source: str) -> Config:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{source}: not valid TOML: nested too deeply") from None
    try:
        return _CONFIG(data)
    except Invalid as error:
        raise ConfigError(f"{source}: {error}") from None


def read_config(path: Path) -> Config:
    try:
        with path.open("rb") as file:
            data = file.read(MAX_CONFIG_BYTES + 1)
        text = data.decode("utf-8")
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config file: {error}") from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: larger than {MAX_CONFIG_BYTES // 1024} KiB; not a config file")
    return parse_config(text, str(path))


@frozen
class Settings:
    """Everything a command needs to know before it touches the database."""

    paths: Paths
    config: Config
    database_url: str

    @cached_property
    def catalogue(self) -> Catalogue:
        custom = {
            platform_id: Platform(
                platform_id,
                spec.name,
                spec.domains,
                spec.processes,
                posting=_posting(platform_id, spec),
            )
            for platform_id, spec in self.config.platforms.items()
        }
        try:
            return Catalogue.with_custom(custom)
        except InvalidInput as error:
            raise ConfigError(f"{self.paths.config_file}: {error}") from None

    @property
    def device(self) -> str:
        return self.config.device_name or (_host_name() or "this-device")[:64]

    @property
    def hosts_file(self) -> Path:
        return Path(self.config.blocking.hosts_file)

    @property
    def end_policy(self) -> EndPolicy:
        from breakwell.domain.breaks import EndPolicy  # the rules load only when used

        return EndPolicy(firm_cooldown=timedelta(seconds=self.config.breaks.firm_cooldown_seconds))

    @cached_property
    def default_platforms(self) -> tuple[str, ...]:
        """The configured defaults, or every known platform when none are configured."""
        names = self.config.breaks.default_platforms
        if not names:
            return tuple(p.id for p in self.catalogue.all())
        try:
            return self.catalogue.resolve_all(names)
        except InvalidInput as error:
            raise ConfigError(
                f"{self.paths.config_file}: breaks.default_platforms: {error}"
            ) from None

    def validate(self) -> Settings:
        """Resolve everything derived, so a bad config fails before any work starts."""
        _ = self.catalogue, self.default_platforms
        return self


def _posting(platform_id: str, spec: PlatformConfig) -> tuple[PostingRule, ...]:
    if spec.posting is None:
        builtin = DEFAULT_CATALOGUE.get(platform_id)
        return builtin.posting if builtin is not None else ()
    return tuple(PostingRule(rule.methods, rule.pattern) for rule in spec.posting)


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    paths = resolve_paths(env)
    config = read_config(paths.config_file)
    url = env.get(DATABASE_URL_ENV, "").strip()
    if url:
        try:
            url = check_database_url(url)
        except InvalidInput as error:
            raise ConfigError(f"{DATABASE_URL_ENV}: {error}") from None
    url = url or config.database_url or f"sqlite:///{paths.default_database}"
    config = _hosts_file_default(config, env)
    return Settings(paths=paths, config=config, database_url=url).validate()


def _hosts_file_default(config: Config, env: Mapping[str, str]) -> Config:
    """BREAKWELL_HOSTS_FILE replaces the default /etc/hosts, so a sandbox (or a test run) keeps
    off the system's file; a hosts_file the config names is that home's own choice and wins."""
    value = env.get(HOSTS_FILE_ENV, "")
    if not value.strip() or "hosts_file" in config.blocking.given:
        return config
    try:
        hosts_file = _HOSTS_FILE(value)
    except Invalid as error:
        raise ConfigError(f"{HOSTS_FILE_ENV}: {error}") from None
    blocking = replace(
        config.blocking, hosts_file=hosts_file, given=config.blocking.given | {"hosts_file"}
    )
    return replace(config, blocking=blocking)


def _host_name() -> str:
    """The machine's name, as socket.gethostname() gives it, without loading socket where the
    system says it directly (`status` asks on every run)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()
