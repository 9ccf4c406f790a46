"""Corpus mode: ingest, store, clustering, stories, evaluation, the Ray engine.

The labelled corpus in tests/corpus/ holds 12 fictional stories told by 1-4
outlets, with near misses: a second drone strike on the same city a week
later, two central banks deciding on rates the same day, two fires the same
day, and the same company in the news twice in three days.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from parallax.corpus.cluster import ClusterOptions, cluster_store, parse_window
from parallax.corpus.evaluate import bcubed, evaluate_store, read_labels
from parallax.corpus.ingest import ingest
from parallax.corpus.store import Store

CORPUS = Path(__file__).parent / "corpus"
ARTICLES = CORPUS / "articles.jsonl"
LABELS = CORPUS / "labels.csv"
PARALLAX = [str(Path(sys.executable).with_name("parallax"))]


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(PARALLAX + list(args), capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def clustered(tmp_path_factory) -> Path:
    """The labelled corpus ingested and clustered once (local engine)."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    with Store(db) as store:
        ingest([str(ARTICLES)], store)
        cluster_store(store)
    return db


def test_ingest_is_idempotent(tmp_path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        first = ingest([str(ARTICLES)], store)
        assert (first.added, first.failed, first.seen) == (32, 0, 0)
        again = ingest([str(ARTICLES)], store)
        assert (again.added, again.seen, again.failed) == (0, 32, 0)
        assert store.count_articles() == 32
        assert store.feature_count() == 32


def test_resume_after_interruption_loses_nothing(tmp_path) -> None:
    """A batch that fails half-way is rolled back; the re-run stores everything once."""
    db = tmp_path / "c.db"

    def failing_runner(batches, only_language):
        from parallax.corpus.ingest import local_runner

        for number, results in enumerate(local_runner(batches, only_language)):
            if number == 1:
                raise KeyboardInterrupt
            yield results

    with Store(db) as store:
        with pytest.raises(KeyboardInterrupt):
            ingest([str(ARTICLES)], store, runner=failing_runner, batch_size=10)
        assert store.count_articles() == 10
        rest = ingest([str(ARTICLES)], store, batch_size=10)
        assert (rest.added, rest.seen) == (22, 10)
        assert store.count_articles() == 32


def test_bad_records_are_reported_and_skipped(tmp_path) -> None:
    good = {"id": "g1", "title": "Bridge closed", "text": "The council closed the old bridge on Monday after engineers found cracks."}
    jsonl = tmp_path / "feed.jsonl"
    jsonl.write_text(
        json.dumps(good) + "\n" + "{not json\n" + json.dumps({"id": "g2", "title": "no text"}) + "\n\n"
        + json.dumps({**good, "id": "g3", "text": good["text"] + " Ferries will run."}) + "\n",
        encoding="utf-8",
    )
    table = tmp_path / "feed.csv"
    table.write_text('id,title,text\nc1,Rates,"The central bank raised rates to 6%."\nc2,Empty,\n', encoding="utf-8")
    array = tmp_path / "feed.json"
    array.write_text(json.dumps([{"id": "j1", "text": "Fire crews contained the grass fire near Redstone."}, 7]), encoding="utf-8")
    db = tmp_path / "c.db"
    result = run("ingest", str(tmp_path), "--db", str(db))
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 4, result.stderr
    assert any(f"{jsonl}:2: invalid JSON" in line for line in errors)
    assert any(f"{jsonl}:3: record has no text" in line for line in errors)
    assert any(f"{table}:3:" in line for line in errors)
    assert any(f"{array}:1" in line and "JSON object" in line for line in errors)
    with Store(db) as store:
        assert sorted(r["source_id"] for r in store.iter_articles()) == ["c1", "g1", "g3", "j1"]


def test_clustering_finds_events_not_topics(clustered) -> None:
    with Store(clustered) as store:
        scores = evaluate_store(store, read_labels(LABELS))
        assert scores.articles == 32 and not scores.missing
        assert scores.f1 >= 0.9, scores
        story_of = {source: story for story in store.list_stories() for source in
                    (row["source_id"] for row in store.story_rows(story["id"]))}
    # the near misses stay apart
    assert story_of["karsk-1"] != story_of["karsk-b1"]
    assert story_of["dal-1"] != story_of["sur-1"]
    assert story_of["pine-1"] != story_of["red-1"]
    assert story_of["lum-1"] != story_of["lum-p1"]


def test_clustering_on_seesaw_triplets(tmp_path) -> None:
    """Real same-story articles from left, centre and right outlets (../shared/corpora, when present)."""
    stories = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "seesaw" / "stories"
    if not stories.is_dir():
        pytest.skip("../shared/corpora/seesaw not present")
    labels = {}
    for path in sorted(stories.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            labels[json.loads(line)["id"]] = path.stem
    with Store(tmp_path / "seesaw.db") as store:
        ingest([str(stories)], store)
        cluster_store(store)
        assert evaluate_store(store, labels).f1 >= 0.9


def test_clustering_is_incremental(tmp_path) -> None:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[::2]), encoding="utf-8")
    second.write_text("".join(lines[1::2]), encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        ingest([str(first)], store)
        cluster_store(store)
        before = dict(store.story_assignments())
        ingest([str(second)], store)
        stats = cluster_store(store)
        after = dict(store.story_assignments())
        assert stats.articles == len(lines) - len(before)
        assert all(after[article] == story for article, story in before.items())
        assert evaluate_store(store, read_labels(LABELS)).f1 >= 0.9


def test_stories_json_shape(clustered) -> None:
    result = run("stories", "--db", str(clustered), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["schema_version"] == "1"
    seen = []
    for story in payload["stories"]:
        assert {"id", "title", "articles"} <= set(story)
        for article in story["articles"]:
            assert {"id", "source_id", "path", "url", "outlet", "title", "published"} <= set(article)
            seen.append(article["id"])
    assert len(seen) == len(set(seen)) == 32  # every article in exactly one story, singletons included
    text = run("stories", "--db", str(clustered))
    assert text.returncode == 0 and "Velmora" in text.stdout


def test_evaluate_clusters_command(clustered) -> None:
    result = run("evaluate-clusters", str(LABELS), "--db", str(clustered), "--format", "json")
    assert result.returncode == 0, result.stderr
    scores = json.loads(result.stdout)
    assert scores["f1"] >= 0.9 and scores["articles"] == 32


def test_bcubed_by_hand() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    precision, recall, f1 = bcubed({"a": "1", "b": "1", "c": "1", "d": "2"}, gold)
    # a, b: 2/3 precise; c: 1/3; d: 1 → 2/3 | a, b: 1; c, d: 1/2 → 3/4
    assert precision == pytest.approx(2 / 3) and recall == pytest.approx(3 / 4)
    assert f1 == pytest.approx(2 * (2 / 3) * (3 / 4) / (2 / 3 + 3 / 4))


def test_window_parsing() -> None:
    assert parse_window("3d") == 3 and parse_window("72h") == 3 and parse_window("36h") == 2
    assert parse_window("1w") == 7 and parse_window(2) == 2
    with pytest.raises(ValueError):
        parse_window("soon")


def test_search_and_report_cache(clustered) -> None:
    with Store(clustered) as store:
        hits = store.search('Velmora (bridge "')  # FTS syntax in the input is harmless
        assert hits and all("bridge" in hit["source_id"] for hit in hits)
        story_id = hits[0]["story_id"]
        store.save_report(story_id, '{"schema_version": "1"}', "key")
        assert store.load_report(story_id) == ("key", '{"schema_version": "1"}')
        assert store.search("") == []


def test_warc_html_records(tmp_path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = ("<html><head><title>Harbour reopens after bridge collapse</title></head><body><article>"
            "<h1>Harbour reopens after bridge collapse</h1>"
            "<p>Velmora harbour reopened to ships on Thursday, three days after the Tallin Street bridge fell into the water.</p>"
            "<p>The harbour master said ferries to the islands were running on their normal timetable again.</p>"
            "</article></body></html>")
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, content_type, body in (("https://example.org/harbour", "text/html; charset=utf-8", page.encode()),
                                         ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2024-03-07T10:00:00Z"})
            writer.write_record(record)
    with Store(tmp_path / "c.db") as store:
        stats = ingest([str(path)], store)
        assert stats.added == 1 and stats.failed == 0
        (article,) = list(store.iter_articles(("url", "title", "published")))
    assert article == {"url": "https://example.org/harbour", "title": "Harbour reopens after bridge collapse",
                       "published": "2024-03-07"}


def test_export_round_trip(clustered, tmp_path) -> None:
    import pyarrow.parquet as pq

    from parallax.corpus.commands import export_tables

    with Store(clustered) as store:
        counts = export_tables(store, tmp_path, "parquet")
    assert counts["articles"] == counts["story_articles"] == 32
    assert pq.read_table(tmp_path / "story_articles.parquet").num_rows == 32
    with Store(tmp_path / "again.db") as store:  # an export reads back in with the same ids
        ingest([str(tmp_path / "articles.parquet")], store)
        with Store(clustered) as original:
            assert {r["id"] for r in store.iter_articles()} == {r["id"] for r in original.iter_articles()}


def test_report_of_one_story(clustered) -> None:
    with Store(clustered) as store:
        story = next(s for s in store.list_stories() if "Surenland" in (s["title"] or ""))
    result = run("report", story["id"], "--db", str(clustered), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["schema_version"] == "1" and len(report["articles"]) == 2
    assert run("report", "s-missing", "--db", str(clustered)).returncode == 2


def test_ray_missing_is_a_clear_error(monkeypatch) -> None:
    from parallax.corpus import ray_engine

    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ray_engine.RayMissing, match=r"parallax-news\[ray\]"):
        ray_engine.require_ray()


@pytest.mark.ray
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_ray_engine_matches_local(clustered, tmp_path) -> None:
    pytest.importorskip("ray")
    from parallax.corpus.cluster import cluster_store as run_cluster
    from parallax.corpus.ray_engine import cluster_runner, ingest_runner, ray_session

    db = tmp_path / "ray.db"
    with Store(db) as store, ray_session(num_cpus=2):
        stats = ingest([str(ARTICLES)], store, runner=ingest_runner(chunk_records=20, map_batch=8))
        assert stats.added == 32
        run_cluster(store, ClusterOptions(), runner=cluster_runner(in_flight=2))
        ray_stories = sorted(store.story_assignments())
    with Store(clustered) as local:
        assert ray_stories == sorted(local.story_assignments())
