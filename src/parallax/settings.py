"""Settings are data: one registry of (name, default, help), layered
defaults < settings file < ``PARALLAX_*`` environment < command-line flags.

The settings file is TOML at ``$PARALLAX_CONFIG`` or ``<user config dir>/parallax/settings.toml``.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("workers", 1, "Processes that analyze articles in parallel (1 = in the main process)."),
    Setting("batch_size", 64, "Articles analyzed and stored per transaction."),
    Setting("story_embeddings", False, "Add sentence embeddings (the bundled all-MiniLM-L6-v2 model) to story similarity; needs the `embed` extra and torch. Off: the link model reads words, names, numbers, years, weekdays and dates only."),
    Setting("quote_tagger", "crf", "Tagger that adds the attributions the quote rules miss: `crf` (shipped) or `minilm` (fine-tuned all-MiniLM-L6-v2; needs the `embed` extra and torch, finds more, slower)."),
    Setting("db", None, "Store used by `parallax ingest` (a path or sqlite:/// URL); default: news.db in the user data directory."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def _config_file() -> Path:
    if os.environ.get("PARALLAX_CONFIG"):
        return Path(os.environ["PARALLAX_CONFIG"])
    from platformdirs import user_config_dir

    return Path(user_config_dir("parallax")) / "settings.toml"


def _coerce(setting: Setting, value: Any, origin: str) -> Any:
    if setting.default is None or value is None:
        return value
    kind = type(setting.default)
    if kind is bool and isinstance(value, str):  # bool("0") is True: read the words people write
        low = value.strip().lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off", ""):
            return False
    try:
        return kind(value)
    except (TypeError, ValueError):
        from .errors import ParallaxError

        raise ParallaxError(
            f"setting {setting.name!r} from {origin} is {value!r}; expected a {kind.__name__}"
        ) from None


def load(flags: dict[str, Any] | None = None) -> dict[str, Any]:
    """All settings, layered. ``flags`` holds command-line values (None = not given)."""
    values = {s.name: s.default for s in SETTINGS}
    path = _config_file()
    if path.is_file():
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for k, v in data.items():
            if k in _BY_NAME:
                values[k] = _coerce(_BY_NAME[k], v, str(path))
    for s in SETTINGS:
        env = os.environ.get(f"PARALLAX_{s.name.upper()}")
        if env is not None:
            values[s.name] = _coerce(s, env, f"PARALLAX_{s.name.upper()}")
    for k, v in (flags or {}).items():
        if v is not None and k in _BY_NAME:
            values[k] = _coerce(_BY_NAME[k], v, f"--{k.replace('_', '-')}")
    return values
