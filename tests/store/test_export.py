"""Exports read back as-is by pandas, polars and DuckDB."""

from __future__ import annotations

import io
import json
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pytest

from quotidien.model import Article, Block, Entity, Mention, Quote, Source, Span, Timestamp
from quotidien.store import export
from quotidien.store.base import StoredArticle


def stored(n: int) -> StoredArticle:
    text = f'« Nous resterons, dit-il », selon Jean Dupont, n°{n}; virgule, "guillemets".'
    article = Article(
        source=Source(url=f"https://www.exemple.fr/{n}", kind="html"),
        language="fr",
        title=f"Titre {n}",
        blocks=[Block(text=text)],
        published=Timestamp(value=datetime.fromisoformat("2024-03-05T10:00:00+01:00")),
        entities=[
            Entity(
                id="e1",
                kind="person",
                name="Jean Dupont",
                mentions=[Mention(start=0, end=4, text="Jean")],
            )
        ],
        quotes=[
            Quote(
                kind="direct",
                content=Span(start=0, end=4, text="« No"),
                speaker_entity="e1",
                speaker_name="Jean Dupont",
            )
        ],
    )
    return StoredArticle(id=f"id{n}", cluster="id0", article=article)


ITEMS = [stored(n) for n in range(3)]


@pytest.mark.parametrize("what", ["articles", "quotes", "entities"])
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_readers_read_exports_back(tmp_path: Path, what: export.What, fmt: export.Format) -> None:
    path = tmp_path / f"out.{fmt}"
    with path.open("wb") as handle:
        assert export.write(ITEMS, what, fmt, handle) == 3
    frames = {
        "jsonl": lambda: (pd.read_json(path, lines=True), pl.read_ndjson(path)),
        "csv": lambda: (pd.read_csv(path), pl.read_csv(path)),
        "parquet": lambda: (pd.read_parquet(path), pl.read_parquet(path)),
    }[fmt]()
    reader = {"jsonl": "read_json_auto", "csv": "read_csv_auto", "parquet": "read_parquet"}[fmt]
    duck = duckdb.sql(f"SELECT * FROM {reader}('{path}')").fetchall()
    assert len(frames[0]) == len(frames[1]) == len(duck) == 3
    column = {"articles": "title", "quotes": "speaker_name", "entities": "name"}[what]
    expected = ["Titre 0", "Titre 1", "Titre 2"] if what == "articles" else ["Jean Dupont"] * 3
    assert list(frames[0][column]) == expected
    assert frames[1][column].to_list() == expected


def test_jsonl_articles_carry_the_whole_record() -> None:
    out = io.BytesIO()
    export.write(ITEMS[:1], "articles", "jsonl", out)
    record = json.loads(out.getvalue())
    assert record["id"] == "id0"
    assert Article.model_validate({k: v for k, v in record.items() if k not in ("id", "cluster")})
