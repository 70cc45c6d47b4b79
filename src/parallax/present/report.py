"""The report as data: the JSON contract ``parallax.report/1``, built from a run's results and
checked against the JSON Schema shipped in the package (``parallax/schema/report-1.schema.json``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from ..compare.quotes import speaker_label
from ..errors import SchemaError
from ..model import Article, Rejection, Story
from ..store.codec import article_to_dict

SCHEMA_ID = "parallax.report/1"


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(resources.files("parallax").joinpath("schema/report-1.schema.json").read_text("utf-8"))


def _evidence(e) -> dict:
    return {"article": e.article, "start": e.start, "end": e.end}


def story_to_dict(s: Story) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "articles": list(s.articles),
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
             "descriptions": list(e.descriptions), "mentions": [_evidence(m) for m in e.mentions],
             "why": list(e.why)}
            for e in s.entities
        ],
        "timeline": [
            {"date": t.date, "text": t.text, "disputed": t.disputed, "discrepancy": t.discrepancy,
             "sources": [_evidence(m) for m in t.sources]}
            for t in s.timeline
        ],
        "quotes": [
            {"id": q.id, "article": q.article, "start": q.start, "end": q.end, "text": q.text,
             "speaker": q.speaker, "speaker_entity": q.speaker_entity, "speaker_text": q.speaker_text,
             "speaker_entities": list(q.speaker_entities), "cue": q.cue, "aligned_with": list(q.aligned_with)}
            for q in s.quotes
        ],
        "discrepancies": [
            {"id": d.id, "kind": d.kind, "about": d.about, "explanation": d.explanation,
             "claims": [{"article": c.article, "start": c.start, "end": c.end, "text": c.text,
                         "value": c.value} for c in d.claims]}
            for d in s.discrepancies
        ],
        "summary": [{"text": x.text, "sources": list(x.sources)} for x in s.summary],
        "duplicates": [list(p) for p in s.duplicates],
        "inferred_dates": [{"article": d.article, "date": d.date, "reason": d.reason} for d in s.inferred_dates],
        "facts": [
            {"id": f.id, "kind": f.kind, "label": f.label, "text": f.text,
             "slots": [{"name": x.name, "value": x.value, "evidence": _evidence(x.evidence),
                        "attributed": x.attributed} for x in f.slots],
             "sources": [_evidence(e) for e in f.sources], "outlets": list(f.outlets),
             "independent": f.independent, "discrepancies": list(f.discrepancies)}
            for f in s.facts
        ],
        "quote_variants": [
            {"quotes": list(v.quotes), "changes": [{"op": op, "a": a, "b": b} for op, a, b in v.changes]}
            for v in s.quote_variants
        ],
        "coverage": [
            {"outlet": c.outlet, "articles": list(c.articles), "reported": list(c.reported), "omitted": list(c.omitted)}
            for c in s.coverage
        ],
        "framing": [
            {"outlet": f.outlet, "articles": list(f.articles), "cues": [_usage(u) for u in f.cues],
             "hedges": [_usage(u) for u in f.hedges], "labels": [_usage(u) for u in f.labels],
             "voices": [{"speaker": v.speaker, "entity": v.entity, "quotes": v.quotes, "words": v.words,
                         "evidence": [_evidence(e) for e in v.evidence]} for v in f.voices]}
            for f in s.framing
        ],
    }


def _usage(u) -> dict:
    return {"text": u.text, "count": u.count, "about": u.about, "evidence": [_evidence(e) for e in u.evidence]}


def _article(a: Article, duplicate_of: dict[str, str]) -> dict[str, Any]:
    d = article_to_dict(a)
    d.pop("mentions")
    d.pop("quotes")
    d["duplicate_of"] = duplicate_of.get(a.id)
    return d


def build_report(articles: Sequence[Article], rejected: Sequence[Rejection], stories: Sequence[Story],
                 duplicate_of: dict[str, str] | None = None) -> dict[str, Any]:
    duplicate_of = duplicate_of or {}
    return {
        "schema": SCHEMA_ID,
        "articles": [_article(a, duplicate_of) for a in articles],
        "rejected": [{"path": r.path, "reason": r.reason, "stage": r.stage} for r in rejected],
        "stories": [story_to_dict(s) for s in stories],
    }


def validate(report: dict) -> None:
    """Raise :class:`SchemaError` naming the first place where ``report`` breaks the schema, and
    check what JSON Schema cannot: every offset lies inside its article and every id exists."""
    import jsonschema

    try:
        jsonschema.validate(report, schema())
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise SchemaError(f"report does not match {SCHEMA_ID} at /{where}: {exc.message}") from exc
    lengths = {a["id"]: len(a["text"]) for a in report["articles"]}

    def check(ev: dict, where: str) -> None:
        if ev["article"] not in lengths:
            raise SchemaError(f"{where}: article {ev['article']!r} is not in the report's articles")
        if not 0 <= ev["start"] <= ev["end"] <= lengths[ev["article"]]:
            raise SchemaError(f"{where}: span {ev['start']}-{ev['end']} lies outside article {ev['article']!r}")

    for a in report["articles"]:
        for s0, s1 in a["sentences"]:
            check({"article": a["id"], "start": s0, "end": s1}, f"article {a['id']} sentence")
    for s in report["stories"]:
        for aid in s["articles"]:
            if aid not in lengths:
                raise SchemaError(f"story {s['id']}: article {aid!r} is not in the report's articles")
        for e in s["entities"]:
            for m in e["mentions"]:
                check(m, f"story {s['id']} entity {e['id']}")
        for t in s["timeline"]:
            for m in t["sources"]:
                check(m, f"story {s['id']} timeline {t['date']}")
        ids = {q["id"] for q in s["quotes"]}
        for q in s["quotes"]:
            check(q, f"story {s['id']} quote {q['id']}")
            missing = set(q["aligned_with"]) - ids
            if missing:
                raise SchemaError(f"story {s['id']} quote {q['id']}: aligned_with names unknown quotes {sorted(missing)}")
        for d in s["discrepancies"]:
            for c in d["claims"]:
                check(c, f"story {s['id']} discrepancy {d['id']}")
        fact_ids = {f["id"] for f in s.get("facts", ())}
        discrepancy_ids = {d["id"] for d in s["discrepancies"]}
        for f in s.get("facts", ()):
            for m in f["sources"]:
                check(m, f"story {s['id']} fact {f['id']}")
            for x in f["slots"]:
                check(x["evidence"], f"story {s['id']} fact {f['id']} slot {x['name']}")
            unknown = set(f["discrepancies"]) - discrepancy_ids
            if unknown:
                raise SchemaError(f"story {s['id']} fact {f['id']}: names unknown discrepancies {sorted(unknown)}")
        for v in s.get("quote_variants", ()):
            unknown = set(v["quotes"]) - ids
            if unknown:
                raise SchemaError(f"story {s['id']} quote variant names unknown quotes {sorted(unknown)}")
        for c in s.get("coverage", ()):
            unknown = (set(c["reported"]) | set(c["omitted"])) - fact_ids
            if unknown:
                raise SchemaError(f"story {s['id']} coverage of {c['outlet']}: names unknown facts {sorted(unknown)}")
        for f in s.get("framing", ()):
            for group in ("cues", "hedges", "labels"):
                for u in f[group]:
                    for m in u["evidence"]:
                        check(m, f"story {s['id']} framing of {f['outlet']} {group}")
            for v in f["voices"]:
                for m in v["evidence"]:
                    check(m, f"story {s['id']} framing of {f['outlet']} voices")
        for x in s["summary"]:
            for aid in x["sources"]:
                if aid not in s["articles"]:
                    raise SchemaError(f"story {s['id']} summary cites {aid!r}, not an article of the story")


def dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2)


def who_spoke(quote: dict) -> str:
    """How a report quote's speaker is shown (:func:`parallax.compare.quotes.speaker_label`)."""
    return speaker_label(quote.get("speaker"), quote.get("speaker_text"))

