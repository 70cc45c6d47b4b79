"""Happenings mentioned in a sentence, with the date and place the sentence binds to each.

A happening is found by a trigger: a named event ("NATO-Russia Council", "OSCE Permanent
Council", "Strategic Stability Dialogue") or a meeting/call word ("talks", "meeting", "meet",
"telephone conversation") with at least two named people taking part. Each date and place in
the sentence goes to its nearest trigger, and each trigger keeps its nearest date and place.

Limits: no parser, so binding is by character distance inside one sentence; the speaker of a
reporting verb ("Zakharova said ...") is not counted as a participant; a place needs a
locative cue ("in", "at", "X hosted", "X will host").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..model import Article, Span, Timex
from ..textutil import content_words, fold, stem

NAMED_EVENT = re.compile(
    r"\b(?:[A-Z][\w\-’']*\s+){0,4}?(?:[A-Z][\w\-’']*[\s\-])*(?:Council|Dialogue|Summit|Conference|Forum|Assembly|Congress|Games|Cup|Championship|Festival|Olympics)\b"
)
# talks named by their kind ("technical talks") are one happening across sources
KIND_TALKS = re.compile(r"\b(?:technical|preliminary|expert-level|working-level|exploratory)\s+(?:talks|consultations|negotiations)\b", re.I)
MEETING = re.compile(
    r"\b(?:talks|meeting|meetings|meet|meets|met|negotiations|summit|consultations)\b", re.I)
CALL = re.compile(r"\b(?:telephone conversation|phone conversation|phone call|telephone call|call|phoned|spoke by phone)\b", re.I)
REPORTING = re.compile(
    r"^\W{0,3}(?:has |had |have )?(?:said|says|say|stated|told|noted|added|stressed|recalled|insisted|"
    r"asserted|emphasized|emphasised|declared|explained|commented|announced|reported|wrote|believes)\b", re.I)
LOCATIVE_BEFORE = re.compile(r"(?:\bin|\bat|\bcity of|\bhosted by|\bcapital,?)\s*(?:the\s+)?$", re.I)
LOCATIVE_AFTER = re.compile(r"^\s*(?:will\s+)?(?:hosted|hosts|host|will host|is hosting)\b", re.I)
REPORTING_ANY = re.compile(
    r"\b(?:said|says|stated|told|noted|added|stressed|recalled|insisted|asserted|emphasi[sz]ed|declared|"
    r"explained|commented|announced|reported|became known)\b", re.I)
ATTRIBUTIVE = re.compile(r"\bthe\s+$", re.I)
BETWEEN = re.compile(r"\b(?:between|both)\s+(?:[\w’'\-]+\s+){0,4}[\w’'\-]+$", re.I)
OPENING_DATE = re.compile(r"\b(?:that|when)\s+(?:on|in|at|by)\s+[^,;]{1,25}$", re.I)
CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and\s+|while\s+|but\s+)?(?=(?:a|an|the|on|in|and)\s)|\s+and\s+(?=(?:a|an|the)\s)"
                          r"|,\s+(?=(?:yet|but|while|whereas|although|though)\s)")


# calendar words say when, not what: two statements of one thing share their other words
TIMEWORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
             "friday", "saturday", "sunday", "week", "day", "earlier", "following", "last", "next"}


def statement_terms(text: str) -> set[str]:
    """Stemmed content words of a statement, calendar words left out."""
    return {stem(w) for w in content_words(text) if w not in TIMEWORDS}


def outlet(a: Article) -> str:
    """The outlet an article speaks for: its source, or the article itself when unknown."""
    return a.source or a.id


def title_index(articles: Sequence[Article]) -> dict[tuple[str, int, int], Span]:
    """(article id, mention start, mention end) -> the span of the title written with it
    ("US Secretary of State" before "Antony Blinken"), for every mention that has one."""
    return {(a.id, m.start, m.end): m.description for a in articles for m in a.mentions if m.description}


def attributed(article: Article, start: int, end: int) -> bool:
    """True when [start, end) lies inside reported speech: the source says someone said it,
    it does not state it in its own voice."""
    return any(q.start <= start and end <= q.end for q in article.quotes)


def clauses(text: str, s0: int, s1: int) -> list[tuple[int, int]]:
    """Clauses of a sentence; a clause of under five words joins the next (an opening "On
    January 10,"), or the one before when it starts lowercase (the end of a list)."""
    cuts = [s0]
    for m in CLAUSE_BREAK.finditer(text[s0:s1]):
        before = text[cuts[-1]:s0 + m.start()]
        if ";" not in m.group() and BETWEEN.search(before):
            continue  # "between Russia and the United States" joins two names, not two clauses
        if m.group().startswith(",") and OPENING_DATE.search(before):
            continue  # "said that on January 21, the minister would meet ...": the date opens what follows
        cuts.append(s0 + m.end())
    cuts.append(s1)
    out: list[tuple[int, int]] = []
    start = s0
    for a, b in zip(cuts, cuts[1:]):
        if len(text[start:b].split()) < 5 and b != s1:
            if out and start == a and text[a:a + 1].islower():
                out[-1] = (out[-1][0], b)  # "..., climate, the pandemic and technologies, yet": the end of a list
                start = b
            continue
        out.append((start, b))
        start = b
    return out


def tidy(text: str) -> str:
    """A clause cut from its sentence without the joiner it was cut at ("..., and", "yet ...")."""
    words = text.strip(" ,;").split(" ")
    while len(words) > 1 and words[-1].lower() in ("and", "or", "but", "while"):
        words.pop()
        words[-1] = words[-1].rstrip(",;")
    while len(words) > 5 and words[0] in ("and", "but", "yet", "while", "whereas", "although", "though"):
        words.pop(0)
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Happening:
    article: str
    sentence: Span
    trigger: Span
    key: str  # what makes two mentions the same happening
    label: str  # how to name it to a reader
    date: Timex | None
    place: tuple[int, int, str] | None


def date_value(t: Timex) -> str | None:
    """The calendar part of a DATE/TIME value (``2022-01-21T11:00`` -> ``2022-01-21``), or None."""
    if t.type not in ("DATE", "TIME") or not t.value:
        return None
    v = t.value.split("T")[0]
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?", v):
        return v
    return None


def _event_key(phrase: str) -> str:
    parts = sorted(set(re.findall(r"[a-z]+", fold(phrase))) - {"the", "of", "a", "meeting", "session"})
    return "named:" + " ".join(parts)


def happenings(article: Article, person_of: Callable[[str, int, int], str | None],
               places: Sequence[tuple[int, int, str]],
               persons: Sequence[tuple[int, int]] | None = None) -> list[Happening]:
    """Happenings in ``article``. ``person_of(article_id, start, end)`` names the person entity a
    span refers to (None if none); ``places`` are (start, end, canonical place name) mentions;
    ``persons`` are the spans that name people, role descriptions the resolver linked included
    ("the Russian top diplomat"); by default the article's PERSON mentions."""
    text = article.text
    out: list[Happening] = []
    if persons is None:
        persons = [(m.start, m.end) for m in article.mentions if m.label == "PERSON"]
    for s0, s1 in article.sentences:
        sentence = text[s0:s1]
        triggers: list[tuple[int, int, str, str]] = []  # start, end, key, label
        named_spans = []
        for m in NAMED_EVENT.finditer(sentence):
            a, b = s0 + m.start(), s0 + m.end()
            label = text[a:b].strip()
            first = label.split()[0]
            if first in ("The", "A", "An", "On", "In", "At"):
                if len(label.split()) < 3:
                    continue  # "The Council" names no one council
                a += len(first) + 1  # "The Harbour Council" at the start of a sentence
                label = text[a:b].strip()
            named_spans.append((a, b))
            triggers.append((a, b, _event_key(label), label))
        for m in KIND_TALKS.finditer(sentence):
            a, b = s0 + m.start(), s0 + m.end()
            named_spans.append((a, b))
            triggers.append((a, b, _event_key(m.group()), m.group().lower()))
        # meetings and calls between named people
        participants = set()
        for p0, p1 in persons:
            if not (s0 <= p0 < s1):
                continue
            if REPORTING.match(text[p1 : p1 + 25]):
                continue  # the speaker of the sentence, not a participant
            ent = person_of(article.id, p0, p1)
            if ent:
                participants.add(ent)
        if len(participants) >= 2:
            who = " and ".join(sorted(participants))
            for regex, kind in ((MEETING, "meeting"), (CALL, "call")):
                for m in regex.finditer(sentence):
                    a, b = s0 + m.start(), s0 + m.end()
                    if any(x <= a < y for x, y in named_spans):
                        continue
                    triggers.append((a, b, f"{kind}:{'|'.join(sorted(participants))}", f"{kind} of {who}"))
        if not triggers:
            continue
        dates = [t for t in article.timexes if s0 <= t.start < s1 and date_value(t)]
        locs = [p for p in places if s0 <= p[0] < s1 and not any(x <= p[0] < y for x, y in named_spans)]
        spans = clauses(text, s0, s1)

        def clause_of(pos: int) -> int:
            return next((i for i, (c0, c1) in enumerate(spans) if c0 <= pos < c1), -1)

        def may_bind(pos: int, end: int, trig: tuple[int, int, str, str], kind: str) -> bool:
            if clause_of(pos) != clause_of(trig[0]):
                return False
            between = text[min(end, trig[1]):max(pos, trig[0])]
            if REPORTING_ANY.search(between):
                return False  # "Earlier in the day, X said that ... meeting": the date is the saying's
            if kind == "place":
                # a place binds when it follows its happening ("held in Brussels"), or hosts it
                return pos >= trig[1] and bool(LOCATIVE_BEFORE.search(text[max(s0, pos - 20):pos])) \
                    or bool(LOCATIVE_AFTER.match(text[end:end + 20]))
            if ATTRIBUTIVE.search(text[max(s0, pos - 5):pos]):
                return pos < trig[0]  # "the January 13 meeting of X" modifies what follows it
            return True

        def nearest(items, span_of, kind):
            bound: dict[int, tuple[int, object]] = {}
            for item in items:
                pos, end = span_of(item)
                options = [(min(abs(pos - t[1]), abs(t[0] - end)), i) for i, t in enumerate(triggers)
                           if may_bind(pos, end, t, kind)]
                if not options:
                    continue
                dist, idx = min(options)
                if idx not in bound or dist < bound[idx][0]:
                    bound[idx] = (dist, item)
            return {i: v[1] for i, v in bound.items()}

        date_of = nearest(dates, lambda t: (t.start, t.end), "date")
        place_of = nearest(locs, lambda p: (p[0], p[1]), "place")
        for i, (a, b, key, label) in enumerate(triggers):
            out.append(Happening(article.id, (s0, s1), (a, b), key, label, date_of.get(i), place_of.get(i)))
    return out
