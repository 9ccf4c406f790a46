"""The web app under faults: a worker killed mid-job, a job over its time
limit, cancels, a server killed with SIGKILL and restarted, SIGTERM; stories
clustered by the corpus commands built on demand; request limits, CSRF,
headers and HTML errors. Analyses are kept few and small (each one runs the
whole pipeline in a worker)."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from parallax.corpus.store import Store
from parallax.limits import Limits
from parallax.web.app import create_app

SMALL = {"articles": [
    {"text": "The council approved the budget on Monday, the mayor said. \"It is fair,\" Mayor Ann Lee said.", "outlet": "Gazette"},
    {"text": "Mayor Ann Lee said the council approved the budget on Monday. Critics called it unfair.", "outlet": "Courier"},
]}
PARAGRAPH = ("Officials in Harbor City said on Monday that the bridge would stay closed. \"We will reopen it soon,\" "
             "Mayor Ann Lee told reporters, adding that engineers from Kestrel Works had found cracks.\n\n")
# one long article: seconds of work even on a fast machine, so a fault can land mid-job
MEDIUM = {"articles": [{"text": PARAGRAPH * 120, "outlet": "Gazette"}, SMALL["articles"][1]]}
LIMITS = Limits(max_file_bytes=60_000, max_total_bytes=100_000, max_files=6, job_seconds=240)
FINAL = ("done", "failed", "cancelled")


def run_dirs() -> set[str]:
    return {name for name in os.listdir(tempfile.gettempdir()) if name.startswith("parallax-")}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("faults") / "parallax.db"


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, LIMITS)) as client:
        yield client


def wait(client, job_id: str, until=FINAL, timeout: float = 240) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in until:
            return job
        time.sleep(0.1)
    raise AssertionError(f"job {job_id} never reached {until}: {job}")


def csrf(client) -> str:
    client.get("/")
    return client.cookies["parallax_csrf"]


def test_a_dead_worker_fails_its_job_and_the_app_goes_on(client) -> None:
    runner = client.app.state.runner
    job = client.post("/api/analyses", json=MEDIUM).json()
    wait(client, job["id"], until=("running",))
    [pid] = runner.worker_pids()
    os.kill(pid, signal.SIGKILL)  # as the kernel's out-of-memory killer would
    failed = wait(client, job["id"])
    assert failed["status"] == "failed" and "SIGKILL" in failed["error"] and "out of memory" in failed["error"]
    # every way in still answers, and nothing is left on disk per request
    before = run_dirs()
    assert client.post("/api/uploads", files=[("files", ("a.txt", b"   ", "text/plain"))]).status_code == 202
    token = csrf(client)
    form = client.post("/analyse", data={"csrf_token": token, "article_text": "   "}, follow_redirects=False)
    assert form.status_code == 400 and "nothing to analyse" in form.text and form.headers["content-type"].startswith("text/html")
    assert run_dirs() == before


def test_a_job_over_its_time_limit_is_stopped(client, db) -> None:
    with Store(db) as store:
        job_id = store.create_job("analyse", 1.0, records=[{"text": PARAGRAPH * 150, "outlet": "Gazette"}])
    client.app.state.runner.wake()
    job = wait(client, job_id)
    assert job["status"] == "failed" and "1-second limit" in job["error"], job


def test_cancel_a_queued_and_a_running_job(client) -> None:
    long = {"articles": [{"text": PARAGRAPH * 150, "outlet": "Gazette"}, {"text": PARAGRAPH * 100, "outlet": "Courier"}]}
    running = client.post("/api/analyses", json=long).json()
    queued = client.post("/api/analyses", json=SMALL).json()
    assert queued["status"] == "queued"
    cancelled = client.post(f"/api/jobs/{queued['id']}/cancel").json()
    assert cancelled["status"] == "cancelled" and cancelled["run_seconds"] == 0
    job = wait(client, running["id"], until=("running",))
    page = client.get(f"/jobs/{running['id']}")
    assert 'id="cancel-form"' in page.text and job["time_limit"] == LIMITS.job_seconds
    form = client.post(f"/jobs/{running['id']}/cancel", data={"csrf_token": csrf(client)}, follow_redirects=False)
    assert form.status_code == 303
    assert wait(client, running["id"])["status"] == "cancelled"


def test_the_next_job_runs_with_the_pasted_metadata(client) -> None:
    data = {"csrf_token": csrf(client),
            "article_text": [SMALL["articles"][0]["text"], SMALL["articles"][1]["text"]],
            "article_outlet": ["Harbor Gazette", "Courier"], "article_url": ["https://gazette.example/budget", ""],
            "article_published": ["2026-06-01", "2026-06-02"], "article_title": ["Budget approved", ""]}
    form = client.post("/analyse", data=data, follow_redirects=False)
    assert form.status_code == 303, form.text
    job_id = form.headers["location"].rsplit("/", 1)[1]
    page = client.get(f"/jobs/{job_id}")
    assert page.status_code == 200 and 'data-status="' in page.text  # queued or running, with its stage
    job = wait(client, job_id)
    assert job["status"] == "done", job
    report = client.get(f"/api/stories/{job['story_id']}").json()
    gazette = next(a for a in report["articles"] if a["outlet"] == "Harbor Gazette")
    assert gazette["url"] == "https://gazette.example/budget" and gazette["published"] == "2026-06-01"
    assert gazette["title"] == "Budget approved"
    assert {a["published"] for a in report["articles"]} == {"2026-06-01", "2026-06-02"}


def test_a_clustered_story_is_built_on_demand(client, db, tmp_path) -> None:
    from parallax.corpus.cluster import cluster_store
    from parallax.corpus.ingest import ingest

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({**a, "id": f"f{i}", "published": "2026-07-01",
                                        "text": a["text"].replace("budget", "harbour budget")}) + "\n"
                            for i, a in enumerate(SMALL["articles"])))
    with Store(db) as store:
        ingest([str(feed)], store)
        cluster_store(store)
        story_id = store.assignments(store.ids_for_source_ids()["f0"])[store.ids_for_source_ids()["f0"][0]]
    page = client.get(f"/stories/{story_id}", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/jobs/")
    api = client.get(f"/api/stories/{story_id}")
    assert api.status_code == 202 and api.headers["location"] == f"/api/jobs/{api.json()['id']}"
    assert api.json()["kind"] == "report" and page.headers["location"].endswith(api.json()["id"])  # one job per story
    assert wait(client, api.json()["id"])["status"] == "done"
    assert client.get(f"/stories/{story_id}").status_code == 200
    assert client.get("/api/stories/nope").status_code == 404


def test_requests_are_limited_while_streaming(client) -> None:
    limit = LIMITS.max_body_bytes
    declared = client.post("/api/analyses", content=b"x" * (limit + 1), headers={"content-type": "application/json"})
    assert declared.status_code == 413 and "limit" in declared.json()["detail"]

    def chunks():  # no Content-Length: the limit is found while the body streams
        for _ in range(limit // 65536 + 2):
            yield b" " * 65536

    streamed = client.post("/api/analyses", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    big = "word " * 20_000  # over the 60,000-byte limit per article, under the body limit
    form = client.post("/analyse", data={"csrf_token": csrf(client), "article_text": big})
    assert form.status_code == 413 and form.headers["content-type"].startswith("text/html") and "limit" in form.text


def test_forms_need_a_token_and_cross_site_posts_are_refused(client) -> None:
    no_token = client.post("/analyse", data={"article_text": "An article."})
    assert no_token.status_code == 403 and no_token.headers["content-type"].startswith("text/html")
    token = csrf(client)
    other_site = client.post("/analyse", data={"csrf_token": token, "article_text": "An article."},
                             headers={"origin": "https://evil.example"})
    assert other_site.status_code == 403
    upload = client.post("/api/uploads", files=[("files", ("a.txt", b"text", "text/plain"))], headers={"sec-fetch-site": "cross-site"})
    assert upload.status_code == 403


def test_headers_head_docs_and_errors(client) -> None:
    home = client.get("/")
    for header in ("content-security-policy", "x-frame-options", "x-content-type-options"):
        assert header in home.headers
    assert "frame-ancestors 'none'" in home.headers["content-security-policy"]
    assert client.head("/").status_code == 200
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "http" not in docs.text.split("<body>")[1]
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    missing = client.get("/jobs/nope")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    bad_page = client.get("/", params={"page": "x"})
    assert bad_page.status_code == 400 and bad_page.headers["content-type"].startswith("text/html")


def test_user_messages_name_no_server_paths_or_flags(client) -> None:
    job = client.post("/api/uploads", files=[("files", ("empty.txt", b"  \n", "text/plain"))]).json()
    failed = wait(client, job["id"])
    assert failed["error"] == "empty.txt: empty or whitespace-only input"
    private = wait(client, client.post("/api/analyses", json={"urls": ["http://127.0.0.1:9/x"]}).json()["id"])
    assert "private" in private["error"] and "--" not in private["error"] and tempfile.gettempdir() not in private["error"]


def test_the_home_list_pages_through_every_story(client, db) -> None:
    from parallax.model import Article

    with Store(db) as store:
        for i in range(LIMITS.page_size + 3):
            article = Article(id=f"apage{i:04d}", title=f"Paged story {i}", text=f"Story number {i}.", word_count=3)
            store.add_article(article)
            store.assign(article.id, f"spage{i:04d}", None, seed=True)
        total = store.count_stories()
    first = client.get("/")
    assert "page 1 of" in first.text and 'rel="next"' in first.text
    pages = -(-total // LIMITS.page_size)
    last = client.get("/", params={"page": pages})
    assert f"page {pages} of {pages}" in last.text and 'rel="prev"' in last.text


# --------------------------------------------------------------------------- a real server process


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children_of(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def serve(db: Path, port: int) -> subprocess.Popen:
    command = [str(Path(sys.executable).with_name("parallax")), "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(300):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/openapi.json", timeout=1)
            return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise AssertionError("server did not start")


def poll(base: str, job_id: str, until=FINAL, timeout: float = 240) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = httpx.get(f"{base}/api/jobs/{job_id}", timeout=10).json()
        if job["status"] in until:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job never reached {until}: {job}")


def wait_gone(pids: set[int], timeout: float = 15) -> set[int]:
    deadline = time.time() + timeout
    while time.time() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    return {p for p in pids if alive(p)}


def test_server_killed_mid_job_restarts_and_stops_cleanly_on_sigterm(tmp_path) -> None:
    db, port = tmp_path / "served.db", free_port()
    base = f"http://127.0.0.1:{port}"
    server = serve(db, port)
    try:
        job = httpx.post(f"{base}/api/analyses", json=SMALL, timeout=30).json()
        poll(base, job["id"], until=("running",))
        helpers = children_of(server.pid)  # the worker and multiprocessing's resource tracker
        assert helpers
        server.kill()  # SIGKILL mid-job: no clean-up at all
        server.wait(timeout=10)
        assert wait_gone(helpers) == set(), "the worker outlived its server"
        assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        with Store(db) as store:
            assert store.get_job(job["id"])["status"] == "running"  # killed mid-job, as recorded

        server = serve(db, port)
        resumed = poll(base, job["id"])
        assert resumed["status"] == "done", resumed  # queued again after the restart, and finished
        after = httpx.post(f"{base}/api/analyses", json={"articles": SMALL["articles"][::-1]}, timeout=30).json()
        poll(base, after["id"], until=("running", "done"))
        helpers = children_of(server.pid)
        stale = [d for d in run_dirs() if d.startswith(f"parallax-serve-{server.pid}-")]
        assert len(stale) == 1
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        assert wait_gone(helpers) == set(), "SIGTERM left a worker or the resource tracker behind"
        assert not (Path(tempfile.gettempdir()) / stale[0]).exists()
        with Store(db) as store:
            interrupted = store.get_job(after["id"])
        assert interrupted["status"] in ("queued", "done")  # queued again for the next start unless it had finished
    finally:
        if server.poll() is None:
            server.kill()
