"""Temporal tagger: finds TIMEX3 expressions (DATE, TIME, DURATION, SET) in news text and
normalizes them against the article's date.

Method: HeidelTime-style hand-written regular-expression rules (Strötgen & Gertz, 2013),
compiled once; candidates from all rules are merged longest-first, then normalized in text
order so that "a day earlier" or "the following day" can anchor on the date mentioned just
before. Weekdays and month names without a year are resolved by the tense of the clause
(a nearby "will", "is expected to" -> future; "said", "-ed", "was" -> past).

Limits: English rules, plus month names of datelines in Spanish, French, German and
Russian; tense is guessed from words near the expression, not parsed, so "said he will
meet on Friday" reads as future; a month and day without a year take the year that puts
the date nearest the article's date; "previous" anchors are the last day-level date in
the text, which is wrong when the text jumps between two timelines; no event anchoring
("two days after the vote"), no holidays beyond a few fixed ones.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date, timedelta

from ..model import Article, Span, Timex
from . import timex_lexicon as lx
from .stage import Stage

log = logging.getLogger(__name__)

NO_DCT = "no document date to anchor on"
NO_PREVIOUS = "no earlier date in the text to anchor on"

# ---------------------------------------------------------------------------- patterns

_MON_EN = (r"(?-i:(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|"
           r"July?\.?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
           r"Dec(?:ember|\.)?))")
_MON_INTL = "(?:" + "|".join(sorted(map(re.escape, lx.MONTHS_INTL), key=len, reverse=True)) + ")"
_MON_SHORT = "(?:" + "|".join(sorted(map(re.escape, lx.MONTHS_INTL_SHORT), key=len, reverse=True)) + r")\.?"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUMW = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
         r"five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
         r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)")
_QUANT = (rf"(?:\d+(?:\.\d+)?(?: 1/2)?|{_NUMW}(?: and a half)?|a couple of|couple of|a few|a dozen|"
          r"several|few|some|many|a|an|half an?|a half)")
_UNIT = r"(?:second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|centurie)s?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_B = r"(?<![\w$.,/-])"  # left boundary: no digit/letter/currency glued on
_E = r"(?![\w%/-]|,\d|\.\d)"  # right boundary
_BM = r"(?<![\w$.,/])(?<!\d-)"  # left boundary that lets "mid-" and "post-" in
# a four-digit number after these words is a count or a label, not a year
_NOT_COUNT = "".join(f"(?<!{w} )" for w in (
    "page", r"no\.", "number", "route", "flight", "room", "than", "about", "nearly", "some",
    "around", "almost", "roughly", "model", "pages", "over", "under"))

_RULES: list[tuple[str, str]] = [
    # absolute dates
    ("iso", rf"{_B}(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01]){_E}"),
    ("mdy", rf"(?:(?P<wd>(?i:{_WD})),? )?{_B}(?P<mon>{_MON_EN}) (?P<d>{_DAY})(?:,? (?P<y>{_YEAR}))?{_E}"),
    ("dmy", rf"(?:(?P<wd>(?i:{_WD})),? )?{_B}(?:[Tt]he )?(?P<d>{_DAY}) (?:of )?(?P<mon>{_MON_EN})(?:,? (?P<y>{_YEAR}))?{_E}"),
    ("dmy_intl", rf"{_B}(?P<d>[12]\d|3[01]|0?[1-9])\.? (?:de )?(?P<mon>(?i:{_MON_INTL}))(?:,? (?:de )?(?P<y>{_YEAR})(?: ?г\.| года)?)?(?![\w])"),
    ("dmy_short", rf"{_B}(?P<d>[12]\d|3[01]|0?[1-9])\.? (?P<mon>(?i:{_MON_SHORT})) (?P<y>{_YEAR}){_E}"),
    ("my", rf"(?:(?P<mod>(?i:early|late|mid|the end of|the beginning of|the middle of|the start of))[- ](?:in )?)?{_B}(?P<mon>{_MON_EN}),? (?:of )?(?P<y>{_YEAR}){_E}"),
    ("month", rf"(?:(?P<rel>(?i:last|this|next|early|late|mid))[- ])?{_BM}(?P<mon>(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)){_E}"),
    ("numdate", rf"{_B}(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d\d(?:\d\d)?){_E}"),
    ("decade", rf"(?:the )?(?:(?P<mod>early|late|mid)[- ])?{_B}(?:(?P<c>1[6-9]|20)(?P<dd>\d)0|'(?P<sd>\d)0)'?s{_E}"),
    ("century", rf"(?P<this>this|last|next) century|(?:the )?(?P<n>1[0-9]|2[01])(?:st|nd|rd|th) century"),
    ("fiscal", rf"{_B}(?:fiscal(?: year)?|FY) ?'?(?P<y>{_YEAR}|\d\d){_E}"),
    ("year", rf"(?:(?P<mod>early|late|mid|the end of|the beginning of|the middle of|the start of)[- ](?:in )?)?(?:the )?{_BM}{_NOT_COUNT}(?P<y>{_YEAR})(?: period)?{_E}(?! (?:percent|people|men|women|troops|votes|shares|miles|feet|tons|dollars))"),
    # quarters and halves
    ("quarter", rf"(?:the )?(?:(?P<poss>this|last|next) year's )?(?:fiscal )?(?P<o>{_ORD})(?: fiscal)?[- ](?P<u>quarter|half)(?: of (?:fiscal )?(?P<y>{_YEAR}))?(?! of (?:a|the))"),
    ("quarter_ref", r"(?:the )?(?P<w>latest|current|year-earlier|year-ago|same|comparable|recent|most recent|previous|past|last|this|next|coming|fiscal)?[- ]?(?P<u>quarter|period)\b(?!s)"),
    # relative to the article's date
    ("deictic", r"\b(?:(?P<mod>early|late|earlier|later)[- ])?(?P<w>the day before yesterday|the day after tomorrow|yesterday|today|tomorrow|tonight)\b(?:'s (?P<pod>morning|afternoon|evening|night))?(?: (?P<pod2>morning|afternoon|evening|night))?"),
    ("this_pod", r"\b(?P<w>this|last|tomorrow|yesterday) (?P<pod>morning|afternoon|evening|night)\b"),
    ("rel_unit", r"\b(?:(?P<mod>earlier|later|early|late|the end of|the beginning of|the middle of|the start of)[- ](?:in )?)?(?P<rel>last|this|next|the coming|the past|the current|the previous|the following|the same|that same|that|the next)[- ](?P<u>week|weekend|month|year|decade|century)\b"),
    ("rel_season", r"\b(?:(?P<mod>early|late)[- ])?(?:(?P<rel>last|this|next|the|early|late|in the)[- ])?(?P<s>spring|summer|fall|autumn|winter)(?: of (?P<y>\d{4}))?\b"),
    ("ago", rf"\b(?:(?:about|almost|nearly|some|more than|less than|just|only) )?(?P<q>{_QUANT})[- ](?P<u>{_UNIT}) (?P<dir>ago|earlier|later|before|after|from now|hence)\b(?! (?:the|a|his|her|its|their|this|that)\b)"),
    ("same_day", r"\b(?P<w>the same day|that same day|that day|the following day|the next day|the previous day|the day before|the day after|the next morning|the following morning|earlier that day|later that day|earlier in the day|later in the day|earlier in the week|later in the week|earlier in the month|later in the month|earlier in the year|later in the year|later that year|earlier that year|later that month|earlier that month|the following week|the previous week|the following month|the previous month|the following year|the previous year|the year before|the year after)\b"),
    ("weekday", rf"\b(?:(?P<rel>last|this|next|this past|this coming|early|late)[- ])?(?P<wd>{_WD})(?:'s)?(?: (?P<pod>morning|afternoon|evening|night))?(?!\w)"),
    ("weekend", r"\b(?P<rel>this|last|next|the) weekend\b"),
    # times of day
    ("clock", r"(?<![\w.:])(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s?(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m|p\.m)(?: (?P<tz>[ECMP][SD]T|GMT|UTC))?|(?<![\w.:])(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:.])(?: (?P<tz2>GMT|UTC|[ECMP][SD]T))?"),
    ("noon", r"\b(?P<w>noon|midnight|midday)\b"),
    # past / present / future references
    ("ref", r"\b(?P<w>now|nowadays|currently|current|at present|at the moment|these days|presently|the present|recently|recent years|recent months|recent weeks|recent days|lately|in the past|the past|the future|in future)\b"),
    # frequencies
    ("set", r"\b(?P<w>daily|weekly|monthly|yearly|annually|hourly|nightly|every (?:other )?(?:day|week|month|year|quarter|hour|morning|night|evening)|each (?:day|week|month|year|quarter)|(?:(?<=\d )|(?<=% )|(?<=percent )|(?<=times )|(?<=twice )|(?<=once ))(?:a|per) (?:day|week|month|year)|every " + _WD + r"|each " + _WD + r"|" + _WD + r"s)\b"),
    # durations
    ("duration", rf"\b(?:the )?(?:(?P<rel>past|last|next|first|coming|previous|final|latest|following|recent|remaining|initial|full|entire|whole|better part of the|about|almost|nearly|more than|less than|up to|at least|at most) )*(?P<q>{_QUANT})[- ](?:more |full |straight |consecutive |long )?(?P<u>{_UNIT})(?:-long|-old)?\b"),
    ("bare_unit", r"\b(?:for|over|in|within|took|take|takes|taking) (?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b"),
    ("the_year", r"\b(?:the )?(?P<w>year-end|year-earlier|year-ago|the year|the full year|the fiscal year|the week|the month|the day|the weekend)\b"),
]

_FLAGS = re.IGNORECASE
# Month rules are case-sensitive where it matters (month names) and say so inline; they
# are compiled without IGNORECASE, which is faster.
_CASED_RULES = {"mdy", "dmy", "dmy_intl", "dmy_short", "my", "month"}
_COMPILED = [(name, re.compile(p, 0 if name in _CASED_RULES else _FLAGS)) for name, p in _RULES]
_PRIORITY = {name: i for i, (name, _) in enumerate(_RULES)}

# Speed: running every rule over the whole text costs ~10 ms a document. A single pass of
# trigger words finds where time expressions can be; each rule then runs only in windows
# around the triggers of its kind (HeidelTime's rules likewise key on such words).
_MONTH_WORDS = "|".join(sorted({*lx.MONTHS_EN, *lx.MONTHS_INTL, *lx.MONTHS_INTL_SHORT}, key=len, reverse=True))
_TRIGGER = re.compile(
    r"(?<![^\W\d_])(?:"
    rf"(?P<month>(?:{_MONTH_WORDS})(?![^\W\d_]))"
    r"|(?P<weekday>(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b)"
    r"|(?P<unit>(?:second|minute|hour|day|night|week|month|year|decade)s?\b)"
    r"|(?P<quarter>(?:quarter|half|period)s?\b)"
    r"|(?P<weekend>weekends?\b)"
    r"|(?P<century>centur(?:y|ies)\b)"
    r"|(?P<deictic>(?:yesterday|today|tomorrow|tonight|morning|afternoon|evening)\b)"
    r"|(?P<ref>(?:now|nowadays|current|currently|present|presently|moment|these days|recent|recently|lately|past|future)\b)"
    r"|(?P<set>(?:daily|weekly|monthly|yearly|annually|hourly|nightly)\b)"
    r"|(?P<season>(?:spring|summer|fall|autumn|winter)\b)"
    r"|(?P<noon>(?:noon|midnight|midday)\b)"
    r"|(?P<year>(?:1[6-9]|20)\d\d(?!\d)|fy\s?\d\d|'\d0s)"
    r"|(?P<clock>\d\d?(?::\d\d|\s?[ap]\.?m\b))"
    r"|(?P<numdate>\d\d?/\d\d?/\d\d)"
    r")")
_TRIGGER_I = re.compile(_TRIGGER.pattern, re.I)  # for texts whose lowercase changes length
_RULES_BY_TRIGGER = {
    "month": ("mdy", "dmy", "dmy_intl", "dmy_short", "my", "month"),
    "weekday": ("weekday", "set"),
    "unit": ("duration", "ago", "rel_unit", "same_day", "the_year", "set", "bare_unit"),
    "quarter": ("quarter", "quarter_ref", "duration", "ago", "set"),
    "weekend": ("weekend", "the_year", "duration", "rel_unit"),
    "century": ("century", "rel_unit", "duration", "bare_unit"),
    "deictic": ("deictic", "this_pod", "same_day"),
    "ref": ("ref",),
    "set": ("set",),
    "season": ("rel_season",),
    "noon": ("noon",),
    "year": ("year", "decade", "fiscal", "iso"),
    "clock": ("clock",),
    "numdate": ("numdate",),
}
_RX = dict(_COMPILED)
# Rules with no case-sensitive part run on the lowercased text without IGNORECASE: faster.
_LOWER_RULES = {"duration", "quarter_ref", "ago", "quarter", "same_day", "set", "rel_unit",
                "the_year", "century", "bare_unit", "weekend", "ref", "deictic", "this_pod",
                "rel_season", "weekday", "year", "iso", "noon"}
_RX_LOWER = {name: re.compile(p) for name, p in _RULES if name in _LOWER_RULES}
_BEFORE, _AFTER = 32, 25

_FUTURE = re.compile(
    r"\b(?:will|won't|shall|going to|is to|are to|expected to|scheduled to|is scheduled|are scheduled|"
    r"plans to|plan to|planned|planning|plans|due to|set to|intends? to|to be held|is slated|would|could|"
    r"might|as soon as|as early as|scheduled|expected)\b|'ll\b", re.I)
_PAST = re.compile(
    # participles after "be"/"have" do not set the tense, their auxiliary does
    r"(?<!\bbe )(?<!\bbeen )(?<!\bhave )(?<!\bhas )(?<!\bbeing )\b(?:was|were|had|did|said|told|took|met|held|made|came|went|saw|gave|got|spoke|announced|"
    r"ago|last|earlier|yesterday|\w+ed)\b", re.I)
_OPENER = re.compile(r"[\W_]*(?:(?:on|by|at|in|and|but|then|later|earlier)\s+)?", re.I)
_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+(?=\s+[A-Z\"“‘'(]|\s*$|\s*\n)|\n|$)|[^\n]+", re.S)


# ---------------------------------------------------------------------------- helpers

def _parse_dct(dct: str | None) -> date | None:
    if not dct:
        return None
    try:
        return date.fromisoformat(dct[:10])
    except ValueError:
        return None


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + n
    return t // 12, t % 12 + 1


def _month_num(word: str) -> int | None:
    w = word.lower().rstrip(".")
    return lx.MONTHS_EN.get(w) or lx.MONTHS_INTL.get(w) or lx.MONTHS_INTL_SHORT.get(w)


def _quant(q: str) -> float | None:
    """Number of units, None when vague ("several")."""
    q = q.lower().strip()
    if q in lx.VAGUE:
        return None
    if q.startswith("half a") or q == "a half":
        return 0.5
    half = 0.5 if q.endswith(" 1/2") or q.endswith(" and a half") else 0.0
    q = q.replace(" 1/2", "").replace(" and a half", "")
    try:
        return float(q) + half
    except ValueError:
        pass
    if q in lx.NUMBERS:
        return lx.NUMBERS[q] + half
    parts = re.split(r"[- ]", q)
    if all(p in lx.NUMBERS for p in parts):
        return sum(lx.NUMBERS[p] for p in parts) + half
    return None


def _unit(u: str) -> str:
    u = u.lower()
    if u.endswith("centuries") or u == "centurie":
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in lx.UNITS else u


def _duration(n: float | None, unit: str) -> str:
    letter, is_time = lx.UNITS[unit]
    if letter == "WE":
        return "P" + ("X" if n is None else _num(n)) + "WE"
    amount = "X" if n is None else _num(n)
    return ("PT" if is_time else "P") + amount + letter


def _num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def tense_at(text: str, sent: Span, start: int, end: int) -> str | None:
    """'future', 'past' or None from the words nearest a span inside its sentence.

    Limits: a word-list guess, not a parse; the nearest cue before the span wins, then the
    nearest after it.
    """
    before = text[max(sent[0], start - 80):start]
    after = text[end:min(sent[1], end + 60)]
    fut = [m.end() for m in _FUTURE.finditer(before)]
    past = [m.end() for m in _PAST.finditer(before)]
    if fut or past:
        return "future" if (max(fut) if fut else -1) >= (max(past) if past else -1) else "past"
    f2 = _FUTURE.search(after)
    p2 = _PAST.search(after)
    if f2 or p2:
        if f2 and (not p2 or f2.start() < p2.start()):
            return "future"
        return "past"
    return None


def weekday_of(value: str | None) -> str | None:
    """English weekday name of a TIMEX3 day value ("2021-12-21" -> "Tuesday"), else None."""
    if not value or len(value) < 10:
        return None
    try:
        return lx.WEEKDAY_NAMES[date.fromisoformat(value[:10]).weekday()]
    except ValueError:
        return None


def _sentences(text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in _SENT.finditer(text) if m.group().strip()]


# ---------------------------------------------------------------------------- resolver

class _Resolver:
    """Normalizes candidates in text order, remembering the last day-level date."""

    def __init__(self, text: str, dct: date | None, sentences: Sequence[Span]):
        self.text = text
        self.dct = dct
        self.sentences = list(sentences)
        self.previous: date | None = None
        # The last day-level date that opened a sentence ("On January 19, ..."): the thread
        # of the narrative, which a sentence-opening "A day earlier" continues.
        self.topic: date | None = None
        self.opens = False  # whether the expression being resolved opens its sentence
        self.previous_value: str | None = None  # last DATE value of any granularity
        self.year_ref: int | None = dct.year if dct else None
        self.last_quarter: str | None = None
        self._si = 0

    def sentence(self, start: int) -> Span:
        s = self.sentences
        while self._si < len(s) - 1 and s[self._si][1] <= start:
            self._si += 1
        if s and s[self._si][0] <= start < s[self._si][1]:
            return s[self._si]
        return (max(0, start - 200), min(len(self.text), start + 200))

    def anchor_date(self) -> date | None:
        """The date an anaphoric expression ("the following day") counts from: the last date
        mentioned, or, when the expression opens a sentence, the last sentence-opening date."""
        if self.opens and self.topic is not None:
            return self.topic
        return self.previous

    def tense(self, start: int, end: int) -> str | None:
        return tense_at(self.text, self.sentence(start), start, end)

    def need_dct(self, typ: str) -> tuple[str, str | None, str | None, str | None]:
        return typ, None, None, NO_DCT

    # each rule returns (type, value, anchor, reason) or None to drop the candidate
    def resolve(self, name: str, m: re.Match) -> tuple[str, str | None, str | None, str | None] | None:
        return getattr(self, "r_" + name)(m)

    def _day(self, d: date, anchor: str) -> tuple[str, str, str, None]:
        self.previous = d
        self.previous_value = d.isoformat()
        return "DATE", d.isoformat(), anchor, None

    def r_iso(self, m):
        try:
            return self._day(date(int(m["y"]), int(m["m"]), int(m["d"])), "absolute")
        except ValueError:
            return None

    def _month_day(self, m, mon: int, day: int, year: str | None):
        if year:
            try:
                return self._day(date(int(year), mon, day), "absolute")
            except ValueError:
                return None
        if self.dct is None:
            return "DATE", None, None, NO_DCT
        options = []
        for y in (self.dct.year - 1, self.dct.year, self.dct.year + 1):
            try:
                options.append(date(y, mon, day))
            except ValueError:
                continue
        # The nearest date, unless the tense is future: then not one long past (with slack:
        # a future tense about a date just past is more often a slip than a date a year away).
        # Past tense does not narrow: "decided ... by Jan. 14" is about a later date.
        tense = self.tense(m.start(), m.end())
        if tense == "future":
            narrowed = [d for d in options if (d - self.dct).days >= -60]
        else:
            narrowed = options
        best = min(narrowed or options, key=lambda d: abs((d - self.dct).days), default=None)
        if best is None:
            return None
        return self._day(best, "dct")

    def r_mdy(self, m):
        mon = _month_num(m["mon"])
        day = int(re.match(r"\d+", m["d"]).group())
        return self._month_day(m, mon, day, m["y"])

    r_dmy = r_mdy
    r_dmy_intl = r_mdy
    r_dmy_short = r_mdy

    def r_my(self, m):
        mon = _month_num(m["mon"])
        v = f"{int(m['y']):04d}-{mon:02d}"
        self.previous_value = v
        return "DATE", v, "absolute", None

    def r_month(self, m):
        mon = _month_num(m["mon"])
        rel = (m["rel"] or "").lower()
        if self.dct is None:
            return "DATE", None, None, NO_DCT
        y = self.dct.year
        if not rel or rel in ("early", "late", "mid"):
            # nearest such month, but not a past one under a future tense
            tense = self.tense(m.start("mon"), m.end("mon"))
            if mon - self.dct.month > 6 or (mon > self.dct.month and tense == "past"):
                y -= 1
            elif self.dct.month - mon > 6 or (mon < self.dct.month and tense == "future"):
                y += 1
        if rel == "last":
            y = self.dct.year if mon < self.dct.month else self.dct.year - 1
        elif rel == "next":
            y = self.dct.year if mon > self.dct.month else self.dct.year + 1
        elif rel == "this":
            y = self.dct.year
        v = f"{y:04d}-{mon:02d}"
        self.previous_value = v
        return "DATE", v, "dct", None

    def r_numdate(self, m):
        y = int(m["y"])
        if y < 100:
            y += 1900 if y > 30 else 2000
        try:
            return self._day(date(y, int(m["m"]), int(m["d"])), "absolute")
        except ValueError:
            return None

    def r_decade(self, m):
        if m["sd"]:
            c = str(self.dct.year)[:2] if self.dct else "19"
            if self.dct and int(m["sd"]) * 10 > self.dct.year % 100:
                c = str(int(c) - 1)
            return "DATE", f"{c}{m['sd']}", "absolute", None
        return "DATE", f"{m['c']}{m['dd']}", "absolute", None

    def r_century(self, m):
        if m["n"]:
            return "DATE", f"{int(m['n']) - 1:02d}", "absolute", None
        if self.dct is None:
            return "DATE", None, None, NO_DCT
        c = self.dct.year // 100 + {"this": 0, "last": -1, "next": 1}[m["this"].lower()]
        return "DATE", f"{c:02d}", "dct", None

    def r_fiscal(self, m):
        y = int(m["y"])
        if y < 100:
            y += 1900 if y > 30 else 2000
        self.year_ref = y
        return "DATE", str(y), "absolute", None

    def r_year(self, m):
        y = int(m["y"])
        self.year_ref = y
        self.previous_value = str(y)
        return "DATE", str(y), "absolute", None

    def r_quarter(self, m):
        o = lx.ORDINALS[m["o"].lower()]
        u = m["u"].lower()
        if m["y"]:
            y, anchor = int(m["y"]), "absolute"
        elif self.dct is None:
            return "DATE", None, None, NO_DCT
        else:
            y = self.dct.year
            anchor = "dct"
            if m["poss"]:
                y = self.dct.year + {"this": 0, "last": -1, "next": 1}[m["poss"].lower()]
        v = f"{y}-Q{o}" if u == "quarter" else f"{y}-H{min(o, 2)}"
        self.previous_value = v
        if u == "quarter":
            self.last_quarter = v
        return "DATE", v, anchor, None

    def _current_quarter(self) -> str | None:
        if self.previous_value and re.fullmatch(r"\d{4}-Q\d", self.previous_value):
            return self.previous_value
        if self.dct is None:
            return None
        q = (self.dct.month - 1) // 3  # the last completed quarter: what news reports on
        y = self.dct.year
        if q == 0:
            q, y = 4, y - 1
        return f"{y}-Q{q}"

    def r_quarter_ref(self, m):
        w = (m["w"] or "").lower()
        u = m["u"].lower()
        if not w and u == "period":
            return None
        if w in ("past", "last", "previous", "this", "next", "coming", "current") and u == "period":
            return None
        cur = self._current_quarter()
        if cur is None:
            return "DATE", None, None, NO_DCT
        y, q = int(cur[:4]), int(cur[-1])
        if w in ("year-earlier", "year-ago", "comparable"):
            y -= 1
        elif w in ("previous", "past", "last") and u == "quarter":
            q -= 1
            if q == 0:
                q, y = 4, y - 1
        elif w in ("next", "coming"):
            q += 1
            if q == 5:
                q, y = 1, y + 1
        return "DATE", f"{y}-Q{q}", "dct", None

    def r_deictic(self, m):
        if self.dct is None:
            return self.need_dct("DATE")
        w = m["w"].lower()
        off = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1,
               "today": 0, "tomorrow": 1, "tonight": 0}[w]
        d = self.dct + timedelta(days=off)
        pod = m["pod"] or m["pod2"] or ("night" if w == "tonight" else None)
        self.previous = d
        self.previous_value = d.isoformat()
        if pod:
            return "TIME", d.isoformat() + "T" + lx.PARTS_OF_DAY[pod.lower()], "dct", None
        return "DATE", d.isoformat(), "dct", None

    def r_this_pod(self, m):
        if self.dct is None:
            return self.need_dct("TIME")
        w = m["w"].lower()
        d = self.dct + timedelta(days={"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}[w])
        return "TIME", d.isoformat() + "T" + lx.PARTS_OF_DAY[m["pod"].lower()], "dct", None

    def r_rel_unit(self, m):
        rel = m["rel"].lower()
        u = m["u"].lower()
        anchored_prev = rel in ("the previous", "the following", "the same", "that same", "that", "the next")
        prev = self.anchor_date()
        base = prev if anchored_prev and prev else self.dct
        anchor = "previous" if anchored_prev and prev else "dct"
        if base is None:
            return self.need_dct("DATE")
        step = {"last": -1, "the past": -1, "the previous": -1, "this": 0, "the current": 0,
                "the same": 0, "that same": 0, "that": 0, "next": 1, "the coming": 1,
                "the following": 1, "the next": 1}[rel]
        if u == "week":
            v = _week(base + timedelta(weeks=step))
        elif u == "weekend":
            v = _week(base + timedelta(weeks=step)) + "-WE"
        elif u == "month":
            y, mo = _add_months(base.year, base.month, step)
            v = f"{y:04d}-{mo:02d}"
        elif u == "year":
            v = str(base.year + step)
        elif u == "decade":
            v = str((base.year + 10 * step) // 10)
        else:
            v = f"{base.year // 100 + step:02d}"
        self.previous_value = v
        return "DATE", v, anchor, None

    def r_rel_season(self, m):
        s = lx.SEASONS[m["s"].lower()]
        rel = (m["rel"] or "").lower()
        if m["y"]:
            return "DATE", f"{m['y']}-{s}", "absolute", None
        if not rel and not m["mod"]:
            return None  # bare "spring" is too often not a date ("spring offensive")
        if self.dct is None:
            return self.need_dct("DATE")
        cur = {12: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3}[self.dct.month]
        y = self.dct.year
        if rel == "last":
            if lx.SEASON_ORDER[s] >= cur:
                y -= 1
        elif rel == "next":
            if lx.SEASON_ORDER[s] <= cur:
                y += 1
        return "DATE", f"{y}-{s}", "dct", None

    def r_ago(self, m):
        n = _quant(m["q"])
        u = _unit(m["u"])
        direction = m["dir"].lower()
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        relative_to_prev = direction in ("earlier", "later", "before", "after")
        prev = self.anchor_date()
        base = prev if relative_to_prev and prev else self.dct
        anchor = "previous" if relative_to_prev and prev else "dct"
        if base is None:
            return self.need_dct("DATE")
        if n is None:
            if u in ("year", "month", "week", "day", "decade"):
                return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor, None
            return None
        if u == "year" and self.last_quarter and n == int(n):
            # in earnings news "a year ago" compares with the quarter just discussed
            v = f"{int(self.last_quarter[:4]) + sign * int(n)}{self.last_quarter[4:]}"
            return "DATE", v, "previous", None
        k = int(n) if n == int(n) else n
        if u in ("day", "night"):
            d = base + timedelta(days=sign * k)
            self.previous = d
            return "DATE", d.isoformat(), anchor, None
        if u in ("hour", "minute", "second"):
            return "DATE", base.isoformat(), anchor, None
        if u == "week":
            return "DATE", _week(base + timedelta(weeks=sign * k)), anchor, None
        if u == "month":
            y, mo = _add_months(base.year, base.month, int(sign * k))
            return "DATE", f"{y:04d}-{mo:02d}", anchor, None
        if u == "quarter":
            y, mo = _add_months(base.year, base.month, int(sign * k * 3))
            return "DATE", f"{y:04d}-Q{(mo - 1) // 3 + 1}", anchor, None
        if u == "year":
            return "DATE", str(base.year + int(sign * k)), anchor, None
        if u == "decade":
            return "DATE", str((base.year + int(sign * k * 10)) // 10), anchor, None
        return "DATE", f"{(base.year + int(sign * k * 100)) // 100:02d}", anchor, None

    _SAME = {
        "the same day": 0, "that same day": 0, "that day": 0, "the following day": 1,
        "the next day": 1, "the previous day": -1, "the day before": -1, "the day after": 1,
        "the next morning": 1, "the following morning": 1, "earlier that day": 0,
        "later that day": 0,
    }

    def r_same_day(self, m):
        w = m["w"].lower()
        if w in ("earlier in the day", "later in the day"):
            if self.dct is None:
                return self.need_dct("DATE")
            return "DATE", self.dct.isoformat(), "dct", None
        if w in ("earlier in the week", "later in the week") and self.dct:
            return "DATE", _week(self.dct), "dct", None
        if w in ("earlier in the month", "later in the month") and self.dct:
            return "DATE", f"{self.dct.year:04d}-{self.dct.month:02d}", "dct", None
        if w in ("earlier in the year", "later in the year") and self.dct:
            return "DATE", str(self.dct.year), "dct", None
        base = self.anchor_date()
        if base is None:
            if w in self._SAME or "year" in w or "month" in w or "week" in w:
                return "DATE", None, None, NO_PREVIOUS
            return None
        if w in self._SAME:
            return self._day(base + timedelta(days=self._SAME[w]), "previous")
        step = -1 if ("previous" in w or "before" in w or "earlier" in w) else (0 if "that" in w and "later" not in w else 1)
        if "later that" in w:
            step = 0
        if "week" in w:
            return "DATE", _week(base + timedelta(weeks=step)), "previous", None
        if "month" in w:
            y, mo = _add_months(base.year, base.month, step)
            return "DATE", f"{y:04d}-{mo:02d}", "previous", None
        return "DATE", str(base.year + step), "previous", None

    def r_weekday(self, m):
        wd = lx.WEEKDAYS[m["wd"].lower()]
        rel = (m["rel"] or "").lower()
        if self.dct is None:
            return self.need_dct("DATE")
        delta = (wd - self.dct.weekday()) % 7  # days forward to the next such weekday (0 = today)
        if rel == "last" or rel == "this past":
            d = self.dct - timedelta(days=(7 - delta) if delta else 7)
        elif rel == "next" or rel == "this coming":
            d = self.dct + timedelta(days=delta or 7)
        else:
            tense = self.tense(m.start("wd"), m.end("wd"))
            if tense == "future":
                d = self.dct + timedelta(days=delta)
            else:
                d = self.dct - timedelta(days=(7 - delta) % 7)
        self.previous = d
        self.previous_value = d.isoformat()
        if m["pod"]:
            return "TIME", d.isoformat() + "T" + lx.PARTS_OF_DAY[m["pod"].lower()], "dct", None
        return "DATE", d.isoformat(), "dct", None

    def r_weekend(self, m):
        if self.dct is None:
            return self.need_dct("DATE")
        rel = m["rel"].lower()
        step = {"this": 0, "the": 0, "last": -1, "next": 1}[rel]
        return "DATE", _week(self.dct + timedelta(weeks=step)) + "-WE", "dct", None

    def _clock_day(self) -> tuple[date | None, str | None]:
        return (self.previous, "previous") if self.previous else (self.dct, "dct")

    def r_clock(self, m):
        if m["h24"] is not None:
            h, mi, tz = int(m["h24"]), int(m["mi24"]), m["tz2"]
            before = self.text[max(0, m.start() - 3):m.start()].lower()
            if not ("at" in before or tz):
                return None  # "12:30" alone is as often a score or a ratio
        else:
            h, mi = int(m["h"]), int(m["mi"] or 0)
            if h > 12:
                return None
            ap = m["ap"].lower()
            if ap.startswith("p") and h != 12:
                h += 12
            elif ap.startswith("a") and h == 12:
                h = 0
        day, anchor = self._clock_day()
        if day is None:
            return "TIME", None, None, NO_DCT
        return "TIME", f"{day.isoformat()}T{h:02d}:{mi:02d}", anchor, None

    def r_noon(self, m):
        day, anchor = self._clock_day()
        if day is None:
            return "TIME", None, None, NO_DCT
        return "TIME", day.isoformat() + {"noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}[m["w"].lower()], anchor, None

    def r_ref(self, m):
        w = m["w"].lower()
        if w in ("recently", "lately", "the past", "in the past", "previously", "formerly") or w.startswith("recent"):
            return "DATE", "PAST_REF", "dct", None
        if w in ("the future", "in future", "soon", "future"):
            return "DATE", "FUTURE_REF", "dct", None
        return "DATE", "PRESENT_REF", "dct", None

    def r_set(self, m):
        w = m["w"].lower()
        if w.endswith("s") and w[:-1] in lx.WEEKDAYS:
            return "SET", f"XXXX-WXX-{lx.WEEKDAYS[w[:-1]] + 1}", "absolute", None
        for name, n in lx.WEEKDAYS.items():
            if w.endswith(name):
                return "SET", f"XXXX-WXX-{n + 1}", "absolute", None
        unit = {"daily": "day", "weekly": "week", "monthly": "month", "yearly": "year",
                "annually": "year", "hourly": "hour", "quarterly": "quarter", "nightly": "day"}.get(w)
        if unit is None:
            last = w.split()[-1]
            unit = {"morning": "day", "night": "day", "evening": "day"}.get(last, last)
        n = 2 if "other" in w else 1
        return "SET", _duration(n, unit), "absolute", None

    def r_duration(self, m):
        u = _unit(m["u"])
        n = _quant(m["q"])
        q = m["q"].lower()
        if q in ("the", "some", "many") and not m["rel"]:
            return None
        if q in ("a", "an") and u in ("night", "second"):
            return None  # "a second time" is an ordinal
        if u == "quarter" and "-" in m.group():
            return None  # "three-quarters" is a fraction
        if u == "quarter" and n is None:
            return None
        if self.text[m.end():m.end() + 4].lower() in ("-old", " old") or m.group().lower().endswith("-old"):
            return None  # an age, not a stretch of time
        return "DURATION", _duration(n, u), None, None

    def r_bare_unit(self, m):
        return "DURATION", _duration(None, _unit(m["u"])), None, None

    def r_the_year(self, m):
        w = m["w"].lower()
        if w in ("year-end",):
            if self.dct is None:
                return self.need_dct("DATE")
            return "DATE", f"{self.year_ref or self.dct.year}-12-31", "dct", None
        if w in ("year-earlier", "year-ago"):
            cur = self._current_quarter()
            if cur is None:
                return self.need_dct("DATE")
            return "DATE", f"{int(cur[:4]) - 1}{cur[4:]}", "dct", None
        if w in ("the full year",) and self.dct:
            return "DATE", str(self.year_ref or self.dct.year), "dct", None
        if w in ("the day",):
            return None
        if w in ("the weekend",):
            return "DURATION", "P1WE", None, None
        return "DURATION", _duration(1, w.split()[-1]), None, None


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match]]:
    windows: dict[str, list[list[int]]] = {}
    n = len(text)
    # matching lowercase text without IGNORECASE is several times faster
    lower = text.lower()
    same = len(lower) == n
    triggers = _TRIGGER.finditer(lower) if same else _TRIGGER_I.finditer(text)
    for t in triggers:
        lo, hi = max(0, t.start() - _BEFORE), min(n, t.end() + _AFTER)
        for name in _RULES_BY_TRIGGER[t.lastgroup]:
            w = windows.setdefault(name, [])
            if w and lo <= w[-1][1]:
                w[-1][1] = hi
            else:
                w.append([lo, hi])
    found = []
    seen = set()
    for name, spans in windows.items():
        if same and name in _RX_LOWER:
            rx, subject = _RX_LOWER[name], lower
        else:
            rx, subject = _RX[name], text
        prio = _PRIORITY[name]
        for lo, hi in spans:
            for m in rx.finditer(subject, lo, hi):
                if (m.start(), m.end(), name) in seen:
                    continue
                seen.add((m.start(), m.end(), name))
                s, e = m.span("u") if name == "bare_unit" else m.span()
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1] in " ,":
                    e -= 1
                if e > s:
                    found.append((s, e, prio, name, m))
    # longest first, then the rule listed first
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = bytearray(len(text) + 1)
    chosen = []
    for c in found:
        if not any(taken[c[0]:c[1]]):
            chosen.append(c)
            taken[c[0]:c[1]] = b"\x01" * (c[1] - c[0])
    chosen.sort(key=lambda c: c[0])
    return chosen


def tag(text: str, dct: str | None, sentences: Sequence[Span] | None = None) -> list[Timex]:
    """Find time expressions in ``text`` and normalize them against ``dct`` (YYYY-MM-DD).

    Returns :class:`~parallax.model.Timex` records in text order. Expressions that need
    the document date get ``value=None`` and a ``reason`` when ``dct`` is missing or
    unreadable; absolute dates ("December 17, 2021") resolve all the same.
    """
    d = _parse_dct(dct)
    no_dct = NO_DCT
    if dct and d is None:
        log.debug("unreadable document date %r; relative expressions stay unresolved", dct)
        no_dct = f"document date {dct!r} is not an ISO date (YYYY-MM-DD)"
    sents = list(sentences) if sentences else _sentences(text)
    res = _Resolver(text, d, sents)
    out: list[Timex] = []
    for s, e, _prio, name, m in _candidates(text):
        sent = res.sentence(s)
        res.opens = bool(_OPENER.fullmatch(text, sent[0], s))
        r = res.resolve(name, m)
        if r is None:
            continue
        typ, value, anchor, reason = r
        if res.opens and typ == "DATE" and value and len(value) == 10 and value[4] == "-":
            res.topic = date.fromisoformat(value)
        if value is None and reason is None:
            reason = NO_DCT
        if reason == NO_DCT:
            reason = no_dct
        out.append(Timex(s, e, typ, value, anchor, reason))
    return _times_on_following_day(text, out)


_ON = re.compile(r"\s*,?\s*(?:on|of)?\s*", re.I)


def _times_on_following_day(text: str, timexes: list[Timex]) -> list[Timex]:
    """"at 3 p.m. on Friday": a clock time takes the day named right after it."""
    for i in range(len(timexes) - 1):
        t, nxt = timexes[i], timexes[i + 1]
        if (t.type == "TIME" and t.value and nxt.type == "DATE" and nxt.value
                and len(nxt.value) == 10 and nxt.value[4] == "-"
                and _ON.fullmatch(text, t.end, nxt.start)):
            timexes[i] = Timex(t.start, t.end, "TIME", nxt.value + t.value[10:], nxt.anchor, None)
    return timexes


def weekday_mentioned(text: str) -> int | None:
    """Weekday number (Monday=0) named in ``text``, or None."""
    m = re.search(_WD, text, re.I)
    return lx.WEEKDAYS[m.group().lower()] if m else None


class TimexStage(Stage):
    name = "timex"
    reads = ("text", "published", "sentences")
    writes = ("timexes",)

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        return [a.evolve(timexes=tuple(tag(a.text, a.published, a.sentences))) for a in articles]


__all__ = ["tag", "TimexStage", "weekday_of", "tense_at", "weekday_mentioned"]
