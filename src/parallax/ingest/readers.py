"""Readers (placeholder interface; being written)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Article, Rejection


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | Rejection]:
    """Read files and folders (recursively) into Articles; unusable ones become Rejections."""
    for p in paths:
        p = Path(p)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
        for f in files:
            text = f.read_text(encoding="utf-8", errors="replace")
            yield Article(id=f.stem, text=text, path=str(f))


def read_stdin(name: str = "<stdin>") -> Iterator[Article | Rejection]:
    import sys

    yield Article(id="stdin", text=sys.stdin.read(), path=name)
