"""Fit the story clusterer's link model and tune its thresholds on ECB+ dev topics; report
held-out figures.

Rule (fixed before looking at held-out figures): topics 1-20 are dev, 21-35 are held out.

1. The link model is a logistic regression over ``parallax.link.stories.FEATURES`` on
   article-story pairs built from the dev topics only: for every dev article, its own gold
   event without it (positive) and the other event of its topic and the two most similar
   events of other dev topics (negatives), each as a story of 1, 3, 8 or all of its members
   (random, seeded), since the clusterer meets stories at every size.
2. A grid over ``threshold`` x ``merge_threshold`` x ``split_margin`` is scored by event-level pairwise F1 on the
   dev topics, clustered together in the evaluation's document order; the best setting wins,
   ties broken towards the higher threshold (fewer joins).
3. The winner is scored on topics 21-35 and on all topics.

Usage: python scripts/tune_stories.py [ECB+ DIR] [--embed]

Results of the last run (recorded in ``parallax.link.stories``):

* text only, 216 settings, about 130 s: threshold 0.45, no merging, split margin 5.0. Event
  pairwise F1: dev (1-20) 0.927, held out (21-35) 0.874, all 0.909; event BCubed F1
  0.930 / 0.889 / 0.918. The model weighs names most (10.1, the lead's names 4.7), then
  years named alike (3.9), numbers (2.6), weekdays (1.6) and words (1.6).
* with ``--embed`` (all-MiniLM-L6-v2 on the title and opening), 36 settings: threshold 0.15,
  no merging, split margin 4.0; embedding weight 3.2 and words about 0. Event pairwise F1:
  dev 0.966, held out 0.890, all 0.933; event BCubed F1 0.961 / 0.921 / 0.944.

* ``--C 0.3 3 10`` (the link model's regularisation chosen with the thresholds): C=10 won on
  dev (0.942; held out 0.881, all 0.909) with a negative weight on shared words (-3.2; -0.7 at
  C=3): on ECB+, where both events of a topic are of one kind, shared words mark the other
  event once names agree, which would not hold in a real stream of unrelated stories. Such
  models are set aside (the rule: every weight of words, names, years and numbers points the
  expected way, more shared means more likely one event); of the others C=1 won on dev
  (0.9271 against 0.9267 at C=0.3), so the default stays C=1. C=0.3 scores 0.914 on the
  held-out topics against 0.874: near-equal dev figures, far apart held out, which says how
  noisy 15 topics are; held-out figures choose nothing here.

The gap between dev and held-out figures says 20 topics fit a model of 10 weights and 3
thresholds only so far.

The printed model and thresholds go into ``parallax.link.stories`` (``PAIR_MODEL``,
``TUNED``; with ``--embed``, ``PAIR_MODEL_EMBED``, ``TUNED_EMBED``). The date decay
(``days_scale``, ``grace_days``) is not tuned: ECB+ has no publication dates.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_DOCS = None
_EMB = None


def _setup(path: str, embed: bool):
    global _DOCS, _EMB
    from parallax.eval.stories import read_ecb
    from parallax.link import stories as mod

    from parallax.analyze.sentences import SentenceStage

    docs = read_ecb(path)
    # sentences as the evaluation has them (the lead is the first sentence)
    _DOCS = [(a, ev, t) for a, (_, ev, t) in zip(SentenceStage().pipe(a for a, _, _ in docs), docs)]
    # features once: the clusterer looks them up instead of recomputing
    for name in ("content_terms", "name_terms", "year_terms", "weekday_terms", "lead_name_terms"):
        fn = getattr(mod, name)
        table = {a.key: fn(a) for a, _, _ in _DOCS}
        setattr(mod, name, lambda a, table=table: table[a.key])
    if embed:
        import numpy as np

        from parallax.link.story_features import MiniLMEmbedder, embedding_text

        cache = Path("/tmp") / "parallax-ecb-minilm.npy"
        if cache.exists():
            vecs = np.load(cache)
        else:
            vecs = MiniLMEmbedder()([embedding_text(a) for a, _, _ in _DOCS])
            np.save(cache, vecs)
        _EMB = {embedding_text(a): v for (a, _, _), v in zip(_DOCS, vecs)}


def _lookup_embedder(texts):
    return [_EMB[t] for t in texts]


def pair_examples(topics: range, seed: int = 0):
    """(features, label) for article-story pairs of the given topics (see the module doc)."""
    from parallax.link import stories as mod
    from parallax.link.story_features import embedding_text

    rng = random.Random(seed)
    docs = [(a, ev, t) for a, ev, t in _DOCS if int(t) in topics]
    c = mod.StoryClusterer()
    c._init_state()
    raw = {}
    for a, _, _ in docs:
        terms, names = mod.content_terms(a), mod.name_terms(a)
        c.df_terms_.update(terms.keys())
        c.df_names_.update(names.keys())
        raw[a.key] = (a, terms, names)
    c.n_docs_ = len(docs)
    vec = {}
    for k, (a, terms, names) in raw.items():
        emb = _EMB[embedding_text(a)] if _EMB is not None else None
        vec[k] = c._vectors(a, terms, names, None if emb is None else list(map(float, emb)))
    events = defaultdict(list)
    for a, ev, _ in docs:
        events[ev].append(a.key)

    def story(keys):
        s = mod._Story("x", 0)
        for k in keys:
            c._add(s, k, vec[k], None)
        return s

    whole = {ev: story(keys) for ev, keys in events.items()}
    X, y = [], []
    for a, ev, t in docs:
        f = vec[a.key]
        others = [e for e in events if e != ev]
        same_topic = [e for e in others if e.split("/")[0] == t]
        far = sorted((e for e in others if e.split("/")[0] != t),
                     key=lambda e: -mod.pair_features(f, whole[e])[0])[:2]
        for e, label in [(ev, 1)] + [(e, 0) for e in same_topic + far]:
            pool = [k for k in events[e] if k != a.key]
            if not pool:
                continue
            for size in (1, 3, 8, len(pool)):
                keys = rng.sample(pool, min(size, len(pool)))
                X.append(mod.pair_features(f, story(keys)))
                y.append(label)
    return X, y


def fit_model(topics: range, embed: bool, C: float = 1.0) -> dict:
    from sklearn.linear_model import LogisticRegression

    from parallax.link.stories import FEATURES

    X, y = pair_examples(topics)
    names = [n for n in FEATURES if embed or n != "embedding"]
    cols = [FEATURES.index(n) for n in names]
    lr = LogisticRegression(C=C, max_iter=2000).fit([[row[i] for i in cols] for row in X], y)
    model = {"bias": round(float(lr.intercept_[0]), 3)}
    model.update({n: round(float(w), 3) for n, w in zip(names, lr.coef_[0])})
    if not embed:
        model["embedding"] = 0.0
    return model


def score(params: dict, topics: range) -> dict:
    from parallax.eval.clustering import bcubed, pairwise
    from parallax.link.stories import StoryClusterer

    docs = [(a, ev, t) for a, ev, t in _DOCS if int(t) in topics]
    arts = [a for a, _, _ in docs]
    c = StoryClusterer(**params, embedder=_lookup_embedder if _EMB is not None else None).partial_fit(arts)
    pred = {a.id: c.story_of_[a.key] for a in arts}
    gold = {a.id: ev for a, ev, _ in docs}
    topic = {a.id: t for a, _, t in docs}
    return {"event_pairwise_f1": pairwise(pred, gold)["f1"], "event_bcubed_f1": bcubed(pred, gold)["f1"],
            "topic_pairwise_f1": pairwise(pred, topic)["f1"], "stories": len(set(pred.values()))}


DEV, TEST, ALL = range(1, 21), range(21, 36), range(1, 36)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(ROOT.parent / "shared" / "data" / "ecbplus"))
    ap.add_argument("--embed", action="store_true", help="also use sentence embeddings")
    ap.add_argument("--C", type=float, nargs="+", default=[1.0],
                    help="inverse regularisation strengths of the link model to choose among on dev")
    args = ap.parse_args(argv)
    if not Path(args.path).is_dir():
        sys.exit(f"{args.path}: no ECB+ folder")
    start = time.perf_counter()
    _setup(args.path, args.embed)
    models = {C: fit_model(DEV, args.embed, C) for C in args.C}
    for C, model in models.items():
        print(f"link model fitted on topics 1-20 (C={C}):", json.dumps(model))
    grid = {
        "threshold": [round(0.1 + 0.05 * i, 2) for i in range(9)],
        "merge_threshold": [None, 0.7, 0.9],
        "split_margin": [None, 2.0, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0],
    }
    if args.embed:  # slower to score: a narrower grid around the text-only optimum
        grid = {"threshold": [0.15, 0.2, 0.25, 0.3, 0.35, 0.4], "merge_threshold": [None, 0.7],
                "split_margin": [4.0, 4.5, 5.0]}
    combos = [dict(zip(grid, vals), model=model) for model in models.values()
              for vals in itertools.product(*grid.values())]
    results = [(p, score(p, DEV)) for p in combos]
    results.sort(key=lambda r: (-round(r[1]["event_pairwise_f1"], 4), -r[0]["threshold"]))
    best = results[0][0]
    print(f"{len(combos)} settings tried on topics 1-20 in {time.perf_counter() - start:.0f} s; top 5:")
    for p, m in results[:5]:
        print(f"  threshold {p['threshold']} merge {p['merge_threshold']} split {p['split_margin']}  dev event pairwise F1 "
              f"{m['event_pairwise_f1']:.4f}")
    out = {"chosen": {k: v for k, v in best.items() if k != "model"}, "model": best["model"]}
    for name, topics in (("dev_1_20", DEV), ("heldout_21_35", TEST), ("all_1_35", ALL)):
        m = score(best, topics)
        out[name] = {k: round(v, 4) for k, v in m.items()}
        print(f"{name:<14} event pairwise F1 {m['event_pairwise_f1']:.4f}  event BCubed F1 "
              f"{m['event_bcubed_f1']:.4f}  topic pairwise F1 {m['topic_pairwise_f1']:.4f}  stories {m['stories']}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
