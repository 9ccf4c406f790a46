"""End-to-end in a real browser (Debian's chromium through Playwright): the HTML
report opens offline, shows evidence on click, and hostile text never executes."""

from pathlib import Path

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def open_page(browser, path: Path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    events = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (events["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: events["errors"].append(str(e)))
    page.on("request", lambda r: events["requests"].append(r.url) if not r.url.startswith("file:") else None)
    page.goto(path.as_uri())
    return page, events


def test_click_a_claim_shows_highlighted_evidence(browser, example_report, test_output):
    from parallax.render.html import render_html

    path = test_output / "example-report.html"
    path.write_text(render_html(example_report), encoding="utf-8")
    page, events = open_page(browser, path)
    page.locator("#matrix td.ev").first.click()
    mark = page.locator("#evidence-text mark")
    assert mark.count() == 1 and len(mark.inner_text()) > 10
    page.locator("#summary .chip").first.click()
    assert page.locator("#evidence-text mark").inner_text().strip()
    page.screenshot(path=str(test_output / "example-report.png"))
    assert events["errors"] == [] and events["requests"] == []


def test_hostile_report_runs_nothing(browser, test_output):
    from parallax.api import analyze
    from parallax.model import Article
    from parallax.render.html import render_html
    from tests.test_render import HOSTILE

    report = analyze([
        Article(id="h1", outlet="<b>x</b>", title="<script>alert(5)</script>", url="javascript:alert(6)", published="2026-06-04", text=HOSTILE, word_count=40),
        Article(id="h2", outlet="Plain", published="2026-06-04", text='Officials said on Monday that the bridge was closed. "We will reopen it soon," Mayor Ann Lee said.', word_count=20),
    ])
    path = test_output / "hostile-report.html"
    path.write_text(render_html(report), encoding="utf-8")
    page, events = open_page(browser, path)
    for node in page.locator("[data-ev]").all()[:20]:
        if node.is_visible():
            node.click()
    page.screenshot(path=str(test_output / "hostile-report.png"))
    assert events["dialogs"] == [] and events["errors"] == []
    assert page.locator("img").count() == 0


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import socket
    import threading

    import uvicorn

    from parallax.web.app import create_app

    app = create_app(tmp_path_factory.mktemp("serve") / "parallax.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    import time

    for _ in range(100):
        if server.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def test_upload_the_example_and_read_the_evidence(browser, server, example_dir, test_output):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/")
    page.set_input_files("#files", [str(p) for p in sorted(Path(example_dir).iterdir())])
    page.click("#analyse-form button[type=submit]")
    page.wait_for_url("**/stories/*", timeout=180_000)
    page.locator("#matrix td.ev").first.click()
    assert len(page.locator("#evidence-text mark").inner_text()) > 10
    page.screenshot(path=str(test_output / "web-report.png"))
    page.goto(server + "/?q=Kestrel")
    assert page.locator("#stories a").count() >= 1
    page.screenshot(path=str(test_output / "web-home.png"))
    assert errors == []


def test_api_docs_work_offline(browser, server, test_output):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors, outside, blocked = [], [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(server) else None)
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server + "/api/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() >= 6
    page.screenshot(path=str(test_output / "web-api-docs.png"))
    assert errors == [] and outside == [] and blocked == []


def test_paste_form_adds_article_boxes(browser, server, test_output):
    page = browser.new_page(viewport={"width": 1200, "height": 1100})
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(server + "/")
    assert page.locator("fieldset.article").count() == 2
    page.click("#add-article")
    assert page.locator("fieldset.article").count() == 3
    assert page.locator("fieldset.article legend").last.inner_text() == "Article 3"
    page.screenshot(path=str(test_output / "web-paste-form.png"))
    assert blocked == []
