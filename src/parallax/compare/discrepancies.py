"""Discrepancies between sources: the same slot of the same happening given incompatible values
(dates, places, numbers) and the same person given incompatible titles.

Not every difference is a conflict, and these are told apart and not flagged:

* a different precision: a month and a day inside it ("January" / "January 21"), a week and a
  day inside it, "about 100" and "97";
* a claim a source only attributes to someone ("X said that ...") against an outlet's own
  statement: the outlet reports a claim, it does not assert it;
* a later update: numbers that differ only between articles published on different days
  (a toll that rises) are an update, not a contradiction.

Two mentions of the same happening in one article that disagree are an internal inconsistency
and are reported the same way.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from ..model import Article, Claim, Discrepancy, Entity, Fact
from ..link.entities import role_signature
from .claims import relate
from .events import Happening, attributed, date_value, outlet, title_index


def compatible_dates(a: str, b: str) -> bool:
    """True when one value may contain the other (different precision, same time)."""
    if a == b or a.startswith(b) or b.startswith(a):
        return True
    for x, y in ((a, b), (b, a)):
        if "-W" in x and len(y) == 10:
            try:
                iso = date.fromisoformat(y).isocalendar()
                return x == f"{iso[0]}-W{iso[1]:02d}"
            except ValueError:
                return False
    return False


def _id(*parts: str) -> str:
    return "d-" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


def _claim(articles: dict[str, Article], h: Happening, value: str) -> Claim:
    a = articles[h.article]
    s0, s1 = h.sentence
    return Claim(h.article, s0, s1, a.text[s0:s1], value)


def _conflict(kind: str, label: str, groups: dict[str, list[Happening]], articles: dict[str, Article],
              shown: dict[str, str]) -> Discrepancy:
    claims = []
    parts = []
    for value, hs in groups.items():
        seen = set()
        names = []
        for h in hs:
            if (h.article, h.sentence) in seen:
                continue
            seen.add((h.article, h.sentence))
            claims.append(_claim(articles, h, value))
            names.append(outlet(articles[h.article]))
        parts.append(f"{shown.get(value, value)} ({', '.join(dict.fromkeys(names))})")
    one = len({c.article for c in claims}) == 1
    who = f"{names[0]} gives" if one else "The sources give"
    explanation = (f"{who} different {kind}s for the {label}: " + " vs ".join(parts)
                   + (". The article contradicts itself; at most one can be right." if one
                      else ". At most one of them can be right."))
    return Discrepancy(_id(kind, label, *sorted(groups)), kind, f"{kind} of the {label}",
                       tuple(claims), explanation)


def find_discrepancies(happenings: Sequence[Happening], articles: Sequence[Article]) -> list[Discrepancy]:
    by_id = {a.id: a for a in articles}
    by_key: dict[str, list[Happening]] = defaultdict(list)
    for h in happenings:
        by_key[h.key].append(h)
    own = {id(h) for h in happenings
           if not (h.date and attributed(by_id[h.article], h.date.start, h.date.end))}
    own_place = {id(h) for h in happenings
                 if not (h.place and attributed(by_id[h.article], h.place[0], h.place[1]))}
    found: list[Discrepancy] = []
    for key, hs in by_key.items():
        label = max((h.label for h in hs), key=len)
        # dates: group by value, then join groups whose values are compatible
        dated: dict[str, list[Happening]] = defaultdict(list)
        for h in hs:
            v = date_value(h.date) if h.date else None
            # days and months only: a week ("next week") is too loose to contradict a day
            if v and len(v) >= 7 and "-W" not in v:
                dated[v].append(h)
        values = sorted(dated, key=lambda v: (-len(dated[v]), v))
        kept: dict[str, list[Happening]] = {}
        for v in values:
            home = next((k for k in kept if compatible_dates(k, v)), None)
            if home:
                kept[home].extend(dated[v])
            else:
                kept[v] = list(dated[v])
        # a conflict needs two values an outlet states in its own voice; a claim it only
        # reports ("X said that ...") supports a side but cannot open one
        voiced = {v: g for v, g in kept.items() if any(id(h) in own for h in g)}
        if len(voiced) > 1 or (not any(id(h) in own for h in hs) and len(kept) > 1):
            shown = {}
            for v, group in kept.items():
                texts = {by_id[h.article].text[h.date.start:h.date.end] for h in group if h.date}
                shown[v] = f"{v} (“{'”, “'.join(sorted(texts))}”)"
            found.append(_conflict("date", label, kept, by_id, shown))
        # places: by canonical place name
        placed: dict[str, list[Happening]] = defaultdict(list)
        for h in hs:
            if h.place:
                placed[h.place[2]].append(h)
        voiced_places = [v for v, g in placed.items() if any(id(h) in own_place for h in g)]
        if len(voiced_places) > 1 or (not voiced_places and len(placed) > 1):
            found.append(_conflict("place", label, dict(placed), by_id, {}))
    return found


def _close(a: float, b: float, approximate: bool) -> bool:
    return a == b or (approximate and abs(a - b) <= 0.15 * max(a, b))


def number_conflicts(facts: Sequence[Fact], articles: Sequence[Article]) -> list[Discrepancy]:
    """Different counts of the same thing (same fact, same unit) stated by different outlets in
    their own voice and on the same publication day. Counts that differ between days are an
    update; counts a source only reports someone as saying are not the outlet's claim."""
    by_id = {a.id: a for a in articles}
    found = []
    for f in facts:
        by_unit: dict[str, list] = defaultdict(list)
        for slot in f.slots:
            if slot.name == "how_many" and not slot.attributed:
                approx = slot.value.startswith("~")
                value, unit = slot.value.lstrip("~").split(" ", 1)
                by_unit[unit].append((float(value), approx, slot))
        for unit, items in by_unit.items():
            groups: list[list] = []
            for item in sorted(items, key=lambda x: x[0]):
                home = next((g for g in groups if any(_close(item[0], o[0], item[1] or o[1]) for o in g)), None)
                if home is None:
                    groups.append([item])
                else:
                    home.append(item)
            if len(groups) < 2:
                continue
            days = [{by_id[x[2].evidence.article].published for x in g} for g in groups]
            outlets = [{outlet(by_id[x[2].evidence.article]) for x in g} for g in groups]
            if not any(days[i] & days[j] for i in range(len(groups)) for j in range(i + 1, len(groups))):
                continue  # each count from a different day: a later update, not a contradiction
            if len(set().union(*outlets)) < 2:
                continue
            claims, parts = [], []
            for g, names in zip(groups, outlets):
                shown = g[0][2].value.lstrip("~")
                for _, _, slot in g:
                    ev = slot.evidence
                    claims.append(Claim(ev.article, ev.start, ev.end, by_id[ev.article].text[ev.start:ev.end], slot.value))
                parts.append(f"{shown} ({', '.join(sorted(names))})")
            label = f.label if len(f.label) <= 80 else f.label[:77] + "..."
            found.append(Discrepancy(
                _id("number", f.id, unit, *sorted(p for p in parts)), "number", f"number of {unit} in: {label}",
                tuple(claims),
                f"The sources give different counts of {unit} for the same fact: " + " vs ".join(parts)
                + ". Both are stated as fact on the same day, so at most one can be right."))
    return found


