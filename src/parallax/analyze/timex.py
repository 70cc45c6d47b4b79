"""Temporal tagger (placeholder interface; see issue 3)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Span, Timex
from .stage import Stage


def tag(text: str, dct: str | None, sentences: Sequence[Span] | None = None) -> list[Timex]:
    """Find time expressions in ``text`` and normalize them against ``dct`` (YYYY-MM-DD)."""
    return []


class TimexStage(Stage):
    name = "timex"
    reads = ("text", "published", "sentences")
    writes = ("timexes",)

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        return [a.evolve(timexes=tuple(tag(a.text, a.published, a.sentences))) for a in articles]
