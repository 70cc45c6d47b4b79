"""The one data model: plain, frozen records with character offsets into an article's clean text.

Every span is ``(start, end)`` into :attr:`Article.text`; nothing copies the text it points at.
Stages return new records with :func:`dataclasses.replace`, never mutate.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Literal

Span = tuple[int, int]

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "OTHER"]
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "OTHER")

DateSource = Literal["header", "metadata", "dateline", "inferred"]


def content_key(text: str) -> str:
    """Content-hash id of an article: the same clean text always gets the same key."""
    normalized = " ".join(text.split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline such as ``GENEVA, January 21. /TASS/.``: where it stands and what it says."""

    start: int
    end: int
    place: str | None = None
    date: str | None = None  # ISO date, month or "--MM-DD" when the year is missing
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """A named-entity mention. ``description`` is a span of a title or role attached to it
    ("US Secretary of State" in "US Secretary of State Antony Blinken")."""

    start: int
    end: int
    label: str  # one of ENTITY_TYPES
    description: Span | None = None


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression with its TIMEX3 type and normalized value.

    ``value`` is None when the expression cannot be resolved; ``reason`` says why.
    ``anchor`` records what the value was computed from: ``"dct"`` (the article's date),
    ``"previous"`` (the date mentioned just before), ``"absolute"`` (the text says it all),
    ``"story"`` (an undated article's month and day, given the year from its story's dates).
    """

    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str | None
    anchor: str | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A reported statement: its content, the cue (reporting verb) and the speaker span.

    ``kind`` is ``direct`` (all in quote marks), ``mixed`` (reported speech with a quoted
    fragment) or ``indirect``. ``speaker`` is None when the text does not say who spoke.
    """

    start: int
    end: int
    kind: str
    cue: Span | None = None
    speaker: Span | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One article: clean text once, everything else as offsets into it."""

    id: str
    text: str
    path: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_from: str | None = None  # header | metadata | dateline | inferred
    published_reason: str | None = None
    language: str = "en"
    removed: tuple[str, ...] = ()
    dateline: Dateline | None = None
    sentences: tuple[Span, ...] = ()
    mentions: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    quotes: tuple[Quote, ...] = ()
    key: str = field(default="")

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", content_key(self.text))

    def span(self, span: Span | tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    def sentence_of(self, offset: int) -> Span | None:
        """The sentence holding character ``offset``, or None."""
        for s in self.sentences:
            if s[0] <= offset < s[1]:
                return s
        return None

    def evolve(self, **changes) -> Article:
        return replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be used, and why. Stored and counted; the batch goes on."""

    path: str
    stage: str
    reason: str

    def message(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Evidence:
    """A pointer to a passage: article id and character span in its clean text."""

    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """An entity resolved across a story's articles."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    descriptions: tuple[str, ...]
    mentions: tuple[Evidence, ...]
    why: tuple[str, ...] = ()  # one line per merge: why two names were joined


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str
    text: str
    sources: tuple[Evidence, ...]
    disputed: bool = False
    discrepancy: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    article: str
    start: int
    end: int
    text: str
    value: str


@dataclass(frozen=True, slots=True)
class Discrepancy:
    id: str
    kind: str  # date | place | number | actor | other
    about: str
    claims: tuple[Claim, ...]
    explanation: str


@dataclass(frozen=True, slots=True)
class QuoteFinding:
    """A quote as the story report shows it, with its speaker resolved and its alignments."""

    id: str
    article: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_entity: str | None
    cue: str | None
    aligned_with: tuple[str, ...] = ()
    # the speaker as the text writes it ("Hydrologists", "he"), None when it names none
    speaker_text: str | None = None
    # every entity of a joint speaker ("Markov and Hale agreed"): then ``speaker`` names them
    # all and ``speaker_entity`` is None, since no one of them spoke alone
    speaker_entities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """Two outlets' renderings of one statement and how they differ, word by word: each change
    is ``(op, words in the first, words in the second)`` with op ``replace``, ``delete`` (only
    in the first: the second cut it) or ``insert`` (only in the second)."""

    quotes: tuple[str, str]  # quote ids
    changes: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True, slots=True)
class SummarySentence:
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Slot:
    """One value one source gives for one slot of a fact: ``who``, ``what``, ``when``, ``where``
    or ``how_many``. ``attributed`` is True when the source reports it as someone's claim
    ("X said that ...") rather than stating it in its own voice."""

    name: str
    value: str
    evidence: Evidence
    attributed: bool = False


@dataclass(frozen=True, slots=True)
class Fact:
    """A statement about one happening, aligned across the articles that report it.

    ``kind`` says how the statements were grouped: ``happening`` (the same named event, meeting
    or call), ``dated`` (the same dated statement) or ``shared`` (the same sentence content).
    ``independent`` counts independent sources: near-copies and reused passages count once."""

    id: str
    kind: str
    label: str
    text: str
    slots: tuple[Slot, ...]
    sources: tuple[Evidence, ...]
    outlets: tuple[str, ...]
    independent: int
    discrepancies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class OutletCoverage:
    """Which of the story's facts one outlet reported, and which reported by others it left out."""

    outlet: str
    articles: tuple[str, ...]
    reported: tuple[str, ...]  # fact ids
    omitted: tuple[str, ...]  # fact ids


@dataclass(frozen=True, slots=True)
class Usage:
    """A word or phrase an outlet used, how often and where. ``about`` names what it refers to
    (the entity a label names, the category of a reporting verb)."""

    text: str
    count: int
    evidence: tuple[Evidence, ...]
    about: str | None = None


@dataclass(frozen=True, slots=True)
class Voice:
    """Someone an outlet quotes: how many quotes and how many words."""

    speaker: str
    entity: str | None
    quotes: int
    words: int
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Framing:
    """How one outlet told the story: its reporting verbs, hedges, labels and voices."""

    outlet: str
    articles: tuple[str, ...]
    cues: tuple[Usage, ...] = ()
    hedges: tuple[Usage, ...] = ()
    labels: tuple[Usage, ...] = ()
    voices: tuple[Voice, ...] = ()


@dataclass(frozen=True, slots=True)
class InferredDate:
    """A publication date the story supplied: the article's dateline gives month and day
    ("KLAIPEDA, March 3.") and the year is the one nearest the story's median date."""

    article: str
    date: str  # YYYY-MM-DD
    reason: str


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    articles: tuple[str, ...]  # article ids
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    quotes: tuple[QuoteFinding, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    summary: tuple[SummarySentence, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()  # (article id, duplicate_of id)
    facts: tuple[Fact, ...] = ()
    coverage: tuple[OutletCoverage, ...] = ()
    framing: tuple[Framing, ...] = ()
    quote_variants: tuple[QuoteVariant, ...] = ()
    inferred_dates: tuple[InferredDate, ...] = ()
