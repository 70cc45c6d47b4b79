"""Evaluate quote extraction against PolNeAR (BRAT standoff attribution annotations).

``evaluate(path)`` reads a PolNeAR split folder (``text/*.txt`` and
``attributions/*_<annotator>.ann``), runs the sentence splitter and
:func:`parallax.analyze.quotes.find_quotes` on each text, and scores:

* content, cue and source spans, each as precision/recall/F1 under two matchings:
  **overlap** (a predicted and a gold span share at least one token; one-to-one, greedy
  by largest overlap, equal overlaps closest extent first, then in text order) and **exact** (the same tokens, punctuation tokens ignored, so that
  PolNeAR's convention of keeping quote marks and the final period inside a direct
  content does not count against a prediction that leaves them out);
* **speaker accuracy**: over the gold attributions whose content was found (overlap) and
  that have a gold source, the share whose predicted speaker overlaps the gold source.

Besides, as a breakdown (not a replacement for the figures above), content overlap is scored
on the gold attributions whose cue holds a reporting or attitude word of the quote lexicon
(:func:`parallax.analyze.quote_model.lexical`: "said", "believes", "criticized"; or a
multi-word cue, or a "Name: ..." line's colon), leaving out
those PolNeAR annotates on an event, act or noun ("voted for", "filed a lawsuit", "in" a
poll), which the quote stage does not report as anyone's words by design; predictions
matched to a left-out attribution are left out too. ``reporting_cue_gold_share`` is the share
of gold attributions it keeps.

Predicted quotes that share one cue span (a quote continued after its attribution) are
scored as one attribution whose content is the union of theirs, as PolNeAR annotates a
discontinuous content.

Limits: where several annotators annotated one article the first annotation file (by name)
is used. Discontinuous gold spans are scored as the union of their fragments. Gold
"Discuss"/"Discard" annotations are ignored.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ParallaxError

log = logging.getLogger(__name__)

__all__ = ["evaluate", "read_brat", "GoldAttribution"]

_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)
    source: list[tuple[int, int]] = field(default_factory=list)


def read_brat(ann: str) -> list[GoldAttribution]:
    """Attributions of one PolNeAR ``.ann`` file (text-bound spans joined by events)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                try:
                    a, b = frag.split()
                    frags.append((int(a), int(b)))
                except ValueError:
                    log.debug("bad offsets %r", frag)
            spans[parts[0]] = (label, frags)
        elif parts[0].startswith("E"):
            events.append(parts[1].split())
    out = []
    for args in events:
        if not args or not args[0].startswith("Attribution"):
            continue
        g = GoldAttribution()
        for arg in args[1:]:
            role, _, tid = arg.partition(":")
            frags = spans.get(tid, ("", []))[1]
            role = role.rstrip("0123456789").lower()
            if role in ("content", "cue", "source"):
                getattr(g, role).extend(frags)
        if g.content:
            out.append(g)
    return out


@dataclass
class _Predicted:
    content: list[tuple[int, int]]
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None


def _attributions(quotes) -> list[_Predicted]:
    """Predicted quotes as attributions: quotes sharing one cue span (a quote continued after
    its attribution, ``"A," she said. "B."``) are one attribution with a discontinuous
    content, as PolNeAR annotates them."""
    out: list[_Predicted] = []
    by_cue: dict[tuple[int, int], _Predicted] = {}
    for q in quotes:
        if q.cue is not None and q.cue in by_cue:
            by_cue[q.cue].content.append((q.start, q.end))
            continue
        p = _Predicted([(q.start, q.end)], q.cue, q.speaker)
        out.append(p)
        if q.cue is not None:
            by_cue[q.cue] = p
    return out


class _Tokens:
    def __init__(self, text: str):
        self.starts = []
        self.ends = []
        self.word = []
        for m in _TOKEN.finditer(text):
            self.starts.append(m.start())
            self.ends.append(m.end())
            self.word.append(m.group()[0].isalnum() or m.group()[0] == "_")

    def of(self, frags: Iterable[tuple[int, int]], words_only: bool = False) -> frozenset[int]:
        import bisect

        out = set()
        for a, b in frags:
            i = bisect.bisect_right(self.ends, a)
            while i < len(self.starts) and self.starts[i] < b:
                if not words_only or self.word[i]:
                    out.add(i)
                i += 1
        return frozenset(out)


def _match(pred: list[frozenset[int]], gold: list[frozenset[int]], exact: bool) -> list[tuple[int, int]]:
    """One-to-one matches (pred index, gold index), greedy by overlap size. Equal overlaps are
    taken closest extent first (the larger Dice coefficient, ``2|p & g| / (|p| + |g|)``), then
    in text order: a prediction that shares as many tokens with a nested attribution as with the
    one around it is matched to the nested one, whose extent it has."""
    pairs = []
    for i, p in enumerate(pred):
        if not p:
            continue
        for j, g in enumerate(gold):
            if not g:
                continue
            if exact:
                if p == g:
                    pairs.append((len(p), 1.0, i, j))
            else:
                n = len(p & g)
                if n:
                    pairs.append((n, 2 * n / (len(p) + len(g)), i, j))
    pairs.sort(key=lambda t: (-t[0], -t[1], t[2], t[3]))
    used_p, used_g, out = set(), set(), []
    for _n, _dice, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _reporting_cue(text: str, gold: GoldAttribution) -> bool:
    """Whether a gold attribution's cue is one the quote stage reports: it holds a reporting or
    attitude word ("said", "believes", "slammed") or a multi-word cue of the lexicon ("made it
    clear"), or it is the colon of a "Name: ..." line; not only an event, act or noun ("voted
    for", "gave", "in")."""
    from ..analyze.quote_lexicon import MULTIWORD_CUES
    from ..analyze.quote_model import lexical

    cue = " ".join(text[a:b] for a, b in gold.cue).strip()
    if cue == ":" or any(m in cue.lower() for m in MULTIWORD_CUES):
        return True
    return any(lexical(w) for w in re.findall(r"[^\W\d_][\w’'-]*", cue))


