"""Tune the story clusterer's weights and thresholds on ECB+ dev topics; report held-out figures.

Rule (fixed before looking at held-out figures): topics 1-20 are dev, 21-35 are held out.
A grid over ``threshold`` x ``name_weight`` x ``merge_threshold`` (and ``embed_weight`` when
``--embed`` is given) is scored by event-level pairwise F1 on the dev topics, clustered
together in the evaluation's document order; the best setting wins, ties broken towards the
higher threshold (fewer joins). The winner is then scored on topics 21-35 and on all topics.

Usage: python scripts/tune_stories.py [ECB+ DIR] [--embed] [--jobs N]

Results of the last run (recorded in ``parallax.link.stories.TUNED`` and ``TUNED_EMBED``):

* text only, 648 settings, 200 s on 2 processes: chosen threshold 0.26, name weight 0.8, year
  weight 0.3, merge threshold 0.45. Event pairwise F1: dev (1-20) 0.898, held out (21-35)
  0.814, all 0.855; event BCubed F1 0.921 / 0.876 / 0.896; topic pairwise F1 0.700 / 0.744 / 0.735.
* with ``--embed`` (all-MiniLM-L6-v2 on the title and opening), 288 settings: chosen threshold
  0.36, name weight 0.7, year weight 0.3, merge threshold 0.45, embedding weight 0.3. Event
  pairwise F1: dev 0.885, held out 0.847, all 0.870; event BCubed F1 0.912 / 0.902 / 0.909.

The name weight is a share of the non-embedding part: with embedding weight e, the weights are
terms (1-e)(1-n), names (1-e)n, embeddings e. The year weight scales the similarity down by up
to that fraction when the article and the story name different years. The date decay
(``days_scale``, ``grace_days``) is not tuned: ECB+ has no publication dates.
The gap between dev and held-out figures says the optimum is flat and noisy on 20 topics.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_DOCS = None
_EMB = None


def _setup(path: str, embed: bool):
    global _DOCS, _EMB
    from parallax.eval.stories import read_ecb
    from parallax.link import stories as mod

    _DOCS = read_ecb(path)
    terms = {a.key: mod.content_terms(a) for a, _, _ in _DOCS}
    names = {a.key: mod.name_terms(a) for a, _, _ in _DOCS}
    # features once per process: the clusterer looks them up instead of recomputing
    mod.content_terms = lambda a: terms[a.key]
    mod.name_terms = lambda a: names[a.key]
    years = {a.key: mod.year_terms(a) for a, _, _ in _DOCS}
    mod.year_terms = lambda a: years[a.key]
    if embed:
        import numpy as np

        cache = Path("/tmp") / "parallax-ecb-minilm.npy"
        if cache.exists():
            vecs = np.load(cache)
        else:
            from parallax.link.story_features import MiniLMEmbedder, embedding_text

            vecs = MiniLMEmbedder()([embedding_text(a) for a, _, _ in _DOCS])
            np.save(cache, vecs)
        from parallax.link.story_features import embedding_text

        _EMB = {embedding_text(a): v for (a, _, _), v in zip(_DOCS, vecs)}


def _lookup_embedder(texts):
    return [_EMB[t] for t in texts]


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


def _job(params, topics):
    return params, score(params, topics)


DEV, TEST, ALL = range(1, 21), range(21, 36), range(1, 36)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(ROOT.parent / "shared" / "data" / "ecbplus"))
    ap.add_argument("--embed", action="store_true", help="also tune the sentence-embedding weight")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    if not Path(args.path).is_dir():
        sys.exit(f"{args.path}: no ECB+ folder")
    start = time.perf_counter()
    grid = {
        "threshold": [round(0.14 + 0.02 * i, 2) for i in range(12)],
        "name_weight": [round(0.3 + 0.1 * i, 1) for i in range(6)],
        "year_weight": [0.0, 0.3, 0.5],
        "merge_threshold": [None, 0.45, 0.6],
        "embed_weight": [0.0],
    }
    if args.embed:  # embeddings are slower to score: a narrower grid around the text-only optimum
        grid.update(name_weight=[0.6, 0.7, 0.8], year_weight=[0.3, 0.5], merge_threshold=[None, 0.45],
                    embed_weight=[0.15, 0.3])
    combos = [dict(zip(grid, vals)) for vals in itertools.product(*grid.values())]
    _setup(args.path, args.embed)  # compute the embeddings once, before the workers start
    with ProcessPoolExecutor(args.jobs, initializer=_setup, initargs=(args.path, args.embed)) as pool:
        results = list(pool.map(functools.partial(_job, topics=DEV), combos, chunksize=8))
    results.sort(key=lambda r: (-round(r[1]["event_pairwise_f1"], 4), -r[0]["threshold"]))
    best = results[0][0]
    print(f"{len(combos)} settings tried on topics 1-20 in {time.perf_counter() - start:.0f} s; top 5:")
    for p, m in results[:5]:
        print(f"  {p}  dev event pairwise F1 {m['event_pairwise_f1']:.4f}")
    out = {"chosen": best}
    for name, topics in (("dev_1_20", DEV), ("heldout_21_35", TEST), ("all_1_35", ALL)):
        m = score(best, topics)
        out[name] = {k: round(v, 4) for k, v in m.items()}
        print(f"{name:<14} event pairwise F1 {m['event_pairwise_f1']:.4f}  event BCubed F1 "
              f"{m['event_bcubed_f1']:.4f}  topic pairwise F1 {m['topic_pairwise_f1']:.4f}  stories {m['stories']}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
