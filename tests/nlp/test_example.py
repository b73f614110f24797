"""Acceptance: the French example page, through the text extractor and the nlp stage."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
import yaml
from helpers import EXAMPLE, EXPECTED, assert_spans, needs_shared

import quotidien
from quotidien.model import Article, Quote


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("’", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.fixture(scope="module")
def record() -> Article:
    needs_shared()
    return quotidien.extract(EXAMPLE.read_text(encoding="utf-8"), kind="text", nlp=True)


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    needs_shared()
    data: dict[str, Any] = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
    return data


def _match(record: Article, content: str) -> Quote | None:
    """The predicted quote covering most of the expected content (quotation marks aside)."""
    target = _norm(content).strip('"«»“” ')
    text = _norm(record.text())
    start = text.find(target)
    assert start >= 0, f"expected content not in the text: {content!r}"
    end = start + len(target)
    best, best_overlap = None, 0
    for quote in record.quotes:
        q_start = len(_norm(record.text()[: quote.content.start] + "x")) - 1
        q_end = q_start + len(_norm(quote.content.text))
        overlap = min(end, q_end) - max(start, q_start)
        if overlap > best_overlap:
            best, best_overlap = quote, overlap
    return best if best_overlap >= 0.8 * len(target) else None


def _verb(cue: str) -> str:
    return _norm(cue).replace("-", " ").split()[-1]


def test_all_twelve_quotations(record: Article, expected: dict[str, Any]) -> None:
    wrong = []
    for item in expected["quotes"]:
        quote = _match(record, item["content"])
        accept = {_norm(name) for name in item.get("accept", [item["speaker"]])}
        if quote is None:
            wrong.append(f"missing: {item['content']}")
            continue
        if _norm(quote.speaker_name or "") not in accept:
            wrong.append(f"speaker {quote.speaker_name!r} for {item['content']}")
        if quote.kind != item["kind"]:
            wrong.append(f"kind {quote.kind} for {item['content']}")
        if quote.cue is None or _verb(item["cue"]) not in _norm(quote.cue.text).replace("-", " "):
            wrong.append(f"cue {quote.cue and quote.cue.text!r} for {item['content']}")
        if "speaker_mention" in item and quote.speaker is not None:
            assert _norm(quote.speaker.text) == _norm(item["speaker_mention"])
    assert wrong == []
    assert len(record.quotes) == len(expected["quotes"])


def test_no_quote_in_the_lead_or_comments(record: Article) -> None:
    for quote in record.quotes:
        assert "refuse de condamner" not in quote.content.text
        assert "affaires ensemble" not in quote.content.text


def test_people_with_their_mentions(record: Article, expected: dict[str, Any]) -> None:
    people = {_norm(e.name): e for e in record.entities if e.kind == "person"}
    for person in expected["entities"]["people"]:
        entity = people.get(_norm(person["name"]))
        assert entity is not None, person["name"]
        mentions = {_norm(m.text) for m in entity.mentions}
        for mention in person["mentions"]:
            assert _norm(mention) in mentions, (person["name"], mention, mentions)
        if "role" in person:
            assert entity.role is not None
            assert _norm(entity.role) == _norm(person["role"])
    assert len(people) == len(expected["entities"]["people"])


def test_organisations_places_and_not_entities(record: Article, expected: dict[str, Any]) -> None:
    kinds = {_norm(e.name): e.kind for e in record.entities}
    for name in expected["entities"]["organisations"]:
        assert kinds.get(_norm(re.sub(r"\(.*\)", "", name))) == "organisation", name
    # Spans index title, lead and body: a place named only in a photo caption is out of reach.
    in_text = [n for n in expected["entities"]["places"] if _norm(n) in _norm(record.text())]
    assert len(in_text) >= len(expected["entities"]["places"]) - 1
    for name in in_text:
        # The model tags a city used for its government ("Washington tentait") as a person:
        # the record must at least not make it a person.
        assert kinds.get(_norm(name)) in ("place", "other"), name
    places = [n for n in in_text if kinds.get(_norm(n)) == "place"]
    assert len(places) >= len(in_text) - 1
    for bad in expected["entities"]["not_entities"]:
        word = _norm(bad.split("(")[0])
        assert word not in kinds, bad


def test_spans_index_the_text(record: Article) -> None:
    assert_spans(record)
