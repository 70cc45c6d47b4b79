"""Entity-level evaluation of Parallax's recogniser on a CoNLL-2003-style file.

Each sentence's tokens are joined with single spaces and handed to the real recogniser
(:func:`parallax.analyze.entities.recognize`), so the figure measures what users get,
tokenizer included. Predicted character spans are mapped back to tokens; a span whose ends
do not fall on token boundaries counts as a wrong prediction. Scoring is exact span and
type, as conlleval and seqeval do, with Parallax labels mapped to CoNLL's: PERSON->PER,
ORG->ORG, GPE/LOC->LOC, NORP/EVENT/OTHER->MISC.

File format: one token a line as ``index<TAB>token<TAB>BIO-tag``, a blank line between
sentences, ``-DOCSTART-`` lines ignored.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..errors import InputError

TO_CONLL = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "NORP": "MISC",
            "EVENT": "MISC", "OTHER": "MISC"}


def read_conll(path: str | Path) -> list[tuple[list[str], list[str]]]:
    """Sentences of a CoNLL file as (tokens, tags)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such file; expected a CoNLL file (index, token, tag)")
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                toks, tags = [], []
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            if len(parts) < 3:
                raise InputError(str(path), f"line {n}: expected 'index token tag', got {line!r}")
            if parts[1] == "-DOCSTART-":
                continue
            toks.append(parts[1])
            tags.append(parts[-1])
    if toks:
        sents.append((toks, tags))
    return sents


def gold_entities(tags: list[str]) -> set[tuple[int, int, str]]:
    """Token ranges (start, end, type) of the entities in BIO/IOB1 ``tags``."""
    out = set()
    start, kind = None, None
    for i, tag in enumerate(tags):
        if tag == "O" or tag.startswith("B-") or (kind is not None and tag[2:] != kind):
            if start is not None:
                out.add((start, i, kind))
                start, kind = None, None
        if tag != "O" and start is None:
            start, kind = i, tag[2:]
    if start is not None:
        out.add((start, len(tags), kind))
    return out


def score(gold: Counter, pred: Counter, correct: Counter) -> dict:
    def prf(c, p, g):
        precision = c / p if p else 0.0
        recall = c / g if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return round(precision, 4), round(recall, 4), round(f1, 4)

    total = prf(sum(correct.values()), sum(pred.values()), sum(gold.values()))
    result = {"precision": total[0], "recall": total[1], "f1": total[2],
              "gold": sum(gold.values()), "predicted": sum(pred.values()), "per_type": {}}
    for t in sorted(set(gold) | set(pred)):
        p, r, f = prf(correct[t], pred[t], gold[t])
        result["per_type"][t] = {"precision": p, "recall": r, "f1": f, "gold": gold[t],
                                 "predicted": pred[t]}
    return result


def evaluate(path: str | Path) -> tuple[list[str], dict]:
    """Score the recogniser on the CoNLL file at ``path``.

    Returns human-readable lines and a dict with ``f1``, ``precision``, ``recall`` (overall),
    counts, and ``per_type`` scores keyed by CoNLL type.
    """
    from ..analyze.entities import recognize

    sents = read_conll(path)
    gold, pred, correct = Counter(), Counter(), Counter()
    words = 0
    for toks, tags in sents:
        words += len(toks)
        starts, ends = {}, {}
        pos = 0
        for i, t in enumerate(toks):
            starts[pos] = i
            ends[pos + len(t)] = i + 1
            pos += len(t) + 1
        text = " ".join(toks)
        g = gold_entities(tags)
        p = set()
        for k, m in enumerate(recognize(text, [(0, len(text))])):
            if m.start in starts and m.end in ends:
                p.add((starts[m.start], ends[m.end], TO_CONLL[m.label]))
            else:  # not on token boundaries: can never match a gold entity
                p.add((-1 - k, -1, TO_CONLL[m.label]))
        for _, _, t in g:
            gold[t] += 1
        for _, _, t in p:
            pred[t] += 1
        for _, _, t in g & p:
            correct[t] += 1
    result = score(gold, pred, correct)
    result["sentences"] = len(sents)
    result["tokens"] = words
    lines = [f"{path}: {len(sents)} sentences, {words} tokens, "
             f"{result['gold']} gold entities, {result['predicted']} predicted",
             f"{'type':<6} {'precision':>9} {'recall':>7} {'f1':>7} {'gold':>6} {'pred':>6}"]
    for t, s in result["per_type"].items():
        lines.append(f"{t:<6} {s['precision']:>9.4f} {s['recall']:>7.4f} {s['f1']:>7.4f} "
                     f"{s['gold']:>6} {s['predicted']:>6}")
    lines.append(f"{'all':<6} {result['precision']:>9.4f} {result['recall']:>7.4f} "
                 f"{result['f1']:>7.4f} {result['gold']:>6} {result['predicted']:>6}")
    return lines, result
