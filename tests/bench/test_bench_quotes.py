"""The PolNeAR evaluator (bench/quotes.py): both measures on hand-made attributions."""

from __future__ import annotations

import json
from pathlib import Path

from bench.quotes import Exact, Overlap, Predicted, in_sample, trim

from quotidien.nlp.brat import Attribution
from quotidien.settings import Settings

TEXT = "Mayor Ann Lee said\xa0the bridge will open in May and the road in June."
#       0         1         2         3         4         5         6
#       0123456789012345678901234567890123456789012345678901234567890123456789


def _gold() -> list[Attribution]:
    return [Attribution(content=[(19, 49)], source=[(0, 13)], cue=[(14, 18)])]


def test_a_quote_matches_when_it_covers_enough_of_the_gold_content() -> None:
    half = Predicted([(19, 34)], (6, 13), (14, 18))  # "the bridge will", half of the gold
    loose, strict = Overlap(0.3), Overlap(0.8)
    loose.add(_gold(), [half])
    strict.add(_gold(), [half])
    assert (loose.matched, loose.speaker_right, loose.speaker_pairs) == (1, 1, 1)
    assert (strict.matched, strict.predicted, strict.gold) == (0, 1, 1)


def test_the_speaker_must_overlap_the_gold_source() -> None:
    wrong = Predicted([(19, 49)], (53, 61), (14, 18))  # "the road"
    overlap = Overlap(0.3)
    overlap.add(_gold(), [wrong])
    assert (overlap.matched, overlap.speaker_right, overlap.speaker_pairs) == (1, 0, 1)


def test_one_prediction_matches_one_gold_quote_at_most() -> None:
    gold = [*_gold(), Attribution(content=[(19, 49)])]
    overlap = Overlap(0.3)
    overlap.add(gold, [Predicted([(19, 49)], None, None)])
    assert (overlap.matched, overlap.predicted, overlap.gold) == (1, 1, 2)


def test_exact_spans_ignore_edge_punctuation_and_any_white_space() -> None:
    assert trim(TEXT, (13, 19)) == (14, 18)  # " said\xa0" is "said"
    exact = Exact("source")
    exact.add(TEXT, _gold(), [Predicted([(19, 49)], (0, 14), None)])  # "Mayor Ann Lee "
    assert (exact.tp, exact.predicted, exact.gold) == (1, 1, 1)
    shorter = Exact("source")
    shorter.add(TEXT, _gold(), [Predicted([(19, 49)], (6, 13), None)])  # "Ann Lee"
    assert (shorter.tp, shorter.predicted, shorter.gold) == (0, 1, 1)


def test_a_content_in_pieces_is_compared_by_its_full_extent() -> None:
    exact = Exact("content")
    exact.add(TEXT, _gold(), [Predicted([(19, 34), (35, 49)], None, None)])
    assert exact.tp == 1


def test_a_model_scored_on_the_articles_it_was_trained_on_is_said_in_sample(
    tmp_path: Path,
) -> None:
    meta = {"corpus": "data/quotes-fr", "held_out_every": None, "cue_rates": {}}
    (tmp_path / "attribution-fr.json").write_text(json.dumps(meta), encoding="utf-8")
    (tmp_path / "attribution-fr.crfsuite").write_bytes(b"")
    settings = Settings(quote_models=tmp_path)
    same = tmp_path / "elsewhere" / "data" / "quotes-fr"
    note = in_sample(same, settings, "fr", 0)
    assert note is not None
    assert "in-sample" in note
    assert in_sample(tmp_path / "data" / "other-set", settings, "fr", 0) is None
    assert in_sample(same, Settings(quote_model=False), "fr", 0) is None  # the rules
    meta["held_out_every"] = 5  # trained without every fifth article: those are held out
    (tmp_path / "attribution-fr.json").write_text(json.dumps(meta), encoding="utf-8")
    assert in_sample(same, settings, "fr", 5) is None
    assert in_sample(same, settings, "fr", 0) is not None


def test_in_sample_reads_the_shipped_meta_of_a_language_the_users_folder_lacks(
    tmp_path: Path,
) -> None:
    (tmp_path / "attribution-en.crfsuite").write_bytes(b"")  # the user's English model only
    settings = Settings(quote_models=tmp_path)
    note = in_sample(tmp_path / "data" / "quotes-fr", settings, "fr", 0)  # the shipped fr
    assert note is not None
    assert "attribution-fr" in note
