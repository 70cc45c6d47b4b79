"""The story timeline: dated statements from every article merged into one entry per happening.

A dated statement is the clause around a resolved DATE expression. Two statements are the same
entry when they carry compatible dates and either name the same happening (same trigger key)
or share enough content words. Precision is kept: an entry dated by a week stays a week.

Limits: clause boundaries are punctuation and "and"-joins, not a parse; dates inside the
dateline are publication dates and are left out; "said on Friday" makes an entry for the
statement itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Discrepancy, Evidence, TimelineEntry
from .discrepancies import compatible_dates
from .events import Happening, clauses, date_value, statement_terms, tidy

def clause_around(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` that holds [start, end) (short clauses read with the next)."""
    return next(((a, b) for a, b in clauses(text, *sentence) if a <= start < b), sentence)


def build_timeline(articles: Sequence[Article], happenings: Sequence[Happening],
                   discrepancies: Sequence[Discrepancy]) -> list[TimelineEntry]:
    trigger_key = {(h.article, h.date.start): h.key for h in happenings if h.date}
    # a claim is a sentence; inside it, only the entry about the disputed thing is disputed:
    # for a date, an entry with one of the disputed dates; for a place, the entry naming the
    # happening whose place is disputed
    disputed: dict[tuple[str, int], list[Discrepancy]] = {}
    for d in discrepancies:
        if d.kind in ("date", "place"):
            for c in d.claims:
                disputed.setdefault((c.article, c.start), []).append(d)

    def dispute_of(article: str, sentence: tuple[int, int], date_v: str, clause: str) -> str | None:
        for d in disputed.get((article, sentence[0]), ()):
            if d.kind == "date" and any(compatible_dates(date_v, c.value) for c in d.claims
                                        if c.value[:1].isdigit()):
                return d.id
            if d.kind == "place" and d.about.removeprefix("place of the ") in clause:
                return d.id
        return None
    statements = []  # (date, article, clause span, sentence span, key, terms)
    for a in articles:
        dl = (a.dateline.start, a.dateline.end) if a.dateline else None
        for t in a.timexes:
            v = date_value(t)
            if not v or len(v) < 7 or (dl and dl[0] <= t.start < dl[1]):
                continue
            sentence = a.sentence_of(t.start)
            if not sentence:
                continue
            c0, c1 = clause_around(a.text, sentence, t.start, t.end)
            if dl and c0 < dl[1] <= t.start:
                c0 = dl[1]  # the dateline ("GENEVA, January 21. /TASS/.") is not the statement
            clause = a.text[c0:c1].strip(" ,;")
            c0 = a.text.find(clause, c0)
            c1 = c0 + len(clause)
            statements.append((v, a, (c0, c1), sentence, trigger_key.get((a.id, t.start)), statement_terms(clause)))
    entries: list[dict] = []
    for v, a, clause, sentence, key, terms in sorted(statements, key=lambda s: (s[0], s[1].id, s[2])):
        match = None
        for e in entries:
            if not compatible_dates(e["date"], v):
                continue
            if key and key in e["keys"]:
                match = e
                break
            overlap = len(terms & e["terms"]) / max(1, min(len(terms), len(e["terms"])))
            if overlap >= 0.5 and len(terms & e["terms"]) >= 2:
                match = e
                break
        if match is None:
            match = {"date": v, "articles": set(), "keys": set(), "terms": set(), "sources": [],
                     "text": None, "disputed": None}
            entries.append(match)
        match["articles"].add(a.id)
        if key:
            match["keys"].add(key)
        match["terms"] |= terms
        match["sources"].append(Evidence(a.id, clause[0], clause[1]))
        if len(v) > len(match["date"]):
            match["date"] = v  # keep the most precise compatible date
        text = tidy(a.text[clause[0]:clause[1]])
        if match["text"] is None or (len(text) < len(match["text"]) and len(text.split()) >= 5):
            match["text"] = text
        d = dispute_of(a.id, sentence, v, text)
        if d:
            match["disputed"] = d
    out = [TimelineEntry(e["date"], e["text"], tuple(e["sources"]), bool(e["disputed"]), e["disputed"])
           for e in entries]
    return sorted(out, key=lambda e: (e.date, -len(e.sources)))
