"""Per-article stages: small named callables with a batched core.

Each stage declares which :class:`~parallax.model.Article` fields it reads and writes; a
:class:`Pipeline` checks the order when it is built. Stages hold only picklable state, so a
process pool runs the same objects (spaCy's ``Language.pipe`` is the model).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from ..errors import PipelineError
from ..model import Article

# Fields that ingest fills in; every pipeline may read them.
INGESTED = frozenset(
    {"id", "text", "path", "url", "source", "title", "published", "published_from", "language",
     "removed", "dateline"}
)


class Stage:
    name: str = "stage"
    reads: tuple[str, ...] = ("text",)
    writes: tuple[str, ...] = ()

    def __call__(self, article: Article) -> Article:
        return self.process_batch([article])[0]

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        raise NotImplementedError

    def pipe(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[Article]:
        it = iter(articles)
        while batch := list(islice(it, batch_size)):
            yield from self.process_batch(batch)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}: {','.join(self.reads)} -> {','.join(self.writes)}>"


class Pipeline:
    """An ordered list of stages, checked once: every field a stage reads is ingested or
    written by an earlier stage."""

    def __init__(self, stages: Sequence[Stage]):
        available = set(INGESTED)
        for stage in stages:
            missing = [f for f in stage.reads if f not in available]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} reads {missing} but no earlier stage writes it; "
                    f"put the stage that writes {missing[0]!r} before {stage.name!r}"
                )
            available.update(stage.writes)
        self.stages = list(stages)

    def __call__(self, article: Article) -> Article:
        for stage in self.stages:
            article = stage(article)
        return article

    def process_batch(self, articles: Sequence[Article]) -> list[Article]:
        batch = list(articles)
        for stage in self.stages:
            batch = stage.process_batch(batch)
        return batch

    def pipe(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[Article]:
        it = iter(articles)
        while batch := list(islice(it, batch_size)):
            yield from self.process_batch(batch)
