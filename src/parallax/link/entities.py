"""Cross-article entity resolution: one :class:`~parallax.model.Entity` per person,
organisation or place of a story, with every spelling the articles use.

The method is a deterministic, rule-based agglomeration (in the spirit of the
string-match sieves of Lee et al. 2013, "Deterministic coreference resolution based on
entity-centric, precision-ranked rules"), run from the most precise rule to the least:

1. **same name**: the same normalised name (case, diacritics, possessive "'s", leading
   honorifics and titles, corporate suffixes such as "Inc." removed, and the name picked out
   of a descriptive mention: "European planemaker Airbus" -> "Airbus", see :func:`name_part`);
2. **spelling variant**: names whose transliteration skeletons are equal (y/i, j/i, "th"/"t",
   doubled letters: "Zelenskyy"/"Zelensky", "Sergey"/"Sergei", "Anthony"/"Antony"), or
   person names with the same surname whose given names differ by one letter;
3. **acronym**: an all-capital name equal to the initials of a longer name of the story
   ("OSCE" / "Organization for Security and Co-operation in Europe"), or a pair from the
   small built-in :data:`KNOWN_ACRONYMS` list;
4. **short name**: a one-word person name equal to the surname (or, failing that, the
   first name) of exactly one full person name of the story; an ambiguous one stays alone;
5. **organisation short form**: "Northrop" / "Northrop Grumman" when exactly one longer
   organisation name of the story begins that way;
6. **role only**: phrases such as "the Russian minister" or "the US top diplomat" are
   linked to the one entity whose descriptions match them, and left alone otherwise.

Each merge leaves a ``why`` line. Guards, because a false merge is worse than a missed one:
two full person names never merge on a shared first name ("Vladimir Putin" /
"Vladimir Zelensky"); types do not mix, except PLACE kinds (GPE/LOC) and a name the
recogniser labelled inconsistently, when one label has a clear majority; "Russian Foreign
Ministry" and "Russian Foreign Minister" differ by more than a transliteration.

Limits: no world knowledge beyond the built-in lists; two different people with the same
full name in one story become one entity; nicknames ("Bill"/"William") are not linked;
role-only phrases are found by a pattern that needs "the" or a possessive before them.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..analyze.roles import ROLE_WORDS
from ..model import ENTITY_TYPES, Article, Entity, Evidence

log = logging.getLogger(__name__)

# Acronym -> expansion for pairs whose initials do not spell the acronym, or whose expansion
# articles rarely write out. Keys and values are compared after normalisation.
KNOWN_ACRONYMS: dict[str, str] = {
    "US": "United States",
    "USA": "United States",
    "UK": "United Kingdom",
    "EU": "European Union",
    "UN": "United Nations",
    "NATO": "North Atlantic Treaty Organization",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "USSR": "Soviet Union",
    "UAE": "United Arab Emirates",
    "IAEA": "International Atomic Energy Agency",
    "WHO": "World Health Organization",
    "IMF": "International Monetary Fund",
    "CSTO": "Collective Security Treaty Organization",
    "USAF": "United States Air Force",
    "NASA": "National Aeronautics and Space Administration",
    "EADS": "European Aeronautic Defence and Space Company",
    "FBI": "Federal Bureau of Investigation",
    "CIA": "Central Intelligence Agency",
}

_HONORIFICS = frozenset(
    "mr mrs ms miss dr prof sir dame president minister secretary senator governor mayor "
    "king queen prince princess pope gen general col colonel capt captain lt sgt rev "
    "chancellor premier ambassador judge justice spokesman spokeswoman ceo chairman".split()
)
_CORP_SUFFIXES = frozenset(
    "inc incorporated corp corporation co ltd limited llc plc nv n.v ag sa gmbh group".split()
)
_SMALL_WORDS = frozenset("of for and the in on at to de du des la le von van der &".split())
_NON_DECOMPOSING = str.maketrans(
    {"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "œ": "oe",
     "ı": "i", "’": "'", "‘": "'"}
)
_PLACE = frozenset({"GPE", "LOC"})


def fold(s: str) -> str:
    """ASCII-fold: strip diacritics ("Erdoğan" -> "Erdogan") and unify apostrophes."""
    s = s.translate(_NON_DECOMPOSING)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def clean_surface(surface: str) -> str:
    """The name as written, without possessive ending, leading article or outer spaces."""
    s = " ".join(surface.split())
    s = re.sub(r"(?:['’]s|['’])$", "", s)
    s = re.sub(r"^(?:the|The)\s+", "", s)
    return s.strip(" ,.;:\"“”()") or surface.strip()


_CONNECTORS = frozenset("of and for in on at the de du des la le von van der den da di y & -".split())
_TITLE_TAIL = frozenset("state foreign affairs defence defense finance interior justice general".split())


def _is_name_word(w: str) -> bool:
    # "iPhone" and "eBay" are names too: any capital letter or a leading digit counts.
    return w[:1].isdigit() or any(c.isupper() for c in w)


def name_part(surface: str, label: str) -> str:
    """The name inside a longer mention: "European airframer Airbus" -> "Airbus",
    "Joe Leonard, Chairman of AirTran" -> "Joe Leonard", "Air Force (USAF" -> "Air Force".

    Limits: a segment after a comma is kept only when it starts with a capital and holds no
    role word (for people); names with lowercase particles other than "of", "de", "von" ...
    lose what comes before the particle.
    """
    s = clean_surface(surface.split("(")[0]) if "(" in surface[1:] else clean_surface(surface)
    # "Moscone Center in San Francisco": the head comes before the preposition.
    head = re.split(r"\s(?:in|near|at|outside|of the)\s", s, maxsplit=1)[0]
    if label in {"GPE", "LOC", "OTHER"} and head != s and any(_is_name_word(w) for w in head.split()):
        s = head
    # "The Beatles' Apple Corps", "Apple's iTunes": the owner is another entity.
    owned = re.split(r"(?:['’]s|s['’])\s", s)
    if len(owned) > 1 and any(_is_name_word(w) for w in owned[-1].split()):
        s = owned[-1]
    segments = [seg.strip() for seg in s.split(",") if seg.strip()]
    best = None
    for seg in segments:
        words = seg.split()
        # Keep the trailing run of capitalised words (and connectors inside it).
        run: list[str] = []
        for w in reversed(words):
            if _is_name_word(w) or (run and w.lower() in _CONNECTORS):
                run.append(w)
            else:
                break
        run.reverse()
        while run and run[0].lower() in _CONNECTORS:
            run.pop(0)
        if not run:
            continue
        if label == "PERSON" and any(w.lower().strip(".") in ROLE_WORDS for w in run) and len(segments) > 1:
            if best is None:
                best = " ".join(run)
            continue
        return " ".join(run)
    return best or s


def name_tokens(surface: str, label: str) -> tuple[str, ...]:
    """Normalised tokens of a name: folded, lowercased, dots of "U.S." dropped, honorifics
    and titles (for people) and corporate suffixes (for organisations) removed."""
    s = fold(name_part(surface, label)).lower()
    s = re.sub(r"(?<=\b\w)\.", "", s)  # U.S. -> US, N.V. -> NV
    toks = [t for t in re.split(r"[\s\-]+|(?<=\w)[,.;:](?=\s|$)", s) if t]
    toks = [t.strip(".,'\"") for t in toks]
    toks = [t for t in toks if t]
    if label == "PERSON":
        # "US Secretary of State Antony Blinken" -> "antony blinken": cut after the last role
        # word that is followed by at least one more word, then drop title tails ("of State").
        roles = [i for i, t in enumerate(toks[:-1]) if t in ROLE_WORDS or t in _HONORIFICS]
        if roles:
            toks = toks[roles[-1] + 1 :]
            while len(toks) > 1 and (toks[0] in _CONNECTORS or toks[0] in _TITLE_TAIL):
                toks.pop(0)
    if label == "ORG":
        while len(toks) > 1 and toks[-1].replace(".", "") in _CORP_SUFFIXES:
            toks.pop()
    return tuple(toks)


def skeleton(token: str) -> str:
    """Transliteration skeleton of one token: y/j/iy/yi -> i, th -> t, ph -> f, ks/x, and
    doubled letters collapsed. Equal skeletons mean spelling variants of one name."""
    t = token.lower()
    t = t.replace("th", "t").replace("ph", "f").replace("kh", "h").replace("x", "ks")
    t = t.replace("ck", "k").replace("w", "v")
    t = re.sub(r"[yj]", "i", t)
    t = re.sub(r"ii+", "i", t)
    t = re.sub(r"(.)\1+", r"\1", t)
    t = re.sub(r"[^a-z0-9]", "", t)
    return t


def _edit1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def initials(tokens: Sequence[str]) -> str:
    out = []
    for t in tokens:
        if t in _SMALL_WORDS:
            continue
        out.append(t[0])
    return "".join(out).upper()


# --- role-only phrases ---------------------------------------------------------------------

# Nationality and country words -> one code, so "US", "American" and "United States" agree.
NATIONALITIES: dict[str, str] = {}
for _code, _words in {
    "US": "us u.s. usa american americans america washington",
    "RU": "russia russian russians moscow kremlin",
    "UA": "ukraine ukrainian kyiv kiev",
    "GB": "uk britain british london",
    "DE": "germany german berlin",
    "FR": "france french paris",
    "CN": "china chinese beijing",
    "NATO": "nato alliance",
    "EU": "eu european brussels",
    "UN": "un",
    "TR": "turkey turkish türkiye ankara",
    "PL": "poland polish warsaw",
}.items():
    for _w in _words.split():
        NATIONALITIES[_w] = _code

# Role words -> a concept, so "Secretary of State", "foreign minister" and "top diplomat"
# agree. The generic heads "minister" and "diplomat" are matched loosely (see _ROLE_HEADS).
_ROLE_CONCEPTS: list[tuple[re.Pattern, str]] = [
    # a deputy is not the office: matched (and taken out) before "foreign minister" can see it
    (re.compile(r"\b(?:first |vice |under ?)?deputy (?:foreign )?(?:minister|secretary(?: of state)?)\b|"
                r"\bdeputy secretary\b|\bunder ?secretary\b|\bvice[- ]minister\b"), "deputy_minister"),
    (re.compile(r"\bsecretary of state\b|\bforeign (?:minister|secretary)\b|\btop diplomat\b|"
                r"\bchief diplomat\b|\bhead of (?:\w+ )?diplomacy\b|\bforeign affairs minister\b|"
                r"\bminister (?:of|for) foreign affairs\b"), "foreign_minister"),
    (re.compile(r"\bsecretary[- ]general\b"), "secretary_general"),
    (re.compile(r"\bprime minister\b|\bpremier\b"), "prime_minister"),
    (re.compile(r"\bvice[- ]president\b"), "vice_president"),
    (re.compile(r"\bpresident\b"), "president"),
    (re.compile(r"\bspokes(?:man|woman|person)\b"), "spokesperson"),
    (re.compile(r"\bchancellor\b"), "chancellor"),
    (re.compile(r"\bchief executive\b|\bceo\b"), "ceo"),
    (re.compile(r"\bambassador\b"), "ambassador"),
    (re.compile(r"\bminister\b"), "minister"),
    (re.compile(r"\bdiplomat\b"), "diplomat"),
]
# What a generic head in a role-only phrase may stand for.
_ROLE_HEADS = {
    "minister": {"minister", "foreign_minister", "deputy_minister", "prime_minister"},
    "diplomat": {"diplomat", "foreign_minister", "deputy_minister", "ambassador"},
}


def role_signature(phrase: str) -> tuple[frozenset[str], frozenset[str]]:
    """(role concepts, nationality codes) of a title or role phrase."""
    low = fold(phrase).lower().replace("’", "'")
    concepts: set[str] = set()
    rest = low
    for pat, concept in _ROLE_CONCEPTS:
        if pat.search(rest):
            concepts.add(concept)
            rest = pat.sub(" ", rest)
    nats = set()
    for w in re.findall(r"[a-z.]+", low.replace("'s", "")):
        code = NATIONALITIES.get(w.strip(".")) or NATIONALITIES.get(w)
        if code:
            nats.add(code)
    # "Foreign Ministry Spokeswoman": the ministry is an employer, not the role itself.
    return frozenset(concepts), frozenset(nats)


_ROLE_PHRASE = re.compile(
    r"\b(?:the|The|[A-Z][a-z]+['’]s)\s+"
    r"((?:(?:[A-Z][\w.]*|top|chief|foreign|deputy|senior|head)\s+){0,4}"
    r"(?:[Mm]inister|[Ss]ecretary of [Ss]tate|[Dd]iplomat|[Ss]ecretary[- ][Gg]eneral|"
    r"[Pp]resident|[Ss]pokes(?:man|woman|person)|[Cc]hancellor|[Aa]mbassador|"
    r"[Pp]rime [Mm]inister|[Cc]hief [Ee]xecutive|CEO|head of (?:[A-Z]\w+ |\w+ )?diplomacy))\b"
)


# --- resolution ----------------------------------------------------------------------------


@dataclass
class _Node:
    """All mentions sharing one normalised name and type."""

    key: tuple[str, ...]
    label: str
    surfaces: Counter = field(default_factory=Counter)
    evidence: list[tuple[int, Evidence]] = field(default_factory=list)  # (article order, ev)
    descriptions: list[str] = field(default_factory=list)
    labels: Counter = field(default_factory=Counter)
    first: tuple[int, int] = (1 << 30, 0)


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        return True


def _best_surface(node: _Node) -> str:
    return max(node.surfaces.items(), key=lambda kv: (kv[1], -len(kv[0]), kv[0]))[0]


def resolve(articles: Sequence[Article], prefix: str = "e") -> list[Entity]:
    """Resolve the mentions of ``articles`` (one story) into entities.

    Entities come out ordered by number of mentions (most first), then name, with ids
    ``{prefix}1``, ``{prefix}2``, ... The result depends only on the input, not on dict or
    set order. See the module docstring for the rules and their limits.
    """
    nodes: list[_Node] = []
    index: dict[tuple[tuple[str, ...], str], int] = {}
    for order, art in enumerate(articles):
        for m in art.mentions:
            surface = art.text[m.start : m.end]
            key = name_tokens(surface, m.label)
            if not key:
                continue
            group = "PLACE" if m.label in _PLACE else m.label
            k = (key, group)
            if k not in index:
                index[k] = len(nodes)
                nodes.append(_Node(key=key, label=group))
            node = nodes[index[k]]
            node.surfaces[name_part(surface, m.label)] += 1
            node.labels[m.label] += 1
            node.evidence.append((order, Evidence(art.id, m.start, m.end)))
            node.first = min(node.first, (order, m.start))
            if m.description:
                node.descriptions.append(" ".join(art.text[m.description[0] : m.description[1]].split()))

    uf = _Union(len(nodes))
    why: dict[int, list[str]] = defaultdict(list)

    def merge(a: int, b: int, reason: str) -> None:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return
        line = f"{_best_surface(nodes[a])!r} ~ {_best_surface(nodes[b])!r}: {reason}"
        lines = why.pop(ra, []) + why.pop(rb, []) + [line]
        uf.union(a, b)
        why[uf.find(a)] = lines

    for i, n in enumerate(nodes):
        forms = sorted(n.surfaces, key=lambda f: (-n.surfaces[f], f))
        for f in forms[1:]:
            why[i].append(f"{forms[0]!r} ~ {f!r}: same name up to case, diacritics, honorific or suffix")
    _merge_cross_label(nodes, merge)
    _merge_variants(nodes, merge)
    _merge_acronyms(nodes, merge)
    _merge_short_names(nodes, uf, merge)
    _merge_org_prefixes(nodes, uf, merge)
    _merge_reordered(nodes, uf, merge)
    _merge_official_names(nodes, merge)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(nodes)):
        groups[uf.find(i)].append(i)

    built = []
    for root, members in groups.items():
        built.append(_build(nodes, members, why.get(root, [])))

    role_mentions = _link_role_phrases(articles, built)
    entities = []
    built.sort(key=lambda b: (-len(b["evidence"]), b["name"], b["first"]))
    for n, b in enumerate(built, 1):
        extra = role_mentions.get(id(b), [])
        ev = sorted(b["evidence"] + [e for e, _ in extra], key=lambda x: (x[0], x[1].start))
        entities.append(
            Entity(
                id=f"{prefix}{n}",
                name=b["name"],
                type=b["type"],
                aliases=tuple(b["aliases"]),
                descriptions=tuple(b["descriptions"]),
                mentions=tuple(e for _, e in ev),
                why=tuple(b["why"] + [w for _, w in extra]),
            )
        )
    log.debug("resolved %d mentions into %d entities", sum(len(e.mentions) for e in entities), len(entities))
    return entities


def _build(nodes: list[_Node], members: list[int], why: list[str]) -> dict:
    surfaces: Counter = Counter()
    labels: Counter = Counter()
    evidence = []
    descriptions: list[str] = []
    first = min(nodes[i].first for i in members)
    for i in sorted(members, key=lambda i: nodes[i].first):
        surfaces.update(nodes[i].surfaces)
        labels.update(nodes[i].labels)
        evidence.extend(nodes[i].evidence)
        descriptions.extend(nodes[i].descriptions)

    def completeness(s: str) -> tuple:
        toks = s.split()
        # An acronym is short but complete; prefer its expansion when one is present.
        is_acronym = len(toks) == 1 and s.replace(".", "").isupper() and len(s) > 1
        return (not is_acronym, len(toks), surfaces[s], -len(s), s)

    type_ = max(labels.items(), key=lambda kv: (kv[1], -ENTITY_TYPES.index(kv[0]) if kv[0] in ENTITY_TYPES else -99))[0]
    # The canonical name: the most complete form, then the most frequent; a place goes by the
    # name most used ("Russia", not "Russian Federation"), an acronym by its expansion.
    if type_ in ("GPE", "LOC"):
        name = max(surfaces, key=lambda s: (completeness(s)[0], surfaces[s], completeness(s)))
    else:
        name = max(surfaces, key=completeness)
    seen = set()
    descs = []
    for d in descriptions:
        k = fold(d).casefold()
        if k not in seen:
            seen.add(k)
            descs.append(d)
    aliases = sorted(surfaces, key=lambda s: (-surfaces[s], s))
    return {"name": name, "type": type_, "aliases": aliases, "descriptions": descs,
            "evidence": evidence, "why": list(why), "first": first}


def _merge_cross_label(nodes: list[_Node], merge) -> None:
    """Same name, two labels: merge into the majority label when it holds >= 2/3 of the
    mentions (recogniser noise); otherwise keep them apart."""
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        by_key[n.key].append(i)
    for key, idx in by_key.items():
        if len(idx) < 2:
            continue
        counts = {i: sum(nodes[i].labels.values()) for i in idx}
        total = sum(counts.values())
        top = max(idx, key=lambda i: (counts[i], -i))
        if counts[top] * 3 >= total * 2:
            for i in idx:
                if i != top:
                    merge(top, i, f"same name labelled {nodes[top].label} {counts[top]} times and "
                                  f"{nodes[i].label} {counts[i]} times; kept {nodes[top].label}")


def _merge_variants(nodes: list[_Node], merge) -> None:
    """Spelling and transliteration variants within one type."""
    by_skel: dict[tuple, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        by_skel[(n.label, tuple(skeleton(t) for t in n.key))].append(i)
    for (_, sk), idx in sorted(by_skel.items()):
        for j in idx[1:]:
            merge(idx[0], j, "spelling variant (same letters up to transliteration, case or diacritics)")
    # People: same surname, given names one letter apart ("Sergey"/"Sergei" is caught above;
    # this takes "Jon"/"John"). Bucketed by surname so the loop stays small.
    by_surname: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.label == "PERSON" and len(n.key) >= 2:
            by_surname[(skeleton(n.key[-1]), len(n.key))].append(i)
    for (_, _), idx in sorted(by_surname.items()):
        for a_pos, a in enumerate(idx):
            for b in idx[a_pos + 1 :]:
                ka, kb = nodes[a].key, nodes[b].key
                ok = all(
                    x == y or (x[0] == y[0] and min(len(x), len(y)) >= 4 and _edit1(skeleton(x), skeleton(y)))
                    for x, y in zip(ka[:-1], kb[:-1])
                )
                if ok:
                    diff = [f"{x}/{y}" for x, y in zip(ka[:-1], kb[:-1]) if x != y]
                    merge(a, b, f"transliteration variant (same surname, first names differ by one letter: {', '.join(diff)})")


def _merge_acronyms(nodes: list[_Node], merge) -> None:
    by_key: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        by_key[n.key].append(i)
    long_by_initials: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if len(n.key) >= 2 and n.label != "PERSON":
            long_by_initials[initials(n.key)].append(i)
    known = {a: name_tokens(e, "ORG") for a, e in KNOWN_ACRONYMS.items()}
    for i, n in enumerate(nodes):
        if len(n.key) != 1 or n.label == "PERSON":
            continue
        surf = _best_surface(n).replace(".", "")
        if not (surf.isupper() and 2 <= len(surf) <= 6 and surf.isalpha()):
            continue
        acro = surf.upper()
        cands = [j for j in long_by_initials.get(acro, []) if _compatible(n.label, nodes[j].label)]
        if len(cands) >= 1 and len({nodes[j].key for j in cands}) == 1:
            for j in cands:
                merge(i, j, f"acronym: the initials of {_best_surface(nodes[j])!r} spell {acro}")
        if acro in known:
            for j in by_key.get(known[acro], []):
                if _compatible(n.label, nodes[j].label):
                    merge(i, j, f"acronym: {acro} stands for {KNOWN_ACRONYMS[acro]} (built-in list)")


def _compatible(a: str, b: str) -> bool:
    # Recognisers disagree on whether "NATO" or "US" is an ORG or a place; an acronym and its
    # expansion are explicit evidence, so ORG and PLACE may meet here, PERSON never.
    return a == b or ({a, b} <= {"ORG", "PLACE", "NORP"})


def _merge_short_names(nodes: list[_Node], uf: _Union, merge) -> None:
    """One-word person names -> the unique full name with that surname (or first name)."""
    full: dict[int, list[int]] = defaultdict(list)
    for i, n in enumerate(nodes):
        if n.label == "PERSON" and len(n.key) >= 2:
            full[uf.find(i)].append(i)
    by_last: dict[str, set[int]] = defaultdict(set)
    by_first: dict[str, set[int]] = defaultdict(set)
    for root, idx in full.items():
        for i in idx:
            by_last[skeleton(nodes[i].key[-1])].add(root)
            by_first[skeleton(nodes[i].key[0])].add(root)
    for i, n in enumerate(nodes):
        if n.label != "PERSON" or len(n.key) != 1:
            continue
        sk = skeleton(n.key[0])
        roots = by_last.get(sk, set())
        if len(roots) == 1:
            root = next(iter(roots))
            merge(root, i, "surname of the only full name with that surname in the story")
        elif not roots:
            roots = by_first.get(sk, set())
            if len(roots) == 1:
                root = next(iter(roots))
                merge(root, i, "first name of the only full name with that first name in the story")
            elif len(roots) > 1:
                log.debug("first name %r is ambiguous (%d candidates); left alone", n.key[0], len(roots))
        else:
            log.debug("surname %r is ambiguous (%d candidates); left alone", n.key[0], len(roots))


_BODY_HEADS = frozenset(
    "council commission committee assembly summit conference forum dialogue court parliament ministry "
    "agency office secretariat delegation mission board".split())


def _merge_org_prefixes(nodes: list[_Node], uf: _Union, merge) -> None:
    """An organisation name that begins exactly one longer organisation name of the story
    ("Northrop" / "Northrop Grumman", "AirTran" / "AirTran Airways"); left alone when two
    longer names share the beginning ("Apple" with "Apple Corps" and "Apple Computer")."""
    orgs = [i for i, n in enumerate(nodes) if n.label == "ORG"]
    by_first: dict[str, list[int]] = defaultdict(list)
    for i in orgs:
        by_first[nodes[i].key[0]].append(i)
    for i in orgs:
        k = nodes[i].key
        # a body of the organisation is another entity: "NATO" is not the "NATO-Russia Council"
        longer = [j for j in by_first[k[0]] if len(nodes[j].key) > len(k) and nodes[j].key[: len(k)] == k
                  and nodes[j].key[-1] not in _BODY_HEADS]
        roots = {uf.find(j) for j in longer}
        if len(roots) == 1:
            j = min(longer)
            merge(j, i, "short form: the beginning of the only longer organisation name like it")


_NAMED_KINDS = frozenset({"ORG", "OTHER", "EVENT"})


def _words_of(key: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(t for t in key if t not in ("of", "the")))


def _merge_reordered(nodes: list[_Node], uf: _Union, merge) -> None:
    """The same words in another order ("Russia-NATO Council" / "NATO-Russia Council",
    "State Department" / "Department of State"), and a body named with and without its
    country ("US State Department" / "State Department") when only one country's body of that
    name is in the story. Organisation-like labels only; the recogniser's ORG/OTHER split on
    such names is noise, so they may meet."""
    named = [i for i, n in enumerate(nodes) if n.label in _NAMED_KINDS and len(n.key) >= 2]
    by_words: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in named:
        by_words[_words_of(nodes[i].key)].append(i)
    for idx in by_words.values():
        for j in idx[1:]:
            merge(idx[0], j, "the same words in another order")
    by_bare: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i in named:
        key = nodes[i].key
        if len(key) >= 3 and NATIONALITIES.get(key[0]) and not NATIONALITIES.get(key[1]):
            by_bare[_words_of(key[1:])].add(uf.find(i))
    for bare, roots in by_bare.items():
        if len(roots) != 1:
            continue  # "Foreign Ministry" with a Russian and a Ukrainian one: left alone
        root = next(iter(roots))
        for j in by_words.get(bare, []):
            merge(root, j, "the same body named without its country, and the story has only this one")


_STATE_WORDS = frozenset({"federation", "republic", "kingdom", "confederation", "emirates"})


def _merge_official_names(nodes: list[_Node], merge) -> None:
    """A state's official name and its short name ("Russian Federation" / "Russia"): the
    adjective begins with the short name and both name the same country."""
    places = {n.key[0]: i for i, n in enumerate(nodes) if n.label == "PLACE" and len(n.key) == 1}
    for i, n in enumerate(nodes):
        if n.label != "PLACE" or len(n.key) != 2 or n.key[1] not in _STATE_WORDS:
            continue
        adjective = n.key[0]
        for short, j in places.items():
            if (len(short) >= 4 and adjective.startswith(short[:-1]) and NATIONALITIES.get(short)
                    and NATIONALITIES.get(short) == NATIONALITIES.get(adjective)):
                merge(j, i, f"official name: {_best_surface(n)!r} is the state of {_best_surface(nodes[j])!r}")


def _link_role_phrases(articles: Sequence[Article], built: list[dict]) -> dict[int, list]:
    """Role-only phrases ("the Russian minister") -> the one entity whose descriptions fit."""
    sigs = []
    for b in built:
        if b["type"] != "PERSON" or not b["descriptions"]:
            continue
        concepts: set[str] = set()
        nats: set[str] = set()
        for d in b["descriptions"]:
            c, n = role_signature(d)
            concepts |= c
            nats |= n
        if concepts:
            sigs.append((b, concepts, nats))
    out: dict[int, list] = defaultdict(list)
    if not sigs:
        return out
    for order, art in enumerate(articles):
        # a nationality or country inside the phrase ("the Russian top diplomat") is part of it
        taken = [(m.start, m.end) for m in art.mentions if m.label not in ("NORP", "GPE", "LOC")]
        taken += [m.description for m in art.mentions if m.description]
        for match in _ROLE_PHRASE.finditer(art.text):
            s, e = match.start(1), match.end(1)
            if any(a < e and s < b for a, b in taken):
                continue
            # Followed by a capitalised name: a title the recogniser missed, not a role-only use.
            if re.match(r"\s+[A-Z][a-z]", art.text[e : e + 3]):
                continue
            phrase = art.text[match.start() : e]
            concepts, nats = role_signature(phrase)
            if not concepts:
                continue
            cands = []
            for b, bc, bn in sigs:
                fits = any(c in bc or (_ROLE_HEADS.get(c, set()) & bc) for c in concepts)
                if fits and nats <= bn:
                    cands.append(b)
            if len(cands) > 1:
                # "the Secretary of State" when one entity is so described and another is a
                # foreign minister: the literal wording decides.
                low = fold(phrase).lower()
                words = [m.group() for pat, _ in _ROLE_CONCEPTS if (m := pat.search(low))]
                literal = [b for b in cands
                           if any(w in fold(d).lower() for d in b["descriptions"] for w in words[:1])]
                if len(literal) == 1:
                    cands = literal
            if len(cands) == 1:
                b = cands[0]
                out[id(b)].append((
                    (order, Evidence(art.id, s, e)),
                    f"{phrase!r} ({art.id} @ {s}) -> {b['name']!r}: the only entity described as "
                    f"{' / '.join(sorted(concepts))}{' of ' + '/'.join(sorted(nats)) if nats else ''}",
                ))
            else:
                log.debug("role phrase %r in %s: %d candidates; left unlinked", phrase, art.id, len(cands))
    return out
