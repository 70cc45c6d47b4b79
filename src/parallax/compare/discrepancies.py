"""Discrepancies between sources: the same happening given incompatible dates or places.

Compatible values are not conflicts: a month and a day inside it ("January" / "January 21"),
a week and a day inside it. Two mentions of the same happening in one article that disagree
are an internal inconsistency and are reported the same way.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from ..model import Article, Claim, Discrepancy
from .events import Happening, date_value


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
            names.append(articles[h.article].source or h.article)
        parts.append(f"{shown.get(value, value)} ({', '.join(dict.fromkeys(names))})")
    explanation = (f"The sources give different {kind}s for the {label}: " + " vs ".join(parts)
                   + ". At most one of them can be right.")
    return Discrepancy(_id(kind, label, *sorted(groups)), kind, f"{kind} of the {label}",
                       tuple(claims), explanation)


def find_discrepancies(happenings: Sequence[Happening], articles: Sequence[Article]) -> list[Discrepancy]:
    by_id = {a.id: a for a in articles}
    by_key: dict[str, list[Happening]] = defaultdict(list)
    for h in happenings:
        by_key[h.key].append(h)
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
        if len(kept) > 1:
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
        if len(placed) > 1:
            found.append(_conflict("place", label, dict(placed), by_id, {}))
    return found
