"""How one claim relates to another about the same story: the same statement, an added detail,
a weakening, a contradiction, or unrelated — with a reason a journalist can read.

Two layers:

1. Rules a reader would apply first, each with a plain reason, in this order:
   - different numbers counting the same thing ("40 people" vs "65 people") contradict; so do
     a different date, year, weekday or place for what is otherwise the same statement, when
     each claim gives only one; a different precision ("January" vs "January 21") does not;
   - one claim negating, or using the opposite word of (rose/fell, approved/rejected), what the
     other states in nearly the same words contradicts;
   - one claim reporting a denial or hedging ("allegedly", "reportedly") what the other states
     weakens it (stating firmly what the other hedges adds to it);
   - one claim attributing to a source ("X said that …", "according to X") what the other states
     as fact is the same statement, told differently — never a conflict;
   - nearly the same content words is the same statement; the other's content plus more is an
     added detail, named by type (place, date, number, name) where it can be.
2. For pairs the rules do not settle, two small logistic models over lexical features
   (content-word and name overlap, lengths, digits, and cue words for negation, contrast,
   denial, hedging, attribution, quotation, criticism and support, on either side and on one
   side only) give the probability that B strengthens A and that B weakens A. They are trained
   by ``scripts/train_claims.py`` on the ClaimDiff train split and shipped as
   ``parallax/models/claims/weights.json`` (see the README beside it for the command, the data
   and the cross-validated scores).

Limits: no parser and no entailment model. The rules need the two claims to share most of their
content words (a paraphrase in other words is missed, and "unrelated" is then a guess), so two
different happenings told in similar words (a meeting on the 10th, another on the 21st) can be
taken for one; numbers are matched by the word after them, so "40 people" and "65 protesters"
are not compared; a place is a capitalised name after "in", "at", "near". The
learned layer sees words, not meaning: cross-validated on ClaimDiff train it is clearly better
than the majority class at finding weakening pairs (F1 about a quarter, where the majority class
has none), and it does *not* beat answering "yes" on strengthening pairs; its verdicts are marked
as guesses (``guess`` is True, and ``why`` says so).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..textutil import content_words, fold, name_phrases, stem, words

KINDS = ("same", "adds", "weakens", "contradicts", "unrelated")

# Cue lexicons, matched on folded text. Each gives the learned model two features (present on
# either side; present on one side only) and some give rules their reasons.
CUES = {
    "negation": r"\b(?:not|no|never|nothing|none|nobody|neither|nor|without)\b|n't\b",
    "contrast": r"\b(?:but|however|although|though|despite|yet|whereas|instead|nevertheless|still)\b",
    "denial": r"\b(?:den(?:y|ied|ies|ial)|reject\w*|dismiss\w*|disput\w*|refut\w*|false|untrue|unsuccessful\w*|"
              r"fail\w*|refus\w*|baseless|misleading|contrary)\b",
    "hedge": r"\b(?:allegedly|alleged|reportedly|purportedly|supposedly|so-called|apparently|may|might|could|"
             r"appears?|seem(?:s|ed)?|possibly|perhaps|unconfirmed)\b",
    "attribution": r"\b(?:said|says|say|told|tells|according|claim(?:s|ed)?|argu(?:e|es|ed)|insist(?:s|ed)?|added|"
                   r"stated|announced|tweeted|wrote|warned|accus(?:e|es|ed)|called)\b",
    "quote": r"[\"“”]",
    "critic": r"\b(?:critic\w*|oppos\w*|against|attack\w*|condemn\w*|slam\w*|protest\w*|concern\w*|fear\w*|"
              r"threat\w*|risk\w*|danger\w*|violen\w*)\b",
    "support": r"\b(?:support\w*|prais\w*|welcom\w*|agree\w*|endors\w*|approv\w*|success\w*|benefit\w*)\b",
    "opens_contrast": r"^\W*(?:but|however|yet|still|instead|although|though)\b",
}
_CUES = {k: re.compile(v) for k, v in CUES.items()}
BASE_FEATURES = ("jaccard", "overlap", "shared", "shared_names", "names_disjoint", "len_a", "len_b",
                 "digits_a", "digits_b")
FEATURES = BASE_FEATURES + tuple(f"{k}_{side}" for k in CUES for side in ("any", "one"))

# Rules' own cues (on folded text).
# "dispute" is mostly a noun ("the dispute began"): only "disputes/disputed that ..." denies
DENIAL = re.compile(r"\b(?:den(?:y|ied|ies)|reject(?:s|ed)?|dismiss(?:es|ed)|disput(?:es|ed) (?:that|the|claims?|reports?)|"
                    r"refut(?:e|es|ed)|"
                    r"(?:is|was|are|were) (?:false|untrue|wrong))\b")
NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b")
HEDGE = re.compile(r"\b(?:allegedly|reportedly|purportedly|supposedly|so-called|apparently|unconfirmed)\b")
SOURCE = re.compile(r"\b(?:said|says|told|according to|claimed|claims|stated|announced|argued|insisted|"
                    r"added|tweeted|wrote)\b")
ANTONYMS = [("rose", "fell"), ("rise", "fall"), ("increased", "decreased"), ("increase", "decrease"),
            ("won", "lost"), ("win", "lose"), ("approved", "rejected"), ("accepted", "rejected"),
            ("agreed", "refused"), ("confirmed", "denied"), ("guilty", "innocent"), ("alive", "dead"),
            ("opened", "closed"), ("open", "closed"), ("before", "after"), ("higher", "lower"),
            ("more", "fewer"), ("success", "failure"), ("successful", "unsuccessful"), ("legal", "illegal"),
            ("allowed", "banned"), ("started", "ended"), ("arrived", "left"), ("first", "last")]
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
         r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
DATE = re.compile(rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?"
                  rf"\s+(?:of\s+)?(?P<m2>{_MONTH})|(?P<m3>{_MONTH}))")
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
COUNT = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + r")\s+(?:(?:more|other|new|of|the|"
                   r"[a-z]+-?(?:ed|ing|ian|ese|ish))\s+)?([a-z]+)")
NOT_UNITS = set(MONTHS) | set(WEEKDAYS) | {"and", "or", "to", "in", "on", "at", "of", "the", "a", "percent", "per",
                                          "am", "pm", "p", "a.m", "st", "nd", "rd", "th"}
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
PREPOSITION_PLACE = re.compile(r"\b(?:in|at|near|outside|inside|from)\s+$")


@dataclass(frozen=True, slots=True)
class ClaimRelation:
    """What claim B does to claim A.

    ``kind`` is one of :data:`KINDS`; ``strengthens`` and ``weakens`` are the learned models'
    probabilities (0.0 when a model is switched off); ``overlap`` is the share of the shorter
    claim's content words the other repeats; ``why`` says in words what settled ``kind``;
    ``guess`` is True when the learned models, not a rule, settled it (a weak signal: report
    such a kind as a hint, never as a finding)."""

    kind: str
    strengthens: float
    weakens: float
    overlap: float
    why: str
    guess: bool = False


# ---------------------------------------------------------------------------- features

def _terms(text: str) -> set[str]:
    return {stem(w) for w in content_words(text)}


def _name_words(text: str) -> set[str]:
    return {stem(w) for *_, n in name_phrases(text) for w in words(n)}


def features(a: str, b: str) -> list[float]:
    """The learned models' inputs for the pair (a, b), in the order of :data:`FEATURES`."""
    ta, tb = _terms(a), _terms(b)
    shared = len(ta & tb)
    na, nb = _name_words(a), _name_words(b)
    fa, fb = fold(a), fold(b)
    out = [shared / max(1, len(ta | tb)), shared / max(1, min(len(ta), len(tb))), float(shared),
           len(na & nb) / max(1, min(len(na), len(nb))), float(bool(na) and bool(nb) and not na & nb),
           float(len(ta)), float(len(tb)), float(bool(re.search(r"\d", a))), float(bool(re.search(r"\d", b)))]
    for rx in _CUES.values():
        ca, cb = bool(rx.search(fa)), bool(rx.search(fb))
        out += [float(ca or cb), float(ca != cb)]
    return out


