"""Quality gate: extraction F1 on a fixed sample of the DAniEL pages must not fall below the
floors pinned in `bench/eval_baseline.json` (raising a floor is a reviewed change).

Reads ../shared (skips without it); the full comparison with the peers is bench/extraction.py.
"""

from __future__ import annotations

import json
import sys

import pytest

import quotidien
from conftest import ROOT, shared_path
from quotidien.errors import InputError
from quotidien.extract.encoding import decode

sys.path.insert(0, str(ROOT / "bench"))
import daniel
import scoring

BASELINE = json.loads((ROOT / "bench" / "eval_baseline.json").read_text())
SAMPLE_EVERY = 20  # every 20th page of each language: ~85 pages, a few seconds


def _sample() -> list[daniel.DanielPage]:
    shared_path("data", "daniel", "html")
    return [page for i, page in enumerate(daniel.pages()) if i % SAMPLE_EVERY == 0]


def _f1(pages: list[daniel.DanielPage], kind: str) -> float:
    counts = []
    for page in pages:
        data: bytes | str = page.html
        if kind == "text":
            from inscriptis import get_text

            data = get_text(decode(page.html)[0])
        try:
            predicted = quotidien.extract(data, kind=kind).text()  # type: ignore[arg-type]
        except InputError:
            predicted = ""
        counts.append(scoring.shingle_counts(page.reference, predicted))
    return scoring.summarise(counts)["f1"]


@pytest.fixture(scope="module")
def sample() -> list[daniel.DanielPage]:
    return _sample()


def test_html_f1_floor(sample: list[daniel.DanielPage]) -> None:
    assert _f1(sample, "html") >= BASELINE["html_f1_floor"]


def test_text_f1_floor(sample: list[daniel.DanielPage]) -> None:
    pytest.importorskip("inscriptis", reason="the text gate flattens pages with inscriptis")
    assert _f1(sample, "text") >= BASELINE["text_f1_floor"]
