"""The corpus commands as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from quotidien.cli import app

runner = CliRunner()

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title}</title><link rel="canonical" href="https://www.{site}/politique/{slug}.html">
<meta property="article:published_time" content="{when}"></head><body><article>
<h1>{title}</h1><p>{body}</p><p>{more}</p></article></body></html>"""
MORE = {
    "fr": "Le texte sera examiné au Sénat la semaine prochaine, a précisé le porte-parole du "
    "gouvernement devant la presse réunie à Paris.",
    "en": "The bill will now go to the House of Lords next week, a government spokesman told "
    "reporters gathered in Westminster on Tuesday.",
}


@pytest.fixture
def db(tmp_path: Path, database: str) -> str:
    """A corpus of two stories and a broken page, in each backend (a SQLite file, a
    PostgreSQL URL): every command works the same on both."""
    pages = tmp_path / "pages"
    pages.mkdir()
    stories = [
        (
            "lemonde.fr",
            "retraites",
            "Réforme des retraites : le vote reporté",
            "2024-03-05T10:00:00+01:00",
            "Le vote de la réforme des retraites a été reporté à l'Assemblée nationale "
            "après une nuit de débats.",
        ),
        (
            "bbc.co.uk",
            "budget",
            "Budget: the vote is delayed",
            "2023-01-10T12:00:00+00:00",
            "The budget vote was delayed in London after the opposition tabled new "
            "amendments overnight.",
        ),
    ]
    for site, slug, title, when, body in stories:
        lang = "en" if site.endswith(".uk") else "fr"
        html = PAGE.format(
            site=site, slug=slug, title=title, when=when, body=body, lang=lang, more=MORE[lang]
        )
        (pages / f"{slug}.html").write_text(html)
    (pages / "broken.html").write_bytes(b"")
    path = database
    result = runner.invoke(app, ["ingest", str(pages), "--db", path, "--no-nlp", "-w", "1"])
    assert result.exit_code == 1, result.output  # broken.html
    assert "2 articles added" in result.output
    assert "1 failed" in result.output
    return path


def test_search_table_json_and_csv(db: str) -> None:
    table = runner.invoke(app, ["search", "retraites", "--db", str(db)])
    assert table.exit_code == 0
    assert "Réforme des retraites" in table.stdout
    hits = json.loads(runner.invoke(app, ["search", "vote", "--db", str(db), "--json"]).stdout)
    assert {h["site"] for h in hits} == {"lemonde.fr", "bbc.co.uk"}
    assert any("**vote**" in h["snippet"] for h in hits)
    csv_out = runner.invoke(
        app, ["search", "vote", "--db", str(db), "--csv", "--lang", "en"]
    ).stdout
    assert csv_out.splitlines()[0].startswith("id,")
    assert len(csv_out.splitlines()) == 2


def test_search_filters_dates_and_sites(db: str) -> None:
    def sites(*args: str) -> set[str]:
        out = runner.invoke(app, ["search", "vote", "--db", str(db), "--json", *args]).stdout
        return {h["site"] for h in json.loads(out)}

    assert sites("--since", "2024-01-01") == {"lemonde.fr"}
    assert sites("--until", "2023-01-10") == {"bbc.co.uk"}
    assert sites("--site", "www.bbc.co.uk") == {"bbc.co.uk"}


def test_hostile_queries_never_break(db: str) -> None:
    for query in ['vote"', "NEAR(vote", "vote AND", "'; DROP TABLE articles; --", "title:vote"]:
        result = runner.invoke(app, ["search", query, "--db", str(db)])
        assert result.exit_code == 0, (query, result.output)
    empty = runner.invoke(app, ["search", '"" *', "--db", str(db)])
    assert empty.exit_code == 1
    assert "nothing to search" in empty.output
    assert "Traceback" not in empty.output


def test_show_errors_info(db: str) -> None:
    hit = json.loads(runner.invoke(app, ["search", "retraites", "--db", str(db), "--json"]).stdout)[
        0
    ]
    shown = runner.invoke(app, ["show", hit["id"][:8], "--db", str(db)])
    assert shown.exit_code == 0
    assert "Assemblée nationale" in shown.stdout
    record = json.loads(runner.invoke(app, ["show", hit["id"], "--db", str(db), "--json"]).stdout)
    assert record["title"] == "Réforme des retraites : le vote reporté"
    assert record["copies"] == []
    missing = runner.invoke(app, ["show", "ffffffff", "--db", str(db)])
    assert missing.exit_code == 1
    errors = json.loads(runner.invoke(app, ["errors", "--db", str(db), "--json"]).stdout)
    assert [e["source"].rsplit("/", 1)[-1] for e in errors] == ["broken.html"]
    info = json.loads(runner.invoke(app, ["info", "--db", str(db), "--json"]).stdout)
    assert info["articles"] == 2
    assert info["errors"] == 1
    assert info["database"] == str(db)


def test_quotes_and_entities_on_a_corpus_without_nlp(db: str) -> None:
    assert json.loads(runner.invoke(app, ["quotes", "--db", str(db), "--json"]).stdout) == []
    assert json.loads(runner.invoke(app, ["entities", "--db", str(db), "--json"]).stdout) == []


def test_export_stdout_and_file(db: str, tmp_path: Path) -> None:
    lines = runner.invoke(app, ["export", "--db", str(db)]).stdout.splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["id"]
    out = tmp_path / "a.parquet"
    result = runner.invoke(app, ["export", "--db", str(db), "-f", "parquet", "-o", str(out)])
    assert result.exit_code == 0
    assert sorted(pd.read_parquet(out)["site"]) == ["bbc.co.uk", "lemonde.fr"]


def test_export_filters(db: str) -> None:
    def exported(*args: str) -> list[str]:
        result = runner.invoke(app, ["export", "--db", str(db), *args])
        assert result.exit_code == 0, result.output
        urls = [json.loads(line)["canonical_url"] for line in result.stdout.splitlines()]
        return [url.split("/")[2].removeprefix("www.") for url in urls]

    assert exported("--lang", "en") == ["bbc.co.uk"]
    assert exported("--search", "retraites") == ["lemonde.fr"]
    assert exported("--since", "2024-01-01", "--site", "lemonde.fr") == ["lemonde.fr"]
    assert exported("--until", "2020-01-01") == []
    bad = runner.invoke(app, ["export", "--db", str(db), "--since", "soon"])
    assert bad.exit_code != 0
    assert "not a date" in bad.output


def test_a_database_that_is_not_ours(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("not a database at all\n" * 50)
    result = runner.invoke(app, ["info", "--db", str(bad)])
    assert result.exit_code == 1
    assert "not a quotidien database" in result.output
    assert "Traceback" not in result.output


def test_default_database_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTIDIEN_DB", str(tmp_path / "env.db"))
    info = json.loads(runner.invoke(app, ["info", "--json"]).stdout)
    assert info["database"] == str(tmp_path / "env.db")


def test_arguments_that_cannot_run_give_one_clear_line(db: str) -> None:
    """Bytes that are not UTF-8 reach Python as lone surrogates; a limit past 64 bits; a
    NUL: each one line, no traceback (issue 22, point 9)."""
    for args in [["search", "oba\udcffma"], ["search", "vote", "--limit", "9223372036854775808"],
                 ["quotes", "--speaker", "a\x00b"], ["search", "a* " * 100]]:  # fmt: skip
        result = runner.invoke(app, [*args, "--db", str(db)])
        assert result.exit_code != 0, args
        assert "Traceback" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), args
