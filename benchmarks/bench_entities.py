"""Speed of cross-article entity resolution: mentions per second of ``resolve`` on invented
stories (names drawn from small lists with spelling variants, surnames alone, possessives,
acronyms and role phrases), plus the MEANTIME figures when ../shared/data is present.
Usage: python benchmarks/bench_entities.py [articles] [mentions_per_article]"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

FIRST = ["Anna", "Ivan", "Sergey", "Sergei", "Maria", "Jens", "Olga", "Pavel", "Lena", "Tomas"]
LAST = ["Korval", "Dremov", "Lasko", "Vintra", "Moreno", "Haldin", "Petrak", "Sunder"]
ORGS = [("Baltic Shipping Authority", "BSA"), ("North Sea Fisheries Council", "NSFC"),
        ("Gramold Aviation", "Gramold"), ("Pell Records", "Pell Records")]
PLACES = ["Geneva", "Bern", "Vienna", "Oslo", "Riga"]


def make_story(n_articles: int, per_article: int, seed: int = 7):
    from parallax.model import Article, Mention

    rng = random.Random(seed)
    people = [(rng.choice(FIRST), rng.choice(LAST)) for _ in range(12)]
    arts = []
    for a in range(n_articles):
        parts: list[str] = []
        mentions = []
        pos = 0
        for _ in range(per_article):
            kind = rng.random()
            if kind < 0.5:
                first, last = rng.choice(people)
                name, label = rng.choice([f"{first} {last}", last, f"{last}'s"]), "PERSON"
                prefix = rng.choice(["", "Foreign Minister ", "spokeswoman "])
            elif kind < 0.8:
                name, label, prefix = rng.choice(rng.choice(ORGS)), "ORG", ""
            else:
                name, label, prefix = rng.choice(PLACES), "GPE", ""
            chunk = f"{prefix}{name} said the Russian minister was late. "
            start = pos + len(prefix)
            mentions.append(Mention(start, start + len(name), label))
            parts.append(chunk)
            pos += len(chunk)
        arts.append(Article(id=f"a{a}", text="".join(parts), mentions=tuple(mentions)))
    return arts


def main(n_articles: int = 50, per_article: int = 60) -> None:
    from parallax.analyze.roles import RoleStage
    from parallax.link.entities import resolve

    arts = list(RoleStage().pipe(make_story(n_articles, per_article)))
    n = sum(len(a.mentions) for a in arts)
    resolve(arts)  # warm-up: imports and regex compilation
    runs = 5
    start = time.perf_counter()
    for _ in range(runs):
        ents = resolve(arts)
    took = (time.perf_counter() - start) / runs
    print(f"resolve: {n_articles} articles, {n} mentions -> {len(ents)} entities in {took * 1000:.1f} ms "
          f"({n / took:,.0f} mentions/s)")
    data = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "meantime" / "intra_cross-doc_annotation"
    if data.is_dir():
        from parallax.eval.entities import evaluate

        for gold in (True, False):
            start = time.perf_counter()
            try:
                lines, metrics = evaluate(data, gold_mentions=gold)
            except Exception as exc:  # e.g. the recogniser's model is not trained yet
                print(f"end-to-end evaluation skipped: {type(exc).__name__}: {exc}")
                continue
            print("\n".join(lines))
            print(f"({time.perf_counter() - start:.1f}s)")
    else:
        print(f"MEANTIME not found at {data}; skipped the quality figures")


if __name__ == "__main__":
    main(*(int(x) for x in sys.argv[1:3]))
