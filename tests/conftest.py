"""Shared test helpers: repository paths, the development data in ../shared, schema checks."""

from __future__ import annotations

import html
import json
import os
import random
import socket
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
DATA = ROOT / "data"
SCHEMA = ROOT / "src" / "quotidien" / "schema" / "article.schema.json"


# -- databases: the store's tests run on SQLite and on a real PostgreSQL server --

#: Set by scripts/test.sh (CI): a missing PostgreSQL fails the run instead of skipping.
REQUIRE_POSTGRES = "QUOTIDIEN_REQUIRE_POSTGRES"


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A PostgreSQL server for the whole run (tests/pg_server.py), stopped at the end."""
    from pg_server import PostgresServer, binaries

    try:
        import psycopg
    except ImportError:
        psycopg = None
    if binaries() is None or psycopg is None:
        reason = "PostgreSQL (Debian: postgresql) or psycopg is not installed"
        if os.environ.get(REQUIRE_POSTGRES):
            pytest.fail(reason)
        pytest.skip(reason)
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty corpus database of each backend: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "corpus.db")
    return str(request.getfixturevalue("postgres").new_database())


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now, for a server a test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def shared_path(*parts: str) -> Path:
    """A path in ../shared, or a skip when the development data is not beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"development data not available: {path} (../shared is absent)")
    return path


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def assert_valid_record(article: Any) -> None:
    """The record, serialised as JSON, validates against the committed JSON Schema."""
    data = json.loads(article.to_json())
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


# -- a served corpus (tests/api): the bundled examples, plus generated pages that give paging,
# syndicated copies and a hostile page something to work on --

TOKEN = "test-token-7f3a"
XSS_TITLE = "<script>alert('title')</script> Budget en danger"

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="canonical" href="{url}">
<meta property="article:published_time" content="{when}"></head><body><article>
<h1>{title}</h1><p>{body}</p><p>{more}</p></article></body></html>"""


def page(url: str, title: str, body: str, when: str, more: str = "") -> str:
    lang = "fr"
    more = more or (
        "Le texte doit encore être examiné par les sénateurs au cours des prochaines semaines, "
        "a indiqué le rapporteur général devant la commission des finances réunie à Paris."
    )
    return PAGE.format(
        lang=lang, url=html.escape(url), title=html.escape(title), body=html.escape(body),
        more=html.escape(more), when=when,
    )  # fmt: skip


def write_generated(folder: Path) -> None:
    folder.mkdir()
    rng = random.Random(5)
    words = [
        "école", "piscine", "voirie", "gymnase", "crèche", "médiathèque", "stade", "marché",
        "parking", "église", "éclairage", "cantine", "halle", "trottoir", "musée", "jardin",
    ]  # fmt: skip
    for n in range(25):  # one word in all (varied enough not to be copies): paging
        body = f"Le budget numéro {n} de la commune a été voté " + "après débat " * (n % 7 + 1)
        more = " ".join(f"La {rng.choice(words)} recevra {rng.randint(2, 900)} euros." for _ in
                        range(12))  # fmt: skip
        url = f"https://www.ouest-local.fr/budget/{n}.html"
        when = f"2024-03-{n % 28 + 1:02d}T08:00:00+01:00"
        (folder / f"budget-{n}.html").write_text(
            page(url, f"Budget communal {n}", body, when, more)
        )
    wire = (
        "Le gouvernement a présenté mercredi un plan de sauvetage des hôpitaux de proximité "
        "doté de deux milliards d'euros, destiné aux établissements en difficulté financière."
    )
    for site in ("lefigaro.fr", "liberation.fr", "ladepeche.fr"):
        url = f"https://www.{site}/sante/plan-hopitaux.html"
        when = "2024-04-10T11:00:00+02:00"
        (folder / f"wire-{site}.html").write_text(page(url, "Plan hôpitaux", wire, when))
    hostile = page(
        "https://evil.example/budget.html",
        XSS_TITLE,
        "Le budget <img src=x onerror=alert('body')> est en danger selon les élus locaux.",
        "2024-05-01T09:00:00+02:00",
        "Les maires des communes rurales réclament une rallonge avant l'été pour les écoles.",
    ).replace("</article>", "<a href=\"javascript:alert('link')\">Lire aussi</a></article>")
    (folder / "hostile.html").write_text(hostile)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def corpus_path(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled examples (with nlp) and the generated pages (without), in one corpus; once
    in each backend, so that the server is tested on both."""
    from quotidien.corpus import Corpus

    root = tmp_path_factory.mktemp("served")
    write_generated(root / "generated")
    path = str(root / "corpus.db")
    if request.param == "postgresql":
        path = request.getfixturevalue("postgres").new_database()
    with Corpus(path) as corpus:
        corpus.ingest([str(EXAMPLES)], workers=1)
        corpus.ingest([str(root / "generated")], nlp=False, workers=1)
    return path


@pytest.fixture(scope="session")
def client(corpus_path: str) -> Iterator[Any]:
    """FastAPI's test client on the server over `corpus_path`, writes allowed with TOKEN."""
    from fastapi.testclient import TestClient

    from quotidien.api import create_app
    from quotidien.corpus import Corpus

    with Corpus(corpus_path) as corpus, TestClient(create_app(corpus, token=TOKEN)) as client:
        yield client
