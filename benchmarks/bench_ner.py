"""Speed of the whole entity stage (tokenizer, features, CRF, label rules) with sentences
given, in words per second on one core. Input: the CoNLL-2003 validation split rebuilt as
articles (one article per -DOCSTART- document, sentences joined with newlines), else the
seed articles. Last line is JSON."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from parallax.analyze.entities import EntityStage, _load
from parallax.model import Article

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _articles() -> tuple[str, list[Article]]:
    conll = SHARED / "data" / "conll2003" / "val.conllu"
    arts: list[Article] = []
    if conll.is_file():
        docs: list[list[str]] = [[]]
        sent: list[str] = []
        for line in conll.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3:
                if sent:
                    docs[-1].append(" ".join(sent))
                sent = []
            elif parts[1] == "-DOCSTART-":
                docs.append([])
            else:
                sent.append(parts[1])
        if sent:
            docs[-1].append(" ".join(sent))
        for i, doc in enumerate(d for d in docs if d):
            text, spans, pos = "", [], 0
            for s in doc:
                spans.append((pos, pos + len(s)))
                pos += len(s) + 1
            text = "\n".join(doc)
            arts.append(Article(id=str(i), text=text, sentences=tuple(spans)))
        return str(conll), arts
    from parallax.analyze.sentences import SentenceStage

    sp = SentenceStage()
    for p in sorted((SHARED / "seeds").glob("*.txt")):
        text = p.read_text(encoding="utf-8")
        arts.append(Article(id=p.stem, text=text, sentences=tuple(sp.split(text))))
    return str(SHARED / "seeds"), arts


def main() -> dict:
    source, arts = _articles()
    if not arts:
        print("no input found under ../shared; nothing to measure", file=sys.stderr)
        return {}
    _load()  # model loading is a one-off cost, not part of the rate
    stage = EntityStage()
    words = sum(len(a.text.split()) for a in arts)
    t0 = time.process_time()
    out = list(stage.pipe(arts))
    cpu = time.process_time() - t0
    mentions = sum(len(a.mentions) for a in out)
    result = {"benchmark": "ner", "input": source, "articles": len(arts), "words": words,
              "mentions": mentions, "cpu_seconds": round(cpu, 3),
              "words_per_second_per_core": round(words / cpu) if cpu else None}
    print(f"entity stage: {words} words in {cpu:.2f} s CPU = "
          f"{result['words_per_second_per_core']} words/s per core, {mentions} mentions")
    print(json.dumps(result))
    return result


if __name__ == "__main__":
    main()
