"""Expand the user's inputs into RawDocuments, one loader per kind of input.

A failing input becomes a ReadFailure and never stops the batch.
"""

from __future__ import annotations

import csv
import errno
import io
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from parallax.errors import InputError
from parallax.model import Article
from parallax.limits import DEFAULT_MAX_BYTES, FETCH_TIMEOUT_SECONDS
from parallax.read.decode import decode_bytes

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv"}

# Field names accepted in JSON/JSONL/CSV records, first match wins.
TEXT_FIELDS = ("text", "body", "content", "article", "maintext")
HTML_FIELDS = ("html", "raw_html")
META_FIELDS = {
    "title": ("title", "headline"),
    "url": ("url", "link", "source_url"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher", "sitename", "domain"),
    "published": ("published", "date", "published_at", "publish_date", "pubdate", "datetime", "date_publish"),
    "author": ("author", "authors", "byline"),
    "source_id": ("id", "article_id", "doc_id", "uid"),
}


@dataclass
class ReadOptions:
    max_bytes: int = DEFAULT_MAX_BYTES
    allow_private: bool = False
    only_language: str | None = None  # e.g. "en": skip articles in other languages
    outlets: dict[str, str] = field(default_factory=dict)  # path → outlet name
    timeout: float = FETCH_TIMEOUT_SECONDS
    keep_duplicates: bool = False


@dataclass
class RawDocument:
    """One article before cleaning: plain text or HTML, with metadata hints."""

    origin: str  # path, URL, "<stdin>" or "file.jsonl:12"
    text: str | None = None
    html: str | None = None
    meta: dict[str, str | None] = field(default_factory=dict)
    path: str | None = None


@dataclass
class ReadFailure:
    origin: str
    problem: str

    def line(self) -> str:
        return f"error: {self.origin}: {self.problem}"


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    failures: list[ReadFailure] = field(default_factory=list)
    skipped: list[ReadFailure] = field(default_factory=list)  # read fine, left out on purpose


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def link_problem(path: Path) -> str | None:
    """What is wrong with a symbolic link that leads nowhere, or None."""
    if not path.is_symlink():
        return None
    try:
        path.resolve(strict=True)
    except RuntimeError:  # Python < 3.13 reports a loop this way
        return "symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return "broken symbolic link (its target does not exist)"
    return None


def expand_paths(inputs: list[str]) -> Iterator[str | InputError]:
    """Files, directories (recursive, sorted, hidden entries skipped), URLs and '-'.

    Links to folders inside a folder are not followed (no loops); a link that
    loops or leads nowhere is reported."""
    for item in inputs:
        if item == "-" or is_url(item):
            yield item
            continue
        path = Path(item)
        problem = link_problem(path)
        if problem:
            yield InputError(item, problem)
        elif path.is_dir():
            found: list[Path] = []
            broken: list[InputError] = []
            for p in path.rglob("*"):
                if any(part.startswith(".") for part in p.relative_to(path).parts):
                    continue
                if p.is_file():
                    found.append(p)
                elif (link := link_problem(p)) is not None:
                    broken.append(InputError(str(p), link))
            if not found and not broken:
                yield InputError(item, "directory holds no files")
            yield from sorted(broken, key=lambda e: e.origin)
            yield from (str(p) for p in sorted(found))
        elif path.exists():
            yield item
        else:
            yield InputError(item, "no such file or directory")


def read_bytes(path: str, options: ReadOptions) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > options.max_bytes:
            raise InputError(path, f"file is {size:,} bytes, over the {options.max_bytes:,}-byte cap (--max-bytes)")
        return p.read_bytes()
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from exc


def pick(record: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if v)
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        value = str(value).strip() if value is not None else ""
        if value:
            return value
    return None


def record_to_raw(record: object, origin: str, path: str | None) -> RawDocument:
    if not isinstance(record, dict):
        raise InputError(origin, f"expected a JSON object, got {type(record).__name__}")
    meta = {key: pick(record, names) for key, names in META_FIELDS.items()}
    text = pick(record, TEXT_FIELDS)
    html = pick(record, HTML_FIELDS)
    if not text and not html:
        raise InputError(origin, f"record has no text (looked for {', '.join(TEXT_FIELDS + HTML_FIELDS)})")
    return RawDocument(origin=origin, text=text, html=None if text else html, meta=meta, path=path)


def load_text(data: bytes, origin: str, path: str | None) -> list[RawDocument]:
    return [RawDocument(origin=origin, text=decode_bytes(data, origin), path=path)]


def load_html(data: bytes, origin: str, path: str | None) -> list[RawDocument]:
    return [RawDocument(origin=origin, html=decode_bytes(data, origin), path=path)]


def load_json(data: bytes, origin: str, path: str | None) -> list[RawDocument | InputError]:
    text = decode_bytes(data, origin)
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(origin, f"invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise InputError(origin, "invalid JSON: nested too deeply") from exc
    if isinstance(payload, dict):
        for key in ("articles", "items", "data", "records"):
            if isinstance(payload.get(key), list):
                payload = payload[key]
                break
    records = payload if isinstance(payload, list) else [payload]
    out: list[RawDocument | InputError] = []
    for index, record in enumerate(records):
        where = f"{origin}[{index}]" if isinstance(payload, list) else origin
        try:
            out.append(record_to_raw(record, where, path))
        except InputError as exc:
            out.append(exc)
    return out


def load_jsonl(data: bytes, origin: str, path: str | None) -> list[RawDocument | InputError]:
    text = decode_bytes(data, origin)
    out: list[RawDocument | InputError] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            out.append(record_to_raw(json.loads(line), where, path))
        except json.JSONDecodeError as exc:
            out.append(InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})"))
        except RecursionError:
            out.append(InputError(where, "invalid JSON: nested too deeply"))
        except InputError as exc:
            out.append(exc)
    return out


def load_csv(data: bytes, origin: str, path: str | None) -> list[RawDocument | InputError]:
    text = decode_bytes(data, origin)
    csv.field_size_limit(DEFAULT_MAX_BYTES * 4)
    out: list[RawDocument | InputError] = []
    reader = csv.DictReader(io.StringIO(text))
    for row_number, row in enumerate(reader, start=2):
        where = f"{origin}:{row_number}"
        try:
            out.append(record_to_raw({k.strip().lower(): v for k, v in row.items() if k}, where, path))
        except InputError as exc:
            out.append(exc)
    return out


Loader = Callable[[bytes, str, "str | None"], list]


def loader_for(name: str, data: bytes) -> Loader:
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return load_html
    if suffix in JSONL_SUFFIXES:
        return load_jsonl
    if suffix in JSON_SUFFIXES:
        return load_json
    if suffix in CSV_SUFFIXES:
        return load_csv
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"<body" in data[:65536].lower()):
        return load_html
    return load_text


