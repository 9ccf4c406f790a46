"""Ingest under bad containers and oversized input: every bad file is one line
``file: problem``, the good records before and after it are kept, exit 1; caps
apply to decompressed bytes as they stream and to every record."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

from parallax.corpus.ingest import ingest
from parallax.corpus.store import Store
from parallax.read import ReadOptions

PARALLAX = [str(Path(sys.executable).with_name("parallax"))]
TEXT = "The council closed the old bridge on Monday after engineers found deep cracks in two pillars."


def record(i: int) -> str:
    return json.dumps({"id": f"r{i}", "title": f"Bridge {i}", "text": f"{TEXT} Report number {i} of the series."})


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(PARALLAX + list(args), capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "300"})


def test_bad_containers_are_named_and_skipped(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.jsonl").write_text(record(1) + "\n" + record(2) + "\n")
    # a gzip cut short after its first record: that record is kept
    whole = gzip.compress(("\n".join(record(i) for i in range(3, 50)) + "\n").encode())
    (folder / "b-truncated.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (folder / "c-fake.jsonl.gz").write_text(record(60) + "\n")  # not gzip at all
    (folder / "d-garbage.parquet").write_bytes(b"PAR1 this is not parquet" * 10)
    (folder / "e-garbage.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nnonsense\r\n\r\n") + b"\x00garbage")
    draws = random.Random(0)
    garbled = [draws.randbytes(2000) for _ in range(83)][-1]  # random bytes that parse as ARC records of garbled addresses
    (folder / "f-garbage.warc").write_bytes(garbled)
    (folder / "g-good.jsonl").write_text(record(70) + "\n")
    db = tmp_path / "c.db"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr and "Aborted" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    for name in ("b-truncated.jsonl.gz", "c-fake.jsonl.gz", "d-garbage.parquet", "e-garbage.warc.gz", "f-garbage.warc"):
        assert sum(name in line for line in errors) == 1, (name, result.stderr)
    with Store(db) as store:
        ids = {row["source_id"] for row in store.iter_articles()}
    assert {"r1", "r2", "r3", "r70"} <= ids


def test_gzip_bomb_stops_early_with_bounded_memory(tmp_path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    member = gzip.compress(b"a" * (16 << 20), compresslevel=9)  # gzip members concatenate into one stream
    with open(bomb, "wb") as out:
        out.write(gzip.compress((record(1) + "\n" + '{"text": "').encode()))
        for _ in range(64):  # 1 GiB of one record, about 1 MB compressed
            out.write(member)
        out.write(gzip.compress(b'"}\n'))
    db = tmp_path / "c.db"
    code = (
        "import sys, time; from parallax.corpus.ingest import ingest; from parallax.corpus.store import Store;"
        "from parallax.read import ReadOptions; t = time.time(); errors = [];"
        f"s = Store({str(db)!r}); stats = ingest([{str(bomb)!r}], s, ReadOptions(max_bytes=1 << 20), on_error=errors.append);"
        # VmHWM: this process's own peak (ru_maxrss would carry the forking parent's)
        "peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM'));"
        "print(stats.added, time.time() - t, peak // 1024);"
        "print(*(e.origin + ': ' + e.problem for e in errors), sep='\\n')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    first, *errors = result.stdout.strip().splitlines()
    added, seconds, peak_mb = first.split()
    assert added == "1" and float(seconds) < 20 and int(peak_mb) < 400, result.stdout
    assert len(errors) == 1 and "bomb.jsonl.gz" in errors[0], errors


def test_every_record_is_capped(tmp_path) -> None:
    big = "word " * 300_000  # 1.5 MB
    feed = tmp_path / "feed.jsonl"
    feed.write_text(record(1) + "\n" + json.dumps({"id": "big", "text": big}) + "\n" + record(2) + "\n")
    table = tmp_path / "feed.csv"
    table.write_text(f"id,text\nc1,{TEXT}\nc2,{big}\nc3,{TEXT} Again.\n")
    array = tmp_path / "feed.json"
    array.write_text(json.dumps([{"id": "j1", "text": TEXT + " Array."}, {"id": "j2", "text": big}, {"id": "j3", "text": TEXT + " Third."}]))
    errors = []
    with Store(tmp_path / "c.db") as store:
        ingest([str(feed), str(table), str(array)], store, ReadOptions(max_bytes=1_000_000), on_error=errors.append)
        ids = {row["source_id"] for row in store.iter_articles()}
    assert ids == {"r1", "r2", "c1", "c3", "j1", "j3"}, (ids, errors)
    assert len(errors) == 3 and all("cap" in e.problem for e in errors), [(e.origin, e.problem) for e in errors]


def test_ingest_and_read_build_records_alike_but_ingest_keeps_batch_furniture(tmp_path) -> None:
    """One reader path: the same records give the same clean texts and ids in ``read``
    and ``ingest``, except the lines ``read`` drops for repeating across its batch."""
    from parallax.ids import article_id
    from parallax.read import read_inputs

    furniture = "More stories from the river valley desk"
    bodies = [f"Officials in town number {i} said the bridge would stay shut for a week while crews inspect it."
              for i in range(3)]
    path = tmp_path / "corpus.jsonl"
    lines = [json.dumps({"id": f"r{i}", "text": f"{body}\n\n{furniture}"}) for i, body in enumerate(bodies)]
    plain = "A ferry will carry commuters across the river until the bridge reopens, the operator said on Monday."
    lines.append(json.dumps({"id": "plain", "text": plain}))
    path.write_text("\n".join(lines), encoding="utf-8")
    read_texts = {a.source_id: a.text for a in read_inputs([str(path)]).articles}
    with Store(tmp_path / "c.db") as store:
        ingest([str(path)], store)
        stored = {row["source_id"]: (row["id"], row["text"]) for row in store.iter_articles(("id", "source_id", "text"))}
    assert set(read_texts) == set(stored) == {"r0", "r1", "r2", "plain"}
    assert stored["plain"] == (article_id(plain), plain) and read_texts.pop("plain") == plain
    for source_id, text in read_texts.items():
        assert furniture not in text  # read: repeated across the batch, so site furniture
        ingested_id, ingested_text = stored[source_id]
        # ingest cleans each record alone, so a resumed or Ray run stores the same text
        assert ingested_text == text + "\n\n" + furniture
        assert ingested_id.startswith("a") and ingested_id != article_id(text)
