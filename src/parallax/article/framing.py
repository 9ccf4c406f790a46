"""How one article frames the story in its own voice.

The article's own voice is everything outside the words it quotes: quotation
marks (direct quotes and scare quotes), verbatim speech whose marks were lost,
and embedded posts. Indirect speech stays in the own voice: the outlet chose
those words. Every finding carries its evidence span.

Story-level parts (naming by entity, voices by affiliation, omissions) are
completed in ``parallax.story.framing`` once entities and claims are known;
this module leaves the raw material in ``extras``.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from parallax.article.attribution import TITLE_WORDS
from parallax.lexicons import hedge_patterns, multiword_labels, political_labels, subjectivity, valence
from parallax.model import Article, Framing, LoadedTerm, Quote, Span

# Everyday evaluative words of plain reporting that lexicons score but that carry no framing.
PLAIN_WORDS = frozenset(
    """good great best better well important major top free safe clear sure ready true real able new largest large big
    main key high low strong cold dark warm hot significant serious senior special public general common certain full whole fair like
    please thank thanks help support protect security peace agree agreed agreement ok okay yes no""".split()
)
# Event vocabulary of neutral reporting: scored by sentiment lexicons, but naming what happened is not loaded.
EVENT_WORDS = frozenset(
    """kill killed killing kills death deaths dead die died dying attack attacks attacked war wars injure injured injury
    injuries wound wounded crisis conflict violence fire fires explosion explosions bomb bombs bombing damage damaged
    destroy destroyed threat threats fight fighting fought arrest arrested prison accident victim victims disaster
    emergency shooting shot crash crashed fear feared loss losses lost suffer suffered risk risks problem problems
    failure failed fail blackout outage cut cuts hack hacked hackers cyberattack protest protests strike strikes
    accuse accused accusation accusations deny denied denies blame blamed blames criticize criticized criticism
    warn warned warning reject rejected dismiss dismissed charge charged allegation allegations claim claims
    terrorism drone drones missile missiles weapons weapon army military troops soldiers enemy hostile assassination
    attacker attackers assassinate assassinated ban banned banning heart freedom celebrate celebrated powerful latest huge own""".split()
)
SPECULATION = re.compile(
    r"\b(?:might|may|perhaps|probably|likely|seems?|appears?\s+to|surely|must|should|ought\s+to|need\s+to|we|our|i|us)\b",
    re.I,
)
GOVERNMENT_NOUNS = frozenset(
    """regime government authorities administration junta leadership forces army military troops officials
    propaganda machine militants""".split()
)
EVENT_HEADS = frozenset(
    """attack strike assault raid incident attempt assassination act plot provocation operation invasion war conflict
    aggression blackout outage cyberattack hack explosion shooting coup offensive counteroffensive""".split()
)
TITLES = {w.rstrip(".") for w in TITLE_WORDS}
BRACKET = re.compile(r"\[\s*([^\[\]\n]{1,80}?)\s*\]")
EMPHASIS = re.compile(r"\((?:emphasis|italics)\s+(?:added|ours|mine|in\s+original)\)|\bemphasis\s+(?:added|ours|mine)\b", re.I)
MEDIA_WORDS = re.compile(
    r"\b(?:news|agency|press|media|tv|radio|times|post|journal|wire|gazette|herald|tribune|broadcaster|channel|"
    r"newspaper|magazine|report|transcript|documents?|statement|reuters|tass|ria|afp|ap|bbc|cnn|interfax)\b", re.I)
PUBLICATION_CUES = {"according to", "reported", "reports", "report", "wrote", "writes", "published", "posted", "tweeted", "cited"}


class Voice:
    """Which character offsets of the article lie in quoted material."""

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

    def quoted_share(self, start: int, end: int) -> float:
        inside = sum(max(0, min(e, end) - max(s, start)) for s, e in self.ranges)
        return inside / max(1, end - start)


def voice_of(article: Article, quotes: list[Quote], scare: list[tuple[int, int]]) -> Voice:
    ranges = [(q.start, q.end) for q in quotes if q.kind in ("direct", "unmarked")]
    ranges += [(p.start, p.end) for p in article.embedded_posts if p.end is not None]
    ranges += [(start, end) for start, end in scare]
    return Voice(ranges)


def span(article: Article, start: int, end: int) -> Span:
    return Span(article_id=article.id, start=start, end=end, text=article.text[start:end])


# --------------------------------------------------------------------------- hedging and stance


def find_hedges(article: Article, voice: Voice) -> tuple[list[Span], dict[str, int]]:
    """Own-voice hedges, and counts of hedge / fabrication / certainty markers."""
    text = article.text
    hedges: list[Span] = []
    counts = {"hedge": 0, "fabrication": 0, "certainty": 0}
    seen: list[tuple[int, int]] = []
    for pattern, kind in hedge_patterns():
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            if voice.quoted(start) or any(s < end and start < e for s, e in seen):
                continue
            seen.append((start, end))
            counts[kind] += 1
            if kind == "hedge":
                hedges.append(span(article, start, end))
    title = (article.title or "").strip()
    if title.endswith("?"):
        at = text.find(title)
        if at >= 0:
            hedges.append(span(article, at, at + len(title)))
            counts["hedge"] += 1
    hedges.sort(key=lambda s: (s.start, s.end))
    return hedges, counts


def stance_of(counts: dict[str, int], words: int) -> str:
    """Fact, allegation or fabrication, from the own voice's markers (per 1,000 words)."""
    per_k = 1000 / max(words, 200)
    hedges, fabrication = counts["hedge"] * per_k, counts["fabrication"] * per_k
    if fabrication >= 2 and fabrication >= hedges / 2:
        return "fabrication"
    if hedges >= 2:
        return "allegation"
    if counts["hedge"] == 0 and counts["fabrication"] == 0:
        return "fact"
    return "unclear"


