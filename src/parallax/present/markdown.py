"""The Markdown brief: what a person reads in two minutes. Renders the report dict only."""

from __future__ import annotations


def _clip(text: str, n: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


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
        for aid in s["articles"]:
            a = arts[aid]
            out.append(f"| {_cell(name(aid))} ({aid}) | {a['published'] or '—'} | {_cell(a['title'] or '—')} |")
        if s["summary"]:
            out += ["", "### Summary", ""]
            out += [f"- {_clip(x['text'], 400)} — *{', '.join(name(i) for i in x['sources'])}*" for x in s["summary"]]
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
        if s["quotes"]:
            out += ["", "### Who said what", ""]
            by_id = {q["id"]: q for q in s["quotes"]}
            shown: set[str] = set()
            for q in s["quotes"]:
                if q["id"] in shown:
                    continue
                shown.add(q["id"])
                who = q["speaker"] or "unidentified speaker"
                cue = f" ({q['cue']})" if q["cue"] else ""
                out.append(f"- **{who}**{cue}, in {name(q['article'])}: “{_clip(q['text'])}”")
                for other in q["aligned_with"]:
                    o = by_id[other]
                    shown.add(other)
                    out.append(f"  - same statement in {name(o['article'])}: “{_clip(o['text'])}”")
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
