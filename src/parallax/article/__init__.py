"""Per-article analysis: everything that looks at one article's parse.

``analyze_article`` is independent and picklable, so it runs in a loop, in a
process pool, or inside a Ray ``map_batches`` call alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from parallax.model import Article, Claim, Framing, Quote

if TYPE_CHECKING:
    from parallax.article.disagreements import Disagreement
    from parallax.article.quotes import SpeakerRef


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
    tense: str = "unknown"  # of its clause: past | present | perfect | future | unknown


@dataclass
class ArticleAnalysis:
    """What the per-article stages found in one article: picklable, read by the story stage."""

    article_id: str
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    framing: Framing | None = None
    times: list[TimeExpression] = field(default_factory=list)
    # found by the quote stage, read by framing and entities
    scare_quotes: list[tuple[int, int]] = field(default_factory=list)
    speaker_roles: dict[str, str] = field(default_factory=dict)  # fullest name → role
    speaker_refs: list["SpeakerRef"] = field(default_factory=list)  # each quote's speaker, by position
    # found by framing, completed once entities are known: [entity text, label, term] rows
    naming_mentions: list[list[str]] = field(default_factory=list)
    disagreements: list["Disagreement"] = field(default_factory=list)  # "X was at odds with Y"


def analyze_article(article: Article, doc) -> ArticleAnalysis:
    """Run every per-article stage over one parsed article, in dependency order.

    The Doc indexed once (``ParsedArticle``, passed to every stage) → quotes →
    mentions' roles and person labels → framing (quotes, scare quotes) → claims
    (quotes) → stated disagreements → time expressions (quotes)."""
    from parallax.article import attacks, claims, disagreements, framing, quotes, time
    from parallax.article.parsed import ParsedArticle

    parsed = ParsedArticle(doc)  # every stage reads the parse through this one index
    analysis = ArticleAnalysis(
        article_id=article.id,
        sentences=list(parsed.sentence_spans),
        mentions=[Mention(e.text, e.label_, e.start_char, e.end_char) for e in parsed.ents],
    )
    quoting = quotes.analyze_quotes(article, doc, parsed=parsed)
    analysis.quotes = quoting.quotes
    analysis.scare_quotes = quoting.scare_quotes
    analysis.speaker_roles = quoting.speaker_roles
    analysis.speaker_refs = quoting.speakers
    people = set(quoting.person_spans)
    for mention in analysis.mentions:
        mention.role = quoting.speaker_roles.get(mention.text)
        if (mention.start, mention.end) in people:
            mention.label = "PERSON"  # a name behind a personal title, whatever spaCy's label
    found = framing.frame_article(article, doc, analysis.quotes, analysis.scare_quotes, parsed=parsed)
    analysis.framing, analysis.naming_mentions = found.framing, found.naming_mentions
    analysis.claims = claims.extract_claims(article, doc, analysis.quotes, parsed=parsed)
    analysis.disagreements = (
        disagreements.find_disagreements(article.id, article.text, parsed.sentences, parsed.ents, analysis.quotes)
        + attacks.find_answered_attacks(article.id, article.text, parsed.sentences, parsed.ents, analysis.quotes))
    analysis.times = time.extract_times(article, doc, analysis.quotes, parsed=parsed)
    return analysis