# --------------------------------------------------------------------------- loaded terms


def token_score(token) -> float:
    """Intensity 0..1 of a single word's judgement, or 0."""
    lower = token.lower_
    labels = political_labels()
    if lower in PLAIN_WORDS:
        return 0.0
    if lower in labels:
        return labels[lower][0]
    if token.lemma_.lower() in labels:
        return labels[token.lemma_.lower()][0]
    if token.pos_ == "PROPN" or token.ent_type_ or lower in PLAIN_WORDS or not token.is_alpha or len(lower) < 3:
        return 0.0
    lemma = token.lemma_.lower()
    if lemma in EVENT_WORDS or lower in EVENT_WORDS:
        return 0.0
    vader = valence().get(lower, valence().get(lemma, 0.0))
    if token.pos_ in ("ADJ", "ADV"):
        polarity, subjective = subjectivity().get(lower, subjectivity().get(lemma, (0.0, 0.0)))
        score = max(abs(vader) / 4 if abs(vader) >= 2.0 else 0.0, subjective * abs(polarity) if subjective >= 0.8 and abs(polarity) >= 0.5 else 0.0)
        return round(min(score, 1.0), 2)
    if token.pos_ in ("NOUN", "VERB") and abs(vader) >= 2.5:
        return round(min(abs(vader) / 4, 1.0), 2)
    return 0.0


def find_loaded_terms(article: Article, doc, voice: Voice, reported: Voice) -> list[LoadedTerm]:
    """Charged words; a word inside quotes, posts or the content of reported speech is
    the speaker's framing ("quoted"), the rest is the outlet's own."""
    text = article.text
    terms: dict[tuple[int, int], LoadedTerm] = {}
    taken: list[tuple[int, int]] = []
    labels = political_labels()
    for match in multiword_labels().finditer(text):
        start, end = match.start(), match.end()
        score = labels[match.group().lower()][0]
        terms[(start, end)] = LoadedTerm(article_id=article.id, start=start, end=end, text=text[start:end],
                                         voice="quoted" if voice.quoted(start) or reported.quoted(start) else "own", score=score)
        taken.append((start, end))
    for token in doc:
        start = token.idx
        if any(s <= start < e for s, e in taken):
            continue
        score = token_score(token)
        if score <= 0:
            continue
        end = start + len(token.text)
        # "ridiculous accusations": an adjective is shown with the noun it judges
        head = token.head
        if token.dep_ == "amod" and head.pos_ == "NOUN" and head.i == token.i + 1:
            end = head.idx + len(head.text)
        terms[(start, end)] = LoadedTerm(article_id=article.id, start=start, end=end, text=text[start:end],
                                         voice="quoted" if voice.quoted(start) or reported.quoted(start) else "own", score=score)
    return sorted(terms.values(), key=lambda t: (t.start, t.end))


