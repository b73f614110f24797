"""Syndication: grouping near-duplicate articles (one wire story on many sites).

Each article's lead and body become word 5-shingles hashed into a MinHash signature; an LSH
index (datasketch) finds earlier articles whose estimated Jaccard similarity may pass the
threshold, and the article joins the cluster of the most similar one above it. Headlines
are left out on purpose: sites rewrite them, the body is what the copies share.
Signatures are stored with the articles, so a later ingest rebuilds the index and new copies
join existing clusters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from quotidien.model import Article

NUM_PERM = 128
#: datasketch's permutation scheme; stored signatures are only comparable within one scheme.
SCHEME = "affine32"
SHINGLE_WORDS = 5
#: Estimated Jaccard similarity of shingle sets above which two articles are copies.
THRESHOLD = 0.4
#: Shorter texts are not clustered: a few shared sentences are not a shared story.
MIN_WORDS = 40

# Han and kana characters count as one word each; other scripts split on non-word chars.
_WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|\w+")


def shingles(text: str) -> set[bytes]:
    words = _WORDS.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(article: Article) -> bytes | None:
    """The article's MinHash as bytes, or None when its text is too short to compare."""
    text = "\n".join(part for kind, _, part in article.parts() if kind != "title")
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(grams))
    return bytes(minhash.hashvalues.astype("<u4").tobytes())


def _minhash(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


class Clusters:
    """An incremental clustering: `assign` gives each new article its cluster head's id."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self.index = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.cluster_of: dict[str, str] = {}
        self.signatures: dict[str, MinHash] = {}

    def load(self, stored: Iterable[tuple[str, str, bytes]]) -> None:
        """Add already clustered articles: (id, cluster, signature bytes)."""
        for article_id, cluster, data in stored:
            self._add(article_id, cluster, _minhash(data))

    def assign(self, article_id: str, data: bytes | None) -> str:
        """The cluster of a new article; it becomes its own cluster when nothing is close."""
        if data is None:
            return article_id
        minhash = _minhash(data)
        best, best_score = None, self.threshold
        for other in self.index.query(minhash):
            score = minhash.jaccard(self.signatures[other])
            if score >= best_score:
                best, best_score = other, score
        cluster = self.cluster_of[best] if best else article_id
        self._add(article_id, cluster, minhash)
        return cluster

    def _add(self, article_id: str, cluster: str, minhash: MinHash) -> None:
        if article_id in self.signatures:
            return
        self.index.insert(article_id, minhash)
        self.signatures[article_id] = minhash
        self.cluster_of[article_id] = cluster