def load_input(item: str, options: ReadOptions) -> list[RawDocument | InputError]:
    """One input (path, URL or '-') → its raw documents, or errors for the parts that failed."""
    if item == "-":
        data = sys.stdin.buffer.read(options.max_bytes + 1)
        if len(data) > options.max_bytes:
            raise InputError("<stdin>", f"input over the {options.max_bytes:,}-byte cap (--max-bytes)")
        return loader_for("<stdin>", data)(data, "<stdin>", None)
    if is_url(item):
        from parallax.read.fetch import fetch_url

        data, content_type, final_url = fetch_url(item, options)
        kind = load_html if ("html" in content_type or loader_for(final_url, data) is load_html) else load_text
        docs = kind(data, item, None)
        for doc in docs:
            doc.meta.setdefault("url", final_url)
        return docs
    data = read_bytes(item, options)
    return loader_for(item, data)(data, item, item)


def _collect(origin: str, loaded: list[RawDocument | InputError], options: ReadOptions, result: ReadResult,
             raws: list[RawDocument]) -> None:
    if not loaded:  # an empty JSON array, a CSV with only a header, a blank JSON-lines file
        result.failures.append(ReadFailure(origin, "no records in the file"))
    for doc in loaded:
        if isinstance(doc, InputError):
            result.failures.append(ReadFailure(doc.origin, doc.problem))
        else:
            if doc.path and doc.path in options.outlets:
                doc.meta["outlet"] = options.outlets[doc.path]
            raws.append(doc)


def read_inputs(inputs: list[str], options: ReadOptions | None = None) -> ReadResult:
    """Read every input; failures are collected, never raised."""
    from parallax.read.build import build_articles

    options = options or ReadOptions()
    result = ReadResult()
    raws: list[RawDocument] = []
    for item in expand_paths(inputs):
        if isinstance(item, InputError):
            result.failures.append(ReadFailure(item.origin, item.problem))
            continue
        try:
            loaded = load_input(item, options)
        except InputError as exc:
            result.failures.append(ReadFailure(exc.origin, exc.problem))
            continue
        _collect(item, loaded, options, result, raws)
    build_articles(raws, options, result)
    return result


def read_submission(files: list[tuple[str, bytes]], records: list[dict], urls: list[str],
                    options: ReadOptions | None = None) -> ReadResult:
    """Read what a web form or API call brought, the way ``read_inputs`` reads files:
    uploaded files by name and content, records with the JSON fields, URLs.
    Origins are the names the user gave, never a path on the server."""
    from parallax.read.build import build_articles

    options = options or ReadOptions()
    result = ReadResult()
    raws: list[RawDocument] = []
    for name, data in files:
        try:
            if len(data) > options.max_bytes:
                raise InputError(name, f"file is {len(data):,} bytes, over the {options.max_bytes:,}-byte cap")
            loaded = loader_for(name, data)(data, name, name)
        except InputError as exc:
            result.failures.append(ReadFailure(exc.origin, exc.problem))
            continue
        _collect(name, loaded, options, result, raws)
    for index, record in enumerate(records, start=1):
        try:
            raws.append(record_to_raw(record, f"article {index}", None))
        except InputError as exc:
            result.failures.append(ReadFailure(exc.origin, exc.problem))
    for url in urls:
        try:
            _collect(url, load_input(url, options), options, result, raws)
        except InputError as exc:
            result.failures.append(ReadFailure(exc.origin, exc.problem))
    build_articles(raws, options, result)
    return result
