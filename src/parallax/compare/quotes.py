"""Who said what across a story: speakers resolved to entities, and the same statement
recognised across outlets and translations.

Speakers: a speaker span that overlaps an entity mention (a name, or a role phrase the entity
resolver linked) is that entity; a name the resolver missed (glued to a quote, ``UkraineBlinken``)
takes the entity of another mention of the same name in the article. A pronoun ("he", "her")
takes the previous quote's speaker, else the nearest person named before it outside any
quotation. A relative pronoun ("who", "which") is the mention right before it ("Ida Holm, who
chairs the board, said"). A role phrase naming an organisation after "of" ("the head of the State
Department") is a person, not that organisation. A definite role description the resolver did not link ("the Russian
minister", "the high-ranking diplomat") goes to the one person the article describes with the
most of its words (in the few words before a mention, an apposition after it, or the mention's
description; capitalised words such as "Ostravian" count double; a tie goes to the previous
speaker), else to the previous quote's speaker when no other person was named in between;
otherwise, and for anything else unknown, None, never a guess. A speaker phrase that joins
two or more named people with "and" ("Markov and Hale agreed") is all of them
(:func:`joint_speakers`), not the first one named.
A pronoun agrees in gender where the article gives one next to a name ("Ms. Holm", "the
spokeswoman", "her husband, Tom Berg"): "she" after a quote by a man the article calls "Mr."
goes to the nearest woman, or person of unknown gender, named before it, else stays None.
Limits: no number agreement, and no list of first names, so a person never titled or
described has no gender and either pronoun may resolve to them.

Alignment: two quotes from different articles render the same statement when their content
words (crudely stemmed, "good will" read as "goodwill") overlap by at least half of the shorter
one, with at least four words shared, and their word pairs in order (bigrams over all words)
overlap by at least a third of the shorter one with three shared, so that two statements on
one topic by one speaker ("we would like nothing better than to develop ..." and "we would
like nothing more than to work ...") are not taken for one. Limits: a paraphrase with
different vocabulary is missed, and a translation that changes every word is not found
without embeddings.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence

from ..model import Article
from ..textutil import content_words, fold, stem, words

PRONOUNS = {"he", "she", "him", "her", "his"}
_DESCRIPTION = re.compile(r"(?:the|this|that)\s+[\w’'-]+(?:\s+[\w’'-]+){0,5}$", re.I)


def resolve_speakers(article: Article, entity_of_span: Callable[[str, int, int], str | None]) -> list[str | None]:
    """The speaker entity id of each of ``article.quotes``, in order (None where unknown)."""
    text = article.text
    inside = [(q.start, q.end) for q in article.quotes]

    def outside(a: int) -> bool:
        return not any(s <= a < e for s, e in inside)

    persons = sorted((m.start, m.end) for m in article.mentions if m.label == "PERSON" and outside(m.start))
    named = sorted((m.start, m.end) for m in article.mentions)
    persons_all = [(m.start, m.end) for m in article.mentions if m.label == "PERSON"]
    roles = _role_words(article, entity_of_span)
    genders = _genders(article, entity_of_span)

    def agrees(entity: str | None, pronoun: str) -> bool:
        # "she" is not a man the article calls "Mr.", "he" not a woman it calls "Ms."
        g = genders.get(entity) if entity else None
        return g is None or g == ("f" if pronoun in ("she", "her") else "m")

    out: list[str | None] = []
    previous: str | None = None
    previous_at = 0
    for q in article.quotes:
        found = None
        if q.speaker:
            s0, s1 = q.speaker
            words = fold(text[s0:s1]).strip()
            found = entity_of_span(article.id, s0, s1)
            if found is None and words and text[s0:s1][:1].isupper() and words not in PRONOUNS:
                found = _same_name(article, named, s0, s1, entity_of_span)
            if found is not None and _of_phrase(text, named, persons_all, s0, s1):
                found = None  # "the head of the State Department" is not the department
            if found is None and words in ("who", "which"):
                found = _antecedent(article, named, s0, entity_of_span)
            if found is None and words in PRONOUNS:
                found = previous if agrees(previous, words) else None
                if found is None:
                    for p0, p1 in reversed(persons):
                        if p1 <= min(q.start, s0):
                            found = entity_of_span(article.id, p0, p1)
                            if found and agrees(found, words):
                                break
                            found = None
            elif found is None and _DESCRIPTION.fullmatch(text[s0:s1].strip()):
                found = _by_role(article, roles, text[s0:s1], previous)
                if found is None:
                    between = {entity_of_span(article.id, p0, p1) for p0, p1 in persons
                               if previous_at <= p0 and p1 <= min(q.start, s0)} - {None, previous}
                    found = previous if not between else None
        out.append(found)
        if found:
            previous = found
            previous_at = max(q.end, q.speaker[1] if q.speaker else q.end)
    return out


# Words right before or after a name that say a person is a woman or a man.
_FEMALE = re.compile(r"\b(?:Mrs|Ms|Miss|Madam|Dame|Lady|Queen|Princess|spokeswoman|chairwoman|congresswoman|"
                     r"businesswoman|stateswoman|actress|wife|widow|mother|daughter|sister|grandmother|"
                     r"girlfriend|woman|Spokeswoman|Chairwoman|Congresswoman)\b\.?[\s,]*$")
_MALE = re.compile(r"\b(?:Mr|Mister|Sir|Lord|King|Prince|spokesman|chairman|congressman|businessman|statesman|"
                   r"actor|husband|widower|father|son|brother|grandfather|boyfriend|man|Spokesman|Chairman|"
                   r"Congressman)\b\.?[\s,]*$")
_AFTER_FEMALE = re.compile(r",\s+(?:a|an|the|his|her|its)\s+(?:[\w-]+\s+){0,2}(?:spokeswoman|chairwoman|congresswoman|"
                           r"businesswoman|actress|wife|widow|mother|daughter|sister|woman)\b")
_AFTER_MALE = re.compile(r",\s+(?:a|an|the|his|her|its)\s+(?:[\w-]+\s+){0,2}(?:spokesman|chairman|congressman|"
                         r"businessman|actor|husband|widower|father|son|brother|man)\b")


def _linked_persons(article: Article, entity_of_span: Callable[[str, int, int], str | None]):
    """The article's PERSON mentions that belong to an entity, with that entity's id."""
    for m in article.mentions:
        if m.label == "PERSON":
            ent = entity_of_span(article.id, m.start, m.end)
            if ent is not None:
                yield m, ent


def _genders(article: Article, entity_of_span: Callable[[str, int, int], str | None]) -> dict[str, str]:
    """Entity id -> "f" or "m" where the article says so next to a name ("Ms. Holm", "the
    spokeswoman Ida Holm", "Tom Berg, her husband,"), and says only one of them. Limits: no
    list of first names, so a person the article never titles has no gender, and the
    pronoun rules treat them as either."""
    text = article.text
    seen: dict[str, set[str]] = {}
    for m, ent in _linked_persons(article, entity_of_span):
        before = text[max(0, m.start - 40):m.start]
        after = text[m.end:m.end + 50]
        if _FEMALE.search(before) or _AFTER_FEMALE.match(after):
            seen.setdefault(ent, set()).add("f")
        if _MALE.search(before) or _AFTER_MALE.match(after):
            seen.setdefault(ent, set()).add("m")
    return {e: g.pop() for e, g in seen.items() if len(g) == 1}


def joint_speakers(article: Article, entity_of_span: Callable[[str, int, int], str | None]) -> list[tuple[str, ...]]:
    """For each of ``article.quotes``, the entity ids of a speaker phrase that joins two or more
    people with "and" ("Sergey Markov and Antony Hale agreed", "The ministers of A and B, X and
    Y, agreed"), in the order written; () for a single speaker. Limits: only people named in
    the phrase; "Markov and his counterpart" is one speaker (the resolver's), not two."""
    text = article.text
    persons = [(m.start, m.end) for m in article.mentions if m.label == "PERSON"]
    out: list[tuple[str, ...]] = []
    for q in article.quotes:
        ids: list[str] = []
        if q.speaker:
            s0, s1 = q.speaker
            inside = sorted((a, b) for a, b in persons if s0 <= a and b <= s1)
            # "X and Y", "X, Y and Z", "Foreign Minister X and Defence Minister Y"
            joined = all(re.fullmatch(r"\s*(?:,\s*|,?\s+(?:and|&)\s+)(?:(?:[A-Z][\w’'.-]*|of|the|former)\s+){0,5}",
                                      text[b0:a1])
                         for (_a0, b0), (a1, _b1) in zip(inside, inside[1:]))
            if len(inside) >= 2 and joined:
                for a, b in inside:
                    ent = entity_of_span(article.id, a, b)
                    if ent is not None and ent not in ids:
                        ids.append(ent)
        out.append(tuple(ids) if len(ids) >= 2 else ())
    return out


def _role_words(article: Article, entity_of_span: Callable[[str, int, int], str | None]) -> dict[str, set[str]]:
    """Entity id -> the words that describe it in the article: its mentions' descriptions and
    the few words right before a mention or in an apposition after it ("the head of Ostravian
    diplomacy, Anthony Hale"; "Sergei Markov, Minister of Foreign Affairs")."""
    text = article.text
    out: dict[str, set[str]] = {}
    for m, ent in _linked_persons(article, entity_of_span):
        bits = [text[max(0, m.start - 60):m.start].split("\n")[-1]]
        bits[0] = re.split(r"[.;:!?\"“”]", bits[0])[-1]
        after = re.match(r",\s+((?:[A-Z]|(?:the|a|an)\s)[^,.;\n]{2,60})", text[m.end:m.end + 70])
        if after:
            bits.append(after.group(1))
        if m.description:
            bits.append(text[m.description[0]:m.description[1]])
        words = out.setdefault(ent, set())
        for b in bits:
            words.update(w for w in re.findall(r"[^\W\d_][\w-]*", b)[-8:] if w.lower() not in _ROLE_STOP)
    return out


_ROLE_STOP = frozenset("the a an of his her its their with and in on at for by after before said".split())


def _by_role(article: Article, roles: dict[str, set[str]], description: str, previous: str | None) -> str | None:
    """The one entity whose describing words best match a role description ("the Ostravian
    minister"), proper adjectives counting double; ties go to the previous speaker, else None."""
    want = [w for w in re.findall(r"[^\W\d_][\w-]*", description) if w.lower() not in _ROLE_STOP]
    if not want:
        return None

    def same(a: str, b: str) -> bool:
        a, b = fold(a), fold(b)
        return a == b or (len(a) >= 5 and len(b) >= 5 and a[:6] == b[:6])

    scores = {}
    for ent, words in roles.items():
        score = sum((2 if w[:1].isupper() else 1) for w in want if any(same(w, x) for x in words))
        if score:
            scores[ent] = score
    if not scores:
        return None
    best = max(scores.values())
    top = [e for e, v in scores.items() if v == best]
    if len(top) == 1:
        return top[0]
    return previous if previous in top else None


def _of_phrase(text: str, named: list[tuple[int, int]], persons: list[tuple[int, int]],
               s0: int, s1: int) -> bool:
    """Whether every mention inside the speaker span sits after a preposition that follows
    the span's head, and none is a person: "the head of the State Department", "a spokesman
    for the ministry", "Farmers along the lower Lenna" (but not "the Secretary of State,
    Antony Blinken", nor "the Port Authority of Kovia", a mention from the span's start)."""
    inner = [(m0, m1) for m0, m1 in named if m0 < s1 and s0 < m1]
    if not inner or any(m0 < s1 and s0 < m1 for m0, m1 in persons):
        return False
    m = re.match(r"(?:(?:the|a|an)\s+)?(?:[\w’'-]+\s+){1,4}?(?:of|for|at|in|along|from|near|across)\s",
                 text[s0:s1], re.I)
    return m is not None and all(m0 >= s0 + m.end() - 1 for m0, _ in inner)


def _antecedent(article: Article, named: list[tuple[int, int]], s0: int,
                entity_of_span: Callable[[str, int, int], str | None]) -> str | None:
    """The entity of the mention a relative pronoun at ``s0`` refers to: the one ending just
    before it ("Ida Holm, who chairs the board, said ..."), or None."""
    for m0, m1 in reversed(named):
        if m1 <= s0:
            if re.fullmatch(r"\s*,?\s*", article.text[m1:s0]):
                return entity_of_span(article.id, m0, m1)
            return None
    return None


def _same_name(article: Article, named: list[tuple[int, int]], s0: int, s1: int,
               entity_of_span: Callable[[str, int, int], str | None]) -> str | None:
    """The entity of another mention in the article whose last word is the speaker's last
    word ("Blinken" in a glued "UkraineBlinken"), when all such mentions agree."""
    last = re.findall(r"[^\W\d_][\w’'-]*", article.text[s0:s1])
    if not last:
        return None
    key = fold(last[-1])
    ids = set()
    for m0, m1 in named:
        w = re.findall(r"[^\W\d_][\w’'-]*", article.text[m0:m1])
        if w and fold(w[-1]) == key and not (m0 < s1 and s0 < m1):
            ids.add(entity_of_span(article.id, m0, m1))
    ids.discard(None)
    return ids.pop() if len(ids) == 1 else None


def _terms(text: str) -> set[str]:
    text = re.sub(r"\bgood\s+will\b", "goodwill", text, flags=re.I)
    # "the river's summer flow" and "the summer flow of the river" share "river"
    return {stem(re.sub(r"'s$", "", w)) for w in content_words(text)}


def _pairs_of(text: str) -> set[tuple[str, str]]:
    text = re.sub(r"\bgood\s+will\b", "goodwill", text, flags=re.I)
    w = [stem(x) for x in words(text)]
    return set(zip(w, w[1:]))


def align_quotes(items: Sequence[tuple[str, str, str]], min_shared: int = 4,
                 min_overlap: float = 0.5, min_pair_overlap: float = 0.34,
                 speakers: Sequence[str | None] | None = None) -> dict[str, list[str]]:
    """(quote id, article id, text) -> for each quote id, the ids of quotes from other articles
    that render the same statement: at least ``min_shared`` content words and three word pairs
    in common, covering enough of the shorter one. With ``speakers`` (each quote's speaker
    entity), a short quote of a known speaker whose every content word the other quote of the
    same speaker holds needs one content word fewer ("Our farmers cannot wait another season"
    in two outlets)."""
    terms = [(qid, aid, _terms(text), _pairs_of(text)) for qid, aid, text in items]
    who = list(speakers) if speakers is not None else [None] * len(items)
    out: dict[str, list[str]] = {}
    for i, (qa, aa, ta, pa) in enumerate(terms):
        for k, (qb, ab, tb, pb) in enumerate(terms[i + 1:], i + 1):
            if aa == ab or not ta or not tb or not pa or not pb:
                continue
            shared = len(ta & tb)
            # a short statement of the same speaker, every content word of it found in the other
            short = who[i] is not None and who[i] == who[k] and shared == min(len(ta), len(tb))
            if shared < (min_shared - 1 if short else min_shared) or shared / min(len(ta), len(tb)) < min_overlap:
                continue
            pairs = len(pa & pb)
            if pairs < 3 or pairs / min(len(pa), len(pb)) < min_pair_overlap:
                continue
            out.setdefault(qa, []).append(qb)
            out.setdefault(qb, []).append(qa)
    return out


def _key(word: str) -> str:
    return fold(word).strip(".,;:!?\"“”‘’'«»()[]—–-") or word


def diff_quotes(a: str, b: str) -> list[tuple[str, str, str]]:
    """Word-level differences between two renderings: (op, words in a, words in b) with op in
    ``replace``, ``delete`` (only in a), ``insert`` (only in b)."""
    wa, wb = a.split(), b.split()
    # Punctuation and quote marks glued to a word are not a change of wording.
    sm = difflib.SequenceMatcher(a=[_key(w) for w in wa], b=[_key(w) for w in wb], autojunk=False)
    return [(op, " ".join(wa[i1:i2]), " ".join(wb[j1:j2]))
            for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]


_PRONOUN_SPEAKERS = frozenset("he she him her his they them their we i you it who which that".split())


def speaker_label(speaker: str | None, speaker_text: str | None) -> str:
    """How a quote's speaker is shown: the entity's name; else the words the text names the
    speaker with ("Hydrologists"), unless they are only a pronoun; else "unidentified speaker"."""
    if speaker:
        return speaker
    if speaker_text and speaker_text.lower() not in _PRONOUN_SPEAKERS:
        return speaker_text
    return "unidentified speaker"
