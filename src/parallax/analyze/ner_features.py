"""Tokenizer and CRF features for named-entity recognition, shared by training and inference.

The same code turns CoNLL-2003 tokens into features at training time (``scripts/train_ner.py``)
and tokens of an article's clean text into features at run time, so the model sees the same
kind of input in both places.

Limits: the tokenizer is a regular expression that imitates CoNLL-2003's Penn-style
tokenization (clitics ``'s``/``n't`` split off, hyphenated words and ``U.S.`` kept whole,
known abbreviations keep their period). It does not handle URLs, e-mail addresses or
emoticons specially; they come out as several tokens, which only costs a missed entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

# Typographic characters mapped to the ASCII ones CoNLL-2003 uses; only the features see the
# mapped form, offsets always point into the original text.
_TYPO = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "‐": "-",
                       "\u00a0": " ", "«": '"', "»": '"', "„": '"'})

_TOKEN = re.compile(
    r"""(?:[A-Za-z]\.){2,}(?![A-Za-z])         # U.S.  U.N.  a.m.
      | [nN]['’][tT](?!\w)                      # n't standing alone (CoNLL text)
      | ['’](?:s|S|ll|LL|re|RE|ve|VE|d|D|m|M)(?!\w)  # 's 'll ... standing alone
      | \w+(?:[-'’.&/,:]\w+)*                    # words, numbers 1,200 3.5 1996-08-22 AT&T
      | \.{2,} | -{2,}                           # ellipsis, long dash
      | \S                                       # any other character
    """,
    re.VERBOSE,
)
_GLUED = re.compile(r"^[A-Z][a-z]{3,}(?=[A-Z][a-z]{3,}$)")
_CLITIC = re.compile(r"(?i)(?:n['’]t|['’](?:s|ll|re|ve|d|m))$")


def tokenize(text: str, start: int = 0, end: int | None = None,
             abbreviations: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text[start:end]``.

    ``abbreviations`` are words (without their period) whose following period belongs to
    them ("Inc", "Mr"); a single capital letter followed by a period is always an initial.
    """
    if end is None:
        end = len(text)
    spans: list[tuple[int, int]] = []
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.span()
        word = m.group()
        if len(word) > 2 and word[0].isalnum():
            c = _CLITIC.search(word)
            if c and c.start() > 0:
                cut = s + c.start()
                spans.append((s, cut))
                spans.append((cut, e))
                continue
        glued = _GLUED.search(word)
        if glued:
            # "UkraineBlinken": a lost space (or quote mark) between two names
            spans.append((s, s + glued.end()))
            spans.append((s + glued.end(), e))
            continue
        if (word == "." and spans and spans[-1][1] == s
                and _attach_period(text[spans[-1][0]:s], abbreviations)):
            spans[-1] = (spans[-1][0], e)
            continue
        spans.append((s, e))
    return spans


def _attach_period(prev: str, abbreviations: frozenset[str]) -> bool:
    if len(prev) == 1 and prev.isupper():
        return True
    return prev in abbreviations


def normalize(token: str) -> str:
    """The token as CoNLL-2003 would spell it (ASCII quotes and dashes)."""
    return token.translate(_TYPO)


def shape(word: str) -> str:
    out = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        out.append(c)
    return "".join(out)


def short_shape(word: str) -> str:
    sh = shape(word)
    out = []
    for c in sh:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


@dataclass
class Lexicon:
    """What the features look words up in: gazetteers, word clusters and abbreviations.

    Built by the training script and shipped beside the model, so inference uses exactly
    what training used.
    """

    gazetteer: dict[str, list[str]] = field(default_factory=dict)  # word -> ["city", ...]
    clusters: dict[str, list[str]] = field(default_factory=dict)  # lower word -> ids
    abbreviations: frozenset[str] = frozenset()

    def to_json(self) -> dict:
        return {"gazetteer": self.gazetteer, "clusters": self.clusters,
                "abbreviations": sorted(self.abbreviations)}

    @classmethod
    def from_json(cls, data: dict) -> Lexicon:
        return cls(gazetteer=data["gazetteer"], clusters=data["clusters"],
                   abbreviations=frozenset(data["abbreviations"]))


class Featurizer:
    """Turns a sentence (a list of token strings) into crfsuite attribute lists.

    Word-level features are cached per word type, which is what makes tagging fast: a
    sentence costs one dictionary look-up per token plus a few string joins.
    """

    CONTEXT = (-2, -1, 1, 2)

    def __init__(self, lexicon: Lexicon, cache_size: int = 200_000):
        self.lexicon = lexicon
        self._word: dict[str, list[str]] = {}
        self._ctx: dict[str, dict[int, list[str]]] = {}
        self._cache_size = cache_size

    def __getstate__(self):
        return {"lexicon": self.lexicon, "cache_size": self._cache_size}

    def __setstate__(self, state):
        self.__init__(state["lexicon"], state["cache_size"])

    def _word_features(self, word: str) -> tuple[list[str], dict[int, list[str]]]:
        got = self._word.get(word)
        if got is not None:
            return got, self._ctx[word]
        lower = word.lower()
        sh = short_shape(word)
        feats = [
            "bias", "w=" + word, "lw=" + lower, "sh=" + sh,
            "p1=" + word[:1], "p2=" + word[:2], "p3=" + word[:3], "p4=" + word[:4],
            "s1=" + lower[-1:], "s2=" + lower[-2:], "s3=" + lower[-3:], "s4=" + lower[-4:],
        ]
        if len(word) > 10:
            feats.append("long")
        if word[:1].isupper():
            feats.append("title")
        if word.isupper() and len(word) > 1:
            feats.append("upper")
        if "-" in word and len(word) > 1:
            feats.append("hyph")
            # "Russian-led", "Franco-German": each part may be a known name
            for part in word.split("-"):
                for g in self.lexicon.gazetteer.get(part, ()):
                    feats.append("gzpart=" + g)
        lex = self.lexicon
        gz = lex.gazetteer.get(word) or (lex.gazetteer.get(word.title()) if word.isupper() else None)
        if gz:
            feats.extend("gz=" + g for g in gz)
        cl = lex.clusters.get(lower)
        if cl:
            feats.extend("c" + str(i) + "=" + c for i, c in enumerate(cl))
        ctx: dict[int, list[str]] = {}
        for off in self.CONTEXT:
            p = str(off) + ":"
            f = [p + "lw=" + lower, p + "sh=" + sh]
            if abs(off) == 1:
                if cl:
                    f.extend(p + "c" + str(i) + "=" + c for i, c in enumerate(cl))
                if gz:
                    f.extend(p + "gz=" + g for g in gz)
                f.append(p + "s3=" + lower[-3:])
            ctx[off] = f
        if len(self._word) >= self._cache_size:
            self._word.clear()
            self._ctx.clear()
        self._word[word] = feats
        self._ctx[word] = ctx
        return feats, ctx

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        n = len(tokens)
        words = [normalize(t) for t in tokens]
        base = []
        ctxs = []
        for w in words:
            f, c = self._word_features(w)
            base.append(f)
            ctxs.append(c)
        letters = [w for w in words if w[:1].isalpha()]
        # ALL-CAPS headlines (common in CoNLL, rare in prose) make casing meaningless.
        caps = len(letters) > 1 and all(w.isupper() for w in letters)
        out = []
        for i in range(n):
            f = list(base[i])
            for off in self.CONTEXT:
                j = i + off
                if 0 <= j < n:
                    f.extend(ctxs[j][off])
                elif off in (-1, 1):
                    f.append("BOS" if off < 0 else "EOS")
            lw = words[i].lower()
            if i > 0:
                f.append("bg-=" + words[i - 1].lower() + "|" + lw)
            if i + 1 < n:
                f.append("bg+=" + lw + "|" + words[i + 1].lower())
            if caps:
                f.append("CAPS")
                f.append("CAPS|sh=" + f[3][3:])
            if i == 0:
                f.append("first")
                f.append("first|" + f[3])
            out.append(f)
        return out