class _Score:
    def __init__(self):
        self.tp = self.n_pred = self.n_gold = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def _pairs(folder: Path) -> list[tuple[Path, Path]]:
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ParallaxError(
            f"{folder}: expected a PolNeAR split folder with 'text/' and 'attributions/' "
            "subfolders (e.g. ../shared/data/polnear/dev)"
        )
    anns: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        anns.setdefault(stem, ann)
    out = []
    for txt in sorted(text_dir.glob("*.txt")):
        ann = anns.get(txt.stem)
        if ann is None:
            log.warning("%s: no attribution file, skipped", txt)
            continue
        out.append((txt, ann))
    if not out:
        raise ParallaxError(f"{folder}: no text file with a matching .ann file")
    return out


def evaluate(path: str | Path, limit: int | None = None) -> tuple[list[str], dict]:
    """Score quote extraction on a PolNeAR split folder; returns (report lines, figures)."""
    from ..analyze.quotes import find_quotes
    from ..analyze.sentences import SentenceStage

    folder = Path(path)
    pairs = _pairs(folder)[:limit]
    splitter = SentenceStage()
    scores = {f"{role}_{mode}": _Score() for role in ("content", "cue", "source") for mode in ("overlap", "exact")}
    speaker_ok = speaker_n = 0
    reporting = _Score()
    for txt, ann in pairs:
        text = txt.read_text(encoding="utf-8")
        gold = read_brat(ann.read_text(encoding="utf-8"))
        quotes = _attributions(find_quotes(text, splitter.split(text), []))
        toks = _Tokens(text)
        for mode, exact in (("overlap", False), ("exact", True)):
            for role in ("content", "cue", "source"):
                if role == "content":
                    p_spans = [toks.of(q.content, exact) for q in quotes]
                    g_spans = [toks.of(g.content, exact) for g in gold]
                elif role == "cue":
                    p_spans = [toks.of([q.cue], exact) for q in quotes if q.cue]
                    g_spans = [toks.of(g.cue, exact) for g in gold if g.cue]
                else:
                    p_spans = [toks.of([q.speaker], exact) for q in quotes if q.speaker]
                    g_spans = [toks.of(g.source, exact) for g in gold if g.source]
                # Empty sets stay in place (so indices keep pointing at quotes and gold) but
                # are neither matched nor counted.
                matched = _match(p_spans, g_spans, exact)
                scores[f"{role}_{mode}"].add(
                    len(matched), sum(1 for s in p_spans if s), sum(1 for s in g_spans if s)
                )
                if role == "content" and not exact:
                    keep = [_reporting_cue(text, g) for g in gold]
                    reporting.add(
                        sum(1 for _i, j in matched if keep[j]),
                        sum(1 for s in p_spans if s) - sum(1 for _i, j in matched if not keep[j]),
                        sum(1 for s, k in zip(g_spans, keep) if s and k),
                    )
                    for i, j in matched:
                        g = gold[j]
                        if not g.source:
                            continue
                        speaker_n += 1
                        q = quotes[i]
                        if q.speaker and toks.of([q.speaker]) & toks.of(g.source):
                            speaker_ok += 1
    figures: dict = {"articles": len(pairs)}
    lines = [f"PolNeAR quotes: {folder} ({len(pairs)} articles)"]
    lines.append(f"{'':16}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'gold':>7}")
    for name, sc in scores.items():
        p, r, f = sc.prf()
        figures[f"{name}_precision"] = round(p, 4)
        figures[f"{name}_recall"] = round(r, 4)
        figures[f"{name}_f1"] = round(f, 4)
        lines.append(f"{name:16}{p:7.3f}{r:7.3f}{f:7.3f}{sc.n_pred:7d}{sc.n_gold:7d}")
    p, r, f = reporting.prf()
    gold_n = scores["content_overlap"].n_gold
    figures["reporting_cue_content_overlap_precision"] = round(p, 4)
    figures["reporting_cue_content_overlap_recall"] = round(r, 4)
    figures["reporting_cue_content_overlap_f1"] = round(f, 4)
    figures["reporting_cue_gold_share"] = round(reporting.n_gold / gold_n, 4) if gold_n else 0.0
    lines.append(f"{'reporting_cue':16}{p:7.3f}{r:7.3f}{f:7.3f}{reporting.n_pred:7d}{reporting.n_gold:7d}"
                 f"  (content overlap on the {figures['reporting_cue_gold_share']:.1%} of gold attributions"
                 f" whose cue is a reporting or attitude word or phrase; a breakdown, not the score)")
    figures["speaker_accuracy"] = round(speaker_ok / speaker_n, 4) if speaker_n else 0.0
    figures["speaker_n"] = speaker_n
    lines.append(f"speaker accuracy {figures['speaker_accuracy']:.3f} over {speaker_n} found attributions with a gold source")
    return lines, figures
