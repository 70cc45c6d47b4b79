"""Near-duplicate articles and reused passages, by MinHash/LSH (datasketch).

Near-duplicates (wire copies, lightly edited republications) are flagged with ``duplicate_of``,
never dropped. Reused passages are sentences that stand, nearly word for word, in more than one
article (house background paragraphs): corroboration counts them once.

Limits: shingles are words, so a translation of the same text is not a duplicate (that is what
quote and fact alignment are for); thresholds are Jaccard estimates with ``num_perm`` hashes.
"""

from __future__ import annotations

from collections.abc import Sequence

from datasketch import MinHash, MinHashLSH

from ..model import Article
from ..textutil import words


def _shingles(tokens: list[str], k: int) -> set[bytes]:
    if len(tokens) < k:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + k]).encode() for i in range(len(tokens) - k + 1)}


def _minhash(shingles: set[bytes], num_perm: int) -> MinHash:
    m = MinHash(num_perm=num_perm)
    m.update_batch(list(shingles))
    return m


class NearDuplicates:
    """Estimator: ``partial_fit(articles)`` adds articles; ``duplicate_of_`` maps an article
    id to the earlier article it copies."""

    def __init__(self, threshold: float = 0.7, num_perm: int = 128, shingle: int = 3):
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle = shingle

    def partial_fit(self, articles: Sequence[Article]) -> NearDuplicates:
        if not hasattr(self, "lsh_"):
            self.lsh_ = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
            self.duplicate_of_: dict[str, str] = {}
            self.signatures_: dict[str, MinHash] = {}
        for a in articles:
            if a.id in self.signatures_:
                continue
            sig = _minhash(_shingles(words(a.text), self.shingle), self.num_perm)
            candidates = [c for c in self.lsh_.query(sig) if sig.jaccard(self.signatures_[c]) >= self.threshold]
            if candidates:
                original = sorted(candidates)[0]
                self.duplicate_of_[a.id] = self.duplicate_of_.get(original, original)
            self.lsh_.insert(a.id, sig)
            self.signatures_[a.id] = sig
        return self

    def fit(self, articles: Sequence[Article]) -> NearDuplicates:
        for attr in ("lsh_", "duplicate_of_", "signatures_"):
            if hasattr(self, attr):
                delattr(self, attr)
        return self.partial_fit(articles)


def reused_passages(articles: Sequence[Article], threshold: float = 0.7, num_perm: int = 64,
                    min_words: int = 8) -> dict[tuple[str, int], int]:
    """Group sentences reused across articles: (article id, sentence start) -> group number.

    Only sentences of at least ``min_words`` words count; a group holds sentences of at least
    two different articles."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    sigs: dict[tuple[str, int], MinHash] = {}
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in articles:
        for start, end in a.sentences:
            toks = words(a.text[start:end])
            if len(toks) < min_words:
                continue
            key = (a.id, start)
            sig = _minhash(_shingles(toks, 3), num_perm)
            parent[key] = key
            for other in lsh.query(sig):
                if other[0] != a.id and sig.jaccard(sigs[other]) >= threshold:
                    parent[find(key)] = find(other)
            lsh.insert(key, sig)
            sigs[key] = sig
    groups: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for key in parent:
        groups.setdefault(find(key), []).append(key)
    out: dict[tuple[str, int], int] = {}
    for n, members in enumerate(g for g in groups.values() if len({m[0] for m in g}) > 1):
        for m in members:
            out[m] = n
    return out
