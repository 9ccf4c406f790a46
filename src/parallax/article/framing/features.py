"""Token features for the loaded-language model, shared by its training script
(``scripts/train_loaded_language.py``) and by inference, so the two can never
drift apart.

A token is described by its own form, its parse (part of speech, dependency,
head), a window of neighbours, the framing lexicons (VADER valence, Pattern
subjectivity, the curated labels and hedges) and spaCy's 96-number contextual
vector (``doc.tensor``). The sparse part is a list of feature strings; the
dense part is the vector.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from parallax.article.quote_marks import find_marked_spans
from parallax.lexicons import hedge_patterns, intensifiers, multiword_labels, political_labels, subjectivity, valence

QUOTE_CHARS = frozenset("\"“”„«»'’‘‹›")
FEATURE_VERSION = "1"


@lru_cache(maxsize=4096)
def _word_lexicon(lower: str, lemma: str) -> tuple[str, ...]:
    """Lexicon features of one word form (cached: news repeats its words)."""
    out = []
    vader = valence().get(lower, valence().get(lemma))
    if vader is not None:
        size = abs(vader)
        out.append("vad")
        out.append("vad>=1.5" if size >= 1.5 else "vad<1.5")
        if size >= 2.5:
            out.append("vad>=2.5")
        out.append("vad-" if vader < 0 else "vad+")
    subj = subjectivity().get(lower) or subjectivity().get(lemma)
    if subj is not None:
        polarity, subjective = subj
        out.append(f"subj{int(subjective * 4)}")
        if abs(polarity) >= 0.5:
            out.append("subjpol")
    label = political_labels().get(lower) or political_labels().get(lemma)
    if label is not None:
        out.append("lab=" + label[1])
        out.append("lab>=.7" if label[0] >= 0.7 else "lab<.7")
    if lower in intensifiers() or lemma in intensifiers():
        out.append("intens")
    return tuple(out)


def _char_flags(text: str, doc, patterns) -> np.ndarray:
    """Per token: 1 where a pattern's match covers the token's first character."""
    starts = np.array([t.idx for t in doc], dtype=np.int64)
    flags = np.zeros(len(doc), dtype=bool)
    for pattern in patterns:
        for match in pattern.finditer(text):
            lo, hi = np.searchsorted(starts, [match.start(), match.end()])
            flags[lo:hi] = True
    return flags


def _inside_quotes(text: str, doc) -> np.ndarray:
    starts = np.array([t.idx for t in doc], dtype=np.int64)
    flags = np.zeros(len(doc), dtype=bool)
    for span in find_marked_spans(text):
        lo, hi = np.searchsorted(starts, [span.start, span.end])
        flags[lo:hi] = True
    return flags


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "CAPS"
    if text[:1].isupper():
        return "Cap"
    if text.isalpha():
        return "low"
    return re.sub(r"\d+", "0", re.sub(r"[A-Za-z]+", "a", text))[:4]


def token_features(doc) -> tuple[list[list[str]], np.ndarray]:
    """Feature strings and the contextual vector of every token of ``doc``."""
    text = doc.text
    n = len(doc)
    labels = _char_flags(text, doc, [multiword_labels()])
    hedges = _char_flags(text, doc, [p for p, kind in hedge_patterns() if kind == "hedge"])
    quoted = _inside_quotes(text, doc)
    lowers = [t.lower_ for t in doc]
    lemmas = [t.lemma_.lower() for t in doc]
    pos = [t.pos_ for t in doc]
    lex = [_word_lexicon(lowers[i], lemmas[i]) if doc[i].is_alpha else () for i in range(n)]
    sentence_end = {}
    for sent in doc.sents:
        last = sent[-1].text
        mark = "!" if "!" in last else "?" if "?" in last else "."
        for token in sent:
            sentence_end[token.i] = mark
    rows: list[list[str]] = []
    for i, token in enumerate(doc):
        f = [
            "bias",
            "w=" + lowers[i],
            "l=" + lemmas[i],
            "p=" + pos[i],
            "t=" + token.tag_,
            "d=" + token.dep_,
            "sh=" + _shape(token.text),
            "suf=" + lowers[i][-3:],
            "hl=" + token.head.lemma_.lower(),
            "hp=" + token.head.pos_,
            "d|hp=" + token.dep_ + "|" + token.head.pos_,
            "ent=" + (token.ent_type_ or "O"),
            "end=" + sentence_end.get(i, "."),
        ]
        if token.is_stop:
            f.append("stop")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if 0 <= j < n:
                f.append(f"w{offset:+d}=" + lowers[j])
                f.append(f"p{offset:+d}=" + pos[j])
                f.extend(f"{offset:+d}" + x for x in lex[j] if not x.startswith("subj") or offset in (-1, 1))
            else:
                f.append(f"w{offset:+d}=<edge>")
        f.append("p-1|p=" + (pos[i - 1] if i else "<s>") + "|" + pos[i])
        f.append("p|p+1=" + pos[i] + "|" + (pos[i + 1] if i + 1 < n else "</s>"))
        f.extend(lex[i])
        for x in lex[i]:
            f.append(x + "|" + pos[i])
        if labels[i]:
            f.append("in-label")
        if hedges[i]:
            f.append("in-hedge")
        if quoted[i]:
            f.append("quoted")
            if i and doc[i - 1].text in QUOTE_CHARS or i + 1 < n and doc[i + 1].text in QUOTE_CHARS:
                f.append("quote-edge")
        rows.append(f)
    tensor = doc.tensor if doc.tensor is not None and len(doc.tensor) == n else np.zeros((n, 96), dtype=np.float32)
    return rows, np.asarray(tensor, dtype=np.float32)
