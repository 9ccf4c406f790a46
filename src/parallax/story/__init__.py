"""Cross-article work: the only stage that looks at several articles at once.

    entities.py   one entity per real person/organisation/place, speakers linked
    framing.py    naming choices by entity, voices by affiliation
    quote_groups.py  the same utterance as carried by several outlets
    align.py      claim groups and the claim matrix; omissions
    disputes.py   assertion vs denial, who carries which side
    timeline.py   dated events across articles
    summary.py    the neutral extractive summary
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from parallax.article import ArticleAnalysis
from parallax.model import Article, StoryReport


@dataclass
class StoryOptions:
    summary_sentences: int = 7
    aliases: dict[str, list[str]] = field(default_factory=dict)  # canonical name → variants
    alignment_model: object | None = None  # a parallax.story.verify.PairModel; None: the packaged one


def build_report(articles: list[Article], analyses: list[ArticleAnalysis], options: StoryOptions | None = None) -> StoryReport:
    """Assemble the StoryReport from per-article analyses, in dependency order."""
    from parallax.story import align, disputes, entities, framing, quote_groups, summary, timeline

    options = options or StoryOptions()
    report = StoryReport(articles=articles)
    report.quotes = [q for a in analyses for q in a.quotes]
    report.claims = [c for a in analyses for c in a.claims]
    report.framing = [a.framing for a in analyses if a.framing is not None]
    eligible = align.eligible_claims(articles, report.claims)
    # the claims' embeddings and similarity matrices read no entity: a second thread builds them
    # while this one resolves entities (their work is mostly numpy and the tokenizer, which let go
    # of the interpreter lock, so the two overlap on a second core)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="parallax-claim-index") as pool:
        indexing = pool.submit(align.index_claims, articles, analyses, eligible) if eligible else None
        report.entities = entities.resolve_entities(articles, analyses, report, options)
        report.quote_groups = quote_groups.group_quotes(articles, report)
        framing.complete_framing(report, analyses)
        indexed = indexing.result() if indexing is not None else None
    alignment = align.align_claims(articles, analyses, report, options.alignment_model, indexed)
    report.claim_groups = alignment.groups
    report.disputes = disputes.find_disputes(articles, report, alignment, analyses)
    align.fill_omissions(report)
    report.time_expressions = timeline.time_expressions(analyses)
    report.timeline = timeline.build_timeline(articles, analyses, report)
    report.summary = summary.summarize(articles, analyses, report, options.summary_sentences)
    return report
