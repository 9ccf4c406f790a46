"""Whose voice each character of an article is in.

The outlet's own voice is what is left once the words of others are taken
out: direct quotes and verbatim speech whose marks were lost, embedded posts,
transcript turns ("MS. JEAN-PIERRE: …", "Q  …"), scare quotes, and the
content of reported speech ("Peskov said that …"). Reported speech is kept
apart because part of its wording is the outlet's: an "alleged" the outlet
puts into a paraphrase is its own hedge, a "may" is the speaker's.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from parallax.lexicons.speech import speaker_words
from parallax.model import Article, Quote, Span
from parallax.spans import overlap

# "MS. JEAN-PIERRE:", "Q:", "Q  Thank you", "C-Span:", "Blinken:" at the start of a line
TURN = re.compile(
    r"^[ \t]*(?:(?P<qa>Q(?=[ \t]*[:.]|[ \t])|A(?=[ \t]*:|[ \t]{2}))[ \t]*[:.]?[ \t]*(?=[A-Z“\"‘'…])"
    r"|(?P<label>(?:(?:MR|MS|MRS|DR)\.\s+)?[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}"
    r"|[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})[ \t]*:[ \t]+(?=\S))",
    re.M,
)
NP_DEPS = frozenset("det poss case amod compound nmod nummod advmod punct quantmod predet".split())
NOT_SPEAKERS = speaker_words().not_turn


class Voice:
    """Character ranges in someone else's voice, with fast membership tests."""

    def __init__(self, ranges: list[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        for start, end in sorted(r for r in ranges if r[1] > r[0]):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self.starts = [s for s, _ in merged]
        self.ranges = merged

    def quoted(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ranges[i][1]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, max(start, end - 1)) - 1
        return any(s < end and start < e for s, e in self.ranges[max(0, i - 1): i + 1])

    def quoted_share(self, start: int, end: int) -> float:
        lo = max(0, bisect_right(self.starts, start) - 1)
        hi = bisect_right(self.starts, end)
        inside = sum(overlap(s, e, start, end) for s, e in self.ranges[lo:hi])
        return inside / max(1, end - start)


def transcript_turns(text: str) -> list[tuple[int, int]]:
    """Speaker turns of a transcript: a labelled line and the unlabelled paragraphs
    after it, up to the next label or a heading-like line. Only when the article
    has at least two labelled lines, and a label is either Q/A, a capitalised
    name in capitals, or used at least twice."""
    matches = [m for m in TURN.finditer(text)
               if m.group("qa") or m.group("label").split()[-1].strip(".").lower() not in NOT_SPEAKERS]
    counts: dict[str, int] = {}
    for m in matches:
        key = (m.group("qa") or m.group("label")).lower()
        counts[key] = counts.get(key, 0) + 1
    accepted = [m for m in matches if m.group("qa") or m.group("label").isupper() and len(m.group("label")) > 2
                or counts[m.group("label").lower()] >= 2]
    if len(accepted) < 2:
        return []
    turns = []
    starts = [m.start() for m in accepted]
    for k, m in enumerate(accepted):
        limit = starts[k + 1] if k + 1 < len(accepted) else len(text)
        end = text.find("\n", m.end())
        end = limit if end < 0 else min(end, limit)
        paragraphs = 0
        while end < limit and paragraphs < 4:
            nxt = re.compile(r"\n+([^\n]*)").match(text, end)
            if nxt is None:
                break
            line = nxt.group(1).strip()
            if not line or nxt.start(1) >= limit or not re.search(r"[.?!…”\"]$", line):
                break  # a heading, a time stamp or the next section
            end = nxt.end(1)
            paragraphs += 1
        turns.append((m.end(), end))
    return turns


def reported_content(doc, quote: Quote) -> tuple[int, int] | None:
    """The part of an indirect quote that is the speaker's: none when the "content" has
    no verb ("accused the Kiev regime", "calls bullshit on this Kremlin propaganda": the
    outlet names a target, nobody is reported as saying anything); after the head noun
    when it is a noun phrase ("dismissed Russia's ridiculous accusations that …": the
    description is the outlet's, the that-clause the speaker's)."""
    content = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if content is None or not len(content):
        return quote.start, quote.end
    if not any(t.pos_ in ("VERB", "AUX") for t in content):
        return None
    root = content.root
    before = content.doc[content.start:root.i]
    if root.pos_ in ("NOUN", "PROPN") and root.i < content.end - 1 and all(t.dep_ in NP_DEPS for t in before):
        return max(quote.start, root.idx + len(root.text)), quote.end
    return quote.start, quote.end


def voice_of(article: Article, doc, quotes: list[Quote], scare: list[tuple[int, int]]) -> tuple[Voice, Voice]:
    """(others' words, content of reported speech)."""
    ranges = [(q.start, q.end) for q in quotes if q.kind in ("direct", "unmarked")]
    ranges += [(p.start, p.end) for p in article.embedded_posts if p.start is not None and p.end is not None]
    ranges += [(start, end) for start, end in scare]
    ranges += transcript_turns(article.text)
    reported = [r for q in quotes if q.kind == "indirect" and (r := reported_content(doc, q)) is not None]
    return Voice(ranges), Voice(reported)


def span(article: Article, start: int, end: int) -> Span:
    return Span(article_id=article.id, start=start, end=end, text=article.text[start:end])
