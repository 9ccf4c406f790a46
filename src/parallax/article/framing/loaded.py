"""Loaded terms: the phrases the packaged model marks as loaded language,
name calling or exaggeration, each with its voice (the outlet's own, or quoted:
inside quotes, posts, transcripts or the content of reported speech) and the
model's probability as its score."""

from __future__ import annotations

from parallax.article.framing.lexical import strong_labels
from parallax.article.framing.model import TokenScores, decode_spans, get_model, span_edges
from parallax.article.framing.voice import Voice
from parallax.model import Article, LoadedTerm

TECHNIQUE_NAMES = {
    "Loaded_Language": "loaded_language",
    "Name_Calling,Labeling": "name_calling",
    "Exaggeration,Minimisation": "exaggeration",
}
CONTENT_POS = frozenset("ADJ ADV NOUN VERB INTJ".split())
# curated labels strong enough to stand without the model ("thugs", "propaganda machine"); sentiment words never do
LEXICON_KINDS = frozenset("label dysphemism charged charged-verb euphemism".split())
LEXICON_MIN = 0.9  # at 0.7 the labels cost precision on PTC (out-of-fold, training part); at 0.9 they are neutral there


def is_content(token) -> bool:
    """A word that can carry judgement: not a function word and not part of a name
    (a capitalised word outside any entity, as in a title-case headline, counts)."""
    return not token.is_stop and (token.pos_ in CONTENT_POS or token.pos_ == "PROPN" and not token.ent_type_)


def find_loaded_terms(article: Article, doc, scores: TokenScores, others: Voice, reported: Voice,
                      model=None) -> list[LoadedTerm]:
    model = model or get_model()
    words = scores.table.words
    loaded = scores.head("loaded")
    techniques = [h for h in TECHNIQUE_NAMES if h in scores.heads]
    terms = []
    for lo, hi, peak in decode_spans(loaded, model.span_on["loaded"], model.span_extend["loaded"], words, span_edges(scores.table)):
        tokens = doc[lo:hi]
        # a name alone, or words that carry nothing ("the", "of"), is not a loaded phrase
        if not any(is_content(t) for t in tokens):
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        # the technique most over its base rate names the span's kind
        means = {h: float(scores.head(h)[lo:hi].mean()) / max(model.prior.get(h, 1.0), 1e-6) for h in techniques}
        technique = TECHNIQUE_NAMES[max(means, key=lambda h: (means[h], h))] if means else None
        voice = "quoted" if others.overlaps(start, end) or reported.quoted(start) else "own"
        terms.append(LoadedTerm(article_id=article.id, start=start, end=end, text=article.text[start:end],
                                voice=voice, score=round(peak, 3), technique=technique))
    for hit in strong_labels(doc, scores.table, LEXICON_KINDS, LEXICON_MIN):
        if any(t.start < hit.end and hit.start < t.end for t in terms):
            continue
        lo, hi = token_range(doc, hit.start, hit.end)
        last = doc[hi - 1]
        if last.dep_ in ("compound", "amod") and last.head.pos_ == "PROPN" and last.head.ent_type_ and last.head.i >= hi:
            continue  # part of a proper name ("Nazi Germany"), not a label
        voice = "quoted" if others.overlaps(hit.start, hit.end) or reported.quoted(hit.start) else "own"
        terms.append(LoadedTerm(article_id=article.id, start=hit.start, end=hit.end, text=article.text[hit.start:hit.end],
                                voice=voice, score=round(float(loaded[lo:hi].max()), 3), technique="lexicon"))
    return sorted(terms, key=lambda t: (t.start, t.end))


def token_range(doc, start: int, end: int) -> tuple[int, int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, max(span.end, span.start + 1)) if span is not None else (0, 1)
