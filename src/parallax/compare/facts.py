"""Facts aligned across sources, and what each outlet covered.

A fact is a group of statements, from one or more articles, about the same happening:

* ``happening``: sentences that name the same happening (the same named event, the same
  meeting or call between the same people; see :mod:`.events`), with the date and place each
  sentence binds to it;
* ``dated``: a story-timeline entry not already told by a happening (the same dated
  statement in several articles, e.g. "On December 17, the ministry published ...");
* ``shared``: undated sentences that several outlets state in nearly the same content words.

Each fact carries its slots as every source gives them (``who``, ``what``, ``when``,
``where``, ``how_many``), marking values a source only reports as someone's claim
(``attributed``), and counts its independent sources (the articles of one outlet,
near-copies and reused passages count once). Coverage is the facts x outlets matrix read per
outlet: what it reported and what the others reported that it did not.

Limits: grouping is by shared happening keys, compatible dates and content-word overlap, not
by a semantic parse, so a paraphrase with few shared words stays a fact of its own; quantities
are numbers followed by a noun ("90-minute meeting", "10,000 troops"), the noun being the unit.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from ..model import Article, Discrepancy, Entity, Evidence, Fact, OutletCoverage, Slot, TimelineEntry
from ..textutil import STOPWORDS, stem
from .discrepancies import compatible_dates
from .events import (CALL, MEETING, TIMEWORDS, Happening, attributed, clauses, date_value, outlet,
                     statement_terms, tidy)

_WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_SCALE = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
QUANTITY = re.compile(
    r"(?<![\w.,:/-])(?P<approx>(?:about|around|some|nearly|almost|roughly|approximately|over|more than|"
    r"less than|fewer than|at least|up to|at most)\s+)?"
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?:\s+(?P<scale>hundred|thousand|million|billion))?"
    r"(?:-|\s+)(?P<unit>[a-z][a-z\-]+)", re.I)
# words after a number that are not what is counted
_NOT_UNITS = TIMEWORDS | {"of", "and", "or", "to", "in", "on", "at", "a", "the", "per", "percent", "am", "pm",
                          "a.m", "p.m", "gmt", "utc", "local", "time", "years", "year", "o'clock"}


DANGLING = {"and", "or", "but", "the", "a", "an", "of", "to", "in", "on", "at", "between", "with", "by", "for"}


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str
    approximate: bool
    start: int
    end: int


def quantities(article: Article, start: int, end: int) -> list[Quantity]:
    """Counted quantities in a span, outside time expressions ("90-minute", "10,000 troops")."""
    text = article.text
    timed = [(t.start, t.end) for t in article.timexes if t.type in ("DATE", "TIME")]
    out = []
    for m in QUANTITY.finditer(text, start, end):
        unit = m.group("unit").lower()
        if unit in _NOT_UNITS or any(a < m.end() and m.start() < b for a, b in timed):
            continue
        raw = m.group("num").lower().replace(",", "")
        value = float(_WORD_NUMBERS[raw]) if raw in _WORD_NUMBERS else float(raw)
        if m.group("scale"):
            value *= _SCALE[m.group("scale").lower()]
        out.append(Quantity(value, stem(unit.split("-")[0]), bool(m.group("approx")), m.start("num"), m.end()))
    return out


@dataclass
class _Group:
    kind: str
    label: str
    text: str
    sources: list[Evidence] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    dates: set[str] = field(default_factory=set)

    def add(self, ev: Evidence) -> None:
        if ev not in self.sources:
            self.sources.append(ev)


def _sentence_evidence(a: Article, span: tuple[int, int]) -> Evidence:
    return Evidence(a.id, span[0], span[1])


def build_facts(articles: Sequence[Article], found: Sequence[Happening], timeline: Sequence[TimelineEntry],
                entities: Sequence[Entity],
                independent: Callable[[list[tuple[str, int]]], int], min_shared_terms: int = 5,
                min_overlap: float = 0.5) -> list[Fact]:
    """The story's facts, most corroborated first. ``independent`` counts independent sources
    among (article id, offset) pairs (see :func:`parallax.compare.story.independence`)."""
    by_id = {a.id: a for a in articles}
    groups: list[_Group] = []
    used_sentences: set[tuple[str, int]] = set()

    # 1. happenings, grouped by what makes them the same happening
    by_key: dict[str, list[Happening]] = defaultdict(list)
    for h in found:
        by_key[h.key].append(h)
    for key, hs in by_key.items():
        label = max((h.label for h in hs), key=len)
        g = _Group("happening", label, _happening_text(by_id, hs))
        for h in hs:
            a = by_id[h.article]
            ev = _sentence_evidence(a, h.sentence)
            g.add(ev)
            used_sentences.add((a.id, h.sentence[0]))
            g.slots.append(Slot("what", h.label, Evidence(a.id, *h.trigger), attributed(a, *h.trigger)))
            if h.date and date_value(h.date):
                v = date_value(h.date)
                g.dates.add(v)
                g.slots.append(Slot("when", v, Evidence(a.id, h.date.start, h.date.end),
                                    attributed(a, h.date.start, h.date.end)))
            if h.place:
                g.slots.append(Slot("where", h.place[2], Evidence(a.id, h.place[0], h.place[1]),
                                    attributed(a, h.place[0], h.place[1])))
        groups.append(g)

    # 1b. a sentence naming every participant of a meeting or call next to a meeting word
    # reports it too, even when one participant is the speaker ("Lavrov said his meeting with
    # Blinken ..."), unless it gives the meeting a date the others do not
    spans_of: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for e in entities:
        if e.type == "PERSON":
            for m in e.mentions:
                spans_of[e.name][m.article].append((m.start, m.end))
    for g, key in zip(groups, list(by_key)):
        kind, _, who = key.partition(":")
        if kind not in ("meeting", "call"):
            continue
        people = who.split("|")
        trigger = MEETING if kind == "meeting" else CALL
        for a in articles:
            for s0, s1 in a.sentences:
                if (a.id, s0) in used_sentences or not trigger.search(a.text, s0, s1):
                    continue
                if not all(any(s0 <= x < s1 for x, _ in spans_of[p].get(a.id, ())) for p in people):
                    continue
                days = {date_value(t) for t in a.timexes if s0 <= t.start < s1 and date_value(t)}
                if g.dates and days and not any(compatible_dates(d, v) for d in days for v in g.dates):
                    continue
                g.add(Evidence(a.id, s0, s1))
                used_sentences.add((a.id, s0))
                m = trigger.search(a.text, s0, s1)
                g.slots.append(Slot("what", g.label, Evidence(a.id, m.start(), m.end()),
                                    attributed(a, m.start(), m.end())))

    # 2. timeline entries not already told by a happening with a compatible date
    for entry in timeline:
        home = None
        for g in groups:
            if g.kind != "happening" or not any(compatible_dates(entry.date, d) for d in g.dates):
                continue
            sentences = {(s.article, s.start) for s in g.sources}
            if any((s.article, _sentence_start(by_id[s.article], s.start)) in sentences for s in entry.sources):
                home = g
                break
        if home is None:
            if len(statement_terms(entry.text)) < 3:
                continue  # "this Friday.": a date with nothing said about it is no fact
            text = tidy(entry.text)
            if any(g.kind == "happening" and g.text == text for g in groups):
                # the clause that tells a happening also dates something else ("On January 19
                # it became known that they would meet on January 21"): the happening's fact
                # already shows these words; a second row of the same words is noise
                continue
            home = _Group("dated", text, text)
            groups.append(home)
        for s in entry.sources:
            a = by_id[s.article]
            home.add(s)
            used_sentences.add((a.id, _sentence_start(a, s.start)))
            if home.kind == "dated":
                home.slots.append(Slot("when", entry.date, s, attributed(a, s.start, s.end)))

    # 3. undated sentences several outlets state alike
    groups.extend(_shared(articles, used_sentences, min_shared_terms, min_overlap))

    # slots every group gets: who (people and organisations named), how many (quantities)
    mention_index: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    for e in entities:
        if e.type in ("PERSON", "ORG"):
            for m in e.mentions:
                mention_index[m.article].append((m.start, m.end, e))
    facts = []
    for g in groups:
        seen_who: set[tuple[str, str]] = set()
        for ev in g.sources:
            a = by_id[ev.article]
            for s, e, ent in mention_index.get(a.id, ()):
                if ev.start <= s < ev.end and (a.id, ent.id) not in seen_who:
                    seen_who.add((a.id, ent.id))
                    g.slots.append(Slot("who", ent.name, Evidence(a.id, s, e), attributed(a, s, e)))
            for q in quantities(a, ev.start, ev.end):
                shown = f"{'~' if q.approximate else ''}{q.value:g} {q.unit}"
                g.slots.append(Slot("how_many", shown, Evidence(a.id, q.start, q.end), attributed(a, q.start, q.end)))
        outlets = tuple(dict.fromkeys(outlet(by_id[s.article]) for s in g.sources))
        pieces = sorted({(s.article, s.start) for s in g.sources})
        digest = hashlib.sha1("|".join([g.kind, g.label, *(f"{a}:{o}" for a, o in pieces)]).encode()).hexdigest()[:10]
        facts.append(Fact(
            id=f"f-{digest}", kind=g.kind, label=g.label, text=g.text, slots=tuple(g.slots),
            sources=tuple(g.sources), outlets=outlets, independent=independent(pieces),
        ))
    order = {"happening": 0, "dated": 1, "shared": 2}
    return sorted(facts, key=lambda f: (-f.independent, -len(f.outlets), order[f.kind], f.label))


def _happening_text(by_id: dict[str, Article], hs: Sequence[Happening]) -> str:
    """A source's own words for a happening: the shortest clause of five words or more around a
    trigger, preferring clauses that date the happening."""
    options = []
    places = Counter(h.place[2] for h in hs if h.place)
    dates = Counter(date_value(h.date) for h in hs if h.date and date_value(h.date))
    for h in hs:
        a = by_id[h.article]
        c0, c1 = next(((x, y) for x, y in clauses(a.text, *h.sentence) if x <= h.trigger[0] < y), h.sentence)
        if a.dateline and c0 < a.dateline.end <= h.trigger[0]:
            c0 = a.dateline.end  # the dateline is not part of the statement
        raw = a.text[c0:c1].strip(" ,;")
        text = tidy(raw)
        if len(text.split()) >= 5:
            cut = raw.split()[-1].lower() in DANGLING
            # the words of the sources that agree, where they disagree
            minority = bool(h.place and places[h.place[2]] < max(places.values())) or bool(
                h.date and date_value(h.date) and dates[date_value(h.date)] < max(dates.values()))
            options.append((h.date is None, attributed(a, c0, c1), minority, cut, h.place is None, len(text), text))
    if options:
        return min(options)[-1]
    h = hs[0]
    return by_id[h.article].text[h.sentence[0]:h.sentence[1]].strip()


def link_discrepancies(facts: Sequence[Fact], discrepancies: Sequence[Discrepancy]) -> list[Fact]:
    """Each fact with the ids of the discrepancies about it: for a happening, those about that
    happening; for any fact, those with a claim inside one of its passages."""
    out = []
    for f in facts:
        linked = set()
        for d in discrepancies:
            for c in d.claims:
                inside = any(s.article == c.article and s.start <= c.start and c.end <= s.end
                             and (c.start, c.end) != (s.start, s.end) for s in f.sources)
                about = d.about.endswith(f.label) and any(
                    s.article == c.article and s.start == c.start for s in f.sources)
                if inside or about:
                    linked.add(d.id)
        out.append(replace(f, discrepancies=tuple(sorted(linked))))
    return out


def _sentence_start(a: Article, offset: int) -> int:
    s = a.sentence_of(offset)
    return s[0] if s else offset


_LOWER_WORD = re.compile(r"\b[a-z][a-z’'\-]{2,}\b")


def _is_label(text: str) -> bool:
    """A line of names and titles only ("Jane Roe, Harbour Minister" over her words): it
    states nothing, so it is no shared statement, though its capitalised words would match
    any sentence naming the same people. Told by having under two lowercase content words."""
    return sum(w not in STOPWORDS for w in _LOWER_WORD.findall(text)) < 2


def _shared(articles: Sequence[Article], used: set[tuple[str, int]], min_shared: int,
            min_overlap: float) -> list[_Group]:
    """Sentences from different outlets that share most of their content words, grouped greedily
    in reading order (an inverted index keeps it near-linear in the story's size)."""
    items = []  # (article, sentence, terms)
    for a in articles:
        for s in a.sentences:
            if (a.id, s[0]) in used:
                continue
            text = a.text[s[0]:s[1]]
            terms = statement_terms(text)
            if len(terms) >= min_shared and not _is_label(text):
                items.append((a, s, terms))
    index: dict[str, list[int]] = defaultdict(list)
    group_of: list[int] = []
    members: list[list[int]] = []
    for i, (a, s, terms) in enumerate(items):
        counts: dict[int, int] = defaultdict(int)
        for t in terms:
            for j in index[t]:
                counts[j] += 1
        best, best_score = None, 0.0
        for j, shared in counts.items():
            b, _, other = items[j]
            if outlet(b) == outlet(a) or shared < min_shared:
                continue
            score = shared / min(len(terms), len(other))
            if score >= min_overlap and score > best_score:
                best, best_score = j, score
        if best is None:
            group_of.append(len(members))
            members.append([i])
        else:
            g = group_of[best]
            group_of.append(g)
            members[g].append(i)
        for t in terms:
            index[t].append(i)
    out = []
    for m in members:
        if len({outlet(items[i][0]) for i in m}) < 2:
            continue
        texts = [items[i][0].text[items[i][1][0]:items[i][1][1]].strip() for i in m]
        text = min(texts, key=len)
        g = _Group("shared", text, text)
        for i in m:
            a, s, _ = items[i]
            g.add(Evidence(a.id, s[0], s[1]))
            quoted = sum(max(0, min(q.end, s[1]) - max(q.start, s[0])) for q in a.quotes)
            g.slots.append(Slot("what", a.text[s[0]:s[1]].strip(), Evidence(a.id, s[0], s[1]),
                                quoted * 2 >= s[1] - s[0]))
        out.append(g)
    return out


def coverage(articles: Sequence[Article], facts: Sequence[Fact]) -> list[OutletCoverage]:
    """For each outlet (in order of first appearance): the facts it reported, and the facts
    other outlets reported that it did not, most widely reported first."""
    outlets: dict[str, list[str]] = {}
    for a in articles:
        outlets.setdefault(outlet(a), []).append(a.id)
    out = []
    for name, ids in outlets.items():
        reported = tuple(f.id for f in facts if name in f.outlets)
        missing = sorted((f for f in facts if name not in f.outlets), key=lambda f: (-f.independent, -len(f.outlets)))
        out.append(OutletCoverage(name, tuple(ids), reported, tuple(f.id for f in missing)))
    return out
