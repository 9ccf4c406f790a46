"""Public entry points: ``read``, ``compare``, ``analyze``."""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
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


@contextmanager
def frozen_heap():
    """Leave the objects alive now out of garbage collection until the block ends.

    A comparison allocates millions of short-lived objects beside a large heap that
    lives through it (the language model, the articles, their analyses); every full
    collection would scan that heap again. Forked processes inherit it frozen, so
    their collections do not touch (and copy) the pages they share. Does nothing
    when the caller froze objects itself."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
    from parallax.nlp import get_nlp

    get_nlp()  # loaded before the heap is frozen; forked processes share it
    if n_process <= 1 or total <= 1:
        with frozen_heap():
            return analyze_batch(articles, (lambda done: progress("parsing", done, total)) if progress else None)
    import multiprocessing

    # longest articles first, so the last batches are short and the processes finish together
    order = sorted(range(total), key=lambda i: -len(articles[i].text))
    batches = [[articles[i] for i in order[k:k + WORKER_BATCH]] for k in range(0, total, WORKER_BATCH)]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    analyses: list[ArticleAnalysis | None] = [None] * total
    done = 0
    # frozen while the processes are forked, and while this one waits for them: a full collection
    # here would scan the language model's heap again for the few objects the results add
    with frozen_heap():
        pool = context.Pool(min(n_process, len(batches)))
        with pool:
            # the processes are forked: now the waiting main process loads what the story stage reads
            warming = threading.Thread(target=_load_story_stage, name="parallax-story-load", daemon=True)
            warming.start()
            for k, batch in enumerate(pool.imap(analyze_batch, batches)):
                for i, analysis in zip(order[k * WORKER_BATCH:], batch):
                    analyses[i] = analysis
                done += len(batch)
                if progress:
                    progress("parsing", done, total)
        warming.join()
    return analyses


def _load_story_stage() -> None:
    """Import the story stage and load what it reads: the sentence-embedding model (about a second
    of one core), the claim-pair model, and the countries and regions names are matched against."""
    from parallax import embed, names
    from parallax.story import align, disputes, entities, framing, quote_groups, summary, timeline  # noqa: F401
    from parallax.story.verify import default_model

    embed.load()
    default_model()
    names.countries()
    names.regions()


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
    with frozen_heap():
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