def train(pairs: Sequence[tuple[str, str]], labels: Sequence[int], c: float = 0.03) -> dict:
    """A logistic model (standardised features, balanced classes, L2 strength ``c`` chosen before
    looking at scores: strong regularisation for a few thousand noisy pairs) as plain numbers."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([features(a, b) for a, b in pairs], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(max_iter=5000, class_weight="balanced", C=c).fit((x - mean) / scale, list(labels))
    return {"features": list(FEATURES), "mean": mean.tolist(), "scale": scale.tolist(),
            "coef": model.coef_[0].tolist(), "intercept": float(model.intercept_[0])}


def probability(model: dict | None, a: str, b: str) -> float:
    """The model's probability for the pair; 0.0 when ``model`` is None (switched off)."""
    if model is None:
        return 0.0
    if model.get("features") != list(FEATURES):
        raise ValueError("claim model was trained on other features; retrain with scripts/train_claims.py")
    z = model["intercept"] + sum(
        w * (v - m) / s for w, v, m, s in zip(model["coef"], features(a, b), model["mean"], model["scale"]))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def shipped_models() -> dict:
    """The models trained by ``scripts/train_claims.py``: {"strengthen": ..., "weaken": ...}."""
    path = resources.files("parallax").joinpath("models/claims/weights.json")
    return json.loads(path.read_text("utf-8"))


