"""Quotes and their speakers (placeholder interface; see issue 5)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Mention, Quote, Span
from .stage import Stage


def find_quotes(text: str, sentences: Sequence[Span], mentions: Sequence[Mention]) -> list[Quote]:
    """Find direct, mixed and indirect quotes with cue and speaker spans."""
    return []


class QuoteStage(Stage):
    name = "quotes"
    reads = ("text", "sentences", "mentions")
    writes = ("quotes",)

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        return [a.evolve(quotes=tuple(find_quotes(a.text, a.sentences, a.mentions))) for a in articles]
