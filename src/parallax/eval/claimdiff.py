"""Evaluate the claim-relation analyser on ClaimDiff (``{"data": [{claim_a, claim_b, relation,
topic, ...}]}``): for each pair, whether Parallax finds that B adds to A (the *strength* file)
or weakens or contradicts it (the *weak* file), against ``relation``.

Reports accuracy, precision/recall/F1 of the positive class and a confusion matrix, beside two
baselines: the majority class, and always answering "yes"; and the AUC of the learned model's
probability, a threshold-free check that it ranks pairs better than chance. The shipped models were trained on
ClaimDiff *train*; scoring them on the file they learned from would flatter them, so on a train
file the headline figures are cross-validated: five folds grouped by topic (no story is in both
the training and the scored fold), each scored by models trained on the other four. A file is
taken for training data when its name says "train" or its pairs are those the shipped models
record having been trained on; ``cross_validate`` overrides. Both models are retrained per fold
when the sibling file (strength beside weak) labels the same pairs; otherwise the other model is
switched off, since the shipped one has seen the held-out pairs.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left, bisect_right
from collections import Counter
from pathlib import Path

from ..compare.claims import KINDS, ClaimRelation, relate, shipped_models, train
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


def pairs_digest(data: list[dict]) -> str:
    """A fingerprint of a file's pairs (their sorted ids, or texts when ids are missing)."""
    keys = sorted(x.get("pair_id") or (x["claim_a"] + "\x00" + x["claim_b"]) for x in data)
    return hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()


def trained_on(data: list[dict]) -> bool:
    """Whether the shipped models were trained on these very pairs (whatever the file is called)."""
    digest = pairs_digest(data)
    return any(isinstance(m, dict) and m.get("pairs_sha256") == digest for m in shipped_models().values())


def _sibling(path: Path, relation: str, data: list[dict]) -> tuple[str, list[int] | None]:
    """The other relation's labels for the same pairs, from the ClaimDiff file beside ``path``
    (…-strength-… beside …-weak-…), matched by ``pair_id``; None when absent or not matching."""
    other = "weaken" if relation == "strengthen" else "strengthen"
    name = path.name
    swapped = name.replace("strength", "weak") if relation == "strengthen" else name.replace("weak", "strength")
    sibling = path.with_name(swapped)
    if swapped == name or not sibling.exists():
        return other, None
    try:
        labels = {x.get("pair_id"): int(x["relation"]) for x in load(sibling)}
    except ParallaxError:
        return other, None
    if None in labels or any(x.get("pair_id") not in labels for x in data):
        return other, None
    return other, [labels[x["pair_id"]] for x in data]


def predict(data: list[dict], relation: str, models: dict) -> list[ClaimRelation]:
    return [relate(x["claim_a"], x["claim_b"], models) for x in data]


def auc(gold: list[int], scores: list[float]) -> float:
    """Area under the ROC curve (the chance a positive pair scores above a negative one, ties
    counting half); 0.5 when one class is absent."""
    pos = [s for g, s in zip(gold, scores) if g]
    neg = sorted(s for g, s in zip(gold, scores) if not g)
    if not pos or not neg:
        return 0.5
    won = sum(bisect_left(neg, s) + (bisect_right(neg, s) - bisect_left(neg, s)) / 2 for s in pos)
    return won / (len(pos) * len(neg))


def evaluate(path, relation: str | None = None, cross_validate: bool | None = None) -> tuple[list[str], dict]:
    path = Path(path)
    relation = _relation_of(path, relation)
    data = load(path)
    if not data:
        raise ParallaxError(f"{path}: no pairs")
    gold = [int(x["relation"]) for x in data]
    if cross_validate is None:
        cross_validate = "train" in path.name.lower() or trained_on(data)
    lines = [f"ClaimDiff {path.name}: {len(data)} pairs, positive = B {relation}s A "
             f"({sum(gold)} positive, {sum(gold) / len(gold):.1%})"]
    if cross_validate and len(data) >= 10:
        lines.append("this file is training data of the shipped models: the figures below are not in-sample but "
                     "5-fold cross-validated, folds grouped by topic, each fold scored by models trained on the "
                     "other four")
        other, other_labels = _sibling(path, relation, data)
        if other_labels is None:
            lines.append(f"(no sibling {other} file with the same pairs beside it: the {other} model is switched "
                         "off, since the shipped one has seen these pairs)")
        found: list[ClaimRelation | None] = [None] * len(data)
        for fold in _folds(data):
            held = set(fold)
            rest = [i for i in range(len(data)) if i not in held]
            pairs = [(data[i]["claim_a"], data[i]["claim_b"]) for i in rest]
            models = {relation: train(pairs, [gold[i] for i in rest]),
                      other: train(pairs, [other_labels[i] for i in rest]) if other_labels else None}
            for i, r in zip(fold, predict([data[i] for i in fold], relation, models)):
                found[i] = r
    else:
        found = predict(data, relation, shipped_models())
    pred = [int(r.kind in POSITIVE[relation]) for r in found]
    model_auc = auc(gold, [r.strengthens if relation == "strengthen" else r.weakens for r in found])
    kinds = Counter(r.kind for r in found)
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
        f"the learned {relation} model's probability alone ranks pairs with AUC {model_auc:.3f} (chance 0.5)",
        "kinds found: " + ", ".join(f"{k} {kinds[k]}" for k in KINDS if kinds[k]),
    ]
    metrics = {"f1": round(s["f1"], 4), "accuracy": round(s["accuracy"], 4), "precision": round(s["precision"], 4),
               "recall": round(s["recall"], 4), "baseline_f1": round(base["f1"], 4),
               "baseline_accuracy": round(base["accuracy"], 4), "always_yes_f1": round(always["f1"], 4),
               "auc": round(model_auc, 4), "n": len(data), "relation": relation,
               "cross_validated": bool(cross_validate)}
    return lines, metrics
