"""Descriptions: the title or role a text attaches to a person's name.

Two shapes are recognised, both inside one sentence:

* a title written before the name, "US Secretary of State Antony Blinken",
  "Russian Foreign Ministry Spokeswoman Maria Zakharova", "Apple CEO Steve Jobs";
* an apposition after it, "Blinken, the US Secretary of State," or
  "Lavrov, Russia's top diplomat."

The span found becomes :attr:`parallax.model.Mention.description`.

Limits (a rule-based reading, in the spirit of the appositive and "title + name" patterns of
the ACE/TAC entity-linking literature, not a parser):

* a title must hold at least one word of the built-in :data:`ROLE_WORDS` list; a role the
  list does not know ("Prime Minister" is known, "Grand Vizier" is not) is missed;
* before the name, the title is the run of capitalised words, role words and joiners
  ("of", "for", "and") next to it, so a capitalised non-title word just before the title
  (a weekday opening the sentence, say) can be swept into it;
* an apposition must close with a comma, a dash, a parenthesis or the sentence end within
  ``MAX_APPOSITION_WORDS`` words; a relative clause ("who is ...") is not a description;
* only PERSON mentions get descriptions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Article, Mention, Span
from .stage import Stage

ROLE_WORDS = frozenset(
    """
    minister ministers secretary president vice premier chancellor spokesman spokeswoman
    spokesperson ambassador envoy diplomat general chief ceo cfo coo cto executive director
    chairman chairwoman chair head leader founder co-founder cofounder governor senator mayor
    king queen prince princess pope commissioner official adviser advisor deputy
    representative negotiator lawyer attorney judge prosecutor editor correspondent reporter
    professor officer commander manager analyst spokesmen undersecretary under-secretary
    secretary-general president-elect counterpart aide chief-executive congressman
    congresswoman lawmaker mp mep speaker emir sheikh sultan president's minister's
    """.split()
)
# Words that may stand inside a title without being capitalised ("top diplomat",
# "chief executive", "foreign minister"); a lowercase word outside this list ends a title.
_LOWER_TITLE_WORDS = ROLE_WORDS | frozenset(
    "top foreign defence defense former acting first senior deputy interior finance state "
    "press permanent special then-secretary".split()
)
_JOINERS = frozenset({"of", "for", "and", "the", "on", "to"})
_ARTICLES = frozenset({"the", "a", "an"})
# Capitalised words that often open a sentence right before a title; never part of one.
_NOT_TITLE = frozenset(
    "yesterday today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday "
    "meanwhile also earlier later then when as while after before since but and so however "
    "in on at by with from says said".split()
)
MAX_TITLE_WORDS = 10
MAX_APPOSITION_WORDS = 12

_WORD = re.compile(r"[^\W_](?:[\w.’'\-]*[\w.])?", re.UNICODE)


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _core(word: str) -> str:
    """Lowercased word without a trailing possessive or full stop."""
    w = word.lower().rstrip(".")
    for suffix in ("'s", "’s"):
        if w.endswith(suffix):
            w = w[: -len(suffix)]
    return w


def _has_role(words: Sequence[str]) -> bool:
    return any(_core(w) in ROLE_WORDS for w in words)


def _title_before(text: str, start: int, floor: int, taken: list[Span]) -> Span | None:
    """The title standing just before ``start`` (the name), not below ``floor``."""
    words = [m for m in _WORD.finditer(text, floor, start)]
    chosen: list[re.Match] = []
    pos = start
    for m in reversed(words):
        gap = text[m.end() : pos]
        # Only spaces (or a hyphen inside "Secretary-General" handled by _WORD) may separate
        # the words of a title; any punctuation ends it.
        if gap.strip():
            break
        if any(s < m.end() and m.start() < e for s, e in taken):
            break
        w = m.group()
        lw = _core(w)
        if not (_is_cap(w) or lw in _LOWER_TITLE_WORDS or lw in _JOINERS) or lw in _NOT_TITLE:
            break
        chosen.append(m)
        pos = m.start()
        if len(chosen) >= MAX_TITLE_WORDS:
            break
    chosen.reverse()
    # Joiners and articles cannot open a title ("the", "of").
    while chosen and (_core(chosen[0].group()) in _JOINERS or _core(chosen[0].group()) in _NOT_TITLE):
        chosen.pop(0)
    if not chosen or not _has_role([m.group() for m in chosen]):
        return None
    return chosen[0].start(), chosen[-1].end()


_APPOS_OPEN = re.compile(r"\s*,\s*")
_APPOS_CLOSE = re.compile(r"\s*(?:[,;:)]|\s[-–—]\s|\.(?:\s|$)|$)")


def _apposition_after(text: str, end: int, ceiling: int, taken: list[Span]) -> Span | None:
    """The apposition ", the US Secretary of State," right after the name."""
    opened = _APPOS_OPEN.match(text, end, ceiling)
    if not opened:
        return None
    start = opened.end()
    words = []
    for m in _WORD.finditer(text, start, ceiling):
        between = text[words[-1].end() if words else start : m.start()]
        if between.strip() and between.strip() not in {"'s", "’s"}:
            break
        words.append(m)
        if len(words) > MAX_APPOSITION_WORDS:
            return None
    if not words:
        return None
    # The phrase ends where a closing mark follows the last word taken.
    after = words[-1].end()
    if after < ceiling and not _APPOS_CLOSE.match(text, after, ceiling):
        return None
    first = _core(words[0].group())
    # An apposition opens with an article, a name or a title word; "after his meeting with
    # ..." is an adverbial, not a description.
    if not (first in _ARTICLES or _is_cap(words[0].group()) or first in _LOWER_TITLE_WORDS):
        return None
    for m in words:
        if any(s < m.end() and m.start() < e for s, e in taken if not (s <= start < e)):
            return None
    if not _has_role([m.group() for m in words]):
        return None
    # A verb right after the subject ("Blinken, the minister said") is rare in apposition
    # heads; stop at common reporting verbs so the span stays a noun phrase.
    if any(_core(m.group()) in {"said", "says", "told", "added", "stated"} for m in words):
        return None
    s = words[0].start()
    if _core(words[0].group()) in _ARTICLES:
        s = words[1].start() if len(words) > 1 else s
    e = words[-1].end()
    last = words[-1].group()
    # A sentence-final full stop is not part of the phrase; the dots of "U.S." are.
    if last.endswith(".") and last.count(".") == 1:
        e -= 1
    return s, e


def attach_descriptions(
    text: str, mentions: Sequence[Mention], sentences: Sequence[Span] = ()
) -> list[Mention]:
    """Return ``mentions`` with :attr:`Mention.description` set where a title or an
    apposition is attached to a PERSON name; other mentions are returned unchanged.

    A mention that already has a description keeps it. ``sentences`` bounds the search
    (a title never crosses a sentence boundary); without them the whole text is one sentence.
    """
    # Places and organisations may stand inside a title ("NATO Secretary General",
    # "US Secretary of State"); another person may not.
    spans = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
    out: list[Mention] = []
    for m in mentions:
        if m.label != "PERSON" or m.description is not None:
            out.append(m)
            continue
        lo, hi = 0, len(text)
        for s, e in sentences:
            if s <= m.start < e:
                lo, hi = s, e
                break
        others = [sp for sp in spans if sp != (m.start, m.end)]
        desc = _title_before(text, m.start, lo, others)
        if desc is None:
            desc = _apposition_after(text, m.end, hi, others)
        out.append(Mention(m.start, m.end, m.label, desc) if desc else m)
    return out


class RoleStage(Stage):
    """Fills :attr:`Mention.description` from each article's text (see module docstring)."""

    name = "roles"
    reads = ("text", "sentences", "mentions")
    writes = ("mentions",)

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        return [
            a.evolve(mentions=tuple(attach_descriptions(a.text, a.mentions, a.sentences)))
            for a in articles
        ]
