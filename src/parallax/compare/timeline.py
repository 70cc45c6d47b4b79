"""The story timeline: dated statements from every article merged into one entry per happening.

A dated statement is the clause around a resolved DATE expression. Two statements are the same
entry when they carry compatible dates and either name the same happening (same trigger key)
or share enough content words, one at least beyond the names in them. Precision is kept: an
entry dated by a week stays a week.

A statement whose date goes with a meeting word ("negotiations are expected to begin on
Friday", "his meeting with Blinken ... this Friday") but that names fewer than two people
joins the one meeting of that day, when there is exactly one and the people and places
each names do not contradict it: four outlets' ways of telling one meeting are one entry.

Limits: clause boundaries are punctuation and "and"-joins, not a parse; dates inside the
dateline are publication dates and are left out; "said on Friday" makes an entry for the
statement itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Article, Discrepancy, Evidence, TimelineEntry
from .discrepancies import compatible_dates
from .events import CALL, KIND_TALKS, LOCATIVE_BEFORE, MEETING, REPORTING_ANY, Happening, clauses, date_value, statement_terms, tidy

Named = tuple[int, int, str]  # start, end, canonical name

# A date that bounds a stretch of time rather than dating a happening.
_SPAN_EDGE = re.compile(r"\b(?:[Ss]ince|[Uu]ntil|[Tt]ill)\s+(?:(?:early|late|mid|the\s+end\s+of)[\s-]+)?$|(?:[Ss]ince|[Uu]ntil|[Tt]ill)\b")


def clause_around(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The clause of ``sentence`` that holds [start, end) (short clauses read with the next)."""
    return next(((a, b) for a, b in clauses(text, *sentence) if a <= start < b), sentence)


def meeting_bound(text: str, sentence: tuple[int, int], start: int, end: int) -> bool:
    """True when a meeting or call word in ``sentence`` has the date at [start, end) as its
    nearest date, with no reporting verb between them ("said on Friday his meeting": yes;
    "on January 19, it became known that she would meet": no, that date is the saying's)."""
    s0, s1 = sentence
    words = [m.span() for rx in (MEETING, CALL, KIND_TALKS) for m in rx.finditer(text, s0, s1)]
    for w0, w1 in words:
        lo, hi = (w1, start) if w1 <= start else (end, w0)
        if REPORTING_ANY.search(text, lo, hi) or any(w0 <= start < w1 for w0, w1 in words):
            continue
        return True
    return False


