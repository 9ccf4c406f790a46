"""Sources an article relies on: outlets, agencies, broadcasters, think tanks,
bodies and documents, each with the spans that show it ("according to
Interfax", "told the BBC", "Channel 4 reported", "in a piece for The Atlantic",
"via AFP", "Reuters contributed to this report", a credit line), plus the
authors of embedded posts. The story stage drops people and places, which are
voices, not sources."""

from __future__ import annotations

import re

from parallax.article.framing.voice import Voice, span
from parallax.lexicons.speech import speaker_words
from parallax.model import Article, CitedSource, Quote, Span

MEDIA_WORDS = re.compile(
    r"\b(?:news|agency|press|media|tv|radio|times|post|journal|wire|gazette|herald|tribune|broadcaster|channel|"
    r"newspaper|magazine|report|transcript|documents?|statement|reuters|tass|ria|afp|ap|bbc|cnn|interfax|"
    r"institute|center|centre|council|foundation|tank|network|television)\b", re.I)
PUBLICATION_CUES = {"according to", "reported", "reports", "report", "wrote", "writes", "published", "posted", "tweeted", "cited"}
WORD = r"[A-Z][\w&’'-]*(?:\.[\w&’'-]+)*"  # "Reuters", "F.B.I" (a sentence's full stop never joins two names)
NAME = r"(?P<name>(?:[Tt]he\s+)?" + WORD + r"(?:\s+(?:of\s+|for\s+|de\s+)?" + WORD + r"|\s+\d{1,2}\b){0,5})"
# (cue, strong): a strong cue names a publication whatever the name looks like ("in a piece for The Atlantic");
# after a weak one ("according to", "told") the name must read like an outlet, agency, body or document
CUES = [
    (re.compile(r"\b[Aa]ccording\s+to\s+(?:a\s+|an\s+)?(?:(?:report|statement|article|piece|interview)s?\s+(?:by|from|in|on|with)\s+)?" + NAME), False),
    (re.compile(r"\b(?:told|said\s+(?:on|to)|speaking\s+(?:to|with)|in\s+an?\s+interview\s+with)\s+" + NAME), False),
    (re.compile(NAME + r"\s+(?:reported|reports|has\s+reported|wrote|writes|said\s+in\s+a\s+report|first\s+reported|cited)\b"), False),
    (re.compile(r"\b[Ii]n\s+an?\s+(?:piece|article|op-ed|essay|column|editorial|report|podcast)\s+(?:for|in|by|on)\s+" + NAME), True),
    (re.compile(r"\bvia\s+" + NAME), True),
    (re.compile(NAME + r"\s+contributed\s+to\s+this\s+report"), True),
    (re.compile(r"\((?:[Ss]ee\s+)?" + NAME + r",\s+(?:\w+\s+)?\d{1,2},\s+\d{4}"), True),
    (re.compile(r"^(?:Source|Sources|Credit|Image|Photo)s?\s*[,:]\s*" + NAME, re.M), True),
    (re.compile(r"\((?:Source|Credit|Image|Photo)s?\s*:\s*" + NAME), True),
    (re.compile(r"^" + NAME + r"\s+(?:adds|continues|notes|explains)\b", re.M), False),
    (re.compile(r"^" + NAME + r"\s*:\s", re.M), False),  # a transcript's "C-Span: …" (kept when it reads like an outlet)
]
# a name that starts with a pronoun, a determiner or a conjunction, or with a word of the lexicon's
# not_source class ("officials", "photo"), cites no source
NOT_SOURCES = frozenset("the we he she they it i you this that these those but and so".split()) | speaker_words().not_source


def _clean(name: str, nationalities: frozenset[str] = frozenset()) -> str:
    name = re.sub(r"^(?:the)\s+", "", name.strip(), flags=re.I)
    name = re.split(r"(?:’s|'s)\b", name)[0]  # "BBC’s Ukrainian service" is the BBC
    name = re.sub(r"^(?:[a-z][\w-]*\s+)+(?=[A-Z])", "", name)  # "leaked Pentagon documents" are Pentagon documents
    words = name.split()
    if len(words) > 1 and words[0] in nationalities:
        name = " ".join(words[1:])  # "Russian Channel 1" is Channel 1
    return name.strip(" .,")


