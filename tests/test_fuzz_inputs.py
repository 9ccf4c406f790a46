"""Property tests: random bytes, random encodings, truncated and nested archives,
huge and deep inputs thrown at every reader and at ``ingest``. Nothing may
raise (a bad input is an InputError, reported), and every good record is kept.

Example counts are small so the whole file runs in well under a minute."""

from __future__ import annotations

import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.corpus.ingest import ingest
from parallax.corpus.store import Store
from parallax.errors import InputError
from parallax.read import ReadOptions
from parallax.read.decode import decode_bytes
from parallax.read.sources import read_submission

FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
READER_SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl", ".csv", ""]
INGEST_SUFFIXES = [".jsonl", ".jsonl.gz", ".json", ".json.gz", ".csv", ".csv.gz", ".parquet", ".warc", ".warc.gz", ".txt", ".html"]
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "koi8-r", "shift_jis", "gb18030", "iso-8859-7"]
WORDS = ["council", "bridge", "closed", "Monday", "engineers", "cracks", "ferry", "mayor", "said", "résidents", "Zürich", "officials"]

sentences = st.lists(st.sampled_from(WORDS), min_size=6, max_size=20).map(lambda ws: " ".join(ws).capitalize() + ".")
good_records = st.lists(sentences, min_size=1, max_size=4, unique=True).map(
    lambda texts: [{"id": f"g{i}", "title": f"Story {i}", "text": f"{t} Story {i} goes on at length about it."} for i, t in enumerate(texts)])


def read_all(files: list[tuple[str, bytes]], max_bytes: int = 1 << 20):
    result = read_submission(files, [], [], ReadOptions(max_bytes=max_bytes))
    for failure in result.failures:
        assert failure.origin and failure.problem and "\n" not in failure.problem
    return result


@FAST
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(READER_SUFFIXES))
def test_random_bytes_at_every_reader(data: bytes, suffix: str) -> None:
    result = read_all([(f"input{suffix}", data)])
    assert len(result.articles) + len(result.failures) + len(result.skipped) >= 1


@FAST
@given(text=st.text(min_size=1, max_size=800), codec=st.sampled_from(CODECS))
def test_random_encodings_decode_or_fail_cleanly(text: str, codec: str) -> None:
    data = text.encode(codec, errors="ignore")
    try:
        decoded = decode_bytes(data, "x")
    except InputError:
        return
    assert isinstance(decoded, str)


@FAST
@given(sentence=sentences, codec=st.sampled_from(["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"]))
def test_a_real_article_in_any_common_encoding_is_read(sentence: str, codec: str) -> None:
    text = f"Bridge closed\n\n{sentence} The regional council met on Monday and officials said the ferry will run."
    result = read_all([("story.txt", text.encode(codec, errors="ignore"))])
    assert not result.failures and "ferry will run" in result.articles[0].text


def jsonl(records: list[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def ingested(files: dict[str, bytes], max_bytes: int = 1 << 20) -> tuple[set[str], list[InputError]]:
    errors: list[InputError] = []
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, content in files.items():
            path = Path(folder) / name
            path.write_bytes(content)
            paths.append(str(path))
        with Store(Path(folder) / "c.db") as store:
            ingest(sorted(paths), store, ReadOptions(max_bytes=max_bytes), on_error=errors.append)
            kept = {row["source_id"] for row in store.iter_articles()}
    for error in errors:
        assert isinstance(error, InputError) and "\n" not in error.problem
    return kept, errors


@FAST
@given(records=good_records, junk=st.binary(max_size=2000), suffix=st.sampled_from(INGEST_SUFFIXES))
def test_a_bad_file_beside_a_good_one_loses_nothing(records, junk: bytes, suffix: str) -> None:
    kept, errors = ingested({"a-good.jsonl": jsonl(records), f"b-junk{suffix}": junk})
    assert {r["id"] for r in records} <= kept
    assert all("a-good.jsonl" not in e.origin for e in errors)


@FAST
@given(records=good_records, cut=st.floats(0.05, 0.95), layers=st.integers(1, 3), flip=st.booleans())
def test_truncated_nested_and_corrupt_gzip(records, cut: float, layers: int, flip: bool) -> None:
    data = jsonl(records)
    for _ in range(layers):  # gzip inside gzip inside gzip: only the outer one is undone
        data = gzip.compress(data)
    damaged = bytearray(data[: max(1, int(len(data) * cut))])
    if flip:
        damaged[len(damaged) // 2] ^= 0xFF
    kept, errors = ingested({"feed.jsonl.gz": bytes(damaged), "z-good.jsonl": jsonl([{"id": "z", "text": "The ferry runs hourly now, officials said on Monday."}])})
    assert "z" in kept and kept - {"z"} <= {r["id"] for r in records}
    assert errors and all("feed.jsonl.gz" in e.origin for e in errors)


@FAST
@given(records=good_records, depth=st.integers(100, 20_000), kind=st.sampled_from(["json-array", "jsonl-line", "html"]))
def test_deep_inputs(records, depth: int, kind: str) -> None:
    if kind == "json-array":
        deep = json.dumps(records)[:-1] + ", " + "[" * depth + "]" * depth + "]"
        kept, errors = ingested({"deep.json": deep.encode()})
    elif kind == "jsonl-line":
        kept, errors = ingested({"deep.jsonl": jsonl(records) + b"[" * depth + b"\n" + jsonl([{"id": "after", "text": "Officials said the ferry runs."}])})
        assert "after" in kept
    else:
        page = "<html><body>" + "<div>" * depth + "<p>The council closed the old bridge on Monday, officials said.</p>" + "</div>" * depth
        kept, errors = ingested({"deep.html": page.encode(), "good.jsonl": jsonl(records)})
        assert any("deep.html" in e.origin for e in errors) or len(kept) == len(records) + 1
    assert {r["id"] for r in records} <= kept


@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(records=good_records, size=st.integers(5_000, 200_000), fmt=st.sampled_from([".jsonl", ".jsonl.gz", ".csv", ".json"]))
def test_huge_records_are_capped_and_the_rest_kept(records, size: int, fmt: str) -> None:
    huge = {"id": "huge", "text": "word " * (size // 5)}
    rows = records[:1] + [huge] + records[1:]
    if fmt.startswith(".jsonl"):
        content = jsonl(rows)
    elif fmt == ".json":
        content = json.dumps(rows).encode()
    else:
        buffer = io.StringIO()
        import csv

        writer = csv.writer(buffer)
        writer.writerow(["id", "title", "text"])
        for row in rows:
            writer.writerow([row["id"], row.get("title", ""), row["text"]])
        content = buffer.getvalue().encode()
    if fmt.endswith(".gz"):
        content = gzip.compress(content)
    kept, errors = ingested({f"feed{fmt}": content}, max_bytes=4_000)
    assert kept == {r["id"] for r in records}
    assert len(errors) == 1 and "cap" in errors[0].problem
