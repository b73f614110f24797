"""The JSON API, as a program uses it: every endpoint, every error status, paging, exports
read back, tokens, size caps and hostile input."""

from __future__ import annotations

import base64
import io
import json
import time
from typing import Any

import duckdb
import pandas as pd
import pytest
from fastapi.testclient import TestClient

from conftest import EXAMPLES, TOKEN, XSS_TITLE, assert_valid_record
from quotidien.model import Article

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def walk(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for _ in range(100):
        answer = client.get(path, params=params)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        items += body["items"]
        if not body["next"]:
            return items
        params["cursor"] = body["next"]
    raise AssertionError("paging did not end")


def test_health_info_and_openapi(client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok"}
    info = client.get("/api/v1/info").json()
    assert info["articles"] >= 30
    assert info["quotes"] > 0
    assert info["writes"] is True
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    for path in ["/api/v1/articles", "/api/v1/articles/{id}", "/api/v1/quotes",
                 "/api/v1/speakers/{name}", "/api/v1/entities", "/api/v1/export",
                 "/api/v1/extract", "/api/v1/ingest", "/api/v1/jobs/{id}"]:  # fmt: skip
        assert path in paths
    assert not any(path.startswith("/articles") for path in paths), "pages stay out of the API"
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/docs-assets/swagger-ui-bundle.js" in docs.text
    assert client.get("/docs-assets/swagger-ui-bundle.js").status_code == 200


def test_search_marks_words_and_counts_copies(client: TestClient) -> None:
    body = client.get("/api/v1/articles", params={"q": "hôpitaux", "facets": True}).json()
    [hit] = body["items"]
    assert hit["copies"] == 3
    assert hit["title"] == "Plan hôpitaux"
    marked = [hit["snippet"][s:e].lower() for s, e in hit["highlights"]]
    assert marked
    assert all(word == "hôpitaux" for word in marked)
    assert body["facets"]["site"]
    assert sum(n for _, n in body["facets"]["site"]) == 3
    copies = client.get(hit["links"]["api"]).json()["copies"]
    assert len(copies) == 2


@pytest.mark.parametrize("limit", [1, 4, 10])
def test_search_paging_neither_skips_nor_repeats(client: TestClient, limit: int) -> None:
    whole = client.get("/api/v1/articles", params={"q": "budget", "limit": 100}).json()["items"]
    assert len(whole) >= 26
    paged = walk(client, "/api/v1/articles", q="budget", limit=limit)
    assert [h["id"] for h in paged] == [h["id"] for h in whole]


def test_search_filters(client: TestClient) -> None:
    def ids(**params: Any) -> set[str]:
        body = client.get("/api/v1/articles", params={"q": "budget", "limit": 100, **params})
        assert body.status_code == 200, body.text
        return {h["id"] for h in body.json()["items"]}

    everything = ids()
    assert ids(site="evil.example") < everything
    assert len(ids(since="2024-03-20", until="2024-03-31")) == 6  # pages of days 20 to 25
    assert ids(lang="en") == set()


def test_article_record_and_prefix(client: TestClient) -> None:
    hit = client.get("/api/v1/articles", params={"q": "Sierra wildfire"}).json()["items"][0]
    record = client.get(f"/api/v1/articles/{hit['id']}").json()
    assert record["id"] == hit["id"]
    assert record["copies"] == []
    article = Article.model_validate({k: v for k, v in record.items()
                                      if k not in ("id", "cluster", "copies")})  # fmt: skip
    assert_valid_record(article)
    assert article.quotes, "the examples were ingested with nlp"
    assert client.get(f"/api/v1/articles/{hit['id'][:6]}").json()["id"] == hit["id"]


def test_quotes_by_speaker_about_and_kind(client: TestClient) -> None:
    everything = walk(client, "/api/v1/quotes", limit=7)
    assert len(everything) == client.get("/api/v1/info").json()["quotes"]
    assert len({(q["article"], q["position"]) for q in everything}) == len(everything)
    speaker = next(q["speaker"] for q in everything if q["speaker"])
    theirs = client.get("/api/v1/quotes", params={"speaker": speaker}).json()["items"]
    assert theirs
    assert all(q["speaker"] == speaker for q in theirs)
    direct = client.get("/api/v1/quotes", params={"kind": "direct", "limit": 500}).json()["items"]
    assert direct
    assert {q["kind"] for q in direct} == {"direct"}
    dates = [q["published"] or "" for q in everything]
    assert dates == sorted(dates, reverse=True)


def test_speaker_profile(client: TestClient) -> None:
    quotes = walk(client, "/api/v1/quotes", limit=100)
    named = [q["speaker"] for q in quotes if q["speaker"] and " " in q["speaker"]]
    name = max(set(named), key=named.count)
    profile = client.get(f"/api/v1/speakers/{name}").json()
    assert profile["name"] == name
    assert profile["quotes"] == len(profile["items"]) >= named.count(name)
    assert sum(w["count"] for w in profile["weeks"]) <= profile["quotes"]
    assert profile["forms"]
    surname = name.split()[-1]
    assert client.get(f"/api/v1/speakers/{surname}").json()["quotes"] >= profile["quotes"]
    assert client.get("/api/v1/speakers/Personne%20Inconnue").status_code == 404


def test_entities_and_co_mentions(client: TestClient) -> None:
    top = client.get("/api/v1/entities", params={"limit": 5}).json()["items"]
    assert top
    assert {e["kind"] for e in top} <= {"person", "organisation"}
    places = client.get("/api/v1/entities", params={"kind": "place"}).json()["items"]
    assert places
    assert {e["kind"] for e in places} == {"place"}
    name = top[0]["name"]
    together = client.get("/api/v1/entities", params={"with": name}).json()["items"]
    assert all(e["name"] != name for e in together)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
@pytest.mark.parametrize("what", ["articles", "quotes", "entities"])
def test_exports_read_back(client: TestClient, fmt: str, what: str) -> None:
    answer = client.get("/api/v1/export", params={"what": what, "format": fmt})
    assert answer.status_code == 200, answer.text
    assert f"quotidien-{what}.{fmt}" in answer.headers["content-disposition"]
    data = answer.content
    if fmt == "jsonl":
        rows = pd.DataFrame([json.loads(line) for line in data.splitlines()])
    elif fmt == "csv":
        rows = pd.read_csv(io.BytesIO(data))
    else:
        rows = pd.read_parquet(io.BytesIO(data))
    info = client.get("/api/v1/info").json()
    expected = {"articles": info["articles"], "quotes": info["quotes"]}.get(what)
    assert len(rows) == expected if expected is not None else len(rows) > 0


def test_export_filters_and_duckdb(client: TestClient, tmp_path: Any) -> None:
    speaker = next(q["speaker"] for q in walk(client, "/api/v1/quotes", limit=100) if q["speaker"])
    answer = client.get("/api/v1/export", params={"what": "quotes", "format": "parquet",
                                                  "speaker": speaker})  # fmt: skip
    path = tmp_path / "quotes.parquet"
    path.write_bytes(answer.content)
    found = duckdb.sql(f"SELECT speaker_name, count(*) FROM '{path}' GROUP BY 1").fetchall()
    listed = client.get("/api/v1/quotes", params={"speaker": speaker, "limit": 500}).json()
    assert sum(n for _, n in found) == len(listed["items"])
    said = client.get("/api/v1/quotes", params={"q": "fire", "limit": 500}).json()["items"]
    words = client.get("/api/v1/export", params={"what": "quotes", "q": "fire"})
    assert said
    assert len(words.content.splitlines()) == len(said)
    budget = client.get("/api/v1/export", params={"q": "budget", "format": "csv"})
    assert len(pd.read_csv(io.BytesIO(budget.content))) == 26
    assert client.get("/api/v1/export", params={"q": '"" *'}).status_code == 400


def test_extract_body_form_and_upload(client: TestClient) -> None:
    data = (EXAMPLES / "greve-sncf-fr.html").read_bytes()
    raw = client.post("/api/v1/extract", content=data)
    assert raw.status_code == 200, raw.text
    assert raw.json()["language"] == "fr"
    assert raw.json()["quotes"] == []
    analysed = client.post(
        "/api/v1/extract", params={"nlp": True}, files={"page": ("p.html", data)}
    )
    assert analysed.status_code == 200
    assert analysed.json()["quotes"], "nlp=true finds the quotations"
    text = (EXAMPLES / "wildfire-ap-en.txt").read_text(encoding="utf-8")
    pasted = client.post("/api/v1/extract", data={"page": text})
    assert pasted.json()["source"]["kind"] == "text"
    latin1 = "<html><body><article><p>" + "Le député a évoqué la réforme. " * 20
    answer = client.post("/api/v1/extract", content=latin1.encode("latin-1"))
    assert "évoqué" in answer.json()["blocks"][0]["text"]


def test_errors_are_json_with_meaningful_status(client: TestClient) -> None:
    nested = base64.urlsafe_b64encode(b"[" * 900 + b"]" * 900).decode()
    huge = base64.urlsafe_b64encode(b'["2024", 99999999999999999999999]').decode()
    cases = [
        (client.get("/api/v1/articles/ffffffffffff"), 404),
        (client.get("/api/v1/articles", params={"q": '"" * :'}), 400),
        (client.get("/api/v1/articles", params={"q": "x" * 5000}), 400),
        (client.get("/api/v1/articles", params={"q": "a\x00b"}), 400),
        (client.get("/api/v1/articles", params={"q": "budget", "cursor": "garbage"}), 400),
        (client.get("/api/v1/articles", params={"q": "budget", "cursor": "W" * 5000}), 400),
        (client.get("/api/v1/quotes", params={"cursor": nested}), 400),
        (client.get("/api/v1/quotes", params={"cursor": huge}), 400),
        (client.get("/api/v1/quotes", params={"since": "0001-01-01T00:00+01:00"}), 422),
        (client.get("/api/v1/articles", params={"q": "budget", "limit": 0}), 422),
        (client.get("/api/v1/articles", params={"q": "budget", "since": "yesterday"}), 422),
        (client.get("/api/v1/articles"), 422),
        (client.get("/api/v1/quotes", params={"kind": "shouted"}), 422),
        (client.get("/api/v1/export", params={"format": "xls"}), 422),
        (client.get("/api/v1/jobs/nope"), 404),
        (client.post("/api/v1/extract", content=b""), 400),
        (client.post("/api/v1/extract", content=b"\x00\x01\x02" * 100), 422),
        (client.get("/api/v1/no-such-endpoint"), 404),
    ]
    for answer, status in cases:
        assert answer.status_code == status, (answer.request.url, answer.text)
        body = answer.json()
        assert body["status"] == status
        assert body["error"]
        assert "Traceback" not in answer.text


def test_writes_need_the_token(client: TestClient) -> None:
    files = {"files": ("a.html", b"<p>x</p>")}
    assert client.post("/api/v1/ingest", files=files).status_code == 401
    assert client.post("/api/v1/ingest", files=files).headers["www-authenticate"] == "Bearer"
    wrong = client.post("/api/v1/ingest", files=files, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403


def test_writes_are_off_without_a_token(corpus_path: Any) -> None:
    from quotidien.api import create_app
    from quotidien.corpus import Corpus

    with Corpus(corpus_path) as corpus, TestClient(create_app(corpus)) as plain:
        answer = plain.post("/api/v1/ingest", files={"files": ("a.html", b"<p>x</p>")},
                            headers=AUTH)  # fmt: skip
        assert answer.status_code == 403
        assert "writes are off" in answer.json()["error"]


def test_bodies_over_the_cap_are_refused(corpus_path: Any) -> None:
    from quotidien.api import create_app
    from quotidien.corpus import Corpus

    with Corpus(corpus_path) as corpus, TestClient(create_app(corpus, max_upload=1000)) as small:
        declared = small.post("/api/v1/extract", content=b"<p>" + b"a" * 5000)
        assert "script-src 'self'" in declared.headers["content-security-policy"]
        assert declared.status_code == 413
        assert "1000 bytes" in declared.json()["error"]

        def chunks() -> Any:  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"<p>" + b"b" * 500

        streamed = small.post("/api/v1/extract", content=chunks())
        assert streamed.status_code == 413


def wait(client: TestClient, job: dict[str, Any]) -> dict[str, Any]:
    for _ in range(600):
        state = client.get(job["links"]["job"]).json()
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(0.1)
    raise AssertionError("the job did not finish")


def test_ingest_job_reports_progress_and_errors(client: TestClient) -> None:
    before = client.get("/api/v1/info").json()["articles"]
    new_page = (
        "<html lang='fr'><head><title>Un nouveau pont sur la Loire</title></head><body><article>"
        "<h1>Un nouveau pont sur la Loire</h1>" + "<p>Le pont sera ouvert en juin aux piétons "
        "et aux cyclistes, après trois années de travaux sur les deux rives.</p>"
        * 3
        + "</article></body></html>"
    )
    files = [
        ("files", ("pont.html", new_page.encode())),
        ("files", ("vide.html", b"\x00\x01binary")),
        ("files", ("again.html", (EXAMPLES / "greve-sncf-fr.html").read_bytes())),
    ]
    started = client.post("/api/v1/ingest", files=files, params={"nlp": False}, headers=AUTH)
    assert started.status_code == 202, started.text
    job = wait(client, started.json())
    assert job["state"] == "done", job
    assert (job["added"], job["duplicates"], job["failed"]) == (1, 1, 1)
    assert [e["input"] for e in job["errors"]] == ["vide.html"]
    assert client.get("/api/v1/info").json()["articles"] == before + 1
    assert client.get("/api/v1/articles", params={"q": "Loire pont"}).json()["items"]


def test_ingest_refuses_url_lists(client: TestClient) -> None:
    urls = b"http://127.0.0.1:9/admin\nhttp://169.254.169.254/latest/meta-data\n"
    answer = client.post("/api/v1/ingest", files={"files": ("crawl.txt", urls)}, headers=AUTH)
    assert answer.status_code == 400
    assert "fetches nothing" in answer.json()["error"]


def test_hostile_text_is_data(client: TestClient) -> None:
    hit = client.get("/api/v1/articles", params={"q": "danger"}).json()["items"][0]
    assert hit["title"] == XSS_TITLE
    for query in ["title:obama", "a* " * 100, "NEAR(a b)", ")(", "'; DROP TABLE articles; --"]:
        answer = client.get("/api/v1/articles", params={"q": query})
        assert answer.status_code in (200, 400), answer.text
    assert client.get("/api/v1/info").json()["articles"] >= 30


def test_security_headers(client: TestClient) -> None:
    for path in ["/", "/api/v1/info", "/api/v1/articles/nothing"]:
        headers = client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_a_query_past_its_time_is_a_503(corpus_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from quotidien.api import create_app
    from quotidien.corpus import Corpus
    from quotidien.store import sqlite

    if corpus_path.startswith("postgresql:"):
        pytest.skip("SQLite's clock; PostgreSQL's statement_timeout: tests/store/test_postgres.py")
    monkeypatch.setattr(sqlite, "PROGRESS_STEPS", 1)  # check the clock at every step
    with Corpus(corpus_path) as corpus, TestClient(create_app(corpus, query_seconds=0)) as slow:
        answer = slow.get("/api/v1/articles", params={"q": "budget"})
        assert answer.status_code == 503
        assert "took longer than 0 s" in answer.json()["error"]
        page = slow.get("/", params={"q": "budget"}, headers={"Accept": "text/html"})
        assert page.status_code == 503
