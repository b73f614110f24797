import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from conftest import SCHEMA, assert_valid_record
from quotidien.model import Article, Block, Timestamp, article_json_schema


def test_committed_schema_is_the_model_schema() -> None:
    committed = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert committed == article_json_schema(), (
        "schema out of date: python -m quotidien.model > src/quotidien/schema/article.schema.json"
    )


def test_timestamp_must_be_aware() -> None:
    with pytest.raises(ValidationError):
        Timestamp(value=datetime(2023, 11, 8, 15, 35))
    paris = timezone(timedelta(hours=1))
    ts = Timestamp(value=datetime(2023, 11, 8, 15, 35, tzinfo=paris), zone_assumed="Europe/Paris")
    assert ts.value.utcoffset() == timedelta(hours=1)


def test_text_joins_title_lead_and_blocks_and_spans_index_it() -> None:
    blocks = [Block(text="Un."), Block(text="Deux.")]
    article = Article(title="Titre", lead="Chapeau.", blocks=blocks)
    text = article.text()
    assert text == "Titre\n\nChapeau.\n\nUn.\n\nDeux."
    start = text.index("Deux")
    assert text[start : start + 4] == "Deux"
    assert [kind for kind, _, _ in article.parts()] == ["title", "lead", "block", "block"]


def test_text_skips_missing_parts() -> None:
    assert Article(blocks=[Block(text="Seul.")]).text() == "Seul."


def test_unknown_fields_are_refused() -> None:
    with pytest.raises(ValidationError):
        Article(titel="typo")  # type: ignore[call-arg]


def test_minimal_and_full_records_validate() -> None:
    article = Article(title="T", blocks=[Block(kind="heading", text="H")])
    article.warn("no-date", "no publication date found")
    article.published = Timestamp(value=datetime(2024, 1, 1, tzinfo=UTC))
    assert_valid_record(article)
    assert json.loads(article.to_json())["warnings"][0]["code"] == "no-date"
