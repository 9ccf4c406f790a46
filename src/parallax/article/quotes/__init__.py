"""Quotes and their speakers in one article.

Three kinds, each with provenance (character offsets into ``Article.text``):
- direct: words inside quotation marks that someone said (partial quotes
  included); a short marked phrase with no speaker is a scare quote and is
  kept apart, not counted as speech (``direct.py``);
- unmarked: verbatim speech whose marks were lost ("We are already on the
  edge, Ryabkov told Channel 1." / "Peskov said: Without a doubt, ...");
- indirect: reported speech with an explicit speaker ("Peskov said such
  decisions are not made in Kiev", "according to TASS, ...", "X denied ...")
  (``reported.py``).
Speech inside embedded posts is attributed to the post's author.

The modules, in the order the stage runs them: ``context`` (the article's
parse, indexed once), ``marks`` (quotation marks), ``cues`` (reporting cues
from the reporting lexicon), ``speakers`` (names, roles, pronouns and
descriptions resolved to speakers), ``transcript`` (speaker-labelled turns and
block quotes), ``direct``, ``reported``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parallax.article.parsed import ParsedArticle
from parallax.article.quotes.context import ArticleContext, Ranges
from parallax.article.quotes.direct import direct_quotes
from parallax.article.quotes.found import Before, Found, FoundList, Speaker
from parallax.article.quotes.marks import find_marked_spans
from parallax.article.quotes.reported import extend_unmarked, post_bodies, reported_speech
from parallax.article.quotes.speakers import collect_people, infer_genders, speaker_from_token, speaks_for_nobody
from parallax.article.quotes.transcript import block_quotes, transcript_turns
from parallax.ids import quote_id
from parallax.model import Article, EntityRef, Quote, Span

__all__ = ["QuoteAnalysis", "SpeakerRef", "analyze_quotes", "extract_quotes", "quote_id"]

# how many quotes back an inherited (split or running) quote looks for its speaker
INHERIT_LOOK_BACK = 50


@dataclass(kw_only=True)
class SpeakerRef:
    """Who a quote's speaker is within its article, for the entity stage to link by position."""

    quote_id: str
    name: str
    label: str  # PERSON, ORG, GPE, NORP, NOUN
    role: str | None = None
    surface: tuple[int, int] | None = None  # the speaker as written at the cue ("he", "the spokesman", "Peskov")
    ref: tuple[int, int] | None = None  # the named mention it stands for


@dataclass(kw_only=True)
class QuoteAnalysis:
    quotes: list[Quote] = field(default_factory=list)
    scare_quotes: list[tuple[int, int]] = field(default_factory=list)
    speaker_roles: dict[str, str] = field(default_factory=dict)  # fullest name → role
    person_spans: list[tuple[int, int]] = field(default_factory=list)  # entity spans that name people
    speakers: list[SpeakerRef] = field(default_factory=list)


def resolve_in_text_order(ctx: ArticleContext, found: list[Found]) -> None:
    """Pronouns and descriptions point back to the speakers before them in the text,
    so they are resolved again once every quote is known, in reading order."""
    found.sort(key=lambda f: (f.start, f.end))
    ordered = FoundList(found)
    for index, item in enumerate(ordered.items):
        if item.inherited:
            earlier = None
            for back in range(index - 1, max(-1, index - 1 - INHERIT_LOOK_BACK), -1):
                candidate = ordered.items[back]
                # a split or running quote goes on the quote it continues, not on reported speech between
                # ('"…," Clinton said, with a passion that suggested the question was out of line. "…"')
                if candidate.speaker is not None and candidate.end <= item.start \
                        and (item.kind != "direct" or candidate.kind != "indirect"):
                    earlier = candidate
                    break
            if earlier is not None and ctx.paragraph_of(item.start) - ctx.paragraph_of(earlier.end) <= 1:
                item.speaker, item.cue, item.cue_span, item.channel = earlier.speaker, earlier.cue, earlier.cue_span, earlier.channel
            continue
        token = item.subject
        if token is None or token.pos_ not in ("PRON", "NOUN"):
            continue
        speaker = speaker_from_token(ctx, token, Before(ordered, index))
        if item.kind == "direct" and speaks_for_nobody(speaker, token):
            item.speaker = None
        elif speaker is not None:
            item.speaker = speaker


