"""Parallax's temporal tagger against dateparser.search_dates on TempEval-3 documents.

Both run on the same documents in one process: dateparser in English with
RELATIVE_BASE = each document's DCT. Reports documents per second of each, the speed ratio
and each one's TempEval-3 value F1 (relaxed extraction F1 times value accuracy), overall
and for the TimeBank and AQUAINT parts.

Timing: CPU time of the process (``time.process_time``), the best of several passes over
all documents for each tagger (dateparser's first pass also loads its language data, which
the best-of leaves out), so that other work on the machine moves both figures alike.

Scoring dateparser: ``search_dates`` returns (text, datetime) pairs. To give it its best
value, each found text is parsed again (outside the timed passes) with
``DateDataParser.get_date_data``, whose ``period`` gives the granularity: a year becomes
"2021", a month "2021-03", a week "2021-W02", a day "2021-03-04", a time "2021-03-04T15:00".
Type is DATE (TIME for times). dateparser finds no durations or sets.

    python benchmarks/bench_timex.py [--docs N] [--repeat N] [DIR]

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


def _settings(dct: str | None) -> dict:
    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if dct:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(dct[:10])
    return settings


def _dateparser_search():
    """The timed tagger: search_dates as an application would call it."""
    from dateparser.search import search_dates

    def run(text: str, dct: str | None):
        return search_dates(text, languages=["en"], settings=_settings(dct)) or []

    return run


def _dateparser_tagger():
    """search_dates, with each hit's granularity from DateDataParser, as Timex records."""
    from dateparser.date import DateDataParser

    search = _dateparser_search()

    def value(found: str, dt: datetime, dct: str | None) -> tuple[str, str]:
        period = DateDataParser(languages=["en"], settings=_settings(dct)).get_date_data(found).period
        if period == "year":
            return "DATE", f"{dt.year:04d}"
        if period == "month":
            return "DATE", f"{dt.year:04d}-{dt.month:02d}"
        if period == "week":
            y, w, _ = dt.isocalendar()
            return "DATE", f"{y}-W{w:02d}"
        if period == "time":
            return "TIME", dt.strftime("%Y-%m-%dT%H:%M")
        return "DATE", dt.date().isoformat()

    def run(text: str, dct: str | None) -> list[Timex]:
        out, pos = [], 0
        for s, dt in search(text, dct):
            i = text.find(s, pos)
            if i < 0:
                i = text.find(s)
                if i < 0:
                    continue
            else:
                pos = i + len(s)
            typ, v = value(s, dt, dct)
            out.append(Timex(i, i + len(s), typ, v))
        return out

    return run


def _cached(tagger):
    memo: dict = {}

    def run(text: str, dct: str | None) -> list[Timex]:
        if (text, dct) not in memo:
            memo[text, dct] = tagger(text, dct)
        return memo[text, dct]

    return run


def _docs_per_second(tagger, docs, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for d in docs:
            tagger(d.text, d.dct)
        best = min(best, time.process_time() - start)
    return len(docs) / best if best else float("inf")


def _parts(docs) -> dict[str, list]:
    parts: dict[str, list] = {}
    for d in docs:
        for name in ("TimeBank", "AQUAINT"):
            if f"/{name}/" in d.path.replace("\\", "/"):
                parts.setdefault(name, []).append(d)
    return parts


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", nargs="?", default=str(DEFAULT_DIR))
    ap.add_argument("--docs", type=int, default=0, help="use only the first N documents (0: all)")
    ap.add_argument("--repeat", type=int, default=2, help="timed passes of dateparser (Parallax: 5x as many)")
    args = ap.parse_args(argv if argv is not None else sys.argv[1:])
    folder = Path(args.dir)
    if not folder.is_dir():
        print(f"skipped: TempEval-3 data not found at {folder}")
        print(json.dumps({"skipped": f"no data at {folder}"}))
        return {}
    docs = read_folder(folder)
    if args.docs:
        docs = docs[: args.docs]
    ours_dps = _docs_per_second(tag, docs, repeat=5 * args.repeat)
    dp_dps = _docs_per_second(_dateparser_search(), docs, repeat=args.repeat)
    ratio = ours_dps / dp_dps if dp_dps else float("inf")
    dp_tagger = _cached(_dateparser_tagger())
    ours, dp = score(docs, tag), score(docs, dp_tagger)
    print(f"{len(docs)} TempEval-3 documents from {folder} (CPU time, best of {args.repeat}+ passes)")
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
    for name, part in _parts(docs).items():
        o, p = score(part, tag), score(part, dp_tagger)
        print(f"  {name}: {len(part)} documents, value F1 parallax {o['value_f1']:.3f}, dateparser {p['value_f1']:.3f}")
        out[f"{name.lower()}_parallax_value_f1"] = round(o["value_f1"], 4)
        out[f"{name.lower()}_dateparser_value_f1"] = round(p["value_f1"], 4)
    print(json.dumps(out))
    return out


if __name__ == "__main__":
    main()
