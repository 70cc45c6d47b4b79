"""Sentence splitting: paragraphs (line breaks) first, then spaCy's rule-based sentencizer
inside each paragraph. Limits: no statistical boundary model, so an abbreviation the
tokenizer does not know ("Gen.") followed by a capitalised name can end a sentence. A
"sentence" that starts lowercase is read with the one before it in its paragraph."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from ..model import Article, Span
from .stage import Stage

_PARAGRAPH = re.compile(r"[^\n]+")


class SentenceStage(Stage):
    name = "sentences"
    reads = ("text",)
    writes = ("sentences",)

    def __getstate__(self):
        return {}

    def __setstate__(self, state):
        pass

    @cached_property
    def _nlp(self):
        import spacy

        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
        return nlp

    def split(self, text: str) -> list[Span]:
        paragraphs = [(m.start(), m.group()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
        spans: list[Span] = []
        docs = self._nlp.pipe(p for _, p in paragraphs)
        for (offset, para), doc in zip(paragraphs, docs):
            for sent in doc.sents:
                start = offset + sent.start_char
                end = offset + sent.end_char
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                if end > start:
                    if spans and spans[-1][1] > offset and text[start].islower():
                        # "... in Geneva. this Friday.": a sentence does not start lowercase;
                        # the stray full stop was a typo and the words belong to the sentence before
                        spans[-1] = (spans[-1][0], end)
                    else:
                        spans.append((start, end))
        return spans

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        return [a.evolve(sentences=tuple(self.split(a.text))) for a in articles]
