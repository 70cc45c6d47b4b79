"""Quote-mark pairing that survives real press text.

Finds the quoted passages of an article as ``QuotedSegment`` records, tolerating what
newsroom and machine-translated text really does: curly, straight and guillemet marks mixed
in one article; two apostrophes standing for a double mark (``''...''``, as some archives
write it); a closing mark written as an opening one; a quote opened and never closed;
a closing mark glued to the next word or missing altogether (``...invades UkraineBlinken
stressed``); and quotes that run over several paragraphs, where each paragraph reopens the
quote and only the last one closes it (the English convention).

Method: a left-to-right state machine per paragraph. Curly and guillemet marks say by their
glyph whether they open or close; a straight ``"`` is judged by its neighbours (space
before and a non-space after opens) and otherwise toggles the state. An unclosed quote is
ended at the first sign of an attribution inside it (a lowercase letter glued to a
capitalised name followed by a reporting verb, or ``, he said``), else at the end of its
paragraph unless the next paragraph reopens it.

Straight single marks (``'...'``, as some outlets and plain-text exports write quotations)
are read as single quotes where they pair up (:func:`_straight_singles`).

Limits: single quotes (``‘...’``) are only used in paragraphs that have no double marks,
so nested quotes are not reported separately, and a plural possessive (``voters’ ``)
inside a single-quoted passage can end it early. German-style ``„...“`` pairs are read as
two openers. Nothing here decides whether a passage is a statement or a scare quote; that is
left to :mod:`parallax.analyze.quotes`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

OPENERS = "“„«‹‟"
CLOSERS = "”»›"
STRAIGHT = '"'
# Two apostrophes stand for a straight double mark in some wire and archive text (''...'').
_DOUBLE = re.compile(r"''(?!')|[\"“”„«»‟]")
_SINGLE = re.compile(r"[‘’]")
_PARAGRAPH = re.compile(r"[^\n]+")

# A reporting verb right after a glued capitalised name marks where an unclosed quote ended.
GLUE_CUES = (
    r"said|says|stressed|added|insisted|asserted|emphasi[sz]ed|noted|declared|recalled|"
    r"commented|warned|told|explained|stated|argued|continued|concluded|wrote|replied"
)
_GLUED = re.compile(
    r"(?<=[a-z]{4})(?=[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}\s+(?:" + GLUE_CUES + r")\b)"
)
_TRAILING_ATTRIB = re.compile(
    r"[,.!?](?=\s+(?:he|she|they|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3})\s+(?:" + GLUE_CUES + r")\b)"
)


@dataclass(frozen=True, slots=True)
class QuotedSegment:
    """A quoted passage. ``open``/``close`` are the mark spans' outer bounds (``close`` is
    the offset just after the closing mark, or the content end when no mark closed it);
    ``start``/``end`` bound the words inside the marks. ``closed`` is False when no closing
    mark was found and the end was inferred."""

    open: int
    close: int
    start: int
    end: int
    closed: bool = True
    paragraphs: int = 1


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _infer_end(text: str, start: int, limit: int) -> int:
    """Where an unclosed quote that opened at ``start`` most likely ends (<= limit)."""
    window = text[start:limit]
    m = _GLUED.search(window)
    t = _TRAILING_ATTRIB.search(window)
    candidates = []
    if m:
        candidates.append(start + m.start())
    if t:
        candidates.append(start + t.start() + 1)  # keep the comma inside the quote
    return min(candidates) if candidates else limit


def _looks_opening_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    n = _mark_len(text, i)
    after = text[i + n] if i + n < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _looks_closing(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    n = _mark_len(text, i)
    after = text[i + n] if i + n < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-")


def find_segments(text: str) -> list[QuotedSegment]:
    """All quoted passages of ``text`` in order, never raising on unbalanced marks."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    segments: list[QuotedSegment] = []
    pending: tuple[int, int] | None = None  # (open mark offset, paragraphs spanned)
    for index, (p_start, p_end) in enumerate(paragraphs):
        marks = [(m.start(), _norm(m.group())) for m in _DOUBLE.finditer(text, p_start, p_end)]
        single = False
        if not marks and pending is None:
            marks = [
                (m.start(), m.group()) for m in _SINGLE.finditer(text, p_start, p_end)
                if not (m.group() == "’" and _is_apostrophe(text, m.start()))
            ]
            marks = sorted(marks + _straight_singles(text, p_start, p_end))
            single = True
        open_at: int | None = None
        spans = 1
        if pending is not None:
            # The previous paragraph left a quote open; this one reopened it (checked below).
            open_at, spans = pending
            spans += 1
            pending = None
            if marks and marks[0][0] == _first_non_space(text, p_start) and (
                marks[0][1] in OPENERS or marks[0][1] == STRAIGHT
            ):
                marks = marks[1:]
        for pos, mark in marks:
            opening_glyph = mark in OPENERS or mark == "‘"
            closing_glyph = mark in CLOSERS or mark == "’"
            if open_at is None:
                if closing_glyph:
                    log.debug("stray closing mark at %d ignored", pos)
                    continue
                open_at, spans = pos, 1
                continue
            is_close = closing_glyph or (mark == STRAIGHT) or (
                opening_glyph and _looks_closing(text, pos)
            )
            if mark == STRAIGHT and _looks_opening_straight(text, pos) and not _looks_closing(text, pos):
                # A straight mark that looks like an opener while a quote is open: the
                # previous quote was never closed. End it where its attribution starts.
                is_close = False
            if is_close:
                s, e = _strip(text, open_at + _mark_len(text, open_at), pos)
                if e > s:
                    segments.append(QuotedSegment(open_at, pos + _mark_len(text, pos), s, e, True, spans))
                open_at = None
            else:
                end = _infer_end(text, open_at + _mark_len(text, open_at), pos)
                s, e = _strip(text, open_at + _mark_len(text, open_at), end)
                if e > s:
                    segments.append(QuotedSegment(open_at, e, s, e, False, spans))
                open_at, spans = pos, 1
        if open_at is not None:
            nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            reopened = False
            if nxt is not None and not single:
                first = _first_non_space(text, nxt[0])
                reopened = first < len(text) and (text[first] in OPENERS or text[first] == STRAIGHT
                                                  or text.startswith("''", first))
                # A reopened paragraph continues the quote only if the current paragraph
                # has no attribution inside it (else it is a new quote).
                if reopened and _infer_end(text, open_at + _mark_len(text, open_at), p_end) < p_end:
                    reopened = False
            if reopened:
                pending = (open_at, spans)
            else:
                end = _infer_end(text, open_at + _mark_len(text, open_at), p_end)
                s, e = _strip(text, open_at + _mark_len(text, open_at), end)
                if e > s:
                    segments.append(QuotedSegment(open_at, e, s, e, False, spans))
    return segments


