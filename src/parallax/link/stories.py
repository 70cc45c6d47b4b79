"""Story clustering, incremental: single-pass assignment of each new article to the most
similar existing story, or a new one (the online scheme of Miranda et al., 2018, "Multilingual
Clustering of Streaming News").

Similarity mixes TF-IDF cosine over content words, cosine over capitalised name phrases, and
a penalty for publication dates far apart. IDF comes from document frequencies kept by the
estimator itself, so adding articles updates it without refitting.

Story ids are stable: a story is named after the content key of its first article, and an
article already assigned keeps its story across runs. Limits: articles are assigned in the
order given (callers sort by date); a story never splits and two stories never merge after
the fact in this version; the weights are first choices, to be tuned on ECB+ dev data.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from datetime import date

from ..model import Article
from ..textutil import content_words, fold, name_phrases, stem


def _days(a: str | None, b: str | None) -> float | None:
    if not a or not b:
        return None
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def _norm(vec: dict[str, float]) -> dict[str, float]:
    n = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / n for k, v in vec.items()} if n else {}


def _cos(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


class StoryClusterer:
    """Estimator. ``partial_fit(articles, known=...)`` assigns every article to a story;
    ``story_of_`` maps article key -> story id, ``events_`` logs what happened."""

    def __init__(self, threshold: float = 0.22, name_weight: float = 0.5, days_scale: float = 14.0):
        self.threshold = threshold
        self.name_weight = name_weight
        self.days_scale = days_scale

    # -- features ------------------------------------------------------------------------
    def _terms(self, a: Article) -> tuple[Counter, Counter]:
        body = a.text if not a.title else a.title + "\n" + a.text
        terms = Counter(stem(w) for w in content_words(body))
        names = Counter()
        for _, _, phrase in name_phrases(body):
            for part in phrase.split():
                if len(part) > 2:
                    names[fold(part).rstrip("'s").rstrip("'")] += 1
        return terms, names

    def _vector(self, counts: Counter, df: Counter) -> dict[str, float]:
        n = self.n_docs_ + 1
        # smoothed IDF (+1, as scikit-learn does) so that words every article shares still count
        return _norm({t: (1 + math.log(c)) * (1 + math.log((n + 1) / (df.get(t, 0) + 1))) for t, c in counts.items()})

    # -- fitting ---------------------------------------------------------------------------
    def partial_fit(self, articles: Sequence[Article], known: dict[str, str] | None = None) -> StoryClusterer:
        """Assign ``articles``. ``known`` holds earlier assignments (article key -> story id),
        which are kept: an article never changes story by being seen again."""
        if not hasattr(self, "story_of_"):
            self.story_of_: dict[str, str] = {}
            self.members_: dict[str, list[str]] = {}
            self.features_: dict[str, tuple[Counter, Counter, str | None]] = {}
            self.df_terms_: Counter = Counter()
            self.df_names_: Counter = Counter()
            self.n_docs_ = 0
            self.events_: list[tuple[str, str, str]] = []
        known = known or {}
        fresh = [a for a in articles if a.key not in self.features_]
        for a in fresh:
            terms, names = self._terms(a)
            self.features_[a.key] = (terms, names, a.published)
            self.df_terms_.update(terms.keys())
            self.df_names_.update(names.keys())
            self.n_docs_ += 1
        # Earlier assignments first, so new articles can join those stories.
        for a in fresh:
            sid = known.get(a.key)
            if sid:
                self.story_of_[a.key] = sid
                self.members_.setdefault(sid, []).append(a.key)
        for a in fresh:
            if a.key in self.story_of_:
                continue
            best, best_sim = None, 0.0
            for sid, members in self.members_.items():
                sim = self.similarity(a.key, members)
                if sim > best_sim:
                    best, best_sim = sid, sim
            if best is not None and best_sim >= self.threshold:
                self.story_of_[a.key] = best
                self.members_[best].append(a.key)
                self.events_.append(("join", best, f"{a.id} joined (similarity {best_sim:.2f})"))
            else:
                sid = "s-" + a.key[:12]
                self.story_of_[a.key] = sid
                self.members_[sid] = [a.key]
                self.events_.append(("new", sid, f"{a.id} started a story"
                                     + (f" (best similarity {best_sim:.2f})" if best else "")))
        return self

    def similarity(self, key: str, members: Sequence[str]) -> float:
        """Similarity of one article to a story: against the story's centroid (sum of member
        vectors), with a penalty for the closest member's date distance."""
        terms, names, published = self.features_[key]
        v_terms = self._vector(terms, self.df_terms_)
        v_names = self._vector(names, self.df_names_)
        c_terms: Counter = Counter()
        c_names: Counter = Counter()
        gaps = []
        for m in members:
            t, n, p = self.features_[m]
            for k, v in self._vector(t, self.df_terms_).items():
                c_terms[k] += v
            for k, v in self._vector(n, self.df_names_).items():
                c_names[k] += v
            d = _days(published, p)
            if d is not None:
                gaps.append(d)
        sim = (1 - self.name_weight) * _cos(v_terms, _norm(c_terms)) + self.name_weight * _cos(v_names, _norm(c_names))
        if gaps:
            sim *= math.exp(-max(0.0, min(gaps) - 3) / self.days_scale)
        return sim