# --------------------------------------------------------------------------- insertions, questions, naming


def find_insertions(article: Article, quotes: list[Quote]) -> list[Span]:
    """Bracketed comments inside or right after quoted material, and "emphasis added"."""
    text = article.text
    quoted = [(q.start, q.end) for q in quotes if q.kind in ("direct", "unmarked")]
    found: list[Span] = []
    for match in BRACKET.finditer(text):
        inner = match.group(1).strip()
        start, end = match.start(), match.end()
        if "@" in inner or inner.lower() in ("email protected", "email\xa0protected"):
            continue  # obfuscated addresses, not comments
        inside = any(s <= start < e for s, e in quoted)
        after = any(0 <= start - e <= 4 for s, e in quoted)
        commentary = bool(re.search(r"[.?!]$|^(?:sic|emphasis|sarcasm|laughs?|nonsense|really|seriously)\b", inner, re.I))
        evaluative = any(w in political_labels() or valence().get(w, 0.0) <= -1.0 for w in re.findall(r"[a-z]+", inner.lower()))
        if (inside or after) and (commentary or evaluative) or (not inside and commentary and len(inner.split()) <= 8):
            found.append(span(article, start, end))
    for match in EMPHASIS.finditer(text):
        if not any(s.start <= match.start() < s.end for s in found):
            found.append(span(article, match.start(), match.end()))
    return sorted(found, key=lambda s: s.start)


def find_rhetorical_questions(article: Article, doc, voice: Voice) -> list[Span]:
    """Own-voice questions, leaving out the headline and short question subheadings of explainers."""
    text = article.text
    title = (article.title or "").strip()
    out = []
    for sent in doc.sents:
        sentence = sent.text.strip()
        if not sentence.endswith("?") or voice.quoted_share(sent.start_char, sent.end_char) > 0.3:
            continue
        if title and sentence in title:
            continue
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", start)
        line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
        if line == sentence and len(sentence.split()) <= 6:
            continue  # "What happened?" as a subheading
        out.append(span(article, start, start + len(sentence)))
    return out


def naming_mentions(doc, voice: Voice) -> list[list[str]]:
    """Own-voice names with the noun they label ("Kiev regime"), and how the event is named.
    Rows: [entity text, label, term] for entities; ["", "EVENT:" + head, term] for events."""
    rows = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP") or voice.quoted(ent.start_char):
            continue
        term = re.sub(r"(?:'s|’s)$", "", ent.text.strip())
        if ent.label_ == "PERSON":
            words = term.split()
            while len(words) > 2 and words[0].lower().rstrip(".") in TITLES:
                words = words[1:]  # "Spokeswoman Irina Solak" is named Irina Solak
            term = " ".join(words)
        head = ent.root.head
        if ent.root.dep_ in ("compound", "poss", "amod", "nmod") and head.lemma_.lower() in GOVERNMENT_NOUNS and head.i >= ent.end:
            term = doc[ent.start:head.i + 1].text
            term = re.sub(r"^(?:the|a|an)\s+", "", term, flags=re.I)
        rows.append([ent.text, ent.label_, term])
    for chunk in doc.noun_chunks:
        lemma = chunk.root.lemma_.lower()
        if lemma not in EVENT_HEADS or voice.quoted(chunk.start_char):
            continue
        words = [t for t in chunk if t.dep_ not in ("det", "poss", "predet", "case") and t.pos_ != "PRON" and not t.is_punct]
        if not words:
            continue
        term = chunk.doc[words[0].i:chunk.end].text.strip(" \"“”‘’'")
        rows.append(["", "EVENT:" + lemma, term])
    return rows


