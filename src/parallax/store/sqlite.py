"""SQLite store: articles keyed by content hash, rejections, story assignments and their log.

Every write is one transaction, so an interrupted run leaves either the whole batch or none
of it. Schema changes are named migrations recorded in ``_migrations`` (as sqlite-utils does).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from ..errors import StoreError
from ..model import Article, Rejection
from .codec import article_from_dict, article_to_dict

log = logging.getLogger(__name__)

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE outlets (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL);
        CREATE TABLE articles (
            key TEXT PRIMARY KEY,
            id TEXT NOT NULL,
            outlet_id INTEGER REFERENCES outlets(id),
            published TEXT,
            added REAL NOT NULL,
            data TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE TABLE rejections (
            path TEXT NOT NULL, stage TEXT NOT NULL, reason TEXT NOT NULL, added REAL NOT NULL,
            PRIMARY KEY (path, stage, reason)
        );
        CREATE TABLE stories (id TEXT PRIMARY KEY, title TEXT NOT NULL, updated REAL NOT NULL);
        CREATE TABLE story_articles (
            article_key TEXT PRIMARY KEY REFERENCES articles(key),
            story_id TEXT NOT NULL REFERENCES stories(id)
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE story_log (
            at REAL NOT NULL, event TEXT NOT NULL, story_id TEXT NOT NULL, detail TEXT NOT NULL
        );
        """,
    ),
    (
        # The story clusterer's state, so that a run adds to it instead of re-clustering:
        # one row per story (running sums as JSON, date range as ordinals for loading only
        # the stories around new articles' dates), document frequencies, and counters.
        "0002_story_state",
        """
        CREATE TABLE story_state (
            story_id TEXT PRIMARY KEY, first INTEGER, last INTEGER, data TEXT NOT NULL
        );
        CREATE INDEX story_state_last ON story_state(last);
        CREATE TABLE story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL);
        CREATE TABLE story_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    (
        # The clusterer's inverted index (term or name -> stories), so that a run loads only
        # the stories a new article may join, not every story of its weeks.
        "0003_story_index",
        """
        CREATE TABLE story_index (
            key TEXT NOT NULL, story_id TEXT NOT NULL, last INTEGER, PRIMARY KEY (key, story_id)
        ) WITHOUT ROWID;
        CREATE INDEX story_index_story ON story_index(story_id);
        """,
    ),
    (
        # candidates are looked up by key within a date window: without this the lookup reads
        # every story that ever held a common word
        "0004_story_index_by_date",
        """
        CREATE INDEX story_index_key_last ON story_index(key, last);
        """,
    ),
    (
        # each clustered article's vectors, read back only when its story is due a split
        # check: kept apart so that loading a story costs its centroid, not its members
        "0005_story_vectors",
        """
        CREATE TABLE story_vectors (article_key TEXT PRIMARY KEY, data TEXT NOT NULL) WITHOUT ROWID;
        """,
    ),
]


class SQLiteStore:
    """The default store. ``path`` may be ``":memory:"``."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().parent
            try:
                parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for the store {self.path}: {exc}") from exc
        try:
            self.db = sqlite3.connect(self.path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            # WAL with NORMAL sync stays consistent after a crash (a transaction is whole or
            # absent); a power cut may lose the last one. One fsync per checkpoint instead of
            # per commit is what makes adding one article cheap.
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(
                f"{self.path} is not a usable SQLite database ({exc}); "
                "give --db a new file name or a Parallax store"
            ) from exc

    # -- schema ---------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied REAL)")
        done = {r[0] for r in self.db.execute("SELECT name FROM _migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self._transaction():
                for statement in filter(str.strip, sql.split(";")):
                    self.db.execute(statement)
                self.db.execute("INSERT INTO _migrations VALUES (?, ?)", (name, time.time()))
            log.info("store %s: applied migration %s", self.path, name)

    def _transaction(self):
        db = self.db

        class _Tx:
            def __enter__(self):
                db.execute("BEGIN IMMEDIATE")

            def __exit__(self, exc_type, exc, tb):
                db.execute("ROLLBACK" if exc_type else "COMMIT")
                return False

        return _Tx()

    # -- articles -------------------------------------------------------------------------
    def known(self, keys: Iterable[str]) -> set[str]:
        keys = list(keys)
        found: set[str] = set()
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            q = f"SELECT key FROM articles WHERE key IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(q, chunk))
        return found

    def add_articles(self, articles: Sequence[Article]) -> int:
        """Insert articles not yet stored; return how many were new. One transaction."""
        added = 0
        now = time.time()
        with self._transaction():
            for a in articles:
                outlet_id = None
                if a.source:
                    self.db.execute("INSERT OR IGNORE INTO outlets(name) VALUES (?)", (a.source,))
                    outlet_id = self.db.execute(
                        "SELECT id FROM outlets WHERE name = ?", (a.source,)
                    ).fetchone()[0]
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO articles(key, id, outlet_id, published, added, data) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (a.key, a.id, outlet_id, a.published, now,
                     json.dumps(article_to_dict(a), ensure_ascii=False)),
                )
                added += cur.rowcount
        return added

    def get_articles(self, keys: Iterable[str]) -> list[Article]:
        keys = list(keys)
        by_key: dict[str, Article] = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            q = f"SELECT key, data FROM articles WHERE key IN ({','.join('?' * len(chunk))})"
            for key, data in self.db.execute(q, chunk):
                by_key[key] = article_from_dict(json.loads(data))
        return [by_key[k] for k in keys if k in by_key]

    def articles(self) -> Iterator[Article]:
        for (data,) in self.db.execute("SELECT data FROM articles ORDER BY added, key"):
            yield article_from_dict(json.loads(data))

    def count_articles(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    # -- rejections -----------------------------------------------------------------------
    def add_rejections(self, rejections: Sequence[Rejection]) -> None:
        now = time.time()
        with self._transaction():
            self.db.executemany(
                "INSERT OR IGNORE INTO rejections(path, stage, reason, added) VALUES (?, ?, ?, ?)",
                [(r.path, r.stage, r.reason, now) for r in rejections],
            )

    def rejections(self) -> list[Rejection]:
        return [Rejection(*r) for r in self.db.execute(
            "SELECT path, stage, reason FROM rejections ORDER BY added, path")]

    # -- stories --------------------------------------------------------------------------
    def story_of(self) -> dict[str, str]:
        """article key -> story id, for every assigned article."""
        return dict(self.db.execute("SELECT article_key, story_id FROM story_articles"))

    def story_members(self, story_ids: Iterable[str]) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        ids = list(story_ids)
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = ("SELECT story_id, article_key FROM story_articles "
                 f"WHERE story_id IN ({','.join('?' * len(chunk))}) ORDER BY rowid")
            for sid, key in self.db.execute(q, chunk):
                out.setdefault(sid, []).append(key)
        return out

    def assign(self, assignments: dict[str, str], titles: dict[str, str],
               events: Sequence[tuple[str, str, str]] = (), state: dict | None = None) -> None:
        """Persist article -> story assignments, story titles, the merge/split log and (when
        given) the clusterer's changed state (``StoryClusterer.export_state()``), at once."""
        now = time.time()
        with self._transaction():
            if state is not None:
                self._save_story_state(state)
            for sid, title in titles.items():
                self.db.execute(
                    "INSERT INTO stories(id, title, updated) VALUES (?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET title = excluded.title, updated = excluded.updated",
                    (sid, title, now),
                )
            # stories that may lose their last article here: the earlier stories of the
            # reassigned articles, and stories merged away
            maybe_empty = {sid for _, sid in self._in(
                "SELECT article_key, story_id FROM story_articles WHERE article_key IN ({})", list(assignments))}
            if state is not None:
                maybe_empty.update(state["removed"])
            self.db.executemany(
                "INSERT INTO story_articles(article_key, story_id) VALUES (?, ?) "
                "ON CONFLICT(article_key) DO UPDATE SET story_id = excluded.story_id",
                list(assignments.items()),
            )
            self.db.executemany(
                "INSERT INTO story_log(at, event, story_id, detail) VALUES (?, ?, ?, ?)",
                [(now, e, s, d) for e, s, d in events],
            )
            self.db.executemany(
                "DELETE FROM stories WHERE id = ? AND NOT EXISTS "
                "(SELECT 1 FROM story_articles WHERE story_id = ?)",
                [(sid, sid) for sid in maybe_empty - set(assignments.values())],
            )

    def _save_story_state(self, state: dict) -> None:
        self.db.executemany(
            "INSERT INTO story_meta(name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            [(k, json.dumps(v)) for k, v in state["meta"].items()],
        )
        self.db.executemany(
            "INSERT INTO story_df(term, df) VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = excluded.df",
            list(state["df"].items()),
        )
        self.db.executemany(
            "INSERT INTO story_state(story_id, first, last, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(story_id) DO UPDATE SET first = excluded.first, last = excluded.last, "
            "data = excluded.data",
            [(sid, d.get("first"), d.get("last"), json.dumps(d, separators=(",", ":")))
             for sid, d in state["stories"].items()],
        )
        self.db.executemany(
            "INSERT INTO story_vectors(article_key, data) VALUES (?, ?) "
            "ON CONFLICT(article_key) DO UPDATE SET data = excluded.data",
            [(k, json.dumps(v, separators=(",", ":"))) for k, v in state.get("vectors", {}).items()],
        )
        self.db.executemany("DELETE FROM story_state WHERE story_id = ?", [(sid,) for sid in state["removed"]])
        self.db.executemany("DELETE FROM story_index WHERE story_id = ?", [(sid,) for sid in state["removed"]])
        self.db.executemany(
            "INSERT INTO story_index(key, story_id, last) VALUES (?, ?, ?) "
            "ON CONFLICT(key, story_id) DO UPDATE SET last = excluded.last",
            [(k, sid, d.get("last")) for sid, d in state["stories"].items() for k in d.get("keys", ())],
        )

    def story_newest(self) -> int | None:
        """Date ordinal of the newest dated article the clusterer has seen (None: none)."""
        row = self.db.execute("SELECT value FROM story_meta WHERE name = 'newest'").fetchone()
        return json.loads(row[0]) if row else None

    def has_story_state(self) -> bool:
        return self.db.execute("SELECT 1 FROM story_meta LIMIT 1").fetchone() is not None

    def load_story_state(self, around: tuple[int, int] | None = None, window: int = 0,
                         keys: Iterable[str] | None = None, terms: Iterable[str] | None = None,
                         limit: int = 200) -> dict:
        """The clusterer's persisted state, as ``StoryClusterer.load_state`` takes it.

        ``around``: (first, last) date ordinals of the articles to come; only stories within
        ``window`` days of that range, and stories without dates, are loaded. None loads all.
        ``keys``: the coming articles' keys; when given, assignments are loaded for those and
        for the members of the loaded stories only. ``terms``: the coming articles' prefixed
        terms; when given, only their document frequencies are loaded, and (with ``around``)
        only the ``limit`` stories sharing most index keys with them. With all three, loading
        costs what the new articles and their candidate stories hold, not the store's size."""
        meta = {k: json.loads(v) for k, v in self.db.execute("SELECT name, value FROM story_meta")}
        if terms is None:
            df = dict(self.db.execute("SELECT term, df FROM story_df"))
        else:
            df = dict(self._in("SELECT term, df FROM story_df WHERE term IN ({})", list(terms)))
        if terms is not None and around is not None:
            # candidates through the index: stories near the dates that share a key with
            # the new articles, most shared keys first
            lo = around[0] - window
            hits: dict[str, int] = {}
            for cond in ("last >= %d" % lo, "last IS NULL"):  # two index range scans, not an OR
                for sid, n in self._in(
                        "SELECT story_id, COUNT(*) FROM story_index INDEXED BY story_index_key_last "
                        "WHERE key IN ({}) AND " + cond + " GROUP BY story_id", list(terms)):
                    hits[sid] = hits.get(sid, 0) + n
            best = sorted(hits, key=lambda sid: -hits[sid])[:limit]
            rows = list(self._in("SELECT story_id, data FROM story_state WHERE story_id IN ({})", best))
        elif around is None:
            rows = self.db.execute("SELECT story_id, data FROM story_state")
        else:
            rows = self.db.execute(
                "SELECT story_id, data FROM story_state WHERE first IS NULL OR "
                "(last >= ? AND first <= ?)", (around[0] - window, around[1] + window))
        stories = {sid: json.loads(data) for sid, data in rows}
        members = self.story_members(stories)
        if keys is None:
            story_of = self.story_of()
        else:
            story_of = dict(self._in("SELECT article_key, story_id FROM story_articles WHERE article_key IN ({})",
                                     list(keys)))
            story_of.update((k, sid) for sid, ks in members.items() for k in ks)
        return {"meta": meta, "df": df, "stories": stories, "members": members, "story_of": story_of}

    def load_story_vectors(self, keys: Iterable[str]) -> dict[str, list]:
        """article key -> the vectors the clusterer saved for it (``StoryClusterer``'s
        ``vector_source``); keys never clustered are absent."""
        return {k: json.loads(d) for k, d in self._in(
            "SELECT article_key, data FROM story_vectors WHERE article_key IN ({})", list(keys))}

    def _in(self, query: str, values: list[str]) -> Iterator[tuple]:
        for i in range(0, len(values), 500):
            chunk = values[i : i + 500]
            yield from self.db.execute(query.format(",".join("?" * len(chunk))), chunk)

    def story_log(self) -> list[tuple[str, str, str]]:
        return [tuple(r) for r in self.db.execute(
            "SELECT event, story_id, detail FROM story_log ORDER BY at, rowid")]

    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
