"""Time tagging cost: spaCy's bare parse (the baseline) and Parallax's time
expressions on the same parse, side by side on the same texts in one run;
dateparser's own search (``search_dates``, the library alternative) is timed too.

Target: time tagging adds <= 5% to the bare parse time.

    .venv/bin/python benchmarks/timex.py [--articles N]
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from benchmarks_common import corpus_texts
from parallax.article.time import tag
from parallax.nlp import get_nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()
    corpus = corpus_texts(args.articles)
    words = sum(len(t.split()) for t in corpus)
    nlp = get_nlp()
    list(nlp.pipe(corpus[:2]))  # warm up
    tag(corpus[0], nlp(corpus[0][:2000]), date(2016, 11, 1))

    start = time.perf_counter()
    docs = list(nlp.pipe(corpus))
    parse_seconds = time.perf_counter() - start

    start = time.perf_counter()
    found = sum(len(tag(text, doc, date(2016, 11, 1))) for text, doc in zip(corpus, docs))
    tag_seconds = time.perf_counter() - start

    print(f"{len(corpus)} articles, {words} words, one process")
    print(f"spaCy nlp.pipe (bare parse)          {parse_seconds:7.2f} s   {words / parse_seconds:7.0f} words/s")
    print(f"Parallax time expressions (on top)   {tag_seconds:7.2f} s   +{100 * tag_seconds / parse_seconds:5.1f}% of the parse   "
          f"{found} expressions   target <= +5%")

    from dateparser.search import search_dates

    start = time.perf_counter()
    baseline = sum(len(search_dates(text, languages=["en"]) or []) for text in corpus[:10])
    search_seconds = time.perf_counter() - start
    share = search_seconds / max(1, sum(len(t) for t in corpus[:10])) * sum(len(t) for t in corpus)
    print(f"dateparser search_dates (10 texts)   {search_seconds:7.2f} s   ~+{100 * share / parse_seconds:5.0f}% of the parse if run on all   "
          f"{baseline} dates found")


if __name__ == "__main__":
    main()
