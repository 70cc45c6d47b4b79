"""End-to-end speed: articles per second from files to stories, on the demo corpus replicated
with small edits (so that near-duplicate detection and clustering have real work), with peak
memory. Usage: python benchmarks/bench_pipeline.py [copies]"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def main(copies: int = 20) -> None:
    from parallax.demo import corpus_dir
    from parallax.run import analyze

    with tempfile.TemporaryDirectory() as tmp:
        n = 0
        for i in range(copies):
            for f in sorted(corpus_dir().rglob("*")):
                if f.is_file() and f.suffix in (".txt",):
                    text = f.read_text(encoding="utf-8")
                    (Path(tmp) / f"{f.stem}-{i}.txt").write_text(text + f"\n\nUpdated edition {i}.\n", encoding="utf-8")
                    n += 1
        start = time.perf_counter()
        result = analyze([tmp])
        took = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {"articles": len(result.articles), "seconds": round(took, 2),
           "articles_per_second": round(len(result.articles) / took, 1),
           "stories": len(result.stories), "peak_rss_mb": round(peak_mb, 1)}
    print(f"{out['articles']} articles in {out['seconds']} s: {out['articles_per_second']} articles/s, "
          f"{out['stories']} stories, peak RSS {out['peak_rss_mb']} MB")
    print(json.dumps(out))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
