"""Clustering scores shared by the evaluations: pairwise and BCubed precision/recall/F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """Precision/recall/F1 over pairs of items put together, counted from cluster sizes."""
    items = [i for i in gold if i in pred]
    joint = Counter((pred[i], gold[i]) for i in items)
    both = sum(n * (n - 1) // 2 for n in joint.values())
    in_pred = sum(n * (n - 1) // 2 for n in Counter(pred[i] for i in items).values())
    in_gold = sum(n * (n - 1) // 2 for n in Counter(gold[i] for i in items).values())
    p = both / in_pred if in_pred else 1.0
    r = both / in_gold if in_gold else 1.0
    return {"precision": p, "recall": r, "f1": _f1(p, r)}


def bcubed(pred: Mapping[Hashable, Hashable], gold: Mapping[Hashable, Hashable]) -> dict[str, float]:
    """BCubed (Bagga & Baldwin 1998): per-item precision and recall, averaged over items."""
    items = [i for i in gold if i in pred]
    if not items:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    joint = Counter((pred[i], gold[i]) for i in items)
    size_pred = Counter(pred[i] for i in items)
    size_gold = Counter(gold[i] for i in items)
    p = sum(joint[(pred[i], gold[i])] / size_pred[pred[i]] for i in items) / len(items)
    r = sum(joint[(pred[i], gold[i])] / size_gold[gold[i]] for i in items) / len(items)
    return {"precision": p, "recall": r, "f1": _f1(p, r)}
