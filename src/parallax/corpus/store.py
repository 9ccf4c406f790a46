"""The corpus store: one SQLite file (WAL mode) behind ingest, cluster and serve.

One embedded file keeps a laptop setup trivial and lets the web app read
while a long ingest writes (WAL allows one writer beside many readers).
Every statement takes its values as parameters; nothing is pasted into SQL.

Tables
    articles        one row per distinct clean text (id = content hash), the
                    Article JSON kept whole so reports need no re-reading
    articles_fts    FTS5 index over title + text (kept in step by triggers)
    features        clustering features per article (day, MinHash, terms)
    term_df         document frequencies of the feature terms (for IDF)
    seen_records    hashes of raw input records, so re-runs skip them fast
    stories         one row per story, with a cached report
    story_articles  the story of every clustered article (one each)
    jobs            web analyses: queued → running → done | failed | cancelled,
                    with their stage and progress, so they survive a restart
    job_inputs      what a queued job will read (files and pasted records),
                    dropped when the job ends
"""

from __future__ import annotations

import json
import re
import sqlite3
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from parallax.model import Article

STORE_VERSION = "1"
SCHEMA_USER_VERSION = 2  # PRAGMA user_version of a store whose schema is complete (2: jobs)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source_id TEXT, path TEXT, url TEXT, outlet TEXT, title TEXT,
    published TEXT, author TEXT, language TEXT, word_count INTEGER,
    text TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_source_id ON articles (source_id);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5 (
    title, text, content='articles', content_rowid='seq'
);
CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TABLE IF NOT EXISTS features (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    day INTEGER,
    signature BLOB NOT NULL,
    terms TEXT NOT NULL,
    names TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS features_day ON features (day, article_id);
CREATE TABLE IF NOT EXISTS term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seen_records (
    record_hash TEXT PRIMARY KEY, article_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    title TEXT,
    seed_article_id TEXT NOT NULL,
    report_key TEXT,
    report_json TEXT
);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    score REAL
);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles (story_id);
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                 -- analyse | report
    status TEXT NOT NULL,               -- queued | running | done | failed | cancelled
    created REAL NOT NULL, started REAL, finished REAL, heartbeat REAL,
    owner TEXT, attempts INTEGER NOT NULL DEFAULT 0,
    time_limit REAL NOT NULL,
    story_id TEXT, urls TEXT NOT NULL DEFAULT '[]',
    stage TEXT, done INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0, warnings TEXT NOT NULL DEFAULT '[]', error TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status, seq);