# ---------------------------------------------------------------------------- rule helpers

def _counts(text: str) -> dict[str, set[str]]:
    """{counted word (stemmed): {numbers}}, e.g. "40 people" -> {"people": {"40"}}. Dates and
    years are left out: "21 January" counts no Januaries."""
    out: dict[str, set[str]] = {}
    plain = YEAR.sub(" ", DATE.sub(" ", fold(text)))
    for m in COUNT.finditer(plain):
        unit = m.group(2)
        if unit in NOT_UNITS or len(unit) < 3:
            continue
        value = NUMBER_WORDS.get(m.group(1), m.group(1).replace(",", ""))
        out.setdefault(stem(unit), set()).add(value)
    return out


def _month(token: str) -> str:
    return next(m for m in MONTHS if m.startswith(token.rstrip(".")[:3]))


def _dates(text: str) -> dict[str, set[str]]:
    """{month: {day, or "" for the month alone}}."""
    out: dict[str, set[str]] = {}
    for m in DATE.finditer(fold(text)):
        month = m.group("m1") or m.group("m2") or m.group("m3")
        if month == "may" and not (m.group("d1") or m.group("d2")):
            continue  # "may" alone is the verb far more often than the month
        out.setdefault(_month(month), set()).add(m.group("d1") or m.group("d2") or "")
    return out


def _weekdays(text: str) -> set[str]:
    return {w for w in words(text) if w in WEEKDAYS}


def _numbers(text: str) -> set[str]:
    """The numbers a claim gives, digits or words ("two" is "2"), without thousands commas."""
    found = {m.group().replace(",", "") for m in re.finditer(r"\d(?:[\d,.]*\d)?", text)}
    return found | {NUMBER_WORDS[w] for w in words(text) if w in NUMBER_WORDS}


def _places(text: str) -> dict[str, str]:
    """{folded place: place} for names after "in", "at", "near" … ("met in Geneva")."""
    return {fold(phrase): phrase for start, _, phrase in name_phrases(text)
            if PREPOSITION_PLACE.search(fold(text[:start])) and fold(phrase) not in {*MONTHS, *WEEKDAYS}}


def _added_detail(a: str, b: str) -> tuple[str, str] | None:
    """The first detail B has and A lacks, as (type, text): a place, a date, a number or a name."""
    fa = fold(a)
    da, db = _dates(a), _dates(b)
    for month, days in db.items():
        if month not in da:
            day = min((d for d in days if d), key=int, default="")
            return "date", f"{month.capitalize()} {day}".strip()
        extra = {d for d in days if d} - da[month]
        if extra and da[month] == {""}:
            return "precision", f"{month.capitalize()} {min(extra, key=int)}"
    for w in _weekdays(b) - _weekdays(a):
        return "date", w.capitalize()
    known = _numbers(a)
    for m in re.finditer(r"\d(?:[\d,.]*\d)?", b):
        if m.group().replace(",", "") not in known:
            return "number", m.group()
    for start, _, phrase in name_phrases(b):
        if fold(phrase) in fa or any(fold(p) in fa for p in phrase.split()) or fold(phrase) in {*MONTHS, *WEEKDAYS}:
            continue
        kind = "place" if PREPOSITION_PLACE.search(fold(b[:start])) else "name"
        return kind, phrase
    return None


