import gzip
import io
from pathlib import Path

from quotidien.errors import InputError
from quotidien.ingest.files import expand, iter_pages, kind_of, read_file
from quotidien.model import Page


def test_kind_from_name() -> None:
    assert kind_of(Path("a/page.HTML")) == "html"
    assert kind_of(Path("page.html.gz")) == "html"
    assert kind_of(Path("dump.txt")) == "text"
    assert kind_of(Path("data.json")) is None


def test_folders_are_walked_for_pages_only(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.html", "sub/a.txt", "sub/c.htm.gz", "skip.json", "skip.png"):
        (tmp_path / name).write_bytes(b"x")
    found = [Path(p).relative_to(tmp_path).as_posix() for p in expand([str(tmp_path)])]  # type: ignore[arg-type]
    assert found == ["b.html", "sub/a.txt", "sub/c.htm.gz"]


def test_missing_paths_and_empty_globs_are_errors_in_place(tmp_path: Path) -> None:
    items = list(expand([str(tmp_path / "none.html"), str(tmp_path / "*.html")]))
    assert all(isinstance(i, InputError) for i in items)
    assert "no such file" in str(items[0])
    assert "no file matches" in str(items[1])


def test_gzip_pages_are_decompressed_and_bad_gzip_reported(tmp_path: Path) -> None:
    (tmp_path / "ok.html.gz").write_bytes(gzip.compress(b"<html><p>bonjour</p></html>"))
    (tmp_path / "bad.html.gz").write_bytes(b"not gzip at all")
    pages = list(iter_pages([str(tmp_path / "ok.html.gz"), str(tmp_path / "bad.html.gz")]))
    assert isinstance(pages[0], Page)
    assert pages[0].data == b"<html><p>bonjour</p></html>"
    assert isinstance(pages[1], InputError)
    assert pages[1].name.endswith("bad.html.gz")


def test_stdin_is_read_once() -> None:
    pages = list(iter_pages(["-"], stdin=io.BytesIO(b"hello")))
    assert isinstance(pages[0], Page)
    assert pages[0].data == b"hello"
    assert pages[0].source.path == "<stdin>"


def test_a_gzipped_page_inflates_only_to_the_limit(tmp_path: Path) -> None:
    """A small .html.gz that inflates to 200 MB is read to the page limit, and the record
    says it was cut (issue 22, point 5)."""
    from quotidien.extract.core import extract_page
    from quotidien.settings import Settings

    page = b"<html><body><article><h1>Bombe</h1>" + b"<p>Un paragraphe de texte.</p>" * 40
    with gzip.open(tmp_path / "bomb.html.gz", "wb") as handle:
        handle.write(page)
        for _ in range(200):
            handle.write(b" " * (1 << 20))
    assert (tmp_path / "bomb.html.gz").stat().st_size < 1_000_000
    read = read_file(str(tmp_path / "bomb.html.gz"), limit=50_000)
    assert len(read.data) == 50_000
    assert read.truncated
    article = extract_page(read, Settings(max_page_bytes=50_000))
    assert "page-truncated" in [w.code for w in article.warnings]
    assert not read_file(str(tmp_path / "bomb.html.gz"), limit=300_000_000).truncated
