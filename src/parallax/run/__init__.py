"""run: the whole flow, locally (one process or a process pool)."""

from .local import Result, analyze, analyze_articles

__all__ = ["Result", "analyze", "analyze_articles"]
