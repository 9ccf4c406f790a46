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


def test_stale_server_folders_are_cleaned_at_start(tmp_path) -> None:
    import os
    import time

    from parallax.web.jobs import clean_stale_run_dirs

    gone = tmp_path / "parallax-serve-999999999-ab12"  # no such process
    mine = tmp_path / f"parallax-serve-{os.getpid()}-cd34"
    legacy_old, legacy_new = tmp_path / "parallax-a1b2c3d4", tmp_path / "parallax-e5f6g7h8"
    someone_elses = tmp_path / "parallax-fixtures"  # the same shape of name, other contents
    for folder in (gone, mine, legacy_old, legacy_new, someone_elses):
        folder.mkdir()
        (folder / "000-upload.txt").write_text("x")
    (someone_elses / "notes.md").write_text("mine")
    hours_ago = time.time() - 3 * 3600
    for folder in (legacy_old, someone_elses):
        os.utime(folder, (hours_ago, hours_ago))
    removed = clean_stale_run_dirs(str(tmp_path))
    assert sorted(removed) == sorted([str(gone), str(legacy_old)])
    assert mine.exists() and legacy_new.exists() and someone_elses.exists()
