"""The typed model of a StoryReport (schema_version "1", see docs/CONTRACT.md).

Every extracted item carries provenance: the article id and character offsets
into that article's clean ``text`` (``text[start:end] == span.text``).
Serialization is deterministic: sorted keys, no wall-clock values.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """A piece of evidence: ``article.text[start:end] == text``."""

    article_id: str
    start: int
    end: int
    text: str


# --------------------------------------------------------------------------- articles


class RemovedLine(_Model):
    """A boilerplate line taken out of the raw text, with the reason why."""

    text: str
    reason: str
    raw_start: int | None = None  # offsets into the decoded raw input
    raw_end: int | None = None


class EmbeddedPost(_Model):
    """A social post pasted into the article (a tweet, a Telegram post).

    The post stays in ``Article.text`` (quotes inside it need offsets) but is
    marked by ``start``/``end`` so it never counts as the outlet's own voice.
    """

    text: str
    author: str | None = None
    handle: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None
    start: int | None = None  # span of the whole post (body + signature) in Article.text
    end: int | None = None


class Article(_Model):
    id: str
    path: str | None = None
    url: str | None = None
    source_id: str | None = None  # the id a corpus record carried
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None
    language: str | None = None
    text: str = ""
    word_count: int = 0
    removed: list[RemovedLine] = Field(default_factory=list)
    embedded_posts: list[EmbeddedPost] = Field(default_factory=list)
    duplicate_of: str | None = None  # id of the article this one repeats (near-)verbatim
    warnings: list[str] = Field(default_factory=list)
    # Map from clean text back to the decoded raw input: [clean_start, raw_start, length]
    # runs; a clean offset inside a run maps to raw_start + (offset - clean_start).
    source_map: list[tuple[int, int, int]] = Field(default_factory=list)


# --------------------------------------------------------------------------- who said what


class EntityRef(_Model):
    entity_id: str | None = None
    name: str


class Entity(_Model):
    id: str
    name: str
    type: str  # PERSON | ORG | GPE | LOC | NORP | ...
    variants: list[str] = Field(default_factory=list)
    role: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Quote(_Model):
    id: str
    article_id: str
    start: int
    end: int
    text: str
    kind: Literal["direct", "unmarked", "indirect"]
    speaker: EntityRef | None = None
    speaker_span: Span | None = None
    cue: str | None = None
    cue_span: Span | None = None
    channel: str | None = None
    group_id: str | None = None
    in_embedded_post: bool = False
    # a question put to someone (an interviewer's or reporter's turn): speech, never a claim
    is_question: bool = False
    # one speaker-labelled turn of a transcript or interview ("MS. JEAN-PIERRE: …")
    is_turn: bool = False


class QuoteVariant(_Model):
    quote_id: str
    article_id: str
    outlet: str | None = None
    text: str
    # word-level differences against the group's reference wording:
    # [["equal"|"insert"|"delete"|"replace", reference words, this variant's words], ...]
    diff: list[tuple[str, str, str]] = Field(default_factory=list)
    insertions: list[str] = Field(default_factory=list)  # editorial brackets inside the quote
    meaning_changes: list[str] = Field(default_factory=list)  # negation / number differences


class QuoteGroup(_Model):
    id: str
    speaker: str | None = None
    quote_ids: list[str] = Field(default_factory=list)
    article_ids: list[str] = Field(default_factory=list)
    variants: list[QuoteVariant] = Field(default_factory=list)


# --------------------------------------------------------------------------- claims


ClaimKind = Literal["event", "statement", "evaluation", "question", "procedural"]
Coverage = Literal["reported", "hedged", "disputed", "omitted"]


class Predicate(_Model):
    """What a claim says happens or is: its main verb, negation and modality."""

    lemma: str
    negated: bool = False
    # asserted: stated as fact; reported: someone's statement; hedged: may/alleged/reportedly;
    # predicted: will/plans to; questioned: asked, not stated
    modality: Literal["asserted", "reported", "hedged", "predicted", "questioned"] = "asserted"
    subject: Span | None = None  # who or what the verb is about (its grammatical subject), when the claim names it


class Argument(Span):
    """Something a claim is about: an entity, a number with its unit, a date or a place."""

    kind: Literal["entity", "number", "date", "place"]
    entity_id: str | None = None  # for entities and places, once entities are resolved across articles
    value: str | None = None  # a number as digits ("300", "2.5"), a date as written
    unit: str | None = None  # what a number counts ("resident", "percent", "dollar")


class Claim(_Model):
    """One proposition of one article, with who holds it (a speaker, or the outlet's own voice)."""

    id: str
    article_id: str
    start: int
    end: int
    text: str
    holder: EntityRef  # entity_id: the speaker's entity; None for the outlet's own voice
    holder_span: Span | None = None  # where the holder is named, for a rebuttal the narration reports
    voice: Literal["own", "quoted"]
    polarity: Literal["asserts", "denies"]
    hedged: bool = False
    kind: ClaimKind = "event"
    quote_id: str | None = None  # the quote it comes from (quoted claims)
    predicate: Predicate | None = None
    arguments: list[Argument] = Field(default_factory=list)
    group_id: str | None = None
    group_confidence: float | None = None  # how surely this claim belongs to its group (0..1)
    also_in_group_ids: list[str] = Field(default_factory=list)  # further groups whose proposition it states too
    denies_group_id: str | None = None  # for a denial: the claim group it denies


class ClaimGroup(_Model):
    """One proposition as stated across articles; only verified members join."""

    id: str
    label: str
    label_claim_id: str | None = None  # the member whose wording is the label
    kind: ClaimKind = "event"
    claim_ids: list[str] = Field(default_factory=list)
    coverage: dict[str, Coverage] = Field(default_factory=dict)
    # how sure each coverage mark is (0..1); an "omitted" mark is sure only when a search
    # over every sentence of that article found nothing that states the proposition
    coverage_confidence: dict[str, float] = Field(default_factory=dict)
    confidence: float = 0.0  # mean verified agreement between members of different articles
    confidence_level: Literal["confident", "possible"] = "confident"
    conflicts: list[str] = Field(default_factory=list)  # figures that differ between outlets


class Dispute(_Model):
    """Party A asserts a proposition, party B denies or contradicts it."""

    id: str
    claim_group_id: str | None = None  # the group of the asserting side, when it is carried by several articles
    # parties: both sides are named entities; outlet: an outlet's own fact-check of a claim
    kind: Literal["parties", "outlet"] = "parties"
    label: str = ""  # the disputed proposition, in the asserting side's words
    asserted_by: list[str] = Field(default_factory=list)
    denied_by: list[str] = Field(default_factory=list)
    asserted_by_ids: list[str] = Field(default_factory=list)  # entity ids (outlet disputes: none)
    denied_by_ids: list[str] = Field(default_factory=list)
    assertion_claim_ids: list[str] = Field(default_factory=list)
    denial_claim_ids: list[str] = Field(default_factory=list)
    confidence: float = 0.0
    # which outlets carry which side (article ids)
    assertion_reported_in: list[str] = Field(default_factory=list)
    denial_reported_in: list[str] = Field(default_factory=list)
    # sentences in which an outlet says the two parties disagree ("X was at odds with Y")
    stated_in: list[Span] = Field(default_factory=list)


# --------------------------------------------------------------------------- framing


class LoadedTerm(Span):
    voice: Literal["own", "quoted"]
    score: float  # 0..1: the model's probability that the phrase is loaded language
    # which kind of loaded language the model sees: loaded_language, name_calling, exaggeration
    # (the Propaganda Techniques Corpus' names), or lexicon when only a lexicon marks it
    technique: str | None = None


class Hedge(Span):
    """An own-voice hedge: evidential ("alleged", "could not be verified"), epistemic
    ("may have", "seemed to"), attribution ("Russia claimed", "according to the Kremlin")
    or question (a headline asking about the event)."""

    kind: str | None = None


class ScoredSentence(Span):
    """An own-voice sentence with the probability that it is opinionated or loaded."""

    score: float
    slant: bool = False  # score at or above the model's threshold: the sentence carries the outlet's slant


class CitedSource(_Model):
    """An outlet, agency, broadcaster, body or document the article relies on, with where it says so."""

    name: str
    evidence: list[Span] = Field(default_factory=list)


class Framing(_Model):
    article_id: str
    stance: Literal["fact", "allegation", "fabrication", "unclear"] | None = None
    hedges: list[Hedge] = Field(default_factory=list)
    loaded_terms: list[LoadedTerm] = Field(default_factory=list)
    naming: dict[str, list[str]] = Field(default_factory=dict)
    insertions: list[Span] = Field(default_factory=list)
    rhetorical_questions: list[Span] = Field(default_factory=list)
    scare_quotes: list[Span] = Field(default_factory=list)
    cited_sources: list[str] = Field(default_factory=list)
    voices: dict[str, float] = Field(default_factory=dict)
    omitted_claim_groups: list[str] = Field(default_factory=list)
    opinion_share: float = 0.0
    # every own-voice sentence with its opinionated/loaded score (document order), and the
    # ones that carry the outlet's slant, strongest first
    sentences: list[ScoredSentence] = Field(default_factory=list)
    slant_sentences: list[ScoredSentence] = Field(default_factory=list)
    cited_source_evidence: list[CitedSource] = Field(default_factory=list)


# --------------------------------------------------------------------------- time and summary


class TimeExpression(_Model):
    """A time expression in one article, resolved as TimeML's TIMEX3.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` is the TimeML value:
    "2010-12-08", "2010-12", "2010-W49", "2010-Q3", "2010", "201" (a decade),
    "2010-12-08T14:30", "2010-12-08TEV" (evening), "PRESENT_REF", "PAST_REF",
    "FUTURE_REF", "P3D" / "PT2H" / "PXY" (durations), "XXXX-12-25" or
    "XXXX-WXX-2" (no year can be given: the article has no publication date).
    ``anchor`` says what a relative expression was counted from.
    """

    article_id: str
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    anchor: Literal["publication", "quote", "reference", "absolute", "none"] = "none"


class TimelineEvent(_Model):
    date: str  # YYYY-MM-DD
    time: str | None = None  # HH:MM
    text: str
    sources: list[Span] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list)
    # the time expressions that date the event, one or more per reporting article
    expressions: list[Span] = Field(default_factory=list)
    claim_group_id: str | None = None  # the proposition dated, when the event is a claim group


class SummarySentence(_Model):
    text: str
    sources: list[Span] = Field(default_factory=list)


class StoryReport(_Model):
    schema_version: str = SCHEMA_VERSION
    articles: list[Article] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    quote_groups: list[QuoteGroup] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    claim_groups: list[ClaimGroup] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)
    framing: list[Framing] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    time_expressions: list[TimeExpression] = Field(default_factory=list)
    summary: list[SummarySentence] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def to_json(self, indent: int | None = 2) -> str:
        return dumps(self.model_dump(mode="json"), indent=indent)


def dumps(data: object, indent: int | None = 2) -> str:
    """The one JSON encoder: sorted keys and stable layout, so output is byte-identical."""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=indent) + "\n"


def json_schema() -> dict:
    return StoryReport.model_json_schema()
