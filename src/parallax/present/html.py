"""One self-contained HTML page (inline CSS, no script, no external request): per story the
sources, summary, timeline, who said what, discrepancies and entities; then every article's
clean text with each sentence an anchor, so that every finding links to its sentence, shown
highlighted (CSS :target). Evidence passages are marked inside their sentences. All text from
articles is escaped."""

from __future__ import annotations

import bisect
from html import escape

from .report import who_spoke

CSS = """
body{font:16px/1.5 Georgia,serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#222}
h1,h2,h3{font-family:Helvetica,Arial,sans-serif;line-height:1.2}
h2{border-top:3px solid #333;padding-top:.6rem;margin-top:2.5rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}
td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.src{color:#555;font-size:.88rem}.src a{color:#0b5394}
.disputed{color:#b00;font-weight:bold}
.claims{margin:.2rem 0 .8rem 1rem}
blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.8rem;border-left:3px solid #ccc}
article{border:1px solid #ddd;padding:.8rem 1.2rem;margin:1.2rem 0;border-radius:4px}
article p{margin:.5rem 0}
mark{background:#fff3b0}
.sent:target{background:#ffd54f;outline:2px solid #e6a700}
article:target{border-color:#e6a700}
.meta{color:#666;font-size:.85rem}
details{margin:.3rem 0}
.matrix td.yes,.matrix td.no{text-align:center}.matrix td.yes{background:#e6f4ea}.matrix td.no{color:#bbb}
"""


def _sentence_index(report: dict) -> dict[str, list[tuple[int, int]]]:
    return {a["id"]: sorted(tuple(s) for s in a["sentences"]) for a in report["articles"]}


def _anchor(sentences: dict, aid: str, start: int) -> str:
    spans = sentences.get(aid, [])
    i = bisect.bisect_right(spans, (start, float("inf"))) - 1
    if 0 <= i < len(spans) and spans[i][0] <= start < spans[i][1]:
        return f"s-{aid}-{spans[i][0]}"
    return f"a-{aid}"


def _article_html(a: dict, marks: list[tuple[int, int]]) -> str:
    text = a["text"]
    cuts = {0, len(text)}
    for s0, s1 in a["sentences"]:
        cuts.update((s0, s1))
    for m0, m1 in marks:
        cuts.update((m0, m1))
    for i, ch in enumerate(text):
        if ch == "\n":
            cuts.update((i, i + 1))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    sent_at = {s0: s1 for s0, s1 in a["sentences"]}
    mark_cover = sorted(marks)
    out = ["<p>"]
    open_sentence_end = None
    for lo, hi in zip(points, points[1:]):
        if open_sentence_end is not None and lo >= open_sentence_end:
            out.append("</span>")
            open_sentence_end = None
        if text[lo:hi] == "\n":
            if open_sentence_end is not None:
                out.append("</span>")
                open_sentence_end = None
            out.append("</p>\n<p>")
            continue
        if open_sentence_end is None and lo in sent_at:
            out.append(f'<span class="sent" id="s-{escape(a["id"])}-{lo}">')
            open_sentence_end = sent_at[lo]
        seg = escape(text[lo:hi])
        covered = any(m0 <= lo and hi <= m1 for m0, m1 in mark_cover)
        out.append(f"<mark>{seg}</mark>" if covered else seg)
    if open_sentence_end is not None:
        out.append("</span>")
    out.append("</p>")
    return "".join(out)


def _coverage_html(s: dict, link) -> list[str]:
    """The facts x outlets matrix: a row per fact, a column per outlet, each tick linking to the
    sentence; then what each outlet left out."""
    facts, cover = s.get("facts", []), s.get("coverage", [])
    if not facts or not cover:
        return []
    out = ["<h3>Coverage: facts &times; outlets</h3><table class=matrix><tr><th>fact</th><th>independent</th>"
           + "".join(f"<th>{escape(c['outlet'])}</th>" for c in cover) + "</tr>"]
    for f in facts:
        flag = " <span class=disputed>disputed</span>" if f["discrepancies"] else ""
        cells = []
        for c in cover:
            ev = next((e for e in f["sources"] if e["article"] in c["articles"]), None)
            cells.append(f"<td class=yes>{link(ev['article'], ev['start'], '&#10003;')}</td>" if ev
                         else "<td class=no>&middot;</td>")
        out.append(f"<tr><td>{escape(f['text'])}{flag}</td><td>{f['independent']}</td>{''.join(cells)}</tr>")
    out.append("</table>")
    by_id = {f["id"]: f for f in facts}
    items = []
    for c in cover:
        widely = [by_id[i] for i in c["omitted"] if len(by_id[i]["outlets"]) >= 2]
        if widely:
            items.append(f"<li><b>{escape(c['outlet'])}</b> did not report: " + "; ".join(
                f"{escape(f['text'])} <span class=meta>({len(f['outlets'])} outlets)</span>" for f in widely) + "</li>")
    if items:
        out.append("<p>What each outlet left out that two or more others reported:</p><ul>" + "".join(items) + "</ul>")
    return out


