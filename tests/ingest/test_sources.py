"""Source arguments dispatched to the right reader, with stable resume keys."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from quotidien.errors import InputError
from quotidien.ingest.sources import Input, Sources, expand, input_key, is_url_list

HTML = "<html><head><title>T{n}</title></head><body><p>Texte {n}.</p></body></html>"


def warc_record(url: str, html: str) -> bytes:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html.encode()
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body + b"\r\n\r\n"


def make_tree(root: Path) -> None:
    (root / "pages" / "sub").mkdir(parents=True)
    (root / "pages" / "a.html").write_text(HTML.format(n=1))
    (root / "pages" / "sub" / "b.txt").write_text("Titre\n\nUn texte brut assez long.")
    (root / "pages" / "notes.pdf").write_bytes(b"%PDF-1.4")
    (root / "pages" / "crawl.warc.gz").write_bytes(
        gzip.compress(warc_record("https://w.fr/1", HTML.format(n=2)))
    )
    lines = [json.dumps({"url": "https://j.fr/1", "html": HTML.format(n=3)}), "{broken"]
    (root / "pages" / "dump.jsonl").write_text("\n".join(lines) + "\n")
    (root / "list.txt").write_text("# to fetch\nhttps://example.org/a\nhttps://example.org/b\n")


def test_folder_walk_reads_pages_archives_and_jsonl(tmp_path: Path) -> None:
    make_tree(tmp_path)
    items = list(Sources([str(tmp_path / "pages"), str(tmp_path / "missing.html")]))
    inputs = [i for i in items if isinstance(i, Input)]
    errors = [i for i in items if isinstance(i, InputError)]
    names = sorted(i.page.source.url or Path(i.page.source.path or "").name for i in inputs)
    assert names == ["a.html", "b.txt", "https://j.fr/1", "https://w.fr/1"]
    assert sorted(e.name.rsplit("/", 1)[-1] for e in errors) == ["dump.jsonl:2", "missing.html"]
    kinds = {i.page.source.url or Path(i.page.source.path or "").name: i.kind for i in inputs}
    assert kinds == {
        "a.html": "html",
        "b.txt": "text",
        "https://j.fr/1": "html",
        "https://w.fr/1": "html",
    }


def test_keys_are_stable_and_depend_on_content(tmp_path: Path) -> None:
    make_tree(tmp_path)
    first = [i.key for i in Sources([str(tmp_path / "pages")]) if isinstance(i, Input)]
    again = [i.key for i in Sources([str(tmp_path / "pages")]) if isinstance(i, Input)]
    assert first == again
    assert len(set(first)) == len(first)
    (tmp_path / "pages" / "a.html").write_text(HTML.format(n=9))
    changed = [i.key for i in Sources([str(tmp_path / "pages")]) if isinstance(i, Input)]
    assert len(set(first) - set(changed)) == 1


def test_progress_counts_bytes_of_local_inputs(tmp_path: Path) -> None:
    make_tree(tmp_path)
    sources = Sources([str(tmp_path / "pages")])
    total = sources.total()
    list(sources)
    assert total == sources.read > 0
    assert Sources(["https://example.org/x"]).total() is None


def test_url_lists_are_recognised(tmp_path: Path) -> None:
    make_tree(tmp_path)
    assert is_url_list(str(tmp_path / "list.txt"))
    assert not is_url_list(str(tmp_path / "pages" / "sub" / "b.txt"))


def test_globs_and_expand(tmp_path: Path) -> None:
    make_tree(tmp_path)
    found = list(expand([str(tmp_path / "pages" / "*.html"), str(tmp_path / "nothing*.html")]))
    assert [Path(str(f)).name for f in found if isinstance(f, str)] == ["a.html"]
    assert any(isinstance(f, InputError) for f in found)


def test_input_key_names_the_source() -> None:
    from quotidien.model import Page, Source

    key = input_key(Page(data=b"x", source=Source(path="a.warc#10")))
    assert key.startswith("a.warc#10|")


def test_truncated_jsonl_gz_keeps_the_lines_before(tmp_path: Path) -> None:
    lines = "".join(
        json.dumps({"url": f"https://j.fr/{n}", "html": HTML.format(n=n) * 20}) + "\n"
        for n in range(50)
    )
    data = gzip.compress(lines.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) * 2 // 3])
    items = list(Sources([str(tmp_path / "cut.jsonl.gz")]))
    inputs = [i for i in items if isinstance(i, Input)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert 10 < len(inputs) < 50
    assert len(errors) == 1
    assert errors[0].reason.startswith("read stopped")
