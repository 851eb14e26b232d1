"""What a person typed, made into a safe FTS5 query; plain Python, so any driver can use it."""

from __future__ import annotations

import re

from breakwell.domain.errors import InvalidInput

_TERM = re.compile(r'"([^"]*)"|(\w+)')


def fts5_query(query: str, *, prefix: bool = False) -> str:
    """Turn what a person typed into a safe FTS5 expression: every word must match.

    Words are quoted so FTS5 operators and punctuation in the input can never be a syntax
    error; "quoted phrases" stay phrases. With `prefix`, the last word also matches as a
    prefix, which is what search-as-you-type needs.
    """
    terms: list[str] = []
    for phrase, word in _TERM.findall(query):
        words = re.findall(r"\w+", phrase) if phrase else [word]
        if words:
            terms.append('"' + " ".join(words) + '"')
    if not terms:
        raise InvalidInput(f"nothing to search for in '{query}'")
    if prefix and not query.rstrip().endswith('"'):
        terms[-1] += "*"
    return " ".join(terms)
