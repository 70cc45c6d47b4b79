"""Story clustering, incremental: single-pass assignment of each new article to the most
similar live story, or a new one (the online scheme of Miranda et al., 2018, "Multilingual
Clustering of Streaming News"), with a merge when a grown story meets another one, and a
split when a story's members form two groups that belong together far better than with
each other.

Similarity of an article to a story is the probability of a logistic link model
(:data:`PAIR_MODEL`, learned on article-story pairs) over features against the story's
centroid (:data:`FEATURES`): cosines of TF-IDF over content words and numbers, of TF-IDF over
name tokens and of the names of the lead (title and first sentence), of the numbers alone,
of the years and the weekdays the texts name (with whether
both sides name any), and optionally of a sentence embedding (``embedder``, e.g.
:class:`~parallax.link.story_features.MiniLMEmbedder`); times a decay for the days between the
article's date and the story's date range. The model is fitted and the thresholds tuned on
ECB+ topics 1-20 by ``scripts/tune_stories.py``; see :data:`TUNED` for the figures. Merging
is off by default (it never helped on dev once stories split); a story merged in a batch is
not split in the same batch.

Incremental by construction:

* Each story keeps the running sum of its members' unit TF-IDF vectors and its squared norm,
  so adding an article costs the article's length, not the story's size.
* Document frequencies are counted as articles arrive. A member's vector is weighted with the
  IDF of the moment it was added (the IDF of the whole batch, when a batch is given), and is
  not re-weighted later: this is what makes ``partial_fit`` on batches differ slightly from
  one ``partial_fit`` on everything (early batches see a cruder IDF).
* Candidates come from an inverted index from an article's strongest terms and names to the
  stories that hold them, most recently updated first, at most ``per_term`` stories a key, and
  only stories within ``window_days`` of the article are scored. So the cost of one article
  does not grow with the number of stored stories, only with how many are live at its date.
* A story is checked for a split when a batch has grown it to 1.5 times its size at the last
  check (and at 4 articles): two-means over its members' vectors. Those are kept in memory
  up to ``split_max`` members a story and persisted apart from the story's state
  (``export_state()["vectors"]``), fetched back only when a check is due: a check costs the
  story's size, amortised to a constant per article, and loading a story costs its centroid.
* Stories whose newest article is more than ``window_days`` older than the newest article seen
  leave memory (``evicted_``); the caller persists them (see :meth:`export_state`) and loads
  back only the stories around the dates of the next articles (:meth:`load_state`).

Story ids are stable: a story is named after the content key of its first article, an article
never changes story by being seen again, and when two stories merge the survivor is the
larger (then the older) one, so most articles keep their id; when a story splits, the part
with its first article keeps the id (a split is the one way an article changes story without
a merge). Merges and splits are logged in ``events_``.

Limits: the stream is assumed to come roughly in date order (callers sort each batch by date);
an article older than ``window_days`` before the newest one seen cannot join an evicted story
unless the caller loads it back. A split is checked only on the stories a batch touched, one
split per check, and never on a story past ``split_max`` members (it has held together
through several checks by then). The date decay cannot be tuned on ECB+
(no publication dates there): ``days_scale`` and ``grace_days`` are set from the news cycle
(a story is mostly told within days), not learned. Without dates, two events of the same kind
are told apart by their names, numbers, years, weekdays and wording only. The link model
learned from ECB+, where each topic holds two events of one kind: it trusts names far more
than words, which suits telling twin events apart, and on a handful of short texts (a small
IDF) its probabilities saturate near 1.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NamedTuple

from ..model import Article
from .story_features import content_terms, embedding_text, lead_name_terms, name_terms, weekday_terms, year_terms

#: The link model: logistic regression over :data:`FEATURES`, fitted by
#: ``scripts/tune_stories.py`` on article-story pairs from ECB+ topics 1-20 (dev). With
#: :data:`TUNED` (threshold, merge threshold and split margin chosen on the same topics by
#: event pairwise F1 over a grid of 216), event pairwise F1: dev 0.927, held-out topics
#: 21-35 0.874, all 0.909; event BCubed F1 0.930 / 0.889 / 0.918. Merging is off by default:
#: on dev it never beat the split pass alone (best with merging 0.925 at 0.9).
PAIR_MODEL = {"bias": -4.474, "terms": 1.563, "names": 10.087, "lead_names": 4.708, "numbers_both": -1.627,
              "numbers": 2.586, "years_both": -0.213, "years": 3.901, "weekdays_both": -1.155, "weekdays": 1.565,
              "embedding": 0.0}
TUNED = {"threshold": 0.45, "merge_threshold": None, "split_margin": 5.0}
#: The same fitted with sentence embeddings (``scripts/tune_stories.py --embed``; 36 settings
#: around the text-only optimum), used when the ``story_embeddings`` setting is on. Event
#: pairwise F1: dev 0.966, held-out 21-35 0.890, all 0.933; event BCubed F1 0.961 / 0.921 / 0.944.
PAIR_MODEL_EMBED = {"bias": -5.673, "terms": -0.026, "names": 8.636, "lead_names": 4.598, "numbers_both": -1.725,
                    "numbers": 2.557, "years_both": -0.127, "years": 4.061, "weekdays_both": -1.148,
                    "weekdays": 1.559, "embedding": 3.169}
TUNED_EMBED = {"threshold": 0.15, "merge_threshold": None, "split_margin": 4.0, "model": PAIR_MODEL_EMBED}


def date_ordinal(d: str | None) -> int | None:
    if not d:
        return None
    try:
        return date.fromisoformat(d[:10]).toordinal()
    except ValueError:
        return None


def _unit(counts: Counter, df: Counter, n_docs: int) -> dict[str, float]:
    """Sublinear TF times smoothed IDF (+1, as scikit-learn does, so that words every article
    shares still count), L2-normalised."""
    vec = {t: (1 + math.log(c)) * (1 + math.log((n_docs + 1) / (df.get(t, 0) + 1))) for t, c in counts.items()}
    n = math.sqrt(sum(v * v for v in vec.values()))
    return {k: v / n for k, v in vec.items()} if n else {}


def _unit_counts(counts: Counter) -> dict[str, float]:
    n = math.sqrt(sum(v * v for v in counts.values()))
    return {k: v / n for k, v in counts.items()} if n else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    # the shared keys by set intersection (in C), summed with fsum: exactly rounded, so the
    # result does not depend on the set's order, which varies with the hash seed
    return math.fsum([a[k] * b[k] for k in a.keys() & b.keys()])


def _add_into(total: dict[str, float], vec: dict[str, float], sq: float) -> float:
    """total += vec; return the new squared norm from the old one (no pass over ``total``)."""
    for k, v in vec.items():
        old = total.get(k, 0.0)
        total[k] = old + v
        sq += 2 * old * v + v * v
    return sq


def _add_sums(story: _Story, f: _Vectors | _Story) -> None:
    """A story's running sums (and their squared norms) grown by one article's vectors, or by
    another story's sums when two stories merge."""
    story.terms_sq = _add_into(story.terms, f.terms, story.terms_sq)
    story.names_sq = _add_into(story.names, f.names, story.names_sq)
    story.nums_sq = _add_into(story.nums, f.nums, story.nums_sq)
    story.lead_sq = _add_into(story.lead, f.lead, story.lead_sq)
    _add_into(story.years, f.years, 0.0)
    _add_into(story.days, f.days, 0.0)
    if f.emb is not None:
        story.emb = list(f.emb) if story.emb is None else [x + y for x, y in zip(story.emb, f.emb)]


