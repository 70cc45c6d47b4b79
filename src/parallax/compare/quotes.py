"""Who said what across a story: speakers resolved to entities, and the same statement
recognised across outlets and translations.

Speakers: a speaker span that overlaps an entity mention (a name, or a role phrase the entity
resolver linked) is that entity. A pronoun ("he", "she") takes the speaker of the article's
previous quote, else the nearest person named before the quote outside any quotation; an
unlinked role or an unknown is None, never a guess.

Alignment: two quotes from different articles render the same statement when their content
words (crudely stemmed, "good will" read as "goodwill") overlap by at least half of the shorter
one, with at least four words shared. Limits: a paraphrase with different vocabulary is missed,
and a translation that changes every word is not found without embeddings.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from ..model import Article
from ..textutil import content_words, fold, stem

PRONOUNS = {"he", "she", "him", "her", "his"}


def resolve_speakers(article: Article, entity_of_span: Callable[[str, int, int], str | None]) -> list[str | None]:
    """The speaker entity id of each of ``article.quotes``, in order (None where unknown)."""
    inside = [(q.start, q.end) for q in article.quotes]
    persons = sorted((m.start, m.end) for m in article.mentions if m.label == "PERSON")
    out: list[str | None] = []
    previous: str | None = None
    for q in article.quotes:
        found = None
        if q.speaker:
            s0, s1 = q.speaker
            found = entity_of_span(article.id, s0, s1)
            if found is None and fold(article.text[s0:s1]).strip() in PRONOUNS:
                found = previous
                if found is None:
                    for p0, p1 in reversed(persons):
                        if p1 <= min(q.start, s0) and not any(a <= p0 < b for a, b in inside):
                            found = entity_of_span(article.id, p0, p1)
                            if found:
                                break
        out.append(found)
        if found:
            previous = found
    return out


def _terms(text: str) -> set[str]:
    text = re.sub(r"\bgood\s+will\b", "goodwill", text, flags=re.I)
    return {stem(w) for w in content_words(text)}


def align_quotes(items: Sequence[tuple[str, str, str]], min_shared: int = 4,
                 min_overlap: float = 0.5) -> dict[str, list[str]]:
    """(quote id, article id, text) -> for each quote id, the ids of quotes from other articles
    that render the same statement."""
    terms = [(qid, aid, _terms(text)) for qid, aid, text in items]
    out: dict[str, list[str]] = {}
    for i, (qa, aa, ta) in enumerate(terms):
        for qb, ab, tb in terms[i + 1:]:
            if aa == ab or not ta or not tb:
                continue
            shared = len(ta & tb)
            if shared >= min_shared and shared / min(len(ta), len(tb)) >= min_overlap:
                out.setdefault(qa, []).append(qb)
                out.setdefault(qb, []).append(qa)
    return out


def diff_quotes(a: str, b: str) -> list[tuple[str, str, str]]:
    """Word-level differences between two renderings: (op, words in a, words in b) with op in
    ``replace``, ``delete`` (only in a), ``insert`` (only in b)."""
    wa, wb = a.split(), b.split()
    sm = difflib.SequenceMatcher(a=[fold(w) for w in wa], b=[fold(w) for w in wb], autojunk=False)
    return [(op, " ".join(wa[i1:i2]), " ".join(wb[j1:j2]))
            for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
