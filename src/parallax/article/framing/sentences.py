"""Sentence-level slant: per own-voice sentence, the packaged model's probability
that it is opinionated or loaded, computed from the outlet's own words only
(quoted words inside a sentence are masked), and the share of such sentences."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from parallax.article.framing.model import FLAG_FEATURES, TokenScores, get_model, sentence_features
from parallax.article.framing.voice import Voice
from parallax.article.parsed import ParsedArticle
from parallax.model import Article, ScoredSentence, Span

OWN_SHARE = 0.5  # a sentence at least half in others' words is theirs, not the outlet's


def own_voice_mask(starts, others: Voice, reported: Voice) -> np.ndarray:
    return np.array([not (others.quoted(i) or reported.quoted(i)) for i in starts.tolist()], dtype=bool)


def score_sentences(article: Article, parsed: ParsedArticle, scores: TokenScores, others: Voice, reported: Voice) -> list[ScoredSentence]:
    model = get_model()
    own = own_voice_mask(scores.table.starts, others, reported)
    # others' words count only as quoted: their probabilities and lexicon hits are not the outlet's
    quoted_only = np.zeros(len(FLAG_FEATURES))
    quoted_only[FLAG_FEATURES.index("quoted")] = 1.0
    flags = np.where(own[:, None], scores.flags, quoted_only)
    masked = replace(scores, probs=scores.probs * own[:, None], flags=flags)
    picked, rows = [], []
    doc = parsed.doc
    for sent in parsed.sentences:
        if scores.table.alpha[sent.start:sent.end].sum() < 3:
            continue
        if others.quoted_share(sent.start_char, sent.end_char) > OWN_SHARE:
            continue
        if not own[sent.start:sent.end].any():
            continue
        picked.append(sent)
        rows.append(sentence_features(doc, masked, sent.start, sent.end, model.span_on, flags))
    if not picked:
        return []
    probs = model.sentence_probability(np.vstack(rows))
    out = []
    for sent, p in zip(picked, probs):
        text = scores.table.text[sent.start_char:sent.end_char].rstrip()  # the sentence's text (Span.text)
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.start_char + len(text)
        out.append(ScoredSentence(article_id=article.id, start=start, end=end, text=article.text[start:end],
                                  score=round(float(p), 3), slant=bool(p >= model.sentence_threshold)))
    return out


def slant_sentences(sentences: list[ScoredSentence]) -> list[ScoredSentence]:
    return sorted((s for s in sentences if s.slant), key=lambda s: (-s.score, s.start))


def opinion_share(sentences: list[ScoredSentence], questions: list[Span]) -> float:
    """Share of own-voice sentences that carry slant or ask a rhetorical question."""
    if not sentences:
        return 0.0
    asked = [(q.start, q.end) for q in questions]
    opinion = sum(s.slant or any(s.start <= qs < s.end for qs, _ in asked) for s in sentences)
    return round(opinion / len(sentences), 3)
