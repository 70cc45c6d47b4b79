"""The demo corpus: an invented story told by five invented outlets, plus one unrelated story.
All of it is the project's own writing (see ABOUT.md)."""

from pathlib import Path


def corpus_dir() -> Path:
    return Path(__file__).resolve().parent / "corpus"
