"""ingest: bytes in, Articles (or Rejections) out."""

from .readers import read_paths, read_stdin

__all__ = ["read_paths", "read_stdin"]
