"""The web page in a real headless Chromium (Debian's `chromium`, driven by Playwright):
what a person does with it, with the keyboard and on a phone's screen too.

`scripts/test.sh` installs Chromium where it is missing and it can (root with apt-get);
elsewhere these tests skip, saying so. With QUOTIDIEN_SCREENSHOTS=DIR they also save the
screenshots the README shows.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, XSS_TITLE, free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "Chromium is not installed (Debian: apt-get install chromium); scripts/test.sh "
        "installs it when run as root",
        allow_module_level=True,
    )
playwright = pytest.importorskip("playwright.sync_api")

# Flags for a closed network and a root user (the sandbox needs user namespaces).
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
         "--disable-component-update", "--disable-sync", "--disable-quic"]  # fmt: skip


@pytest.fixture(scope="module")
def server(corpus_path: str) -> Iterator[str]:
    """The real server (uvicorn) on a free port of 127.0.0.1, in a thread."""
    import uvicorn

    from quotidien.api import create_app
    from quotidien.corpus import Corpus

    port = free_port()
    with Corpus(corpus_path) as corpus:
        config = uvicorn.Config(create_app(corpus), host="127.0.0.1", port=port, log_level="error")
        runner = uvicorn.Server(config)
        thread = threading.Thread(target=runner.run, daemon=True)
        thread.start()
        for _ in range(100):
            if runner.started:
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
        runner.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    yield page
    assert page.dialogs == [], "a script ran: the page executed text from the corpus"
    assert page.errors == [], "the page raised script errors or broke its CSP"
    context.close()


def screenshot(page: Any, name: str) -> None:
    folder = os.environ.get("QUOTIDIEN_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name), full_page=True)


def test_search_open_article_see_quotes_go_to_speaker(page: Any, server: str) -> None:
    page.goto(server + "/")
    page.fill("input[name=q]", "Maria Lopez")
    page.keyboard.press("Enter")  # the keyboard submits the search
    page.wait_for_url("**/?q=Maria+Lopez*")
    hits = page.locator(".hit h2 a")
    assert hits.count() >= 1
    hits.first.click()
    page.wait_for_url("**/articles/*")
    marks = page.locator("mark.q")
    assert marks.count() >= 3
    badge = page.locator("a.said", has_text="Maria Lopez").first
    assert "direct" in badge.inner_text()
    assert page.locator("mark.q-direct").count() >= 1
    assert page.locator("mark.q-indirect").count() >= 1
    screenshot(page, "article.png")
    badge.click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text() == "Maria Lopez"
    assert page.locator("svg.weeks rect").count() >= 1
    assert page.locator(".quote-item").count() >= 2
    screenshot(page, "speaker.png")


def test_facets_copies_and_paging(page: Any, server: str) -> None:
    page.goto(server + "/?q=h%C3%B4pitaux")
    assert page.locator("a.copies").inner_text() == "3 copies"
    page.locator("a.copies").click()
    assert page.locator("#copies li").count() == 2
    page.goto(server + "/?q=budget")
    first = page.locator(".hit h2 a").all_inner_texts()
    page.locator(".facets a", has_text="ouest-local.fr").click()
    assert "site=ouest-local.fr" in page.url
    assert "ouest-local.fr" in page.locator(".hit .meta").first.inner_text()
    page.goto(server + "/?q=budget")
    page.locator("a[rel=next]").click()
    second = page.locator(".hit h2 a").all_inner_texts()
    assert second
    assert not set(first) & set(second)


def test_paste_a_page(page: Any, server: str) -> None:
    page.goto(server + "/extract")
    page.fill("textarea[name=page]", (EXAMPLES / "wildfire-ap-en.txt").read_text())
    page.click("button[type=submit]")
    page.wait_for_selector("article.record")
    assert page.locator("mark.q").count() >= 2
    assert page.locator("a.said").count() >= 2
    page.goto(server + "/extract")
    page.set_input_files("input[name=file]", str(EXAMPLES / "greve-sncf-fr.html"))
    page.click("button[type=submit]")
    page.wait_for_selector("article.record")
    assert "SNCF" in page.locator("article.record h1").inner_text()


def test_export_link_downloads(page: Any, server: str, tmp_path: Path) -> None:
    page.goto(server + "/?q=budget")
    with page.expect_download() as download:
        page.locator(".exports a", has_text="CSV").first.click()
    saved = tmp_path / "export.csv"
    download.value.save_as(saved)
    lines = saved.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("id,cluster,url")
    assert len(lines) > 20


def test_hostile_page_is_shown_as_text(page: Any, server: str) -> None:
    page.goto(server + "/?q=danger")
    assert page.locator(".hit h2 a").first.inner_text() == XSS_TITLE
    page.locator(".hit h2 a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("article.record h1").inner_text() == XSS_TITLE
    assert "<img src=x onerror=alert('body')>" in page.locator(".body").inner_text()
    hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
    assert not any(h and h.lower().startswith("javascript:") for h in hrefs)


def test_phone_screen_and_keyboard(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(server + "/?q=budget")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the page scrolls sideways on a phone"
    page.goto(server + "/extract")  # no field takes the focus first here
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    context.close()
