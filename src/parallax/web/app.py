"""``parallax serve``: paste or upload articles, get the same report as the HTML
file, and keep every story in the SQLite store (the corpus store, WAL mode).

Pages are server-rendered with Jinja2 (autoescaped); the JSON API with its
OpenAPI docs lives under /api. Analyses run in a worker process, so the
server keeps answering while a long story is analysed; a job page polls its
status. Uploads are capped in size and count with clear messages, and URLs
are fetched only when they resolve to public addresses.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import re
import shutil
import tempfile
import threading
import time
import uuid
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from parallax.corpus.store import Store
from parallax.model import StoryReport

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass
class Limits:
    max_file_bytes: int = 5_000_000
    max_total_bytes: int = 20_000_000
    max_files: int = 50
    max_urls: int = 20


@dataclass
class Job:
    id: str
    created: float = field(default_factory=time.time)
    status: str = "queued"  # queued → running → done | failed
    story_id: str | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    articles: int = 0
    future: Future | None = None
    started: float | None = None

    def public(self) -> dict:
        elapsed = round((time.time() - (self.started or self.created)), 1)
        return {"id": self.id, "status": self.status, "story_id": self.story_id, "error": self.error,
                "warnings": self.warnings, "articles": self.articles, "elapsed_seconds": elapsed}


class ArticleIn(BaseModel):
    text: str = Field(..., description="The article text (plain text or HTML).")
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")


class AnalysisIn(BaseModel):
    articles: list[ArticleIn] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)


class JobOut(BaseModel):
    id: str
    status: str
    story_id: str | None = None
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    articles: int = 0
    elapsed_seconds: float = 0.0


class StoryOut(BaseModel):
    id: str
    title: str | None = None
    n_articles: int = 0
    outlets: list[str] = Field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None


# --------------------------------------------------------------------------- the worker process


def _warm_up() -> None:
    from parallax.nlp import get_nlp

    get_nlp()


def analyse_files(folder: str, urls: list[str], allow_private: bool, max_bytes: int) -> str:
    """Runs in the worker: read, analyse, return the report JSON."""
    from parallax.api import read_with_failures, report_for
    from parallax.read import ReadOptions

    inputs = sorted(str(p) for p in Path(folder).iterdir()) + list(urls)
    result = read_with_failures(inputs, ReadOptions(allow_private=allow_private, max_bytes=max_bytes))
    if not result.articles:
        problems = "; ".join(f.line() for f in result.failures) or "no article text found"
        raise ValueError(problems)
    return report_for(result).to_json()


# --------------------------------------------------------------------------- the app


def story_id_for(article_ids: list[str]) -> str:
    return "s" + hashlib.sha1(",".join(sorted(article_ids)).encode()).hexdigest()[:12]


def create_app(db: str | Path = "parallax.db", limits: Limits | None = None, workers: int = 1, allow_private: bool = False) -> FastAPI:
    limits = limits or Limits()
    db = Path(db)
    Store(db).close()  # create the schema once, before any request
    # a fresh interpreter per worker: forking a server that runs threads (and torch) is not safe
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_warm_up, mp_context=multiprocessing.get_context("spawn"))
    jobs: dict[str, Job] = {}
    lock = threading.Lock()
    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        pool.shutdown(wait=False, cancel_futures=True)

    app = FastAPI(title="Parallax", version="1", docs_url="/api/docs", openapi_url="/api/openapi.json", redoc_url=None,
                  description="One news story from every side: submit articles, read the comparison.", lifespan=lifespan)

    def store() -> Store:
        return Store(db)

    def finish(job: Job, folder: str, future: Future) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        try:
            report = StoryReport.model_validate_json(future.result())
        except Exception as error:  # the worker's message is the user's message
            job.status, job.error = "failed", str(error).splitlines()[0][:500] if str(error) else type(error).__name__
            return
        ids = [a.id for a in report.articles]
        story_id = story_id_for(ids)
        with lock:
            s = store()
            try:
                s.add_articles(report.articles)
                for i, article_id in enumerate(ids):
                    s.assign(article_id, story_id, None, seed=i == 0)
                s.save_report(story_id, report.to_json(), ",".join(sorted(ids)))
            finally:
                s.close()
        job.story_id, job.articles, job.warnings, job.status = story_id, len(ids), report.warnings, "done"

    def submit(folder: str, urls: list[str]) -> Job:
        job = Job(id=uuid.uuid4().hex[:16])
        jobs[job.id] = job
        future = pool.submit(analyse_files, folder, urls, allow_private, limits.max_file_bytes)
        job.future = future

        def started_or_done(f: Future) -> None:
            finish(job, folder, f)

        future.add_done_callback(started_or_done)
        return job

    def job_state(job: Job) -> Job:
        if job.status == "queued" and job.future is not None and job.future.running():
            job.status, job.started = "running", job.started or time.time()
        return job

    def check_urls(urls: list[str]) -> list[str]:
        urls = [u.strip() for u in urls if u and u.strip()]
        if len(urls) > limits.max_urls:
            raise HTTPException(413, f"too many URLs: {len(urls)} (at most {limits.max_urls})")
        for url in urls:
            if not re.match(r"https?://", url):
                raise HTTPException(400, f"{url[:100]}: only http and https URLs can be fetched")
        return urls

    def write_texts(folder: Path, items: list[tuple[str, bytes]]) -> None:
        if len(items) > limits.max_files:
            raise HTTPException(413, f"too many files: {len(items)} (at most {limits.max_files})")
        total = 0
        for index, (name, content) in enumerate(items):
            if len(content) > limits.max_file_bytes:
                raise HTTPException(413, f"{name[:100]}: {len(content)} bytes is over the {limits.max_file_bytes}-byte limit per file")
            total += len(content)
            if total > limits.max_total_bytes:
                raise HTTPException(413, f"uploads total more than {limits.max_total_bytes} bytes")
            safe = SAFE_NAME.sub("_", Path(name).name)[:80].lstrip(".") or "article.txt"
            if not Path(safe).suffix:
                safe += ".txt"
            (folder / f"{index:03d}-{safe}").write_bytes(content)

    def start(items: list[tuple[str, bytes]], urls: list[str]) -> Job:
        urls = check_urls(urls)
        if not items and not urls:
            raise HTTPException(400, "nothing to analyse: paste an article, upload files or give URLs")
        folder = Path(tempfile.mkdtemp(prefix="parallax-"))
        try:
            write_texts(folder, items)
        except HTTPException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return submit(str(folder), urls)

    # ------------------------------------------------------------------ JSON API

    @app.post("/api/analyses", response_model=JobOut, status_code=202, tags=["analyses"])
    def api_analyse(body: AnalysisIn) -> dict:
        """Start an analysis of articles given as JSON (and/or URLs); poll the job."""
        items = []
        if body.articles:
            # one JSON Lines file: the reader takes text, title, outlet, url and published from it
            lines = [json.dumps(a.model_dump(exclude_none=True), ensure_ascii=False) for a in body.articles]
            items.append(("articles.jsonl", ("\n".join(lines) + "\n").encode("utf-8")))
        return job_state(start(items, body.urls)).public()

    @app.post("/api/uploads", response_model=JobOut, status_code=202, tags=["analyses"])
    async def api_upload(files: list[UploadFile] = File(...)) -> dict:
        """Start an analysis of uploaded files (txt, md, html, json, jsonl, csv)."""
        items = await read_uploads(files)
        return job_state(start(items, [])).public()

    @app.get("/api/jobs/{job_id}", response_model=JobOut, tags=["analyses"])
    def api_job(job_id: str) -> dict:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, "no such job")
        return job_state(job).public()

    @app.get("/api/stories", response_model=list[StoryOut], tags=["stories"])
    def api_stories(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000_000)) -> list[dict]:
        s = store()
        try:
            return s.list_stories(limit, offset)
        finally:
            s.close()

    @app.get("/api/stories/{story_id}", tags=["stories"], responses={200: {"content": {"application/json": {}}}})
    def api_story(story_id: str) -> Response:
        """The StoryReport JSON (CONTRACT.md)."""
        return Response(report_json(story_id), media_type="application/json")

    @app.get("/api/search", response_model=list[dict], tags=["stories"])
    def api_search(q: str = Query("", max_length=500), limit: int = Query(20, ge=1, le=100)) -> list[dict]:
        s = store()
        try:
            return s.search(q, limit)
        finally:
            s.close()

    def report_json(story_id: str) -> str:
        s = store()
        try:
            found = s.load_report(story_id)
        finally:
            s.close()
        if found is None:
            raise HTTPException(404, "no such story")
        return found[1]

    # ------------------------------------------------------------------ pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, q: str = "") -> HTMLResponse:
        s = store()
        try:
            stories = s.list_stories(100)
            hits = s.search(q, 30) if q.strip() else []
        finally:
            s.close()
        return TEMPLATES.TemplateResponse(request, "home.html", {"stories": stories, "hits": hits, "q": q, "limits": limits})

    @app.post("/analyse", include_in_schema=False)
    async def analyse_form(request: Request, text: str = Form(""), urls: str = Form(""),
                           files: list[UploadFile] | None = File(None)) -> Response:
        items = await read_uploads([f for f in files or [] if f.filename])
        pasted = [part.strip() for part in re.split(r"\n\s*-{3,}\s*\n", text) if part.strip()]
        items += [(f"pasted-{i + 1}.txt", part.encode("utf-8")) for i, part in enumerate(pasted)]
        try:
            job = start(items, urls.split())
        except HTTPException as error:
            return TEMPLATES.TemplateResponse(request, "error.html", {"message": error.detail}, status_code=error.status_code)
        return RedirectResponse(f"/jobs/{job.id}", status_code=303)

    @app.get("/jobs/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(request: Request, job_id: str) -> Response:
        job = jobs.get(job_id)
        if job is None:
            return TEMPLATES.TemplateResponse(request, "error.html", {"message": "no such job"}, status_code=404)
        job_state(job)
        if job.status == "done":
            return RedirectResponse(f"/stories/{job.story_id}", status_code=303)
        return TEMPLATES.TemplateResponse(request, "job.html", {"job": job.public()})

    @app.get("/stories/{story_id}.json", include_in_schema=False)
    def story_download(story_id: str) -> Response:
        return Response(report_json(story_id), media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="{story_id}.json"'})

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str) -> HTMLResponse:
        from parallax.render.html import render_html

        report = StoryReport.model_validate_json(report_json(story_id))
        html = render_html(report)
        # a way back and a download, placed inside the report's header
        links = (f'<p><a href="/">← all stories</a> · <a href="/stories/{story_id}.json" download>JSON</a></p>')
        return HTMLResponse(html.replace("</header>", links + "</header>", 1), headers={"Content-Security-Policy": CSP})

    async def read_uploads(files: list[UploadFile]) -> list[tuple[str, bytes]]:
        if len(files) > limits.max_files:
            raise HTTPException(413, f"too many files: {len(files)} (at most {limits.max_files})")
        items = []
        for upload in files:
            content = await upload.read(limits.max_file_bytes + 1)
            if len(content) > limits.max_file_bytes:
                raise HTTPException(413, f"{(upload.filename or 'file')[:100]}: over the {limits.max_file_bytes}-byte limit per file")
            items.append((upload.filename or "upload.txt", content))
        return items

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code)
        return TEMPLATES.TemplateResponse(request, "error.html", {"message": error.detail}, status_code=error.status_code)

    app.state.jobs = jobs
    app.state.pool = pool
    return app


CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; form-action 'self'"