def build_timeline(articles: Sequence[Article], happenings: Sequence[Happening],
                   discrepancies: Sequence[Discrepancy],
                   people: dict[str, Sequence[Named]] | None = None,
                   places: dict[str, Sequence[Named]] | None = None) -> list[TimelineEntry]:
    """Timeline entries of ``articles``. ``people`` and ``places`` (article id -> mentions
    with their entity's name) let a statement that names only part of a meeting join it;
    a place counts where something is said to be in or at it."""
    people, places = people or {}, places or {}
    trigger_key = {(h.article, h.date.start): h.key for h in happenings if h.date}
    happening_people = {h.key: set(h.key.split(":", 1)[1].split("|")) for h in happenings
                        if h.key.startswith(("meeting:", "call:"))}

    def named(index: dict[str, Sequence[Named]], article: Article, sentence: tuple[int, int],
              locative: bool = False) -> frozenset[str]:
        """Names mentioned in ``sentence``; with ``locative``, only places something is in or
        at ("in Geneva", not "Moscow time")."""
        return frozenset(n for a, _b, n in index.get(article.id, ()) if sentence[0] <= a < sentence[1]
                         and (not locative or LOCATIVE_BEFORE.search(article.text, max(sentence[0], a - 20), a)))

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
                                        if c.value[:1].isdigit() and (c.article, c.start) == (article, sentence[0])):
                return d.id
            if d.kind == "place" and d.about.removeprefix("place of the ") in clause:
                return d.id
        return None
    statements = []  # (date, article, clause span, sentence span, key, terms, meeting, who, where)
    for a in articles:
        dl = (a.dateline.start, a.dateline.end) if a.dateline else None
        for t in a.timexes:
            v = date_value(t)
            if not v or len(v) < 7 or (dl and dl[0] <= t.start < dl[1]):
                continue
            sentence = a.sentence_of(t.start)
            if not sentence:
                continue
            if _SPAN_EDGE.search(a.text, max(0, t.start - 30), t.start) or _SPAN_EDGE.match(a.text, t.start, t.end):
                continue  # "has defended the dam since February": when it began, not a happening's date
            c0, c1 = clause_around(a.text, sentence, t.start, t.end)
            if dl and c0 < dl[1] <= t.start:
                c0 = dl[1]  # the dateline ("GENEVA, January 21. /TASS/.") is not the statement
            clause = a.text[c0:c1].strip(" ,;")
            c0 = a.text.find(clause, c0)
            c1 = c0 + len(clause)
            key = trigger_key.get((a.id, t.start))
            meeting = bool(key) or meeting_bound(a.text, sentence, t.start, t.end)
            statements.append((v, a, (c0, c1), sentence, key, statement_terms(clause), meeting,
                               named(people, a, sentence) | happening_people.get(key, set()),
                               named(places, a, sentence, locative=True)))
    entries: list[dict] = []

    def fits(e: dict, who: frozenset[str], where: frozenset[str]) -> bool:
        """A part-told meeting fits an entry's meeting when it names no one and no place
        the entry's own statements exclude: its people are among the entry's, its places
        overlap the entry's (either side may name none)."""
        return (not e["who"] or who <= e["who"]) and (not e["where"] or not where or bool(where & e["where"]))

    ordered = sorted(statements, key=lambda s: (s[0], s[4] is None, s[1].id, s[2]))
    for v, a, clause, sentence, key, terms, meeting, who, where in ordered:
        # names alone do not make two statements one: "On January 10, Ryabkov noted ..." and
        # "On January 10, Geneva will host the council, at which Ryabkov will lead ..." share
        # only the man; a word of what is said must be shared as well
        names = statement_terms(" ".join(w for w in a.text[clause[0]:clause[1]].split() if w[:1].isupper()))
        match = None
        for e in entries:
            if not compatible_dates(e["date"], v):
                continue
            if key and key in e["keys"]:
                match = e
                break
            # shared words join statements of one precision only: "early January" and "January
            # 20" may share "upcoming meetings" without being one thing
            overlap = len(terms & e["terms"]) / max(1, min(len(terms), len(e["terms"])))
            if (overlap >= 0.5 and len(terms & e["terms"]) >= 2 and terms & e["terms"] - names
                    and len(v) == len(e["date"])):
                match = e
                break
        if match is None and meeting and not key:
            same_day = [e for e in entries if e["meeting"] and e["date"] == v]
            if len(same_day) == 1 and fits(same_day[0], who, where):
                match = same_day[0]
        if match is None:
            match = {"date": v, "articles": set(), "keys": set(), "terms": set(), "sources": [],
                     "told": [], "disputed": None, "meeting": False,
                     "who": frozenset(), "where": frozenset()}
            entries.append(match)
        match["articles"].add(a.id)
        if key:
            match["keys"].add(key)
        match["terms"] |= terms
        if meeting:
            match["meeting"] = True
            match["who"] |= who
            match["where"] |= where
        evidence = Evidence(a.id, clause[0], clause[1])
        if evidence in match["sources"]:
            continue  # the clause's second date ("on Friday at 10:00"): the statement is there
        match["sources"].append(evidence)
        if len(v) > len(match["date"]):
            match["date"] = v  # keep the most precise compatible date
        text = tidy(a.text[clause[0]:clause[1]])
        alone = not any(clause[0] <= t.start < clause[1] and date_value(t) and not compatible_dates(date_value(t), v)
                        for t in a.timexes)
        match["told"].append((text, terms, a.id, alone))
        d = dispute_of(a.id, sentence, v, text)
        if d:
            match["disputed"] = d
    out = [TimelineEntry(e["date"], _headline(e["told"]), tuple(e["sources"]), bool(e["disputed"]), e["disputed"])
           for e in entries]
    return sorted(out, key=lambda e: (e.date, -len(e.sources)))


def _headline(told: list[tuple[str, set[str], str, bool]]) -> str:
    """The statement an entry reads as: a full one (five words or more) with no other date
    in it, told in the words most other articles of the entry share, the shortest of those."""
    def score(item):
        text, terms, article, alone = item
        shared = sum(1 for _t, other, art, _a in told if art != article and len(terms & other) >= 2)
        return (len(text.split()) >= 5, alone, shared, -len(text))
    return max(told, key=score)[0]

