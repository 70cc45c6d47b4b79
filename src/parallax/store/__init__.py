"""store: where analyzed articles, rejections and story assignments live.

Chosen by URL: ``open_store("sqlite:///news.db")``, a plain path, or ``":memory:"``.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .sqlite import SQLiteStore

Store = SQLiteStore


def default_store_path() -> Path:
    """The store used when none is named: ``news.db`` in the user's data directory."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("parallax")) / "news.db"


def open_store(url: str | Path) -> SQLiteStore:
    url = str(url)
    if url.startswith("sqlite:///"):
        return SQLiteStore(url[len("sqlite:///"):] or ":memory:")
    if url.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            f"{url}: the PostgreSQL backend is not built yet; use a SQLite path such as news.db"
        )
    if "://" in url:
        raise StoreError(f"{url}: unknown store URL scheme; expected sqlite:///PATH or a file path")
    return SQLiteStore(url)


__all__ = ["Store", "SQLiteStore", "open_store", "default_store_path"]
