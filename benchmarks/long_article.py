"""Long articles: time and peak memory against article length, beside spaCy's bare parse.

Each article is real news text (PolNeAR dev articles, then the example
stories, joined paragraph by paragraph until the length is reached) and is
measured in a fresh process, so peak memory belongs to that length alone.
Columns: the bare parse (``nlp(text)``), the quote stage alone, every
per-article stage (``analyze_article``), and the cross-article stage for the
one article (entities, quote groups, claims, timeline, summary).

Target: the per-article analysis of a 1 MB article takes at most the bare
parse time again (a total of at most 2x the parse), growing linearly.

    .venv/bin/python benchmarks/long_article.py [--sizes 100,200,500,1000,2000] [--story] [--quotes-only]

``--quotes-only`` skips the other per-article stages (claims, framing, times), to
measure the quote stage alone on the longest articles.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from benchmarks_common import corpus_texts

HERE = Path(__file__).resolve().parent


def long_text(chars: int) -> str:
    paragraphs = [p.strip() for t in corpus_texts(10_000) for p in t.split("\n\n") if p.strip()]
    out, size, i = [], 0, 0
    while size < chars:
        paragraph = paragraphs[i % len(paragraphs)]
        out.append(paragraph)
        size += len(paragraph) + 2
        i += 1
    return "\n\n".join(out)[:chars]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(chars: int, story: bool, quotes_only: bool = False) -> dict:
    from parallax.article import analyze_article
    from parallax.article.quotes import analyze_quotes
    from parallax.model import Article
    from parallax.nlp import get_nlp

    nlp = get_nlp()
    nlp("Warm up the pipeline. \"It works,\" she said.")
    text = long_text(chars)
    article = Article(id="long", text=text, word_count=len(text.split()))
    result = {"chars": len(text), "words": article.word_count, "base_mb": peak_mb()}
    start = time.perf_counter()
    doc = nlp(text)
    result["parse_s"] = time.perf_counter() - start
    result["parse_mb"] = peak_mb()
    start = time.perf_counter()
    quotes = analyze_quotes(article, doc)
    result["quotes_s"] = time.perf_counter() - start
    result["quotes"] = len(quotes.quotes)
    if quotes_only:
        result["article_s"], result["article_mb"] = result["quotes_s"], peak_mb()
        return result
    start = time.perf_counter()
    analysis = analyze_article(article, doc)
    result["article_s"] = time.perf_counter() - start
    result["article_mb"] = peak_mb()
    if story:
        from parallax.story import build_report

        start = time.perf_counter()
        build_report([article], [analysis])
        result["story_s"] = time.perf_counter() - start
        result["story_mb"] = peak_mb()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,500,1000,2000", help="article lengths in thousands of characters")
    parser.add_argument("--story", action="store_true", help="also time the cross-article stage on the one article")
    parser.add_argument("--quotes-only", action="store_true", help="time the quote stage only (not claims, framing, times)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run one size in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.story, args.quotes_only)))
        return
    stages = "quote stage only" if args.quotes_only else "all article stages"
    print(f"{'length':>9} {'words':>8} | {'bare parse':>10} {'peak MB':>8} | {'quotes':>8} {stages:>19} "
          f"{'x parse':>7} {'peak MB':>8}" + (f" | {'story stage':>11} {'peak MB':>8}" if args.story else ""))
    for size in (int(s) for s in args.sizes.split(",")):
        command = [sys.executable, str(HERE / "long_article.py"), "--one", str(size * 1000)] + (["--story"] if args.story else []) \
            + (["--quotes-only"] if args.quotes_only else [])
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(f"{size:>6} KB  failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        ratio = (r["parse_s"] + r["article_s"]) / r["parse_s"]
        line = (f"{r['chars'] / 1000:>6.0f} KB {r['words']:>8} | {r['parse_s']:>9.1f}s {r['parse_mb']:>8.0f} | {r['quotes_s']:>7.1f}s "
                f"{r['article_s']:>18.1f}s {ratio:>6.2f}x {r['article_mb']:>8.0f}")
        if args.story:
            line += f" | {r['story_s']:>10.1f}s {r['story_mb']:>8.0f}"
        print(line, flush=True)
    print(f"x parse = (bare parse + {stages}) / bare parse; target <= 2.0x at 1 MB")


if __name__ == "__main__":
    main()
