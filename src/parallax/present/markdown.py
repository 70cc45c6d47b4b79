"""The Markdown brief: what a person reads in two minutes. Renders the report dict only."""

from __future__ import annotations

from ..textutil import content_words
from .report import who_spoke


def _clip(text: str, n: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _changes(changes: list[dict], a: str, b: str, limit: int = 6) -> str:
    """What differs between two renderings of one statement, in words a reader scans."""
    # punctuation, case and small words ("the", "weeks," / "weeks") are not a difference
    real = [c for c in changes if content_words(c["a"]) != content_words(c["b"])]
    if not real:
        return "*the same words*"
    parts = []
    for c in real[:limit]:
        if c["op"] == "delete":
            parts.append(f"only {a}: “{_clip(c['a'], 60)}”")
        elif c["op"] == "insert":
            parts.append(f"only {b}: “{_clip(c['b'], 60)}”")
        else:
            parts.append(f"{a} “{_clip(c['a'], 50)}” / {b} “{_clip(c['b'], 50)}”")
    more = f"; and {len(real) - limit} more" if len(real) > limit else ""
    return "*differences:* " + "; ".join(parts) + more


def _coverage(s: dict, max_facts: int = 15) -> list[str]:
    """The facts x outlets matrix and, per outlet, what others reported that it left out."""
    facts, cover = s.get("facts", []), s.get("coverage", [])
    if not facts or not cover:
        return []
    shown = facts[:max_facts]
    out = ["", "### Facts and who reported them", "",
           "Each row is one fact aligned across sources; ✓ marks the outlets that report it, "
           "*independent* counts an outlet's articles, near-copies and reused passages once.", "",
           "| fact | independent | " + " | ".join(_cell(c["outlet"]) for c in cover) + " |",
           "|---|---|" + "---|" * len(cover)]
    for f in shown:
        flag = " **(disputed)**" if f["discrepancies"] else ""
        cells = " | ".join("✓" if c["outlet"] in f["outlets"] else "·" for c in cover)
        out.append(f"| {_cell(_clip(f['text'], 110))}{flag} | {f['independent']} | {cells} |")
    if len(facts) > max_facts:
        out.append(f"\n{len(facts) - max_facts} more facts, each reported by one source, are in the JSON report.")
    by_id = {f["id"]: f for f in facts}
    lines = []
    for c in cover:
        widely = [by_id[i] for i in c["omitted"] if len(by_id[i]["outlets"]) >= 2][:5]
        if widely:
            lines.append(f"- **{_cell(c['outlet'])}** did not report: "
                         + "; ".join(f"{_clip(f['text'], 90)} ({len(f['outlets'])} outlets)" for f in widely))
    if lines:
        out += ["", "What each outlet left out that two or more others reported:", ""] + lines
    return out


def _framing(s: dict) -> list[str]:
    """Per outlet: reporting verbs by category, hedges, loaded terms and the voices it quotes."""
    rows = s.get("framing", [])
    if not rows:
        return []
    out = ["", "### How each outlet framed it", "",
           "| outlet | reporting verbs | hedges | loaded terms | voices quoted (quotes, words) |", "|---|---|---|---|---|"]
    for f in rows:
        verbs = ", ".join(f"{u['text']} ×{u['count']}" + (f" ({u['about']})" if u["about"] not in (None, "neutral") else "")
                          for u in f["cues"][:6]) or "—"
        hedges = ", ".join(f"{u['text']} ×{u['count']}" for u in f["hedges"]) or "—"
        loaded = ", ".join(f"{u['text']} ×{u['count']}" for u in f["labels"] if u["about"] == "loaded term") or "—"
        voices = ", ".join(f"{v['speaker']} ({v['quotes']}, {v['words']})" for v in f["voices"][:4]) or "—"
        out.append(f"| {_cell(f['outlet'])} | {_cell(verbs)} | {_cell(hedges)} | {_cell(loaded)} | {_cell(voices)} |")
    names: dict[str, dict[str, list[str]]] = {}
    for f in rows:
        for u in f["labels"]:
            if u["about"] and u["about"] != "loaded term":
                names.setdefault(u["about"], {}).setdefault(f["outlet"], []).append(u["text"])
    if names:
        out += ["", "Names and titles the outlets use for the same entity:", ""]
        for entity, per in list(names.items())[:8]:
            out.append(f"- **{_cell(entity)}**: " + "; ".join(
                f"{_cell(o)}: {', '.join(dict.fromkeys(forms))}" for o, forms in per.items()))
    return out


def render_markdown(report: dict) -> str:
    arts = {a["id"]: a for a in report["articles"]}

    def name(aid: str) -> str:
        a = arts.get(aid)
        return (a or {}).get("source") or aid

    out = ["# Parallax brief", ""]
    n_st = len(report["stories"])
    out.append(f"{len(report['articles'])} articles, {n_st} {'story' if n_st == 1 else 'stories'}, "
               f"{len(report['rejected'])} rejected inputs.")
    for s in report["stories"]:
        out += ["", f"## {s['title']}", "", f"{len(s['articles'])} articles · story `{s['id']}`", "",
                "| source | published | title |", "|---|---|---|"]
        inferred = {d["article"]: d for d in s.get("inferred_dates", ())}
        for aid in s["articles"]:
            a = arts[aid]
            who = _cell(name(aid)) + ("" if name(aid) == aid else f" ({aid})")
            published = a["published"] or (f"{inferred[aid]['date']} (year inferred)" if aid in inferred else "—")
            out.append(f"| {who} | {published} | {_cell(a['title'] or '—')} |")
        if s["summary"]:
            out += ["", "### Summary", ""]
            out += [f"- {_clip(x['text'], 400)} — *{', '.join(dict.fromkeys(name(i) for i in x['sources']))}*"
                    for x in s["summary"]]
        if s["timeline"]:
            out += ["", "### Timeline", ""]
            for t in s["timeline"]:
                mark = " **(disputed)**" if t["disputed"] else ""
                srcs = ", ".join(dict.fromkeys(name(e["article"]) for e in t["sources"]))
                out.append(f"- **{t['date']}**{mark}: {_clip(t['text'], 180)} — *{srcs}*")
        if s["discrepancies"]:
            out += ["", "### Where the sources disagree", ""]
            for d in s["discrepancies"]:
                out.append(f"- **{d['about']}** ({d['kind']}): {d['explanation']}")
                for c in d["claims"]:
                    out.append(f"  - {name(c['article'])}: `{c['value']}` — «{_clip(c['text'], 220)}»")
        out += _coverage(s)
        out += _framing(s)
        if s["quotes"]:
            out += ["", "### Who said what", ""]
            by_id = {q["id"]: q for q in s["quotes"]}
            variants = {tuple(v["quotes"]): v["changes"] for v in s.get("quote_variants", [])}
            shown: set[str] = set()
            for q in s["quotes"]:
                if q["id"] in shown:
                    continue
                shown.add(q["id"])
                who = who_spoke(q)
                cue = f" ({q['cue']})" if q["cue"] else ""
                out.append(f"- **{who}**{cue}, in {name(q['article'])}: “{_clip(q['text'])}”")
                for other in q["aligned_with"]:
                    o = by_id[other]
                    shown.add(other)
                    out.append(f"  - same statement in {name(o['article'])}: “{_clip(o['text'])}”")
                    changes = variants.get((q["id"], other)) or variants.get((other, q["id"]))
                    if changes is not None:
                        first = q if (q["id"], other) in variants else o
                        second = o if first is q else q
                        out.append("    " + _changes(changes, name(first["article"]), name(second["article"])))
        people = [e for e in s["entities"] if len(e["mentions"]) >= 2][:15]
        if people:
            out += ["", "### Who and where", "", "| entity | type | also written | mentions |", "|---|---|---|---|"]
            for e in people:
                aliases = ", ".join(a for a in e["aliases"] if a != e["name"]) or "—"
                out.append(f"| {_cell(e['name'])} | {e['type']} | {_cell(aliases)} | {len(e['mentions'])} |")
    if report["rejected"]:
        out += ["", "## Rejected inputs", ""]
        out += [f"- `{r['path']}`: {r['reason']}" for r in report["rejected"]]
    # article text is data, never markup: defuse HTML that Markdown viewers would render
    return "\n".join(out).replace("<", "&lt;").replace(">", "&gt;") + "\n"
