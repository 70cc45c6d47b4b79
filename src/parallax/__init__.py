"""Parallax: reads many news articles about the same events and tells what actually happened,
every finding pointing back to the sentences it came from.

The common case is one call::

    import parallax
    result = parallax.analyze(["articles/"])
    report = parallax.report(result)     # the parallax.report/1 JSON contract, as a dict
"""

from __future__ import annotations

from .errors import InputError, ParallaxError, PipelineError, SchemaError, StoreError
from .model import Article, Entity, Quote, Rejection, Story, Timex
__version__ = "0.1.0"


def __getattr__(name: str):
    # the run layer pulls in every stage; import it on first use, not with the package
    if name in ("analyze", "Result"):
        from . import run

        return getattr(run, name)
    raise AttributeError(f"module 'parallax' has no attribute {name!r}")


def report(result) -> dict:
    """The report of a run as the ``parallax.report/1`` dict, validated against its schema."""
    from .present import build_report, validate

    r = build_report(result.articles + result.related, result.rejected, result.stories, result.duplicate_of)
    validate(r)
    return r


__all__ = [
    "Article", "Entity", "InputError", "ParallaxError", "PipelineError", "Quote", "Rejection",
    "Result", "SchemaError", "Story", "StoreError", "Timex", "analyze", "report", "__version__",
]
