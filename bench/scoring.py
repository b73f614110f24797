"""Body-text scoring of the article-extraction benchmark.

Token 4-gram shingles over `\\w+` tokens; per page, tp/fp/fn normalised by their sum so
that long pages weigh no more than short ones; precision and recall averaged over pages,
F1 from the two means; exact-match accuracy of the token sequence.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable

_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def shingle_counts(reference: str, predicted: str, n: int = 4) -> Counts:
    """Normalised (tp, fp, fn) of predicted against reference shingles."""
    true, pred = _shingles(reference, n), _shingles(predicted, n)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def summarise(counts: Iterable[Counts], exact: Iterable[bool] = ()) -> dict[str, float]:
    """Precision, recall (means over pages), F1 and exact-match accuracy."""
    counts = list(counts)
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    exact = list(exact)
    accuracy = sum(exact) / len(exact) if exact else 0.0
    return {"precision": p, "recall": r, "f1": f1, "accuracy": accuracy, "pages": len(counts)}


def exact_match(reference: str, predicted: str) -> bool:
    return tokens(reference) == tokens(predicted)


def _grams(toks: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(toks[i : i + n]) for i in range(len(toks) - n + 1)}


def found_tokens(text: str, within: str, ignore: str = "", n: int = 4) -> tuple[int, int]:
    """(found, counted): how many of `text`'s tokens lie in an n-gram that `within` also has.

    Token n-grams of `text` that `ignore` also holds are set aside (a reader comment that
    quotes the article cannot be told apart from the article there). A token is counted
    when at least one n-gram covering it is not set aside, and found when one of those is
    in `within`. A text of fewer than n tokens is one n-gram of its own length.
    """
    toks = tokens(text)
    if not toks:
        return 0, 0
    size = min(n, len(toks))
    inside, aside = _grams(tokens(within), size), _grams(tokens(ignore), size)
    counted = [False] * len(toks)
    found = [False] * len(toks)
    for i in range(len(toks) - size + 1):
        gram = tuple(toks[i : i + size])
        if gram in aside:
            continue
        hit = gram in inside
        for j in range(i, i + size):
            counted[j] = True
            found[j] = found[j] or hit
    return sum(found), sum(counted)
