"""#tags and @people written inline in journal text."""

from __future__ import annotations

import re

from breakwell.domain.errors import InvalidInput

# A tag starts after whitespace or punctuation (not inside a URL fragment or a word) and needs
# at least one letter, so "#1" in "my #1 reason" is not a tag.
# Combining marks count as part of a word: lower-casing "İ" gives "i" and a combining dot, and
# a name or tag must read back as itself once lower-cased.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_TAG = re.compile(rf"(?<![\w#/&])#(\w[\w{_MARKS}-]*)")
# A person is @name, optionally with a server (@alice@mastodon.social), never an e-mail address.
# What the journal's tag and people columns hold; a longer "word" is not a name.
MAX_TAG, MAX_PERSON = 64, 128
_PERSON = re.compile(rf"(?<![\w@])@(\w[\w{_MARKS}.-]*(?:@[\w-]+(?:\.[\w-]+)+)?)")


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def extract_tags(text: str) -> tuple[str, ...]:
    """Tags in order of first use, lower-cased and without trailing hyphens."""
    found = []
    for match in _TAG.finditer(text):
        tag = match.group(1).rstrip("-_").lower()
        if any(ch.isalpha() for ch in tag) and len(tag) <= MAX_TAG:
            found.append(tag)
    return _unique(found)


def extract_people(text: str) -> tuple[str, ...]:
    """People in order of first mention, lower-cased, trailing punctuation removed."""
    found = [match.group(1).rstrip(".-").lower() for match in _PERSON.finditer(text)]
    return _unique([person for person in found if len(person) <= MAX_PERSON])


def normalize_tag(tag: str) -> str:
    return tag.strip().lstrip("#").lower()


def normalize_person(name: str) -> str:
    """A name as the journal keeps it, typed with or without its @."""
    return name.strip().lstrip("@").lower()


def person_name(name: str) -> str:
    """The name as the journal keeps it, if writing it as @name in an entry would pick up
    exactly that person; else InvalidInput. So only a name the journal could hold is named."""
    clean = normalize_person(name)
    if not clean or extract_people("@" + clean) != (clean,):
        shown = name.strip()[:MAX_PERSON] or "(empty)"
        raise InvalidInput(f"'{shown}' is not a name the journal picks up, such as @alice")
    return clean