class _Story:
    """Mutable state of one story (internal)."""

    __slots__ = ("id", "seq", "n", "terms", "terms_sq", "names", "names_sq", "nums", "nums_sq", "lead", "lead_sq",
                 "years", "days", "emb", "first", "last", "keys", "members", "vecs", "checked")

    def __init__(self, sid: str, seq: int):
        self.id, self.seq, self.n = sid, seq, 0
        self.terms: dict[str, float] = {}
        self.names: dict[str, float] = {}
        self.nums: dict[str, float] = {}  # the numbers part of the TF-IDF, normalised apart
        self.lead: dict[str, float] = {}  # names of the title and first sentence
        self.terms_sq = self.names_sq = self.nums_sq = self.lead_sq = 0.0
        self.years: dict[str, float] = {}  # running sum of members' unit year vectors
        self.days: dict[str, float] = {}  # running sum of members' unit weekday vectors
        self.emb: list[float] | None = None
        self.first: int | None = None  # date ordinals of the oldest and newest member
        self.last: int | None = None
        self.keys: set[str] = set()  # inverted-index keys that point here
        self.members: list[str] = []
        self.vecs: dict[str, Any] = {}  # member key -> its vectors, to split the story later
        self.checked = 0  # size at the last split check

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "n": self.n, "terms": self.terms, "terms_sq": self.terms_sq,
                "names": self.names, "names_sq": self.names_sq, "nums": self.nums, "nums_sq": self.nums_sq,
                "lead": self.lead, "lead_sq": self.lead_sq, "years": self.years, "days": self.days, "emb": self.emb,
                "first": self.first, "last": self.last, "keys": sorted(self.keys), "checked": self.checked}

    @classmethod
    def from_dict(cls, sid: str, d: dict[str, Any], members: Sequence[str]) -> _Story:
        s = cls(sid, d["seq"])
        s.n, s.terms, s.terms_sq = d["n"], d["terms"], d["terms_sq"]
        s.names, s.names_sq, s.emb, s.years = d["names"], d["names_sq"], d.get("emb"), d.get("years", {})
        s.nums, s.nums_sq, s.days = d.get("nums", {}), d.get("nums_sq", 0.0), d.get("days", {})
        s.lead, s.lead_sq = d.get("lead", {}), d.get("lead_sq", 0.0)
        s.first, s.last, s.keys, s.members = d.get("first"), d.get("last"), set(d["keys"]), list(members)
        s.checked = d.get("checked", 0)  # members' vectors are fetched when a split check is due
        return s


