"""Builds one story's findings from its analyzed articles: entities, who said what, happenings,
discrepancies, timeline and summary. Everything here is computed inside one story."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from ..analyze.timex import NO_DCT, tag
from ..link.dedup import reused_passages
from ..link.entities import resolve
from ..model import Article, Entity, InferredDate, QuoteFinding, QuoteVariant, Story, Timex
from .discrepancies import (actor_conflicts, claim_conflicts, find_discrepancies, number_conflicts,
                            title_conflicts)
from .events import happenings, outlet
from .facts import build_facts, coverage, link_discrepancies
from .framing import framing
from .quotes import align_quotes, diff_quotes, joint_speakers, resolve_speakers
from .summary import summarize
from .timecheck import check_article
from .timeline import build_timeline


def independence(articles: Sequence[Article], duplicate_of: dict[str, str]
                 ) -> Callable[[list[tuple[str, int]]], int]:
    """A counter of independent sources for a set of (article id, offset) pieces of evidence:
    the articles of one outlet, near-copies of an article, and articles whose evidence is the
    same reused passage, count once. An article whose outlet is unknown is a source of its own."""
    by_id = {a.id: a for a in articles}
    reused = reused_passages(articles)

    def source_of(aid: str) -> str:
        home = duplicate_of.get(aid, aid)
        return outlet(by_id[home]) if home in by_id else home

    def count(items: list[tuple[str, int]]) -> int:
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            parent.setdefault(x, x)
            while parent[x] != x:
                x = parent[x]
            return x

        group_home: dict[int, str] = {}
        for aid, offset in items:
            root = source_of(aid)
            find(root)
            sentence = by_id[aid].sentence_of(offset) if aid in by_id else None
            g = reused.get((aid, sentence[0])) if sentence else None
            if g is not None:
                if g in group_home:
                    parent[find(root)] = find(group_home[g])
                else:
                    group_home[g] = root
        return len({find(x) for x in list(parent)})

    return count


_MONTH_NAMED = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b")
_RELATIVE = re.compile(r"\b(?:last|next|this|ago|before|after|earlier|later|previous|following)\b", re.I)


def _nearest_year(month_day: str, anchor: str) -> str | None:
    """"--03-03" read in the year that puts it nearest ``anchor`` (YYYY-MM-DD)."""
    a = date.fromisoformat(anchor)
    month, day = int(month_day[2:4]), int(month_day[5:7])
    candidates = []
    for year in (a.year - 1, a.year, a.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:  # 29 February of a common year
            continue
    return min(candidates, key=lambda d: abs((d - a).days)).isoformat() if candidates else None


def date_undated(articles: Sequence[Article]) -> tuple[list[Article], list[InferredDate]]:
    """Articles without a date of their own are dated from the story, and the dates found.

    An article whose dateline gives month and day but no year ("KLAIPEDA, March 3.") is
    published in the year that puts that day nearest the story's median date; it is
    re-tagged against that date, so its "on Monday" and "a day earlier" resolve, and its
    ``published_from`` is ``inferred`` with the reason. Limits: a story spanning a year's
    end with few dated articles may pick the wrong year for a day six months away.

    An article with no date at all gets the year of its month-and-day dates from the
    story: "On December 17" in an undated article of a story whose other articles are of
    January 2022 is 2021-12-17, the reading nearest the story's median date (the tagger's
    rule for a date without a year). Only dates that name their month are resolved so;
    "today", "on Friday" or "next week" need the article's own date and stay unresolved.
    Each such value has anchor ``story`` and a reason naming the date it was read against.
    """
    dated = sorted(a.published for a in articles if a.published)
    if not dated:
        return list(articles), []
    anchor = dated[len(dated) // 2]
    out, inferred = [], []
    for a in articles:
        month_day = a.dateline.date if not a.published and a.dateline and a.dateline.date else ""
        published = _nearest_year(month_day, anchor) if re.fullmatch(r"--\d\d-\d\d", month_day) else None
        if published:
            written = a.text[a.dateline.start:a.dateline.end].strip()
            reason = (f"the dateline {written!r} gives no year; {published[:4]} puts it nearest "
                      f"{anchor}, the story's median date")
            out.append(a.evolve(published=published, published_from="inferred", published_reason=reason,
                                timexes=tuple(tag(a.text, published, a.sentences))))
            inferred.append(InferredDate(a.id, published, reason))
            continue
        if a.published or not any(t.value is None and t.reason == NO_DCT for t in a.timexes):
            out.append(a)
            continue
        found = {(t.start, t.end): t for t in tag(a.text, anchor, a.sentences)}
        times = []
        for t in a.timexes:
            got = found.get((t.start, t.end))
            surface = a.text[t.start:t.end]
            if (t.value is None and t.reason == NO_DCT and got is not None and got.value
                    and got.value[:4].isdigit() and _MONTH_NAMED.search(surface) and not _RELATIVE.search(surface)):
                t = Timex(t.start, t.end, got.type, got.value, "story",
                          f"the article has no date; the year is the one nearest {anchor}, the story's median date")
            times.append(t)
        out.append(a.evolve(timexes=tuple(times)))
    return out, inferred


def _entity_index(entities: Sequence[Entity]) -> dict[str, list[tuple[int, int, Entity]]]:
    index: dict[str, list[tuple[int, int, Entity]]] = {}
    for e in entities:
        for m in e.mentions:
            index.setdefault(m.article, []).append((m.start, m.end, e))
    return index


def build_story(story_id: str, articles: Sequence[Article], duplicate_of: dict[str, str] | None = None) -> Story:
    articles, inferred = date_undated(sorted(articles, key=lambda a: (a.published or "9999", a.id)))
    articles.sort(key=lambda a: (a.published or "9999", a.id))
    duplicate_of = {k: v for k, v in (duplicate_of or {}).items() if k in {a.id for a in articles}}
    entities = resolve(articles)
    index = _entity_index(entities)

    def entity_at(article_id: str, start: int, end: int) -> Entity | None:
        best = None
        for s, e, ent in index.get(article_id, ()):
            if s < end and start < e:
                if best is None or (e - s) > (best[1] - best[0]):
                    best = (s, e, ent)
        return best[2] if best else None

    def entity_id_at(article_id: str, start: int, end: int) -> str | None:
        ent = entity_at(article_id, start, end)
        return ent.id if ent else None

    def speaker_at(article_id: str, start: int, end: int) -> str | None:
        """A speaker is a person or an organisation; "the Russian minister" is not the NORP "Russian",
        and a place speaks only when the span is the place's name itself ("Washington confirmed")."""
        rank = {"PERSON": 0, "ORG": 1, "GPE": 2}
        best = None
        for s, e, ent in index.get(article_id, ()):
            if s < end and start < e and ent.type in rank:
                if ent.type == "GPE" and (s, e) != (start, end):
                    continue
                key = (rank[ent.type], -(e - s))
                if best is None or key < best[0]:
                    best = (key, ent)
        return best[1].id if best else None

    def person_at(article_id: str, start: int, end: int) -> str | None:
        ent = entity_at(article_id, start, end)
        return ent.name if ent and ent.type == "PERSON" else None

    # who said what
    by_entity = {e.id: e for e in entities}
    quotes: list[QuoteFinding] = []
    for a in articles:
        found = zip(a.quotes, resolve_speakers(a, speaker_at), joint_speakers(a, speaker_at))
        for n, (q, speaker_id, joint) in enumerate(found):
            ent = by_entity.get(speaker_id)
            together = [by_entity[j] for j in joint if j in by_entity]
            if len(together) >= 2:
                # "Markov and Hale agreed": both spoke, neither alone
                name, ent = " and ".join(e.name for e in together), None
            else:
                name, together = (ent.name if ent else None), []
            quotes.append(QuoteFinding(
                id=f"{a.id}:q{n + 1}", article=a.id, start=q.start, end=q.end, text=a.text[q.start:q.end],
                speaker=name, speaker_entity=ent.id if ent else None,
                cue=a.text[q.cue[0]:q.cue[1]] if q.cue else None,
                speaker_text=a.text[q.speaker[0]:q.speaker[1]].strip() if q.speaker else None,
                speaker_entities=tuple(e.id for e in together),
            ))
    # who spoke, one entity or a joint speaker's entities together
    speaker_of = {q.id: q.speaker_entity or ("+".join(q.speaker_entities) or None) for q in quotes}
    aligned = align_quotes([(q.id, q.article, q.text) for q in quotes], speakers=[speaker_of[q.id] for q in quotes])
    # one statement has one speaker: two quotes whose known speakers differ are not aligned
    aligned = {k: [o for o in v if not (speaker_of[k] and speaker_of[o] and speaker_of[k] != speaker_of[o])]
               for k, v in aligned.items()}
    quotes = [QuoteFinding(q.id, q.article, q.start, q.end, q.text, q.speaker, q.speaker_entity, q.cue,
                           tuple(aligned.get(q.id, ())), q.speaker_text, q.speaker_entities) for q in quotes]

    by_quote = {q.id: q for q in quotes}
    variants = [QuoteVariant((q.id, other), tuple(diff_quotes(q.text, by_quote[other].text)))
                for q in quotes for other in q.aligned_with if q.id < other and other in by_quote]

    # happenings, discrepancies, timeline
    def place_name(a: Article, start: int, end: int) -> str:
        ent = entity_at(a.id, start, end)
        return ent.name if ent else a.text[start:end]

    places = {a.id: [(m.start, m.end, place_name(a, m.start, m.end))
                     for m in a.mentions if m.label in ("GPE", "LOC")] for a in articles}
    persons = {a.id: sorted((s, e) for s, e, ent in index.get(a.id, ()) if ent.type == "PERSON") for a in articles}
    found = [h for a in articles for h in happenings(a, person_at, places[a.id], persons[a.id])]
    discrepancies = find_discrepancies(found, articles)
    for a in articles:
        discrepancies.extend(check_article(a))
    discrepancies.extend(title_conflicts(entities, articles))
    discrepancies.extend(actor_conflicts(entities, articles))
    people = {a.id: [(s, e, name) for s, e in persons[a.id] if (name := person_at(a.id, s, e))] for a in articles}
    timeline = build_timeline(articles, found, discrepancies, people, places)
    independent = independence(articles, duplicate_of)
    facts = build_facts(articles, found, timeline, entities, independent)
    discrepancies.extend(number_conflicts(facts, articles))
    facts = link_discrepancies(facts, discrepancies)
    discrepancies.extend(claim_conflicts(facts, articles))
    facts = link_discrepancies(facts, discrepancies)
    summary = summarize(articles, facts, discrepancies, independent)
    title = next((a.title for a in articles if a.title), None) or _first_sentence(articles[0])
    return Story(
        id=story_id, title=title, articles=tuple(a.id for a in articles), entities=tuple(entities),
        timeline=tuple(timeline), quotes=tuple(quotes), discrepancies=tuple(discrepancies),
        summary=tuple(summary), duplicates=tuple(sorted(duplicate_of.items())),
        facts=tuple(facts), coverage=tuple(coverage(articles, facts)),
        framing=tuple(framing(articles, entities, quotes)), quote_variants=tuple(variants),
        inferred_dates=tuple(inferred),
    )


def _first_sentence(a: Article) -> str:
    if a.sentences:
        s = a.sentences[0]
        return a.text[s[0]:s[1]][:120]
    return a.text[:120]
