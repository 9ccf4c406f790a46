"""Stream a corpus into the store: JSONL, JSON, CSV, Parquet, WARC, folders.

Corpora are larger than memory, so every format is read one record at a time
(memory stays flat however big the file). Each record becomes an Article
through the same builder as ``parallax read`` and ``compare``
(``parallax.read.build.build_article``: extraction, cleaning, posts, metadata,
language), so the same record gets the same clean text and id. One step is
left out on purpose: ``compare`` also drops lines repeated across the
articles of its batch (site furniture) and near-duplicate articles; ingest
cleans each record alone, because what it stores must not depend on which
batch a record fell in (a resumed run, or a Ray worker, stores the same
text). An exact duplicate's clean text is stored once.

Re-running is safe: a record already seen is recognised by the hash of its
raw content and skipped before any work; an article whose clean text is
already stored (same content-hash id) is not stored twice. Work is committed
in batches, so after Ctrl-C a re-run resumes where it stopped. A bad record
is reported (file and line, one line each) and skipped; the rest goes on. A
file that breaks part-way (a truncated or fake gzip, a garbage Parquet or WARC
file) is reported once as ``file: problem``; the records read before the break
are kept and the next file is read.

Sizes are checked on what is decompressed, as it streams: no record larger
than ``--max-bytes`` is kept or even held whole in memory, and a compressed
file that inflates far beyond any real text (a compression bomb) is stopped a
few megabytes in.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import hashlib
import io
import json
import logging
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator, TypeVar

from charset_normalizer import from_bytes

from parallax.corpus.cluster import check_feature_kind, features_of
from parallax.corpus.store import FeatureRow, Store
from parallax.errors import InputError
from parallax.model import Article
from parallax.read.build import build_article, raw_text_of
from parallax.read.decode import fix_text, utf16_without_bom
from parallax.limits import DEFAULT_MAX_BYTES, INGEST_BATCH_RECORDS, MAX_INFLATION, MIN_BOMB_BYTES
from parallax.read.sources import RawDocument, ReadOptions, expand_paths, load_input, record_to_raw

CHUNK_CHARS = 1 << 16
T = TypeVar("T")
STREAM_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".warc", ".arc"}


@dataclass
class Record:
    """One raw input record, ready to build; picklable so Ray workers can take it."""

    origin: str  # "file.jsonl:12", "crawl.warc.gz@40213"
    record_hash: str
    doc: RawDocument
    crawl_date: str | None = None  # a WARC capture date, used only when the page names no date


@dataclass
class Built:
    record_hash: str
    origin: str
    article: Article
    features: FeatureRow


@dataclass
class IngestStats:
    files: int = 0
    records: int = 0  # records read, good and bad
    added: int = 0  # new articles stored
    seen: int = 0  # records skipped because an earlier run stored them
    duplicates: int = 0  # new records whose clean text was already stored
    failed: int = 0
    skipped: int = 0  # read fine, left out on purpose (--lang)
    bytes: int = 0


# ---------------------------------------------------------------------------------- reading


def record_hash(kind: str, payload: object) -> str:
    """Hash of a raw record's content (not its position), for fast resumption."""
    if isinstance(payload, bytes):
        data = payload
    else:
        data = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha1(kind.encode() + b"\0" + data).hexdigest()


def kind_of(path: str) -> str:
    """The stream format of a file, from its suffixes (``.jsonl.gz`` is JSON lines)."""
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last == ".ndjson":
        return ".jsonl"
    return last if last in STREAM_SUFFIXES else "single"


class FileProgress:
    """Bytes of one file read so far, reported as deltas to the progress bar."""

    def __init__(self, path: str, on_bytes: Callable[[int], None] | None):
        self.on_bytes = on_bytes
        self.size = _size(path)
        self.reported = 0

    def at(self, position: int) -> None:
        position = min(position, self.size)
        if self.on_bytes and position > self.reported:
            self.on_bytes(position - self.reported)
        self.reported = max(self.reported, position)

    def finish(self) -> None:
        self.at(self.size)