class _Vectors(NamedTuple):
    """One article's (or one story centroid's) unit vectors."""

    terms: dict[str, float]
    names: dict[str, float]
    nums: dict[str, float]
    years: dict[str, float]
    days: dict[str, float]
    lead: dict[str, float]
    emb: Any = None
    day: int | None = None  # the article's date ordinal, kept with a story's member


#: What the link model reads about an article and a story, in this order.
FEATURES = ("terms", "names", "lead_names", "numbers_both", "numbers", "years_both", "years", "weekdays_both", "weekdays",
            "embedding")


def _cos(vec: dict[str, float], total: dict[str, float], sq: float | None = None) -> float:
    if not vec or not total:
        return 0.0
    if sq is None:
        sq = math.fsum(v * v for v in total.values())
    return _dot(vec, total) / math.sqrt(sq) if sq > 0 else 0.0


def centroid(story: _Story) -> _Vectors:
    """A story's sums as unit vectors, to compare a story with another as an article is."""
    def unit(total, sq=None):
        sq = math.fsum(v * v for v in total.values()) if sq is None else sq
        n = math.sqrt(sq)
        return {k: v / n for k, v in total.items()} if n > 0 else {}

    emb = None
    if story.emb is not None:
        n = math.sqrt(math.fsum(x * x for x in story.emb))
        emb = [x / n for x in story.emb] if n else None
    return _Vectors(unit(story.terms, story.terms_sq), unit(story.names, story.names_sq),
                    unit(story.nums, story.nums_sq), unit(story.years), unit(story.days),
                    unit(story.lead, story.lead_sq), emb)


def _cos_without(vec: dict[str, float], total: dict[str, float], sq: float | None = None) -> tuple[float, bool]:
    """Cosine of a unit vector with ``total`` minus that vector (a story without one of its
    members), from the sums alone; and whether anything is left."""
    if sq is None:
        sq = math.fsum(v * v for v in total.values())
    if not vec:
        return 0.0, sq > 1e-9
    d = _dot(vec, total)
    rest = sq - 2 * d + 1.0
    if rest <= 1e-9:
        return 0.0, False
    return (d - 1.0) / math.sqrt(rest), True