def _one_sided(rx: re.Pattern, fa: str, fb: str) -> str | None:
    """"A" or "B" when only that claim matches ``rx``."""
    ma, mb = rx.search(fa), rx.search(fb)
    if bool(ma) == bool(mb):
        return None
    return "B" if mb else "A"


def _source(text: str) -> str | None:
    """Who the claim is attributed to: the words after "according to", else the few words before
    the attribution verb back to a comma ("…, foreign minister Ivan Petrov said"), else the name
    nearest the verb, else "a source". Limits: no parser, so a long subject gives "a source"."""
    m = SOURCE.search(fold(text))
    if not m:
        return None
    after = re.match(r"according to\s+((?:[\w'’.-]+\s*){1,5}?)(?=[,;:]|$)", fold(text)[m.start():])
    if after:
        return text[m.start() + after.start(1):m.start() + after.end(1)].strip()
    before = re.split(r"[,;:—\"“”]", text[:m.start()])[-1].strip()
    if before and len(before.split()) <= 5:
        return before[0].lower() + before[1:] if before.split()[0].lower() in {"the", "police"} else before
    names = name_phrases(text)
    if names:
        return min(names, key=lambda n: min(abs(n[0] - m.end()), abs(n[1] - m.start())))[2]
    return "a source"


# ---------------------------------------------------------------------------- relate

