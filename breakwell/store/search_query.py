"""What a person typed, made into a safe full-text query for each database; plain Python, so
any driver can use it.

Words are quoted so operators and punctuation in the input can never be a syntax error;
"quoted phrases" stay phrases; every word must match. With `prefix`, the last word also
matches as a prefix, which is what search-as-you-type needs.
"""

from __future__ import annotations

import re

from breakwell.domain.errors import InvalidInput

_TERM = re.compile(r'"([^"]*)"|(\w+)')
_WORD = re.compile(r"[^\W_]+")


def _terms(query: str) -> list[list[str]]:
    """Each term's words: one for a word, several for a phrase."""
    terms: list[list[str]] = []
    for phrase, word in _TERM.findall(query):
        words = _WORD.findall(phrase or word)
        if words:
            terms.append(words)
    if not terms:
        raise InvalidInput(f"nothing to search for in '{query}'")
    return terms


def _prefixed(query: str, prefix: bool) -> bool:
    return prefix and not query.rstrip().endswith('"')


def fts5_query(query: str, *, prefix: bool = False) -> str:
    """An FTS5 expression (SQLite)."""
    rendered = ['"' + " ".join(words) + '"' for words in _terms(query)]
    if _prefixed(query, prefix):
        rendered[-1] += "*"
    return " ".join(rendered)


def tsquery_text(query: str, *, prefix: bool = False) -> str:
    """A `to_tsquery` expression (PostgreSQL): quoted words, phrases joined by `<->`."""
    rendered = [" <-> ".join(f"'{word}'" for word in words) for words in _terms(query)]
    if _prefixed(query, prefix):
        rendered[-1] += ":*"
    return " & ".join(f"({term})" for term in rendered)