RANK_WORDS = {"deputy", "vice", "assistant", "acting", "former", "first", "interim", "ex", "undersecretary"}
OFFICE_WORDS = {"minister", "secretary", "president", "spokesman", "spokeswoman", "spokesperson", "ambassador",
                "chairman", "chair", "director", "chief", "head", "governor", "mayor", "general", "commander",
                "premier", "chancellor", "prime", "senator", "envoy"}


def _office(description: str) -> tuple[frozenset[str], frozenset[str]]:
    ws = [w.strip(".,").lower() for w in description.replace("-", " ").split()]
    return frozenset(w for w in ws if w in RANK_WORDS), frozenset(w for w in ws if w in OFFICE_WORDS)


def title_conflicts(entities: Sequence[Entity], articles: Sequence[Article]) -> list[Discrepancy]:
    """The same person given titles of different rank by different outlets ("Deputy Foreign
    Minister" vs "Foreign Minister", "former president" vs "president"). Titles that only add
    a country or drop one ("Russian Foreign Minister" / "Foreign Minister") agree."""
    by_id = {a.id: a for a in articles}
    titles = title_index(articles)
    found = []
    for e in entities:
        if e.type != "PERSON":
            continue
        seen = []  # (rank, office, description text, article, span)
        for a_id, s, t in sorted({(m.article, m.start, m.end) for m in e.mentions}):
            span = titles.get((a_id, s, t))
            if span is None:
                continue
            a = by_id[a_id]
            text = a.text[span[0]:span[1]]
            rank, office = _office(text)
            if office:
                seen.append((rank, office, text, a, span))
        conflict = None
        for i, x in enumerate(seen):
            for y in seen[i + 1:]:
                if outlet(x[3]) == outlet(y[3]):
                    continue
                if x[1] & y[1] and x[0] != y[0]:
                    conflict = (x, y)
                    break
            if conflict:
                break
        if conflict:
            x, y = conflict
            claims = tuple(Claim(z[3].id, z[4][0], z[4][1], z[2], z[2]) for z in (x, y))
            found.append(Discrepancy(
                _id("title", e.id, x[2], y[2]), "title", f"title of {e.name}", claims,
                f"The sources give {e.name} different titles: “{x[2]}” ({outlet(x[3])}) vs "
                f"“{y[2]}” ({outlet(y[3])}). One of them names the wrong office."))
    return found