def relate(claim_a: str, claim_b: str, models: dict | None = None) -> ClaimRelation:
    """What ``claim_b`` does to ``claim_a``: rules first (each with its reason), then the learned
    models. ``models`` defaults to the shipped ones; a dict whose "strengthen" or "weaken" entry
    is None switches that model off."""
    a, b = claim_a, claim_b
    models = shipped_models() if models is None else models
    p_up = probability(models.get("strengthen"), a, b)
    p_down = probability(models.get("weaken"), a, b)
    ta, tb = _terms(a), _terms(b)
    shared = ta & tb
    overlap = len(shared) / max(1, min(len(ta), len(tb)))
    covered = len(shared) / max(1, len(ta))  # how much of A B repeats
    fa, fb = fold(a), fold(b)

    def rel(kind: str, why: str, guess: bool = False) -> ClaimRelation:
        return ClaimRelation(kind, round(p_up, 4), round(p_down, 4), round(overlap, 3), why, guess)

    about = ", ".join(sorted(shared)[:4])
    # Dates and days are what a conflict is about, not evidence that the claims tell the same event.
    calendar = {stem(w) for w in (*MONTHS, *WEEKDAYS)}
    core = len(shared - calendar) / max(1, min(len(ta - calendar), len(tb - calendar)))
    if core >= 0.3:
        ca, cb = _counts(a), _counts(b)
        for unit in sorted(ca.keys() & cb.keys()):
            if not ca[unit] & cb[unit]:
                return rel("contradicts", f"B gives a different number ({', '.join(sorted(cb[unit]))} vs "
                                          f"{', '.join(sorted(ca[unit]))}) for the same quantity ({unit}).")
    if core >= 0.5:
        # Only one date on each side: with several, which of them belongs to the event is unknown.
        da, db = _dates(a), _dates(b)
        xa = {(m, d) for m, days in da.items() for d in days if d}
        xb = {(m, d) for m, days in db.items() for d in days if d}
        if len(xa) == 1 and len(xb) == 1 and xa != xb:
            (ma, day_a), (mb, day_b) = next(iter(xa)), next(iter(xb))
            return rel("contradicts", f"B gives a different date ({mb.capitalize()} {day_b} vs "
                                      f"{ma.capitalize()} {day_a}) for the same event.")
        ya, yb = set(YEAR.findall(a)), set(YEAR.findall(b))
        if core >= 0.6 and len(ya) == 1 and len(yb) == 1 and ya != yb:
            return rel("contradicts", f"B gives a different year ({next(iter(yb))} vs {next(iter(ya))}) for the "
                                      "same event.")
        wa, wb = _weekdays(a), _weekdays(b)
        if len(wa) == 1 and len(wb) == 1 and wa != wb:
            return rel("contradicts", f"B gives a different day ({next(iter(wb)).capitalize()} vs "
                                      f"{next(iter(wa)).capitalize()}) for the same event.")
        pa, pb = _places(a), _places(b)
        place_words = {stem(w) for p in (*pa, *pb) for w in words(p)}
        rest = len(shared - place_words) / max(1, min(len(ta - place_words), len(tb - place_words)))
        if pa and pb and not pa.keys() & pb.keys() and not place_words & shared and rest >= 0.6:
            return rel("contradicts", f"B gives a different place ({', '.join(pb.values())} vs "
                                      f"{', '.join(pa.values())}) for the same event.")
    if overlap >= 0.5:
        for x, y in ANTONYMS:
            for left, right in ((x, y), (y, x)):
                if re.search(rf"\b{left}\b", fa) and re.search(rf"\b{right}\b", fb) \
                        and not re.search(rf"\b{right}\b", fa) and not re.search(rf"\b{left}\b", fb):
                    return rel("contradicts", f"B says \"{right}\" where A says \"{left}\" about {about}.")
    # A denial or a negation is about the other claim only when the two say nearly the same
    # thing: measured against the longer claim, so a short headline cannot stand for a long one.
    mutual = len(shared) / max(1, len(ta), len(tb))
    if overlap >= 0.3 and mutual >= 0.4:
        denier = _one_sided(DENIAL, fa, fb)
        if denier:
            return rel("weakens", f"{denier} reports a denial or rejection of what the other states about {about}.")
    if overlap >= 0.6 and mutual >= 0.5:
        negator = _one_sided(NEGATION, fa, fb)
        if negator:
            return rel("contradicts", f"{negator} negates what the other states about {about}.")
    if overlap >= 0.6:
        hedger = _one_sided(HEDGE, fa, fb)
        if hedger:
            cue = HEDGE.search(fb if hedger == "B" else fa).group()
            if hedger == "B":
                return rel("weakens", f"B hedges the claim (\"{cue}\"), A states it as fact.")
            return rel("adds", f"B states as fact what A hedges (\"{cue}\").")
    if overlap >= 0.6:
        attributor = _one_sided(SOURCE, fa, fb)
        detail = _added_detail(a, b)
        if attributor:
            other = "A" if attributor == "B" else "B"
            source = _source(b if attributor == "B" else a)
            why = f"{attributor} attributes the claim to {source}, {other} states it as fact; not a conflict."
            return rel("adds" if detail and detail[0] != "name" else "same", why)
        if covered >= 0.75 and detail:
            kind, text = detail
            if kind == "precision":
                return rel("adds", f"B is more precise about the date ({text}); a different precision is not "
                                   "a conflict.")
            return rel("adds", f"B adds a detail ({kind}: {text}) absent from A.")
        if covered >= 0.75 and len(tb - ta) >= 3:
            return rel("adds", f"B repeats A and adds more ({', '.join(sorted(tb - ta)[:4])}).")
        if len(ta ^ tb) <= max(2, len(ta | tb) // 3):
            return rel("same", f"Both state the same thing ({about}) in much the same words.")
    if p_down >= 0.5 and p_down >= p_up:
        cues = [k for k in ("contrast", "negation", "denial", "attribution", "quote") if _CUES[k].search(fb)]
        hint = f" (cues in B: {', '.join(cues)})" if cues else ""
        return rel("weakens", f"B reads like a rebuttal of A{hint}; a statistical guess from wording, "
                              "not a reading.", True)
    if p_up >= 0.5:
        return rel("adds", f"B is about the same matter ({about or 'related words'}) and may add to A; "
                           "a statistical guess from wording, not a reading.", True)
    return rel("unrelated", "B neither repeats nor disputes A, as far as its words show.", True)
