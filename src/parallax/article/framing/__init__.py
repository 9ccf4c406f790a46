"""How one article frames the story in its own voice.

The own voice is everything outside other people's words (``voice``). On it:

- ``loaded``: loaded terms from the packaged model trained on the Propaganda
  Techniques Corpus (``model``, ``features``; the lexicons are among its inputs);
- ``sentences``: a per-sentence opinionated/loaded score, the slant sentences
  and the opinion share;
- ``hedges``: lexical, attribution and question hedges, and the stance;
- ``editorial``: insertions into quotes and rhetorical questions;
- ``sources``: the outlets, agencies and documents the article relies on;
- ``naming``: raw naming rows for the story stage.

Story-level parts (naming by entity, voices by affiliation, omissions) are
completed in ``parallax.story.framing`` once entities and claims are known;
``frame_article`` returns the raw material (naming mentions) beside the Framing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parallax.article.framing.editorial import find_insertions, find_rhetorical_questions
from parallax.article.framing.hedges import find_hedges, stance_of
from parallax.article.framing.loaded import find_loaded_terms
from parallax.article.framing.model import get_model
from parallax.article.framing.naming import naming_mentions
from parallax.article.framing.sentences import opinion_share, score_sentences, slant_sentences
from parallax.article.framing.sources import cited_sources
from parallax.article.framing.voice import Voice, span, voice_of
from parallax.article.parsed import ParsedArticle
from parallax.model import Article, Framing, Quote

__all__ = ["analyze_framing", "frame_article", "FramingAnalysis", "Voice", "voice_of", "span"]


@dataclass
class FramingAnalysis:
    framing: Framing
    naming_mentions: list[list[str]] = field(default_factory=list)  # [entity text, label, term]


def analyze_framing(article: Article, doc, quotes: list[Quote], scare_quotes: list[tuple[int, int]] = (), *,
                    parsed: ParsedArticle | None = None) -> Framing:
    """The article's Framing alone (for callers that do not complete it across a story)."""
    return frame_article(article, doc, quotes, scare_quotes, parsed=parsed).framing


def frame_article(article: Article, doc, quotes: list[Quote], scare_quotes: list[tuple[int, int]] = (), *,
                  parsed: ParsedArticle | None = None) -> FramingAnalysis:
    """``parsed``: the article's index of ``doc``, built here when not given."""
    if parsed is None:
        parsed = ParsedArticle(doc)
    scare = [tuple(s) for s in scare_quotes]
    others, reported = voice_of(article, doc, quotes, scare)
    scores = get_model().token_scores(doc)
    questions = find_rhetorical_questions(article, parsed, others)
    hedges, counts = find_hedges(article, doc, others, reported, scare, questions)
    loaded = find_loaded_terms(article, doc, scores, others, reported)
    sentences = score_sentences(article, parsed, scores, others, reported)
    sources = cited_sources(article, parsed.ents, quotes, others)
    framing = Framing(
        article_id=article.id,
        stance=stance_of(counts, article.word_count or len(article.text.split())),
        hedges=hedges,
        loaded_terms=loaded,
        insertions=find_insertions(article, quotes, others),
        rhetorical_questions=questions,
        scare_quotes=[span(article, s, e) for s, e in scare],
        cited_sources=[s.name for s in sources],
        cited_source_evidence=sources,
        opinion_share=opinion_share(sentences, questions),
        sentences=sentences,
        slant_sentences=slant_sentences(sentences),
    )
    return FramingAnalysis(framing, naming_mentions(parsed, others))
