"""Article <-> plain JSON-able dict, used by the store (full round trip) and the report."""

from __future__ import annotations

from typing import Any

from ..model import Article, Dateline, Mention, Quote, Timex


def _dateline_to_dict(d: Dateline | None) -> dict | None:
    if d is None:
        return None
    return {"start": d.start, "end": d.end, "place": d.place, "date": d.date, "outlet": d.outlet}


def article_to_dict(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "key": a.key,
        "path": a.path,
        "url": a.url,
        "source": a.source,
        "title": a.title,
        "published": a.published,
        "published_from": a.published_from,
        "published_reason": a.published_reason,
        "language": a.language,
        "text": a.text,
        "removed": list(a.removed),
        "dateline": _dateline_to_dict(a.dateline),
        "sentences": [list(s) for s in a.sentences],
        "mentions": [
            {"start": m.start, "end": m.end, "label": m.label,
             "description": list(m.description) if m.description else None}
            for m in a.mentions
        ],
        "times": [
            {"start": t.start, "end": t.end, "type": t.type, "value": t.value,
             "anchor": t.anchor, "reason": t.reason}
            for t in a.timexes
        ],
        "quotes": [
            {"start": q.start, "end": q.end, "kind": q.kind,
             "cue": list(q.cue) if q.cue else None,
             "speaker": list(q.speaker) if q.speaker else None}
            for q in a.quotes
        ],
    }


def _span(v) -> tuple[int, int] | None:
    return (int(v[0]), int(v[1])) if v else None


def article_from_dict(d: dict[str, Any]) -> Article:
    dl = d.get("dateline")
    return Article(
        id=d["id"],
        key=d.get("key") or "",
        text=d["text"],
        path=d.get("path"),
        url=d.get("url"),
        source=d.get("source"),
        title=d.get("title"),
        published=d.get("published"),
        published_from=d.get("published_from"),
        published_reason=d.get("published_reason"),
        language=d.get("language") or "en",
        removed=tuple(d.get("removed") or ()),
        dateline=Dateline(**dl) if dl else None,
        sentences=tuple(_span(s) for s in d.get("sentences") or ()),
        mentions=tuple(
            Mention(m["start"], m["end"], m["label"], _span(m.get("description")))
            for m in d.get("mentions") or ()
        ),
        timexes=tuple(
            Timex(t["start"], t["end"], t["type"], t.get("value"), t.get("anchor"), t.get("reason"))
            for t in d.get("times") or ()
        ),
        quotes=tuple(
            Quote(q["start"], q["end"], q["kind"], _span(q.get("cue")), _span(q.get("speaker")))
            for q in d.get("quotes") or ()
        ),
    )
