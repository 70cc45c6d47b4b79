"""Readers: files, folders (recursively), JSON Lines, HTML and standard input into Articles.

A file that cannot be used becomes a :class:`~parallax.model.Rejection` with a one-line reason;
reading never raises for bad input, and the rest of the batch goes on.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Article, Rejection
from .clean import clean_text
from .decode import DecodeError, decode

log = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TEXT_FIELDS = ("maintext", "text", "body", "content", "article")
DATE_FIELDS = ("date_publish", "published", "date", "pubdate", "date_published")
SOURCE_FIELDS = ("source_domain", "source", "outlet", "site_name", "sitename")


def _reject(path, reason: str) -> Rejection:
    return Rejection(str(path), "ingest", reason)


def _language(text: str) -> str:
    letters = [c for c in text[:2000] if c.isalpha()]
    if letters and sum("\u0400" <= c <= "\u04ff" for c in letters) > len(letters) / 2:
        return "ru"
    return "en"


def _article(id: str, path: str | None, raw: str, *, url=None, title=None, published=None,
             published_from=None, source=None, detect_title=True) -> Article | Rejection:
    c = clean_text(raw, title=title, published=published, published_from=published_from, source=source,
                   detect_title=detect_title)
    if not c.text.strip():
        what = "only site furniture" if c.removed else "no text"
        return _reject(path or id, f"has {what} once cleaned; expected an article's text")
    return Article(id=id, text=c.text, path=path, url=url, source=c.source, title=c.title,
                   published=c.published, published_from=c.published_from,
                   published_reason=c.published_reason, language=_language(c.text),
                   removed=tuple(c.removed), dateline=c.dateline)


def _iso_date(value) -> str | None:
    if not value or not isinstance(value, str):
        return None
    v = value.strip()[:10]
    try:
        from datetime import date

        return date.fromisoformat(v).isoformat()
    except ValueError:
        return None


def read_html(data: bytes | str, path: str, id: str) -> Article | Rejection:
    import trafilatura

    html = data if isinstance(data, str) else decode(data)[0]
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura/lxml on hostile markup
        return _reject(path, f"HTML could not be parsed ({type(exc).__name__}: {exc})")
    if doc is None or not (getattr(doc, "text", None) or "").strip():
        return _reject(path, "HTML with no extractable article text (is it a page of links or scripts only?)")
    published = _iso_date(doc.date)
    a = _article(id, path, doc.text, url=doc.url, title=doc.title or None, published=published,
                 published_from="metadata" if published else None, source=doc.sitename or None,
                 detect_title=False)
    if isinstance(a, Article) and published:
        a = a.evolve(published_reason="the page's metadata (trafilatura)")
    return a


def read_jsonl_lines(lines: Iterable[str], path: str, stem: str) -> Iterator[Article | Rejection]:
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _reject(where, f"line {n} is not valid JSON ({exc.msg} at column {exc.colno}); expected one object per line")
            continue
        if not isinstance(rec, dict):
            yield _reject(where, f"line {n} is a JSON {type(rec).__name__}, expected an object with a text field")
            continue
        text = next((rec[f] for f in TEXT_FIELDS if isinstance(rec.get(f), str) and rec[f].strip()), None)
        if text is None:
            yield _reject(where, f"line {n} has no text; expected one of the fields {', '.join(TEXT_FIELDS)}")
            continue
        published = next((_iso_date(rec.get(f)) for f in DATE_FIELDS if _iso_date(rec.get(f))), None)
        source = next((rec[f] for f in SOURCE_FIELDS if isinstance(rec.get(f), str) and rec[f]), None)
        title = rec.get("title") if isinstance(rec.get("title"), str) else None
        body = text if not rec.get("description") or rec["description"] in text else rec["description"] + "\n" + text
        a = _article(str(rec.get("id") or f"{stem}-{n}"), where, body, url=rec.get("url"), title=title,
                     published=published, published_from="metadata" if published else None, source=source,
                     detect_title=title is None)
        if isinstance(a, Article) and published:
            a = a.evolve(published_reason="the record's date field")
        yield a


def _looks_like_jsonl(text: str) -> bool:
    lines = [l for l in text.splitlines() if l.strip()]
    return bool(lines) and all(l.lstrip().startswith("{") for l in lines)


def read_file(path: Path) -> Iterator[Article | Rejection]:
    shown = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield _reject(shown, f"cannot be read: {exc.strerror or exc}")
        return
    if size > MAX_BYTES:
        yield _reject(shown, f"is {size / 1e6:.1f} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit for one "
                             "file; split it (JSON Lines suits large collections)")
        return
    if size == 0:
        yield _reject(shown, "is empty")
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield _reject(shown, f"cannot be read: {exc.strerror or exc}")
        return
    suffix = path.suffix.lower()
    try:
        text, _ = decode(data)
    except DecodeError as exc:
        yield _reject(shown, f"{exc}; expected text in UTF-8, UTF-16, Windows-1251 or Latin-1")
        return
    if not text.strip():
        yield _reject(shown, "holds only white space")
        return
    head = text.lstrip()[:200].lower()
    if suffix in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html")):
        yield read_html(text, shown, path.stem)
    elif suffix in JSONL_SUFFIXES or (suffix == ".json" and _looks_like_jsonl(text)):
        yield from read_jsonl_lines(text.splitlines(), shown, path.stem)
    else:
        yield _article(path.stem, shown, text)


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | Rejection]:
    """Read files and folders (recursively, hidden ones skipped) into Articles; unusable
    inputs become Rejections naming the file and the problem."""
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield from _safe(Path(root) / name)
        elif p.exists():
            yield from _safe(p)
        else:
            yield _reject(p, "no such file or folder")


def _safe(path: Path) -> Iterator[Article | Rejection]:
    try:
        yield from read_file(path)
    except Exception as exc:  # a reader bug must not stop the batch
        log.exception("reading %s failed", path)
        yield _reject(path, f"could not be read ({type(exc).__name__}: {exc})")


def read_stdin(name: str = "<stdin>") -> Iterator[Article | Rejection]:
    data = sys.stdin.buffer.read()
    if not data.strip():
        yield _reject(name, "standard input is empty")
        return
    try:
        text, _ = decode(data)
    except DecodeError as exc:
        yield _reject(name, str(exc))
        return
    if _looks_like_jsonl(text):
        yield from read_jsonl_lines(text.splitlines(), name, "stdin")
    elif text.lstrip()[:200].lower().startswith(("<!doctype html", "<html")):
        yield read_html(text, name, "stdin")
    else:
        yield _article("stdin", name, text)
