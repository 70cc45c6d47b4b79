"""A learned attribution tagger: a linear-chain CRF that tags cue, source and content tokens.

The rules in :mod:`parallax.analyze.quotes` find quotations and the common reporting
patterns with high precision; this model adds the attributions they miss, the kind PolNeAR
annotates without quote marks ("X wants ...", "X denied ...", "X's plan to ..."). It is
trained on PolNeAR train only (``scripts/train_quotes.py``) and tags each sentence with
BIO labels ``CUE``, ``SRC`` and ``CON``; :func:`attributions` turns the tags into
(cue, source, contents) records.

Features are the token's words in a window of three, suffixes, shape, whether the token is
inside quote marks, whether it is a cue word of :mod:`parallax.analyze.quote_lexicon`, word
clusters (shipped in the model's ``lexicon.json``), the distance to the nearest cue word on
either side and whether a comma lies between. Decoding takes a role wherever its marginal
beats the down-weighted outside label's (:data:`O_WEIGHT`), for recall.

Limits: one sentence at a time, so a content running over sentences is split and its
later parts carry no cue (they are joined to the attribution before them only when that
one is in the sentence just before); a source is the source span nearest the cue in the
sentence, and a sentence with several cues and one source gives it to the nearest cue only.
The model knows no parse; it learned PolNeAR's conventions, including attitudes
("hopes", "plans") and events ("published the drafts") a reader may not count as
statements, which the quote stage filters. Sentences without a known reporting or attitude
word are not tagged at all.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ParallaxError
from ..model import Span
from . import crf
from . import quote_lexicon as lex
from .ner_features import normalize, short_shape, tokenize

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "quotes"
TRAIN_COMMAND = ("python scripts/train_quotes.py --train ../shared/data/polnear/train "
                 "--dev ../shared/data/polnear/dev --out src/parallax/models/quotes")
ROLES = ("CUE", "SRC", "CON")
_OPEN = frozenset('“«„')
_CLOSE = frozenset('”»')


def stem(word: str) -> str:
    """A crude suffix-stripped form, so that one entry covers "pledge", "pledged", "pledging"."""
    w = word.lower().replace("’", "'")
    for suf in ("ing", "ed", "es", "s", "e", "d"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


CUE_STEMS = frozenset(stem(w) for w in lex.CUE_WORDS) | lex.MODEL_CUE_STEMS | {"accord"}


def lexical(word: str) -> bool:
    """Whether a word is (a form of) a known reporting or attitude word."""
    return stem(word) in CUE_STEMS


class QuoteModelMissing(ParallaxError):
    """The trained quote model is not where Parallax looks for it."""


@dataclass
class QuoteLexicon:
    """Word clusters (lowercase word -> cluster ids) used by the features, shipped beside
    the model so that inference uses what training used."""

    clusters: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"clusters": self.clusters}

    @classmethod
    def from_json(cls, data: dict) -> QuoteLexicon:
        return cls(clusters=data["clusters"])


def _cue_word(lower: str) -> bool:
    return lower in lex.TAGGER_CUE_WORDS or lower == "according"


class QuoteFeaturizer:
    """Token strings of one sentence -> crfsuite attribute lists (cached per word type)."""

    def __init__(self, lexicon: QuoteLexicon):
        self.lexicon = lexicon
        self._word: dict[str, tuple[list[str], dict[int, list[str]]]] = {}

    def __getstate__(self):
        return {"lexicon": self.lexicon}

    def __setstate__(self, state):
        self.__init__(state["lexicon"])

    def _word_features(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        got = self._word.get(word)
        if got is not None:
            return got
        lower = word.lower()
        sh = short_shape(word)
        feats = ["bias", "lw=" + lower, "sh=" + sh, "s2=" + lower[-2:], "s3=" + lower[-3:]]
        if word[:1].isupper():
            feats.append("title")
        if _cue_word(lower):
            feats.append("cueword")
            if lower in lex.SPEECH_CUES:
                feats.append("speechcue")
        if lower in lex.PRONOUNS:
            feats.append("pron")
        if lower in lex.ROLE_HINTS:
            feats.append("role")
        cl = self.lexicon.clusters.get(lower)
        if cl:
            feats.extend("c" + str(i) + "=" + c for i, c in enumerate(cl))
        ctx: dict[int, list[str]] = {}
        for off in (-2, -1, 1, 2):
            p = str(off) + ":"
            f = [p + "lw=" + lower]
            if abs(off) == 1:
                f.append(p + "sh=" + sh)
                if cl:
                    f.append(p + "c1=" + cl[1] if len(cl) > 1 else p + "c0=" + cl[0])
                if _cue_word(lower):
                    f.append(p + "cueword")
            ctx[off] = f
        if len(self._word) > 200_000:
            self._word.clear()
        self._word[word] = (feats, ctx)
        return feats, ctx

    def sentence(self, tokens: Sequence[str], open_quote: bool = False) -> list[list[str]]:
        """Features of one sentence; ``open_quote`` when a quotation is open at its start."""
        words = [normalize(t) for t in tokens]
        raw = list(tokens)
        n = len(words)
        base = [self._word_features(w) for w in words]
        # Inside-quote state: curly marks say which way they face; a straight mark toggles.
        inside = []
        state = open_quote
        for t in raw:
            if t in _OPEN:
                state = True
                inside.append(True)
                continue
            if t in _CLOSE:
                inside.append(state)
                state = False
                continue
            if t == '"':
                inside.append(True)
                state = not state
                continue
            inside.append(state)
        cue_at = [i for i, w in enumerate(words) if _cue_word(w.lower())]
        marked = any(inside)
        commas = [i for i, w in enumerate(words) if w in (",", ";", ":", "-", "--")]
        out = []
        for i in range(n):
            f = list(base[i][0])
            for off in (-2, -1, 1, 2):
                j = i + off
                if 0 <= j < n:
                    f.extend(base[j][1][off])
                else:
                    f.append(str(off) + ":edge")
            lw = words[i].lower()
            if i > 0:
                f.append("bi-=" + words[i - 1].lower() + "|" + lw)
            if i + 1 < n:
                f.append("bi+=" + lw + "|" + words[i + 1].lower())
            if inside[i]:
                f.append("inq")
            k = bisect_left(cue_at, i)
            left = cue_at[k - 1] if k > 0 else None
            k = bisect_right(cue_at, i)
            right = cue_at[k] if k < len(cue_at) else None
            f.append("cl=" + (_bucket(i - left) if left is not None else "none"))
            f.append("cr=" + (_bucket(right - i) if right is not None else "none"))
            # a clause break between the cue word and this token
            if left is not None and bisect_left(commas, i) > bisect_right(commas, left):
                f.append("cl,")
            if right is not None and bisect_left(commas, right) > bisect_right(commas, i):
                f.append("cr,")
            if marked:
                f.append("sq")
            for off in (-3, 3):
                j = i + off
                f.append(str(off) + ":lw=" + (words[j].lower() if 0 <= j < n else "<edge>"))
            f.append("pos=" + _bucket(i))
            f.append("rpos=" + _bucket(n - 1 - i))
            out.append(f)
        return out


def _bucket(d: int) -> str:
    if d <= 3:
        return str(d)
    if d <= 6:
        return "4-6"
    if d <= 12:
        return "7-12"
    return "13+"


def decode(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO tags -> (first token, last token + 1, role) runs."""
    out = []
    start = None
    role = None
    for i, t in enumerate(list(tags) + ["O"]):
        r = t[2:] if len(t) > 2 else None
        if role is not None and (t == "O" or t.startswith("B-") or r != role):
            out.append((start, i, role))
            role = None
        if t != "O" and role is None:
            start, role = i, r
    return out


