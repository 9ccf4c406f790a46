"""Long articles: parsed in paragraph-aligned pieces, offsets exact, never spaCy's E088."""

from __future__ import annotations

import pytest

from parallax import nlp as nlp_module
from parallax.nlp import parse, split_for_parsing

PARAGRAPH = (
    'Officials in Harbor City said on Monday that the bridge would stay closed. "We will reopen it soon," '
    "Mayor Ann Lee told reporters, adding that engineers from Kestrel Works had found cracks.\n\n"
)


def test_pieces_concatenate_and_end_at_paragraphs() -> None:
    text = PARAGRAPH * 40
    pieces = split_for_parsing(text, 2000)
    assert "".join(pieces) == text
    assert all(len(p) <= 2000 for p in pieces) and len(pieces) > 1
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    # no paragraph breaks at all: cut at sentence ends, then whitespace, then anywhere
    flat = PARAGRAPH.replace("\n", " ") * 30
    assert "".join(split_for_parsing(flat, 1000)) == flat
    blob = "x" * 5000
    assert split_for_parsing(blob, 1000) == ["x" * 1000] * 5


def test_long_text_parses_in_pieces_with_exact_offsets(nlp, monkeypatch) -> None:
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 1500)
    text = PARAGRAPH * 12
    doc = next(parse([text]))
    whole = nlp(text)
    assert doc.text == text and len(doc) == len(whole)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(e.start_char, e.end_char, e.label_) for e in whole.ents]
    for ent in doc.ents:
        assert text[ent.start_char:ent.end_char] == ent.text
    assert [s.start_char for s in doc.sents] == [s.start_char for s in whole.sents]


def test_article_longer_than_max_length_is_analysed(nlp, monkeypatch) -> None:
    from parallax.api import analyze_articles
    from parallax.model import Article

    monkeypatch.setattr(nlp, "max_length", 3000)  # as if the article were over spaCy's cap
    text = PARAGRAPH * 60
    assert len(text) > 3 * nlp.max_length
    [analysis] = analyze_articles([Article(id="long", text=text, word_count=len(text.split()))])
    assert analysis.quotes and analysis.sentences[-1][1] <= len(text)
    for quote in analysis.quotes:
        assert text[quote.start:quote.end] == quote.text


@pytest.mark.parametrize("texts", [[], [""], ["One.", "", "Two.\n\nThree."]])
def test_one_doc_per_text(texts) -> None:
    docs = list(parse(texts))
    assert [d.text for d in docs] == texts


def test_parsing_processes_analyse_as_one_process_does(nlp) -> None:
    """Several processes each parse and analyse a batch; the analyses (pickled back) equal one process's."""
    from parallax.api import WORKER_BATCH, analyze_articles
    from parallax.model import Article

    texts = [PARAGRAPH.replace("Monday", day) * (1 + i % 3) for i, day in enumerate(("Monday", "Tuesday", "Friday", "Sunday", "Saturday"))]
    articles = [Article(id=f"a{i}", text=t, word_count=len(t.split())) for i, t in enumerate(texts)]
    assert len(articles) > WORKER_BATCH  # at least two batches, so both processes work
    seen = []
    together = analyze_articles(articles, n_process=2, progress=lambda stage, done, total: seen.append(done))
    alone = analyze_articles(articles, n_process=1)
    assert [a.article_id for a in together] == [a.id for a in articles]  # in input order, whatever order they ran in
    assert together == alone and together[0].quotes
    assert seen[0] == 0 and seen[-1] == len(articles)