class InflationGuard(io.RawIOBase):
    """A decompressed stream that stops when it inflates like a compression bomb."""

    def __init__(self, stream: BinaryIO, raw: BinaryIO, path: str, max_bytes: int):
        self.stream, self.raw, self.path = stream, raw, path
        self.floor = max(max_bytes, MIN_BOMB_BYTES)  # inflation is only judged past one record's worth
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        # judged before reading on, so the records already inflated are still read
        if self.inflated > self.floor and self.inflated > MAX_INFLATION * max(1, self.raw.tell()):
            raise InputError(self.path, f"decompresses to more than {MAX_INFLATION} times its size (a compression bomb?);"
                                        f" stopped after {self.inflated:,} bytes")
        # read1: whatever one step decompresses, so the data before a break is not lost with it
        data = self.stream.read1(len(buffer))
        buffer[: len(data)] = data
        self.inflated += len(data)
        return len(data)

    def close(self) -> None:
        self.stream.close()
        super().close()


def open_binary(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[BinaryIO, BinaryIO]:
    """(stream to read, raw file for progress); gzip is undone on the fly, under a bomb guard."""
    raw = open(path, "rb")
    if path.lower().endswith(".gz"):
        return io.BufferedReader(InflationGuard(gzip.GzipFile(fileobj=raw), raw, path, max_bytes), CHUNK_CHARS), raw
    return raw, raw


def sniff_encoding(head: bytes) -> str:
    """The text encoding of a file, judged from its first bytes."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            return name
    utf16 = utf16_without_bom(head)
    if utf16:
        return utf16
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        best = from_bytes(head).best()
        return best.encoding if best is not None else "cp1252"


def open_text(path: str, max_bytes: int = DEFAULT_MAX_BYTES, newline: str | None = None) -> tuple[io.TextIOWrapper, BinaryIO]:
    stream, raw = open_binary(path, max_bytes)
    buffered = io.BufferedReader(stream) if not isinstance(stream, io.BufferedReader) else stream
    encoding = sniff_encoding(buffered.peek(CHUNK_CHARS)[:CHUNK_CHARS])
    return io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline=newline), raw


def over_cap(max_bytes: int) -> str:
    return f"record over the {max_bytes:,}-byte cap (--max-bytes); skipped"


class BoundedLines:
    """Lines of a text stream; a line longer than ``limit`` is cut to ``limit + 1``
    characters and the rest of it is read past in chunks, never held whole.
    ``cut`` counts the lines cut so far (a reader checks it after each record)."""

    def __init__(self, text: io.TextIOBase, limit: int):
        self.text, self.limit, self.cut = text, limit, 0

    def __iter__(self) -> Iterator[str]:
        while True:
            line = self.text.readline(self.limit + 1)
            if not line:
                return
            if len(line) > self.limit and not line.endswith(("\n", "\r")):
                self.cut += 1
                while True:
                    rest = self.text.readline(CHUNK_CHARS)
                    if not rest or rest.endswith(("\n", "\r")):
                        break
            yield line


def too_big_record(record: dict, max_bytes: int) -> bool:
    strings = [v for v in record.values() if isinstance(v, str)]
    return sum(len(v) for v in strings) > max_bytes or too_big("".join(strings), max_bytes)


def too_big(value: str, max_bytes: int) -> bool:
    """Over the cap in UTF-8 bytes (checked cheaply: a character is 1-4 bytes)."""
    return len(value) > max_bytes or (len(value) * 4 > max_bytes and len(value.encode("utf-8")) > max_bytes)


_NEEDS_NO_FIX = re.compile(r"[\t\n\x20-\x25\x27-\x7e]*\Z")  # printable ASCII without '&' (entities)


def fix(value: str) -> str:
    """ftfy's repair, skipped for plain ASCII text it would leave as it is (most of it is slow)."""
    return value if _NEEDS_NO_FIX.match(value) else fix_text(value)


def fixed(record: object) -> object:
    """Repair mojibake in a record's string fields, as ``read`` does for whole files."""
    if not isinstance(record, dict):
        return record
    out = {}
    for key, value in record.items():
        if isinstance(value, str):
            value = fix(value)
        elif isinstance(value, list):
            value = [fix(v) if isinstance(v, str) else v for v in value]
        out[str(key).strip().lower() if isinstance(key, str) else key] = value
    return out


def from_mapping(record: object, origin: str, path: str, kind: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Record:
    if isinstance(record, dict) and too_big_record(record, max_bytes):
        raise InputError(origin, over_cap(max_bytes))
    record = fixed(record)
    return Record(origin, record_hash(kind, record), record_to_raw(record, origin, path))


def iter_jsonl(path: str, progress: FileProgress, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record | InputError]:
    text, raw = open_text(path, max_bytes)
    with text:
        for lineno, line in enumerate(BoundedLines(text, max_bytes), start=1):
            if lineno % 64 == 0:
                progress.at(raw.tell())
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            if too_big(line, max_bytes):
                yield InputError(where, over_cap(max_bytes))
                continue
            try:
                yield from_mapping(json.loads(line), where, path, "json", max_bytes)
            except json.JSONDecodeError as exc:
                yield InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            except RecursionError:
                yield InputError(where, "invalid JSON: nested too deeply")
            except InputError as exc:
                yield exc


def iter_json(path: str, progress: FileProgress, max_bytes: int) -> Iterator[Record | InputError]:
    """A JSON array streamed value by value; a single object as in ``read``; else JSON lines."""
    text, raw = open_text(path, max_bytes)
    with text:
        buffer = text.read(CHUNK_CHARS)
        start = len(buffer) - len(buffer.lstrip())
        first = buffer[start:start + 1]
        if first == "[":
            yield from _iter_array(text, buffer, start + 1, path, lambda: progress.at(raw.tell()), max_bytes)
            return
        if first != "{":
            yield InputError(path, "not JSON: expected an array or an object")
            return
        # one object, read whole only while it fits under the cap (decompressed size counts)
        content = buffer + text.read(max_bytes + 1 - len(buffer))
    if len(content) <= max_bytes:
        try:
            payload = json.loads(content)
        except json.JSONDecodeError as exc:
            if exc.msg != "Extra data":
                yield InputError(f"{path}:{exc.lineno}", f"invalid JSON: {exc.msg} (column {exc.colno})")
                return
            payload = None
        except RecursionError:
            yield InputError(path, "invalid JSON: nested too deeply")
            return
        del content
        if payload is not None:
            if isinstance(payload, dict):
                for key in ("articles", "items", "data", "records"):
                    if isinstance(payload.get(key), list):
                        for index, record in enumerate(payload[key]):
                            yield _safe_mapping(record, f"{path}[{index}]", path, max_bytes)
                        return
            yield _safe_mapping(payload, path, path, max_bytes)
            return
    yield from _json_lines_or_error(path, progress, max_bytes)


def _json_lines_or_error(path: str, progress: FileProgress, max_bytes: int) -> Iterator[Record | InputError]:
    """A big .json file starting with '{' must be JSON lines; one error, not one per line, if not."""
    records = iter_jsonl(path, progress, max_bytes)
    first = next(records, None)
    if isinstance(first, InputError) and ("invalid JSON" in first.problem or "cap" in first.problem):
        yield InputError(path, "a JSON object this large cannot be streamed; use JSON lines or a top-level array")
        return
    if first is not None:
        yield first
    yield from records


def _safe_mapping(record: object, origin: str, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Record | InputError:
    try:
        return from_mapping(record, origin, path, "json", max_bytes)
    except InputError as exc:
        return exc


_JSON_STRUCTURE = re.compile(r'["\[\]{}]')
_JSON_STRING_END = re.compile(r'["\\]')


def _skip_value(buffer: str, position: int, refill) -> tuple[str, int, bool, int]:
    """Read past one JSON value (too big to decode) without holding it: (buffer, position, eof, newlines)."""
    depth, in_string, newlines, eof = 0, False, 0, False
    while True:
        pattern = _JSON_STRING_END if in_string else _JSON_STRUCTURE
        match = pattern.search(buffer, position)
        if match is None or (buffer[match.start()] == "\\" and match.start() + 1 >= len(buffer)):
            if eof:
                return buffer, len(buffer), True, newlines
            newlines += buffer.count("\n", position)
            buffer, position, eof = refill(buffer, len(buffer))
            continue
        newlines += buffer.count("\n", position, match.start())
        char, position = buffer[match.start()], match.end()
        if in_string:
            if char == "\\":
                position += 1  # the escaped character
            else:
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        else:
            depth -= 1
        if depth <= 0 and not in_string:
            return buffer, position, eof, newlines


def _iter_array(text, buffer: str, position: int, path: str, counter: Callable[[], None], max_bytes: int) -> Iterator[Record | InputError]:
    """Decode one array element at a time from a sliding buffer; ``line`` is the line at ``position``."""
    decoder = json.JSONDecoder()
    line = 1 + buffer.count("\n", 0, position)
    eof = False

    def refill(buffer: str, position: int) -> tuple[str, int, bool]:
        more = text.read(max(CHUNK_CHARS, min(len(buffer) - position, max_bytes)))  # grows geometrically for big records
        counter()
        return buffer[position:] + more, 0, not more

    while True:
        while position < len(buffer) and buffer[position] in " \t\r\n,":
            line += buffer[position] == "\n"
            position += 1
        if position >= len(buffer):
            if eof:
                yield InputError(f"{path}:{line}", "JSON array is not closed")
                return
            buffer, position, eof = refill(buffer, position)
            continue
        if buffer[position] == "]":
            return
        try:
            record, end = decoder.raw_decode(buffer, position)
        except RecursionError:
            yield InputError(f"{path}:{line}", "invalid JSON: nested too deeply; the rest of the file is skipped")
            return
        except json.JSONDecodeError as exc:
            incomplete = exc.pos >= len(buffer) - 1 or exc.msg.startswith("Unterminated")
            if not eof and incomplete and len(buffer) - position < max_bytes:
                buffer, position, eof = refill(buffer, position)
                continue
            if not eof and incomplete and buffer[position] in '{["':
                # an element over the cap: report it, read past it, go on with the next
                yield InputError(f"{path}:{line}", over_cap(max_bytes))
                buffer, position, eof, newlines = _skip_value(buffer, position, refill)
                line += newlines
                continue
            where = line + buffer.count("\n", position, exc.pos)
            yield InputError(f"{path}:{where}", f"invalid JSON: {exc.msg}; the rest of the file is skipped")
            return
        yield _safe_mapping(record, f"{path}:{line}", path, max_bytes)
        line += buffer.count("\n", position, end)
        position = end
        if position > CHUNK_CHARS:
            buffer, position = buffer[position:], 0


def iter_csv(path: str, progress: FileProgress, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record | InputError]:
    csv.field_size_limit(max_bytes)
    text, raw = open_text(path, max_bytes, newline="")
    with text:
        dialect = "excel-tab" if kind_of(path) == ".tsv" else "excel"
        lines = BoundedLines(text, max_bytes)
        reader = csv.reader(lines, dialect=dialect)
        try:
            header = [name.strip().lower() for name in next(reader)]
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"{path}:1", f"invalid CSV header: {exc}")
            return
        line = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problem = over_cap(max_bytes) if "field limit" in str(exc) else f"invalid CSV: {exc}"
                yield InputError(f"{path}:{line}", problem)
                line = reader.line_num + 1
                continue
            where = f"{path}:{line}"
            line = reader.line_num + 1
            if line % 64 == 0:
                progress.at(raw.tell())
            if lines.cut:
                lines.cut = 0
                yield InputError(where, over_cap(max_bytes))
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) > len(header):
                yield InputError(where, f"{len(row)} fields, the header names {len(header)}")
                continue
            try:
                yield from_mapping({k: v for k, v in zip(header, row) if k}, where, path, "csv", max_bytes)
            except InputError as exc:
                yield exc


def iter_parquet(path: str, progress: FileProgress, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Record | InputError]:
    import pyarrow.parquet as pq

    parquet = pq.ParquetFile(path)
    total_rows = parquet.metadata.num_rows or 1
    row_number = 0
    for batch in parquet.iter_batches(batch_size=256):
        for record in batch.to_pylist():
            row_number += 1
            try:
                yield from_mapping(record, f"{path}:row {row_number}", path, "parquet", max_bytes)
            except InputError as exc:
                yield exc
        progress.at(int(progress.size * row_number / total_rows))


# the record types of WARC 1.1 (ARC records are read as "response")
WARC_RECORD_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"})
URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def iter_warc(path: str, progress: FileProgress, max_bytes: int) -> Iterator[Record | InputError]:
    """HTML (and plain-text) responses of a WARC/ARC file; other records are not articles."""
    from warcio.archiveiterator import ArchiveIterator

    from parallax.read.decode import decode_bytes

    archived = 0  # records WARC defines, for a URI: garbage can parse as ARC records of a garbled address
    # warcio logs a broken record's raw header bytes ("Replacing spaces in invalid WARC-Target-URI: …"):
    # never onto the user's terminal
    logging.getLogger("warcio").setLevel(logging.ERROR)
    with open(path, "rb") as raw:
        records = ArchiveIterator(raw, arc2warc=True)
        for record in records:
            progress.at(raw.tell())
            target = record.rec_headers.get_header("WARC-Target-URI")
            archived += record.rec_type in WARC_RECORD_TYPES and (target is None or URI_SCHEME.match(target) is not None)
            if record.rec_type not in ("response", "resource"):
                continue
            headers = record.http_headers
            if headers is not None and headers.get_statuscode() and not headers.get_statuscode().startswith("2"):
                continue
            content_type = ((headers.get_header("Content-Type") if headers else None)
                            or record.rec_headers.get_header("Content-Type") or "").lower()
            if "html" not in content_type and "text/plain" not in content_type:
                continue
            data = record.content_stream().read(max_bytes + 1)  # before get_record_offset, which skips the rest
            where = f"{path}@{records.get_record_offset()}"
            if len(data) > max_bytes:
                yield InputError(where, over_cap(max_bytes))
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
            try:
                body = decode_bytes(data, where)
            except InputError as exc:
                yield exc
                continue
            html = "html" in content_type
            doc = RawDocument(origin=where, html=body if html else None, text=None if html else body,
                              meta={"url": url}, path=path)
            yield Record(where, record_hash("warc", (url or "").encode() + b"\0" + data), doc, crawled)
    if not archived:
        yield InputError(path, "not a readable WARC file (no WARC or ARC records in it)")


def iter_single(path: str, options: ReadOptions) -> Iterator[Record | InputError]:
    """A plain text, Markdown or HTML file: one article, read exactly as ``read`` does."""
    try:
        loaded = load_input(path, options)
    except InputError as exc:
        yield exc
        return
    for doc in loaded:
        if isinstance(doc, InputError):
            yield doc
        else:
            content = doc.text if doc.text is not None else doc.html or ""
            yield Record(doc.origin, record_hash("file", content.encode("utf-8")), doc)


def iter_records(path: str, options: ReadOptions, on_bytes: Callable[[int], None] | None = None) -> Iterator[Record | InputError]:
    """Every record of one input file, in file order; a file that breaks part-way ends with one error."""
    kind = kind_of(path)
    progress = FileProgress(path, on_bytes)
    cap = options.max_bytes
    if kind == "single":
        records = iter_single(path, options)
    elif kind == ".parquet":
        records = iter_parquet(path, progress, cap)
    elif kind == ".jsonl":
        records = iter_jsonl(path, progress, cap)
    elif kind == ".json":
        records = iter_json(path, progress, cap)
    elif kind in (".csv", ".tsv"):
        records = iter_csv(path, progress, cap)
    else:
        records = iter_warc(path, progress, cap)
    count = 0
    try:
        for item in records:
            count += not isinstance(item, InputError)
            yield item
    except InputError as exc:
        yield exc
    except (OSError, EOFError, ValueError, UnicodeError, RecursionError, MemoryError, zlib.error, *_container_errors()) as exc:
        kept = "" if not count else "; the record before it is kept" if count == 1 else f"; the {count} records before it are kept"
        yield InputError(path, f"{describe_failure(exc, kind)}{kept}")
    progress.finish()


def _container_errors() -> tuple[type[BaseException], ...]:
    """The exception types that the Parquet and WARC libraries raise for a broken file."""
    errors: list[type[BaseException]] = []
    try:
        import pyarrow

        errors.append(pyarrow.ArrowException)
    except ImportError:
        pass
    try:
        from warcio.exceptions import ArchiveLoadFailed

        errors.append(ArchiveLoadFailed)
    except ImportError:
        pass
    return tuple(errors)


def describe_failure(exc: BaseException, kind: str) -> str:
    """One line saying what is wrong with a file that could not be read to the end."""
    message = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    message = re.sub(r"[^\x20-\x7e]+", "?", message.split(", first line:")[0])[:160]  # no raw bytes on a terminal
    if isinstance(exc, gzip.BadGzipFile):
        return f"not a valid gzip file ({message})"
    if isinstance(exc, EOFError):
        return "truncated: the compressed data ends early"
    if isinstance(exc, zlib.error):
        return f"corrupt compressed data ({message})"
    if isinstance(exc, RecursionError):
        return "nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "too large to read in memory"
    if kind == ".parquet":
        return f"not a readable Parquet file ({message})"
    if kind in (".warc", ".arc"):
        return f"not a readable WARC file ({message})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return f"cannot read ({message})"


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0


# ---------------------------------------------------------------------------------- building


def build_record(record: Record, only_language: str | None = None) -> Built | InputError:
    """Raw record → Article and its clustering features (runs in Ray workers too)."""
    try:
        article = build_article(record.doc, raw_text_of(record.doc), set())
    except InputError as exc:
        return exc
    except Exception as exc:  # malformed markup deep inside a parser: this record fails, the batch goes on
        return InputError(record.origin, describe_failure(exc, "record"))
    if article.published is None and record.crawl_date:
        article = article.model_copy(update={"published": record.crawl_date})
    if only_language and article.language and article.language != only_language:
        return InputError(record.origin, f"skipped: language '{article.language}', not '{only_language}' (--lang)")
    return Built(record.record_hash, record.origin, article, features_of(article))


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items in order; the last one may be shorter."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


Runner = Callable[[Iterator[list[Record]], "str | None"], Iterator[list["Built | InputError"]]]


def local_runner(batches: Iterator[list[Record]], only_language: str | None) -> Iterator[list[Built | InputError]]:
    for batch in batches:
        yield [build_record(record, only_language) for record in batch]


def list_inputs(paths: Iterable[str]) -> tuple[list[str], list[InputError]]:
    files: list[str] = []
    errors: list[InputError] = []
    for item in expand_paths(list(paths)):
        if isinstance(item, InputError):
            errors.append(item)
        elif item == "-" or item.startswith(("http://", "https://")):
            errors.append(InputError(item, "ingest reads files and folders; save the page or stream to a file first"))
        else:
            files.append(item)
    return files, errors


def ingest(
    paths: Iterable[str],
    store: Store,
    options: ReadOptions | None = None,
    runner: Runner = local_runner,
    batch_size: int = INGEST_BATCH_RECORDS,
    on_error: Callable[[InputError], None] | None = None,
    on_bytes: Callable[[int], None] | None = None,
    files: list[str] | None = None,
) -> IngestStats:
    """Read ``paths`` into ``store``; bad records go to ``on_error`` and are skipped."""
    options = options or ReadOptions()
    stats = IngestStats()
    check_feature_kind(store)

    def fail(error: InputError) -> None:
        if error.problem.startswith("skipped: "):
            stats.skipped += 1
        else:
            stats.failed += 1
        if on_error:
            on_error(error)

    if files is None:
        files, errors = list_inputs(paths)
        for error in errors:
            fail(error)
    stats.files = len(files)

    def fresh_records() -> Iterator[Record]:
        for path in files:
            for item in iter_records(path, options, on_bytes):
                stats.records += 1
                if isinstance(item, InputError):
                    fail(item)
                elif store.has_record(item.record_hash):
                    stats.seen += 1
                else:
                    yield item

    for results in runner(batched(fresh_records(), batch_size), options.only_language):
        with store.transaction():
            for result in results:
                if isinstance(result, InputError):
                    fail(result)
                elif store.add_article(result.article, result.features, result.record_hash):
                    stats.added += 1
                else:
                    stats.duplicates += 1
    stats.bytes = sum(_size(path) for path in files)
    return stats