@dataclass
class Attribution:
    """One tagged attribution: character spans of its cue, source (or None) and contents."""

    cue: Span | None
    source: Span | None
    contents: list[Span]


class _Model:
    def __init__(self, directory: Path):
        self.tagger, lexicon = crf.open_model(directory, "quote model", QuoteModelMissing, TRAIN_COMMAND)
        self.featurizer = QuoteFeaturizer(QuoteLexicon.from_json(lexicon))
        self.labels = [lab for lab in self.tagger.labels() if lab != "O"]


@lru_cache(maxsize=1)
def _load() -> _Model:
    return _Model(crf.model_dir("PARALLAX_QUOTE_MODEL", MODEL_DIR))


def reload_model() -> None:
    """Forget the loaded model, so the next call reads it from disk again."""
    _load.cache_clear()
    available.cache_clear()
    tagger_name.cache_clear()
    from . import quote_neural

    quote_neural.reload_model()


@lru_cache(maxsize=1)
def tagger_name() -> str:
    """Which tagger the setting ``quote_tagger`` asks for: ``crf`` (this module's, shipped)
    or ``minilm`` (:mod:`parallax.analyze.quote_neural`, the ``embed`` extra)."""
    from .. import settings

    name = str(settings.load()["quote_tagger"]).strip().lower()
    if name not in ("crf", "minilm"):
        raise ParallaxError(f"setting quote_tagger is {name!r}; expected 'crf' or 'minilm'")
    return name


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether the model can be loaded (logged once when the CRF cannot: the quote stage then
    runs its rules alone). The MiniLM tagger, asked for by name, raises its reason instead."""
    if tagger_name() == "minilm":
        from . import quote_neural

        quote_neural.load()
        return True
    try:
        _load()
    except QuoteModelMissing as exc:
        log.warning("%s; quotes are found by the rules alone", exc)
        return False
    return True


def tag_sentences(text: str, sentences: Sequence[Span]) -> list[tuple[list[tuple[int, int]], list[str]]]:
    """(token spans, tags) for each sentence. A sentence without a known reporting or
    attitude word (:func:`lexical`) is not tagged (all ``O``): what the tagger would find
    there is dropped by the quote stage anyway, and skipping it halves the cost."""
    toks_of = [tokenize(text, lo, hi) for lo, hi in sentences]
    words_of = [[text[a:b] for a, b in toks] for toks in toks_of]
    opens = []
    open_quote = False
    for words in words_of:
        opens.append(open_quote)
        open_quote = _ends_open(words, open_quote)
    todo = [i for i, words in enumerate(words_of) if any(lexical(w) for w in words)]
    tags_of = [["O"] * len(toks) for toks in toks_of]
    if tagger_name() == "minilm":
        from . import quote_neural

        for i, tags in zip(todo, quote_neural.load().tag([words_of[i] for i in todo], [opens[i] for i in todo])):
            tags_of[i] = tags
    else:
        m = _load()
        for i in todo:
            m.tagger.set(m.featurizer.sentence(words_of[i], opens[i]))
            tags = m.tagger.tag()
            tags_of[i] = _recall_decode(m, tags) if O_WEIGHT < 1.0 else tags
    return list(zip(toks_of, tags_of))


O_WEIGHT = 0.6


def _recall_decode(m: _Model, tags: list[str]) -> list[str]:
    """Per-token choice from the marginals with the outside label down-weighted: the
    Viterbi path of a CRF is cautious about rare labels, and recall is what it lacks."""
    labels = m.labels
    out = []
    for i, t in enumerate(tags):
        if t == "O":
            p_o = m.tagger.marginal("O", i) * O_WEIGHT
            p, best = max((m.tagger.marginal(lab, i), lab) for lab in labels)
            if p > p_o:
                t = best
        out.append(t)
    return out


def _ends_open(words: Sequence[str], state: bool) -> bool:
    for t in words:
        if t in _OPEN:
            state = True
        elif t in _CLOSE:
            state = False
        elif t == '"':
            state = not state
    return state


def attributions(text: str, sentences: Sequence[Span]) -> list[Attribution]:
    """The model's attributions in ``text``: each cue with the source and contents nearest
    to it in its sentence; a content with no cue in its sentence continues the last
    attribution of the sentence before, or is dropped."""
    out: list[Attribution] = []
    prev_last: Attribution | None = None
    for toks, tags in tag_sentences(text, sentences):
        runs = decode(tags)
        cues = [r for r in runs if r[2] == "CUE"]
        atts = []
        for a, b, _r in cues:
            atts.append((a, b, Attribution((toks[a][0], toks[b - 1][1]), None, [])))
        source_dist: dict[int, int] = {}
        for a, b, role in runs:
            if role == "CUE":
                continue
            span = (toks[a][0], toks[b - 1][1])
            if not atts:
                if role == "CON" and prev_last is not None:
                    prev_last.contents.append(span)
                continue
            # The nearest cue, by token distance between the runs.
            k = min(range(len(atts)), key=lambda c: (max(atts[c][0] - b, a - atts[c][1], 0), atts[c][0]))
            att = atts[k][2]
            if role == "SRC":
                dist = max(atts[k][0] - b, a - atts[k][1], 0)
                if dist < source_dist.get(k, 1 << 30):
                    att.source = span
                    source_dist[k] = dist
            else:
                att.contents.append(span)
        kept = [c[2] for c in atts if c[2].contents]
        out.extend(kept)
        prev_last = kept[-1] if kept else None
    return out
