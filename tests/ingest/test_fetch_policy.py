"""What is fetched: only URLs asked for (arguments, --urls FILE), only from public hosts
unless --allow-private (issue 22, point 2). A local server counts the requests it gets."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotidien.cli import app
from quotidien.errors import InputError
from quotidien.ingest.fetch import check_host
from quotidien.settings import Settings

runner = CliRunner()
PAGE = (
    "<html lang='fr'><body><article><h1>Page locale</h1><p>"
    + "Une page servie sur la machine elle-même, que rien ne doit aller chercher. " * 6
    + "</p></article></body></html>"
).encode()


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(PAGE)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    httpd.shutdown()


def test_a_text_page_of_urls_is_a_page_not_requests(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    base, asked = server
    crawled = tmp_path / "crawled.txt"
    crawled.write_text(f"{base}/admin?x=1\n{base}/latest/meta-data\n")
    db = str(tmp_path / "c.db")
    runner.invoke(app, ["ingest", str(crawled), "--db", db, "--no-nlp", "-w", "1"])
    runner.invoke(app, ["extract", str(crawled)])
    assert asked == []


def test_url_lists_are_fetched_when_named_and_private_hosts_refused(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    base, asked = server
    listed = tmp_path / "to-fetch.txt"
    listed.write_text(f"# a list\n{base}/a\n{base}/b\n")
    db = str(tmp_path / "c.db")
    refused = runner.invoke(
        app, ["ingest", "--urls", str(listed), "--db", db, "--no-nlp", "-w", "1"]
    )
    assert refused.exit_code == 1
    assert asked == []
    errors = runner.invoke(app, ["errors", "--db", db, "--json"]).stdout
    assert "private or local address" in errors
    allowed = runner.invoke(app, ["ingest", "--urls", str(listed), "--db", db, "--no-nlp", "-w",
                                  "1", "--allow-private", "--retry-errors"])  # fmt: skip
    assert allowed.exit_code == 0, allowed.output
    assert sorted(asked) == ["/a", "/b"]
    one = runner.invoke(app, ["extract", f"{base}/c"])
    assert one.exit_code == 1
    assert "--allow-private" in one.output


def test_a_url_list_holds_urls_only(tmp_path: Path) -> None:
    listed = tmp_path / "list.txt"
    listed.write_text("https://example.org/a\n/etc/passwd\n")
    result = runner.invoke(app, ["extract", "--urls", str(listed)])
    assert result.exit_code != 0
    assert "not an http(s) URL" in result.output


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/x", "http://localhost:8765/admin", "http://169.254.169.254/latest",
     "http://10.0.0.1/", "http://[::1]/", "http://192.168.1.1/", "http://224.0.0.1/"],
)  # fmt: skip
def test_local_and_private_hosts_are_refused(url: str) -> None:
    with pytest.raises(InputError, match="private or local address"):
        check_host(url)
    check_host(url, Settings(fetch_private=True))


def test_public_hosts_pass() -> None:
    check_host("http://93.184.216.34/page")
    check_host("https://unresolvable.invalid/page")  # the request itself will say it failed