def pair_features(f: _Vectors, story: _Story, without: bool = False) -> list[float]:
    """The article-story features :data:`FEATURES`: cosines with the story's centroid, and for
    years, weekdays and numbers whether both sides name any (a cosine of 0 means "different"
    only when both do). ``without``: the article is a member of ``story``; compare it with
    the other members (leave-one-out, from the sums, in the time of one comparison)."""
    if without:
        def cos(vec, total, sq=None):
            return _cos_without(vec, total, sq)[0]

        def both(vec, total, sq=None):
            return 1.0 if vec and _cos_without(vec, total, sq)[1] else 0.0
    else:
        def cos(vec, total, sq=None):
            return _cos(vec, total, sq)

        def both(vec, total, sq=None):
            return 1.0 if vec and total else 0.0

    emb = 0.0
    if f.emb is not None and story.emb is not None:
        other = [y - x for x, y in zip(f.emb, story.emb)] if without else story.emb
        n = math.sqrt(math.fsum(x * x for x in other))
        emb = math.fsum(x * y for x, y in zip(f.emb, other)) / n if n > 1e-9 else 0.0
    return [cos(f.terms, story.terms, story.terms_sq), cos(f.names, story.names, story.names_sq),
            cos(f.lead, story.lead, story.lead_sq), both(f.nums, story.nums, story.nums_sq),
            cos(f.nums, story.nums, story.nums_sq),
            both(f.years, story.years), cos(f.years, story.years),
            both(f.days, story.days), cos(f.days, story.days), emb]


def link_probability(model: dict[str, float], x: Sequence[float]) -> float:
    """Logistic model over :data:`FEATURES`: the probability that the article tells the
    story's event."""
    z = model.get("bias", 0.0) + math.fsum(model.get(name, 0.0) * v for name, v in zip(FEATURES, x))
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


