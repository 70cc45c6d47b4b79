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


# The run layer is imported here, after which the name ``analyze`` is the function: importing
# the ``parallax.analyze`` subpackage first (as ``run`` does) keeps it from shadowing the call.
from .run import Result, analyze  # noqa: E402


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
