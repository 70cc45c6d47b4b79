"""Story clustering speed and memory.

(a) End to end: articles per second from files to stories (ingest, the per-article pipeline,
    store, near-duplicates, clustering, per-story comparison) on a corpus assembled at run time
    from the text under ../shared/data (ECB+ and MEANTIME rebuilt from tokens, PolNeAR texts)
    and the demo corpus. Nothing is copied into the repository: the files live in a temporary
    folder for the run.
(b) Growth: the cost of adding one article to a store of 1k, 10k and 100k articles. The real
    texts (about 1,800) are replicated with edits (a sentence dropped, an edition line added)
    and later publication dates, one round every 45 days, as a stream would bring new events
    with old words. The store is built with the clusterer and the store directly (no NER);
    each probe article is timed in memory (``partial_fit`` of one article) and through the
    store (load the state around its date, cluster it, save the changed state, as
    ``parallax ingest`` does), median of the probes. Peak RSS is the process's peak so far.

Usage: python benchmarks/bench_stories.py [--sizes 1000,10000,100000] [--e2e N]
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _tokens_text(path: Path) -> str:
    sentences: dict[str, list[str]] = defaultdict(list)
    for tok in ET.parse(path).getroot().iter("token"):
        sentences[tok.get("sentence")].append(tok.text or "")
    return "\n".join(" ".join(t) for _, t in sorted(sentences.items(), key=lambda kv: int(kv[0])))


def real_texts() -> list[tuple[str, str]]:
    """(name, text) of every usable text under ../shared/data and the demo corpus."""
    out = []
    ecb = DATA / "ecbplus"
    if ecb.is_dir():
        for f in sorted(ecb.rglob("*.xml")):
            if re.fullmatch(r"\d+_\d+(ecbplus|ecb)\.xml", f.name):
                out.append((f"ecb-{f.stem}", _tokens_text(f)))
    mt = DATA / "meantime"
    if mt.is_dir():
        for f in sorted(mt.rglob("*.xml")):
            out.append((f"meantime-{f.stem[:40]}", _tokens_text(f)))
    pn = DATA / "polnear"
    if pn.is_dir():
        for f in sorted(pn.rglob("text/*.txt")):
            out.append((f"polnear-{f.stem[:60]}", f.read_text(encoding="utf-8", errors="replace")))
    from parallax.demo import corpus_dir

    for f in sorted(corpus_dir().rglob("*.txt")):
        out.append((f"demo-{f.stem}", f.read_text(encoding="utf-8")))
    return [(n, t) for n, t in out if t.strip()]


# -- (a) end to end ------------------------------------------------------------------------
def end_to_end(texts: list[tuple[str, str]], n: int) -> dict:
    from parallax.run import analyze

    # an even spread over the sources, so each kind of text is in the sample
    by_src: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for name, text in texts:
        by_src[name.split("-")[0]].append((name, text))
    sample: list[tuple[str, str]] = []
    while len(sample) < n and any(by_src.values()):
        for src in list(by_src):
            if by_src[src] and len(sample) < n:
                sample.append(by_src[src].pop(0))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for name, text in sample:
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        start = time.perf_counter()
        result = analyze([folder], db=Path(tmp) / "news.db", story_embeddings=False)
        took = time.perf_counter() - start
    return {"articles": len(result.articles), "seconds": round(took, 1),
            "articles_per_second": round(len(result.articles) / took, 2), "stories": len(result.stories),
            "peak_rss_mb": round(_rss_mb(), 1)}


# -- (b) growth ------------------------------------------------------------------------------
START = date(2020, 1, 1)


def _edited(texts, i: int):
    """The i-th article of the stream: a real text, edited for its round, dated in its round."""
    from parallax.model import Article

    name, text = texts[i % len(texts)]
    rnd = i // len(texts)
    if rnd:
        lines = [l for l in text.split("\n") if l.strip()]
        if len(lines) > 2:
            del lines[1 + rnd % (len(lines) - 1)]
        text = "\n".join(lines) + f"\nEdition {rnd}."
    day = START + timedelta(days=45 * rnd + (i % len(texts)) * 28 // len(texts))
    return Article(id=f"{name}-{rnd}", text=text, published=day.isoformat())


def growth(texts, sizes: list[int], probes: int = 20) -> list[dict]:
    from parallax.link.stories import StoryClusterer, date_ordinal
    from parallax.link.story_features import content_terms, name_terms
    from parallax.store import open_store

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "grow.db")
        clusterer = StoryClusterer()
        done = 0
        next_probe = 10 ** 9  # probe articles come from far ahead in the stream: never built

        def save(batch):
            state = clusterer.export_state()
            store.add_articles(batch)
            store.assign(state["assigned"], {sid: sid for sid in set(state["assigned"].values())},
                         clusterer.events_, state=state)
            clusterer.events_.clear()

        for size in sizes:
            build_start = time.perf_counter()
            while done < size:
                batch = [_edited(texts, i) for i in range(done, min(size, done + 1000))]
                clusterer.partial_fit(batch)
                save(batch)
                done += len(batch)
            build = time.perf_counter() - build_start
            # probes: the next articles of the stream, under keys never seen
            front = done
            mem_times, store_times, mem_probes = [], [], []
            for p in range(probes):
                a = _edited(texts, front + p)
                a = a.evolve(text=a.text + f"\nProbe {next_probe}.", key="")
                next_probe += 1
                t = time.perf_counter()
                clusterer.partial_fit([a])
                mem_times.append(time.perf_counter() - t)
                mem_probes.append(a)
                b = _edited(texts, front + probes + p)
                b = b.evolve(text=b.text + f"\nProbe {next_probe}.", key="")
                next_probe += 1
                t = time.perf_counter()
                day = date_ordinal(b.published)
                terms = {"t:" + x for x in content_terms(b)} | {"n:" + x for x in name_terms(b)}
                loaded = store.load_story_state((day, day), window=clusterer.window_days, keys=[b.key], terms=terms)
                one = StoryClusterer(vector_source=store.load_story_vectors).load_state(**loaded).partial_fit([b])
                state = one.export_state()
                store.add_articles([b])
                store.assign(state["assigned"], {sid: sid for sid in set(state["assigned"].values())},
                             one.events_, state=state)
                store_times.append(time.perf_counter() - t)
            save(mem_probes)
            rows.append({"store_articles": done, "build_s": round(build, 1),
                         "add_one_in_memory_ms": round(1000 * statistics.median(mem_times), 2),
                         "add_one_via_store_ms": round(1000 * statistics.median(store_times), 2),
                         "live_stories": len(clusterer.stories_), "peak_rss_mb": round(_rss_mb(), 1)})
            print(f"  {done:>7} articles: built in {build:.1f}s; {rows[-1]}", flush=True)
        store.close()
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--e2e", type=int, default=120, help="articles in the end-to-end run")
    args = ap.parse_args(argv or [])
    texts = real_texts()
    print(f"{len(texts)} real texts (ECB+, MEANTIME, PolNeAR where present, and the demo corpus)")
    e2e = end_to_end(texts, args.e2e)
    print(f"(a) end to end: {e2e['articles']} articles in {e2e['seconds']} s = {e2e['articles_per_second']} "
          f"articles/s, {e2e['stories']} stories, peak RSS {e2e['peak_rss_mb']} MB", flush=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = growth(texts, sizes)
    print("(b) adding one article to a store of N articles (median of 20 probes)")
    print(f"{'N':>8} {'in memory ms':>13} {'via store ms':>13} {'live stories':>13} {'peak RSS MB':>12} {'build s':>8}")
    for r in rows:
        print(f"{r['store_articles']:>8} {r['add_one_in_memory_ms']:>13} {r['add_one_via_store_ms']:>13} "
              f"{r['live_stories']:>13} {r['peak_rss_mb']:>12} {r['build_s']:>8}")
    base = rows[0]
    for r in rows[1:]:
        print(f"cost at {r['store_articles']} / cost at {base['store_articles']}: in memory "
              f"{r['add_one_in_memory_ms'] / base['add_one_in_memory_ms']:.2f}x, via store "
              f"{r['add_one_via_store_ms'] / base['add_one_via_store_ms']:.2f}x")
    print(json.dumps({"end_to_end": e2e, "growth": rows}))


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
