"""The packaged loaded-language model on a few articles of the held-out PTC split
(never used in training or tuning), against the curated lexicons. The full
held-out figures come from ``scripts/train_loaded_language.py --evaluate``."""

import pytest

from conftest import CORPORA

PTC = CORPORA / "ptc"


@pytest.fixture(scope="module")
def heldout():
    if not (PTC / "train-articles").is_dir():
        pytest.skip("../shared/corpora/ptc not present")
    from parallax.evaluation.ptc import load_ptc, split_of

    articles = [a for a in load_ptc(PTC) if split_of(a.id) == "heldout"]
    return sorted(articles, key=lambda a: len(a.text))[:12]  # the shortest, to stay fast


def test_split_is_fixed_and_disjoint():
    from parallax.evaluation.ptc import split_of

    assert split_of("111111111") == split_of("111111111")
    shares = [split_of(str(700000000 + i)) == "heldout" for i in range(2000)]
    assert 0.15 < sum(shares) / len(shares) < 0.25


def test_model_beats_the_lexicons_on_heldout_ptc(heldout, nlp):
    from parallax.article.framing.lexical import lexicon_terms
    from parallax.article.framing.loaded import find_loaded_terms
    from parallax.article.framing.model import get_model
    from parallax.article.framing.voice import Voice
    from parallax.evaluation.ptc import LOADED_TECHNIQUES, add_counts, gold_spans, overlap_counts, span_scores
    from parallax.model import Article

    model_total, lexicon_total = {}, {}
    for ptc in heldout:
        doc = nlp(ptc.text)
        article = Article(id=ptc.id, text=ptc.text)
        terms = find_loaded_terms(article, doc, get_model().token_scores(doc), Voice([]), Voice([]))
        gold = gold_spans(ptc, LOADED_TECHNIQUES)
        add_counts(model_total, overlap_counts(gold, [(t.start, t.end) for t in terms]))
        add_counts(lexicon_total, overlap_counts(gold, [(t.start, t.end) for t in lexicon_terms(doc)]))
    model, lexicon = span_scores(model_total), span_scores(lexicon_total)
    assert model["f1"] > lexicon["f1"] + 0.05, (model, lexicon)
    assert model["p"] > lexicon["p"]
