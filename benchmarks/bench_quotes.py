"""Speed of the quote stage (quote-mark pairing, attribution rules, the CRF attribution tagger)
in articles per second on one core, and with the opt-in MiniLM tagger where the embed extra is
installed. Input: the PolNeAR dev texts read at run time, else the
seed articles. Sentence splitting, entity tagging and loading the tagger run first and are not
timed. Last line is JSON."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from parallax.analyze import minilm
from parallax.analyze.quotes import QuoteStage
from parallax.analyze.sentences import SentenceStage
from parallax.model import Article

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _articles() -> tuple[str, list[Article]]:
    folder = SHARED / "data" / "polnear" / "dev" / "text"
    paths = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    source = str(folder)
    if not paths:
        paths = sorted((SHARED / "seeds").glob("*.txt"))
        source = str(SHARED / "seeds")
    sp = SentenceStage()
    arts = []
    for p in paths:
        text = p.read_text(encoding="utf-8")
        arts.append(Article(id=p.stem, text=text, sentences=tuple(sp.split(text))))
    try:  # entity mentions widen speakers; tagging them is not part of the rate
        from parallax.analyze.entities import EntityStage

        arts = list(EntityStage().pipe(arts))
    except Exception as exc:  # the quote stage runs without mentions all the same
        print(f"entity stage unavailable ({exc}); timing without mentions", file=sys.stderr)
    return source, arts


def _timed(arts: list[Article], rounds: int) -> tuple[list[Article], float]:
    stage = QuoteStage()
    t0 = time.process_time()
    for _ in range(rounds):
        out = list(stage.pipe(arts))
    return out, (time.process_time() - t0) / rounds


def _per_unit(make_text, sizes) -> dict[int, float]:
    """CPU seconds of the quote stage per repeated unit of ``make_text(n)``, for each n."""
    out = {}
    for n in sizes:
        text = make_text(n)
        art = Article(id="hostile", text=text, sentences=tuple(SentenceStage().split(text)))
        t0 = time.process_time()
        list(QuoteStage().pipe([art]))
        out[n] = (time.process_time() - t0) / n
    return out


def main() -> dict:
    source, arts = _articles()
    if not arts:
        print("no input found under ../shared; nothing to measure", file=sys.stderr)
        return {}
    from parallax.analyze import quote_model

    quote_model.available()  # loading the model once is not part of the rate
    out, cpu = _timed(arts, rounds=3)  # a few passes so that the timer's resolution does not count
    quotes = sum(len(a.quotes) for a in out)
    words = sum(len(a.text.split()) for a in arts)
    result = {"benchmark": "quotes", "input": source, "articles": len(arts), "words": words,
              "quotes": quotes, "cpu_seconds": round(cpu, 3),
              "articles_per_second_per_core": round(len(arts) / cpu, 1) if cpu else None}
    print(f"quote stage: {len(arts)} articles ({words} words) in {cpu:.2f} s CPU = "
          f"{result['articles_per_second_per_core']} articles/s per core, {quotes} quotes")
    # Hostile input: one paragraph packed with quotation marks, one endless sentence full of
    # cue words. The time per unit should not grow with the input (it grew linearly, so the
    # input's time quadratically).
    per_mark = _per_unit(lambda n: '"a" ' * n, (1000, 4000))
    per_cue = _per_unit(lambda n: "the spokesman for the council in the city said that " * n, (250, 1000))
    result["hostile_ms_per_mark"] = {str(n): round(v * 1000, 3) for n, v in per_mark.items()}
    result["hostile_ms_per_cue"] = {str(n): round(v * 1000, 3) for n, v in per_cue.items()}
    print(f"one paragraph of quote marks: {per_mark[1000] * 1000:.3f} ms per mark at 1000 marks, "
          f"{per_mark[4000] * 1000:.3f} at 4000")
    print(f"one sentence of cue words: {per_cue[250] * 1000:.3f} ms per cue at 250 cues, "
          f"{per_cue[1000] * 1000:.3f} at 1000")
    if minilm.installed():
        # The opt-in MiniLM tagger, where the embed extra is installed (CPU time of all threads).
        os.environ["PARALLAX_QUOTE_TAGGER"] = "minilm"
        quote_model.reload_model()
        quote_model.available()
        out, cpu = _timed(arts, rounds=1)
        result["minilm_articles_per_second_per_core"] = round(len(arts) / cpu, 1) if cpu else None
        result["minilm_quotes"] = sum(len(a.quotes) for a in out)
        print(f"quote stage with quote_tagger=minilm: {cpu:.2f} s CPU = "
              f"{result['minilm_articles_per_second_per_core']} articles/s per core, {result['minilm_quotes']} quotes")
        del os.environ["PARALLAX_QUOTE_TAGGER"]
        quote_model.reload_model()
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
