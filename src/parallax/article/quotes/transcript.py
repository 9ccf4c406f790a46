"""Speech laid out without quotation marks: transcripts and interviews, and block quotes.

Transcript turns: a paragraph that opens with a speaker label ("Q", "MS. JEAN-PIERRE:",
"PUTIN:", "Interviewer:", "Blinken:") is one turn of that speaker, running on over
unlabelled paragraphs until the next label. A block of at least two turns is a
transcript; a lone "Name: text" line is not (datelines, "Note:", "Update:").
Each turn becomes one unmarked quote whose speaker is the label resolved to the
person the article names ("MS. JEAN-PIERRE" → "Karine Jean-Pierre"); the turns of
the interviewer ("Q", "Interviewer:", a media outlet asking) are questions, never
claims of the outlet.

Block quotes: a paragraph that reproduces a statement right after a sentence that
ends in a colon ("… said in a statement:", "… wrote:", "the ministry's statement
reads:") is that speaker's speech.
"""

from __future__ import annotations

import re

from parallax.article.quotes.context import ArticleContext
from parallax.article.quotes.cues import cues_in, subject_of
from parallax.article.quotes.found import Found, Speaker
from parallax.article.quotes.speakers import DOCUMENT_NOUNS, full_name, speaker_from_token
from parallax.lexicons.speech import speaker_words
from parallax.names import plain_name

# "Q", "Q:", "Q." or an upper-case label ("MS. JEAN-PIERRE:", "PUTIN:"), or a capitalised one ("Blinken:")
LABEL = re.compile(
    r"(?P<label>Q(?=[:.]?\s)|A(?=:\s)|(?:(?:MR|MRS|MS|DR|GEN|SEN|REP|SECRETARY|PRESIDENT|MINISTER|AMBASSADOR)\.?\s+)?"
    r"[A-Z][A-Z'’.-]+(?:\s+[A-Z][A-Z'’.-]+){0,2}(?=\s*(?:\[[^\]\n]{0,30}\])?\s*:)|"
    r"[A-Z][A-Za-z'’]*(?:-[A-Z][A-Za-z'’]*)?(?:\s[A-Z][a-z'’-]+){0,2}(?=:\s))"
    r"(?P<tail>\s*(?:\[[^\]\n]{0,30}\])?\s*[:.]?\s+)"
)
QUESTION_LABELS = speaker_words().question_label
ANSWER_LABELS = speaker_words().answer_label
NOT_SPEAKERS = speaker_words().not_label
MAX_TURN_PARAGRAPHS = 8


def label_at(text: str, start: int, end: int):
    """(label, label start, label end, content start) when the paragraph at [start, end) opens with a speaker label."""
    match = LABEL.match(text, start, end)
    if not match:
        return None
    label = match.group("label").strip()
    if label.lower().rstrip(".") in NOT_SPEAKERS or match.end() >= end:
        return None
    return label, match.start("label"), match.start("label") + len(label), match.end()


def label_is_named(ctx: ArticleContext, start: int, end: int) -> bool:
    token = ctx.token_from(start)
    ent = ctx.entity_of(token) if token is not None and token.idx < end else None
    return ent is not None and ent.label_ in ("PERSON", "ORG")


def is_heading(text: str) -> bool:
    """A short line without final punctuation ("Anthony Blinken's Response", "2:31 P.M. EDT")."""
    stripped = text.strip()
    return len(stripped.split()) <= 8 and not stripped.endswith((".", "?", "!", "”", '"', "…"))


def transcript_turns(ctx: ArticleContext, found: list[Found]) -> None:
    """Every speaker-labelled turn of every transcript block in the article."""
    text = ctx.article.text
    labelled = []  # (paragraph index, label, label start, label end, content start)
    for index, (start, end) in enumerate(ctx.paragraphs):
        hit = label_at(text, start, end)
        if hit is not None and not ctx.quoted(start):
            labelled.append((index, *hit))
    # a title-case label ("Blinken:", "Interviewer:") names a speaker when it labels two turns,
    # or when spaCy sees a person or organisation in it; upper-case labels and Q / A always do
    counts: dict[str, int] = {}
    for item in labelled:
        counts[item[1]] = counts.get(item[1], 0) + 1
    labelled = [item for item in labelled if counts[item[1]] >= 2 or item[1].isupper() or len(item[1]) == 1
                or label_is_named(ctx, item[2], item[3])]
    if len(labelled) < 2:
        return
    # a block: labelled paragraphs at most a few paragraphs apart
    blocks, block = [], [labelled[0]]
    for item in labelled[1:]:
        if item[0] - block[-1][0] <= MAX_TURN_PARAGRAPHS:
            block.append(item)
        else:
            blocks.append(block)
            block = [item]
    blocks.append(block)
    for block in blocks:
        if len(block) < 2:
            continue
        names = [b[1] for b in block]
        # one title-case "Name: text" repeated by one speaker only is not an interview unless Q / A frame it
        if len(set(n.lower() for n in names)) < 2 and not any(n.lower() in QUESTION_LABELS | ANSWER_LABELS for n in names):
            continue
        turns = []
        for position, (index, label, l_start, l_end, c_start) in enumerate(block):
            stop = block[position + 1][0] if position + 1 < len(block) else min(len(ctx.paragraphs), index + 1 + MAX_TURN_PARAGRAPHS)
            end = ctx.paragraphs[index][1]
            for following in range(index + 1, stop):
                p_start, p_end = ctx.paragraphs[following]
                if is_heading(text[p_start:p_end]) or label_at(text, p_start, p_end) is not None:
                    break
                end = p_end
            while end > c_start and text[end - 1].isspace():
                end -= 1
            if end > c_start:
                turns.append((label, l_start, l_end, c_start, end))
        # the interviewer: "Q", "Interviewer", or a label whose every turn ends in a question
        asks = {label for label in names if label.lower().rstrip(".:") in QUESTION_LABELS}
        for label in set(names) - asks:
            own = [t for t in turns if t[0] == label]
            if own and len(set(names)) >= 2 and all(text[t[3]:t[4]].rstrip().endswith("?") for t in own):
                asks.add(label)
        answerer: Speaker | None = None
        for label, l_start, l_end, c_start, end in turns:
            question = label in asks
            if label.lower() in ANSWER_LABELS:
                speaker = answerer.at(l_start, l_end) if answerer else None
            else:
                speaker = label_speaker(ctx, label, l_start, l_end)
                if speaker is not None and not question:
                    answerer = speaker
            if question and label.lower().rstrip(".:") in QUESTION_LABELS:
                # an unnamed reporter or interviewer: a description, not an entity
                speaker = Speaker(name="reporter" if label.lower() in ("q", "question") else label.lower(),
                                  start=l_start, end=l_end, label="NOUN")
            found.append(Found(start=c_start, end=end, kind="unmarked", cue=":", cue_span=(l_end, l_end + 1) if text[l_end:l_end + 1] == ":" else None,
                               speaker=speaker, in_post=ctx.post_at(c_start) is not None, question=question, turn=True))