def _variants_html(s: dict, link) -> list[str]:
    """The same statement as two outlets quote it, side by side, with the words only one of
    them has listed under it."""
    variants = s.get("quote_variants", [])
    if not variants:
        return []
    by_id = {q["id"]: q for q in s["quotes"]}
    out = ["<h3>One statement, two renderings</h3>"]
    for v in variants:
        qa, qb = (by_id[i] for i in v["quotes"])
        only_a = [c["a"] for c in v["changes"] if c["op"] in ("delete", "replace") and c["a"]]
        only_b = [c["b"] for c in v["changes"] if c["op"] in ("insert", "replace") and c["b"]]
        out.append("<table><tr>"
                   f"<th>{link(qa['article'], qa['start'])} — {escape(who_spoke(qa))}</th>"
                   f"<th>{link(qb['article'], qb['start'])} — {escape(who_spoke(qb))}</th></tr>"
                   f"<tr><td>{escape(qa['text'])}</td><td>{escape(qb['text'])}</td></tr>"
                   f"<tr><td class=meta>only here: {escape(' … '.join(only_a)) or '&mdash;'}</td>"
                   f"<td class=meta>only here: {escape(' … '.join(only_b)) or '&mdash;'}</td></tr></table>")
    return out


def _framing_html(s: dict, link) -> list[str]:
    rows = s.get("framing", [])
    if not rows:
        return []

    def usages(us) -> str:
        return ", ".join(
            f"{link(u['evidence'][0]['article'], u['evidence'][0]['start'], escape(u['text']))} &times;{u['count']}"
            + (f" <span class=meta>{escape(u['about'])}</span>" if u.get("about") not in (None, "neutral", "loaded term") else "")
            for u in us if u["evidence"]) or "&mdash;"

    out = ["<h3>Framing by outlet</h3><table><tr><th>outlet</th><th>reporting verbs</th><th>hedges</th>"
           "<th>loaded terms</th><th>voices quoted (quotes, words)</th></tr>"]
    for f in rows:
        cues = usages(f["cues"])
        hedges = usages(f["hedges"])
        loaded = usages([u for u in f["labels"] if u["about"] == "loaded term"])
        voices = ", ".join(f"{link(v['evidence'][0]['article'], v['evidence'][0]['start'], escape(v['speaker']))} "
                           f"({v['quotes']}, {v['words']})" for v in f["voices"] if v["evidence"]) or "&mdash;"
        out.append(f"<tr><td>{escape(f['outlet'])}</td><td>{cues}</td><td>{hedges}</td><td>{loaded}</td><td>{voices}</td></tr>")
    out.append("</table>")
    names: dict[str, dict[str, list[str]]] = {}
    for f in rows:
        for u in f["labels"]:
            if u["about"] and u["about"] != "loaded term":
                names.setdefault(u["about"], {}).setdefault(f["outlet"], []).append(
                    link(u["evidence"][0]["article"], u["evidence"][0]["start"], escape(u["text"])))
    if names:
        outlets = [f["outlet"] for f in rows]
        out.append("<p>How each outlet names the same entity:</p><table><tr><th>entity</th>"
                   + "".join(f"<th>{escape(o)}</th>" for o in outlets) + "</tr>")
        for entity, per in names.items():
            out.append(f"<tr><td>{escape(entity)}</td>"
                       + "".join(f"<td>{', '.join(per.get(o, [])) or '&middot;'}</td>" for o in outlets) + "</tr>")
        out.append("</table>")
    return out


