"""Public entry points: ``read``, ``compare``, ``analyze``."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from parallax.article import ArticleAnalysis, analyze_article
from parallax.limits import PARALLEL_MIN_ARTICLES
from parallax.model import Article, StoryReport
from parallax.read import ReadOptions, ReadResult, read_inputs
from parallax.story import StoryOptions, build_report


# progress(stage, done, total): "parsing" once per article analysed, then "comparing".
Progress = Callable[[str, int, int], None]


def _as_inputs(paths: str | Path | Iterable[str | Path]) -> list[str]:
    if isinstance(paths, (str, Path)):
        return [str(paths)]
    return [str(p) for p in paths]


def read(paths, options: ReadOptions | None = None) -> list[Article]:
    """Read and clean articles (no NLP). Failures are skipped; see ``read_with_failures``."""
    return read_inputs(_as_inputs(paths), options).articles


def read_with_failures(paths, options: ReadOptions | None = None) -> ReadResult:
    return read_inputs(_as_inputs(paths), options)


# Articles per task of a parsing process: small enough that the processes finish together.
WORKER_BATCH = 4


def analyze_articles(articles: list[Article], n_process: int | None = None, progress: Progress | None = None) -> list[ArticleAnalysis]:
    """Parse every article once and run the per-article stages.

    With several processes, each parses a batch of articles and analyses it too
    (``analyze_batch``, the function one process runs over all of them): only the
    small ArticleAnalysis comes back, never the parse, so the processes never wait
    for the main one to read their Docs."""
    if n_process is None:
        n_process = 2 if len(articles) >= PARALLEL_MIN_ARTICLES else 1
    total = len(articles)
    if progress:
        progress("parsing", 0, total)
    if n_process <= 1 or total <= 1:
        return analyze_batch(articles, (lambda done: progress("parsing", done, total)) if progress else None)
    import multiprocessing

    from parallax.nlp import get_nlp

    get_nlp()  # loaded once here: forked processes share it
    batches = [articles[i:i + WORKER_BATCH] for i in range(0, total, WORKER_BATCH)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    analyses: list[ArticleAnalysis] = []
    with context.Pool(min(n_process, len(batches))) as pool:
        for batch in pool.imap(analyze_batch, batches):  # in order
            analyses.extend(batch)
            if progress:
                progress("parsing", len(analyses), total)
    return analyses


def analyze_batch(articles: list[Article], progress: Callable[[int], None] | None = None) -> list[ArticleAnalysis]:
    """Parse articles in this process and run the per-article stages on each."""
    from parallax.nlp import parse

    analyses = []
    for article, doc in zip(articles, parse(a.text for a in articles)):
        analyses.append(analyze_article(article, doc))
        if progress:
            progress(len(analyses))
    return analyses


def analyze(articles: list[Article], options: StoryOptions | None = None, n_process: int | None = None,
            progress: Progress | None = None) -> StoryReport:
    """The full comparison of already-read articles."""
    analyses = analyze_articles(articles, n_process, progress)
    if progress:
        progress("comparing", 0, 1)
    return build_report(articles, analyses, options)


def compare(paths, read_options: ReadOptions | None = None, options: StoryOptions | None = None) -> StoryReport:
    """Read the articles at ``paths`` and compare them: the whole pipeline."""
    return report_for(read_with_failures(paths, read_options), options)


def report_for(result: ReadResult, options: StoryOptions | None = None, n_process: int | None = None,
               progress: Progress | None = None) -> StoryReport:
    """The comparison of what was read; read failures and skips become warnings."""
    report = analyze(result.articles, options, n_process, progress)
    report.warnings = sorted(
        {f.line() for f in result.failures}
        | {f"skipped: {s.origin}: {s.problem}" for s in result.skipped}
        | {w for a in result.articles for w in a.warnings}
        | set(report.warnings)
    )
    return report
