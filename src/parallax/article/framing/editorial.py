"""The outlet's editorial devices: words it puts into someone's quote (brackets
and parentheses: clarifications, dates, sarcastic asides, "[Nukes.]"),
"emphasis added", and questions it asks in its own voice."""

from __future__ import annotations

import re

from parallax.article.framing.voice import Voice, span
from parallax.article.parsed import ParsedArticle
from parallax.lexicons import political_labels, valence
from parallax.model import Article, Quote, Span

BRACKET = re.compile(r"\[\s*([^\[\]\n]{1,80}?)\s*\]")
PAREN = re.compile(r"\(\s*([^()\n]{1,60}?)\s*\)")
EMPHASIS = re.compile(r"\((?:emphasis|italics)\s+(?:added|ours|mine|in\s+original)\)|\bemphasis\s+(?:added|ours|mine)\b", re.I)
# words that mark a parenthesis inside a quote as the writer's, not the speaker's
PAREN_EDITORIAL = re.compile(r"^(?:sic|emphasis\b.*|sarcasm|laughs?|applause|inaudible|crosstalk|ed\.|editor'?s note.*|"
                             r"translated|translation|the\s+\w+.*|[A-Z][a-z]+ \d{1,2}(?:, \d{4})?|\d{4})$", re.I)


def find_insertions(article: Article, quotes: list[Quote], others: Voice) -> list[Span]:
    """Bracketed words inside or right after quoted material (a clarification "[the
    mayor]", a date, a comment "[Nonsense]"), bracketed comments in the outlet's own
    text ("[In a bunker?]"), writer's parentheses inside a quote ("(sic)", "(the
    attack)"), and "emphasis added"."""
    text = article.text
    quoted = [(q.start, q.end) for q in quotes if q.kind in ("direct", "unmarked")]
    found: list[Span] = []
    for match in BRACKET.finditer(text):
        inner = match.group(1).strip()
        start, end = match.start(), match.end()
        if "@" in inner or inner.lower() in ("email protected", "email\xa0protected") or inner.isdigit():
            continue  # obfuscated addresses and footnote markers, not comments
        inside = others.quoted(start) or any(s <= start < e for s, e in quoted)
        after = any(0 <= start - e <= 4 for s, e in quoted)
        commentary = bool(re.search(r"[.?!]$|^(?:sic|emphasis|sarcasm|laughs?|nonsense|really|seriously)\b", inner, re.I))
        evaluative = any(w in political_labels() or valence().get(w, 0.0) <= -1.0 for w in re.findall(r"[a-z]+", inner.lower()))
        if inside or (after and (commentary or evaluative)) or (commentary and len(inner.split()) <= 8):
            found.append(span(article, start, end))
    for match in PAREN.finditer(text):
        inner = match.group(1).strip()
        if not (others.quoted(match.start()) or any(s <= match.start() < e for s, e in quoted)):
            continue
        if PAREN_EDITORIAL.match(inner) and not EMPHASIS.match(match.group()):
            found.append(span(article, match.start(), match.end()))
    for match in EMPHASIS.finditer(text):
        if not any(s.start <= match.start() < s.end for s in found):
            found.append(span(article, match.start(), match.end()))
    return sorted(found, key=lambda s: (s.start, s.end))


def find_rhetorical_questions(article: Article, parsed: ParsedArticle, others: Voice) -> list[Span]:
    """Own-voice questions, leaving out the headline and short question subheadings of explainers."""
    text = article.text
    title = (article.title or "").strip()
    doc_text = parsed.text  # a sentence's text is its slice of it (``Span.text`` builds every token)
    out = []
    for sent in parsed.sentences:
        sent_text = doc_text[sent.start_char:sent.end_char]
        sentence = sent_text.strip()
        if not sentence.endswith("?") or others.quoted_share(sent.start_char, sent.end_char) > 0.3:
            continue
        if title and sentence in title:
            continue
        start = sent.start_char + (len(sent_text) - len(sent_text.lstrip()))
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
        if line == sentence and len(sentence.split()) <= 6:
            continue  # "What happened?" as a subheading
        out.append(span(article, start, start + len(sentence)))
    return out