def label_speaker(ctx: ArticleContext, label: str, start: int, end: int) -> Speaker | None:
    """"MS. JEAN-PIERRE" → the person the article names "Karine Jean-Pierre"."""
    words = label.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in ("mr", "mrs", "ms", "dr", "gen", "sen", "rep", "secretary",
                                                            "president", "minister", "ambassador"):
        words = words[1:]
    name = " ".join(w.title() if w.isupper() else w for w in words)
    name = re.sub(r"(?<=-)([a-z])", lambda m: m.group(1).upper(), name)  # "Jean-pierre" → "Jean-Pierre"
    resolved = full_name(ctx, plain_name(name), start)
    if len(resolved.split()) == 1:
        resolved = written_in_full(ctx, resolved) or resolved
    token = ctx.token_from(start)
    ent = ctx.entity_of(token) if token is not None else None
    label_kind = "ORG" if ent is not None and ent.label_ in ("ORG", "GPE", "NORP") and resolved == name else "PERSON"
    return Speaker(name=resolved, start=start, end=end, label=label_kind, ref=(start, end))


def written_in_full(ctx: ArticleContext, surname: str) -> str | None:
    """The full name a transcript label stands for when the parser missed it: the given name
    written most often before the surname ("Chaired by Ms. Karine Jean-Pierre" → Karine Jean-Pierre)."""
    counts: dict[str, int] = {}
    for match in re.finditer(r"\b([A-Z][a-z]+)\s+" + re.escape(surname) + r"\b", ctx.article.text):
        given = match.group(1)
        if given.lower() not in ("ms", "mr", "mrs", "dr", "the", "minister", "spokeswoman", "spokesman", "secretary", "president"):
            counts[given] = counts.get(given, 0) + 1
    if not counts:
        return None
    given = max(counts, key=lambda g: (counts[g], g))
    return f"{given} {surname}"


def block_quotes(ctx: ArticleContext, found: list[Found]) -> None:
    """A paragraph that follows a sentence ending in a colon after a cue ("… said in a statement:",
    "… wrote:", "The ministry's statement reads:") and carries no marks of its own is the speech."""
    text = ctx.article.text
    taken = [(f.start, f.end) for f in found]
    for index, (start, end) in enumerate(ctx.paragraphs[:-1]):
        tail = text[start:end].rstrip()
        if not tail.endswith(":"):
            continue
        sentence = ctx.sentence_at(len(tail) + start - 1)
        if sentence is None:
            continue
        cue, subject = None, None
        for candidate in cues_in(sentence, ctx.marked):
            candidate_subject = subject_of(candidate)
            if candidate_subject is not None:
                cue, subject = candidate, candidate_subject
        if cue is None:
            # "The ministry's statement reads:" — a document that reads out its text
            for token in sentence:
                if token.lemma_.lower() in ("read", "say", "state") and any(
                        c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENT_NOUNS for c in token.children):
                    cue, subject = token, next(c for c in token.children if c.dep_ == "nsubj")
        if cue is None:
            continue
        n_start, n_end = ctx.paragraphs[index + 1]
        if ctx.marked.covered(n_start, n_end, 0.2) or any(a < n_end and n_start < b for a, b in taken):
            continue
        if is_heading(text[n_start:n_end]) or label_at(text, n_start, n_end) is not None:
            continue
        speaker = speaker_from_token(ctx, subject, found)
        if speaker is None:
            continue
        content_end = n_end
        while content_end > n_start and text[content_end - 1] in " \n":
            content_end -= 1
        found.append(Found(start=n_start, end=content_end, kind="unmarked", cue=cue.text, cue_span=(cue.idx, cue.idx + len(cue.text)),
                           speaker=speaker, in_post=ctx.post_at(n_start) is not None, subject=subject))
        taken.append((n_start, content_end))
