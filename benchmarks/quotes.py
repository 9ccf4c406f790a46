"""Quote extraction cost: spaCy's bare parse, Parallax's full per-article
analysis on the same parse, and textacy's direct_quotations (the peer
baseline), side by side on the same texts in one run.

Target: Parallax's analysis adds <= 25% to the bare parse time.

    .venv/bin/python benchmarks/quotes.py [--articles N]

textacy is not a Parallax dependency; install it beside it to see the
baseline (`pip install textacy==0.13.0`).
"""

from __future__ import annotations

import argparse
import time

from benchmarks_common import corpus_texts
from parallax.article import analyze_article
from parallax.model import Article
from parallax.nlp import get_nlp


def texts(limit: int) -> list[str]:
    return corpus_texts(limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()
    corpus = texts(args.articles)
    words = sum(len(t.split()) for t in corpus)
    nlp = get_nlp()
    list(nlp.pipe(corpus[:2]))  # warm up

    start = time.perf_counter()
    docs = list(nlp.pipe(corpus))
    parse_seconds = time.perf_counter() - start

    start = time.perf_counter()
    found = 0
    for i, (text, doc) in enumerate(zip(corpus, docs)):
        analysis = analyze_article(Article(id=f"b{i}", text=text), doc)
        found += len(analysis.quotes)
    analysis_seconds = time.perf_counter() - start

    print(f"{len(corpus)} articles, {words} words, one process")
    print(f"spaCy nlp.pipe (bare parse)             {parse_seconds:7.2f} s   {words / parse_seconds:7.0f} words/s")
    print(f"Parallax per-article analysis (on top)  {analysis_seconds:7.2f} s   +{100 * analysis_seconds / parse_seconds:5.1f}% of the parse   "
          f"{found} quotes (all kinds)   target <= +25%")
    try:
        from textacy.extract import direct_quotations
    except ImportError:
        print("textacy direct_quotations               not installed (pip install textacy==0.13.0)")
        return
    start = time.perf_counter()
    baseline = 0
    for doc in docs:
        try:
            baseline += sum(1 for _ in direct_quotations(doc))
        except Exception:  # textacy raises on some unbalanced quotation marks
            pass
    textacy_seconds = time.perf_counter() - start
    print(f"textacy direct_quotations (on top)      {textacy_seconds:7.2f} s   +{100 * textacy_seconds / parse_seconds:5.1f}% of the parse   "
          f"{baseline} direct quotes")


if __name__ == "__main__":
    main()
