"""Every endpoint and page under a few hundred requests of odd parameters and path
segments (seeded): a 4xx that says what is wrong, never a 5xx but for a query past its
time (503). Found a name of punctuation alone making SQLite fail."""

from __future__ import annotations

import random
import string
from urllib.parse import quote

from fastapi.testclient import TestClient

ODD = ["", " ", "\x00", "%FF", "a" * 5000, "*", '"', "'", "title:", "a*", "政府", "%", "_",
       "\\", "<script>", "9" * 30, "-1", "0", "1e309", "NaN", "2024-13-45",
       "0001-01-01T00:00+01:00", "9999-12-31T23:59:59-12:00", "../..", "\ufffd", "null", "[]",
       "()", "-", "Maria Lopez"]  # fmt: skip
PARAMS = {
    "/api/v1/articles": ["q", "since", "until", "lang", "site", "provider", "entity", "cursor",
                         "limit", "facets"],
    "/api/v1/quotes": ["q", "speaker", "about", "kind", "since", "until", "cursor", "limit"],
    "/api/v1/entities": ["kind", "with", "limit"],
    "/api/v1/export": ["what", "format", "q", "speaker", "about", "kind", "since", "lang"],
    "/": ["q", "since", "until", "lang", "site", "provider", "entity", "cursor"],
    "/quotes": ["q", "speaker", "about", "kind", "cursor", "since"],
}  # fmt: skip
PATHS = ["/api/v1/articles/", "/api/v1/speakers/", "/speakers/", "/articles/", "/api/v1/jobs/"]


def odd(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(ODD)
    alphabet = string.printable + "éß政\u200b"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))


def test_odd_parameters_and_paths_never_break_the_server(client: TestClient) -> None:
    rng = random.Random(18)
    broken = []
    for _ in range(400):
        path = rng.choice(list(PARAMS))
        names = rng.sample(PARAMS[path], rng.randint(0, len(PARAMS[path])))
        params = {name: odd(rng) for name in names}
        answer = client.get(path, params=params)
        if answer.status_code >= 500 and answer.status_code != 503:
            broken.append((path, params, answer.status_code))
    for _ in range(60):
        segment = quote(odd(rng), safe="")
        for base in PATHS:
            answer = client.get(base + segment)
            if answer.status_code >= 500 and answer.status_code != 503:
                broken.append((base, segment, answer.status_code))
    assert broken == []
