"""Syndication: grouping near-duplicate articles (one wire story on many sites).

Each article's lead and body become word 5-shingles hashed into a MinHash signature
(datasketch). LSH banding finds earlier articles whose estimated Jaccard similarity may pass
the threshold: the signature is cut into bands, and articles sharing a band are candidates.
The band keys live in the database beside the articles, not in memory, so clustering costs
the same memory for the ten-thousandth article as for the ten-millionth, and a later ingest
joins the clusters of earlier ones. A new article joins the cluster of its most similar
candidate above the threshold, else starts its own. Headlines are left out on purpose:
sites rewrite them, the body is what copies share.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from functools import cache

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from quotidien.model import Article

NUM_PERM = 128
#: datasketch's permutation scheme; stored signatures are only comparable within one scheme.
SCHEME = "affine32"
SHINGLE_WORDS = 5
#: Estimated Jaccard similarity of shingle sets above which two articles are copies
#: (chosen with bench/corpus.py dedup; see bench/RESULTS.md).
THRESHOLD = 0.3
#: Shorter texts are not clustered: a few shared sentences are not a shared story.
MIN_WORDS = 40

# Han and kana characters count as one word each; other scripts split on non-word chars.
_WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]|\w+")

#: (id, cluster, signature bytes) of stored articles sharing any of the given band keys.
Lookup = Callable[[list[int]], Iterable[tuple[str, str, bytes]]]


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


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


def band_keys(data: bytes, threshold: float = THRESHOLD) -> list[int]:
    """One signed 64-bit key per LSH band (band number and its values hashed together)."""
    bands, rows = _bands(threshold)
    width = rows * 4
    return [
        int.from_bytes(
            hashlib.blake2b(bytes([band]) + data[band * width : (band + 1) * width], digest_size=8)
            .digest(),
            "little",
            signed=True,
        )
        for band in range(bands)
    ]  # fmt: skip


@cache
def _bands(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) minimising false positives and negatives at the threshold."""
    bands, rows = _optimal_param(threshold, NUM_PERM, 0.5, 0.5)
    return int(bands), int(rows)


class Clusters:
    """Incremental clustering over stored band keys, plus the batch not yet stored."""

    def __init__(self, lookup: Lookup, threshold: float = THRESHOLD) -> None:
        self.lookup = lookup
        self.threshold = threshold
        self.pending: dict[int, list[tuple[str, str, bytes]]] = {}

    def assign(self, article_id: str, data: bytes | None) -> tuple[str, list[int]]:
        """The cluster of a new article and its band keys to store with it."""
        if data is None:
            return article_id, []
        keys = band_keys(data, self.threshold)
        candidates = list(self.lookup(keys))
        candidates += [item for key in keys for item in self.pending.get(key, [])]
        best, best_score = article_id, self.threshold
        for other, cluster, other_data in candidates:
            score = similarity(data, other_data)
            if score >= best_score and other != article_id:
                best, best_score = cluster, score
        for key in keys:
            self.pending.setdefault(key, []).append((article_id, best, data))
        return best, keys

    def stored(self) -> None:
        """The pending batch is now in the database: forget it here."""
        self.pending.clear()