CREATE TABLE IF NOT EXISTS job_inputs (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,                 -- file (content: bytes) | record (content: JSON)
    content BLOB NOT NULL,
    PRIMARY KEY (job_id, position)
) WITHOUT ROWID;
"""

JOB_STATES = ("queued", "running", "done", "failed", "cancelled")
FINAL_STATES = ("done", "failed", "cancelled")

ARTICLE_FIELDS = ("id", "source_id", "path", "url", "outlet", "title", "published")
_FTS_TOKEN = re.compile(r"\w+")


@dataclass
class FeatureRow:
    """What clustering keeps of an article: its day, MinHash, weighted terms and names."""

    article_id: str
    day: int | None
    signature: bytes
    terms: dict[str, float]
    names: dict[str, float]


class Store:
    """A corpus database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        # isolation_level=None: transactions are explicit (``with store.transaction()``).
        self.db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA busy_timeout=30000")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA synchronous=NORMAL")
        # Opening is cheap and writes nothing once the schema exists: the web
        # app opens the store per request while an ingest may be writing.
        if self.db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_USER_VERSION:
            self.db.execute("PRAGMA journal_mode=WAL")  # persistent: set once with the schema
            self.db.executescript(SCHEMA)
            self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", ("store_version", STORE_VERSION))
            self.db.execute(f"PRAGMA user_version = {SCHEMA_USER_VERSION:d}")  # a constant; PRAGMA takes no parameters
        self._depth = 0

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write; nested uses join the outer transaction."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.db.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")
        finally:
            self._depth = 0

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    # ------------------------------------------------------------------ articles

    def add_article(self, article: Article, features: FeatureRow | None = None, record_hash: str | None = None) -> bool:
        """Store one article; False when an article with the same id is already there."""
        with self.transaction():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO articles (id, source_id, path, url, outlet, title, published, author,"
                " language, word_count, text, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, article.source_id, article.path, article.url, article.outlet, article.title,
                    article.published, article.author, article.language, article.word_count, article.text,
                    article.model_dump_json(),
                ),
            )
            added = cursor.rowcount == 1
            if added and features is not None:
                self.add_features(features)
            if record_hash is not None:
                self.mark_record(record_hash, article.id)
        return added

    def add_articles(self, articles: Iterable[Article]) -> tuple[int, int]:
        """Store many articles in one transaction; returns (added, already present)."""
        added = present = 0
        with self.transaction():
            for article in articles:
                if self.add_article(article):
                    added += 1
                else:
                    present += 1
        return added, present

    def count_articles(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def iter_articles(self, fields: tuple[str, ...] = ARTICLE_FIELDS) -> Iterator[dict]:
        """Every article's columns in insertion order, streamed."""
        columns = ", ".join(_column(name) for name in fields)
        for row in self.db.execute(f"SELECT {columns} FROM articles ORDER BY seq"):
            yield dict(row)

    def ids_for_source_ids(self) -> dict[str, list[str]]:
        """source_id → article ids (a source id may be reused across files)."""
        out: dict[str, list[str]] = {}
        for row in self.db.execute("SELECT source_id, id FROM articles WHERE source_id IS NOT NULL ORDER BY seq"):
            out.setdefault(row["source_id"], []).append(row["id"])
        return out

    # ------------------------------------------------------------------ raw records

    def has_record(self, record_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM seen_records WHERE record_hash = ?", (record_hash,)).fetchone() is not None

    def mark_record(self, record_hash: str, article_id: str) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO seen_records (record_hash, article_id) VALUES (?, ?)", (record_hash, article_id)
        )

    # ------------------------------------------------------------------ features

    def add_features(self, row: FeatureRow) -> None:
        """Store an article's features and count its terms once in ``term_df``."""
        with self.transaction():
            cursor = self.db.execute(
                "INSERT OR IGNORE INTO features (article_id, day, signature, terms, names) VALUES (?, ?, ?, ?, ?)",
                (row.article_id, row.day, row.signature, json.dumps(row.terms, sort_keys=True), json.dumps(row.names, sort_keys=True)),
            )
            if cursor.rowcount == 1:
                self.db.executemany(
                    "INSERT INTO term_df (term, df) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET df = df + 1",
                    [(term,) for term in [*row.terms, *row.names]],
                )

    def drop_features(self) -> None:
        """Forget all features (they are recomputed from the stored articles)."""
        with self.transaction():
            self.db.execute("DELETE FROM features")
            self.db.execute("DELETE FROM term_df")

    def articles_without_features(self) -> Iterator[Article]:
        query = "SELECT a.json FROM articles a LEFT JOIN features f ON f.article_id = a.id WHERE f.article_id IS NULL ORDER BY a.seq"
        for row in self.db.execute(query).fetchall():
            yield Article.model_validate_json(row["json"])

    def feature_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM features").fetchone()[0]

    def document_frequencies(self) -> dict[str, int]:
        return {row[0]: row[1] for row in self.db.execute("SELECT term, df FROM term_df")}

    def features_between(self, first_day: int, last_day: int) -> list[FeatureRow]:
        """Features of dated articles with first_day <= day <= last_day, in (day, id) order."""
        rows = self.db.execute(
            "SELECT article_id, day, signature, terms, names FROM features WHERE day BETWEEN ? AND ? ORDER BY day, article_id",
            (first_day, last_day),
        )
        return [_feature(row) for row in rows]

    def undated_features(self) -> list[FeatureRow]:
        rows = self.db.execute("SELECT article_id, day, signature, terms, names FROM features WHERE day IS NULL ORDER BY article_id")
        return [_feature(row) for row in rows]

    def all_features(self) -> list[FeatureRow]:
        rows = self.db.execute("SELECT article_id, day, signature, terms, names FROM features ORDER BY day IS NULL, day, article_id")
        return [_feature(row) for row in rows]

    # ------------------------------------------------------------------ stories

    def pending_days(self) -> tuple[list[int], bool]:
        """Distinct days of articles not yet in a story, and whether undated ones wait too."""
        rows = self.db.execute(
            "SELECT DISTINCT f.day FROM features f LEFT JOIN story_articles s ON s.article_id = f.article_id"
            " WHERE s.article_id IS NULL ORDER BY f.day"
        ).fetchall()
        days = [row[0] for row in rows if row[0] is not None]
        return days, any(row[0] is None for row in rows)

    def pending_ids(self, first_day: int | None, last_day: int | None) -> list[str]:
        """Unclustered articles of a day range (None, None: the undated ones), in (day, id) order."""
        if first_day is None:
            query = ("SELECT f.article_id FROM features f LEFT JOIN story_articles s ON s.article_id = f.article_id"
                     " WHERE s.article_id IS NULL AND f.day IS NULL ORDER BY f.article_id")
            rows = self.db.execute(query)
        else:
            query = ("SELECT f.article_id FROM features f LEFT JOIN story_articles s ON s.article_id = f.article_id"
                     " WHERE s.article_id IS NULL AND f.day BETWEEN ? AND ? ORDER BY f.day, f.article_id")
            rows = self.db.execute(query, (first_day, last_day))
        return [row[0] for row in rows]

    def assignments(self, article_ids: Iterable[str]) -> dict[str, str]:
        """article id → story id, for those of ``article_ids`` already in a story."""
        out: dict[str, str] = {}
        for article_id in article_ids:
            row = self.db.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
            if row:
                out[article_id] = row[0]
        return out

    def assign(self, article_id: str, story_id: str, score: float | None, seed: bool) -> None:
        """Put an article in a story (opening the story when ``seed``)."""
        with self.transaction():
            if seed:
                title = self.db.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
                self.db.execute(
                    "INSERT OR IGNORE INTO stories (id, title, seed_article_id) VALUES (?, ?, ?)",
                    (story_id, title, article_id),
                )
            before = self.db.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
            self.db.execute(
                "INSERT INTO story_articles (article_id, story_id, score) VALUES (?, ?, ?)"
                " ON CONFLICT (article_id) DO UPDATE SET story_id = excluded.story_id, score = excluded.score",
                (article_id, story_id, score),
            )
            # A story whose membership changed needs a fresh report: the one that
            # grew, and the one the article left (which goes when it is empty).
            changed = {story_id} | ({before[0]} if before and before[0] != story_id else set())
            for story in changed:
                self.db.execute("UPDATE stories SET report_key = NULL, report_json = NULL WHERE id = ?", (story,))
            if before and before[0] != story_id:
                self.db.execute(
                    "DELETE FROM stories WHERE id = ? AND NOT EXISTS (SELECT 1 FROM story_articles WHERE story_id = ?)",
                    (before[0], before[0]),
                )

    def reset_stories(self) -> None:
        """Forget every story (for a full re-clustering)."""
        with self.transaction():
            self.db.execute("DELETE FROM story_articles")
            self.db.execute("DELETE FROM stories")

    def count_stories(self) -> int:
        return self.db.execute("SELECT count(*) FROM stories").fetchone()[0]

    def unclustered_count(self) -> int:
        query = "SELECT count(*) FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id WHERE s.article_id IS NULL"
        return self.db.execute(query).fetchone()[0]

    def list_stories(self, limit: int | None = None, offset: int = 0) -> list[dict]:
        """Stories, largest first: id, title, article count, outlets, date range."""
        query = (
            "SELECT s.id, s.title, count(*) AS n_articles, count(DISTINCT a.outlet) AS n_outlets,"
            " group_concat(DISTINCT a.outlet) AS outlets, min(a.published) AS first_published,"
            " max(a.published) AS last_published"
            " FROM stories s JOIN story_articles sa ON sa.story_id = s.id JOIN articles a ON a.id = sa.article_id"
            " GROUP BY s.id ORDER BY n_articles DESC, first_published, s.id LIMIT ? OFFSET ?"
        )
        rows = self.db.execute(query, (-1 if limit is None else limit, offset)).fetchall()
        stories = []
        for row in rows:
            story = dict(row)
            story["outlets"] = sorted(filter(None, (row["outlets"] or "").split(",")))
            stories.append(story)
        return stories

    def story(self, story_id: str) -> dict | None:
        row = self.db.execute("SELECT id, title, seed_article_id FROM stories WHERE id = ?", (story_id,)).fetchone()
        return dict(row) if row else None

    def story_rows(self, story_id: str) -> list[dict]:
        """The story's articles as the short rows of ``stories --format json``."""
        columns = ", ".join(f"a.{_column(name)}" for name in ARTICLE_FIELDS)
        rows = self.db.execute(
            f"SELECT {columns} FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
            (story_id,),
        )
        return [dict(row) for row in rows]

    def story_articles(self, story_id: str) -> list[Article]:
        """The full articles of one story, oldest first."""
        rows = self.db.execute(
            "SELECT a.json FROM story_articles sa JOIN articles a ON a.id = sa.article_id"
            " WHERE sa.story_id = ? ORDER BY a.published IS NULL, a.published, a.id",
            (story_id,),
        )
        return [Article.model_validate_json(row["json"]) for row in rows]

    def story_assignments(self, with_scores: bool = False) -> Iterator[tuple]:
        """(article id, story id[, score]) for every clustered article; the score is None for a story's first."""
        for row in self.db.execute("SELECT article_id, story_id, score FROM story_articles ORDER BY story_id, article_id"):
            yield (row[0], row[1], row[2]) if with_scores else (row[0], row[1])

    # ------------------------------------------------------------------ reports

    def save_report(self, story_id: str, report_json: str, key: str | None = None) -> None:
        """Cache a story's StoryReport JSON; ``key`` says which articles it covered."""
        self.db.execute("UPDATE stories SET report_key = ?, report_json = ? WHERE id = ?", (key, report_json, story_id))

    def load_report(self, story_id: str) -> tuple[str | None, str] | None:
        row = self.db.execute("SELECT report_key, report_json FROM stories WHERE id = ?", (story_id,)).fetchone()
        if row is None or row["report_json"] is None:
            return None
        return row["report_key"], row["report_json"]

    def iter_reports(self) -> Iterator[tuple[str, str]]:
        for row in self.db.execute("SELECT id, report_json FROM stories WHERE report_json IS NOT NULL ORDER BY id"):
            yield row[0], row[1]

    def story_article_ids(self, story_id: str) -> list[str]:
        rows = self.db.execute("SELECT article_id FROM story_articles WHERE story_id = ? ORDER BY article_id", (story_id,))
        return [row[0] for row in rows]

    # ------------------------------------------------------------------ jobs

    def create_job(self, kind: str, time_limit: float, *, story_id: str | None = None, urls: Iterable[str] = (),
                   files: Iterable[tuple[str, bytes]] = (), records: Iterable[dict] = ()) -> str:
        """Queue a job with everything it will read; returns its id."""
        job_id = uuid.uuid4().hex[:16]
        with self.transaction():
            self.db.execute(
                "INSERT INTO jobs (id, kind, status, created, time_limit, story_id, urls) VALUES (?, ?, 'queued', ?, ?, ?, ?)",
                (job_id, kind, time.time(), time_limit, story_id, json.dumps(list(urls))),
            )
            position = 0
            for name, content in files:
                self.db.execute("INSERT INTO job_inputs VALUES (?, ?, ?, 'file', ?)", (job_id, position, name, content))
                position += 1
            for record in records:
                self.db.execute("INSERT INTO job_inputs VALUES (?, ?, ?, 'record', ?)",
                                (job_id, position, f"article {position + 1}", json.dumps(record, ensure_ascii=False).encode()))
                position += 1
        return job_id

    def get_job(self, job_id: str) -> dict | None:
        row = self.db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        if row is None:
            return None
        job = dict(row)
        job["urls"], job["warnings"] = json.loads(job["urls"]), json.loads(job["warnings"])
        if job["status"] == "queued":
            job["ahead"] = self.db.execute("SELECT count(*) FROM jobs WHERE status = 'queued' AND seq < ?", (job["seq"],)).fetchone()[0]
        return job

    def job_inputs(self, job_id: str) -> tuple[list[tuple[str, bytes]], list[dict]]:
        files, records = [], []
        for row in self.db.execute("SELECT name, kind, content FROM job_inputs WHERE job_id = ? ORDER BY position", (job_id,)):
            if row["kind"] == "file":
                files.append((row["name"], bytes(row["content"])))
            else:
                records.append(json.loads(bytes(row["content"]).decode("utf-8")))
        return files, records

    def active_report_job(self, story_id: str) -> str | None:
        """A queued or running report job for ``story_id``, so one story is built once."""
        row = self.db.execute("SELECT id FROM jobs WHERE kind = 'report' AND story_id = ? AND status IN ('queued', 'running')"
                              " ORDER BY seq LIMIT 1", (story_id,)).fetchone()
        return row[0] if row else None

    def claim_job(self, owner: str) -> dict | None:
        """Take the oldest queued job (atomically: two workers never take the same one)."""
        with self.transaction():
            row = self.db.execute(
                "UPDATE jobs SET status = 'running', started = ?, heartbeat = ?, owner = ?, attempts = attempts + 1,"
                " stage = 'starting', done = 0, total = 0"
                " WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY seq LIMIT 1) RETURNING id",
                (time.time(), time.time(), owner),
            ).fetchone()
        return self.get_job(row[0]) if row else None

    def job_progress(self, job_id: str, stage: str, done: int, total: int) -> None:
        self.db.execute("UPDATE jobs SET stage = ?, done = ?, total = ?, heartbeat = ? WHERE id = ? AND status = 'running'",
                        (stage, done, total, time.time(), job_id))

    def job_heartbeat(self, job_id: str) -> bool:
        """Mark a running job alive; True when a cancel was asked for."""
        self.db.execute("UPDATE jobs SET heartbeat = ? WHERE id = ? AND status = 'running'", (time.time(), job_id))
        row = self.db.execute("SELECT cancel_requested FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return bool(row and row[0])

    def finish_job(self, job_id: str, status: str, *, story_id: str | None = None, error: str | None = None,
                   warnings: Iterable[str] = (), articles: int = 0) -> None:
        """Put a job in a final state (once: a job already final stays as it is) and drop its inputs."""
        if status not in FINAL_STATES:
            raise ValueError(f"not a final job state: {status}")
        with self.transaction():
            self.db.execute(
                "UPDATE jobs SET status = ?, finished = ?, story_id = coalesce(?, story_id), error = ?, warnings = ?, articles = ?"
                " WHERE id = ? AND status IN ('queued', 'running')",
                (status, time.time(), story_id, error, json.dumps(list(warnings)), articles, job_id),
            )
            self.db.execute("DELETE FROM job_inputs WHERE job_id = ?", (job_id,))

    def requeue_job(self, job_id: str, note: str) -> None:
        """A running job goes back to the queue (its inputs are still stored)."""
        self.db.execute("UPDATE jobs SET status = 'queued', owner = NULL, stage = ?, done = 0, total = 0"
                        " WHERE id = ? AND status = 'running'", (note, job_id))

    def request_cancel(self, job_id: str) -> str | None:
        """Cancel a queued job at once, or ask its worker to stop; returns the job's status, None if unknown."""
        with self.transaction():
            row = self.db.execute("SELECT status FROM jobs WHERE id = ?", (job_id,)).fetchone()
            if row is None:
                return None
            if row[0] == "queued":
                self.finish_job(job_id, "cancelled", error="cancelled before it started")
                return "cancelled"
            if row[0] == "running":
                self.db.execute("UPDATE jobs SET cancel_requested = 1 WHERE id = ?", (job_id,))
            return row[0]

    def running_jobs(self) -> list[dict]:
        return [dict(row) for row in self.db.execute("SELECT id, owner, heartbeat, attempts FROM jobs WHERE status = 'running'")]

    # ------------------------------------------------------------------ search

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Full-text search over titles and texts, best match first.

        The user's words are matched as plain terms (all must occur), so FTS5
        operators in the input cannot cause syntax errors.
        """
        words = _FTS_TOKEN.findall(query)
        if not words:
            return []
        match = " ".join(f'"{word}"' for word in words)  # \w+ tokens hold no quote characters
        rows = self.db.execute(
            "SELECT a.id, a.source_id, a.outlet, a.title, a.published, sa.story_id,"
            " snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet"
            " FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid"
            " LEFT JOIN story_articles sa ON sa.article_id = a.id"
            " WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts, 2.0, 1.0) LIMIT ?",
            (match, limit),
        )
        return [dict(row) for row in rows]


def _column(name: str) -> str:
    """Column names come from a fixed list, never from input."""
    allowed = {"id", "source_id", "path", "url", "outlet", "title", "published", "author", "language", "word_count", "text"}
    if name not in allowed:
        raise ValueError(f"unknown article column {name!r}")
    return name


def _feature(row: sqlite3.Row) -> FeatureRow:
    return FeatureRow(row["article_id"], row["day"], row["signature"], json.loads(row["terms"]), json.loads(row["names"]))
