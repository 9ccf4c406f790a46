"""Direct quotes: words inside quotation marks, each given to the speaker of
the cue that frames it; short marked phrases that nobody is said to have
spoken are scare quotes, kept apart."""

from __future__ import annotations

import re

from parallax.article.quotes.context import ArticleContext
from parallax.article.quotes.cues import (
    FIRST_PERSON,
    WEAK_VERBS,
    according_to,
    cues_in,
    find_channel,
    is_cue,
    subject_of,
)
from parallax.article.quotes.found import Found, Speaker
from parallax.article.quotes.marks import MarkedSpan
from parallax.article.quotes.speakers import clean_name, full_name, speaker_from_token

SCARE_QUOTE_MAX_WORDS = 4
DISTANCING = re.compile(r"\b(?:so-called|so called|self-styled|self-proclaimed|supposed|alleged)\s*$", re.I)
DASH_SIGNATURE = re.compile(
    r"[^\S\n]*(?P<dash>[―—–]|--?)[^\S\n]*(?P<name>[A-Z][\w.’'-]*(?:[^\S\n]+(?:[A-Z][\w.’'-]*|de|van|von|da|al))"
    r"{0,4})[^\S\n]*[.,]?[^\S\n]*(?=\n|$)"
)


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)?", text))


def is_first_person(token, words: frozenset = FIRST_PERSON) -> bool:
    """A first-person pronoun (the country "US" is not "us")."""
    return token.pos_ == "PRON" and token.lower_ in words


def name_before_colon(ctx: ArticleContext, open_mark: int) -> Speaker | None:
    """"Blinken: …" or "MS. JEAN-PIERRE:  …" at the start of a line: a named speaker and a colon."""
    text = ctx.article.text
    line_start = text.rfind("\n", 0, open_mark) + 1
    head = text[line_start:open_mark]
    match = re.match(r"^\s*((?:M[rs]s?\.|Dr\.|Gen\.|Sen\.|Rep\.)?\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*:\s*$", head)
    if not match:
        return None
    name = match.group(1).strip()
    if name.lower() in ("q", "a", "note", "source", "update", "editor", "transcript"):
        return None
    start, end = line_start + match.start(1), line_start + match.end(1)
    return Speaker(name=full_name(ctx, clean_name(name.title() if name.isupper() else name)), start=start, end=end,
                   label="PERSON", ref=(start, end))


SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


def attribution_after(ctx: ArticleContext, outer: tuple[int, int]):
    """'"…," Brent Bozell III, founder of the Center, tells Breitbart': the speaker
    right after the closing mark, an optional apposition, then the cue. The parser
    often misses this subject when the apposition is long; the word order does not."""
    text = ctx.article.text
    token = ctx.token_from(outer[1])
    if token is None or text[outer[1]:token.idx].strip(" ,") or "\n" in text[outer[1]:token.idx]:
        return None
    doc = ctx.doc
    while token is not None and token.is_punct and token.i + 1 < len(doc) and token.idx - outer[1] <= 2:
        token = doc[token.i + 1]
    if token is None or ctx.quoted(token.idx):
        return None
    ent = ctx.entity_of(token)
    if ent is not None and ent.start == token.i and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
        subject, after = ent.root, ent.end
    elif token.lower_ in SUBJECT_PRONOUNS:
        subject, after = token, token.i + 1
    else:
        return None
    if after >= len(doc):
        return None
    nxt = doc[after]
    if nxt.text == ",":
        # an apposition closed by a comma, within one sentence and a few words
        close = next((t for t in doc[after + 1:min(len(doc), after + 16)] if t.text == "," or t.is_sent_start), None)
        if close is None or close.is_sent_start or close.i + 1 >= len(doc):
            return None
        nxt = doc[close.i + 1]
    if nxt.pos_ == "ADV" and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]  # "Bozell then said"
    if is_cue(nxt) and not ctx.quoted(nxt.idx):
        return nxt, subject
    return None


def attribute(ctx: ArticleContext, start: int, end: int, outer: tuple[int, int], previous: list[Found]):
    """(cue text, cue span, speaker, subject token) for speech at [start, end), or None."""
    doc = ctx.doc
    first_index = ctx.sentence_index(outer[0])
    last_index = ctx.sentence_index(max(outer[0], outer[1] - 1))
    if first_index < 0:
        return None
    first, last = ctx.sentences[first_index], ctx.sentences[last_index]
    window = ctx.sentences[first_index:last_index + 1] if last_index >= first_index else [first]
    window = [s for s in window if s.start_char >= first.start_char and s.end_char <= last.end_char] or [first]
    exclude = [outer]
    best = None
    # A cue that governs the quoted words (a partial quote inside reported speech) wins; the outermost one.
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is not None and len(inside):
        governing = None
        short = word_count(ctx.article.text[start:end]) <= SCARE_QUOTE_MAX_WORDS
        if short and DISTANCING.search(ctx.article.text[max(0, outer[0] - 20):outer[0]]):
            return None  # the writer distances itself from a word: a scare quote whoever else is speaking
        for ancestor in inside.root.ancestors:
            if is_cue(ancestor) and not (outer[0] <= ancestor.idx < outer[1]) and subject_of(ancestor) is not None and not ctx.quoted(subject_of(ancestor).idx):
                weak = ancestor.lemma_.lower() in WEAK_VERBS
                if governing is None or not weak or governing.lemma_.lower() in WEAK_VERBS:
                    governing = ancestor
                # A short phrase belongs to the nearest verb that frames it ("called it a 'lie'").
                if short:
                    break
        if governing is not None:
            best = (0, governing, subject_of(governing))
        elif not short and (after := attribution_after(ctx, outer)) is not None:
            best = (0, *after)
        elif short:
            # A short marked phrase is speech only when a reporting verb frames it.
            return None
    for sent in window if best is None else []:
        for cue in cues_in(sent, exclude):
            subject = subject_of(cue)
            if subject is None or ctx.quoted(subject.idx) or subject.pos_ == "NUM":
                continue
            if cue.lemma_.lower() in WEAK_VERBS and end - start > 80:
                continue
            distance = min(abs(cue.idx - outer[1]), abs(cue.idx - outer[0]))
            if best is None or distance < best[0]:
                best = (distance, cue, subject)
    if best is None:
        return attribute_nearby(ctx, outer, window, first_index, last_index, previous)
    _, cue, subject = best
    return cue.text, (cue.idx, cue.idx + len(cue.text)), speaker_from_token(ctx, subject, previous), subject


