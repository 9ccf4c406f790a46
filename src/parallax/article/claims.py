"""Claims in one article: propositions with a holder, a polarity and hedging.

- Quoted claims come from quotes: each sentence of a direct or unmarked quote,
  and the content of indirect speech; the holder is the speaker.
- Own-voice claims are the article's declarative sentences outside quotes and
  outside reported speech; the holder is the outlet.

A claim denies when its cue is a denial verb ("denied", "rejected",
"dismissed") or its words deny ("had nothing to do with", "is lying",
"a ludicrous claim"). What a denial denies is found across articles, in
``parallax.story.align``.
"""

from __future__ import annotations

import hashlib
import re

from parallax.lexicons import hedge_patterns
from parallax.model import Article, Claim, EntityRef, Quote

DENIAL_WORDS = re.compile(
    r"\b(?:nothing\s+to\s+do\s+with|no\s+(?:part|role|involvement|hand)\s+in|(?:not|never)\s+(?:been\s+)?involved|"
    r"no\s+involvement|not\s+behind|(?:is|are|was|were)\s+(?:just\s+|simply\s+)?lying|"
    r"(?:ludicrous|ridiculous|absurd|baseless|false|groundless|unfounded)\s+(?:claim|claims|accusation|accusations|allegation|allegations)|"
    r"(?:claims?|accusations?|allegations?)\s+(?:are|were|is|was)\s+(?:baseless|false|groundless|unfounded|absurd|ridiculous|untrue)|"
    r"(?:did|does|do)\s+not\s+(?:know|order|direct|carry|encourage|enable)|neither\s+encouraged\s+nor|"
    r"no\s+information\s+about|not\s+attacking|we\s+do\s+not\s+attack|denie[sd]|deny|rejects?|rejected|dismiss(?:es|ed)?)\b",
    re.I,
)
MAX_SENTENCES_PER_QUOTE = 4
MIN_WORDS = 5


def claim_id(article_id: str, start: int, end: int) -> str:
    return "c" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]


def is_hedged(text: str) -> bool:
    return any(kind == "hedge" and pattern.search(text) for pattern, kind in hedge_patterns())


def polarity_of(text: str, cue: str | None) -> str:
    if cue and re.match(r"(?:deni|deny|reject|dismiss|rebut|refut|disput)", cue.lower()):
        return "denies"
    return "denies" if DENIAL_WORDS.search(text) else "asserts"


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\"“”‘’'«»—–-,;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"“”‘’'«»—–-,;:"):
        end -= 1
    return start, end


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def quoted_claims(article: Article, doc, quotes: list[Quote]) -> list[Claim]:
    text = article.text
    claims = []
    for quote in quotes:
        if quote.speaker is None:
            continue
        pieces: list[tuple[int, int]] = []
        if quote.kind == "indirect":
            # "said A, and that B": two reported propositions
            pieces, at = [], quote.start
            for match in re.finditer(r",?\s+and\s+that\s+", text[quote.start:quote.end]):
                pieces.append((at, quote.start + match.start()))
                at = quote.start + match.end()
            pieces.append((at, quote.end))
        else:
            for sent in doc.sents:
                start, end = max(sent.start_char, quote.start), min(sent.end_char, quote.end)
                if end - start > 0:
                    pieces.append((start, end))
            pieces = pieces[:MAX_SENTENCES_PER_QUOTE]
        for start, end in pieces:
            start, end = trim(text, start, end)
            piece = text[start:end]
            # a short denial ("denied any involvement") is a claim; other fragments are not
            polarity = polarity_of(piece, quote.cue)
            if words(piece) < (1 if polarity == "denies" else MIN_WORDS):
                continue
            claims.append(Claim(
                id=claim_id(article.id, start, end), article_id=article.id, start=start, end=end, text=piece,
                holder=EntityRef(name=quote.speaker.name), voice="quoted", polarity=polarity,
                hedged=is_hedged(piece) or (quote.cue or "").lower() in ("claimed", "claims", "alleged", "alleges"),
            ))
    return claims


def own_claims(article: Article, doc, quotes: list[Quote]) -> list[Claim]:
    """Declarative own-voice sentences; a sentence that mostly reports speech is left to the quote."""
    text = article.text
    covered = [(q.start, q.end) for q in quotes]
    covered += [(p.start, p.end) for p in article.embedded_posts if p.end is not None]
    holder = EntityRef(name=article.outlet or f"article {article.id[:8]}")
    cues = [q.cue_span.start for q in quotes if q.cue_span is not None and q.kind in ("direct", "unmarked")]
    claims = []
    pieces = []
    for sent in doc.sents:
        # "X says A; Y denies B": two propositions, two claims
        at = sent.start_char
        for part in re.split(r"(?<=;)\s+", sent.text):
            pieces.append((sent, at, at + len(part)))
            at += len(part)
            while at < sent.end_char and text[at].isspace():
                at += 1
    for sent, piece_start, piece_end in pieces:
        start, end = trim(text, piece_start, piece_end)
        piece = text[start:end]
        if words(piece) < MIN_WORDS or piece.endswith("?") or "\n" in piece.strip():
            continue
        inside = sum(max(0, min(e, end) - max(s, start)) for s, e in covered)
        if inside / max(1, end - start) > 0.4 or any(start <= at < end for at in cues):
            continue  # the sentence reports someone's speech: the quote is the claim
        if not any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj") for t in sent):
            continue  # headlines without a verb, datelines, captions
        claims.append(Claim(
            id=claim_id(article.id, start, end), article_id=article.id, start=start, end=end, text=piece,
            holder=holder, voice="own", polarity=polarity_of(piece, None), hedged=is_hedged(piece),
        ))
    return claims


def extract_claims(article: Article, doc, quotes: list[Quote]) -> list[Claim]:
    claims = {c.id: c for c in quoted_claims(article, doc, quotes) + own_claims(article, doc, quotes)}
    return sorted(claims.values(), key=lambda c: (c.start, c.end))
