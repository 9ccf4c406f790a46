"""``parallax serve``: paste or upload articles, get the same report as the HTML
file, and keep every story in the SQLite store (the corpus store, WAL mode).

Pages are server-rendered with Jinja2 (autoescaped); the JSON API with its
OpenAPI docs (served from a package, so they work offline) lives under /api.
Analyses are jobs in the store, run by supervised worker processes
(parallax.web.jobs): the server keeps answering while a long story is
analysed, a job page shows its stage, and a job can be cancelled or stopped
by its time limit. Stories come from the same corpus core as the CLI
(parallax.corpus.service): a story clustered by ``parallax cluster`` opens
here, its report built on demand as a job. Every request passes through
parallax.web.security (body limit while streaming, cross-site POST refusal,
CSRF tokens on forms, security headers).
"""

from __future__ import annotations

import re
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Iterator

from fastapi import Depends, FastAPI, File, HTTPException, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException

from parallax.corpus.service import cached_report
from parallax.corpus.store import Store
from parallax.limits import Limits
from parallax.model import StoryReport
from parallax.web import security
from parallax.web.jobs import JobRunner, web_message

HERE = Path(__file__).parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

__all__ = ["Limits", "create_app"]


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
    kind: str = Field("analyse", description="analyse (submitted articles) or report (a stored story's report)")
    status: str = Field(..., description="queued, running, done, failed or cancelled")
    story_id: str | None = None
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)
    articles: int = 0
    stage: str | None = Field(None, description="while running: reading, parsing, comparing")
    done: int = Field(0, description="articles parsed so far (stage parsing)")
    total: int = 0
    ahead: int = Field(0, description="jobs queued before this one")
    queued_seconds: float = 0.0
    run_seconds: float = 0.0
    elapsed_seconds: float = 0.0
    time_limit: float = 0.0


class StoryOut(BaseModel):
    id: str
    title: str | None = None
    n_articles: int = 0
    outlets: list[str] = Field(default_factory=list)
    first_published: str | None = None
    last_published: str | None = None


def public_job(job: dict) -> dict:
    now = time.time()
    started, finished = job.get("started"), job.get("finished")
    if job["status"] == "queued":
        queued, run = now - job["created"], 0.0
    elif started:
        queued, run = started - job["created"], (finished or now) - started
    else:  # cancelled before it started
        queued, run = (finished or now) - job["created"], 0.0
    return {
        "id": job["id"], "kind": job["kind"], "status": job["status"], "story_id": job["story_id"],
        "error": job["error"], "warnings": job["warnings"], "articles": job["articles"], "stage": job["stage"],
        "done": job["done"], "total": job["total"], "ahead": job.get("ahead", 0),
        "queued_seconds": round(max(queued, 0.0), 1), "run_seconds": round(max(run, 0.0), 1),
        "elapsed_seconds": round(max(queued, 0.0) + max(run, 0.0), 1), "time_limit": job["time_limit"],
    }


