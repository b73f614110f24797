"""`ingest --engine ray` on a local Ray (2 CPUs, no cluster): the corpus it makes is the one
a local ingest of the same inputs makes, field for field; a run started again adds
nothing; a part that raises is reported and the run goes on."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, page, write_generated
from quotidien.corpus import Corpus
from quotidien.ingest import ray_engine
from quotidien.ingest.shards import Folder, plan
from quotidien.settings import DEFAULT
from quotidien.store import open_store

ray = pytest.importorskip("ray", reason="Ray is an extra: pip install 'quotidien[ray]'")


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The bundled examples (HTML and text dumps), generated pages with a wire story on
    three sites, an archive of eight records (two copies, one empty body), a broken file."""
    root = tmp_path_factory.mktemp("inputs")
    write_generated(root / "generated")
    records = [
        _record(f"https://www.exemple-{n}.fr/a/{n}.html", page(
            f"https://www.exemple-{n}.fr/a/{n}.html", f"Conseil {n}",
            f"Le conseil municipal numéro {n} a voté le budget de la piscine. " * (n + 1),
            "2024-02-01T10:00:00+01:00"))
        for n in range(6)
    ]  # fmt: skip
    records.append(records[2])  # the same page twice in one archive
    records.append(_record("https://www.exemple-9.fr/vide.html", ""))
    (root / "crawl.warc.gz").write_bytes(b"".join(gzip.compress(r) for r in records))
    (root / "broken.html").write_bytes(b"")
    return [str(EXAMPLES), str(root / "generated"), str(root / "crawl.warc.gz"),
            str(root / "broken.html")]  # fmt: skip


def _record(url: str, html: str) -> bytes:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode()
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
        f"WARC-Date: 2024-02-01T09:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url))}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body + b"\r\n\r\n"


@pytest.fixture(scope="module")
def shards(local_ray: None, inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> str:
    output = str(tmp_path_factory.mktemp("shards"))
    report = ray_engine.run(inputs, ray_engine.RayOptions(output, workers=2), DEFAULT, nlp=True)
    assert report.failed_parts == []
    assert report.articles > 30
    return output


def test_the_corpus_is_the_one_a_local_ingest_makes(
    shards: str, inputs: list[str], database: str, tmp_path: Path
) -> None:
    local = str(tmp_path / "local.db")
    with Corpus(local) as corpus:
        expected = corpus.ingest(inputs, workers=1)
    with Corpus(database) as corpus:
        loaded = corpus.load(shards)
    assert (loaded.added, loaded.duplicates, loaded.failed) == (
        expected.added, expected.duplicates, expected.failed)  # fmt: skip
    assert _records(database) == _records(local)
    assert _errors(database) == _errors(local)
    assert any(len(quotes) for _, _, quotes in _records(local).values())


def test_a_run_started_again_adds_nothing(shards: str, inputs: list[str], tmp_path: Path) -> None:
    again = ray_engine.run(inputs, ray_engine.RayOptions(shards, workers=2), DEFAULT, nlp=True)
    assert (again.skipped, again.articles) == (again.parts, 0)
    with Corpus(tmp_path / "c.db") as corpus:
        first = corpus.load(shards)
        second = corpus.load(shards)
        assert first.added > 0
        assert (second.added, second.failed, second.skipped) == (0, 0, first.pages)
        assert corpus.counts()["articles"] == first.added


def test_shards_are_parquet_anyone_can_read(shards: str) -> None:
    import pandas as pd

    frame = pd.concat(pd.read_parquet(path) for path in Path(shards).glob("shard-*.parquet"))
    articles = frame[frame["record"].notna()]
    assert {"id", "url", "title", "language", "published", "record", "signature"} <= set(frame)
    assert json.loads(articles.iloc[0]["record"])["title"] == articles.iloc[0]["title"]
    assert frame[frame["record"].isna()]["reason"].str.len().min() > 0


def test_a_part_that_raises_is_reported_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker = ray_engine.PartWorker(str(tmp_path), DEFAULT, nlp=False)

    def explode(_: list[str]) -> Iterator[Any]:
        raise RuntimeError("reader bug")
        yield

    monkeypatch.setattr(worker, "outcomes", explode)
    part = plan([(str(EXAMPLES / "greve-sncf-fr.html"), 10)])[0]
    answer = worker({"inputs": part.inputs, "shard": part.shard})
    assert answer["error"] == "RuntimeError: reader bug"
    assert not Folder(str(tmp_path)).done(part.shard)  # no half shard: the part is to do


def test_small_files_share_a_part_and_archives_keep_theirs() -> None:
    inputs = [("a.html", 10), ("b.html", 10), ("x.warc.gz", 10), ("y.jsonl", 10),
              ("c.txt", 5), ("big.html", 40 << 20), ("d.txt", 5)]  # fmt: skip
    parts = [part.inputs for part in plan(inputs)]
    assert parts == [["a.html", "b.html"], ["x.warc.gz"], ["y.jsonl"], ["c.txt"],
                     ["big.html"], ["d.txt"]]  # fmt: skip


def test_inputs_ray_cannot_read_are_refused_before_it_starts(tmp_path: Path) -> None:
    from quotidien.errors import QuotidienError

    options = ray_engine.RayOptions(str(tmp_path / "out"))
    with pytest.raises(QuotidienError, match="reads files"):
        ray_engine.run(["https://example.org/a"], options, DEFAULT, nlp=False)
    with pytest.raises(QuotidienError, match="missing"):
        ray_engine.run([str(tmp_path / "missing.html")], options, DEFAULT, nlp=False)


def _records(url: str) -> dict[str, tuple[str, str, list[Any]]]:
    """Each article's id -> (cluster, record, quotes)."""
    store = open_store(url)
    found = {
        stored.id: (stored.cluster, stored.article.to_json(), stored.article.model_dump()["quotes"])
        for stored in store.articles()
    }
    store.close()
    return found


def _errors(url: str) -> list[tuple[str, str]]:
    store = open_store(url)
    rows = sorted((Path(e.source).name, e.reason) for e in store.errors())
    store.close()
    return rows


def test_the_command_stores_each_part_once_and_says_so(local_ray: None, tmp_path: Path) -> None:
    """`ingest --engine ray --db`: parts are stored while Ray runs, then the rest; the
    summary counts what was added (a second loader read every shard again, found it
    stored, and said "0 articles added")."""
    from typer.testing import CliRunner

    from quotidien.cli import app

    db, shards = str(tmp_path / "c.db"), str(tmp_path / "shards")
    args = ["ingest", str(EXAMPLES), "--engine", "ray", "--no-nlp", "-w", "1", "-q"]
    first = CliRunner().invoke(app, [*args, "--db", db, "--output", shards])
    assert first.exit_code == 0, first.output
    said = " ".join(first.output.split())
    assert "4 articles added, 0 already stored —" in said
    assert "inputs done by an earlier run" not in said
    again = CliRunner().invoke(app, [*args, "--db", db, "--output", shards])
    assert "0 articles added" in " ".join(again.output.split())
    assert open_store(db).counts()["articles"] == 4