def analyze_quotes(article: Article, doc, *, parsed: ParsedArticle | None = None) -> QuoteAnalysis:
    """All quotes of one article, in text order, with speakers resolved within the article
    (``parsed``: the article's index of ``doc``, built here when not given)."""
    text = article.text
    if parsed is None:
        parsed = ParsedArticle(doc)
    spans = find_marked_spans(text, paragraphs=parsed.paragraphs)
    ctx = ArticleContext(article=article, doc=doc, parsed=parsed, posts=list(article.embedded_posts),
                         marked=Ranges((s.open_mark, s.outer_end) for s in spans))
    collect_people(ctx)
    infer_genders(ctx)
    found: list[Found] = []
    scare: list[tuple[int, int]] = []
    transcript_turns(ctx, found)
    direct_quotes(ctx, spans, found, scare)
    block_quotes(ctx, found)
    reported_speech(ctx, found)
    extend_unmarked(ctx, found)
    post_bodies(ctx, found)
    resolve_in_text_order(ctx, found)
    result = QuoteAnalysis(scare_quotes=sorted(scare), speaker_roles=dict(sorted(ctx.roles.items())),
                           person_spans=sorted(ctx.person_names))
    seen, framed, kept = set(), set(), []
    # longest first at each start: two readings of one cue's words of one kind (a block quote
    # and the colon's content) that start together are one quote, the fuller one
    for f in sorted(found, key=lambda f: (f.start, -f.end)):
        if (f.start, f.end) in seen or f.end <= f.start or (f.cue_span and (f.start, f.kind, f.cue_span) in framed):
            continue
        seen.add((f.start, f.end))
        if f.cue_span:
            framed.add((f.start, f.kind, f.cue_span))
        kept.append(f)
    for f in sorted(kept, key=lambda f: (f.start, f.end)):
        result.quotes.append(to_quote(article, f))
        if f.speaker is not None:
            result.speakers.append(speaker_ref(result.quotes[-1].id, f.speaker))
    return result


def speaker_ref(quote_id_: str, speaker: Speaker) -> SpeakerRef:
    surface = (speaker.start, speaker.end) if speaker.end > speaker.start else None
    return SpeakerRef(quote_id=quote_id_, name=speaker.name, label=speaker.label, role=speaker.role, surface=surface, ref=speaker.ref)


def to_quote(article: Article, f: Found) -> Quote:
    text = article.text

    def span(start: int, end: int) -> Span:
        return Span(article_id=article.id, start=start, end=end, text=text[start:end])

    speaker = speaker_span = None
    if f.speaker is not None:
        speaker = EntityRef(name=f.speaker.name)
        if f.speaker.end > f.speaker.start:
            speaker_span = span(f.speaker.start, f.speaker.end)
    return Quote(
        id=quote_id(article.id, f.start, f.end),
        article_id=article.id,
        start=f.start,
        end=f.end,
        text=text[f.start:f.end],
        kind=f.kind,
        speaker=speaker,
        speaker_span=speaker_span,
        cue=f.cue,
        cue_span=span(*f.cue_span) if f.cue_span else None,
        channel=f.channel,
        in_embedded_post=f.in_post,
        is_question=f.question,
        is_turn=f.turn,
    )


def extract_quotes(article: Article, doc, extras: dict | None = None, *, parsed: ParsedArticle | None = None) -> list[Quote]:
    """The quotes of one article; ``extras`` receives what framing and entities read
    (scare quotes, speaker roles, spans that name people)."""
    result = analyze_quotes(article, doc, parsed=parsed)
    if extras is not None:
        extras["scare_quotes"] = result.scare_quotes
        extras["speaker_roles"] = result.speaker_roles
        extras["person_spans"] = result.person_spans
        extras["speaker_refs"] = result.speakers
    return result.quotes
