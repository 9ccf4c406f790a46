"""The web app through its HTTP API (httpx via Starlette's TestClient), a
schemathesis run against its OpenAPI spec, and a restart that keeps stories."""

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from parallax.web.app import Limits, create_app

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "harbor-blackout"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return tmp_path_factory.mktemp("web") / "parallax.db"


@pytest.fixture(scope="module")
def client(db):
    app = create_app(db, Limits(max_files=6, max_file_bytes=200_000))
    with TestClient(app) as client:
        yield client


def wait(client, job_id: str, timeout: float = 180) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        if job["status"] in ("done", "failed", "cancelled"):
            return job
        time.sleep(0.3)
    raise AssertionError("analysis did not finish")


@pytest.fixture(scope="module")
def story_id(client):
    files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(EXAMPLE.iterdir())]
    response = client.post("/api/uploads", files=files)
    assert response.status_code == 202, response.text
    job = wait(client, response.json()["id"])
    assert job["status"] == "done", job
    return job["story_id"]


def test_upload_analyse_and_read_back(client, story_id):
    report = client.get(f"/api/stories/{story_id}").json()
    assert len(report["articles"]) == 4 and report["quotes"] and report["claim_groups"]
    assert any(s["id"] == story_id for s in client.get("/api/stories").json())
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200 and 'id="evidence"' in page.text
    download = client.get(f"/stories/{story_id}.json")
    assert download.headers["content-disposition"].startswith("attachment") and download.json()["schema_version"] == "1"


def test_search_finds_the_story(client, story_id):
    hits = client.get("/api/search", params={"q": "Kestrel substation"}).json()
    assert hits and all(h["story_id"] == story_id for h in hits)
    assert client.get("/api/search", params={"q": '") OR * NEAR('}).status_code == 200
    home = client.get("/", params={"q": "Kestrel"})
    assert home.status_code == 200 and f"/stories/{story_id}" in home.text


def test_json_articles_and_pasted_text(client):
    body = {"articles": [
        {"text": "The council approved the new budget on Monday, the mayor said. \"It is a fair budget,\" Mayor Ann Lee said.", "outlet": "Gazette", "published": "2026-06-01"},
        {"text": "Mayor Ann Lee said the council approved the budget on Monday. Critics called it unfair.", "outlet": "Courier", "published": "2026-06-01"},
    ]}
    job = wait(client, client.post("/api/analyses", json=body).json()["id"])
    assert job["status"] == "done" and job["articles"] == 2
    token = client.get("/").cookies.get("parallax_csrf") or client.cookies.get("parallax_csrf")
    form = client.post("/analyse", data={"csrf_token": token, "article_text": ["A first article about the harbour.", "A second one."]},
                       follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"].startswith("/jobs/")


def test_limits_and_bad_requests(client):
    too_many = [("files", (f"a{i}.txt", b"text", "text/plain")) for i in range(7)]
    response = client.post("/api/uploads", files=too_many)
    assert response.status_code == 413 and "too many files" in response.json()["detail"]
    big = [("files", ("big.txt", b"x" * 200_001, "text/plain"))]
    assert client.post("/api/uploads", files=big).status_code == 413
    assert client.post("/api/analyses", json={"articles": [], "urls": []}).status_code == 400
    assert client.post("/api/analyses", json={"urls": ["file:///etc/passwd"]}).status_code == 400
    assert client.get("/api/stories/nope").status_code == 404
    assert client.get("/api/jobs/nope").status_code == 404


def test_private_addresses_are_not_fetched(client):
    job = wait(client, client.post("/api/analyses", json={"urls": ["http://127.0.0.1:9/secret"]}).json()["id"])
    assert job["status"] == "failed" and "private" in job["error"].lower()


def test_stories_survive_a_restart(db, story_id):
    app = create_app(db)
    with TestClient(app) as again:
        assert again.get(f"/api/stories/{story_id}").status_code == 200


def test_openapi_spec_has_no_server_errors(client):
    schemathesis = pytest.importorskip("schemathesis")
    from hypothesis import HealthCheck, given, settings

    schema = schemathesis.openapi.from_asgi("/api/openapi.json", client.app)
    checked = 0
    for operation in schema.get_all_operations():
        op = operation.ok()
        # posting starts real analyses in the worker: a few examples are enough to probe validation
        examples = 5 if op.method.upper() == "POST" else 40

        @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)
        @given(case=op.as_strategy())
        def run(case):
            response = case.call()
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.status_code} {response.text[:200]}"

        run()
        checked += 1
    assert checked >= 6
