"""Named-entity recognition (placeholder interface; see issue 4)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Mention, Span
from .stage import Stage


def recognize(text: str, sentences: Sequence[Span]) -> list[Mention]:
    """Find PERSON, ORG, GPE, LOC, NORP, EVENT mentions in ``text``."""
    return []


class EntityStage(Stage):
    name = "entities"
    reads = ("text", "sentences")
    writes = ("mentions",)

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        return [a.evolve(mentions=tuple(recognize(a.text, a.sentences))) for a in articles]