class StoryClusterer:
    """Estimator. ``partial_fit(articles)`` assigns every new article to a story;
    ``story_of_`` maps article key -> story id, ``events_`` logs what happened as
    ``(event, story id, detail)`` with event ``new``, ``join``, ``merge`` or ``split``.

    ``threshold``: least link probability to join a story; ``merge_threshold``: least for two
    stories to merge (None: never); ``split_margin``: least mean log-odds margin for a split
    (None: never); ``split_sample``: members among which the two-means seeds are sought;
    ``split_max``: largest story checked for a split; ``model``: link model weights (default
    :data:`PAIR_MODEL`).
    ``embedder``: optional callable, texts -> L2-normalised vectors; used only when the
    model has an ``embedding`` weight. ``vector_source``: optional callable, article keys ->
    their persisted vectors (``export_state()["vectors"]``, e.g. the store's
    ``load_story_vectors``), asked only when a loaded story is due a split check; without it
    a story loaded from the store is checked once its members are all in memory. Parameters other than these are described in the module docstring.
    """

    def __init__(self, threshold: float = TUNED["threshold"], merge_threshold: float | None = TUNED["merge_threshold"],
                 model: dict[str, float] | None = None, split_margin: float | None = TUNED["split_margin"],
                 split_sample: int = 30, split_max: int = 64, days_scale: float = 14.0, grace_days: float = 3.0, window_days: int = 30,
                 index_terms: int = 15, index_names: int = 10, per_term: int = 50, max_scored: int = 20,
                 embedder: Callable[[Sequence[str]], Any] | None = None,
                 vector_source: Callable[[Sequence[str]], dict[str, list]] | None = None):
        self.threshold = threshold
        self.model = model
        self.merge_threshold = merge_threshold
        self.split_margin = split_margin
        self.split_sample = split_sample
        self.split_max = split_max
        self.days_scale = days_scale
        self.grace_days = grace_days
        self.window_days = window_days
        self.index_terms = index_terms
        self.index_names = index_names
        self.per_term = per_term
        self.max_scored = max_scored
        self.embedder = embedder
        self.vector_source = vector_source

    # -- state -------------------------------------------------------------------------------
    def _init_state(self) -> None:
        self.story_of_: dict[str, str] = {}
        self.stories_: dict[str, _Story] = {}
        self.index_: dict[str, dict[str, None]] = {}  # key -> story ids, oldest update first
        self.df_terms_: Counter = Counter()
        self.df_names_: Counter = Counter()
        self.n_docs_ = 0
        self.seq_ = 0
        self.newest_: int | None = None
        self.events_: list[tuple[str, str, str]] = []
        self.evicted_: dict[str, _Story] = {}
        # what changed since the last export_state()
        self._dirty: set[str] = set()
        self._dirty_df: set[str] = set()
        self._removed: set[str] = set()
        self._assigned: dict[str, str] = {}
        self._new_vecs: dict[str, _Vectors] = {}

    @property
    def members_(self) -> dict[str, list[str]]:
        """story id -> article keys, for the stories in memory."""
        return {sid: list(s.members) for sid, s in self.stories_.items()}

    def _model(self) -> dict[str, float]:
        return self.model if self.model is not None else PAIR_MODEL

    def _uses_embeddings(self) -> bool:
        return self.embedder is not None and bool(self._model().get("embedding"))

    # -- fitting ---------------------------------------------------------------------------
    def fit(self, articles: Sequence[Article]) -> StoryClusterer:
        self._init_state()
        return self.partial_fit(articles)

    def partial_fit(self, articles: Sequence[Article], known: dict[str, str] | None = None) -> StoryClusterer:
        """Assign ``articles`` (in the order given). ``known`` holds earlier assignments
        (article key -> story id), which are kept: an article never changes story by being
        seen again."""
        if not hasattr(self, "story_of_"):
            self._init_state()
        known = known or {}
        fresh: list[Article] = []
        seen: set[str] = set()
        for a in articles:
            if a.key not in self.story_of_ and a.key not in seen:
                seen.add(a.key)
                fresh.append(a)
        if not fresh:
            return self
        feats = [(content_terms(a), name_terms(a)) for a in fresh]
        # the batch's document frequencies first, so the batch's vectors share one IDF
        for terms, names in feats:
            self.df_terms_.update(terms.keys())
            self.df_names_.update(names.keys())
            self._dirty_df.update("t:" + t for t in terms)
            self._dirty_df.update("n:" + n for n in names)
        self.n_docs_ += len(fresh)
        embs: list[Any] = [None] * len(fresh)
        if self._uses_embeddings():
            embs = [list(map(float, e)) for e in self.embedder([embedding_text(a) for a in fresh])]
        # earlier assignments first, so that new articles can join those stories
        order = sorted(range(len(fresh)), key=lambda i: fresh[i].key not in known)
        for i in order:
            a = fresh[i]
            f = self._vectors(a, feats[i][0], feats[i][1], embs[i])
            day = date_ordinal(a.published)
            if day is not None and (self.newest_ is None or day > self.newest_):
                self.newest_ = day
            sid = known.get(a.key)
            if sid:
                story = self.stories_.get(sid) or self._new_story(sid)
                self._add(story, a.key, f, day)
                story.checked = story.n  # replayed as it was decided: not split again for it
                continue
            scored = self._score(f, day)
            best_sim, best = scored[0] if scored else (0.0, None)
            if best is not None and best_sim >= self.threshold:
                self._add(best, a.key, f, day)
                self.events_.append(("join", best.id, f"{a.id} joined (similarity {best_sim:.2f})"))
                if self.merge_threshold is not None:
                    # only stories the article also matched: it is the bridge between them
                    # (and comparing whole centroids with every candidate would cost more
                    # than the article)
                    self._maybe_merge(best, [s for sim, s in scored[1:] if sim >= self.threshold])
            else:
                story = self._new_story("s-" + a.key[:12])
                self._add(story, a.key, f, day)
                self.events_.append(("new", story.id, f"{a.id} started a story"
                                     + (f" (best similarity {best_sim:.2f})" if best else "")))
        if self.split_margin is not None:
            for sid in sorted(self._dirty, key=lambda sid: self.stories_[sid].seq if sid in self.stories_ else 0):
                story = self.stories_.get(sid)
                if story is not None and story.n >= max(4, 1.5 * story.checked):
                    self._maybe_split(story)
        self._evict()
        return self

    def _vectors(self, a: Article, terms: Counter, names: Counter, emb) -> _Vectors:
        tv = _unit(terms, self.df_terms_, self.n_docs_)
        nums = {t: c for t, c in terms.items() if t[0] == "#"}
        return _Vectors(tv, _unit(names, self.df_names_, self.n_docs_), _unit(nums, self.df_terms_, self.n_docs_),
                        _unit_counts(year_terms(a)), _unit_counts(weekday_terms(a)),
                        _unit(lead_name_terms(a), self.df_names_, self.n_docs_), emb)

    def _new_story(self, sid: str) -> _Story:
        base, n = sid, 1
        while sid in self.stories_ or sid in self.evicted_:  # same key prefix twice: keep ids unique
            n += 1
            sid = f"{base}-{n}"
        self.seq_ += 1
        story = _Story(sid, self.seq_)
        self.stories_[sid] = story
        return story

    def _index_keys(self, tv: dict[str, float], nv: dict[str, float]) -> list[str]:
        top_t = heapq.nlargest(self.index_terms, tv.items(), key=lambda kv: kv[1])
        top_n = heapq.nlargest(self.index_names, nv.items(), key=lambda kv: kv[1])
        return ["t:" + t for t, _ in top_t] + ["n:" + n for n, _ in top_n]

    def _add(self, story: _Story, key: str, f: _Vectors, day: int | None) -> None:
        _add_sums(story, f)
        if day is not None:
            story.first = day if story.first is None else min(story.first, day)
            story.last = day if story.last is None else max(story.last, day)
        story.n += 1
        story.members.append(key)
        self._new_vecs[key] = f._replace(day=day)
        if story.n <= self.split_max:
            story.vecs[key] = f._replace(day=day)
        else:  # past the size where splits are checked: the members' vectors are not kept
            story.vecs = {}
        for k in self._index_keys(f.terms, f.names):
            post = self.index_.setdefault(k, {})
            post.pop(story.id, None)  # move to the most recent end
            post[story.id] = None
            story.keys.add(k)
        self.story_of_[key] = story.id
        self._assigned[key] = story.id
        self._dirty.add(story.id)

    def _gap(self, story: _Story, day: int | None) -> float | None:
        if day is None or story.first is None:
            return None
        if story.first <= day <= story.last:
            return 0.0
        return float(min(abs(day - story.first), abs(day - story.last)))

    def _decay(self, gap: float | None) -> float:
        if gap is None:
            return 1.0
        return math.exp(-max(0.0, gap - self.grace_days) / self.days_scale)

    def _sim(self, story: _Story, f: _Vectors, gap: float | None) -> float:
        return link_probability(self._model(), pair_features(f, story)) * self._decay(gap)

    def _candidates(self, keys: Sequence[str]) -> list[str]:
        hits: Counter = Counter()
        for k in keys:
            post = self.index_.get(k)
            if not post:
                continue
            for n, sid in enumerate(reversed(post)):
                if n >= self.per_term:
                    break
                hits[sid] += 1
        return [sid for sid, _ in hits.most_common(self.max_scored)]

    def _score(self, f: _Vectors, day) -> list[tuple[float, _Story]]:
        """Candidate stories with their similarity, best first."""
        out = []
        for sid in self._candidates(self._index_keys(f.terms, f.names)):
            story = self.stories_[sid]
            gap = self._gap(story, day)
            if gap is not None and gap > self.window_days:
                continue
            out.append((self._sim(story, f, gap), story))
        out.sort(key=lambda x: (-x[0], x[1].seq))
        return out

    # -- merging ---------------------------------------------------------------------------
    def _story_sim(self, a: _Story, b: _Story) -> float:
        gap = None
        if a.first is not None and b.first is not None:
            gap = 0.0 if a.first <= b.last and b.first <= a.last else float(min(abs(a.first - b.last), abs(b.first - a.last)))
        return link_probability(self._model(), pair_features(centroid(a), b)) * self._decay(gap)

    def _maybe_merge(self, grown: _Story, others: Sequence[_Story]) -> None:
        """After ``grown`` took an article, fold into it (or it into) the candidate stories
        whose centroids now meet ``merge_threshold``."""
        for other in others:
            if other.id not in self.stories_ or grown.id not in self.stories_:
                continue
            sim = self._story_sim(grown, other)
            if sim < self.merge_threshold:
                continue
            keep, gone = (grown, other) if (grown.n, -grown.seq) >= (other.n, -other.seq) else (other, grown)
            self._merge(keep, gone, sim)
            grown = keep

    def _merge(self, keep: _Story, gone: _Story, sim: float) -> None:
        _add_sums(keep, gone)
        for d in (gone.first, gone.last):
            if d is not None:
                keep.first = d if keep.first is None else min(keep.first, d)
                keep.last = d if keep.last is None else max(keep.last, d)
        keep.n += gone.n
        keep.checked = keep.n  # not split again in the batch that merged it: no merge-split round trip
        keep.vecs.update(gone.vecs)
        if keep.n + gone.n > self.split_max:
            keep.vecs = {}
        for key in gone.members:
            keep.members.append(key)
            self.story_of_[key] = keep.id
            self._assigned[key] = keep.id
        self._unindex(gone)
        for k in gone.keys:
            post = self.index_.setdefault(k, {})
            post.pop(keep.id, None)
            post[keep.id] = None
            keep.keys.add(k)
        del self.stories_[gone.id]
        self._dirty.discard(gone.id)
        self._dirty.add(keep.id)
        self._removed.add(gone.id)
        self.events_.append(("merge", keep.id, f"{gone.id} ({gone.n} articles) merged in (similarity {sim:.2f})"))

    # -- splitting ---------------------------------------------------------------------------
    def _logit(self, f: _Vectors, story: _Story, without: bool = False) -> float:
        model = self._model()
        x = pair_features(f, story, without)
        return model.get("bias", 0.0) + math.fsum(model.get(n, 0.0) * v for n, v in zip(FEATURES, x))

    def _sub(self, keys: Sequence[str], vecs: dict[str, _Vectors]) -> _Story:
        s = _Story("", 0)
        for k in keys:
            _add_sums(s, vecs[k])
            s.n += 1
        return s

    def _bisect(self, keys: list[str], vecs: dict[str, _Vectors]) -> tuple[list[str], list[str], float]:
        """Two-means over the members with the link model as the measure (seeded by the
        member least like the story and the member least like that one), then the mean
        leave-one-out margin: how much more each member belongs to its own half than to the
        other, in log-odds."""
        # seeds: the least alike pair among the first members (a bounded sample, so that the
        # check costs the story's size, not its square)
        sample = keys[:self.split_sample]
        singles = {k: self._sub([k], vecs) for k in sample}
        a, b = min(((x, y) for i, x in enumerate(sample) for y in sample[i + 1:]),
                   key=lambda p: (self._logit(vecs[p[0]], singles[p[1]]), p))
        left, right = [a], [b]
        for _ in range(10):
            cl, cr = self._sub(left, vecs), self._sub(right, vecs)
            new_left = [k for k in keys if self._logit(vecs[k], cl) >= self._logit(vecs[k], cr)]
            new_right = [k for k in keys if k not in set(new_left)]
            if not new_left or not new_right or new_left == left:
                break
            left, right = new_left, new_right
        if len(left) < 2 or len(right) < 2:
            return left, right, float("-inf")
        margins = []
        for own, other in ((left, right), (right, left)):
            mine, theirs = self._sub(own, vecs), self._sub(other, vecs)
            for k in own:
                margins.append(self._logit(vecs[k], mine, without=True) - self._logit(vecs[k], theirs))
        return left, right, math.fsum(margins) / len(margins)

    def _maybe_split(self, story: _Story) -> None:
        """Split a story whose members form two groups that each hold together far better
        than they hold with the other (an early article that joined the wrong event, and the
        event's reports that followed it). The part with the story's first article keeps the
        id; the other part is a new story named after its own first article; logged as
        ``split``. Limits: one split per check; only members whose vectors are known (all of
        those clustered by this version) take part."""
        story.checked = story.n
        missing = [k for k in story.members if k not in story.vecs]
        if missing and self.vector_source is not None and story.n <= self.split_max:
            story.vecs.update((k, _Vectors(*v)) for k, v in self.vector_source(missing).items())
        keys = [k for k in story.members if k in story.vecs]
        if len(keys) < 4 or len(keys) < story.n or story.n > self.split_max:
            return
        left, right, margin = self._bisect(keys, story.vecs)
        if margin < self.split_margin:
            return
        if story.members[0] not in left:
            left, right = right, left
        new = self._new_story("s-" + right[0][:12])
        rest = set(right)
        old_vecs = story.vecs
        self._unindex(story)
        story.terms, story.names, story.nums, story.years, story.days, story.lead = {}, {}, {}, {}, {}, {}
        story.terms_sq = story.names_sq = story.nums_sq = story.lead_sq = 0.0
        story.emb, story.first, story.last, story.n = None, None, None, 0
        story.keys, story.vecs = set(), {}
        members = story.members
        story.members = []
        for k in members:
            f = old_vecs[k]
            self._add(new if k in rest else story, k, f, f.day)
        story.checked, new.checked = story.n, new.n
        self.events_.append(("split", story.id, f"{new.id} ({new.n} articles) split off (margin {margin:.2f})"))

    def _unindex(self, story: _Story) -> None:
        for k in story.keys:
            post = self.index_.get(k)
            if post is not None:
                post.pop(story.id, None)
                if not post:
                    del self.index_[k]

    def _evict(self) -> None:
        if self.newest_ is None:
            return
        horizon = self.newest_ - self.window_days
        for sid in [sid for sid, s in self.stories_.items() if s.last is not None and s.last < horizon]:
            story = self.stories_.pop(sid)
            self._unindex(story)
            if sid in self._dirty:  # kept until export_state() hands it to the store
                self.evicted_[sid] = story

    # -- persistence ---------------------------------------------------------------------------
    def export_state(self) -> dict[str, Any]:
        """What changed since the last export, as plain data for the store: ``meta``,
        ``df`` (prefixed key -> document frequency), ``stories`` (id -> state),
        ``removed`` (ids merged away) and ``assigned`` (article key -> story id)."""
        if not hasattr(self, "story_of_"):
            self._init_state()
        stories = {sid: s.to_dict() for sid, s in self.evicted_.items()}
        stories.update({sid: self.stories_[sid].to_dict() for sid in self._dirty if sid in self.stories_})
        df = {}
        for k in self._dirty_df:
            df[k] = (self.df_terms_ if k[0] == "t" else self.df_names_)[k[2:]]
        out = {"meta": {"n_docs": self.n_docs_, "seq": self.seq_, "newest": self.newest_},
               "df": df, "stories": stories, "removed": sorted(self._removed),
               "assigned": dict(self._assigned),
               "vectors": {k: list(v) for k, v in self._new_vecs.items()}}
        self.evicted_.clear()
        self._dirty.clear()
        self._dirty_df.clear()
        self._removed.clear()
        self._assigned.clear()
        self._new_vecs.clear()
        return out

    def load_state(self, meta: dict[str, Any], df: dict[str, int], stories: dict[str, dict[str, Any]],
                   members: dict[str, list[str]], story_of: dict[str, str]) -> StoryClusterer:
        """Start from persisted state: ``stories`` need only be those around the dates of the
        articles to come; ``story_of`` is every stored assignment (so that no article is
        assigned twice)."""
        self._init_state()
        self.n_docs_, self.seq_, self.newest_ = meta.get("n_docs", 0), meta.get("seq", 0), meta.get("newest")
        for k, v in df.items():
            (self.df_terms_ if k[0] == "t" else self.df_names_)[k[2:]] = v
        self.story_of_ = dict(story_of)
        for sid, d in sorted(stories.items(), key=lambda kv: kv[1]["seq"]):
            story = _Story.from_dict(sid, d, members.get(sid, ()))
            self.stories_[sid] = story
            for k in story.keys:
                self.index_.setdefault(k, {})[sid] = None
        return self
