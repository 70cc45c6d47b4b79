"""`make bench`: runs every benchmarks/bench_*.py (each has main()), one after another."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only = set(argv)
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem
        if only and name not in only and name.removeprefix("bench_") not in only:
            continue
        print(f"== {name}", flush=True)
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        start = time.perf_counter()
        try:
            sys.argv = [str(path)]  # the selection is run.py's, not the benchmark's
            spec.loader.exec_module(module)
            module.main()
        except SystemExit as exc:
            if exc.code not in (0, None):
                failed += 1
        except Exception as exc:  # one broken benchmark does not hide the others
            failed += 1
            print(f"{name} failed: {type(exc).__name__}: {exc}", flush=True)
        print(f"== {name} took {time.perf_counter() - start:.1f}s\n", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
