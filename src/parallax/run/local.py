"""Runs the whole flow on one machine: ingest -> analyze (in a process pool when asked) ->
store -> link -> compare. The one function most callers need is :func:`analyze`."""

from __future__ import annotations

import logging
import tempfile
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from ..analyze import Pipeline, default_pipeline
from ..compare.story import build_story
from ..ingest import read_paths, read_stdin
from ..link.dedup import NearDuplicates
from ..link.stories import TUNED, TUNED_EMBED, StoryClusterer, date_ordinal
from ..link.story_features import MiniLMEmbedder, content_terms, name_terms
from ..model import Article, Rejection, Story
from ..store import SQLiteStore, open_store

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int | None], None]  # (what, done, total)


@dataclass
class Result:
    """What one run produced: the articles of this input (analyzed), what was rejected, and the
    stories those articles belong to (with every stored article of those stories)."""

    articles: list[Article] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    related: list[Article] = field(default_factory=list)  # stored articles of the same stories
    added: int = 0  # articles new to the store
    duplicate_of: dict[str, str] = field(default_factory=dict)


def _analyze_one(pipeline: Pipeline, article: Article) -> Article | Rejection:
    try:
        return pipeline(article)
    except Exception as exc:  # one bad article must not stop the batch
        log.debug("analysis failed for %s:\n%s", article.path or article.id, traceback.format_exc())
        return Rejection(article.path or article.id, "analyze", f"analysis failed: {type(exc).__name__}: {exc}")


_WORKER_PIPELINE: Pipeline | None = None


def _worker_analyze(article: Article) -> Article | Rejection:
    global _WORKER_PIPELINE
    if _WORKER_PIPELINE is None:
        _WORKER_PIPELINE = default_pipeline()
    return _analyze_one(_WORKER_PIPELINE, article)