def attribute_nearby(ctx: ArticleContext, outer, window, first_index: int, last_index: int, previous):
    """No cue in the quote's own sentences: the sentence right after, a dash signature,
    "according to", a name and a colon, or a cue that ends the sentence before with a colon."""
    doc = ctx.doc
    exclude = [outer]
    # The parser often splits '"…?" Graham asked.' after the mark: a short sentence
    # right behind the quote is its attribution.
    following = ctx.sentences[last_index + 1] if 0 <= last_index < len(ctx.sentences) - 1 else None
    if following is not None and not ctx.article.text[outer[1]:following.start_char].strip() and len(following) <= 12:
        for cue in cues_in(following, exclude):
            subject = subject_of(cue)
            if subject is not None and not ctx.quoted(subject.idx):
                return cue.text, (cue.idx, cue.idx + len(cue.text)), speaker_from_token(ctx, subject, previous), subject
    # '"…" ― Pamela Padilla': a dash and a name after the closing mark, as under a pull quote.
    dash = DASH_SIGNATURE.match(ctx.article.text, outer[1])
    if dash:
        name = dash.group("name").strip()
        start = dash.start("name")
        speaker = Speaker(name=name, start=start, end=start + len(name), label="PERSON", ref=(start, start + len(name)))
        return "—", (dash.start("dash"), dash.end("dash")), speaker, None
    found = None
    for sent in window:
        found = according_to(sent, exclude)
        if found:
            break
    if found:
        token, obj = found
        speaker = speaker_from_token(ctx, obj, previous)
        return "according to", (token.idx, token.idx + len("according to")), speaker, obj
    colon = name_before_colon(ctx, outer[0])
    if colon:
        return ":", (colon.end, colon.end + 1), colon, None
    # "He followed with:" / "Ryabkov added:" closing the previous sentence.
    if first_index > 0:
        before = ctx.sentences[first_index - 1]
        if before.text.rstrip().endswith(":") and 0 <= ctx.paragraph_of(outer[0]) - ctx.paragraph_of(before.start_char) <= 1:
            for cue in cues_in(before, []):
                subject = subject_of(cue)
                if subject is not None:
                    return cue.text, (cue.idx, cue.idx + len(cue.text)), speaker_from_token(ctx, subject, previous), subject
            for token in before:
                if token.dep_ == "nsubj":
                    return ":", (before.end_char - 1, before.end_char), speaker_from_token(ctx, token, previous), token
    return None


def direct_quotes(ctx: ArticleContext, spans: list[MarkedSpan], found: list[Found], scare: list[tuple[int, int]]) -> None:
    text = ctx.article.text
    for span in spans:
        outer = (span.open_mark, span.outer_end)
        result = attribute(ctx, span.start, span.end, outer, found)
        content = text[span.start:span.end]
        words = word_count(content)
        in_post = ctx.post_at(span.start) is not None
        if result is None:
            if words <= SCARE_QUOTE_MAX_WORDS and not content.rstrip().endswith((".", "!", "?")):
                scare.append((span.start, span.end))
                continue
            post = ctx.post_at(span.start)
            if post is not None and post.author:
                speaker = Speaker(name=post.author, start=post.start, end=post.start, label="PERSON")
                found.append(Found(start=span.start, end=span.end, kind="direct", cue="posted", speaker=speaker, in_post=True))
                continue
            # Split and running quotes: the speaker of the quote just before, in this or the previous paragraph.
            previous = found[-1] if found else None
            if previous is not None and previous.speaker and 0 <= ctx.paragraph_of(span.start) - ctx.paragraph_of(previous.end) <= 1:
                found.append(Found(start=span.start, end=span.end, kind="direct", cue=previous.cue, cue_span=previous.cue_span,
                                   speaker=previous.speaker, channel=previous.channel, in_post=in_post, inherited=True))
            else:
                found.append(Found(start=span.start, end=span.end, kind="direct", in_post=in_post))
            continue
        cue, cue_span, speaker, subject = result
        if speaker is None and subject is not None and is_first_person(subject) and not in_post:
            # "As we previously commented, ... 'dirty war'": the outlet's own voice, not speech.
            if words <= SCARE_QUOTE_MAX_WORDS:
                scare.append((span.start, span.end))
                continue
        sentence = ctx.sentence_at(outer[0])
        channel = None
        if sentence is not None:
            local = (max(0, outer[0] - sentence.start_char), max(0, min(outer[1], sentence.end_char) - sentence.start_char))
            channel = find_channel(sentence.text, local)
        found.append(Found(start=span.start, end=span.end, kind="direct", cue=cue, cue_span=cue_span, speaker=speaker,
                           channel=channel, in_post=in_post, subject=subject))
