"""Per-article analysis: everything that looks at one article's parse.

``analyze_article`` is independent and picklable, so it runs in a loop, in a
process pool, or inside a Ray ``map_batches`` call alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parallax.model import Article, Claim, Framing, Quote


@dataclass
class Mention:
    """A named-entity mention in one article (resolved across articles later)."""

    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, LOC, ...
    start: int
    end: int
    role: str | None = None  # apposition / title ("Kremlin spokesman")


@dataclass
class TimeExpression:
    text: str
    start: int
    end: int
    date: str | None  # YYYY-MM-DD when the expression names a day (or a time on one)
    time: str | None = None  # HH:MM
    sentence_start: int = 0
    sentence_end: int = 0
    type: str = "DATE"  # TimeML TIMEX3 type: DATE | TIME | DURATION | SET
    value: str = ""  # TimeML value: 2010-12-08, 2010-W49, PRESENT_REF, P3D, XXXX-12-25 ...
    anchor: str = "none"  # what it was counted from: publication | quote | reference | absolute | none
    granularity: str | None = None  # day, month, year, quarter ... of a calendar value


@dataclass
class ArticleAnalysis:
    article_id: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: Framing | None = None
    times: list[TimeExpression] = field(default_factory=list)
    # free-form extras a stage leaves for the story stage (must stay picklable)
    extras: dict = field(default_factory=dict)


def analyze_article(article: Article, doc) -> ArticleAnalysis:
    """Run every per-article stage over one parsed article, in dependency order."""
    from parallax.article import claims, framing, quotes, time

    analysis = ArticleAnalysis(
        article_id=article.id,
        sentences=[(s.start_char, s.end_char) for s in doc.sents],
        mentions=[Mention(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents],
    )
    analysis.quotes = quotes.extract_quotes(article, doc, analysis.extras)
    roles = analysis.extras.get("speaker_roles", {})
    people = set(map(tuple, analysis.extras.get("person_spans", ())))
    for mention in analysis.mentions:
        mention.role = roles.get(mention.text)
        if (mention.start, mention.end) in people:
            mention.label = "PERSON"
    analysis.framing = framing.analyze_framing(article, doc, analysis.quotes, analysis.extras)
    analysis.claims = claims.extract_claims(article, doc, analysis.quotes)
    analysis.times = time.extract_times(article, doc, analysis.quotes)
    return analysis
