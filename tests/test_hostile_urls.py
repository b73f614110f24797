"""A URL that is no URL (`http://[::1/…`, a port past 65535) in a page, a WARC record or a
JSON Lines line: the page is read or reported, the batch goes on (issue 22, point 1)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from typer.testing import CliRunner

from quotidien.cli import app
from quotidien.corpus import Corpus

BAD = ["http://[::1/broken", "https://example.org:99999/x", "http://[zz::1]/a"]
BODY = (
    "<p>Le conseil municipal a adopté mardi soir un budget en hausse de trois pour cent, "
    "après un débat de plusieurs heures sur le financement des écoles.</p>"
)


def page(url: str, n: int) -> str:
    return (
        f'<html lang="fr"><head><base href="{url}"><link rel="canonical" href="{url}">'
        f"<title>Budget {n}</title></head><body><article><h1>Budget {n}</h1>"
        f'<img src="{url}/photo.jpg" alt="x">{BODY.replace("budget", f"budget {n}")}'
        f'<a href="{url}">lien</a></article></body></html>'
    )


def warc(url: str, html: str) -> bytes:
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + html.encode()
    head = f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
    head += f"Content-Length: {len(body)}\r\n\r\n"
    return gzip.compress(head.encode() + body + b"\r\n\r\n")


def test_bad_urls_in_pages_archives_and_jsonl(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, url in enumerate(BAD):
        (folder / f"page{n}.html").write_text(page(url, n))
    plain = (
        "<html><body><article>"
        + BODY.replace("budget", "budget plain")
        + "</article></body></html>"
    )
    (folder / "crawl.warc.gz").write_bytes(
        b"".join(warc(url + "w", plain.replace("plain", f"w{n}")) for n, url in enumerate(BAD))
        + warc("https://ok.example/after", plain.replace("plain", "after"))
    )
    lines = [json.dumps({"url": url + "j", "html": plain.replace("plain", f"j{n}")})
             for n, url in enumerate(BAD)]  # fmt: skip
    (folder / "dump.jsonl").write_text("\n".join(lines) + "\n")
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(folder)], nlp=False, workers=1)
        assert report.failed == 0, corpus.errors()
        assert report.added == 10
        assert corpus.search("after")
        titles = {hit.title for hit in corpus.search("budget", limit=50)}
        assert {"Budget 0", "Budget 1", "Budget 2"} <= titles
    again = Corpus(tmp_path / "c.db").ingest([str(folder)], nlp=False, workers=1)
    assert again.added == 0


def test_extract_reads_a_page_whose_links_are_not_urls(tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    path.write_text(page(BAD[0], 7))
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["title"] == "Budget 7"
    assert "internal error" not in result.output
