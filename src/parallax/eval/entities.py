"""`parallax eval entities DIR`: cross-document entity resolution scored on MEANTIME.

``DIR`` is MEANTIME's ``intra_cross-doc_annotation`` folder (or one ``corpus_*`` folder in
it): CAT XML documents whose ``ENTITY_MENTION`` markables point, through ``REFERS_TO``
relations, to ``ENTITY`` instances shared across the documents of a corpus.

For each corpus, the text of every document is rebuilt from its tokens (one line per
sentence, spaces between tokens except before closing punctuation), and Parallax runs as
in production: sentences -> :class:`EntityStage` -> :class:`RoleStage` -> :func:`resolve`.
Each predicted mention is aligned to at most one gold mention (overlap covering at least
half of the predicted span, best overlap first). The predicted entities are then scored
against the gold instances over the gold mentions that were found: MUC, B³, CEAFe and the
CoNLL F1 (their mean F1). Mention recall (gold mentions found / all gold mentions, and over
gold proper-name mentions only) is reported beside, since a resolver only clusters what the
recogniser finds.

With ``gold_mentions=True`` the recogniser is skipped and the gold proper-name mentions
(``syntactic_type="NAM"``) are the input, which separates recognition errors from
resolution errors. Gold entities without a cross-document instance id are scored as
document-local clusters.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..analyze.entities import EntityStage
from ..analyze.roles import RoleStage
from ..analyze.sentences import SentenceStage
from ..link.entities import resolve
from ..model import Article, Mention

# MEANTIME entity types -> Parallax labels, for the gold-mention input.
_TYPE_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE", "PRO": "OTHER", "FIN": "OTHER", "MIX": "OTHER"}
_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?)\]}%]|'s|’s|n't|'|’)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#"}

Key = tuple[str, int, int]  # (doc id, start, end)


@dataclass
class GoldDoc:
    article: Article
    mentions: dict[Key, str]  # gold mention span -> gold cluster id
    names: set[Key]  # the proper-name (NAM) mentions among them
    types: dict[Key, str]


def read_meantime_doc(path: Path) -> GoldDoc:
    """One CAT XML document: rebuilt text, gold mentions and their clusters."""
    root = ET.parse(path).getroot()
    doc_id = root.get("doc_id") or path.stem
    tokens = root.findall("token")
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_sentence = None
    prev_text = None
    for tok in tokens:
        t = tok.text or ""
        if prev_sentence is not None:
            if tok.get("sentence") != prev_sentence:
                sep = "\n"
            elif _NO_SPACE_BEFORE.match(t) or prev_text in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            pieces.append(sep)
            pos += len(sep)
        offsets[tok.get("t_id")] = (pos, pos + len(t))
        pieces.append(t)
        pos += len(t)
        prev_sentence, prev_text = tok.get("sentence"), t
    text = "".join(pieces)

    markables = root.find("Markables")
    spans: dict[str, tuple[int, int]] = {}
    syntactic: dict[str, str] = {}
    for m in markables.iter("ENTITY_MENTION") if markables is not None else ():
        anchors = [offsets[a.get("t_id")] for a in m.findall("token_anchor") if a.get("t_id") in offsets]
        if anchors:
            spans[m.get("m_id")] = (min(a[0] for a in anchors), max(a[1] for a in anchors))
            syntactic[m.get("m_id")] = m.get("syntactic_type") or ""
    instances: dict[str, tuple[str, str]] = {}
    for e in markables.iter("ENTITY") if markables is not None else ():
        inst = e.get("instance_id") or f"{doc_id}:{e.get('m_id')}"
        instances[e.get("m_id")] = (inst, e.get("ent_type") or "")
    gold: dict[Key, str] = {}
    names: set[Key] = set()
    types: dict[Key, str] = {}
    relations = root.find("Relations")
    for rel in relations.iter("REFERS_TO") if relations is not None else ():
        targets = [t.get("m_id") for t in rel.findall("target")]
        target = next((t for t in targets if t in instances), None)
        if target is None:
            continue
        for src in rel.findall("source"):
            sid = src.get("m_id")
            if sid in spans:
                key = (doc_id, *spans[sid])
                gold[key] = instances[target][0]
                types[key] = instances[target][1]
                if syntactic.get(sid) == "NAM":
                    names.add(key)
    return GoldDoc(Article(id=doc_id, text=text, path=str(path)), gold, names, types)


def read_corpora(path: str | Path) -> dict[str, list[GoldDoc]]:
    """Corpus name -> documents, for a folder of ``corpus_*`` folders or one corpus folder."""
    path = Path(path)
    if not path.is_dir():
        raise FileNotFoundError(f"{path}: not a folder; expected MEANTIME's intra_cross-doc_annotation folder")
    folders = sorted(p for p in path.iterdir() if p.is_dir() and p.name.startswith("corpus_"))
    if not folders:
        folders = [path]
    out = {}
    for folder in folders:
        docs = [read_meantime_doc(f) for f in sorted(folder.glob("*.xml"))]
        if docs:
            out[folder.name.removeprefix("corpus_")] = docs
    if not out:
        raise FileNotFoundError(f"{path}: no MEANTIME CAT XML documents (corpus_*/*.xml) found")
    return out


# --- metrics -------------------------------------------------------------------------------


def _clusters(assign: dict) -> list[set]:
    groups: dict = defaultdict(set)
    for m, c in assign.items():
        groups[c].add(m)
    return list(groups.values())


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def muc(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def score(a: list[set], b: list[set]) -> float:
        where = {m: i for i, c in enumerate(b) for m in c}
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num / den if den else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f(p, r)


def b_cubed(key: list[set], response: list[set]) -> tuple[float, float, float]:
    def score(a: list[set], b: list[set]) -> float:
        where = {m: c for c in b for m in c}
        total = n = 0.0
        for c in a:
            for m in c:
                total += len(c & where.get(m, {m})) / len(c)
                n += 1
        return total / n if n else 0.0

    r, p = score(key, response), score(response, key)
    return p, r, _f(p, r)


def ceaf_e(key: list[set], response: list[set]) -> tuple[float, float, float]:
    if not key or not response:
        return 0.0, 0.0, 0.0
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    sim = np.zeros((len(key), len(response)))
    where = {m: j for j, c in enumerate(response) for m in c}
    for i, k in enumerate(key):
        for m in k:
            j = where.get(m)
            if j is not None and sim[i, j] == 0:
                sim[i, j] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    rows, cols = linear_sum_assignment(-sim)
    best = sim[rows, cols].sum()
    p, r = best / len(response), best / len(key)
    return p, r, _f(p, r)


def score(gold: dict, pred: dict) -> dict:
    """MUC, B³, CEAFe and CoNLL F1 of ``pred`` (mention -> entity) against ``gold`` (mention
    -> instance), both over the same mentions."""
    key, response = _clusters(gold), _clusters(pred)
    out = {}
    for name, fn in (("muc", muc), ("b3", b_cubed), ("ceafe", ceaf_e)):
        p, r, f = fn(key, response)
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, r, f
    out["conll_f1"] = (out["muc_f1"] + out["b3_f1"] + out["ceafe_f1"]) / 3
    return out


# --- running Parallax ----------------------------------------------------------------------


def align(predicted: Iterable[Key], gold: Iterable[Key]) -> dict[Key, Key]:
    """Predicted mention -> gold mention: overlap covering at least half of the predicted
    span, one-to-one, best overlap (Jaccard) first."""
    by_doc: dict[str, list[Key]] = defaultdict(list)
    for g in gold:
        by_doc[g[0]].append(g)
    pairs = []
    for p in predicted:
        for g in by_doc.get(p[0], ()):
            inter = min(p[2], g[2]) - max(p[1], g[1])
            if inter > 0 and inter * 2 >= p[2] - p[1]:
                union = max(p[2], g[2]) - min(p[1], g[1])
                pairs.append((-inter / union, p, g))
    pairs.sort()
    out: dict[Key, Key] = {}
    used: set[Key] = set()
    for _, p, g in pairs:
        if p not in out and g not in used:
            out[p] = g
            used.add(g)
    return out


def run_corpus(docs: list[GoldDoc], gold_mentions: bool = False) -> tuple[dict, dict, list]:
    """(gold found -> gold id, gold found -> predicted entity id, entities) for one corpus."""
    articles = list(SentenceStage().pipe(d.article for d in docs))
    if gold_mentions:
        articles = [
            a.evolve(mentions=tuple(
                Mention(k[1], k[2], _TYPE_MAP.get(d.types.get(k, ""), "OTHER"))
                for k in sorted(d.names)
            ))
            for a, d in zip(articles, docs)
        ]
    else:
        articles = list(EntityStage().pipe(articles))
    articles = list(RoleStage().pipe(articles))
    entities = resolve(articles)
    pred_of: dict[Key, str] = {}
    for e in entities:
        for ev in e.mentions:
            pred_of[(ev.article, ev.start, ev.end)] = e.id
    gold_all = {k: v for d in docs for k, v in d.mentions.items()}
    matched = align(pred_of, gold_all)
    gold_found = {g: gold_all[g] for g in matched.values()}
    pred_found = {g: pred_of[p] for p, g in matched.items()}
    return gold_found, pred_found, entities


def evaluate(path: str | Path, gold_mentions: bool = False) -> tuple[list[str], dict]:
    """Score Parallax's cross-document entities on the MEANTIME corpora under ``path``.

    Returns report lines and a dict: overall ``b3_f1``, ``conll_f1``, ``mention_recall``,
    ``name_mention_recall`` and the other measures, with ``corpora`` holding the same per
    corpus.
    """
    corpora = read_corpora(path)
    lines = [f"MEANTIME {path}: cross-document entities, "
             f"{'gold name mentions' if gold_mentions else 'Parallax mentions'} as input",
             f"{'corpus':<9} {'docs':>4} {'gold':>5} {'found':>5} {'m.rec':>6} {'n.rec':>6} "
             f"{'MUC':>6} {'B3':>6} {'CEAFe':>6} {'CoNLL':>6}"]
    all_gold: dict = {}
    all_pred: dict = {}
    n_gold = n_names = n_names_found = n_docs = 0
    per: dict[str, dict] = {}

    def row(name, docs, gold_found, pred_found, total, names, names_found):
        s = score(gold_found, pred_found)
        s["mention_recall"] = len(gold_found) / total if total else 0.0
        s["name_mention_recall"] = names_found / names if names else 0.0
        s["gold_mentions"], s["found"] = total, len(gold_found)
        lines.append(f"{name:<9} {docs:>4} {total:>5} {len(gold_found):>5} {s['mention_recall']:6.3f} "
                     f"{s['name_mention_recall']:6.3f} {s['muc_f1']:6.3f} {s['b3_f1']:6.3f} "
                     f"{s['ceafe_f1']:6.3f} {s['conll_f1']:6.3f}")
        return s

    for name, docs in corpora.items():
        gold_found, pred_found, _ = run_corpus(docs, gold_mentions)
        pred_found = {k: f"{name}/{v}" for k, v in pred_found.items()}
        total = sum(len(d.mentions) for d in docs)
        names = set().union(*(d.names for d in docs))
        nf = len(names & gold_found.keys())
        per[name] = row(name, len(docs), gold_found, pred_found, total, len(names), nf)
        all_gold.update(gold_found)
        all_pred.update(pred_found)
        n_gold += total
        n_names += len(names)
        n_names_found += nf
        n_docs += len(docs)
    overall = row("overall", n_docs, all_gold, all_pred, n_gold, n_names, n_names_found)
    lines.append("m.rec: gold mentions found / all gold mentions; n.rec: the same over proper names; "
                 "MUC/B3/CEAFe/CoNLL: F1 over the gold mentions found")
    overall["corpora"] = per
    return lines, overall
