"""Realistic journals, the same entries for breakwell and for jrnl, from one seed.

Years of entries of 40-200 words drawn from a Zipf-like vocabulary, 1-3 #tags each, an @person
in some and a platform named on some, a rare word planted in a handful of entries (the
full-text search case), and every so often a completed break with its before and after answers
and the observations written during it. Entries come one at a time (`stream`), so a journal of a
million entries is written without holding it whole.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

RARE_WORD = "quillmarrow"
RARE_COUNT = 5
FILTER_TAG = "coffee"
SEED = 20261123
END = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
# A long journal is a full one: at most this many years, however many entries.
MAX_YEARS = 12
BREAK_EVERY = 250
# One entry in PERSON_EVERY mentions a person, one in PLATFORM_EVERY is about a platform.
PERSON_EVERY = 7
PLATFORM_EVERY = 5
PEOPLE = ["sam_k", "devon.builds", "growthhacker_jo", "mira", "the_editor", "lou", "pat", "ana"]
FILTER_PERSON = "mira"
PLATFORMS = ["x", "instagram", "reddit"]
FILTER_PLATFORM = "instagram"

_ONSETS = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "br",
           "ch", "cl", "dr", "fl", "gr", "pl", "pr", "sh", "sl", "st", "th", "tr"]  # fmt: skip
_VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "oo", "ou", "ie"]
_CODAS = ["", "", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "ck", "ng"]
_COMMON = [
    "the",
    "a",
    "and",
    "of",
    "to",
    "in",
    "is",
    "it",
    "that",
    "was",
    "for",
    "on",
    "with",
    "as",
    "i",
    "my",
    "at",
    "be",
    "this",
    "had",
    "not",
    "but",
    "what",
    "all",
    "were",
    "when",
    "we",
    "there",
    "can",
    "an",
    "your",
    "which",
    "their",
    "said",
    "if",
    "do",
    "will",
    "each",
    "about",
    "how",
    "up",
    "out",
    "them",
    "then",
    "she",
    "many",
    "some",
    "so",
    "these",
    "would",
    "other",
    "into",
    "has",
    "more",
    "her",
    "two",
    "like",
    "him",
    "see",
    "time",
    "could",
    "people",
    "feed",
    "post",
    "scroll",
    "phone",
    "noticed",
    "followers",
    "thread",
    "account",
    "replies",
    "likes",
    "again",
]
_TAGS = [
    "sunrise", "focus", "family", "walk", "reading", "work", "sleep", "mood", "news", "friends",
    "music", "cooking", "rain", "garden", "travel", "urge", "calm", "boredom", "morning",
    "evening", "weekend", "commute", "coffee", "running", "writing", "kids", "politics", "art",
    "learning", "doomscroll", "envy", "gratitude", "notifications", "video", "photos", "memes",
    "ads", "outrage", "comparison", "silence",
]  # fmt: skip


@dataclass(frozen=True)
class Entry:
    at: datetime
    text: str
    tags: tuple[str, ...]
    break_index: int | None
    people: tuple[str, ...] = ()
    platform: str | None = None


@dataclass(frozen=True)
class Break:
    starts_at: datetime
    ends_at: datetime
    intention: str


@dataclass(frozen=True)
class Journal:
    entries: list[Entry]
    breaks: list[Break]


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        syllables = rng.choice((1, 2, 2, 2, 3))
        word = "".join(
            rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables)
        )
        if word != RARE_WORD and len(word) > 2:
            words.add(word)
    made = sorted(words)
    rng.shuffle(made)
    return [*_COMMON, *made]


def _cumulative(count: int) -> list[float]:
    """Zipf-like: the n-th most common word is about n times rarer than the first."""
    total = 0.0
    sums: list[float] = []
    for rank in range(count):
        total += 1 / (rank + 1) ** 1.07
        sums.append(total)
    return sums


def generate(size: int, seed: int = SEED) -> Journal:
    """`size` entries ending at END, spread over up to MAX_YEARS, oldest first."""
    entries: list[Entry] = []
    breaks: list[Break] = []
    for entry, began in stream(size, seed):
        if began is not None:
            breaks.append(began)
        entries.append(entry)
    return Journal(entries, breaks)


def stream(size: int, seed: int = SEED) -> Iterator[tuple[Entry, Break | None]]:
    """The entries of `generate` one by one, each with the break that begins at it, if any."""
    rng = random.Random(seed)
    # People and platforms come from a second generator, so the first draws the same words
    # as before they were added.
    extra = random.Random(seed + 1)
    words = _vocabulary(rng, 20_000)
    word_weights = _cumulative(len(words))
    tag_weights = _cumulative(len(_TAGS))
    rare_at = {round(size * (i + 0.5) / RARE_COUNT) for i in range(RARE_COUNT)}
    span = timedelta(days=min(MAX_YEARS * 365, max(365, size / 4)))
    start = END - span
    step = span / size
    breaks = 0
    open_break: tuple[int, Break] | None = None
    for index in range(size):
        at = (start + step * index + timedelta(minutes=rng.randrange(0, 30))).replace(
            second=0, microsecond=0
        )
        began = None
        if index % BREAK_EVERY == 0 and index + 10 < size:
            length = timedelta(hours=rng.choice((24, 48, 72)))
            began = Break(at, at + length, _sentence(rng, words, word_weights))
            open_break = (breaks, began)
            breaks += 1
        during = open_break is not None and open_break[1].starts_at <= at < open_break[1].ends_at
        tags = tuple(
            dict.fromkeys(rng.choices(_TAGS, cum_weights=tag_weights, k=rng.randint(1, 3)))
        )
        people = (extra.choice(PEOPLE),) if index % PERSON_EVERY == 3 else ()
        text = _text(rng, words, word_weights, tags, people, rare=index in rare_at)
        platform = extra.choice(PLATFORMS) if index % PLATFORM_EVERY == 2 else None
        linked = open_break[0] if during and open_break else None
        yield Entry(at, text, tags, linked, people, platform), began


def _sentence(rng: random.Random, words: list[str], weights: list[float]) -> str:
    chosen = rng.choices(words, cum_weights=weights, k=rng.randint(5, 14))
    return " ".join(chosen).capitalize() + "."


def _text(
    rng: random.Random,
    words: list[str],
    weights: list[float],
    tags: tuple[str, ...],
    people: tuple[str, ...],
    *,
    rare: bool,
) -> str:
    target = rng.randint(40, 200) - len(tags) - len(people)
    chosen = rng.choices(words, cum_weights=weights, k=target)
    if rare:
        # Inside the first sentence, never its capitalised first word.
        chosen[3] = RARE_WORD
    sentences: list[str] = []
    position = 0
    while position < len(chosen):
        length = rng.randint(6, 18)
        sentences.append(" ".join(chosen[position : position + length]).capitalize() + ".")
        position += length
    marks = [*(f"#{tag}" for tag in tags), *(f"@{person}" for person in people)]
    return " ".join(sentences) + " " + " ".join(marks)


def jrnl_lines(entries: Iterable[Entry]) -> Iterator[str]:
    """The journal in jrnl's own plain-text format, oldest entry first."""
    for entry in entries:
        yield f"[{entry.at:%Y-%m-%d %H:%M}] {entry.text}\n\n"
