"""Opening a corpus file in the states users leave them in: read-only, a folder, damaged,
created by two processes at once; and output to a full disk (issue 22, point 8)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_pages import NewArticle, quoted_article
from typer.testing import CliRunner

from quotidien.cli import app
from quotidien.errors import QuotidienError
from quotidien.store import sqlite_open
from quotidien.store.base import Batch, Filters
from quotidien.store.sqlite import SQLiteStore

runner = CliRunner()


def small_corpus(path: Path) -> None:
    import random

    store = SQLiteStore(path)
    rng = random.Random(4)
    store.write(Batch(articles=[NewArticle(f"r{n:07d}", f"url:r{n}", f"r{n:07d}",
                                           quoted_article(n, rng)) for n in range(5)]))  # fmt: skip
    store.close()


def test_a_read_only_database_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a user without write access sees it (root writes anyway, so the check is forced)."""
    path = tmp_path / "ro.db"
    small_corpus(path)
    monkeypatch.setattr(sqlite_open, "_read_only", lambda where: True)
    store = SQLiteStore(path)
    assert store.read_only
    assert len(store.search("grève", Filters(), 10).items) == 5
    assert store.counts()["articles"] == 5
    with pytest.raises(QuotidienError, match="read-only"):
        store.write(Batch())
    for args in (["info"], ["search", "grève"], ["export"]):
        result = runner.invoke(app, [*args, "--db", str(path)])
        assert result.exit_code == 0, (args, result.output)
    ingest = runner.invoke(app, ["ingest", str(tmp_path / "nothing.html"), "--db", str(path)])
    assert "read-only" in ingest.output


@pytest.mark.parametrize("where", ["folder", "under-a-file"])
def test_a_path_that_cannot_be_a_database(tmp_path: Path, where: str) -> None:
    (tmp_path / "file").write_text("x")
    path = tmp_path if where == "folder" else tmp_path / "file" / "c.db"
    result = runner.invoke(app, ["info", "--db", str(path)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    said = " ".join(result.output.split())
    assert ("is a folder" if where == "folder" else "cannot create its folder") in said


def test_a_damaged_database_is_called_damaged(tmp_path: Path) -> None:
    path = tmp_path / "d.db"
    small_corpus(path)
    data = bytearray(path.read_bytes())
    for at in range(4096, len(data), 4096):  # every page but the first: headers scrambled
        data[at : at + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))
    result = runner.invoke(app, ["search", "grève", "--db", str(path)])
    assert result.exit_code == 1
    assert "damaged" in result.output
    assert "Traceback" not in result.output


def test_two_ingests_creating_one_database_at_once(tmp_path: Path) -> None:
    from test_corpus import make_pages

    folder = make_pages(tmp_path, 60)
    db = tmp_path / "new.db"
    command = [sys.executable, "-c", "from quotidien.cli import main; main()", "ingest",
               str(folder), "--db", str(db), "--no-nlp", "-w", "1", "--batch", "4"]  # fmt: skip
    runs = [subprocess.Popen(command, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=180)[1] for run in runs]
    for output in outputs:
        assert "Traceback" not in output
        assert "already exists" not in output
    added = sum(int(out.split(" articles added")[0].split()[-1]) for out in outputs)
    stored = SQLiteStore(db).counts()["articles"]
    assert stored == 62
    assert added == stored


def test_output_to_a_full_disk_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full to stand for a full disk")
    path = tmp_path / "c.db"
    small_corpus(path)
    page = tmp_path / "p.html"
    page.write_text("<html><body><article><h1>T</h1><p>" + "Du texte. " * 30 + "</p></article>")
    for args in (["export", "--db", str(path), "-o", "/dev/full"],
                 ["extract", str(page), "-o", "/dev/full"]):  # fmt: skip
        result = runner.invoke(app, args)
        assert result.exit_code == 1, args
        assert "No space left on device" in " ".join(result.output.split())
        assert result.exception is None or isinstance(result.exception, SystemExit)


def test_export_of_a_damaged_database_saves_what_it_can(tmp_path: Path) -> None:
    """Bytes scrambled in a few pages: export writes every row it can read and says how
    many it could not (it stopped at the first bad row, with 0 rows written)."""
    import random

    from test_corpus import make_pages

    path = tmp_path / "d.db"
    folder = make_pages(tmp_path, 150)
    runner.invoke(app, ["ingest", str(folder), "--db", str(path), "--no-nlp", "-w", "1"])
    SQLiteStore(path).db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    rng = random.Random(0)
    at = len(data) // 4096 * 2 // 5 * 4096  # eight pages two fifths into the file, scrambled
    data[at : at + 8 * 4096] = bytes(rng.randrange(256) for _ in range(8 * 4096))
    path.write_bytes(bytes(data))
    result = runner.invoke(app, ["export", "--db", str(path), "-o", str(tmp_path / "out.jsonl")])
    said = " ".join(result.output.split())
    assert "Traceback" not in said
    written = len((tmp_path / "out.jsonl").read_text().splitlines())
    assert result.exit_code == 1
    assert "could not be read: the database is damaged" in said
    assert 0 < written < 152


def test_a_full_disk_while_writing_keeps_every_whole_batch(tmp_path: Path) -> None:
    """The database file stops growing mid-batch (SQLite's page limit stands for a full
    disk): the batch is rolled back whole, the error names the disk, earlier batches stay,
    and the store writes again once there is room."""
    import random
    import sqlite3

    store = SQLiteStore(tmp_path / "c.db")
    rng = random.Random(5)
    batches = [
        Batch(articles=[NewArticle(f"f{b}{n:06d}", f"url:f{b}-{n}", f"f{b}{n:06d}",
                                   quoted_article(n, rng)) for n in range(40)])
        for b in range(2)
    ]  # fmt: skip
    store.write(batches[0])
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 5}")
    with pytest.raises(sqlite3.OperationalError, match="full") as caught:
        store.write(batches[1])
    said = str(sqlite_open.named_error(store.path, caught.value))
    assert said.endswith("c.db: the disk is full; the batch being written was undone")
    assert store.counts()["articles"] == 40
    store.db.execute("PRAGMA max_page_count = 1073741823")
    assert store.write(batches[1]) == 40
