"""`parallax eval stories DIR`: story clustering scored on ECB+.

Each ECB+ topic folder holds two real events of the same kind: the ``*ecb.xml`` documents tell
one, the ``*ecbplus.xml`` documents the other. Document text is rebuilt from the tokens (one
line per sentence), every document goes through Parallax's own sentence splitting and story
clustering, and the clusters are scored against the gold events (topic x half) and the gold
topics. ECB+ documents carry no publication date, so the date decay plays no part here (the
years the texts name do). Documents go in folder and file order, which interleaves the two
events of a topic: harder for a single-pass clusterer than a stream in date order.

The clusterer's defaults were tuned on topics 1-20 (``scripts/tune_stories.py``): figures on
all topics include that dev part; the script reports topics 21-35 alone. With the
``story_embeddings`` setting on, sentence embeddings take part (the ``embed`` extra).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from ..analyze.sentences import SentenceStage
from ..link.stories import StoryClusterer
from ..model import Article
from .clustering import bcubed, pairwise


def read_ecb(path: str | Path) -> list[tuple[Article, str, str]]:
    """(article, gold event, gold topic) for every ECB+ document under ``path``."""
    out = []
    for f in sorted(Path(path).rglob("*.xml"), key=lambda p: (p.parent.name, p.name)):
        m = re.fullmatch(r"(\d+)_(\d+)(ecbplus|ecb)\.xml", f.name)
        if not m:
            continue
        root = ET.parse(f).getroot()
        sentences: dict[str, list[str]] = defaultdict(list)
        for tok in root.iter("token"):
            sentences[tok.get("sentence")].append(tok.text or "")
        text = "\n".join(" ".join(toks) for _, toks in sorted(sentences.items(), key=lambda kv: int(kv[0])))
        topic = m.group(1)
        out.append((Article(id=f.stem, text=text, path=str(f)), f"{topic}/{m.group(3)}", topic))
    return out


def evaluate(path: str | Path) -> tuple[list[str], dict]:
    docs = read_ecb(path)
    if not docs:
        raise FileNotFoundError(f"{path}: no ECB+ documents (*ecb.xml, *ecbplus.xml) found")
    stage = SentenceStage()
    articles = list(stage.pipe(a for a, _, _ in docs))
    from .. import settings

    if settings.load().get("story_embeddings"):
        from ..link.stories import TUNED_EMBED
        from ..link.story_features import MiniLMEmbedder

        clusterer = StoryClusterer(embedder=MiniLMEmbedder(), **TUNED_EMBED)
    else:
        clusterer = StoryClusterer()
    clusterer.partial_fit(articles)
    pred = {a.id: clusterer.story_of_[a.key] for a in articles}
    gold_event = {a.id: ev for a, ev, _ in docs}
    gold_topic = {a.id: t for a, _, t in docs}
    ev_pw, ev_b3 = pairwise(pred, gold_event), bcubed(pred, gold_event)
    tp_pw, tp_b3 = pairwise(pred, gold_topic), bcubed(pred, gold_topic)
    lines = [
        f"ECB+ {path}: {len(docs)} documents, {len(set(gold_event.values()))} gold events, "
        f"{len(set(gold_topic.values()))} gold topics, {len(set(pred.values()))} predicted stories",
        f"{'against':<8} {'measure':<9} {'P':>6} {'R':>6} {'F1':>6}",
    ]
    for name, pw, b3 in (("events", ev_pw, ev_b3), ("topics", tp_pw, tp_b3)):
        for mname, m in (("pairwise", pw), ("BCubed", b3)):
            lines.append(f"{name:<8} {mname:<9} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}")
    metrics = {
        "documents": len(docs),
        "stories": len(set(pred.values())),
        "event_pairwise_precision": round(ev_pw["precision"], 4),
        "event_pairwise_recall": round(ev_pw["recall"], 4),
        "event_pairwise_f1": round(ev_pw["f1"], 4),
        "event_bcubed_f1": round(ev_b3["f1"], 4),
        "topic_pairwise_f1": round(tp_pw["f1"], 4),
        "topic_bcubed_f1": round(tp_b3["f1"], 4),
    }
    return lines, metrics
