"""How each outlet framed the story: the reporting verbs it chose, its hedges, the labels it
gives the same entity, and whose voices it quotes and how much.

Reporting verbs are taken as written from the quotes' cues and put in a category a reader
knows from style guides: ``neutral`` ("said", "told"), ``emphatic`` ("stressed", "insisted",
"asserted"), ``doubting`` ("claimed", "alleged") and ``belief`` ("believes", "in his opinion").
Hedges are words that distance the outlet from what it reports ("allegedly", "so-called",
"reportedly"). Labels are the names and titles an outlet uses for an entity that outlets name
differently, plus loaded terms from a short list ("regime", "junta", "militants").

Limits: the word lists are English and short; a hedge inside a quote is counted for the
outlet that chose to quote it; labels come from the entity resolver's mentions, so a label it
does not link ("the Kiev authorities" with no name) is only seen when it is on the loaded list.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ..model import Article, Entity, Evidence, Framing, QuoteFinding, Usage, Voice
from ..textutil import fold
from .events import outlet, title_index
from .quotes import speaker_label

CUE_CATEGORIES = {
    "neutral": {"said", "says", "say", "told", "tells", "stated", "states", "noted", "notes", "added", "adds",
                "explained", "reported", "announced", "according to", "commented", "wrote", "writes",
                "recalled", "pointed out", "confirmed", "replied", "answered", "mentioned", "remarked",
                "indicated", "observed", "informed", "reiterated", "noting", "adding", "saying", "explaining",
                "recalling", "mentioning", "telling"},
    "emphatic": {"stressed", "emphasized", "emphasised", "insisted", "asserted", "declared", "underlined",
                 "underscored", "urged", "warned", "demanded", "vowed", "made clear", "highlighted",
                 "stresses", "emphasizes", "insists", "asserts", "declares", "warns", "urges",
                 "stressing", "emphasizing", "insisting", "warning", "urging"},
    "doubting": {"claimed", "claims", "claiming", "alleged", "alleges", "contended", "purported", "maintained"},
    "belief": {"believes", "believed", "thinks", "thought", "in his opinion", "in her opinion",
               "in their opinion", "opinion", "feels", "considers", "expects", "expect", "expected", "hopes",
               "hoped", "believe", "think"},
}
HEDGES = re.compile(
    r"\b(?:allegedly|alleged|so-called|so called|reportedly|purportedly|supposedly|apparently|"
    r"ostensibly|presumably|what (?:it|he|she|they|the \w+) (?:calls|called|describes as|described as))\b", re.I)
LOADED = re.compile(
    r"\b(?:regime|junta|puppet|terrorists?|militants?|separatists?|rebels?|insurgents?|aggression|aggressor|"
    r"invasion|invaders?|occupiers?|occupation|provocations?|propaganda|hysteria|nazis?|neo-nazis?|"
    r"special military operation|annexation|hawks?)\b", re.I)


def cue_category(cue: str) -> str:
    c = fold(cue).strip()
    for name, verbs in CUE_CATEGORIES.items():
        if c in verbs or any(c.endswith(" " + v) or c.startswith(v + " ") for v in verbs):
            return name
    return "other"


def _usages(found: dict[tuple[str, str | None], list[Evidence]]) -> tuple[Usage, ...]:
    items = [Usage(text, len(evs), tuple(evs), about) for (text, about), evs in found.items()]
    return tuple(sorted(items, key=lambda u: (-u.count, u.text)))


def framing(articles: Sequence[Article], entities: Sequence[Entity], quotes: Sequence[QuoteFinding]) -> list[Framing]:
    """One :class:`Framing` per outlet, in order of first appearance."""
    by_id = {a.id: a for a in articles}
    outlets: dict[str, list[Article]] = {}
    for a in articles:
        outlets.setdefault(outlet(a), []).append(a)

    titles = title_index(articles)
    # labels: names and titles per entity per outlet, kept only where outlets differ
    labels: dict[str, dict[str, dict[str, list[Evidence]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for e in entities:
        if e.type not in ("PERSON", "ORG", "GPE"):
            continue
        for m in e.mentions:
            a = by_id.get(m.article)
            if a is None:
                continue
            name = a.text[m.start:m.end]
            labels[e.name][outlet(a)][name].append(Evidence(a.id, m.start, m.end))
            span = titles.get((a.id, m.start, m.end))
            if span is not None:
                labels[e.name][outlet(a)][a.text[span[0]:span[1]]].append(Evidence(a.id, *span))
    varied = {}
    for name, per_outlet in labels.items():
        forms = {fold(f) for forms in per_outlet.values() for f in forms}
        per_outlet_forms = [frozenset(fold(f) for f in forms) for forms in per_outlet.values()]
        if len(per_outlet) >= 2 and len(forms) >= 2 and len(set(per_outlet_forms)) >= 2:
            varied[name] = per_outlet

    out = []
    for name, arts in outlets.items():
        ids = {a.id for a in arts}
        cues: dict[tuple[str, str | None], list[Evidence]] = defaultdict(list)
        voices: dict[tuple[str, str | None], list[QuoteFinding]] = defaultdict(list)
        for q in quotes:
            if q.article not in ids:
                continue
            if q.cue:
                cues[(q.cue.lower(), cue_category(q.cue))].append(Evidence(q.article, q.start, q.end))
            voices[(speaker_label(q.speaker, q.speaker_text), q.speaker_entity)].append(q)
        hedges: dict[tuple[str, str | None], list[Evidence]] = defaultdict(list)
        label_uses: dict[tuple[str, str | None], list[Evidence]] = defaultdict(list)
        for a in arts:
            for m in HEDGES.finditer(a.text):
                hedges[(m.group().lower(), None)].append(Evidence(a.id, m.start(), m.end()))
            for m in LOADED.finditer(a.text):
                label_uses[(m.group().lower(), "loaded term")].append(Evidence(a.id, m.start(), m.end()))
        for entity_name, per_outlet in varied.items():
            for form, evs in per_outlet.get(name, {}).items():
                label_uses[(form, entity_name)].extend(evs)
        voice_list = [
            Voice(speaker, entity, len(qs), sum(len(q.text.split()) for q in qs),
                  tuple(Evidence(q.article, q.start, q.end) for q in qs))
            for (speaker, entity), qs in voices.items()
        ]
        voice_list.sort(key=lambda v: (-v.words, v.speaker))
        out.append(Framing(name, tuple(a.id for a in arts), _usages(cues), _usages(hedges), _usages(label_uses),
                           tuple(voice_list)))
    return out
