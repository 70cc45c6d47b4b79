"""A short extractive summary: every sentence is a source's own words (or a plain statement of
a discrepancy), and lists every source that supports it.

Order: the most corroborated lead statement; then the best-corroborated facts; then each
disputed point stated as disputed. Corroboration counts independent sources only: wire
copies and reused house paragraphs count once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from ..model import Article, Discrepancy, Fact, SummarySentence
from ..textutil import content_words, stem

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def human_date(value: str) -> str:
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        if len(value) == 7:
            return f"{MONTHS[int(value[5:7]) - 1]} {value[:4]}"
        if "-W" in value:
            return f"week {int(value[6:])} of {value[:4]}"
    except (ValueError, IndexError):
        pass
    return value


def _terms(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


def lead_statement(articles: Sequence[Article], independent: Callable[[list[tuple[str, int]]], int],
                   lead_sentences: int = 2, disputed: Sequence[Discrepancy] = ()) -> SummarySentence | None:
    """The opening sentence most other articles also state (overlap of content words); a
    sentence holding a disputed claim is never the lead."""
    candidates = []
    all_sentences = [(a, s, _terms(a.text[s[0]:s[1]])) for a in articles for s in a.sentences]
    claims = [(c.article, c.start, c.end) for d in disputed for c in d.claims]
    for a in articles:
        for s in a.sentences[:lead_sentences]:
            if any(aid == a.id and s[0] <= c0 < s[1] for aid, c0, _ in claims):
                continue
            text = a.text[s[0]:s[1]]
            terms = _terms(text)
            if len(terms) < 5 or len(text) > 400 or text.rstrip()[-1:] not in ".!":
                continue
            support = {(a.id, s[0])}
            for b, t, bt in all_sentences:
                if b.id == a.id:
                    continue
                shared = len(terms & bt)
                if shared >= 4 and shared / min(len(terms), len(bt)) >= 0.4:
                    support.add((b.id, t[0]))
            n = independent(sorted(support))
            candidates.append((n, -len(text), a.id, text, sorted({x for x, _ in support})))
    if not candidates:
        return None
    n, _, _, text, sources = max(candidates)
    return SummarySentence(text.strip(), tuple(sources))


def _when(fact: Fact) -> str | None:
    """The fact's date when every source that dates it agrees on one day."""
    days = {x.value for x in fact.slots if x.name == "when"}
    return days.pop() if len(days) == 1 and len(next(iter(days))) == 10 else None


def _says_date(text: str, value: str) -> bool:
    """True when ``text`` already names the day ``value`` ("on February 3, 2025")."""
    d = date.fromisoformat(value)
    return MONTHS[d.month - 1] in text and bool(re.search(rf"\b{d.day}\b", text))


def summarize(articles: Sequence[Article], facts: Sequence[Fact], discrepancies: Sequence[Discrepancy],
              independent: Callable[[list[tuple[str, int]]], int], max_facts: int = 3) -> list[SummarySentence]:
    """The lead statement, then the facts with two or more independent sources (most first, a
    disputed one said to be disputed), then every discrepancy explained. Each sentence is a source's own words or
    a plain statement of what the sources say, and lists every article behind it."""
    out: list[SummarySentence] = []
    lead = lead_statement(articles, independent, disputed=discrepancies)
    if lead:
        out.append(lead)
    said = [_terms(x.text) for x in out]
    for f in facts:
        if len(out) > max_facts:
            break
        if f.independent < 2:
            continue
        if f.kind == "shared" and any(x.attributed for x in f.slots if x.name == "what"):
            continue  # someone's words; who said what shows them with their speaker
        terms = _terms(f.text)
        if len(terms) < 3 or any(len(terms & t) >= max(2, len(terms) // 2) for t in said):
            continue  # too thin to stand alone, or already said
        said.append(terms)
        when = None if f.discrepancies else _when(f)
        text = f.text.strip()
        if when and not _says_date(text, when):
            text = f"{human_date(when)}: {text}"
        if f.discrepancies:
            about = [d.about for d in discrepancies if d.id in f.discrepancies
                     and d.about.startswith(("date of", "place of", "number of", "title of"))][:2] or \
                [d.kind for d in discrepancies if d.id in f.discrepancies][:1]
            text = f"{text.rstrip('.')} — disputed: the sources disagree on the {' and the '.join(about)}."
        out.append(SummarySentence(text, tuple(dict.fromkeys(s.article for s in f.sources))))
    for d in discrepancies:
        out.append(SummarySentence(f"Disputed: {d.explanation}", tuple(dict.fromkeys(c.article for c in d.claims))))
    return out
