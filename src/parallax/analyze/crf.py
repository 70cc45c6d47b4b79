"""What the project's two linear-chain CRF models (named entities, quote attributions) share:
a model directory holds ``model.crfsuite`` (python-crfsuite weights), ``lexicon.json`` (what
the features read) and ``training.json`` (how it was trained, and the dev scores printed then).
An environment variable may point a model at another directory, so a freshly trained model
can be tried without copying it into the package."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ParallaxError

log = logging.getLogger(__name__)


def model_dir(env: str, default: Path) -> Path:
    """The directory named by the environment variable ``env``, else ``default``."""
    value = os.environ.get(env)
    return Path(value) if value else default


def open_model(directory: Path, what: str, missing: type[ParallaxError], train_command: str) -> tuple[Any, dict]:
    """The tagger of the model in ``directory`` and its lexicon (as JSON); raises ``missing``,
    saying what to install or how to train, when either cannot be had."""
    try:
        import pycrfsuite
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise missing(f"the {what} needs python-crfsuite: pip install python-crfsuite") from exc
    model = directory / "model.crfsuite"
    lexicon = directory / "lexicon.json"
    if not model.is_file() or not lexicon.is_file():
        raise missing(f"no {what} in {directory} (expected model.crfsuite and lexicon.json); "
                      f"train it from the repository root with: {train_command}")
    with open(lexicon, encoding="utf-8") as fh:
        lexicon_json = json.load(fh)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    log.info("loaded %s from %s", what, directory)
    return tagger, lexicon_json


def train_and_save(trainer: Any, out: Path, lexicon_json: dict, info: dict, t0: float) -> None:
    """Train ``trainer`` into ``out`` (the weights written whole or not at all) beside its
    lexicon; ``info`` gains the training time. Call :func:`save_info` when done."""
    out.mkdir(parents=True, exist_ok=True)
    model_path = out / "model.crfsuite"
    tmp = out / "model.crfsuite.tmp"
    trainer.train(str(tmp))
    tmp.replace(model_path)
    with open(out / "lexicon.json", "w", encoding="utf-8") as fh:
        json.dump(lexicon_json, fh, separators=(",", ":"), sort_keys=True)
    info["seconds"] = round(time.time() - t0)
    log.info("trained in %.0fs; model %.1f MB", time.time() - t0, model_path.stat().st_size / 1e6)


def score_dev(info: dict, out: Path, dev: Path, env: str, reload: Callable[[], None],
              evaluate: Callable[[Path], tuple[list[str], dict]]) -> None:
    """Score the model just trained in ``out`` on ``dev`` (through ``env``, so the stage
    loads it) and record the figures in ``info``."""
    os.environ[env] = str(out)
    reload()
    lines, scores = evaluate(dev)
    for line in lines:
        log.info("%s", line)
    info["dev"] = str(dev)
    info["scores"] = scores


def save_info(out: Path, info: dict) -> None:
    with open(out / "training.json", "w", encoding="utf-8") as fh:
        json.dump(info, fh, indent=1, sort_keys=True)
