"""Reading brat standoff attributions and aligning raw text with article offsets."""

from __future__ import annotations

from pathlib import Path

from brat_markup import write

from quotidien.nlp import brat

MARKUP = """Campaign shifts staff to Iowa.

[S1 Spokeswoman Haley Morris] [C1 says] [Q1 the candidate has “always run a lean campaign.”]

“[Q2 We will compete],” [S2 Morris] [C2 said]. “[Q2 Every vote counts.]”"""


def test_reads_roles_and_discontinuous_spans(tmp_path: Path) -> None:
    text = write(tmp_path, "story", MARKUP)
    (document,) = brat.documents(tmp_path)
    assert document.name == "story"
    assert document.text == text
    first, second = document.gold
    assert [text[a:b] for a, b in first.source] == ["Spokeswoman Haley Morris"]
    assert [text[a:b] for a, b in first.cue] == ["says"]
    assert [text[a:b] for a, b in second.content] == ["We will compete", "Every vote counts."]


def test_each_article_once_unless_every_annotator(tmp_path: Path) -> None:
    write(tmp_path, "story", MARKUP, annotator="a1")
    write(tmp_path, "story", MARKUP.replace("[C2 said]", "said"), annotator="b2")
    assert [d.annotator for d in brat.documents(tmp_path)] == ["a1"]
    assert [d.annotator for d in brat.documents(tmp_path, every_annotator=True)] == ["a1", "b2"]


def test_relation_without_content_is_dropped(tmp_path: Path) -> None:
    write(tmp_path, "story", "[S1 Morris] [C1 shrugged].")
    (document,) = brat.documents(tmp_path)
    assert document.gold == []


def test_alignment_maps_offsets_both_ways() -> None:
    raw = "Title here.\n\n\n  \nFirst paragraph says so.\n\nSecond one."
    aligned = brat.align(raw)
    text = aligned.article.text()
    for word in ("Title", "First", "says", "Second", "one."):
        raw_at = raw.index(word)
        at = aligned.to_article(raw_at)
        assert text[at : at + len(word)] == word
        assert aligned.to_raw(at) == raw_at


def test_held_out_articles_keep_all_their_annotators(tmp_path: Path) -> None:
    for n in range(10):
        write(tmp_path, f"story{n}", "[S1 Ann] [C1 said] [Q1 it works].", annotator="a1")
    write(tmp_path, "story4", "[S1 Ann] [C1 said] [Q1 it works].", annotator="a2")
    docs = list(brat.documents(tmp_path, every_annotator=True))
    kept, out = brat.held_out(docs, 5)
    assert sorted({d.name for d in out}) == ["story4", "story9"]
    assert len([d for d in out if d.name == "story4"]) == 2  # both annotators, same side
    assert len(kept) == 8
    assert not {d.name for d in kept} & {d.name for d in out}