def _straight_singles(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    """Straight single marks of [lo, hi) that pair up as quotation marks, as ``‘``/``’``
    glyphs: an opener has a space (or the paragraph start, a bracket or a dash) before it and
    a letter after it, a closer a letter or punctuation before it and a space or punctuation
    after it; each opener takes the next closer. Limits: apostrophes inside words ("won't")
    are never marks, a plural possessive ("the farmers' union") is taken for one only after
    punctuation, an opener with no closer in its paragraph is dropped ("the '90s", "'em"),
    and a quotation inside a single-quoted one is not seen."""
    out: list[tuple[int, str]] = []
    open_at = None
    for m in re.finditer("'", text[lo:hi]):
        i = lo + m.start()
        if text.startswith("''", i) or (i > 0 and text[i - 1] == "'"):
            continue  # a doubled mark is a double quote (read elsewhere)
        before = text[i - 1] if i > lo else " "
        after = text[i + 1] if i + 1 < hi else " "
        if before.isalnum() and after.isalnum():
            continue  # "won't", "O'Neill"
        if open_at is None:
            if (before.isspace() or before in "([{—–-:/") and after.isalpha():
                open_at = i
            continue
        closing = not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-")
        possessive = before == "s" and re.match(r"'\s+[a-z]", text[i:i + 3]) is not None
        if closing and not possessive:
            out += [(open_at, "‘"), (i, "’")]
            open_at = None
    return out


def _norm(mark: str) -> str:
    return STRAIGHT if mark == "''" else mark


def _mark_len(text: str, pos: int) -> int:
    return 2 if text.startswith("''", pos) else 1


def _first_non_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()
