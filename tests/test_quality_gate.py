"""Quality gate: extraction on a fixed sample of each development set must not fall below
the floors pinned in `bench/eval_baseline.json` (raising a floor is a reviewed change).

Each set's sample is `SAMPLE[set]` pages spread evenly over it (`devsets.pages(set, N)`),
scored as `bench/extraction.py` scores them (primary F1: title + body where the set's
reference holds the headline, body elsewhere); L3S-GN1 adds pages with reader comments,
for the comment figures. Reads ../shared (skips without it); the full comparison with the
peers is bench/extraction.py.
"""

from __future__ import annotations

import json
import sys
from functools import cache

import pytest

import quotidien
from conftest import ROOT, shared_path
from quotidien.errors import InputError
from quotidien.extract.encoding import decode

sys.path.insert(0, str(ROOT / "bench"))
import devsets
import extraction

BASELINE = json.loads((ROOT / "bench" / "eval_baseline.json").read_text())
FLOORS: dict[str, dict[str, float]] = BASELINE["floors"]
#: Pages per set: 88 in all, a few seconds per path.
SAMPLE = {"daniel": 40, "l3s-gn1": 16, "dragnet": 16, "readability": 16}
L3S_WITH_COMMENTS = 8


@cache
def _sample(dataset: str) -> list[devsets.DevPage]:
    shared_path("data", dataset)
    pages = list(devsets.pages(dataset, SAMPLE[dataset]))
    if dataset == "l3s-gn1":
        taken = {p.name for p in pages}
        with_comments = [p for p in devsets.pages(dataset) if p.comments and p.name not in taken]
        step = len(with_comments) / L3S_WITH_COMMENTS
        pages += [with_comments[int(i * step)] for i in range(L3S_WITH_COMMENTS)]
    return pages


@cache
def _scores(dataset: str, kind: str) -> list[extraction.Score]:
    scores = []
    for page in _sample(dataset):
        data: bytes | str = page.html
        if kind == "text":
            from inscriptis import get_text

            data = get_text(decode(page.html)[0])
        try:
            out = extraction.output(quotidien.extract(data, kind=kind))  # type: ignore[arg-type]
        except InputError:
            out = extraction.Output()
        scores.append(extraction.score("quotidien", page, out))
    return scores


def _share(pairs: list[tuple[int, int] | None]) -> float:
    known = [p for p in pairs if p is not None]
    return sum(f for f, _ in known) / sum(c for _, c in known)


@pytest.mark.parametrize("dataset", list(devsets.LOADERS))
def test_html_f1_floor(dataset: str) -> None:
    assert extraction.primary_f1(_scores(dataset, "html")) >= FLOORS[dataset]["html_f1"]


@pytest.mark.parametrize("dataset", list(devsets.LOADERS))
def test_text_f1_floor(dataset: str) -> None:
    pytest.importorskip("inscriptis", reason="the text gate flattens pages with inscriptis")
    assert extraction.primary_f1(_scores(dataset, "text")) >= FLOORS[dataset]["text_f1"]


def test_l3s_reader_comments_stay_out_of_the_body_and_in_comments() -> None:
    scores = _scores("l3s-gn1", "html")
    floors = FLOORS["l3s-gn1"]
    assert _share([s.comments_in_body for s in scores]) <= floors["comments_in_body_max"]
    assert _share([s.comments_kept for s in scores]) >= floors["comments_kept_min"]
