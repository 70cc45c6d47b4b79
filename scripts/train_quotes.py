"""Train Parallax's attribution tagger: a linear-chain CRF (python-crfsuite) over sentences,
tagging cue, source and content tokens (BIO), as PolNeAR annotates attributions.

Usage (from the repository root, a few minutes on one core):

    .venv/bin/python scripts/train_quotes.py --train ../shared/data/polnear/train \
        --dev ../shared/data/polnear/dev --out src/parallax/models/quotes

Data: PolNeAR train only (never dev, which is used for the scores written to
``training.json``). Word clusters are computed here from the training text alone, with the
same method as the NER model's (``scripts/train_ner.py``). Sentences are split and tokenized
by Parallax's own splitter and tokenizer, so training sees what inference sees. Needs
``python-crfsuite``, ``scikit-learn`` and ``scipy`` at training time; inference needs only
``python-crfsuite``.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
import time
from pathlib import Path

from parallax.analyze import crf
from parallax.analyze.quote_model import QuoteFeaturizer, QuoteLexicon, _ends_open
from parallax.analyze.ner_features import tokenize
from parallax.analyze.sentences import SentenceStage
from parallax.eval.quotes import _pairs, read_brat

log = logging.getLogger("train_quotes")


def _build_clusters():
    spec = importlib.util.spec_from_file_location("train_ner", Path(__file__).with_name("train_ner.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.build_clusters


def labelled_sentences(folder: Path, splitter: SentenceStage, holdout: int = 0):
    """(tokens, tags, open_quote) per sentence of the articles of a PolNeAR split, but for
    the last ``holdout`` ones (kept for error analysis)."""
    out = []
    pairs = _pairs(folder)
    for txt, ann in pairs[:len(pairs) - holdout]:
        text = txt.read_text(encoding="utf-8")
        gold = read_brat(ann.read_text(encoding="utf-8"))
        # character -> (attribution index, role, fragment index)
        owner: dict[int, tuple[int, str, int]] = {}
        for k, g in enumerate(gold):
            for role, frags in (("CON", g.content), ("CUE", g.cue), ("SRC", g.source)):
                for f, (a, b) in enumerate(frags):
                    for c in range(a, b):
                        owner.setdefault(c, (k, role, f))
        open_quote = False
        for lo, hi in splitter.split(text):
            toks = tokenize(text, lo, hi)
            if not toks:
                continue
            words = [text[a:b] for a, b in toks]
            tags = []
            prev = None
            for a, b in toks:
                o = next((owner[c] for c in range(a, b) if c in owner), None)
                if o is None:
                    tags.append("O")
                else:
                    tags.append(("I-" if o == prev else "B-") + o[1])
                prev = o
            out.append((words, tags, open_quote))
            open_quote = _ends_open(words, open_quote)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, required=True)
    ap.add_argument("--dev", type=Path, help="PolNeAR split scored after training (never trained on)")
    ap.add_argument("--out", type=Path, default=Path("src/parallax/models/quotes"))
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--holdout", type=int, default=0,
                    help="leave the last N training articles out (for error analysis on them)")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    import pycrfsuite

    t0 = time.time()
    splitter = SentenceStage()
    sents = labelled_sentences(args.train, splitter, args.holdout)
    log.info("read %d sentences, %d tokens (%.0fs)", len(sents), sum(len(w) for w, _, _ in sents),
             time.time() - t0)
    clusters = _build_clusters()([(w, t) for w, t, _ in sents])
    lexicon = QuoteLexicon(clusters=clusters)
    log.info("lexicon: %d clustered words (%.0fs)", len(clusters), time.time() - t0)
    feat = QuoteFeaturizer(lexicon)
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags, open_quote in sents:
        trainer.append(feat.sentence(words, open_quote), tags)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
                        "feature.possible_transitions": True})
    log.info("training CRF (c1=%s c2=%s, %d iterations max)", args.c1, args.c2, args.iterations)
    info = {"train": str(args.train), "c1": args.c1, "c2": args.c2,
            "iterations": args.iterations, "holdout": args.holdout}
    crf.train_and_save(trainer, args.out, lexicon.to_json(), info, t0)
    if args.dev:
        from parallax.analyze import quote_model
        from parallax.eval.quotes import evaluate

        crf.score_dev(info, args.out, args.dev, "PARALLAX_QUOTE_MODEL", quote_model.reload_model, evaluate)
    crf.save_info(args.out, info)
    return 0


if __name__ == "__main__":
    sys.exit(main())
