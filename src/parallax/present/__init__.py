"""present: renders findings (JSON, Markdown, HTML); computes nothing new."""

from .html import render_html
from .markdown import render_markdown
from .report import build_report, dumps, schema, validate

__all__ = ["build_report", "dumps", "render_html", "render_markdown", "schema", "validate"]
