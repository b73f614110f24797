"""Hostile pages, generated from a seed: byte flips, truncations, tag soup, wrong and exotic
charsets, NUL and control bytes, pages spliced into each other, bad URLs, deep markup.
Each one is extracted (a record or a clear InputError, never an internal error), and the
whole lot is ingested with good pages among them (every good page written, every bad one
reported). `bench/hostile.py` runs the same generator over 100,000 pages (issue 22)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bench.hostile import SEED_PAGES, hostile_pages

import quotidien
from quotidien.corpus import Corpus
from quotidien.errors import InputError
from quotidien.settings import Settings

SETTINGS = Settings(page_seconds=10)


@pytest.mark.parametrize("seed", [1, 2])
def test_hostile_pages_give_records_or_clear_errors(seed: int) -> None:
    problems = []
    for n, page in enumerate(hostile_pages(150, seed)):
        name = f"hostile-{n}.html"
        start = time.monotonic()
        try:
            quotidien.extract(page, path=name, settings=SETTINGS).to_json()
        except InputError as error:
            if error.name != name or "internal error" in error.reason:
                problems.append(f"{name}: {error}")
        if time.monotonic() - start > 15:
            problems.append(f"{name}: took {time.monotonic() - start:.0f} s")
    assert problems == []


def test_a_batch_of_hostile_pages_writes_every_good_one(tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for n, page in enumerate(hostile_pages(60, 7)):
        (folder / f"hostile-{n:03d}.html").write_bytes(page)
    for n in range(10):
        (folder / f"good-{n}.html").write_text(SEED_PAGES[0].format(n=1000 + n))
    with Corpus(tmp_path / "c.db", SETTINGS) as corpus:
        report = corpus.ingest([str(folder)], nlp=False, workers=1)
        assert report.pages == 70
        reasons = [row.reason for row in corpus.errors()]
        assert not [reason for reason in reasons if "internal error" in reason]
        assert len(corpus.search("céderons", limit=100)) >= 10
