"""Small text helpers shared by the linking and comparing stages (tokens, content words, names)."""

from __future__ import annotations

import re
import unicodedata

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*", re.UNICODE)
# A run of capitalised words, allowing short joiners inside ("Council of Europe", "Ministry of Foreign Affairs").
NAME = re.compile(
    r"\b[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'\-]*(?:\s+(?:(?:of|the|de|la|von|van|al|for|and)\s+)?[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'\-]*)*"
)
STOPWORDS = frozenset(ENGLISH_STOP_WORDS) | {
    "said", "says", "say", "told", "according", "also", "would", "could", "one", "two", "new",
    "year", "years", "day", "days", "week", "weeks", "today", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "mr", "ms", "mrs",
}
# Words that start sentences with a capital without naming anything.
NOT_NAMES = frozenset(w.capitalize() for w in STOPWORDS) | {
    "However", "Earlier", "Later", "Thus", "Meanwhile", "In", "On", "At", "According", "After", "Before",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}


def fold(text: str) -> str:
    """Lower case without diacritics and with typographic apostrophes made plain."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if len(w) > 2 and w not in STOPWORDS and not w.isdigit()]


def stem(word: str) -> str:
    """A crude suffix stripper, enough to meet "talks"/"talk", "meeting"/"meetings"."""
    for suffix in ("ings", "ing", "ies", "es", "s", "'s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def name_phrases(text: str) -> list[tuple[int, int, str]]:
    """Capitalised word runs as (start, end, phrase), leading function words dropped.

    Limits: a sentence-initial common word that is capitalised is dropped only when it is a
    known stop word or calendar word; other sentence-initial words count as names."""
    out = []
    for m in NAME.finditer(text):
        start, phrase = m.start(), m.group()
        parts = phrase.split()
        while parts and parts[0] in NOT_NAMES:
            start += len(parts[0])
            rest = text[start:m.end()]
            start += len(rest) - len(rest.lstrip())
            parts = parts[1:]
        if parts:
            out.append((start, m.end(), " ".join(parts)))
    return out
