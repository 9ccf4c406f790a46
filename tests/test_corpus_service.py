"""The corpus core shared by the CLI and the web app: one story id scheme, one
report key, and a cached report that never outlives a change of membership."""

from __future__ import annotations

from parallax.corpus.service import cached_report, report_key, save_submission, story_id_for
from parallax.corpus.store import Store
from parallax.model import Article, StoryReport


def article(n: int) -> Article:
    return Article(id=f"a{n:012x}", title=f"Story {n}", text=f"Article number {n} about the bridge.", word_count=6)


def test_a_report_is_invalidated_when_its_story_gains_or_loses_an_article(tmp_path) -> None:
    with Store(tmp_path / "s.db") as store:
        a, b, c = article(1), article(2), article(3)
        first = save_submission(store, StoryReport(articles=[a, b]))
        assert first == story_id_for(a.id) and cached_report(store, first) is not None
        assert store.load_report(first)[0] == report_key([a.id, b.id])
        # b is submitted again with c: it moves to the new story; the old story's report is stale now
        second = save_submission(store, StoryReport(articles=[c, b]))
        assert store.story_article_ids(first) == [a.id] and cached_report(store, first) is None
        assert cached_report(store, second) is not None
        # a story that grows keeps no stale report either
        store.add_article(article(4))
        store.assign(article(4).id, second, 0.5, seed=False)
        assert cached_report(store, second) is None


def test_a_story_left_empty_goes_away(tmp_path) -> None:
    with Store(tmp_path / "s.db") as store:
        a = article(1)
        first = save_submission(store, StoryReport(articles=[a]))
        save_submission(store, StoryReport(articles=[article(2), a]))
        assert store.story(first) is None and store.count_stories() == 1


def test_jobs_survive_reopening_the_store(tmp_path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        job_id = store.create_job("analyse", 60, files=[("a.txt", b"text")], records=[{"text": "pasted"}], urls=["https://x.example/"])
        assert store.claim_job("host:1:t")["id"] == job_id
    with Store(path) as store:
        job = store.get_job(job_id)
        assert job["status"] == "running" and job["urls"] == ["https://x.example/"]
        assert store.job_inputs(job_id) == ([("a.txt", b"text")], [{"text": "pasted"}])
        store.requeue_job(job_id, "waiting")
        assert store.request_cancel(job_id) == "cancelled" and store.job_inputs(job_id) == ([], [])
        store.finish_job(job_id, "done")  # a final state is final
        assert store.get_job(job_id)["status"] == "cancelled"


def test_a_store_from_before_jobs_gains_the_jobs_tables(tmp_path) -> None:
    import sqlite3

    path = tmp_path / "old.db"
    Store(path).close()
    old = sqlite3.connect(path)
    old.executescript("DROP TABLE job_inputs; DROP TABLE jobs; PRAGMA user_version = 1;")
    old.close()
    with Store(path) as store:
        assert store.get_job(store.create_job("report", 10, story_id="s1"))["status"] == "queued"