def analyze_articles(articles: Iterable[Article], workers: int = 1) -> Iterator[Article | Rejection]:
    """Run the per-article pipeline, in ``workers`` processes when more than one."""
    if workers <= 1:
        pipeline = default_pipeline()
        for a in articles:
            yield _analyze_one(pipeline, a)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(_worker_analyze, articles, chunksize=8)


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Article ids are file stems; two files named alike in different folders get a suffix."""
    seen: dict[str, int] = {}
    out = []
    for a in articles:
        n = seen.get(a.id, 0)
        seen[a.id] = n + 1
        out.append(a if n == 0 else a.evolve(id=f"{a.id}-{n + 1}"))
    return out


def analyze(inputs: Sequence[str | Path] | None = None, *, db: str | Path | SQLiteStore | None = None,
            stdin: bool = False, workers: int = 1, progress: Progress | None = None,
            batch_size: int = 64, story_embeddings: bool | None = None) -> Result:
    """Analyze files, folders (recursively) and/or standard input; return articles, rejections
    and the stories they belong to.

    ``db``: a store path or URL to add to (default: a temporary store, gone after the run).
    Articles already in the store (same content hash) are not analyzed again.
    ``story_embeddings``: add sentence embeddings to story similarity (needs the ``embed``
    extra); None takes the ``story_embeddings`` setting.
    """
    if story_embeddings is None:
        from .. import settings

        story_embeddings = bool(settings.load().get("story_embeddings"))
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="parallax-")
        store = open_store(Path(tmp.name) / "run.db")
    elif isinstance(db, SQLiteStore):
        store = db
    else:
        store = open_store(db)
    try:
        return _run(store, inputs or [], stdin, workers, progress or (lambda *a: None), batch_size,
                    story_embeddings)
    finally:
        if store is not db:
            store.close()
        if tmp is not None:
            tmp.cleanup()


def _run(store: SQLiteStore, inputs: Sequence[str | Path], stdin: bool, workers: int,
         progress: Progress, batch_size: int, story_embeddings: bool = False) -> Result:
    result = Result()
    ingested: list[Article] = []
    sources: list[Iterable[Article | Rejection]] = [read_paths(inputs)] if inputs else []
    if stdin:
        sources.append(read_stdin())
    for source in sources:
        for item in source:
            if isinstance(item, Rejection):
                result.rejected.append(item)
            else:
                ingested.append(item)
            progress("read", len(ingested) + len(result.rejected), None)
    ingested = _unique_ids(ingested)
    # the same text twice in one input is one article
    by_key: dict[str, Article] = {}
    for a in ingested:
        by_key.setdefault(a.key, a)
    known = store.known(by_key)
    stored = {a.key: a for a in store.get_articles(known)}
    todo = [a for k, a in by_key.items() if k not in known]
    done = 0
    analyzed: dict[str, Article] = {}
    it = iter(analyze_articles(todo, workers))
    while batch := list(islice(it, batch_size)):
        good = []
        for item in batch:
            if isinstance(item, Rejection):
                result.rejected.append(item)
            else:
                good.append(item)
                analyzed[item.key] = item
        result.added += store.add_articles(good)  # one transaction per batch
        done += len(batch)
        progress("analyze", done, len(todo))
    if result.rejected:
        store.add_rejections(result.rejected)
    # this run's articles, in input order, with the stored analysis where it existed; the
    # input's own id and path win, since the same text may come under a new name
    for a in ingested:
        done_a = analyzed.get(a.key) or stored.get(a.key)
        if done_a is not None:
            result.articles.append(done_a.evolve(id=a.id, path=a.path))
    _link(store, result, progress, story_embeddings)
    return result


def _story_clusterer(store: SQLiteStore, new: Sequence[Article], embeddings: bool) -> StoryClusterer:
    """The clusterer with the store's state around the new articles' dates: a run adds to the
    stories, it does not re-cluster the store. A store written before story state was kept
    (assignments but no state) is rebuilt from its articles once."""
    embedder = MiniLMEmbedder() if embeddings else None
    clusterer = StoryClusterer(embedder=embedder, vector_source=store.load_story_vectors,
                               **(TUNED_EMBED if embeddings else TUNED))
    if store.has_story_state():
        days = [d for d in (date_ordinal(a.published) for a in new) if d is not None]
        if len(days) < len(new):
            # an undated article is taken to tell current news: it is matched against the
            # stories around the newest date in the store (loading every story would make one
            # undated article cost the whole store). Limit: an undated report of an old event
            # starts a new story instead of joining its own.
            newest = store.story_newest()
            if newest is not None:
                days.append(newest)
        around = (min(days), max(days)) if days else None
        # only what the new articles need: their terms' frequencies, the stories near them
        terms = {"t:" + t for a in new for t in content_terms(a)} | {"n:" + n for a in new for n in name_terms(a)}
        state = store.load_story_state(around, window=clusterer.window_days, keys=[a.key for a in new], terms=terms,
                                       limit=clusterer.max_scored * max(1, len(new)))
        return clusterer.load_state(**state)
    assigned = store.story_of()
    if assigned:
        log.info("store %s has stories but no clustering state: rebuilding it once", store.path)
        old = sorted(store.get_articles(assigned), key=lambda a: (a.published or "9999", a.id))
        clusterer.partial_fit(old, known=assigned)
        clusterer.events_.clear()  # nothing happened: the old assignments were replayed
        return clusterer
    return clusterer.fit([])


def _link(store: SQLiteStore, result: Result, progress: Progress, embeddings: bool = False) -> None:
    if not result.articles:
        return
    mine = {a.key: a for a in result.articles}
    clusterer = _story_clusterer(store, list(mine.values()), embeddings)
    fresh = sorted((a for k, a in mine.items() if k not in clusterer.story_of_),
                   key=lambda a: (a.published or "9999", a.id))
    clusterer.partial_fit(fresh)
    state = clusterer.export_state()
    story_of = clusterer.story_of_
    touched = list(dict.fromkeys([story_of[a.key] for a in result.articles] + list(state["assigned"].values())))
    # members of the touched stories: the store's, with this run's changes (the clusterer
    # knows every member of the stories it loaded, and may have evicted some from memory)
    member_keys: dict[str, list[str]] = store.story_members(touched)
    wanted = set(touched)
    for key, sid in story_of.items():
        if sid in wanted:
            member_keys.setdefault(sid, []).append(key)
    for sid, keys in member_keys.items():
        member_keys[sid] = [k for k in dict.fromkeys(keys) if story_of.get(k, sid) == sid]
    need = [k for sid in touched for k in member_keys.get(sid, ()) if k not in mine]
    by_key = {a.key: a for a in store.get_articles(need)}
    by_key.update(mine)
    members: dict[str, list[Article]] = {}
    for sid in touched:
        arts = [by_key[k] for k in member_keys.get(sid, ()) if k in by_key]
        members[sid] = sorted(arts, key=lambda a: (a.published or "9999", a.id))
    # a wire copy lands in its original's story, so near-duplicates are looked for there only
    dups = NearDuplicates()
    for sid in touched:
        dups.partial_fit(members[sid])
    result.duplicate_of = dict(dups.duplicate_of_)
    result.related = [a for sid in touched for a in members[sid] if a.key not in mine]
    stories = []
    for n, sid in enumerate(touched):
        stories.append(build_story(sid, members[sid], result.duplicate_of))
        progress("compare", n + 1, len(touched))
    assignments = {a.key: story_of[a.key] for a in result.articles}
    assignments.update(state["assigned"])
    store.assign(assignments, {s.id: s.title for s in stories}, clusterer.events_, state=state)
    result.stories = sorted(stories, key=lambda s: (-len(s.articles), s.id))
