"""Evaluate the claim-relation analyser on ClaimDiff (``{"data": [{claim_a, claim_b, relation,
topic, ...}]}``): for each pair, whether Parallax finds that B adds to A (the *strength* file)
or weakens or contradicts it (the *weak* file), against ``relation``.

Reports accuracy, precision/recall/F1 of the positive class and a confusion matrix, beside two
baselines: the majority class, and always answering "yes". The shipped models were trained on
ClaimDiff *train*; scoring them on the file they learned from would flatter them, so on a train
file the headline figures are cross-validated: five folds grouped by topic (no story is in both
the training and the scored fold), each scored by models trained on the other four.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..compare.claims import relate, shipped_models, train
from ..errors import ParallaxError

POSITIVE = {"strengthen": ("adds", "same"), "weaken": ("weakens", "contradicts")}


def _relation_of(path: Path, relation: str | None) -> str:
    if relation:
        if relation not in POSITIVE:
            raise ParallaxError(f"unknown relation {relation!r}: expected 'strengthen' or 'weaken'")
        return relation
    name = path.name.lower()
    if "strength" in name:
        return "strengthen"
    if "weak" in name:
        return "weaken"
    raise ParallaxError(f"{path}: cannot tell from the file name whether it labels strengthening or weakening "
                        "pairs; pass --relation strengthen or --relation weaken")


def load(path: Path) -> list[dict]:
    try:
        data = json.loads(Path(path).read_text("utf-8"))["data"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ParallaxError(f"{path}: not a ClaimDiff file ({exc}); expected {{\"data\": [{{claim_a, claim_b, "
                            "relation}}]}}") from exc
    for i, x in enumerate(data):
        if not {"claim_a", "claim_b", "relation"} <= set(x):
            raise ParallaxError(f"{path}: pair {i} lacks claim_a, claim_b or relation")
    return data


def score(gold: list[int], pred: list[int]) -> dict:
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    tn = len(gold) - tp - fp - fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"accuracy": (tp + tn) / len(gold) if gold else 0.0, "precision": precision, "recall": recall,
            "f1": f1, "tp": tp, "fp": fp, "fn": fn, "tn": tn}


def _folds(data: list[dict], k: int = 5) -> list[list[int]]:
    """Topics dealt to k folds, largest first, so that every fold has about the same size."""
    topics: dict[str, list[int]] = {}
    for i, x in enumerate(data):
        topics.setdefault(x.get("topic") or x.get("pair_id") or str(i), []).append(i)
    folds: list[list[int]] = [[] for _ in range(k)]
    for _, members in sorted(topics.items(), key=lambda t: (-len(t[1]), t[0])):
        min(folds, key=len).extend(members)
    return [f for f in folds if f]


def predict(data: list[dict], relation: str, models: dict) -> list[int]:
    positive = POSITIVE[relation]
    return [int(relate(x["claim_a"], x["claim_b"], models).kind in positive) for x in data]


def evaluate(path, relation: str | None = None, cross_validate: bool | None = None) -> tuple[list[str], dict]:
    path = Path(path)
    relation = _relation_of(path, relation)
    data = load(path)
    if not data:
        raise ParallaxError(f"{path}: no pairs")
    gold = [int(x["relation"]) for x in data]
    if cross_validate is None:
        cross_validate = "train" in path.name.lower()
    lines = [f"ClaimDiff {path.name}: {len(data)} pairs, positive = B {relation}s A "
             f"({sum(gold)} positive, {sum(gold) / len(gold):.1%})"]
    if cross_validate and len(data) >= 10:
        lines.append("this is a training file of the shipped models: figures are 5-fold cross-validated, "
                     "folds grouped by topic, each fold scored by models trained on the others")
        pred = [0] * len(data)
        for fold in _folds(data):
            held = set(fold)
            rest = [x for i, x in enumerate(data) if i not in held]
            models = dict(shipped_models())
            models[relation] = train([(x["claim_a"], x["claim_b"]) for x in rest], [int(x["relation"]) for x in rest])
            for i, p in zip(fold, predict([data[i] for i in fold], relation, models)):
                pred[i] = p
    else:
        pred = predict(data, relation, shipped_models())
    s = score(gold, pred)
    majority = int(sum(gold) * 2 >= len(gold))
    base = score(gold, [majority] * len(gold))
    always = score(gold, [1] * len(gold))
    lines += [
        f"accuracy {s['accuracy']:.3f}   precision {s['precision']:.3f}   recall {s['recall']:.3f}   F1 {s['f1']:.3f}",
        f"majority class ({'yes' if majority else 'no'}): accuracy {base['accuracy']:.3f}   F1 {base['f1']:.3f}",
        f"always yes: accuracy {always['accuracy']:.3f}   F1 {always['f1']:.3f}",
        "confusion (gold x predicted):",
        f"  gold yes: predicted yes {s['tp']:5d}   predicted no {s['fn']:5d}",
        f"  gold no:  predicted yes {s['fp']:5d}   predicted no {s['tn']:5d}",
    ]
    metrics = {"f1": round(s["f1"], 4), "accuracy": round(s["accuracy"], 4), "precision": round(s["precision"], 4),
               "recall": round(s["recall"], 4), "baseline_f1": round(base["f1"], 4),
               "baseline_accuracy": round(base["accuracy"], 4), "always_yes_f1": round(always["f1"], 4),
               "n": len(data), "relation": relation, "cross_validated": bool(cross_validate)}
    return lines, metrics
