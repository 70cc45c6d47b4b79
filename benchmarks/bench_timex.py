"""Parallax's temporal tagger against dateparser.search_dates on TempEval-3 documents.

Both run on the same documents in one process: dateparser in English with
RELATIVE_BASE = each document's DCT. Reports documents per second of each, the speed ratio
and each one's TempEval-3 value F1 (relaxed extraction F1 times value accuracy). dateparser
returns datetimes, scored as day values (YYYY-MM-DD) of type DATE.

    python benchmarks/bench_timex.py [--docs N] [DIR]

The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import datetime
from pathlib import Path

from parallax.analyze.timex import tag
from parallax.eval.timex import read_folder, score
from parallax.model import Timex

DEFAULT_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "tempeval3"


def _dateparser_tagger():
    from dateparser.search import search_dates

    def run(text: str, dct: str | None) -> list[Timex]:
        settings = {"RETURN_AS_TIMEZONE_AWARE": False}
        if dct:
            settings["RELATIVE_BASE"] = datetime.fromisoformat(dct[:10])
        found = search_dates(text, languages=["en"], settings=settings) or []
        out, pos = [], 0
        for s, dt in found:
            i = text.find(s, pos)
            if i < 0:
                i = text.find(s)
                if i < 0:
                    continue
            else:
                pos = i + len(s)
            out.append(Timex(i, i + len(s), "DATE", dt.date().isoformat()))
        return out

    return run


def _timed(tagger, docs, repeat: int = 1) -> tuple[float, dict]:
    start = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            tagger(d.text, d.dct)
    elapsed = (time.perf_counter() - start) / repeat
    result = score(docs, tagger)
    return len(docs) / elapsed if elapsed else float("inf"), result


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--docs", type=int, default=0, help="use only the first N documents (0: all)")
    args = ap.parse_args(argv if argv is not None else sys.argv[1:])
    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"skipped: TempEval-3 data not found at {folder}")
        print(json.dumps({"skipped": f"no data at {folder}"}))
        return {}
    docs = read_folder(folder)
    if args.docs:
        docs = docs[: args.docs]
    ours_dps, ours = _timed(tag, docs, repeat=3)
    dp_dps, dp = _timed(_dateparser_tagger(), docs)
    ratio = ours_dps / dp_dps if dp_dps else float("inf")
    print(f"{len(docs)} TempEval-3 documents from {folder}")
    print(f"{'tagger':<14}{'docs/s':>10}{'relaxed F1':>12}{'value F1':>10}")
    print(f"{'parallax':<14}{ours_dps:>10.1f}{ours['relaxed_f1']:>12.3f}{ours['value_f1']:>10.3f}")
    print(f"{'dateparser':<14}{dp_dps:>10.1f}{dp['relaxed_f1']:>12.3f}{dp['value_f1']:>10.3f}")
    print(f"speed ratio: {ratio:.0f}x")
    out = {
        "documents": len(docs),
        "parallax_docs_per_s": round(ours_dps, 1), "dateparser_docs_per_s": round(dp_dps, 2),
        "ratio": round(ratio, 1),
        "parallax_value_f1": round(ours["value_f1"], 4), "dateparser_value_f1": round(dp["value_f1"], 4),
        "parallax_relaxed_f1": round(ours["relaxed_f1"], 4), "dateparser_relaxed_f1": round(dp["relaxed_f1"], 4),
    }
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
