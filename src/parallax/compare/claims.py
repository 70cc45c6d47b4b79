"""How one claim relates to another about the same story: the same statement, an added detail,
a weakening, a contradiction, or unrelated.

Two layers:

1. Rules a reader would apply first, each with a plain reason: the same count of the same
   thing given as different numbers contradicts; one claim denying what the other asserts
   (a negation or a denial verb on shared content) weakens; near-identical content is the same
   statement; a claim that repeats the other and adds words adds a detail.
2. For everything else, two small logistic models over lexical features (content-word and name
   overlap, lengths, numbers, negation, contrast and attribution cues) give the probability that
   B strengthens A and that B weakens A. They are trained by ``scripts/train_claims.py`` on the
   ClaimDiff train split and shipped as ``parallax/models/claims/weights.json`` (see the README
   beside it for the command, the data and the cross-validated scores).

Limits: no parser, no entailment model; the features see words, not meaning, so a paraphrase
with other words, irony, or a rebuttal without a cue word is missed. Cross-validated on ClaimDiff
train the models are well above the majority class at finding weakening pairs, and no better
than the majority class at finding strengthening ones (most related pairs there strengthen).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..textutil import content_words, name_phrases, stem

NEGATION = re.compile(r"\b(?:not|no|never|n't|deny|denied|denies|reject|rejected|false)\b", re.I)
CONTRAST = re.compile(r"\b(?:but|however|although|despite|yet|while)\b", re.I)
ATTRIBUTION = re.compile(r"\b(?:said|says|according|claimed|argued)\b", re.I)
DENIAL = re.compile(r"\b(?:den(?:y|ied|ies)|reject(?:s|ed)?|dismiss(?:es|ed)|disput(?:e|es|ed)|refut(?:e|es|ed)|"
                    r"(?:is|was|are|were) (?:false|untrue|wrong)|never)\b", re.I)
COUNT = re.compile(r"\b(\d[\d,]*(?:\.\d+)?)\s+([a-z]+)", re.I)

FEATURES = ("jaccard", "overlap", "shared", "shared_names", "len_a", "len_b", "digits_a", "digits_b",
            "negation_b", "negation_a", "contrast_b", "attribution_b", "attribution_a")
KINDS = ("same", "adds", "weakens", "contradicts", "unrelated")


@dataclass(frozen=True, slots=True)
class ClaimRelation:
    """What claim B does to claim A, with the model's probabilities and a reason in words."""

    kind: str  # one of KINDS
    strengthens: float
    weakens: float
    why: str


def _terms(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


def features(a: str, b: str) -> list[float]:
    ta, tb = _terms(a), _terms(b)
    shared = len(ta & tb)
    na = {n for *_, n in name_phrases(a)}
    nb = {n for *_, n in name_phrases(b)}
    return [shared / max(1, len(ta | tb)), shared / max(1, min(len(ta), len(tb))), float(shared),
            float(len(na & nb)), float(len(ta)), float(len(tb)),
            float(bool(re.search(r"\d", a))), float(bool(re.search(r"\d", b))),
            float(bool(NEGATION.search(b))), float(bool(NEGATION.search(a))), float(bool(CONTRAST.search(b))),
            float(bool(ATTRIBUTION.search(b))), float(bool(ATTRIBUTION.search(a)))]


def train(pairs: Sequence[tuple[str, str]], labels: Sequence[int], c: float = 1.0) -> dict:
    """A logistic model (standardised features, balanced classes) as plain JSON-able numbers."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([features(a, b) for a, b in pairs], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(max_iter=3000, class_weight="balanced", C=c).fit((x - mean) / scale, list(labels))
    return {"features": list(FEATURES), "mean": mean.tolist(), "scale": scale.tolist(),
            "coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0])}


def probability(model: dict, a: str, b: str) -> float:
    z = model["intercept"] + sum(
        w * (v - m) / s for w, v, m, s in zip(model["coef"], features(a, b), model["mean"], model["scale"]))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def shipped_models() -> dict:
    """The models trained by ``scripts/train_claims.py``: {"strengthen": ..., "weaken": ...}."""
    path = resources.files("parallax").joinpath("models/claims/weights.json")
    return json.loads(path.read_text("utf-8"))


def _counts(text: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in COUNT.finditer(text):
        out.setdefault(stem(m.group(2).lower()), set()).add(m.group(1).replace(",", ""))
    return out


def relate(a: str, b: str, models: dict | None = None) -> ClaimRelation:
    """What claim ``b`` does to claim ``a``."""
    models = models or shipped_models()
    p_up = probability(models["strengthen"], a, b)
    p_down = probability(models["weaken"], a, b)
    ta, tb = _terms(a), _terms(b)
    shared = ta & tb
    overlap = len(shared) / max(1, min(len(ta), len(tb)))
    ca, cb = _counts(a), _counts(b)
    for unit in ca.keys() & cb.keys():
        if not ca[unit] & cb[unit] and overlap >= 0.3:
            return ClaimRelation("contradicts", p_up, p_down,
                                 f"B gives a different number of {unit} ({', '.join(sorted(cb[unit]))} vs "
                                 f"{', '.join(sorted(ca[unit]))}) for what A counts.")
    if overlap >= 0.3 and bool(DENIAL.search(b)) != bool(DENIAL.search(a)):
        denier = "B" if DENIAL.search(b) else "A"
        return ClaimRelation("weakens", p_up, max(p_down, 0.5),
                             f"{denier} denies or rejects what the other asserts about "
                             f"{', '.join(sorted(shared)[:4])}.")
    if overlap >= 0.85 and abs(len(ta) - len(tb)) <= 2:
        return ClaimRelation("same", p_up, p_down, "Both say the same thing in nearly the same words.")
    if overlap >= 0.85:
        longer = "B" if len(tb) > len(ta) else "A"
        return ClaimRelation("adds", p_up, p_down, f"{longer} repeats the other and adds detail.")
    if p_down >= 0.5 and p_down >= p_up:
        return ClaimRelation("weakens", p_up, p_down,
                             "B is worded like a rebuttal of A (negation, contrast or a different speaker), "
                             "by the learned model.")
    if p_up >= 0.5:
        return ClaimRelation("adds", p_up, p_down, "B supports or adds to A, by the learned model.")
    return ClaimRelation("unrelated", p_up, p_down, "B neither supports nor weakens A, as far as its words show.")