def render_html(report: dict) -> str:
    arts = {a["id"]: a for a in report["articles"]}
    sentences = _sentence_index(report)

    def name(aid: str) -> str:
        return escape((arts.get(aid) or {}).get("source") or aid)

    def link(aid: str, start: int, label: str | None = None) -> str:
        return f'<a href="#{escape(_anchor(sentences, aid, start))}">{label or name(aid)}</a>'

    marks: dict[str, list[tuple[int, int]]] = {}
    body = [f"<h1>Parallax report</h1><p class=meta>{len(report['articles'])} articles · "
            f"{len(report['stories'])} stories · {len(report['rejected'])} rejected</p>"]
    for s in report["stories"]:
        body.append(f"<h2>{escape(s['title'])}</h2>")
        body.append("<h3>Sources</h3><table><tr><th>outlet</th><th>published</th><th>title</th></tr>")
        inferred = {d["article"]: d for d in s.get("inferred_dates", ())}
        for aid in s["articles"]:
            a = arts[aid]
            meta = "" if a.get("source") in (None, "", aid) else f" <span class=meta>{escape(aid)}</span>"
            published, how, why = a["published"] or "—", a["published_from"] or "", a.get("published_reason") or ""
            if not a["published"] and aid in inferred:
                published, how, why = inferred[aid]["date"], "year inferred", inferred[aid]["reason"]
            body.append(f'<tr><td><a href="#a-{escape(aid)}">{name(aid)}</a>{meta}</td>'
                        f'<td>{escape(published)} <span class=meta title="{escape(why)}">{escape(how)}</span></td>'
                        f"<td>{escape(a['title'] or '—')}</td></tr>")
        body.append("</table>")
        if s["summary"]:
            body.append("<h3>Summary</h3><ul>")
            for x in s["summary"]:
                srcs = ", ".join(f'<a href="#a-{escape(i)}">{name(i)}</a>' for i in x["sources"])
                body.append(f"<li>{escape(x['text'])} <span class=src>— {srcs}</span></li>")
            body.append("</ul>")
        if s["timeline"]:
            body.append("<h3>Timeline</h3><table>")
            for t in s["timeline"]:
                for e in t["sources"]:
                    marks.setdefault(e["article"], []).append((e["start"], e["end"]))
                srcs = ", ".join(link(e["article"], e["start"]) for e in t["sources"])
                flag = ' <span class=disputed>disputed</span>' if t["disputed"] else ""
                body.append(f"<tr><td>{escape(t['date'])}{flag}</td><td>{escape(t['text'])}"
                            f"<div class=src>{srcs}</div></td></tr>")
            body.append("</table>")
        if s["discrepancies"]:
            body.append("<h3>Where the sources disagree</h3>")
            for d in s["discrepancies"]:
                body.append(f"<p><b>{escape(d['about'])}</b> <span class=meta>({escape(d['kind'])})</span><br>"
                            f"{escape(d['explanation'])}</p><ul class=claims>")
                for c in d["claims"]:
                    marks.setdefault(c["article"], []).append((c["start"], c["end"]))
                    body.append(f"<li>{link(c['article'], c['start'])}: <code>{escape(c['value'])}</code> — "
                                f"«{escape(c['text'])}»</li>")
                body.append("</ul>")
        body += _coverage_html(s, link)
        body += _framing_html(s, link)
        body += _variants_html(s, link)
        if s["quotes"]:
            body.append("<h3>Who said what</h3>")
            for q in s["quotes"]:
                marks.setdefault(q["article"], []).append((q["start"], q["end"]))
                who = escape(who_spoke(q))
                cue = f" <i>{escape(q['cue'])}</i>" if q["cue"] else ""
                aligned = (" <span class=meta>same statement as " + ", ".join(escape(x) for x in q["aligned_with"])
                           + "</span>") if q["aligned_with"] else ""
                body.append(f"<p><b>{who}</b>{cue} — {link(q['article'], q['start'])}{aligned}"
                            f"<blockquote>{escape(q['text'])}</blockquote></p>")
        if s["entities"]:
            body.append("<h3>Who and where</h3><table><tr><th>entity</th><th>type</th><th>also written</th>"
                        "<th>described as</th><th>mentions</th></tr>")
            for e in s["entities"]:
                first = e["mentions"][0] if e["mentions"] else None
                ref = link(first["article"], first["start"], str(len(e["mentions"]))) if first else "0"
                body.append(f"<tr><td>{escape(e['name'])}</td><td>{escape(e['type'])}</td>"
                            f"<td>{escape(', '.join(a for a in e['aliases'] if a != e['name']))}</td>"
                            f"<td>{escape('; '.join(e['descriptions']))}</td><td>{ref}</td></tr>")
            body.append("</table>")
    if report["rejected"]:
        body.append("<h2>Rejected inputs</h2><ul>")
        body += [f"<li><code>{escape(r['path'])}</code>: {escape(r['reason'])}</li>" for r in report["rejected"]]
        body.append("</ul>")
    body.append("<h2>Articles</h2>")
    for a in report["articles"]:
        meta = " · ".join(escape(x) for x in (a["source"], a["published"], a["url"]) if x)
        body.append(f'<article id="a-{escape(a["id"])}"><h3>{escape(a["title"] or a["id"])}</h3>'
                    f"<div class=meta>{escape(a['id'])}{' · ' + meta if meta else ''}</div>"
                    f"{_article_html(a, marks.get(a['id'], []))}")
        if a["removed"]:
            body.append("<details><summary class=meta>removed during cleaning</summary><ul>"
                        + "".join(f"<li>{escape(r)}</li>" for r in a["removed"]) + "</ul></details>")
        body.append("</article>")
    return ("<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
            "<meta name=viewport content='width=device-width,initial-scale=1'>"
            f"<title>Parallax report</title><style>{CSS}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")
