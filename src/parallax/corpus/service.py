"""The corpus core under both the CLI commands and the web app.

One story id scheme (a story is named after the article that opened it, as
clustering names it), one report cache key (the sorted ids of the story's
articles), and one way to build, cache and store a story's report, so a story
made by ``ingest`` + ``cluster`` opens on the web and a story made on the web
is reported by ``parallax report`` without being analysed again.
"""

from __future__ import annotations

from typing import Callable

from parallax.corpus.store import Store
from parallax.ids import report_key, story_id_for
from parallax.model import StoryReport

Progress = Callable[[str, int, int], None]

__all__ = ["report_key", "story_id_for", "cached_report", "build_story_report", "story_report", "save_submission"]


def cached_report(store: Store, story_id: str) -> str | None:
    """The story's cached report JSON, if it still covers exactly the story's articles."""
    found = store.load_report(story_id)
    if found is None:
        return None
    key, report_json = found
    return report_json if key == report_key(store.story_article_ids(story_id)) else None


def build_story_report(store: Store, story_id: str, progress: Progress | None = None) -> tuple[StoryReport, str] | None:
    """Analyse the story's stored articles: (report, its cache key), None for an unknown or empty story."""
    from parallax.api import analyze

    articles = store.story_articles(story_id)
    if not articles:
        return None
    report = analyze(articles, progress=progress)
    report.warnings = sorted({w for a in articles for w in a.warnings} | set(report.warnings))
    return report, report_key([a.id for a in articles])


def story_report(store: Store, story_id: str, refresh: bool = False, progress: Progress | None = None) -> StoryReport | None:
    """The StoryReport of one story, cached in the store until its membership changes."""
    if not refresh:
        cached = cached_report(store, story_id)
        if cached is not None:
            return StoryReport.model_validate_json(cached)
    built = build_story_report(store, story_id, progress)
    if built is None:
        return None
    report, key = built
    store.save_report(story_id, report.to_json(indent=None), key)
    return report


def save_submission(store: Store, report: StoryReport) -> str:
    """Store the articles of a comparison made outside the corpus (the web app) as one story.

    The story is named after its first article, like a story opened by
    clustering; an article that was in another story moves to this one (and
    that story's report is invalidated by the store)."""
    ids = [a.id for a in report.articles]
    story_id = story_id_for(ids[0])
    with store.transaction():
        store.add_articles(report.articles)
        for index, article_id in enumerate(ids):
            store.assign(article_id, story_id, None, seed=index == 0)
        if store.story_article_ids(story_id) == sorted(ids):
            store.save_report(story_id, report.to_json(indent=None), report_key(ids))
    return story_id
