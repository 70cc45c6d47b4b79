"""Temporal tagger: finds TIMEX3 expressions (DATE, TIME, DURATION, SET) in news text and
normalizes them against the article's date.

Method: HeidelTime-style hand-written regular-expression rules (Strötgen & Gertz, 2013),
compiled once; candidates from all rules are merged longest-first, then normalized in text
order so that "a day earlier" or "the following day" can anchor on the date mentioned just
before, and "the following month" or "that year" on the last date of any granularity (a day
after a month named since the last day, "killed last October ... that same day", is a day of
that month: 1998-10-XX).
Weekdays are resolved by the tense of the clause (a nearby "will", "is expected to" ->
the coming one; "said", "-ed", "was" -> the past one; "until", "by", "payable" before the
date, or a timetable's present tense, "the leaders meet Monday" -> the coming one; a
possessive names a known event, "would appeal Wednesday's ruling" -> the past one, unless
"ahead of" it); a weekday sharing a plural ("on Monday and Tuesday nights") is a SET. A month (and day)
without a year takes the article's year, moved back a year under a past tense when the
date would fall over 45 days after the article (and whenever it would fall after it right
after "ended": "the quarter ended Oct. 31"), forward under a future tense when it would fall
over 45 days before, and to the nearer year without a tense cue when it is over eight months
away (measured on TempEval-3's TimeBank part; AQUAINT agreed); "last February" skips the
month just past within the year, which news calls "last month" (in January, "last December"
is the one just past: last year's). Earnings news: "a year ago" and "the
year-earlier period" compare with the quarter being reported (the latest quarter named that
had ended by the article's date, else the last completed one; a quarter not yet over on the
calendar whose figures are reported as done, "reported lower fourth-quarter earnings" in
November, is a fiscal quarter; a fiscal quarter keeps its own number, "the fiscal first
quarter" is Q1, until another quarter is named; "the quarter ended July 31" is the calendar
quarter holding most of its months, Q2); in a sentence on a nine- or six-month figure ("for
the nine months"), or the one after it, they compare with last year instead. TimeML's forms
are followed where TimeBank mostly does: "in coming weeks" is a vague duration (PXW), as are
"over the years", "the first hours", "a decades-long feud"; "by year-end" is the year's last
day ("around year-end" its December); "soon" and "may one day" are the future (FUTURE_REF),
unless the clause is past ("was soon released": shortly after a past event); "the past
decade" is the ten years up to now (P10Y), "last century" the one before this.

Speed: one pass of a trie-shaped regex over the lowercased text finds trigger words
(months, weekdays, units, ...) and year-like numbers; each rule then runs only in a small
window around the triggers of its kind, and for unit words and month names only when the
neighbouring word can begin or end one of its expressions ("two days", "days ago", "Jan. 6").
About 3,000 TempEval-3 documents a second on one core.

Limits: English rules, plus month names of datelines in Spanish, French, German and
Russian; tense is guessed from the nearest cue word, not parsed, so "said he will meet on
Friday" reads as future (an infinitive of intent, "agreed to buy it in February", frees a month
from the past verb before it, but not a weekday); "previous" anchors are
the last date mentioned, which is wrong when the text jumps between two timelines; no
event anchoring ("two days after the vote" is a DURATION, "the day before the vote" counts
from the date mentioned before it unless it stands in apposition to that date: "Oct. 12,
the day before the crash"); titles in Title Case are skipped only right after an opening
quote ("This Week," "60 Minutes"), so a Title Case headline keeps its dates; US holidays
only (Thanksgiving, Labor Day, ... plus Christmas, Easter and other fixed ones). Where TimeBank's annotators
left a value underspecified ("last week" as 1989-WXX) this tagger resolves it (1989-W43).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from datetime import date, timedelta

from ..model import Article, Span, Timex
from . import timex_lexicon as lx
from .timex_trie import trie_pattern
from .stage import Stage

log = logging.getLogger(__name__)

NO_DCT = "no document date to anchor on"
NO_PREVIOUS = "no earlier date in the text to anchor on"

# ---------------------------------------------------------------------------- patterns

_MON_EN = (r"(?-i:(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|"
           r"July?\.?|Aug(?:ust|\.)?|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|"
           r"Dec(?:ember|\.)?))")
def _alt(words: str) -> str:
    """A group matching any of the "|"-separated words, as a trie (faster than a plain alternation)."""
    return "(?:" + trie_pattern(words.split("|")) + ")"


_MON_INTL = "(?:" + "|".join(sorted(map(re.escape, lx.MONTHS_INTL), key=len, reverse=True)) + ")"
_MON_SHORT = "(?:" + "|".join(sorted(map(re.escape, lx.MONTHS_INTL_SHORT), key=len, reverse=True)) + r")\.?"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WD_CASED = r"(?:(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)day|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
_NUMW = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
         r"five|six|seven|eight|nine))?|"
         + _alt("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                "sixteen|seventeen|eighteen|nineteen|hundred") + ")")
_QUANT = (rf"(?:\d+(?:\.\d+)?(?: 1/2)?|{_NUMW}(?: and a half)?|"
          + _alt("a couple of|couple of|a few|a dozen|several|few|some|many|a|an|half a|half an|a half") + ")")
_UNIT = _alt("second|minute|hour|day|night|week|weekend|month|quarter|year|decade|century|centurie") + "s?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_AGO_MODS = _alt("about|almost|nearly|some|more than|less than|just|only")
_DURATION_MODS = _alt("past|last|next|first|coming|previous|final|latest|following|recent|remaining|initial|year-earlier|year-ago|"
                      "full|entire|whole|better part of the|about|almost|nearly|more than|less than|up to|"
                      "at least|at most")
_ORDW = (r"(?:(?:twenty|thirty)[- ]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|first|second|third|"
         r"fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|"
         r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
_ONES_W = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_W = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_W = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_WYEAR = (rf"(?:nineteen(?: hundred)?(?: and)? (?:{_TENS_W}(?:[- ]{_ONES_W})?|{_TEENS_W}|oh[- ]{_ONES_W})"
          rf"|two thousand(?:(?: and)? (?:{_TENS_W}(?:[- ]{_ONES_W})?|{_TEENS_W}|{_ONES_W}))?)")
_HOLIDAYS = "|".join(sorted((re.escape(h).replace("'", "['’]?") for h in lx.HOLIDAYS), key=len, reverse=True))
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
    ("mdy", rf"(?:(?P<wd>{_WD_CASED}),? |(?P<rel>[Ll]ast|[Nn]ext) |(?P<wk>[Tt]he week of) )?{_B}(?P<mon>{_MON_EN}) (?P<d>{_DAY}|{_ORDW})(?:,? (?P<y>{_YEAR}))?{_E}"),
    ("dmy", rf"(?:(?P<wd>{_WD_CASED}),? )?{_B}(?:[Tt]he )?(?P<d>{_DAY})\.? (?:of )?(?P<mon>{_MON_EN})(?:,? (?P<y>{_YEAR}))?{_E}"),
    ("dmy_intl", rf"{_B}(?P<d>[12]\d|3[01]|0?[1-9])\.? (?:de )?(?P<mon>(?i:{_MON_INTL}))(?:,? (?:de )?(?P<y>{_YEAR})(?: ?г\.| года)?)?(?![\w])"),
    ("dmy_short", rf"{_B}(?P<d>[12]\d|3[01]|0?[1-9])\.? (?P<mon>(?i:{_MON_SHORT})) (?P<y>{_YEAR}){_E}"),
    ("my", rf"(?:(?P<mod>(?i:early|late|mid|the end of|the beginning of|the middle of|the start of))[- ](?:in )?)?{_B}(?P<mon>{_MON_EN}),? (?:of )?(?:(?P<y>{_YEAR})|(?P<wy>{_WYEAR})|(?P<ry>(?i:this|last|next)) year)(?![\w%/-]|,\d|\.\d)"),
    ("month", rf"(?:(?P<rel>(?i:last|this|next|early|late|mid))[- ])?{_BM}(?P<mon>(?-i:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)){_E}"),
    ("numdate", rf"{_B}(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d\d(?:\d\d)?){_E}"),
    ("decade", rf"(?:the )?(?:(?P<mod>early|late|mid)[- ])?{_BM}(?:(?P<c>1[6-9]|20)(?P<dd>\d)0|'(?P<sd>\d)0)'?s{_E}"
               rf"|\bthe (?:(?P<mod2>early|late|mid)[- ])?(?:nineteen[- ])?(?P<wd>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"),
    ("century", rf"(?P<this>this|last|next) century|(?:the )?(?P<n>1[0-9]|2[01])(?:st|nd|rd|th) century"),
    ("fiscal", rf"{_B}(?:fiscal(?: year)?|FY) ?'?(?P<y>{_YEAR}|\d\d){_E}"),
    ("year", rf"(?:(?P<mod>early|late|mid|the end of|the beginning of|the middle of|the start of)[- ](?:in )?)?(?:the )?{_BM}{_NOT_COUNT}(?P<y>{_YEAR}){_E}(?! (?:percent|people|men|women|troops|votes|shares|miles|feet|tons|dollars))"),
    # years in words, as transcripts of broadcasts write them: "nineteen ninety-six", "the year two thousand"
    ("word_year", rf"\b(?P<the>the year )?"
                  rf"(?:nineteen(?: hundred)?(?: and)? (?P<lo>{_TENS_W}(?:[- ]{_ONES_W})?|{_TEENS_W}|oh[- ]{_ONES_W})"
                  rf"|two thousand(?:(?: and)? (?P<hi>{_TENS_W}(?:[- ]{_ONES_W})?|{_TEENS_W}|{_ONES_W}))?)\b"),
    ("holiday", rf"\b(?:(?P<rel>last|this|next|this past|this coming) )?(?P<h>{_HOLIDAYS})(?:,? (?P<y>{_YEAR}))?(?P<wk> week)?\b"),
    # quarters and halves
    ("quarter", rf"(?:the )?(?:(?P<poss>this|last|next) year's )?(?:(?P<ya>year-ago|year-earlier) )?(?:(?P<y2>{_YEAR}) )?(?:fiscal )?(?P<o>{_ORD}|last(?= half)|(?:first|last) two(?= quarters))(?: fiscal)?[- ](?P<u>quarters|quarter|half)(?: of (?:fiscal )?(?P<y>{_YEAR}))?(?! of (?:a|the))"),
    ("quarter_ref", rf"(?:the )?(?:(?P<poss>last|next) year's )?(?:(?P<w>latest|current|year-earlier|year-ago|same|comparable|corresponding|recent|most recent|previous|past|last|this|that|next|coming|fiscal)|(?P<yr>{_YEAR}))?[- ]?(?P<u>quarter|period)\b(?!s)(?P<ago> a year (?:ago|earlier)| last year)?"),
    # relative to the article's date
    ("deictic", r"\b(?:(?P<mod>early|late|earlier|later)[- ])?(?P<w>the day before yesterday|the day after tomorrow|yesterday|today|tomorrow|tonight)\b(?:'s (?P<pod>morning|afternoon|evening|night))?(?: (?P<pod2>morning|afternoon|evening|night))?"),
    ("this_pod", r"\b(?:(?P<w>this|last|tomorrow|yesterday) (?P<pod>morning|afternoon|evening|night)|(?P<w2>early|late|mid|the)[- ]?(?P<pod2>morning|afternoon|evening))\b"),
    ("rel_unit", r"\b(?:(?P<mod>" + _alt("earlier|later|early|late|the end of|the beginning of|the middle of|the start of") + r")[- ](?:in )?)?(?P<rel>" + _alt("last|this|next|the coming|the past|the current|the previous|the following|the same|that same|that|the next") + r")[- ](?:(?P<fiscal>fiscal) (?=year))?(?P<u>week|weekend|month|year|decade|century)\b"),
    ("rel_season", rf"\b(?:(?P<mod>early|late)[- ])?(?:(?P<rel>last|this past|this coming|this|next|the|early|late)[- ])?(?P<s>spring|summer|fall|autumn|winter)(?: of (?:(?P<y>\d{4})|(?P<wy>{_WYEAR})))?\b"),
    ("ago", rf"\b(?:{_AGO_MODS} )?(?P<q>{_QUANT})[- ](?P<u>{_UNIT}) (?P<dir>ago|earlier|later|before|after|from now|hence)\b(?! (?:the|a|his|her|its|their|this|that)\b)"),
    ("same_day", r"\b(?P<w>" + _alt("the same day|that same day|that day|the following day|the next day|the previous day|the day before|the day after|the next morning|the following morning|earlier that day|later that day|earlier in the day|later in the day|earlier in the week|later in the week|earlier in the month|later in the month|earlier in the year|later in the year|later that year|earlier that year|later that month|earlier that month|the following week|the previous week|the following month|the previous month|the following year|the previous year|the year before|the year after") + r")\b(?!(?:(?<=before)|(?<=after)) (?:it|he|she|they|we|I|you|there)\b)" + rf"(?:(?:(?<=before)|(?<=y after)) (?P<wdrel>last|next) (?P<wd>{_WD})\b(?:'s)?)?"),
    ("weekday", rf"\b(?:(?P<rel>last|this|next|this past|this coming|early|late|the previous|the preceding|the following)[- ])?(?P<wd>{_WD})(?:'s)?(?: (?P<pod>morning|afternoon|evening|night))?(?!\w)"),
    ("weekend", r"\b(?P<rel>this|last|next|the) weekend\b"),
    # times of day
    ("clock", r"(?<![\w.:])(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d))?\s?(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m|p\.m)(?: (?P<tz>[ECMP][SD]T|GMT|UTC))?|(?<![\w.:])(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?![\d:.])(?: (?P<tz2>GMT|UTC|[ECMP][SD]T))?"
              r"|(?<![\w.:])(?P<h3>1[0-2]|0?[1-9])(?::(?P<mi3>[0-5]\d))? (?:o'clock )?in the (?P<pod3>morning|afternoon|evening|night)\b"),
    ("noon", r"\b(?P<w>noon|midnight|midday)\b"),
    # past / present / future references
    ("ref", r"\b(?P<w>then current|now|nowadays|currently|current|at present|at the moment|these days|presently|the present|recently|recent years|recent months|recent weeks|recent days|lately|in the past|the past|the (?:near |distant |foreseeable )?future|in future|(?<!as )(?<!too )(?<!how )soon(?! as| after| afterwards?| before| thereafter))\b"),
    ("vague_ref", r"\b(?P<w>the (?:near|short) term|(?:the )?(?:coming|upcoming) (?:days|weeks|months|years|quarters)|(?:the )?(?:days|weeks|months|years) ahead|"
                  r"(?:around |at |by )?(?:the )?year(?:'s)?[- ]end)\b"),
    # frequencies
    ("set", r"\b(?P<w>" + _alt("daily|weekly|monthly|yearly|annually|hourly|nightly") + r"|every (?:other )?" + _alt("day|week|month|year|quarter|hour|morning|night|evening") + r"|each " + _alt("day|week|month|year|quarter") + r"|(?:(?<=\d )|(?<=% )|(?<=percent )|(?<=times )|(?<=twice )|(?<=once ))(?:a|per) (?:day|week|month|year)|every " + _WD + r"|each " + _WD + r"|" + _WD + r"s"
            r"|(?P<wd2>" + _WD + r") (?P<pods>mornings|afternoons|evenings|nights)"
            r"|(?:every|each) (?P<mon>january|february|march|april|may|june|july|august|september|october|november|december))\b"),
    # durations
    ("duration", rf"\b(?:the )?(?:(?P<rel>{_DURATION_MODS}) )*(?P<q>{_QUANT})[- ](?:more |full |straight |consecutive |long |trading |business |working |additional |extra |further )?(?P<u>{_UNIT})(?:-long|-old)?(?P<half> and a half)?\b"),
    ("bare_unit", r"\b" + _alt("for|over|in|within|took|take|takes|taking|during|through|throughout") + r" (?:the (?=years|decades))?(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b"),
    # "a day-long meeting", "a decades-long feud"; "in the first hours", "the early years"
    ("long_unit", r"\b(?P<u>hour|day|week|month|year|decade)(?P<pl>s)?-long\b"),
    ("vague_span", r"\bthe (?:first|early|final|closing|opening) (?P<u>hours|days|weeks|months|years|decades)\b"),
    ("the_year", r"\b(?:the )?(?P<w>" + _alt("year-earlier|year-ago|the year|the full year|the fiscal year|the week|the month|the day|the weekend") + r")\b"),
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
def _trigger_words() -> dict[str, str]:
    groups = {
        "month": [*lx.MONTHS_EN, *lx.MONTHS_INTL, *lx.MONTHS_INTL_SHORT],
        "weekday": [w + s for w in lx.WEEKDAYS for s in ("", "s")],
        "unit": [w + s for w in ("second", "minute", "hour", "day", "night", "week", "month", "year", "decade")
                 for s in ("", "s")],
        "quarter": ["quarter", "quarters", "half", "period", "periods"],
        "weekend": ["weekend", "weekends"],
        "century": ["century", "centuries"],
        "deictic": ["yesterday", "today", "tomorrow", "tonight"],
        "daypart": ["morning", "afternoon", "evening"],
        "ref": ["now", "nowadays", "current", "currently", "present", "presently", "moment", "these days",
                "recent", "recently", "lately", "past", "future", "soon"],
        "term": ["term"],
        "set": ["daily", "weekly", "monthly", "yearly", "annually", "hourly", "nightly"],
        "season": list(lx.SEASONS),
        "noon": ["noon", "midnight", "midday"],
        "word_year": ["nineteen", "two thousand"],
        "decade_word": ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"],
        "holiday": [v for h in lx.HOLIDAYS for v in {h, h.replace("'", ""), h.replace("'", "’")}],
    }
    return {w: g for g, ws in groups.items() for w in ws}


_TRIGGER_WORDS = _trigger_words()
_TRIGGER_WORDS["fy"] = "year"
# One pass finds trigger words (a trie of them) and numbers that can be years, clock times
# or numeric dates; a lookbehind on a plain character class is the cheapest left boundary.
_TRIGGER = re.compile(
    rf"(?<![a-z0-9])(?:(?P<w>{trie_pattern(_TRIGGER_WORDS)})\b"
    r"|(?P<n>'\d0s|\d\d?(?:\d\d(?!\d)|:\d\d|\s?[ap]\.?m\b|/\d\d?/\d\d)))")
_NUM_KIND = re.compile(r"(?P<year>(?:1[6-9]|20)\d\d|'\d0s)|(?P<clock>\d\d?(?::\d\d|\s?[ap]))|(?P<numdate>\d)")
_TRIGGER_I = re.compile(_TRIGGER.pattern, re.I)  # for texts whose lowercase changes length
_RULES_BY_TRIGGER = {
    "month": ("mdy", "dmy", "my", "month", "set"),
    "month_intl": ("dmy_intl", "dmy_short"),
    "weekday": ("weekday", "set"),
    "unit": ("duration", "ago", "rel_unit", "same_day", "the_year", "set", "bare_unit", "this_pod", "vague_ref",
             "long_unit", "vague_span"),
    "quarter": ("quarter", "quarter_ref", "duration", "ago", "set"),
    "weekend": ("weekend", "the_year", "duration", "rel_unit"),
    "century": ("century", "rel_unit", "duration", "bare_unit"),
    "deictic": ("deictic",),
    "daypart": ("this_pod", "same_day", "clock"),
    "ref": ("ref",),
    "term": ("vague_ref",),
    "set": ("set",),
    "season": ("rel_season",),
    "noon": ("noon",),
    "year": ("year", "decade", "fiscal", "iso"),
    "clock": ("clock",),
    "numdate": ("numdate",),
    "word_year": ("word_year",),
    "decade_word": ("decade",),
    "holiday": ("holiday",),
}
_RX = dict(_COMPILED)
# Rules with no case-sensitive part run on the lowercased text without IGNORECASE: faster.
_LOWER_RULES = {"duration", "quarter_ref", "ago", "quarter", "same_day", "set", "rel_unit", "long_unit", "vague_span",
                "the_year", "century", "bare_unit", "weekend", "ref", "deictic", "this_pod",
                "rel_season", "weekday", "year", "iso", "noon", "word_year", "holiday", "vague_ref"}
_RX_LOWER = {name: re.compile(p) for name, p in _RULES if name in _LOWER_RULES}
# characters around a trigger word that each rule's expressions can reach
_DEFAULT_CONTEXT = (32, 25)
_CONTEXT = {
    "this_pod": (12, 2), "the_year": (14, 12), "bare_unit": (16, 2), "vague_ref": (14, 10),
    "long_unit": (2, 7), "vague_span": (14, 2),
    "set": (14, 14), "same_day": (24, 28), "weekday": (14, 14), "weekend": (8, 3), "ref": (18, 10),
    "deictic": (18, 22), "noon": (2, 2), "century": (10, 10), "word_year": (10, 30), "holiday": (12, 14),
    "iso": (6, 8), "numdate": (3, 6), "clock": (16, 12), "fiscal": (14, 4), "decade": (20, 4),
    "quarter": (28, 16), "quarter_ref": (24, 16), "rel_season": (16, 30),
    "mdy": (14, 22), "dmy": (20, 12), "dmy_intl": (8, 16), "dmy_short": (8, 12), "my": (24, 28),
    "month": (12, 2),
}
# Gates: a rule runs around a unit word only when the word before it (or the text right
# after it) can belong to one of its expressions ("two days", "days ago", "every day"): one
# look at the neighbouring words instead of a scan of the whole window.
_QUANT_LAST = frozenset((
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred of few "
    "dozen several some many a an half").split())
_DURATION_FILLERS = frozenset(("more", "full", "straight", "consecutive", "long", "trading", "business", "working",
                               "additional", "extra", "further"))
# previous word -> the gated rules it opens
_GATE_PREV = {
    "set": ("every", "each", "other", "a", "per"),
    "this_pod": ("this", "last", "tomorrow", "yesterday"),
    "bare_unit": ("for", "over", "in", "within", "took", "take", "takes", "taking", "during", "through", "throughout"),
    "vague_span": ("first", "early", "final", "closing", "opening"),
    "rel_unit": ("last", "this", "next", "coming", "past", "current", "previous", "following", "same", "that", "fiscal"),
    "the_year": ("the", "full", "fiscal"),
    "same_day": ("the", "that", "same", "following", "next", "previous"),
    "vague_ref": ("coming", "upcoming"),
}
_PREV_OPENS: dict[str, frozenset] = {}
for _name, _words in _GATE_PREV.items():
    for _w in _words:
        _PREV_OPENS[_w] = _PREV_OPENS.get(_w, frozenset()) | {_name}
for _w in _QUANT_LAST:
    _PREV_OPENS[_w] = _PREV_OPENS.get(_w, frozenset()) | {"duration"}
# text right after a unit word -> the gated rule it opens
_UNIT_AFTER = re.compile(r"(?P<ago> (?:ago|earlier|later|before|after|from now|hence)\b)"
                         r"|(?P<the_year>-(?:earlier|ago)\b)|(?P<vague_ref> ahead\b|[- ]end\b|'s end\b)|(?P<long_unit>-long\b)")
# a month name followed by a day ("Jan. 6", "March eighth") or a year ("March 1998", "July
# last year", "January nineteen ninety-seven"); a day before one ("21 March", "the 21st of March")
_MONTH_AFTER = re.compile(
    r"\.?,? (?:(?P<mdy>\d\d?(?!\d)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
    r"twentieth|twenty|thirtieth|thirty)|(?P<my>(?:of )?(?:\d|this year|last year|next year|nineteen|two thousand)))")
_PODS_AFTER = re.compile(r" (?:mornings|afternoons|evenings|nights)\b")
_MONTH_BEFORE = re.compile(r"(?:\d|first|second|third|th)\.? (?:of )?$")
_UNIT_KINDS = frozenset(("unit", "quarter", "weekend", "century"))
_GATED_BY_KIND = {
    **{k: frozenset(("duration", *_GATE_PREV, "ago", "long_unit")) for k in _UNIT_KINDS},
    "month": frozenset(("mdy", "dmy", "my", "set")),
    "weekday": frozenset(("set",)),
}


def _open_rules(kind: str, lower: str, ts: int, te: int) -> frozenset | set:
    """The gated rules that can match around the trigger at lower[ts:te]: a rule runs near
    a unit word only when the word before it or the text right after it can belong to one
    of its expressions ("two days", "days ago", "every day"), near a month name only with a
    day or a year next to it: one look at the neighbours instead of a scan of the window."""
    if kind == "month":
        opened = set()
        m = _MONTH_AFTER.match(lower, te)
        if m:
            opened.add(m.lastgroup)
        if _MONTH_BEFORE.search(lower, ts - 10 if ts > 10 else 0, ts):
            opened.add("dmy")
        if lower.endswith(("every ", "each "), 0, ts):
            opened.add("set")  # "each July"
        return opened
    words = lower[ts - 32 if ts > 32 else 0:ts].replace("-", " ").split()
    if not words or not (lower[ts - 1:ts] in " -"):
        pw = pw2 = ""
    else:
        pw, pw2 = words[-1].lstrip("\"'“‘([$"), (words[-2].lstrip("\"'“‘([$") if len(words) > 1 else "")
    if kind == "weekday":
        return {"set"} if pw in ("every", "each") or lower[te - 1] == "s" or _PODS_AFTER.match(lower, te) else set()
    opened = set(_PREV_OPENS.get(pw, ()))
    if pw == "the" and pw2 in _GATE_PREV["bare_unit"]:
        opened.add("bare_unit")  # "over the years"
    if pw and (pw[-1].isdigit() or (pw in _DURATION_FILLERS and pw2 and (pw2 in _QUANT_LAST or pw2[-1].isdigit()))):
        opened.add("duration")
    m = _UNIT_AFTER.match(lower, te)
    if m:
        opened.add(m.lastgroup)
    return opened


_RULE_WINDOWS = {kind: tuple((name, *_CONTEXT.get(name, _DEFAULT_CONTEXT), name in _GATED_BY_KIND.get(kind, ()))
                             for name in names)
                 for kind, names in _RULES_BY_TRIGGER.items()}
_DIGIT_BEFORE = re.compile(r"\d\.? ?(?:de )?$")

# Tense cues. Future: modals and plans ("will", "is expected to", "plans to", "plans a rally",
# not the noun: "vacation plans"; "planned" only before its object or infinitive, "planned a
# march", not the participle of "a vigil planned for Saturday was called off"); past: irregular
# past forms and any lowercase word in -ed, unless an auxiliary before it makes it a
# participle ("has signed", "is expected"), whose auxiliary then decides.
_FUTURE_WORDS = (
    "will", "won't", "shall", "going to", "is to", "are to", "expected to", "scheduled to", "is scheduled",
    "are scheduled", "plans to", "plan to", "planned to", "planned a", "planned an", "planned the", "planning", "plans a", "plans an", "plans the", "due to", "set to", "intend to",
    "intends to", "to be held", "is slated", "would", "might", "as soon as", "as early as",
    "scheduled", "expected", "expects", "supposed to", "hope to", "hopes to", "aim to", "aims to", "upcoming")
_PAST_WORDS = (
    "was", "were", "had", "did", "said", "told", "took", "met", "held", "made", "came", "went", "saw",
    "gave", "got", "spoke", "brought", "bought", "sold", "began", "became", "fell", "rose", "won", "lost",
    "left", "paid", "sent", "spent", "built", "ran", "struck", "shot", "wrote", "led", "kept", "meant",
    "stood", "fought", "caught", "sought", "chose", "drove", "flew", "grew", "knew", "threw", "broke",
    "stole", "fled", "hid", "rode", "sank", "shook", "understood", "withdrew", "felt", "heard", "laid",
    "lent", "slept", "swept", "wept", "overtook", "undertook", "arose", "froze", "swore", "tore", "dealt",
    "thought", "found", "sat", "forgot", "ate", "hung", "slid", "spun", "sprang", "woke", "bore", "wore",
    "ago", "last", "earlier", "yesterday")
# -ed words that are not past tenses
_NOT_PAST_ED = frozenset((
    "need needed indeed hundred speed feed bed red seed shed proceed exceed succeed based related "
    "detailed advanced limited supposed expected scheduled planned unexpected unprecedented "
    "interested concerned bred breed weed deed united").split())
_CUES = re.compile(
    rf"\b(?:(?P<f>{trie_pattern([*_FUTURE_WORDS, *(w.capitalize() for w in _FUTURE_WORDS), 'should', 'may'])})"
    rf"|(?P<p>{trie_pattern([*_PAST_WORDS, *(w.capitalize() for w in _PAST_WORDS)])})"
    r"|(?P<perf>(?:[Hh]as|[Hh]ave)(?= (?:been|come|gone|done|seen|taken|given|fallen|risen|grown|[a-z]+ed)\b))"
    r"|(?P<ed>[A-Z]?[a-z]+ed)|(?P<now>is|are|am))\b|(?P<ll>)'ll\b")
_ADJ_BEFORE = re.compile(
    r"\b(?:a|an|the|its|their|his|her|our|very|still|more|most|less|well|newly|recently|"
    r"previously|so|too|already-) $", re.I)
_DONE_PLAN = re.compile(r"\b(?:as|previously|originally|already) $", re.I)
_SINCE = re.compile(r"\bsince\b[^.;,]{0,30}$", re.I)
_AUX = re.compile(r"\b(?:be|been|have|has|having|being|is|are|will) $", re.I)


def _cues(text: str, lo: int, hi: int):
    """(position, 'future' | 'past' | None) of the tense cues in text[lo:hi], in order; None
    is a present tense ("when the case is heard in May"), which overrides older cues."""
    for m in _CUES.finditer(text, lo, hi):
        s = m.start()
        if m.lastgroup == "now":
            yield m.end(), None
            continue
        if m.lastgroup == "f" or m.lastgroup == "ll":
            # "had been due to expire Friday": a plan reported as past
            if text.startswith("been ", s - 5) and m.lastgroup == "f":
                continue
            if m.lastgroup == "f" and _DONE_PLAN.search(text, max(0, s - 12), s):
                continue  # "as previously planned", "originally scheduled": the plan is old news
            yield m.end(), "future"
        else:
            if m.lastgroup == "ed" and m.group().lower() in _NOT_PAST_ED:
                continue
            if _AUX.search(text, max(0, s - 7), s):
                continue  # a participle: its auxiliary decides
            if m.lastgroup == "ed" and _ADJ_BEFORE.search(text, max(0, s - 12), s):
                continue  # "the previously announced pact", "a still unspecified date": an adjective
            yield m.end(), "past"


# words that put the date after them in the future of the clause whatever its verb's tense:
# "payable Dec. 7", "extended to Nov. 20", "decided the boy should go home by Jan. 14"
_PROSPECTIVE = re.compile(
    r"\b(?:by|until|till|effective|payable|due|starting|beginning|expires?|expiring|"
    r"extended to|postponed to|delayed to|deadline of|record|scheduled for|set for|slated for|"
    r"as soon as|as early as|no later than)"
    r"(?: (?:on|in|at|about|around|the end of|early|late|mid-?))?"
    r"(?: (?:\d\d?(?::\d\d)? ?[ap]\.?m\.?|noon|midnight)(?: [A-Z][SD]T)?,?)?[ -]$", re.I)
# a verb or noun of intent before an infinitive: what follows is planned, not yet done
_INFINITIVE = re.compile(
    r"\b(?:agree[ds]?|agreements?|decided|decisions?|voted|promised|pledged|offered|offers?|vowed|"
    r"asked|ordered|sought|bids?|deals?|pacts?|proposals?|plans?|planned|wanted|hoped|threatened|"
    r"intended|pact|accords?|contracts?|moved) to [a-z]+\b", re.I)
_REPORTED_VERB = (r"(?:reported|posted|earned|lost|recorded|booked|rose|fell|jumped|dropped|declined|"
                  r"increased|decreased|slipped|climbed|gained|totaled|surged|plunged|tumbled|soared)")
_REPORTED_BEFORE = re.compile(rf"\b{_REPORTED_VERB}\b[^.;]*$", re.I)
_REPORTED_AFTER = re.compile(rf"(?:[^.;]|\.(?= \d))*?\b{_REPORTED_VERB}\b", re.I)  # over "Sept. 30"
# "Monday and Tuesday nights", "Mondays and Thursdays": a weekday sharing the plural after it
_SHARED_PLURAL = re.compile(rf",? (?:and|or) {_WD}(?:s\b| (?P<pods>mornings|afternoons|evenings|nights)\b)", re.I)
# present tenses of timetabled events right before a weekday ("the leaders meet separately
# Monday", "the session opens on Tuesday"): news writes the coming ones so
_SCHEDULED_PRESENT = re.compile(
    r"\b(?:meets?|begins?|starts?|opens?|resumes?|ends?|closes?|arrives?|leaves?|visits?|votes?|"
    r"returns?|travels?|heads?|expires?|reconvenes?)(?: (?:again|separately|jointly|formally))?(?: on)? $", re.I)
# "of" and a time expression: "the early hours of Thursday morning", "the first days of March"
_OF_TIME = re.compile(rf" of (?:(?:last|this|next|early|late) )?(?:{_WD}|{_MON_EN}\b|(?:this|last|next) (?:week|month|year)|the (?:week|month|year)\b|today|yesterday|tomorrow|\d{{4}}\b)", re.I)
# "the week following the crash": a stretch counted from an event, not from a date
_EVENT_RELATIVE = re.compile(r" (?:following|after|before|preceding) (?!(?:it|that|this|then)\b)(?:the |a |an |his |her |its |their |last |this |[a-z]+'s )", re.I)
# words before a possessive weekday that look ahead to its event: "ahead of Friday's vote"
_AHEAD_OF = re.compile(r"\b(?:ahead of|before|until|till|for|awaiting|await|next|this coming) $", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|shall|can)(?: not)? $", re.I)
_ENDED_BEFORE = re.compile(r"\b(?:that |which )?ended $", re.I)
_MONTH_VALUE = re.compile(r"\d{4}-\d\d")
_QUARTER_VALUE = re.compile(r"\d{4}-Q[1-4]")
_COUNT_AFTER = re.compile(r" (?:\d|[a-z]+ (?:years|months|weeks|days|summers|winters|springs|autumns|falls|seasons|decades)\b)", re.I)
_THROUGH = re.compile(r"\b(?:through|to|until|till) $", re.I)
_DEADLINE_MOVED = re.compile(r"\b(?:extend(?:ed|s)?|postponed?|delay(?:ed|s)?|gave|given|moved|pushed back|adjourned)\b(?:\b[ap]\.m\.|[^.;!?]|\.(?!\s+[A-Z])){0,60}$", re.I)
_WORD_YEAR_PREP = re.compile(r"\b(?:in|by|of|since|until|till|before|after|from|to) $", re.I)
_COUNT_NOUN = re.compile(r" (?:[a-z]+ )?(?:people|troops|men|women|soldiers|dollars|pounds|tons|miles|times|years|of)\b")
_ENDED = re.compile(rf"\s+(?:ended|ending|that ended|which ended)\s+(?P<mon>{_MON_EN}) (?P<d>{_DAY})(?:,? (?P<y>{_YEAR}))?")
_ENDING_DEICTIC = re.compile(r"\s+(?:ended|ending|that ends|which ends)\s+(?:today|tomorrow|yesterday)\b")
_OPENER = re.compile(r"[\W_]*(?:(?:on|by|at|in|and|but|then|later|earlier)\s+)?", re.I)
# Sentence ends (used when the caller gives no sentences): a line break, or ".", "!", "?"
# (and closing quotes) before a space and a capital, except after a title or an initial.
_ABBREVIATIONS = frozenset(("Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt",
                  "Capt", "Prof", "Jr", "Sr", "Rev", "Adm", "Maj", "Mt", "No", "Inc", "Co", "vs",
                  "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "a.m", "p.m"))
_SENT_END = re.compile(
    # one character class first (fast to scan for); after a period the cheap lookahead for
    # a capital goes first, so the abbreviation lookbehinds run only at likely sentence ends
    r"[.!?\n](?:(?<=\n)|(?<=[!?])[.!?]*[\"”’')]*(?=\s+[\"“‘'(]?[A-Z])|(?<=\.)(?=[.!?]*[\"”’')]*\s+[\"“‘'(]?[A-Z])"
    + "".join(rf"(?<!\b{re.escape(a)}\.)" for a in sorted(_ABBREVIATIONS))
    + r"(?<!\b[A-Z]\.)[.!?]*[\"”’')]*)")


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


_CALENDAR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?|-Q([1-4])|-H([12]))?")


def _first_day(value: str) -> date | None:
    """First day of a calendar DATE value ("1989", "1989-03", "1989-Q2", "1989-03-04"), else None."""
    m = _CALENDAR.fullmatch(value)
    if not m:
        return None
    y = int(m[1])
    if m[4]:
        return date(y, 3 * int(m[4]) - 2, 1)
    if m[5]:
        return date(y, 6 * int(m[5]) - 5, 1)
    try:
        return date(y, int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


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


def _day_num(d: str) -> int:
    """Day of the month from "21", "21st" or "twenty-first"."""
    m = re.match(r"\d+", d)
    if m:
        return int(m.group())
    w = d.lower().replace(" ", "-")
    tens = 20 if w.startswith("twent") else 30 if w.startswith("thirt") else 0
    last = w.split("-")[-1] if "-" in w else w
    if last in ("twentieth", "thirtieth"):
        return tens
    return tens + lx.ORDINAL_WORDS[last]


def _word_year(words: str) -> int:
    """1996 from "nineteen ninety-six", 2001 from "two thousand one"."""
    w = re.sub(r"\s+", " ", words.lower())
    base, rest = (1900, w[len("nineteen"):]) if w.startswith("nineteen") else (2000, w[len("two thousand"):])
    rest = re.sub(r"^ (?:hundred )?(?:and )?|^ ", "", rest.replace(" hundred", "")).replace("oh", "").strip(" -")
    return base + (int(_quant(rest) or 0) if rest else 0)


def _unit(u: str) -> str:
    u = u.lower()
    if u.endswith("centuries") or u == "centurie":
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in lx.UNITS else u


# a fraction of a unit in whole smaller units: "2 1/2 years" is P2Y6M, "an hour and a half" PT1H30M
_SPLIT = {"year": (12, "M", False), "hour": (60, "M", True), "minute": (60, "S", True),
          "day": (24, "H", True), "week": (7, "D", False)}


def _duration(n: float | None, unit: str) -> str:
    letter, is_time = lx.UNITS[unit]
    if letter == "WE":
        return "P" + ("X" if n is None else _num(n)) + "WE"
    if n is not None and letter in ("DE", "CE"):
        n, letter = n * (10 if letter == "DE" else 100), "Y"  # "two decades": P20Y
    if n is not None and n != int(n) and unit in _SPLIT:
        per, small, small_time = _SPLIT[unit]
        whole, rest = int(n), (n - int(n)) * per
        if rest == int(rest):
            if unit == "week":
                return f"P{int(n * 7)}D" if n * 7 == int(n * 7) else f"P{_num(n)}W"
            big = f"{whole}{letter}" if whole else ""
            if small_time and not is_time:
                return f"P{big}T{int(rest)}{small}"
            return ("PT" if is_time else "P") + big + f"{int(rest)}{small}"
    amount = "X" if n is None else _num(n)
    return ("PT" if is_time else "P") + amount + letter


def _num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def tense_at(text: str, sent: Span, start: int, end: int) -> str | None:
    """'future', 'past' or None from the words nearest a span inside its sentence.

    Limits: a word-list guess, not a parse; the nearest cue before the span wins, then the
    nearest after it (up to 200 characters on either side, so that the verb of a sentence
    opened by a long adverbial, "In January, a week after ..., a bomb killed", still counts).
    """
    if _SINCE.search(text, max(sent[0], start - 40), start):
        return "past"  # "since March", "since shortly after the Oct. 23 slaying"
    last, seen = None, False
    for _pos, kind in _cues(text, max(sent[0], start - 200), start):
        last, seen = kind, True
    if seen:
        return last
    for _pos, kind in _cues(text, end, min(sent[1], end + 200)):
        return kind
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
    spans, start = [], 0
    for m in _SENT_END.finditer(text):  # not after "Mr.", "F." (initials), "5 p.m."
        end = m.end()
        if end - start > 1 or not text[start:end].isspace():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


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
        self.span: tuple[int, int] | None = None  # a rule's narrower span for its expression
        self.last_value: str | None = None  # the last DATE value, of any granularity
        self.last_value_end: int | None = None  # where the expression of last_value ends
        self.last_quarter: str | None = None  # the last quarter named ("1988-Q2")
        self.reported_quarter: str | None = None
        self.last_day_end: int | None = None  # where the last day-level date ends
        self.fiscal_quarter = False  # whether reported_quarter is a fiscal quarter's number
        # sentence index of the last "the (first) nine months" / "the first half": a
        # year-to-date figure, whose "a year earlier" is last year's, not a quarter
        self.ytd_sentence: int | None = None
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
        rel = (m.groupdict().get("rel") or "").lower()
        if rel:  # "last Oct. 23": the latest one before the article; "next March 3": the first after
            y = self.dct.year
            try:
                here = date(y, mon, day)
            except ValueError:
                return None
            y += (-1 if here >= self.dct else 0) if rel == "last" else (1 if here <= self.dct else 0)
        else:
            y = self._year_for(mon, day, m.start(), m.end())
        try:
            return self._day(date(y, mon, day), "dct")
        except ValueError:
            return None

    def _year_for(self, mon: int, day: int | None, start: int, end: int) -> int:
        """Year of a month (and day) named without one.

        Past tense: the nearest such date not more than 45 days after the article (a past
        tense about a date a few weeks ahead reports a plan: "agreed to meet on Feb. 1").
        Future tense, or "by", "until", "payable", "effective" before the date: the nearest
        not more than 45 days before it (a future tense about a date just past is a slip
        to flag, not a date a year away). No tense cue: the article's year, unless the date
        would be over eight months away, then the nearer year: news names past months of
        the current year far more often than months of the coming one ("in March" in an
        article of November is last March).
        """
        dct = self.dct
        y = dct.year
        # days from the article's date to the date in its own year (mid-month for a month)
        try:
            diff = (date(y, mon, day or 15) - dct).days
        except ValueError:
            diff = (date(y, mon, 28) - dct).days
        if day and _ENDED_BEFORE.search(self.text, max(0, start - 12), start):
            # "the quarter ended Oct. 31": a period that has ended, so not after the article
            return y if diff <= 0 else y - 1
        if _PROSPECTIVE.search(self.text, max(0, start - 30), start) or (
                _THROUGH.search(self.text, max(0, start - 10), start)
                and _DEADLINE_MOVED.search(self.text, max(0, start - 90), start)):
            tense = "future"  # "payable Dec. 7", "extended the loans through January"
        else:
            tense = self.tense(start, end)
        if tense == "past" and self._infinitive_after_cue(start):
            tense = None  # "agreed to buy it in February": the buying's time, not the agreeing's
        if tense is None:
            return y - 1 if diff > 245 else y + 1 if diff < -245 else y
        offsets = [k for k in (-1, 0, 1) if (diff + 365 * k <= 45 if tense == "past" else diff + 365 * k >= -45)]
        return y + min(offsets, key=lambda k: abs(diff + 365 * k))

    def _infinitive_after_cue(self, start: int) -> bool:
        """Whether an infinitive of intent ("agreed to buy", "an agreement to acquire") stands
        between the last tense cue before ``start`` in its sentence and ``start``: the date
        then dates the planned event, which the past verb ("agreed") does not place."""
        sent = self.sentence(start)
        last = None
        for pos, _kind in _cues(self.text, max(sent[0], start - 200), start):
            last = pos
        # from the cue's own start ("agreed" is a cue), which ends at ``last``
        return last is not None and _INFINITIVE.search(self.text, max(sent[0], last - 12), start) is not None

    def r_mdy(self, m):
        mon = _month_num(m["mon"])
        day = _day_num(m["d"])
        got = self._month_day(m, mon, day, m["y"])
        if got and got[1] and m.groupdict().get("wk"):
            return "DATE", _week(date.fromisoformat(got[1])), got[2], None  # "the week of March 6"
        return got

    r_dmy = r_mdy
    r_dmy_intl = r_mdy
    r_dmy_short = r_mdy

    def r_my(self, m):
        mon = _month_num(m["mon"])
        anchor = "absolute"
        if m["y"]:
            y = int(m["y"])
        elif m["wy"]:
            y = _word_year(m["wy"])
        elif self.dct is None:
            return self.need_dct("DATE")
        else:
            y, anchor = self.dct.year + {"this": 0, "last": -1, "next": 1}[m["ry"].lower()], "dct"
        v = f"{y:04d}-{mon:02d}"
        return "DATE", v, anchor, None

    def r_month(self, m):
        mon = _month_num(m["mon"])
        rel = (m["rel"] or "").lower()
        if self.dct is None:
            return "DATE", None, None, NO_DCT
        y = self.dct.year
        if not rel or rel in ("early", "late", "mid"):
            y = self._year_for(mon, None, m.start("mon"), m.end("mon"))
        if rel == "last":
            # the latest such month before this one; the month just past is "last month",
            # so "last February" written in March is the February of a year before (in
            # January, "last December" is still last year's)
            y = self.dct.year if mon < self.dct.month - 1 else self.dct.year - 1
        elif rel == "next":
            y = self.dct.year if mon > self.dct.month else self.dct.year + 1
        elif rel == "this":
            y = self.dct.year
        v = f"{y:04d}-{mon:02d}"
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
        if m["wd"]:
            return "DATE", "19" + str(lx.NUMBERS[m["wd"].lower()[:-3] + "y"] // 10), "absolute", None
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
        return "DATE", str(y), "absolute", None

    def r_year(self, m):
        y = int(m["y"])
        return "DATE", str(y), "absolute", None

    def r_word_year(self, m):
        if not m.group().lower().startswith("nineteen"):
            if not (m["the"] or _WORD_YEAR_PREP.search(self.text, max(0, m.start() - 7), m.start())):
                return None  # "two thousand troops"
            if _COUNT_NOUN.match(self.text, m.end()):
                return None
        y = _word_year(m.group()[len(m["the"] or ""):])
        return "DATE", str(y), "absolute", None

    def r_holiday(self, m):
        name = re.sub(r"\s+", " ", m["h"].lower().replace("’", "'"))
        when = lx.HOLIDAYS.get(name) or lx.HOLIDAYS.get(name.replace("'", ""))
        if when is None:
            return None
        rel = (m["rel"] or "").lower()
        if m["y"]:
            y, anchor = int(m["y"]), "absolute"
        elif self.dct is None:
            return self.need_dct("DATE")
        else:
            anchor = "dct"
            y = self.dct.year
            here = lx.holiday_date(when, y)
            if rel in ("last", "this past"):
                y = y if here < self.dct else y - 1
            elif rel in ("next", "this coming"):
                y = y if here > self.dct else y + 1
            elif rel != "this":
                y = self._year_for(here.month, here.day, m.start(), m.end())
        d = lx.holiday_date(when, y)
        if m["wk"]:
            return "DATE", _week(d), anchor, None  # "Easter week": the week it falls in
        return self._day(d, anchor)

    def r_quarter(self, m):
        o = m["o"].lower()
        u = m["u"].lower()
        if u == "quarters":
            if " two" not in o:  # "in the second and fourth quarters": every year's
                return "SET", f"XXXX-Q{lx.ORDINALS[o]}", "absolute", None
            o, u = ("first" if o.startswith("first") else "last"), "half"  # "the first two quarters"
        o = lx.ORDINALS[o]
        if m["y"] or m["y2"]:
            y, anchor = int(m["y"] or m["y2"]), "absolute"
        elif self.dct is None:
            return "DATE", None, None, NO_DCT
        else:
            y = self.dct.year
            anchor = "dct"
            ended = _ENDED.match(self.text, m.end())
            if m["poss"]:
                y = self.dct.year + {"this": 0, "last": -1, "next": 1}[m["poss"].lower()]
            elif ended:
                # "the second quarter ended Oct. 31": the year it ended in
                mon = _month_num(ended["mon"])
                y = int(ended["y"]) if ended["y"] else self._year_for(mon, _day_num(ended["d"]), ended.start("mon"), ended.end())
            elif u == "quarter" and (o - 1) * 3 + 1 > self.dct.month and self.tense(m.start(), m.end()) == "past":
                y -= 1  # "profits fell in the fourth quarter", said in January: last year's
        if m["ya"]:
            # "the year-earlier third quarter": the one a year before, a comparison, so
            # not the quarter being reported
            return "DATE", f"{y - 1}-Q{o}" if u == "quarter" else f"{y - 1}-H{min(o, 2)}", anchor, None
        if u == "quarter":
            v = f"{y}-Q{o}"
            fiscal = "fiscal" in m.group().lower()
            if (not fiscal and anchor == "dct" and (y, o) > (self.dct.year, (self.dct.month - 1) // 3)
                    and self._told_as_done(m.start(), m.end())):
                # "reported a decline in fourth-quarter earnings" on Nov. 2: a quarter that
                # has not ended on the calendar is told as done, so it is a fiscal quarter
                fiscal = True
            self._note_quarter(y, o, fiscal=fiscal)
        else:
            v = f"{y}-H{min(o, 2)}"
        return "DATE", v, anchor, None

    def _told_as_done(self, start: int, end: int) -> bool:
        """Whether the figures of the quarter at text[start:end] are reported as known: a past
        verb of reporting or of change in its sentence ("reported a decline in fourth-quarter
        earnings", "fourth-quarter net fell"), not a prospect ("the impact on fourth-quarter
        results")."""
        sent = self.sentence(start)
        return bool(_REPORTED_BEFORE.search(self.text, max(sent[0], start - 120), start)
                    or _REPORTED_AFTER.match(self.text, end, min(sent[1], end + 60)))

    def _note_quarter(self, y: int, q: int, fiscal: bool = False, ended: bool = False) -> None:
        """Remember a quarter that has ended by the article's date: the one being reported,
        which "a year ago" and "the year-earlier period" then compare with. A fiscal quarter
        ("the fiscal first quarter") keeps its number, as TimeML does, and stays the one
        reported over calendar quarters read off "the quarter ended Sept. 29" (``ended``),
        until another quarter is named ("America West reported third-quarter profit")."""
        self.ytd_sentence = None
        if fiscal:
            self.reported_quarter, self.fiscal_quarter = f"{y}-Q{q}", True
            return
        if self.fiscal_quarter:
            if ended:
                return
            self.reported_quarter, self.fiscal_quarter = None, False
        if self.dct is None or (y, q) <= (self.dct.year, (self.dct.month - 1) // 3):
            # the latest such quarter, not the last named: "After a flat second quarter"
            # in a third-quarter report looks back, and the comparisons stay with the third
            if self.reported_quarter is None or f"{y}-Q{q}" > self.reported_quarter:
                self.reported_quarter = f"{y}-Q{q}"

    def _year_to_date(self) -> bool:
        """Whether the text is on a year-to-date figure ("For the nine months, net rose to
        $5 million from $4 million a year earlier"): named in this sentence or the one before.
        Limits: sentence distance only; a quarter named since ends it."""
        return self.ytd_sentence is not None and self._si - self.ytd_sentence <= 1

    def _current_quarter(self) -> str | None:
        if self.reported_quarter:
            return self.reported_quarter
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
        if self.text.startswith(("-century", " century"), m.end()):
            return None  # "a quarter-century low": 25 years, not a quarter
        if self.text.startswith("-to-", m.end()) or self.text.endswith(("-to-", "-to"), 0, m.start("u")):
            return None  # "quarter-to-quarter comparison": a kind of comparison, no quarter named
        if not w and not m["yr"] and u == "period":
            return None
        if w in ("past", "last", "previous", "this", "next", "coming", "current") and u == "period":
            return None
        ended = _ENDED.match(self.text, m.end())
        if ended and not w:
            # "the quarter ended Sept. 30": the calendar quarter holding most of the three
            # months up to that date ("the quarter ended July 31", May to July, is Q2)
            mon = _month_num(ended["mon"])
            y = int(ended["y"]) if ended["y"] else (self._year_for(mon, _day_num(ended["d"]), ended.start("mon"), ended.end()) if self.dct else None)
            if y is None:
                return "DATE", None, None, NO_DCT
            try:
                mid = date(y, mon, _day_num(ended["d"])) - timedelta(days=45)
            except ValueError:
                mid = date(y, mon, 1) - timedelta(days=30)
            y, q = mid.year, (mid.month - 1) // 3 + 1
            self._note_quarter(y, q, ended=True)
            return "DATE", f"{y}-Q{q}", "absolute" if ended["y"] else "dct", None
        if w == "that":
            # "Results for that quarter": the quarter just named
            if u == "quarter" and self.last_quarter:
                return "DATE", self.last_quarter, "previous", None
            return None
        cur = self._current_quarter()
        if cur is None:
            return "DATE", None, None, NO_DCT
        y, q = int(cur[:4]), int(cur[-1])
        if w == "this" and u == "quarter" and self.reported_quarter:
            # "This quarter's loss includes ...", in a report on a quarter just ended: that one
            return "DATE", self.reported_quarter, "previous", None
        if w in ("current", "this") and self.dct is not None:
            return "DATE", f"{self.dct.year}-Q{(self.dct.month - 1) // 3 + 1}", "dct", None
        if m["poss"]:  # "last year's quarter": the same quarter a year before
            y += 1 if m["poss"].lower() == "next" else -1
            return "DATE", f"{y}-Q{q}", "previous", None
        if m["yr"]:
            if self._year_to_date() and u == "period":
                return "DATE", m["yr"], "previous", None  # "the 1988 period" of a nine-month figure
            return "DATE", f"{m['yr']}-Q{q}", "previous", None
        if w in ("year-earlier", "year-ago", "comparable", "corresponding") or m["ago"]:
            if self._year_to_date() and u == "period":
                return "DATE", str(y - 1), "dct", None
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
        if pod:
            return "TIME", d.isoformat() + "T" + lx.PARTS_OF_DAY[pod.lower()], "dct", None
        return "DATE", d.isoformat(), "dct", None

    def r_this_pod(self, m):
        if self.dct is None:
            return self.need_dct("TIME")
        if m["w2"]:
            # "late afternoon", "the morning": of the day under discussion
            day, anchor = self._clock_day()
            return "TIME", day.isoformat() + "T" + lx.PARTS_OF_DAY[m["pod2"].lower()], anchor, None
        w = m["w"].lower()
        d = self.dct + timedelta(days={"this": 0, "last": -1, "tomorrow": 1, "yesterday": -1}[w])
        return "TIME", d.isoformat() + "T" + lx.PARTS_OF_DAY[m["pod"].lower()], "dct", None

    def r_rel_unit(self, m):
        rel = m["rel"].lower()
        u = m["u"].lower()
        if rel == "the past" and u in ("decade", "century") and not m["mod"]:
            # "over the past decade": the ten years up to now, not the 1980s; "the past
            # century" in 1989 is not the 1800s ("last century" is: the one before this)
            return "DURATION", _duration(1, u), None, None
        anchored_prev = rel in ("the previous", "the following", "the same", "that same", "that", "the next")
        prev = self.anchor_date()
        point = _first_day(self.last_value) if anchored_prev and u != "week" and self.last_value else None
        if point is not None:
            prev = point  # "the following month" after "in March": April
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
        return "DATE", v, anchor, None

    def r_rel_season(self, m):
        s = lx.SEASONS[m["s"].lower()]
        rel = (m["rel"] or "").lower()
        if m["y"] or m["wy"]:
            return "DATE", f"{m['y'] or _word_year(m['wy'])}-{s}", "absolute", None
        if not rel and not m["mod"]:
            return None  # bare "spring" is too often not a date ("spring offensive")
        if self.dct is None:
            return self.need_dct("DATE")
        cur = {12: 0, 1: 0, 2: 0, 3: 1, 4: 1, 5: 1, 6: 2, 7: 2, 8: 2, 9: 3, 10: 3, 11: 3}[self.dct.month]
        y = self.dct.year
        if rel in ("last", "this past"):
            if lx.SEASON_ORDER[s] >= cur:
                y -= 1
        elif rel in ("next", "this coming"):
            if lx.SEASON_ORDER[s] <= cur:
                y += 1
        return "DATE", f"{y}-{s}", "dct", None

    def r_ago(self, m):
        n = _quant(m["q"])
        u = _unit(m["u"])
        direction = m["dir"].lower()
        sign = -1 if direction in ("ago", "earlier", "before") else 1
        relative_to_prev = direction in ("earlier", "later", "before", "after")
        if direction in ("after", "before") or (relative_to_prev and (n is None or u in ("hour", "minute", "second"))):
            # "a month after the vote", "an hour later", "a few days later": a stretch of time
            # from an event, not a date on the calendar (TimeML: a DURATION, "after" a signal)
            self.span = (m.start(), m.end("u"))
            return "DURATION", _duration(n, u), None, None
        prev = self.anchor_date()
        base = prev if relative_to_prev and prev else self.dct
        anchor = "previous" if relative_to_prev and prev else "dct"
        if base is None:
            return self.need_dct("DATE")
        if n is None:
            if u in ("year", "month", "week", "day", "decade"):
                return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor, None
            return None
        if u == "year" and self.reported_quarter and n == int(n) and self._year_to_date():
            # "for the nine months ... a year earlier": the same months of the year before
            return "DATE", str(int(self.reported_quarter[:4]) + sign * int(n)), "previous", None
        if u == "year" and self.reported_quarter and n == int(n):
            # in earnings news "a year ago" compares with the quarter just discussed
            v = f"{int(self.reported_quarter[:4]) + sign * int(n)}{self.reported_quarter[4:]}"
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
        if m["wd"] and self.dct is not None:
            # "the day before last Tuesday's hearing": a day from the weekday named after it
            delta = (lx.WEEKDAYS[m["wd"].lower()] - self.dct.weekday()) % 7
            d = (self.dct - timedelta(days=(7 - delta) if delta else 7) if m["wdrel"].lower() == "last"
                 else self.dct + timedelta(days=delta or 7))
            return self._day(d + timedelta(days=-1 if w.endswith("before") else 1), "dct")
        if (w in ("the day before", "the day after") and self.previous and self.last_day_end is not None
                and _APPOSITION.fullmatch(self.text, self.last_day_end, m.start())
                and _EVENT_NP.match(self.text, m.end())):
            # "Oct. 12, the day before the crash": the date just named, described by an event
            return "DATE", self.previous.isoformat(), "previous", None
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
        if (w in self._SAME and self.last_value and _MONTH_VALUE.fullmatch(self.last_value)
                and (self.last_day_end is None or self.last_value_end > self.last_day_end)):
            # "killed last October ... crossed out that same day": the day of the month named
            # last, after any day-level date, is not known
            return "DATE", f"{self.last_value}-XX", "previous", None
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
        shared = None if rel or m["pod"] else _SHARED_PLURAL.match(self.text, m.end())
        if shared is not None:
            # "on Monday and Tuesday nights": the plural after the second weekday is the first's too
            pod = shared["pods"]
            return "SET", f"XXXX-WXX-{wd + 1}" + (f"T{lx.PARTS_OF_DAY[pod.lower()[:-1]]}" if pod else ""), "absolute", None
        if self.dct is None:
            return self.need_dct("DATE")
        delta = (wd - self.dct.weekday()) % 7  # days forward to the next such weekday (0 = today)
        anchor = "dct"
        if rel in ("the previous", "the preceding", "the following") and self.previous:
            # "the previous Friday": the one before the date just mentioned, not before today
            base, anchor = self.previous, "previous"
            step = (wd - base.weekday()) % 7 or 7
            d = base + timedelta(days=step) if rel == "the following" else base - timedelta(days=(7 - step) % 7 or 7)
        elif rel in ("last", "this past", "the previous", "the preceding"):
            d = self.dct - timedelta(days=(7 - delta) if delta else 7)
        elif rel in ("next", "this coming", "the following"):
            d = self.dct + timedelta(days=delta or 7)
        else:
            tense = self.tense(m.start("wd"), m.end("wd"))
            if _PROSPECTIVE.search(self.text, max(0, m.start() - 45), m.start()) and (
                    tense != "past" or _DEADLINE_MOVED.search(self.text, max(0, m.start() - 80), m.start())):
                tense = "future"  # "until Tuesday", "extended the deadline to Friday"
            if tense is None and _SCHEDULED_PRESENT.search(self.text, max(0, m.start() - 30), m.start()):
                tense = "future"  # "the two leaders meet Monday": a present tense for a timetable
            if (tense == "future" and m.group().lower().endswith("'s")
                    and not _AHEAD_OF.search(self.text, max(0, m.start() - 20), m.start())):
                # "would look for ways around Wednesday's ruling": the possessive names an
                # event as known, and the clause's future is what is done about it
                tense = "past"
            if tense == "future":
                d = self.dct + timedelta(days=delta)
            else:
                d = self.dct - timedelta(days=(7 - delta) % 7)
        self.previous = d
        if m["pod"]:
            return "TIME", d.isoformat() + "T" + lx.PARTS_OF_DAY[m["pod"].lower()], anchor, None
        return "DATE", d.isoformat(), anchor, None

    def r_weekend(self, m):
        if self.dct is None:
            return self.need_dct("DATE")
        rel = m["rel"].lower()
        if rel in ("this", "the"):
            # "over the weekend": the one just past unless the clause looks ahead; on a
            # Saturday or Sunday, the one under way
            wd = self.dct.weekday()
            if wd >= 5:
                step = 0
            else:
                step = 0 if self.tense(m.start(), m.end()) == "future" else -1
        else:
            step = {"last": -1, "next": 1}[rel]
        return "DATE", _week(self.dct + timedelta(weeks=step)) + "-WE", "dct", None

    def _clock_day(self) -> tuple[date | None, str | None]:
        return (self.previous, "previous") if self.previous else (self.dct, "dct")

    def r_clock(self, m):
        if m["h3"] is not None:
            h, mi = int(m["h3"]), int(m["mi3"] or 0)
            if m["pod3"].lower() != "morning" and h < 12:
                h += 12
            elif m["pod3"].lower() == "morning" and h == 12:
                h = 0
        elif m["h24"] is not None:
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
        if w.startswith("recent "):
            # "in recent months": an unspecified stretch up to now
            return "DURATION", _duration(None, _unit(w.split()[1])), None, None
        if w.endswith("the past") and _COUNT_AFTER.match(self.text, m.end()):
            return None  # "for the past three summers": a count of units, not the vague past
        if w in ("recently", "lately", "the past", "in the past", "previously", "formerly", "then current"):
            return "DATE", "PAST_REF", "dct", None
        if w == "soon" and self.tense(m.start(), m.end()) == "past":
            return None  # "was soon released": shortly after a past event, not the future
        if w.endswith("future") or w == "soon":
            return "DATE", "FUTURE_REF", "dct", None
        return "DATE", "PRESENT_REF", "dct", None

    def r_vague_ref(self, m):
        w = m["w"].lower()
        if "end" in w:
            if self.dct is None:
                return self.need_dct("DATE")
            # "by year-end": the last day of the year, the form TimeBank writes most; "since
            # year-end" and a past tense mean the last one passed
            ahead = w.startswith("by ") or _PROSPECTIVE.search(self.text, max(0, m.start() - 30), m.start())
            y = self.dct.year - (not ahead and self.tense(m.start(), m.end()) == "past")
            if w.startswith("around"):
                return "DATE", f"{y}-12", "dct", None  # "around year-end": no day to name, December
            return "DATE", f"{y}-12-31", "dct", None
        if "term" in w:
            return "DATE", "FUTURE_REF", "dct", None
        # "in coming weeks", "the months ahead": TimeML's vague stretch of time, PXW, as
        # TimeBank writes it three times in four
        unit = next(u for u in ("day", "week", "month", "year", "quarter") if u in w)
        return "DURATION", _duration(None, unit), None, None

    def r_set(self, m):
        w = m["w"].lower()
        if m["pods"]:  # "Tuesday nights"
            return "SET", f"XXXX-WXX-{lx.WEEKDAYS[m['wd2'].lower()] + 1}T{lx.PARTS_OF_DAY[m['pods'].lower()[:-1]]}", "absolute", None
        if m["mon"]:  # "each July"
            return "SET", f"XXXX-{_month_num(m['mon']):02d}", "absolute", None
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
        if m.group().lower() == "one day" and _MODAL_BEFORE.search(self.text, max(0, m.start() - 12), m.start()):
            return "DATE", "FUTURE_REF", "dct", None  # "Islam will one day be ...": some day
        if u == "quarter" and ("-" in m.group() or self.text.startswith(("-century", " century"), m.end())
                               or (n is not None and self.text.startswith(" of ", m.end()))):
            return None  # "three-quarters", "more than a quarter of the market": a fraction
        if u == "quarter" and n is None and m["q"].lower() not in ("several", "few", "a few", "many"):
            return None  # but "after several quarters of losses" is a stretch of time
        if self.text[m.end():m.end() + 4].lower() in ("-old", " old") or m.group().lower().endswith("-old"):
            return None  # an age, not a stretch of time
        if m["half"] and n is not None:
            n += 0.5
        if u == "month" and n in (6, 9) and m.group().lower().startswith("the "):
            self.ytd_sentence = self._si
        return "DURATION", _duration(n, u), None, None

    def r_bare_unit(self, m):
        return "DURATION", _duration(None, _unit(m["u"])), None, None

    def r_long_unit(self, m):
        # "a day-long meeting": one day; "a decades-long feud": some decades
        return "DURATION", _duration(None if m["pl"] else 1, _unit(m["u"])), None, None

    def r_vague_span(self, m):
        if _OF_TIME.match(self.text, m.end()):
            return None  # "the early hours of Thursday morning": a part of the time named after it
        return "DURATION", _duration(None, _unit(m["u"])), None, None

    def r_the_year(self, m):
        w = m["w"].lower()
        if w in ("year-earlier", "year-ago"):
            cur = self._current_quarter()
            if cur is None:
                return self.need_dct("DATE")
            if self._year_to_date():
                return "DATE", str(int(cur[:4]) - 1), "dct", None
            return "DATE", f"{int(cur[:4]) - 1}{cur[4:]}", "dct", None
        if w in ("the day",):
            return None
        if w in ("the weekend",):
            return "DURATION", "P1WE", None, None
        unit = w.split()[-1]
        if _ENDED.match(self.text, m.end()) or _ENDING_DEICTIC.match(self.text, m.end()) or self.dct is None:
            # "the year ended Sept. 30": a fiscal year, a stretch of time
            return "DURATION", _duration(1, unit), None, None
        # "for the year", "the week's most active session": the one the article is about
        base, anchor = (self.previous, "previous") if self.previous else (self.dct, "dct")
        if unit in ("week", "month") and _EVENT_RELATIVE.match(self.text, m.end()):
            # "the week following last month's credit squeeze": a week counted from an event,
            # which this tagger does not date; the year is the article's, the week unknown
            return "DATE", f"{self.dct.year}-WXX" if unit == "week" else f"{self.dct.year}-XX", "dct", None
        if unit == "year":
            return "DATE", str(self.dct.year), "dct", None
        if unit == "month":
            return "DATE", f"{base.year:04d}-{base.month:02d}", anchor, None
        return "DATE", _week(base), anchor, None


def _candidates(text: str) -> list[tuple[int, int, int, str, re.Match]]:
    n = len(text)
    # matching lowercase text without IGNORECASE is several times faster
    lower = text.lower()
    same = len(lower) == n
    triggers = _TRIGGER.finditer(lower) if same else _TRIGGER_I.finditer(text)
    windows: dict[str, list[list[int]]] = {}
    for t in triggers:
        ts, te = t.span()
        kind = t.lastgroup
        if kind == "n":
            num = t.group()
            k = _NUM_KIND.match(num)
            if k is None:
                continue
            kind = k.lastgroup
            if (kind == "numdate" and "/" not in num) or (kind == "year" and len(num) != 4 and num[0] != "'"):
                continue
        else:
            word = t.group() if same else t.group().lower()
            kind = _TRIGGER_WORDS[word]
            if kind == "month":
                # English month names are capitalised ("may" is a verb); other languages'
                # (lowercase in Spanish and French) and dateline short forms ("ago", "dic")
                # follow a day number
                if word in lx.MONTHS_EN:
                    if not text[ts].isupper():
                        continue
                else:
                    if not _DIGIT_BEFORE.search(text, ts - 6 if ts > 6 else 0, ts):
                        continue
                    kind = "month_intl"
        opened = _open_rules(kind, lower, ts, te) if same and kind in _GATED_BY_KIND else None
        for name, before, after, gated in _RULE_WINDOWS[kind]:
            if gated and opened is not None and name not in opened:
                continue
            lo = ts - before
            hi = te + after
            w = windows.get(name)
            if w is None:
                windows[name] = [[lo if lo > 0 else 0, hi]]
            elif lo <= w[-1][1]:
                w[-1][1] = hi
            else:
                w.append([lo, hi])
    found = []
    for name, spans in windows.items():
        if same and name in _RX_LOWER:
            rx, subject = _RX_LOWER[name], lower
        else:
            rx, subject = _RX[name], text
        prio = _PRIORITY[name]
        narrow = name == "bare_unit"
        for lo, hi in spans:
            for m in rx.finditer(subject, lo, hi if hi < n else n):
                s, e = m.span("u") if narrow else m.span()
                while s < e and text[s].isspace():
                    s += 1
                while e > s and text[e - 1] in " ,":
                    e -= 1
                if e > s:
                    found.append((s, e, prio, name, m))
    # longest first, then the rule listed first
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    taken = bytearray(n + 1)
    chosen = []
    for c in found:
        s, e = c[0], c[1]
        if not any(taken[s:e]):
            chosen.append(c)
            taken[s:e] = b"\x01" * (e - s)
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
    candidates = _candidates(text)
    if not candidates:
        return []
    res = _Resolver(text, d, list(sentences) if sentences else _sentences(text))
    out: list[Timex] = []
    for s, e, _prio, name, m in candidates:
        if _is_name(text, s, e, name):
            continue
        sent = res.sentence(s)
        # an opener is at most some punctuation and a word ("On", "A day earlier")
        res.opens = s - sent[0] < 40 and bool(_OPENER.fullmatch(text, sent[0], s))
        res.span = None
        r = res.resolve(name, m)
        if r is None:
            continue
        if res.span:
            s, e = res.span
        typ, value, anchor, reason = r
        if res.opens and typ == "DATE" and value and len(value) == 10 and value[4] == "-":
            res.topic = date.fromisoformat(value)
        if typ == "DATE" and value and value[0].isdigit():
            res.last_value = value
            res.last_value_end = e
            if _QUARTER_VALUE.fullmatch(value):
                res.last_quarter = value
        if value is None and reason is None:
            reason = NO_DCT
        if reason == NO_DCT:
            reason = no_dct
        out.append(Timex(s, e, typ, value, anchor, reason))
        if typ == "DATE" and value and len(value) == 10 and value[4] == "-":
            res.last_day_end = e
            if name == "mdy":
                second = _second_day(text, e, value, anchor)
                if second is not None:
                    out.append(second)
    return _times_on_following_day(text, out)


# "April 24 and 25": a second day of the same month, named by its number alone
# (not "on April 24 and 25 stores closed": a count, the next word a noun)
_AND_DAY = re.compile(r",? (?:and|or) (?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%/$-]|[.,]\d)"
                      r"(?=[.,;:!?)\"'”]|\s*$|\s+(?:(?:in|at|on|during|when|while|before|after|with|to|for)\b|[A-Z]))")


def _second_day(text: str, end: int, value: str, anchor: str | None) -> Timex | None:
    """The day in "April 24 and 25" after the first date, which ended at ``end`` with the
    day-level ``value``; None when no such day follows or it is not a later day of that month."""
    m = _AND_DAY.match(text, end)
    if m is None or int(m["d"]) <= int(value[8:]):
        return None
    try:
        d = date(int(value[:4]), int(value[5:7]), int(m["d"]))
    except ValueError:
        return None
    return Timex(m.start("d"), m.end(), "DATE", d.isoformat(), anchor, None)


# Titles and names that are made of time words: a TV show or a film quoted in Title Case
# ("This Week," "60 Minutes," "High Noon"), a paper or a programme after an acronym ("VOA
# Today", "USA Today"), "high noon" the idiom, a march that is an event ("the March for Life"),
# "today's world" (our times, not the article's day).
_QUOTED_TITLE = re.compile(r"(?:[\"“‘]|``|'')(?:[A-Z][a-z]+ )?$")
_TITLE_WORD = re.compile(r"(?:^|\s)(?:Week|Weeks|Minutes|Hours|Days|Day|Today|Tonight|Noon|Year|Month)\b")
_ACRONYM_BEFORE = re.compile(r"\b[A-Z]{2,}\s$")
_HIGH_BEFORE = re.compile(r"\bhigh\s$", re.I)
_EVENT_AFTER = re.compile(r" (?:for|of|on) (?:the )?[A-Z]")
# a plural noun and "of" before "today" / "tomorrow": "the people of tomorrow" (not "the end of
# today", "the morning of tomorrow": parts of the day)
_OF_GENERIC = re.compile(r"\b(?!(?:end|start|beginning|middle|rest|close|part|morning|afternoon|evening|night|hours?)\b)[a-z]+s? of $")
_GENERIC_TODAY = re.compile(r"'s (?:world|youth|society|generations?|young|children|kids|economy|standards|technology|culture)\b")


def _is_name(text: str, s: int, e: int, rule: str) -> bool:
    """Whether text[s:e] is a title or a name rather than a time. Limits: Title Case
    counts only right after an opening quote (a headline in Title Case keeps its dates)."""
    expr = text[s:e]
    if rule != "holiday" and _TITLE_WORD.search(expr) and (
            _QUOTED_TITLE.search(text, max(0, s - 12), s) or _ACRONYM_BEFORE.search(text, max(0, s - 8), s)):
        return not (expr.isupper() or expr.startswith(("Today", "Tonight")) and " " not in expr
                    and not _ACRONYM_BEFORE.search(text, max(0, s - 8), s))
    if rule == "noon" and _HIGH_BEFORE.search(text, max(0, s - 6), s):
        return True
    if rule == "month" and _EVENT_AFTER.match(text, e) and text.startswith("March", s):
        return True
    if rule == "deictic" and expr.lower() == "today" and _GENERIC_TODAY.match(text, e):
        return True
    if rule == "deictic" and expr.lower() in ("today", "tomorrow") and _OF_GENERIC.search(text, max(0, s - 12), s) \
            and not text.startswith("'s", e):
        return True  # "the people of tomorrow", "the cities of today": an age, not a day
    return False


_ON = re.compile(r"\s*,?\s*(?:on|of)?\s*", re.I)
_APPOSITION = re.compile(r",\s*")
_EVENT_NP = re.compile(r" (?:the|a|an|his|her|its|their) [a-z]")
_GLUED = re.compile(r",? ")


def _times_on_following_day(text: str, timexes: list[Timex]) -> list[Timex]:
    """"at 3 p.m. on Friday", "noon Saturday": a clock time takes the day named right after
    it, and the two are one expression."""
    out: list[Timex] = []
    i = 0
    while i < len(timexes):
        t = timexes[i]
        nxt = timexes[i + 1] if i + 1 < len(timexes) else None
        if (nxt is not None and t.type == "TIME" and t.value and nxt.type == "DATE" and nxt.value
                and len(nxt.value) == 10 and nxt.value[4] == "-"
                and _ON.fullmatch(text, t.end, nxt.start)):
            if _GLUED.fullmatch(text, t.end, nxt.start):  # "noon Saturday": one expression
                out.append(Timex(t.start, nxt.end, "TIME", nxt.value + t.value[10:], nxt.anchor, None))
                i += 2
                continue
            # "3 p.m. on Friday": two expressions, the time on that day
            out.append(Timex(t.start, t.end, "TIME", nxt.value + t.value[10:], nxt.anchor, None))
            i += 1
            continue
        out.append(t)
        i += 1
    return out


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
