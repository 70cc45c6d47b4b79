"""Date checks a careful reader makes inside one article.

``check_article`` flags

- a weekday that does not match its date ("Friday, December 21" when that December 21 was a
  Tuesday), and
- a future tense about a date already past when the article was published ("talks will be
  held on January 10" in an article of January 20).

Limits: it trusts the tagger's resolution of year-less dates (the year that puts the date
nearest the article's date); tense is a word-list guess ("will", "is to", "is expected to"),
and reported future ("said he would") is deliberately not counted, so some slips go
unflagged. Cross-source conflicts about when an event happened belong to the timeline, not
here; :func:`weekday_of` and :func:`days_between` help with those.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date

from ..analyze.timex import tag, weekday_of
from ..analyze import timex_lexicon as lx
from ..model import Article, Claim, Discrepancy, Timex

_WEEKDAY_BEFORE = re.compile(
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday),?\s*(?:the\s+)?$", re.I)
_WEEKDAY_IN = re.compile(r"\b(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
# Plain future only: "would" is reported speech about a then-future, not a slip.
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|is to be|are to be|is expected to|are expected to|is scheduled to|"
    r"are scheduled to|is due to|are due to|is set to|are set to)\b", re.I)
_PAST_OR_BREAK = re.compile(r"\b(?:was|were|had|did|said|told|says)\b|[;:]", re.I)

__all__ = ["check_article", "weekday_of", "days_between"]


def days_between(a: str, b: str) -> int | None:
    """Days from day value ``a`` to day value ``b`` (both YYYY-MM-DD), or None."""
    try:
        return (date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days
    except (ValueError, TypeError):
        return None


def _id(article: Article, kind: str, start: int) -> str:
    return "date-" + hashlib.sha1(f"{article.id}:{kind}:{start}".encode()).hexdigest()[:12]


def _is_day(value: str | None) -> bool:
    return bool(value) and len(value) == 10 and value[4] == "-" and value[7] == "-"


def _sentence(article: Article, t: Timex) -> tuple[int, int]:
    s = article.sentence_of(t.start)
    if s is not None:
        return s
    text = article.text
    start = max(text.rfind(".", 0, t.start), text.rfind("\n", 0, t.start)) + 1
    ends = [i for i in (text.find(".", t.end), text.find("\n", t.end)) if i >= 0]
    return start, (min(ends) + 1 if ends else len(text))


def _future_before(text: str, sent: tuple[int, int], start: int) -> re.Match | None:
    """A plain-future cue governing the expression: the nearest before it in its sentence,
    with no past-tense verb or clause break between the cue and the date."""
    window = text[sent[0]:start]
    cues = list(_FUTURE.finditer(window))
    if not cues:
        return None
    cue = cues[-1]
    if _PAST_OR_BREAK.search(window, cue.end()):
        return None
    return cue


def _future_after(text: str, sent: tuple[int, int], end: int) -> re.Match | None:
    """A plain-future cue shortly after the expression ("On January 10, Geneva will host"),
    with no past-tense verb before it."""
    window = text[end:min(sent[1], end + 60)]
    cue = _FUTURE.search(window)
    if cue is None or _PAST_OR_BREAK.search(window, 0, cue.start()):
        return None
    return cue


def check_article(article: Article) -> list[Discrepancy]:
    """Dates in ``article`` that cannot be right, as ``Discrepancy(kind="date")`` records
    whose claims point at the date (and, for a tense slip, the future-tense cue)."""
    timexes = article.timexes or tuple(tag(article.text, article.published, article.sentences))
    text = article.text
    found: list[Discrepancy] = []
    for t in timexes:
        if t.type != "DATE" or not _is_day(t.value):
            continue
        span_text = text[t.start:t.end]
        # weekday named right before or inside the expression, other than a bare weekday
        # (whose date was computed from the weekday itself)
        m = _WEEKDAY_IN.match(span_text)
        wd_span = None
        if m and m.end() < len(span_text.rstrip()) and re.search(r"\d", span_text[m.end():]):
            wd_span = (t.start + m.start(), t.start + m.end())
            named = m.group("wd")
        else:
            before = _WEEKDAY_BEFORE.search(text, max(0, t.start - 16), t.start)
            if before:
                wd_span = (before.start("wd"), before.end("wd"))
                named = before.group("wd")
        if wd_span is not None:
            actual = weekday_of(t.value)
            if actual and actual.lower() != named.lower():
                real = date.fromisoformat(t.value)
                how = "" if t.anchor == "absolute" else (
                    f" (the text gives no year; {real.year} is the year nearest the article's "
                    f"date {article.published})")
                found.append(Discrepancy(
                    id=_id(article, "weekday", t.start),
                    kind="date",
                    about=span_text,
                    claims=(
                        Claim(article.id, wd_span[0], wd_span[1], text[wd_span[0]:wd_span[1]],
                              lx.WEEKDAY_NAMES[lx.WEEKDAYS[named.lower()]]),
                        Claim(article.id, t.start, t.end, span_text, t.value),
                    ),
                    explanation=(f"The text calls {real.strftime('%B')} {real.day}, {real.year} a "
                                 f"{named.capitalize()}, but that day was a {actual}{how}."),
                ))
        if article.published and t.value < article.published[:10]:
            sent = _sentence(article, t)
            cue = _future_before(text, sent, t.start)
            offset = sent[0]
            if cue is None:
                cue = _future_after(text, sent, t.end)
                offset = t.end
            if cue is not None:
                cs, ce = offset + cue.start(), offset + cue.end()
                found.append(Discrepancy(
                    id=_id(article, "tense", t.start),
                    kind="date",
                    about=span_text,
                    claims=(
                        Claim(article.id, cs, ce, text[cs:ce], "future"),
                        Claim(article.id, t.start, t.end, span_text, t.value),
                    ),
                    explanation=(f"The text speaks of {t.value} in the future tense "
                                 f"(\"{text[cs:ce]}\"), but the article is dated "
                                 f"{article.published[:10]}, {-days_between(article.published, t.value)} "
                                 f"days later."),
                ))
    return found