def create_app(db: str | Path = "parallax.db", limits: Limits | None = None, workers: int = 1, allow_private: bool = False) -> FastAPI:
    limits = limits or Limits()
    db = Path(db)
    Store(db).close()  # create the schema once, before any request
    runner = JobRunner(db, limits, workers, allow_private)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        runner.start()
        try:
            yield
        finally:
            runner.stop()

    app = FastAPI(title="Parallax", version="1", docs_url=None, openapi_url="/api/openapi.json", redoc_url=None,
                  description="One news story from every side: submit articles, read the comparison.", lifespan=lifespan)
    app.add_middleware(security.Guard, max_body_bytes=limits.max_body_bytes)
    app.mount("/static/swagger", StaticFiles(directory=swagger_ui_path()), name="swagger")
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def get_store() -> Iterator[Store]:
        store = Store(db)
        try:
            yield store
        finally:
            store.close()

    def page(request: Request, template: str, context: dict, status_code: int = 200) -> HTMLResponse:
        token = request.cookies.get(security.CSRF_COOKIE) or security.new_token()
        response = TEMPLATES.TemplateResponse(request, template, {**context, "csrf_token": token, "limits": limits},
                                              status_code=status_code)
        if request.cookies.get(security.CSRF_COOKIE) != token:
            response.set_cookie(security.CSRF_COOKIE, token, httponly=True, samesite="strict")
        return response

    # ------------------------------------------------------------------ starting jobs

    def check_urls(urls: list[str]) -> list[str]:
        urls = [u.strip() for u in urls if u and u.strip()]
        if len(urls) > limits.max_urls:
            raise HTTPException(413, f"too many URLs: {len(urls)} (at most {limits.max_urls})")
        for url in urls:
            if not re.match(r"https?://[^\s/]", url):
                raise HTTPException(400, f"{url[:100]}: only http and https URLs can be fetched")
        return urls

    def start(store: Store, files: list[tuple[str, bytes]], records: list[dict], urls: list[str]) -> dict:
        urls = check_urls(urls)
        if not files and not records and not urls:
            raise HTTPException(400, "nothing to analyse: paste an article, upload files or give URLs")
        if len(files) + len(records) > limits.max_files:
            raise HTTPException(413, f"too many articles: {len(files) + len(records)} (at most {limits.max_files})")
        total = 0
        named = []
        for index, (name, content) in enumerate(files):
            if len(content) > limits.max_file_bytes:
                raise HTTPException(413, f"{name[:100]}: {len(content):,} bytes is over the {limits.max_file_bytes:,}-byte limit per file")
            total += len(content)
            safe = SAFE_NAME.sub("_", Path(name).name)[:80].lstrip(".") or f"article-{index + 1}.txt"
            named.append((safe if Path(safe).suffix else safe + ".txt", content))
        for index, record in enumerate(records, start=1):
            size = len(record["text"].encode("utf-8"))
            if size > limits.max_file_bytes:
                raise HTTPException(413, f"article {index}: {size:,} bytes is over the {limits.max_file_bytes:,}-byte limit per article")
            total += size
        if total > limits.max_total_bytes:
            raise HTTPException(413, f"the articles total more than {limits.max_total_bytes:,} bytes")
        job_id = store.create_job("analyse", limits.job_seconds, files=named, records=records, urls=urls)
        runner.wake()
        return store.get_job(job_id)

    def report_job(store: Store, story_id: str) -> dict:
        """The job building a stored story's report (one at a time per story)."""
        job_id = store.active_report_job(story_id) or store.create_job("report", limits.job_seconds, story_id=story_id)
        runner.wake()
        return store.get_job(job_id)

    def story_or_job(store: Store, story_id: str) -> str | dict:
        """The story's report JSON, or the job building it; 404 for an unknown story."""
        report_json = cached_report(store, story_id)
        if report_json is not None:
            return report_json
        if store.story(story_id) is None or not store.story_article_ids(story_id):
            raise HTTPException(404, "no such story")
        return report_job(store, story_id)

    async def read_uploads(files: list) -> list[tuple[str, bytes]]:
        if len(files) > limits.max_files:
            raise HTTPException(413, f"too many files: {len(files)} (at most {limits.max_files})")
        items = []
        for upload in files:
            content = await upload.read(limits.max_file_bytes + 1)
            if len(content) > limits.max_file_bytes:
                raise HTTPException(413, f"{(upload.filename or 'file')[:100]}: over the {limits.max_file_bytes:,}-byte limit per file")
            items.append((upload.filename or "upload.txt", content))
        return items

    # ------------------------------------------------------------------ JSON API

    @app.post("/api/analyses", response_model=JobOut, status_code=202, tags=["analyses"])
    def api_analyse(body: AnalysisIn, store: Store = Depends(get_store)) -> dict:
        """Start an analysis of articles given as JSON (and/or URLs); poll the job."""
        records = [a.model_dump(exclude_none=True) for a in body.articles]
        return public_job(start(store, [], records, body.urls))

    @app.post("/api/uploads", response_model=JobOut, status_code=202, tags=["analyses"])
    async def api_upload(files: list[UploadFile] = File(...), store: Store = Depends(get_store)) -> dict:
        """Start an analysis of uploaded files (txt, md, html, json, jsonl, csv)."""
        items = await read_uploads(files)
        return public_job(start(store, items, [], []))

    @app.get("/api/jobs/{job_id}", response_model=JobOut, tags=["analyses"])
    def api_job(job_id: str, store: Store = Depends(get_store)) -> dict:
        job = store.get_job(job_id)
        if job is None:
            raise HTTPException(404, "no such job")
        return public_job(job)

    @app.post("/api/jobs/{job_id}/cancel", response_model=JobOut, tags=["analyses"])
    def api_cancel(job_id: str, store: Store = Depends(get_store)) -> dict:
        """Cancel a queued job at once, or stop a running one (its status becomes cancelled within a few seconds)."""
        if store.request_cancel(job_id) is None:
            raise HTTPException(404, "no such job")
        return public_job(store.get_job(job_id))

    @app.get("/api/stories", response_model=list[StoryOut], tags=["stories"])
    def api_stories(limit: int = Query(50, ge=1, le=500), offset: int = Query(0, ge=0, le=1_000_000_000),
                    store: Store = Depends(get_store)) -> list[dict]:
        return store.list_stories(limit, offset)

    @app.get("/api/stories/{story_id}", tags=["stories"],
             responses={200: {"content": {"application/json": {}}, "description": "The StoryReport JSON (CONTRACT.md)."},
                        202: {"model": JobOut, "description": "The report is being built: poll the job (Location header)."},
                        404: {"description": "No such story."}})
    def api_story(story_id: str, store: Store = Depends(get_store)) -> Response:
        """The StoryReport JSON (CONTRACT.md); a stored story without a current report gets one built as a job."""
        found = story_or_job(store, story_id)
        if isinstance(found, dict):
            return JSONResponse(public_job(found), status_code=202, headers={"Location": f"/api/jobs/{found['id']}"})
        return Response(found, media_type="application/json")

    @app.get("/api/search", response_model=list[dict], tags=["stories"])
    def api_search(q: str = Query("", max_length=500), limit: int = Query(20, ge=1, le=100),
                   store: Store = Depends(get_store)) -> list[dict]:
        return store.search(q, limit)

    @app.get("/api/docs", include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        return TEMPLATES.TemplateResponse(request, "docs.html", {})

    # ------------------------------------------------------------------ pages

    @app.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, q: str = Query("", max_length=500), page_number: int = Query(1, alias="page", ge=1, le=1_000_000),
             store: Store = Depends(get_store)) -> HTMLResponse:
        size = limits.page_size
        total = store.count_stories()
        pages = max(1, -(-total // size))
        page_number = min(page_number, pages)
        stories = store.list_stories(size, (page_number - 1) * size)
        hits = store.search(q, 30) if q.strip() else []
        return page(request, "home.html", {"stories": stories, "hits": hits, "q": q, "page": page_number, "pages": pages,
                                           "total": total})

    @app.post("/analyse", include_in_schema=False)
    async def analyse_form(request: Request, store: Store = Depends(get_store)) -> Response:
        try:
            async with request.form(max_files=limits.max_files + 1, max_fields=8 * limits.max_files + 20,
                                    max_part_size=limits.max_file_bytes + 1) as form:
                if not security.token_ok(request.cookies.get(security.CSRF_COOKIE), form.get(security.CSRF_FIELD)):
                    raise HTTPException(403, "this form has expired or came from another site: reload the page and send it again")
                uploads = [f for f in form.getlist("files") if getattr(f, "filename", None)]
                files = await read_uploads(uploads)
                records = pasted_articles(form)
                urls = str(form.get("urls") or "").split()
        except (MultiPartException, StarletteHTTPException) as error:
            message = str(getattr(error, "detail", None) or getattr(error, "message", None) or error)
            if "maximum size" in message:  # Starlette's words for a form field over max_part_size
                raise HTTPException(413, f"a pasted article is over the {limits.max_file_bytes:,}-byte limit") from error
            if "Too many" in message:
                raise HTTPException(413, f"too many articles or files (at most {limits.max_files})") from error
            raise
        job = start(store, files, records, urls)
        return RedirectResponse(f"/jobs/{job['id']}", status_code=303)

    def pasted_articles(form) -> list[dict]:
        """One record per filled article box: its text with the outlet, URL, date and title given beside it."""
        fields = {name: [str(v) for v in form.getlist(f"article_{name}")] for name in ("text", "title", "outlet", "url", "published")}
        records = []
        for index, text in enumerate(fields["text"]):
            if not text.strip():
                continue
            record = {"text": text.strip()}
            for name in ("title", "outlet", "url", "published"):
                values = fields[name]
                value = values[index].strip() if index < len(values) else ""
                if value:
                    record[name] = value
            if "url" in record and not re.match(r"https?://", record["url"]):
                raise HTTPException(400, f"article {len(records) + 1}: the URL must start with http:// or https://")
            if "published" in record and not ISO_DATE.match(record["published"]):
                raise HTTPException(400, f"article {len(records) + 1}: the date must be YYYY-MM-DD")
            records.append(record)
        return records

    @app.api_route("/jobs/{job_id}", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def job_page(request: Request, job_id: str, store: Store = Depends(get_store)) -> Response:
        job = store.get_job(job_id)
        if job is None:
            raise HTTPException(404, "no such job")
        if job["status"] == "done":
            return RedirectResponse(f"/stories/{job['story_id']}", status_code=303)
        return page(request, "job.html", {"job": public_job(job)})

    @app.post("/jobs/{job_id}/cancel", include_in_schema=False)
    async def cancel_form(request: Request, job_id: str, store: Store = Depends(get_store)) -> Response:
        form = await request.form(max_files=0, max_fields=4)
        if not security.token_ok(request.cookies.get(security.CSRF_COOKIE), form.get(security.CSRF_FIELD)):
            raise HTTPException(403, "this form has expired or came from another site: reload the page and send it again")
        if store.request_cancel(job_id) is None:
            raise HTTPException(404, "no such job")
        return RedirectResponse(f"/jobs/{job_id}", status_code=303)

    @app.api_route("/stories/{story_id}.json", methods=["GET", "HEAD"], include_in_schema=False)
    def story_download(story_id: str, store: Store = Depends(get_store)) -> Response:
        found = story_or_job(store, story_id)
        if isinstance(found, dict):
            return RedirectResponse(f"/jobs/{found['id']}", status_code=303)
        return Response(found, media_type="application/json",
                        headers={"Content-Disposition": f'attachment; filename="{story_id}.json"'})

    @app.api_route("/stories/{story_id}", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def story_page(story_id: str, store: Store = Depends(get_store)) -> Response:
        from html import escape

        from parallax.render.html import render_html

        found = story_or_job(store, story_id)
        if isinstance(found, dict):
            return RedirectResponse(f"/jobs/{found['id']}", status_code=303)
        html = render_html(StoryReport.model_validate_json(found))
        # a way back and a download, placed inside the report's header
        safe_id = escape(story_id, quote=True)
        links = f'<p><a href="/">← all stories</a> · <a href="/stories/{safe_id}.json" download>JSON</a></p>'
        return HTMLResponse(html.replace("</header>", links + "</header>", 1), headers={"Content-Security-Policy": security.REPORT_CSP})

    # ------------------------------------------------------------------ errors: HTML for pages, JSON for the API

    def error_response(request: Request, status: int, message: str) -> Response:
        message = web_message(message)
        if security.html_wanted(request.url.path):
            return page(request, "error.html", {"message": message}, status_code=status)
        return JSONResponse({"detail": message}, status_code=status)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException and Starlette's own (form parsing, 404, 405)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if not security.html_wanted(request.url.path):
            return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)
        return error_response(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        if not security.html_wanted(request.url.path):
            from fastapi.exception_handlers import request_validation_exception_handler

            return await request_validation_exception_handler(request, error)
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
                             for e in error.errors())
        return error_response(request, 400, problems or "invalid request")

    @app.exception_handler(Exception)
    async def server_error(request: Request, error: Exception) -> Response:
        return error_response(request, 500, "something went wrong on the server; the server log has the details")

    app.state.runner = runner
    app.state.limits = limits
    return app


def swagger_ui_path() -> str:
    """Swagger UI's files from the pinned swagger-ui-bundle-v2 package (no CDN: the docs work offline)."""
    import swagger_ui_bundle

    return swagger_ui_bundle.swagger_ui_path
