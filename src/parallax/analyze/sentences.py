"""Sentence splitting: paragraphs (line breaks) first, then spaCy's rule-based sentencizer
inside each paragraph. Limits: no statistical boundary model, so an abbreviation the
tokenizer does not know ("Gen.") followed by a capitalised name can end a sentence. A
"sentence" that starts lowercase is read with the one before it in its paragraph; a quote mark
that opens the next sentence ('weeks. “We came') is moved from the end of the sentence before,
where the sentencizer leaves it, to the start of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property

from ..model import Article, Span
from .stage import Stage

_PARAGRAPH = re.compile(r"[^\n]+")


class SentenceStage(Stage):
    name = "sentences"
    reads = ("text", "dateline")
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
                    mark = _opening_mark(text, *spans[-1]) if spans and spans[-1][1] > offset else None
                    if mark is not None:
                        # 'weeks. “We came…', 'Ames. "There was…': the sentencizer leaves the
                        # opening mark of the next sentence's quote on the sentence before
                        before = mark
                        while before > spans[-1][0] and text[before - 1].isspace():
                            before -= 1
                        spans[-1] = (spans[-1][0], before)
                        start = mark
                    if spans and spans[-1][1] > offset and text[start].islower():
                        # "... in Geneva. this Friday.": a sentence does not start lowercase;
                        # the stray full stop was a typo and the words belong to the sentence before
                        spans[-1] = (spans[-1][0], end)
                    else:
                        spans.append((start, end))
        return spans

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        return [a.evolve(sentences=tuple(_after_dateline(a, self.split(a.text)))) for a in articles]


_OPENING = "“«„‘‹"


def _opening_mark(text: str, start: int, end: int) -> int | None:
    """Where a quote mark opening the next sentence starts, when the sentence [start, end)
    ends with one: a curly or angle opening mark, or a straight one ('"', "''") after a space."""
    if end - start < 2:
        return None
    if text[end - 1] in _OPENING:
        return end - 1
    for mark in ("''", '"', "'"):
        if text.endswith(mark, start, end) and end - len(mark) > start and text[end - len(mark) - 1].isspace():
            return end - len(mark)
    return None


def _after_dateline(article: Article, spans: list[Span]) -> list[Span]:
    """The dateline ("GENEVA, January 21. /TASS/.") is a sentence of its own: the sentencizer
    cuts after "January 21." and would start the first statement at "/TASS/."."""
    dl = article.dateline
    if dl is None:
        return spans
    out: list[Span] = []
    for s0, s1 in spans:
        head, rest = (s0, min(s1, dl.end)), (dl.end, s1)
        if not (s0 < dl.end and dl.start < s1):
            out.append((s0, s1))
            continue
        if out and dl.start <= out[-1][0] < dl.end:
            out[-1] = (out[-1][0], head[1])  # "GENEVA, January 21." and "/TASS/." are one
        else:
            out.append(head)
        start = rest[0]
        while start < s1 and article.text[start].isspace():
            start += 1
        if start < s1:
            out.append((start, s1))
    return out