# --------------------------------------------------------------------------- sourcing and opinion


def cited_sources(article: Article, doc, quotes: list[Quote]) -> list[str]:
    """Candidate sources the article cites: speakers of publication cues ("according to",
    "reported", "wrote"), media names among speakers, the outlet a statement was made to
    ("told TASS", "said on CNN"), and authors of embedded posts. The story stage keeps
    the ones that are outlets, agencies, bodies or documents."""
    names: set[str] = set()
    for quote in quotes:
        if quote.speaker and ((quote.cue or "").lower() in PUBLICATION_CUES or MEDIA_WORDS.search(quote.speaker.name)):
            names.add(quote.speaker.name)
        if quote.channel:
            # "told the New York Times", "said on CNN", "an interview with Channel 1"; not "in Tarvik"
            for run in re.findall(r"\b(?:told|on|to|with|by)\s+(?:the\s+)?((?:[A-Z][\w.&’'-]*(?:\s+|$))+)", quote.channel):
                run = re.sub(r"(?:’s|'s)$", "", run.strip())
                if run and run.lower() not in ("telegram", "twitter", "facebook"):
                    names.add(run)
        if quote.cue_span is not None:
            cue = doc.char_span(quote.cue_span.start, quote.cue_span.end, alignment_mode="expand")
            for token in cue.root.children if cue is not None and len(cue) else []:
                if token.dep_ in ("dobj", "dative") and token.ent_type_ == "ORG":
                    ent = next((e for e in doc.ents if e.start <= token.i < e.end), None)
                    if ent is not None:
                        names.add(ent.text)
    seen_authors: set[str] = set()
    for post in article.embedded_posts:
        key = re.sub(r"\W", "", (post.author or "").lower())
        if post.author and key not in seen_authors:
            seen_authors.add(key)
            names.add(post.author)
    # a source has a name: "officials", "official statements" are not sources
    return sorted(n for n in names if n and len(n) > 1 and any(ch.isupper() for ch in n))


def opinion_share(doc, voice: Voice, loaded: list[LoadedTerm], questions: list[Span], hedges: list[Span]) -> float:
    """Share of own-voice sentences that judge or speculate."""
    own, opinion = 0, 0
    loaded_at = [t.start for t in loaded if t.voice == "own" and t.score >= 0.5]
    question_at = {q.start for q in questions}
    for sent in doc.sents:
        if voice.quoted_share(sent.start_char, sent.end_char) > 0.5 or len(sent) < 4:
            continue
        own += 1
        text = sent.text
        judging = any(sent.start_char <= at < sent.end_char for at in loaded_at)
        asking = any(sent.start_char <= at < sent.end_char for at in question_at)
        speculating = any(
            not voice.quoted(sent.start_char + m.start()) for m in SPECULATION.finditer(text)
        ) or text.rstrip().endswith("!")
        opinion += judging or asking or speculating
    return round(opinion / own, 3) if own else 0.0


# --------------------------------------------------------------------------- entry point


def analyze_framing(article: Article, doc, quotes: list[Quote], extras: dict | None = None) -> Framing:
    extras = extras if extras is not None else {}
    scare = [tuple(s) for s in extras.get("scare_quotes", [])]
    voice = voice_of(article, quotes, scare)
    hedges, counts = find_hedges(article, voice)
    reported = Voice([(q.start, q.end) for q in quotes if q.kind == "indirect"])
    loaded = find_loaded_terms(article, doc, voice, reported)
    questions = find_rhetorical_questions(article, doc, voice)
    extras["naming_mentions"] = naming_mentions(doc, voice)
    extras["framing_counts"] = counts
    return Framing(
        article_id=article.id,
        stance=stance_of(counts, article.word_count or len(article.text.split())),
        hedges=hedges,
        loaded_terms=loaded,
        insertions=find_insertions(article, quotes),
        rhetorical_questions=questions,
        scare_quotes=[span(article, s, e) for s, e in scare],
        cited_sources=cited_sources(article, doc, quotes),
        opinion_share=opinion_share(doc, voice, loaded, questions, hedges),
    )