UNIQUE_OFFICES = {"foreign_minister": "foreign minister", "president": "president",
                  "prime_minister": "prime minister", "chancellor": "chancellor",
                  "secretary_general": "secretary general"}


_NOT_NATIONS = {"foreign", "prime", "the", "secretary", "president", "chancellor", "minister", "general",
                "state", "former", "deputy", "vice", "acting", "first", "interim", "head", "chief"}


def actor_conflicts(entities: Sequence[Entity], articles: Sequence[Article]) -> list[Discrepancy]:
    """Two different people named as holder of the same one-person office of the same country
    ("Russian Foreign Minister A" in one outlet, "Russian Foreign Minister B" in another). A
    former, deputy or acting holder, and offices without a country, are not compared: many
    people hold "minister", one holds "the Russian foreign minister"."""
    by_id = {a.id: a for a in articles}
    titles = title_index(articles)
    holders: dict[tuple[str, str], dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for e in entities:
        if e.type != "PERSON":
            continue
        for ev in e.mentions:
            span = titles.get((ev.article, ev.start, ev.end))
            if span is None:
                continue
            a = by_id[ev.article]
            text = a.text[span[0]:span[1]]
            rank, _ = _office(text)
            if rank:
                continue
            concepts, nations = role_signature(text)
            first = text.split()[0]
            if not nations and first[:1].isupper() and first.lower() not in _NOT_NATIONS:
                nations = frozenset({first})  # "Valdorian Foreign Minister": a nation the list lacks
            for c in concepts & UNIQUE_OFFICES.keys():
                for n in nations:
                    holders[(c, n)][e.name].append((a, span, text))
    found = []
    for (office, nation), people in holders.items():
        if len(people) < 2:
            continue
        outlets = {name: {outlet(x[0]) for x in uses} for name, uses in people.items()}
        if len(set().union(*outlets.values())) < 2:
            continue  # one outlet naming two holders is more likely a change of office it reports
        claims = tuple(Claim(a.id, d[0], d[1], f"{text} {name}", name)
                       for name, uses in people.items() for a, d, text in uses[:2])
        parts = [f"{name} ({', '.join(sorted(outlets[name]))})" for name in people]
        found.append(Discrepancy(
            _id("actor", office, nation, *sorted(people)), "actor", f"{UNIQUE_OFFICES[office]} of {nation}", claims,
            f"The sources name different people as {nation} {UNIQUE_OFFICES[office]}: " + " vs ".join(parts)
            + ". One office has one holder at a time."))
    return found


def claim_conflicts(facts: Sequence[Fact], articles: Sequence[Article], max_outlets: int = 12) -> list[Discrepancy]:
    """Statements of one fact by two outlets that contradict or weaken each other by a stated
    rule of :func:`parallax.compare.claims.relate` (a different number, place, date or year,
    a negation or denial of the same content), for facts the slot comparison left undisputed.
    The learned models' guesses are never reported. One statement per outlet is compared (its
    first), at most ``max_outlets`` outlets a fact, so the cost stays small on big stories."""
    by_id = {a.id: a for a in articles}
    found = []
    for f in facts:
        if f.discrepancies or len(f.outlets) < 2:
            continue
        firsts: dict[str, object] = {}
        for ev in f.sources:
            a = by_id[ev.article]
            firsts.setdefault(outlet(a), ev)
        items = list(firsts.items())[:max_outlets]
        for i, (oa, ea) in enumerate(items):
            for ob, eb in items[i + 1:]:
                ta = by_id[ea.article].text[ea.start:ea.end]
                tb = by_id[eb.article].text[eb.start:eb.end]
                r = relate(ta, tb)
                if r.guess or r.kind not in ("contradicts", "weakens"):
                    continue
                claims = (Claim(ea.article, ea.start, ea.end, ta, oa), Claim(eb.article, eb.start, eb.end, tb, ob))
                label = f.label if len(f.label) <= 80 else f.label[:77] + "..."
                found.append(Discrepancy(_id("claim", f.id, oa, ob), "other", f"what {oa} and {ob} say about: {label}",
                                         claims, f"{ob} {'contradicts' if r.kind == 'contradicts' else 'weakens'} "
                                                 f"{oa}: {r.why}"))
    return found
