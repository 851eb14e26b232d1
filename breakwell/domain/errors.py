"""Errors a person can cause, each carrying the exit code the command line reports."""

from __future__ import annotations


class BreakwellError(Exception):
    """Base for errors that are reported as one line, never as a traceback."""

    exit_code = 2


class InvalidInput(BreakwellError):
    """The request itself is malformed: a bad duration, an unknown platform, an empty note."""

    exit_code = 2


class NotFound(InvalidInput):
    """The request names something that does not exist, such as a break id."""


class ConfigError(InvalidInput):
    """The config file cannot be read or does not validate."""


class StoreUnavailable(BreakwellError):
    """The database cannot be opened or migrated."""

    exit_code = 2


class RuleRefused(BreakwellError):
    """The request is well-formed but a rule forbids it, such as ending a locked break."""

    exit_code = 1


class ReasonRequired(RuleRefused):
    """A firm break asked to end early without saying why."""
