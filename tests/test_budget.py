"""The time budget of a page: a page that would take minutes is reported after its budget,
and the batch goes on (issue 22, point 4)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotidien.budget import PageTimeout, page_budget
from quotidien.cli import app

runner = CliRunner()


def slow_page(figures: int = 20_000) -> str:
    """Many figures: minutes of work for the extractor (measured 50 s for 20,000)."""
    figs = "".join(
        f"<figure><img src='/i{n}.jpg'><figcaption>Légende {n} (Photo X)</figcaption></figure>"
        for n in range(figures)
    )
    text = "Un texte assez long pour être celui d'un article de presse régionale. " * 20
    return f"<html><body><article><h1>Lourd</h1><p>{text}</p>{figs}</article></body></html>"


def good_page(n: int) -> str:
    text = f"Le conseil municipal numéro {n} a voté le budget de la commune mardi soir. " * 8
    return (
        f"<html lang='fr'><body><article><h1>Conseil {n}</h1><p>{text}</p></article></body></html>"
    )


def busy(seconds: float) -> None:
    with page_budget(seconds, "busy.html"):
        while True:
            time.sleep(0.01)


def test_a_block_past_its_budget_raises() -> None:
    with pytest.raises(PageTimeout, match=r"busy\.html: took longer than 0\.2 s"):
        busy(0.2)
    with page_budget(0.5, "quick.html"):
        pass
    time.sleep(0.6)  # the alarm was cleared: nothing fires after the block


def test_no_budget_off_the_main_thread() -> None:
    done = []

    def work() -> None:
        with page_budget(0.05, "t.html"):
            time.sleep(0.2)
        done.append(True)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert done == [True]


def test_ingest_and_extract_give_up_a_slow_page_and_go_on(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"good{n}.html").write_text(good_page(n))
    (folder / "slow.html").write_text(slow_page())
    start = time.monotonic()
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "c.db"),
                                 "--no-nlp", "-w", "1", "--page-seconds", "1"])  # fmt: skip
    assert time.monotonic() - start < 30
    assert result.exit_code == 1
    assert "3 articles added" in result.output
    errors = runner.invoke(app, ["errors", "--db", str(tmp_path / "c.db"), "--json"]).stdout
    assert "slow.html" in errors
    assert "took longer than 1 s" in errors
    extracted = runner.invoke(app, ["extract", str(folder), "--page-seconds", "1", "-q"])
    assert extracted.exit_code == 1
    assert "slow.html: took longer than 1 s" in extracted.output
    assert extracted.stdout.count('"title"') == 3


@pytest.mark.timeout(20)
def test_an_alarm_lost_in_a_finaliser_fires_again() -> None:
    """An exception raised in a finaliser is dropped (and was printed): most of this block's
    time is spent in one, so the first alarm is likely lost there (the page then ran on)."""

    class Slow:
        def __del__(self) -> None:
            time.sleep(0.0009)

    def spin() -> None:
        with page_budget(0.05, "finaliser.html"):
            while True:
                Slow()
                time.sleep(0.0001)

    with pytest.raises(PageTimeout):
        spin()