def _named(name: str) -> bool:
    words = name.split()
    return bool(words) and words[0].lower() not in NOT_SOURCES and any(ch.isupper() for ch in name) and len(name) > 1


def cited_sources(article: Article, ents: list, quotes: list[Quote], others: Voice) -> list[CitedSource]:
    """``ents``: the doc's entities, in order (``doc.ents`` builds them anew on every read)."""
    text = article.text
    found: dict[str, list[Span]] = {}
    persons = {e.text for e in ents if e.label_ == "PERSON"}
    nationalities = frozenset(e.text for e in ents if e.label_ == "NORP" and " " not in e.text)

    def add(name: str, start: int, end: int) -> None:
        name = _clean(name, nationalities)
        if _named(name) and name not in persons:
            spans = found.setdefault(name, [])
            if not any(s.start == start for s in spans):
                spans.append(span(article, start, end))

    for pattern, strong in CUES:
        for match in pattern.finditer(text):
            if others.quoted(match.start()):
                continue
            name = match.group("name")
            # the name is a known organisation or reads like an outlet, agency, body or document
            at = match.start("name")
            ent = next((e for e in ents if e.start_char <= at < e.end_char), None)
            if ent is not None and ent.label_ == "PERSON" and not strong:
                continue
            if strong or (ent is not None and ent.label_ in ("ORG", "NORP", "WORK_OF_ART", "FAC")) or MEDIA_WORDS.search(name) \
                    or name.isupper() and len(name) >= 2:
                if ent is not None and ent.label_ == "ORG" and ent.end_char <= match.end("name"):
                    name = text[max(at, ent.start_char):ent.end_char]
                add(name, match.start(), match.end())
    for quote in quotes:
        if quote.speaker and ((quote.cue or "").lower() in PUBLICATION_CUES or MEDIA_WORDS.search(quote.speaker.name)):
            evidence = quote.speaker_span or quote.cue_span
            if evidence is not None:
                add(quote.speaker.name, evidence.start, evidence.end)
        if quote.channel:
            # "told the New York Times", "said on CNN", "an interview with Channel 1"; not "in Tarvik"
            for run in re.findall(r"\b(?:told|on|to|with|by)\s+(?:the\s+)?((?:[A-Z][\w.&’'-]*(?:\s+|$))+)", quote.channel):
                run = _clean(run, nationalities)
                if not run or run.lower() in ("telegram", "twitter", "facebook"):
                    continue
                at = text.find(run, max(0, quote.start - 300))
                if at >= 0:
                    add(run, at, at + len(run))
    for post in article.embedded_posts:
        if post.author and post.start is not None and post.end is not None:
            at = text.rfind(post.author, post.start, post.end)
            if at >= 0:
                found.setdefault(post.author, [])
                if not any(s.start == at for s in found[post.author]):
                    found[post.author].append(span(article, at, at + len(post.author)))
    merged: dict[str, CitedSource] = {}
    for name in sorted(found, key=lambda n: (-len(n), n)):
        # "New York Times" and "the New York Times", "RIA" and "RIA news agency": one source
        key = next((k for k in merged if k.lower() == name.lower() or k.lower().endswith(" " + name.lower())), None)
        if key is None:
            merged[name] = CitedSource(name=name, evidence=[])
            key = name
        merged[key].evidence.extend(found[name])
    for source in merged.values():
        # "told the BBC" and "BBC": the span that says more stands for both
        spans = sorted(source.evidence, key=lambda s: (s.start, -s.end))
        source.evidence = [s for s in spans if not any(o is not s and o.start <= s.start and s.end <= o.end
                                                       and (o.start, o.end) != (s.start, s.end) for o in spans)]
    return sorted(merged.values(), key=lambda s: s.name)
