"""Cleaning: header date marker, site furniture, photo captions, stand-alone date lines,
headline, dateline, and the publication date with where it came from.

Nothing is dropped silently: every line taken out of the text is kept in ``removed``.
Limits: furniture is recognised by whole-line patterns in English; a caption is a short
"Name Surname, role" line; a headline is a short first line without final punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..model import Dateline

MONTHS: dict[str, int] = {}
for _n, _names in enumerate([
    "january jan enero ene janvier janv januar jän январь января янв",
    "february feb febrero febrer février févr februar февраль февраля фев",
    "march mar marzo mars märz марта март мар",
    "april apr abril avril апрель апреля апр",
    "may mayo mai май мая",
    "june jun junio juin juni июнь июня",
    "july jul julio juillet juil juli июль июля",
    "august aug agosto août aout августа август авг",
    "september sep sept septiembre setiembre septembre сентябрь сентября сен",
    "october oct octubre octobre oktober okt октябрь октября окт",
    "november nov noviembre novembre ноябрь ноября ноя",
    "december dec diciembre dic décembre déc dezember dez декабрь декабря дек",
], start=1):
    for _w in _names.split():
        MONTHS[_w] = _n
MONTH = "(?:" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"

HEADER_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
DATE_LINE = re.compile(
    rf"^(?:\w+,\s+)?(?:(\d{{1,2}})\s+(?:de\s+)?({MONTH})\s+(?:de\s+)?(\d{{4}})|({MONTH})\s+(\d{{1,2}}),?\s+(\d{{4}}))"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:GMT|UTC|MSK|CET|EST|ET))?)?\s*$",
    re.I)
DATELINE = re.compile(
    rf"^(?P<place>[A-ZÀ-ÝА-Я][A-ZÀ-ÝА-Я.'’\- ]{{1,40}}),\s+"
    rf"(?:(?P<m1>{MONTH})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH}))(?:,?\s+(?P<y>\d{{4}}))?\.?"
    r"(?:\s*/(?P<outlet>[A-Za-z][\w .\-]{0,30})/\.?|\s*\((?P<outlet2>[A-Za-z][\w .\-]{0,30})\))?\s*[-–—]?\s*",
    re.I)
FULL_DATE = re.compile(rf"\b(?:({MONTH})\s+(\d{{1,2}}),\s+(\d{{4}})|(\d{{1,2}})\s+({MONTH})\s+(\d{{4}}))\b", re.I)
FURNITURE = re.compile(
    r"^(?:all news|home|menu|news|search|share|share this(?: article| story)?|share on \w+|tweet|print|email|"
    r"read more.*|read also.*|see also.*|related(?: articles| news| stories)?:?|advertisement|"
    r"be the first to comment\.?|leave a reply\.?|leave a comment\.?|cancel reply|post comment|"
    r"your email address will not be published\.?.*|required fields are marked.*|comments?\s*\(?\d*\)?|"
    r"subscribe.*|sign up for .*newsletter.*|follow us on .*|©.*|copyright .*|all rights reserved\.?|"
    r"click here .*|photo:.*|image:.*|\(photo[^)]*\)|skip to (?:main )?content|log ?in|sign in|"
    r"name\s*\*?|website|save my name.*|top stories|most read|trending)$",
    re.I)
CAPTION = re.compile(r"^(?:[A-ZÀ-Ý][\w'’.\-]+\s+){1,3}[A-ZÀ-Ý][\w'’\-]+,\s+(?P<role>[^\"“”«»]{3,80}?)\.?$")
VERBS = re.compile(r"\b(?:said|says|is|was|were|are|will|has|have|had|would|told|did|does)\b", re.I)


@dataclass
class Cleaned:
    text: str
    title: str | None = None
    removed: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    published: str | None = None
    published_from: str | None = None
    published_reason: str | None = None
    source: str | None = None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _full_dates(text: str) -> list[str]:
    out = []
    for m in FULL_DATE.finditer(text):
        if m.group(1):
            v = _iso(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
        else:
            v = _iso(int(m.group(6)), _month(m.group(5)), int(m.group(4)))
        if v:
            out.append(v)
    return out


FIRST_PERSON = re.compile(r"^[\"“«]?(?:I|We|Our|My|Us)\b")


def _is_caption(line: str) -> bool:
    m = CAPTION.match(line)
    return bool(m) and len(line.split()) <= 12 and not VERBS.search(m.group("role"))


def clean_text(raw: str, *, title: str | None = None, published: str | None = None,
               published_from: str | None = None, source: str | None = None,
               detect_title: bool = True) -> Cleaned:
    """Clean one article's text. ``title``/``published``/``source`` come from metadata when the
    reader had any (HTML, JSON Lines); they win over what the text says."""
    out = Cleaned(text="", title=title, published=published, published_from=published_from, source=source)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    m = HEADER_DATE.match(raw)
    if m:
        out.removed.append(m.group(0).strip())
        if not out.published:
            out.published, out.published_from = m.group(1), "header"
            out.published_reason = "the 'date YYYY-MM-DD' marker at the head of the file"
        raw = raw[m.end():]
    paragraphs = [" ".join(p.split()) for p in raw.split("\n")]
    paragraphs = [p for p in paragraphs if p]
    kept: list[str] = []
    date_line: str | None = None
    for n, p in enumerate(paragraphs):
        if FURNITURE.match(p):
            out.removed.append(p)
            continue
        if _is_caption(p):
            # "Name, Role." over a first-person paragraph labels who speaks (video and
            # transcript style): it stays, so the quote stage can give the statement its speaker
            following = paragraphs[n + 1] if n + 1 < len(paragraphs) else ""
            if not FIRST_PERSON.match(following):
                out.removed.append(p)
                continue
        dm = DATE_LINE.match(p)
        if dm:
            out.removed.append(p)
            if date_line is None:
                date_line = p
                if dm.group(1):
                    v = _iso(int(dm.group(3)), _month(dm.group(2)), int(dm.group(1)))
                else:
                    v = _iso(int(dm.group(6)), _month(dm.group(4)), int(dm.group(5)))
                if v and not out.published:
                    out.published, out.published_from = v, "dateline"
                    out.published_reason = f"the date line {p!r}"
            continue
        kept.append(p)
    if detect_title and out.title is None and len(kept) > 1:
        first = kept[0]
        if (len(first.split()) <= 25 and first[-1] not in ".!:;,\"”»" and not DATELINE.match(first)):
            out.title = first
            kept = kept[1:]
    elif out.title and kept and kept[0] == out.title:
        kept = kept[1:]
    text = "\n".join(kept)
    # dateline: at the start of one of the first paragraphs
    offset = 0
    for p in kept[:3]:
        dm = DATELINE.match(p)
        if dm and len(dm.group("place").split()) <= 4:
            mon = dm.group("m1") or dm.group("m2")
            day = int(dm.group("d1") or dm.group("d2"))
            year = dm.group("y")
            value = None
            reason = None
            if year:
                value = _iso(int(year), _month(mon), day)
                reason = f"the dateline {dm.group(0).strip()!r}"
            else:
                fulls = _full_dates(text)
                if fulls:
                    latest = max(fulls)
                    y = int(latest[:4])
                    value = _iso(y, _month(mon), day)
                    if value and value < latest:
                        value = _iso(y + 1, _month(mon), day)
                    reason = (f"the dateline {dm.group(0).strip()!r}; its year from the text's own "
                              f"latest full date {latest}")
                elif out.published:
                    y = int(out.published[:4])
                    value = f"{y}-{_month(mon):02d}-{day:02d}"
            outlet = dm.group("outlet") or dm.group("outlet2")
            end = offset + len(dm.group(0).rstrip())
            out.dateline = Dateline(offset, end, dm.group("place").strip().title(),
                                    value or f"--{_month(mon):02d}-{day:02d}", outlet.strip() if outlet else None)
            if not out.source and outlet:
                out.source = outlet.strip()
            if value and not out.published:
                out.published, out.published_from, out.published_reason = value, "dateline", reason
            break
        offset += len(p) + 1
    if not out.published:
        fulls = _full_dates(text)
        out.published_reason = (
            "no date in a header, metadata, dateline or date line"
            + (f"; the latest full date in the text ({max(fulls)}) only bounds it from below, so it is left null"
               if fulls else "; the text gives no full date to infer one from")
        )
    out.text = text
    return out
