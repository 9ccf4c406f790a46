"""Framing cost: the framing analysis beside the rest of the per-article time
(parse + quotes + the other stages), on the same texts in one run; and, inside
framing, the loaded-language model (token features + scoring) beside the
lexicon-only detector it replaced.

Target: framing adds <= 10% to the per-article time. Times are this process's CPU
time (``time.process_time``), so other work on a shared machine does not blur them.

    .venv/bin/python benchmarks/framing.py [--articles N]
"""

from __future__ import annotations

import argparse
import time

from benchmarks_common import corpus_texts
from parallax.article import analyze_article, framing
from parallax.article.framing.lexical import lexicon_terms
from parallax.article.framing.model import get_model
from parallax.model import Article
from parallax.nlp import get_nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    args = parser.parse_args()
    texts = corpus_texts(args.articles)
    nlp = get_nlp()
    list(nlp.pipe(texts[:2]))
    framing.analyze_framing(Article(id="w", text=texts[0]), nlp(texts[0]), [])  # load the lexicons

    start = time.process_time()
    docs = list(nlp.pipe(texts))
    parse_seconds = time.process_time() - start
    articles = [Article(id=f"b{i}", text=t) for i, t in enumerate(texts)]

    start = time.process_time()
    analyses = [analyze_article(a, d) for a, d in zip(articles, docs)]
    analysis_seconds = time.process_time() - start

    start = time.process_time()
    for article, doc, analysis in zip(articles, docs, analyses):
        framing.analyze_framing(article, doc, analysis.quotes, analysis.scare_quotes)
    framing_seconds = time.process_time() - start

    start = time.process_time()
    for doc in docs:
        get_model().token_scores(doc)
    model_seconds = time.process_time() - start

    start = time.process_time()
    for doc in docs:
        lexicon_terms(doc)
    lexicon_seconds = time.process_time() - start

    per_article = parse_seconds + analysis_seconds
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words} words, one process, CPU seconds")
    print(f"per-article time (parse + all stages)   {per_article:7.2f} s")
    print(f"  of which spaCy parse (baseline)        {parse_seconds:7.2f} s")
    print(f"framing analysis alone                   {framing_seconds:7.2f} s   "
          f"{100 * framing_seconds / per_article:5.1f}% of the per-article time   target <= 10%")
    print(f"  of which the loaded-language model     {model_seconds:7.2f} s   ({1000 * model_seconds / len(texts):.1f} ms an article)")
    print(f"  lexicon-only detector (baseline)       {lexicon_seconds:7.2f} s   ({1000 * lexicon_seconds / len(texts):.1f} ms an article)")


if __name__ == "__main__":
    main()
