"""Speech without quotation marks that a cue attributes: indirect speech
("Peskov said such decisions are not made in Kiev", "according to TASS, …",
"X denied …", "X believes …", "Moscow's claim that …") and verbatim speech
whose marks were lost ("We are already on the edge, Ryabkov told Channel 1.").
"""

from __future__ import annotations

import re

from parallax.article.quotes.context import ArticleContext, Ranges
from parallax.article.quotes.cues import (
    ACCUSATION_VERBS,
    DENIAL_VERBS,
    FIRST_PERSON,
    HOLDER_ADJECTIVES,
    HOLDER_NOUNS,
    NOUN_CUES,
    REPORTING_CORE,
    SECOND_PERSON,
    SPEECH_VERBS,
    WEAK_VERBS,
    STANCE_OBJECT_VERBS,
    ATTITUDE_VERBS,
    FINDING_VERBS,
    TOPIC_VERBS,
    VIEW_VERBS,
    according_to,
    cues_in,
    find_channel,
    is_cue,
    subject_of,
)
from parallax.article.quotes.direct import is_first_person, loose_subject, word_count
from parallax.article.quotes.found import Found, FoundList, Speaker
from parallax.article.quotes.speakers import DOCUMENT_NOUNS, INSTITUTION_NOUNS, speaker_from_token


# a stance whose object alone is the content: "endorsed Clinton", "opposes the deal"
# people's bodies, which show things to others rather than find them ("the group showed the film")
BODIES = INSTITUTION_NOUNS - DOCUMENT_NOUNS - {"study", "survey", "poll"}
# what a topic verb reports through a preposition: "spoke of", "complained about", "cited … as"
TOPIC_PREPOSITIONS = frozenset({"of", "about", "as"})
# "to" names the topic only after a verb of comparing or pointing ("spoke to voters" names an audience)
COMPARING = frozenset({"liken", "compare", "point"})
ENDORSING = frozenset({"endorse", "back", "oppose", "support", "favor", "favour", "condemn", "praise", "welcome"})


# wishes and intentions whose object is what is wished ("want policies that …", "seek a recount")
# (from the attitude verbs, those whose object alone is a wish: "planned drone operations" or
# "accepted the nomination" is an act, and "knows the city" reports only with a clause)
WISHES = ATTITUDE_VERBS & frozenset({"want", "seek", "prefer", "recommend", "advocate"})


def own_speech_act(token) -> bool:
    """', and accused the spokesman of lying' after 'denied Russia's claim that the US ordered …':
    a verb of saying coordinated without a subject of its own at the end of reported words is
    the reporter's next act, though the parser hangs it on the reported verb."""
    return token.dep_ == "conj" and token.pos_ == "VERB" and token.head.i < token.i \
        and token.lemma_.lower() in SPEECH_VERBS | ACCUSATION_VERBS \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children) \
        and token.i >= 2 and token.doc[token.i - 1].dep_ == "cc" and token.doc[token.i - 2].text == ","


def without_own_speech_acts(tokens, right: int) -> int:
    """The last token index before the first such act inside the span's tokens (else ``right``)."""
    cut = min((t.i for t in tokens if own_speech_act(t)), default=None)
    return right if cut is None else cut - 3


def clause_span(token) -> tuple[int, int]:
    tokens = [t for t in token.subtree if t.dep_ != "mark" or t.i != token.left_edge.i]
    doc = token.doc
    left = min(t.i for t in tokens)
    right = without_own_speech_acts(tokens, max(t.i for t in tokens))
    while left <= right and (doc[left].is_punct or doc[left].dep_ == "mark"):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space or doc[right].like_url or "twitter.com/" in doc[right].text):
        right -= 1
    if right < left:
        return token.idx, token.idx
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def has_person_marker(doc, start: int, end: int, words: frozenset) -> bool:
    return any(is_first_person(t, words) for t in doc.char_span(start, end, alignment_mode="expand") or [])


def content_of_cue(ctx: ArticleContext, sent, cue, marked: Ranges):
    """(start, end, kind, inverted) of what a cue reports, or None."""
    doc = ctx.doc
    text = ctx.article.text
    colon_after = re.match(r"\s*:\s*", text[cue.idx + len(cue.text):cue.idx + len(cue.text) + 3])
    if colon_after:
        start = cue.idx + len(cue.text) + colon_after.end()
        p_index = ctx.paragraph_of(start)
        end = ctx.paragraphs[p_index][1] if p_index >= 0 else sent.end_char
        # marked speech after the colon ('adding: "Why are …"') is that quote, and the unmarked run
        # stops where marked speech begins: a paragraph can hold the rest of the article
        inside = [a for a, _ in marked.overlapping(start, end)]
        if inside:
            end = min(inside)
            while end > start and text[end - 1] in "\"'“‘„«‹ ":
                end -= 1
        while end > start and text[end - 1] in " .\n":
            end -= 1
        if end - start > 10 and not marked.covered(start, end, 0.3):
            return start, end, "unmarked", False
    lemma = cue.lemma_.lower()
    if lemma in VIEW_VERBS:
        # "critics see the program as a loophole": the object and what it is seen as
        seen = next((c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i), None)
        as_ = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as" and seen is not None and c.i > seen.i), None)
        if seen is not None and as_ is not None:
            start, end = object_span(doc, [seen, as_])
            if word_count(text[start:end]) >= 3 and not marked.covered(start, end, 0.5):
                return start, end, "indirect", False
        if lemma not in STANCE_OBJECT_VERBS:
            return None
    # the clause after the cue first: "Writing for a panel that agreed Pence won, Barabak noted that …"
    # (what a finding has as its object comes first: in "found 31 incidents … out of a billion ballots
    # cast" the "clause" is a misparsed noun phrase)
    found_object = lemma in FINDING_VERBS and any(c.dep_ == "dobj" and c.i > cue.i for c in cue.children)
    for child in sorted(cue.children, key=lambda c: (c.i < cue.i, c.i)) if not found_object else ():
        if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX") or child.dep_ == "ccomp":
            if is_cue(child) and child.lemma_.lower() in REPORTING_CORE and subject_of(child) is not None:
                continue  # "X says ...; Y denies ...": another speaker's report, not this content
            if child.dep_ == "ccomp" and said_noun_between(cue, child):
                continue  # "Trump was responding to news reports that …": the reports' content, hung on the verb
            start, end = clause_span(child)
            if end - start < 12 or marked.covered(start, end, 0.5):
                continue
            inverted = child.i < cue.i
            # "said A, and that B": the second reported clause hangs on the cue too
            for extra in cue.children:
                if extra.dep_ == "conj" and extra.i > child.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in extra.children):
                    end = max(end, clause_span(extra)[1])
            verbatim = inverted and has_person_marker(doc, start, end, FIRST_PERSON | SECOND_PERSON)
            return start, end, "unmarked" if verbatim else "indirect", inverted
    if lemma in REPORTING_CORE:
        misparsed = misparsed_content(cue)
        if misparsed is not None:
            start, end = clause_span(misparsed)
            if end - start >= 12 and not marked.covered(start, end, 0.5):
                return start, end, "indirect", False
    # "The difference now, he told me, is …": the aside hangs on the subject of the words it interrupts
    interrupted = cue.head.head if cue.dep_ == "parataxis" and cue.head.pos_ == "NOUN" and cue.head.dep_ == "nsubj" else cue.head
    # (words that report someone else's words themselves are that other report, not this one's)
    if cue.dep_ in ("parataxis", "advcl", "ccomp") and interrupted.pos_ in ("VERB", "AUX") and not is_cue(interrupted) \
            and cue.head.i > cue.i - 40 \
            and cue.lemma_.lower() in SPEECH_VERBS and cue.lemma_.lower() not in WEAK_VERBS \
            and text[aside_end(cue):aside_end(cue) + 2].strip()[:1] in (",", "") \
            and (any(t.text == "," for t in cue.lefts) or cue.left_edge.i > 0 and doc[cue.left_edge.i - 1].text == ","):
        # "Those who vote, he said, must still register": the cue interrupts the words it reports
        head = interrupted
        left, right = head.left_edge.i, head.right_edge.i
        while right >= left and doc[right].is_punct:
            right -= 1
        start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
        if end - start >= 20 and not marked.covered(start, end, 0.5):
            return start, end, "indirect", False
    if lemma in WISHES:
        # "Democrats want policies that raise revenue", "the party seeks a recount": the object is the wish
        wished = [c for c in cue.children if c.dep_ == "dobj" and c.i > cue.i]
        if wished:
            start, end = object_span(doc, wished)
            if word_count(text[start:end]) >= 2 and not marked.covered(start, end, 0.5):
                return start, end, "indirect", False
        return None
    if lemma in TOPIC_VERBS and lemma not in ACCUSATION_VERBS | DENIAL_VERBS | STANCE_OBJECT_VERBS:
        # "cited rising costs", "spoke of his flights", "likened him to a snake": the object is the content;
        # what was not cited or discussed is nobody's report, and only findings "show" ("polls show a tie",
        # not "the group showed it to voters")
        if any(c.dep_ == "neg" or c.lower_ == "never" for c in cue.children):
            return None
        subject = subject_of(cue)
        if lemma in FINDING_VERBS and (subject is None or subject.pos_ != "NOUN" or subject.lemma_.lower() in BODIES):
            return None
        objects = [c for c in cue.children if c.i > cue.i and (c.dep_ in ("dobj", "oprd")
                   or c.dep_ == "prep" and (c.lower_ in TOPIC_PREPOSITIONS or c.lower_ == "to" and lemma in COMPARING))]
        if lemma in FINDING_VERBS and objects:
            # "polls show Clinton with a lead in the low single digits": what is shown runs on past the object
            first = min(o.i for o in objects)
            objects += [c for c in cue.children if c.dep_ in ("prep", "ccomp") and c.i > first and c not in objects]
        if objects:
            start, end = object_span(doc, objects)
            if word_count(text[start:end]) >= 2 and not marked.covered(start, end, 0.5):
                return start, end, "indirect", False
        return None
    if lemma in ACCUSATION_VERBS | DENIAL_VERBS | STANCE_OBJECT_VERBS:
        objects = [c for c in cue.children if c.dep_ in ("dobj", "oprd", "prep", "ccomp", "pcomp") and c.i > cue.i]
        if objects:
            start, end = object_span(doc, objects)
            # "denied involvement" is a whole denial, "endorsed Clinton" a whole stance; an accusation needs its content
            minimum = 1 if cue.lemma_.lower() in ENDORSING else 2 if cue.lemma_.lower() in DENIAL_VERBS else 3
            if word_count(text[start:end]) >= minimum and not marked.covered(start, end, 0.5):
                return start, end, "indirect", False
    return None


def said_noun_between(cue, clause) -> bool:
    """A noun of speech that the cue answers, between it and a clause after it ("responding to news
    reports, including one on Fox News, that …"): the clause says what the noun reports ("announced in
    a statement that …" is the cue's own content)."""
    return any(prep.dep_ == "prep" and prep.lower_ == "to" and cue.i < prep.i < clause.i and
               any(o.dep_ == "pobj" and o.lemma_.lower() in NOUN_CUES for o in prep.children)
               for prep in cue.children)


def aside_end(cue) -> int:
    """Where a cue set off as an aside ends: after the cue, or after its few words of its own
    ("…, he told me on Friday, is that …")."""
    words = [t for t in cue.subtree if t.i > cue.i and not t.is_punct]
    last = words[-1] if words and words[-1].i - cue.i <= 4 else cue
    return last.idx + len(last.text)


def misparsed_content(cue):
    """What a plain verb of saying reports when the parser hung it elsewhere: a finite clause after
    the cue taken for an adverbial ("said after the convention he would not accept …"), or a
    that-clause taken for a relative clause of the addressee ("told a meeting of leaders that few
    people understood …")."""
    for child in cue.children:
        if child.i < cue.i:
            continue
        if child.dep_ == "advcl" and child.pos_ in ("VERB", "AUX") and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children) \
                and not any(c.dep_ in ("mark", "advmod") and c.i < child.i for c in child.children):
            return child
        if child.dep_ == "dobj":
            for clause in child.subtree:
                if clause.dep_ == "relcl" and any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) \
                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
                    return clause
    return None


def object_span(doc, objects) -> tuple[int, int]:
    left = min(t.i for o in objects for t in o.subtree)
    right = without_own_speech_acts([t for o in objects for t in o.subtree], max(t.i for o in objects for t in o.subtree))
    while right >= left and doc[right].is_punct:
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def reported_speech(ctx: ArticleContext, found: list[Found]) -> None:
    """Unmarked and indirect speech: cues with an explicit subject and a content clause."""
    text = ctx.article.text
    marked = ctx.marked
    taken = Ranges((f.start, f.end) for f in found)
    previous = FoundList(found)
    new: list[Found] = []

    def add(item: Found) -> None:
        new.append(item)
        previous.add(item)
        taken.add(item.start, item.end)

    for sent in ctx.sentences:
        if marked.covered(sent.start_char, sent.end_char, 0.6):
            continue
        for cue in cues_in(sent, marked, attitude=True):
            subject = subject_of(cue)
            if subject is None and cue.dep_ == "ROOT" and cue.tag_ in ("VBD", "VBZ", "VBP") and cue.lemma_.lower() in REPORTING_CORE:
                # the parser hung the speaker elsewhere ("In a meeting with the board of the Post Trump said that …"):
                # a name right before the verb, and only then (a name further back may sit inside the real subject)
                subject = loose_subject(ctx, cue)
                if subject is not None and (ctx.entity_of(subject) is None or ctx.entity_of(subject).end != cue.i):
                    subject = None
            # the reader addressed as "you" is nobody's voice ("you know when it is worth paying more")
            if subject is None or marked.contains(subject.idx) or subject.lower_ in SECOND_PERSON:
                continue
            content = content_of_cue(ctx, sent, cue, marked)
            if content is None:
                continue
            start, end, kind, inverted = content
            while end > start and text[end - 1].isspace():
                end -= 1
            if taken.covered(start, end, 0.5):
                continue
            speaker = speaker_from_token(ctx, subject, previous)
            if speaker is None or speaker.label == "NOUN" and speaker.name.lower() in ("it", "this", "that"):
                continue
            channel = find_channel(sent.text, (start - sent.start_char, end - sent.start_char))
            add(Found(start=start, end=end, kind=kind, cue=cue.text, cue_span=(cue.idx, cue.idx + len(cue.text)), speaker=speaker,
                      channel=channel, in_post=ctx.post_at(start) is not None, subject=subject, inverted=inverted))
        # "according to X, ..." with a non-speech main verb.
        hit = according_to(sent, marked)
        if hit and not taken.covered(sent.start_char, sent.end_char, 0.3):
            token, obj = hit
            phrase_tokens = list(token.subtree)
            a = min(t.i for t in phrase_tokens)
            b = max(t.i for t in phrase_tokens)
            rest = [t for t in sent if not (a <= t.i <= b) and not t.is_punct]
            if len(rest) >= 4:
                start = rest[0].idx
                end = rest[-1].idx + len(rest[-1].text)
                speaker = speaker_from_token(ctx, obj, previous)
                # "According to the Bureau of Labor Statistics, there are 147.4 million …": a body or a
                # document cited for a figure is where the number comes from, not someone speaking
                if speaker and not (speaker.label != "PERSON" and states_a_figure(sent, a, b)):
                    add(Found(start=start, end=end, kind="indirect", cue="according to", cue_span=(token.idx, token.idx + 12),
                              speaker=speaker, in_post=ctx.post_at(start) is not None))
        # "In this poll, Trump rose 1 point": a finding that the sentence opens by naming where it is found
        finding = finding_frame(ctx, sent, marked)
        if finding is not None and not taken.covered(finding.start, finding.end, 0.3):
            add(finding)
    found.extend(new)
    headline_claims(ctx, found)
    nominal_speech(ctx, found)
    held_views(ctx, found)


FIGURES = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})


def states_a_figure(sent, skip_from: int, skip_to: int) -> bool:
    """The sentence (outside tokens skip_from..skip_to) says how many there are: "there are
    147.4 million people who work …" (a count, as statistics give it)."""
    root = sent.root
    if skip_from <= root.i <= skip_to or not any(c.dep_ == "expl" and c.lower_ == "there" for c in root.children):
        return False
    return any(t.ent_type_ in FIGURES or t.like_num for c in root.children if c.dep_ in ("attr", "nsubj") for t in c.subtree)


# what holds findings: "in the poll", "in a new survey" (the sentence after it is what it found)
FINDING_SOURCES = frozenset({"poll", "survey", "study", "analysis", "audit", "report", "census", "tally", "count"})


def finding_frame(ctx: ArticleContext, sent, marked: Ranges) -> Found | None:
    """"In this poll, Trump rose …" / "In the previous Washington Post/ABC News poll, Clinton led …":
    a sentence-initial "in" whose object is a poll or study; the rest of the sentence is its finding."""
    tokens = [t for t in sent if not t.is_space]
    if len(tokens) < 6 or tokens[0].lower_ != "in" or tokens[0].dep_ != "prep":
        return None
    holder = next((c for c in tokens[0].children if c.dep_ == "pobj"), None)
    if holder is None or holder.lemma_.lower() not in FINDING_SOURCES or holder.tag_ != "NN":
        return None
    # the comma that closes the whole phrase ("In the previous poll, conducted in early September, Clinton led …")
    edge = tokens[0].right_edge.i
    comma = next((t for t in tokens if t.text == "," and t.i > edge), None)
    if comma is None or comma.i != edge + 1:
        return None
    rest = [t for t in tokens if t.i > comma.i and not (t.is_punct and t.i == tokens[-1].i)]
    if len(rest) < 4:
        return None
    start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
    if marked.covered(start, end, 0.5):
        return None
    speaker = speaker_from_token(ctx, holder, [])
    if speaker is None:
        return None
    return Found(start=start, end=end, kind="indirect", cue=tokens[0].text, cue_span=(tokens[0].idx, tokens[0].idx + len(tokens[0].text)),
                 speaker=speaker, in_post=ctx.post_at(start) is not None, subject=holder)


# "Poll: Clinton and Trump in dead heat", "Pence: Trump Was 'Mocking' Clinton Camp": a headline's source and its claim
HEADLINE_SOURCE_WORDS = 4


def headline_claims(ctx: ArticleContext, found: list[Found]) -> None:
    """The article's headline (its first line) written as "Source: claim", where the source is a
    named person or body or a poll or study: the claim is that source's."""
    text = ctx.article.text
    first_line_end = text.find("\n")
    first_line_end = len(text) if first_line_end < 0 else first_line_end
    line_start = len(text) - len(text.lstrip())
    colon = text.find(":", line_start, first_line_end)
    if colon < 0:
        return
    source = text[line_start:colon]
    claim_start = colon + 1 + len(text[colon + 1:first_line_end]) - len(text[colon + 1:first_line_end].lstrip())
    claim_end = len(text[:first_line_end].rstrip(" .\t"))
    if not source.strip() or len(source.split()) > HEADLINE_SOURCE_WORDS or claim_end - claim_start < 12 \
            or ctx.marked.covered(claim_start, claim_end, 0.5) or any(f.start < claim_end and f.end > claim_start for f in found):
        return
    span = ctx.doc.char_span(line_start, colon, alignment_mode="contract")
    if span is None or not len(span):
        return
    named = [e for e in ctx.ents if line_start <= e.start_char and e.end_char <= colon and e.label_ in ("PERSON", "ORG", "GPE", "NORP")]
    whole = named and named[0].start_char == line_start and named[0].end_char == len(text[:colon].rstrip())
    if whole or len(span) == 1 and span[0].pos_ == "PROPN" and span[0].lower_ in ctx.people:
        # a named source, or the surname of a person the article names in full ("Pence: …")
        speaker = speaker_from_token(ctx, named[0].root if whole else span[0], [])
    elif len(span) == 1 and span[0].lemma_.lower() in FINDING_SOURCES:
        speaker = Speaker(name=span[0].text, start=span[0].idx, end=span[0].idx + len(span[0].text), label="NOUN")
    else:
        return
    if speaker is None:
        return
    found.append(Found(start=claim_start, end=claim_end, kind="indirect", cue=":", cue_span=(colon, colon + 1), speaker=speaker))


# what an owned noun of speech reports without a that-clause ("her denial of the charges")
NOUN_TOPIC_PREPOSITIONS = frozenset({"of", "about", "on", "over"})


def nominal_speech(ctx: ArticleContext, found: list[Found]) -> None:
    """Speech carried by a noun with an owner: "Moscow's claim that Kyiv acted alone",
    "the accusation by the Kremlin that ..." (the owner speaks, the that-clause is the content)."""
    doc = ctx.doc
    marked = ctx.marked
    taken = Ranges((f.start, f.end) for f in found)
    previous = FoundList(found)
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES or ctx.quoted(token.idx):
            continue
        clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if owner is None:
            by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if owner is None:
            # "a New York Times report that …", "a Pentagon assessment that …": the named body before the noun
            owner = next((c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in ("ORG", "GPE", "PERSON", "NORP")), None)
        if owner is None:
            continue
        if clause is not None:
            start, end = clause_span(clause)
        else:
            # "Moscow's denial of any involvement", "his warning about rising prices": what the noun is of or about
            about = next((c for c in token.children if c.dep_ == "prep" and c.lower_ in NOUN_TOPIC_PREPOSITIONS and c.i > token.i), None)
            objects = [c for c in about.children if c.dep_ in ("pobj", "pcomp")] if about is not None else []
            if not objects:
                continue
            start, end = object_span(doc, objects)
            if word_count(ctx.article.text[start:end]) < 2:
                continue
        if end - start < 12 or marked.covered(start, end, 0.5) or taken.covered(start, end, 0.5):
            continue
        speaker = speaker_from_token(ctx, owner, previous)
        if speaker is None:
            continue
        sent = ctx.sentence_at(token.idx)
        channel = find_channel(sent.text, (start - sent.start_char, end - sent.start_char)) if sent is not None else None
        item = Found(start=start, end=end, kind="indirect", cue=token.text, cue_span=(token.idx, token.idx + len(token.text)),
                     speaker=speaker, channel=channel, in_post=ctx.post_at(start) is not None, subject=owner)
        found.append(item)
        previous.add(item)
        taken.add(start, end)


# what a held view is about: "critical of", "worried about", "confident in", "angry over"
VIEW_PREPOSITIONS = frozenset({"of", "about", "over", "on", "with", "in", "toward", "towards"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})


def held_views(ctx: ArticleContext, found: list[Found]) -> None:
    """Views held by the subject of a predicate: "Graham has been critical of Trump",
    "Democrats were worried about turnout", "Clinton is a staunch opponent of the death
    penalty" (the subject holds the view, the predicate's object is its content)."""
    doc = ctx.doc
    text = ctx.article.text
    marked = ctx.marked
    taken = Ranges((f.start, f.end) for f in found)
    previous = FoundList(found)
    for token in doc:
        lemma = token.lemma_.lower()
        if not (token.pos_ == "ADJ" and token.dep_ == "acomp" and lemma in HOLDER_ADJECTIVES
                or token.pos_ == "NOUN" and token.dep_ == "attr" and lemma in HOLDER_NOUNS) or ctx.quoted(token.idx):
            continue
        verb = token.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            subject = verb.head  # "Ms. Vale, who is critical of the plan": the person the clause describes
        if subject is None or marked.contains(subject.idx) or subject.lower_ in ("it", "this", "that", "there"):
            continue
        about = next((c for c in token.children if c.i > token.i and (c.dep_ == "prep" and c.lower_ in VIEW_PREPOSITIONS
                                                                       or c.dep_ == "ccomp")), None)
        if about is None:
            continue
        objects = [c for c in about.children if c.dep_ in ("pobj", "pcomp")] if about.dep_ == "prep" else [about]
        if not objects:
            continue
        start, end = clause_span(objects[0]) if about.dep_ == "ccomp" else object_span(doc, objects)
        if end <= start or marked.covered(start, end, 0.5) or taken.covered(start, end, 0.5):
            continue
        speaker = speaker_from_token(ctx, subject, previous)
        if speaker is None or speaker.label == "NOUN" and speaker.name.lower() in ("it", "this", "that"):
            continue
        item = Found(start=start, end=end, kind="indirect", cue=token.text, cue_span=(token.idx, token.idx + len(token.text)),
                     speaker=speaker, in_post=ctx.post_at(start) is not None, subject=subject)
        found.append(item)
        previous.add(item)
        taken.add(start, end)


def speaks_in_first_person(sentences) -> bool:
    return any(is_first_person(t) for s in sentences for t in s)


def own_cues(sentences, marked) -> bool:
    """Cues with a third-party subject: a sentence that attributes speech itself."""
    for sent in sentences:
        for cue in cues_in(sent, marked):
            subject = subject_of(cue)
            if subject is not None and not is_first_person(subject, FIRST_PERSON | SECOND_PERSON):
                return True
    return False


def extend_unmarked(ctx: ArticleContext, found: list[Found]) -> None:
    """Lost-mark speech often fills the paragraph around ", Kirby said." and the next one.

    For speech placed before its cue, the paragraph's earlier sentences join it
    when the paragraph opens in the first person and attributes nothing else;
    first-person sentences after the cue continue it; so does a following
    paragraph of first-person speech with no attribution of its own. Such a
    run is verbatim speech: it becomes an unmarked quote.
    """
    doc = ctx.doc
    text = ctx.article.text
    marked = ctx.marked
    spans = Ranges((f.start, f.end) for f in found)
    additions: list[Found] = []
    for quote in [f for f in found if not f.turn and (f.kind == "unmarked" or (f.kind == "indirect" and f.inverted))]:
        p_index = ctx.paragraph_of(quote.start)
        if p_index < 0:
            continue
        p_start, p_end = ctx.paragraphs[p_index]
        before = [s for s in ctx.sentences_between(p_start, quote.start + 1) if s.end_char <= quote.start + 1]
        if before and not marked.covered(p_start, quote.start, 0.2):
            if speaks_in_first_person(before[:1]) and not own_cues(before, marked):
                quote.start = before[0].start_char
                quote.kind = "unmarked"
        cue_end = quote.cue_span[1] if quote.cue_span else quote.end
        after = [s for s in ctx.sentences_between(cue_end, p_end) if s.end_char <= p_end + 1 and s.text.strip()]
        if after and not marked.covered(after[0].start_char, p_end, 0.2) and speaks_in_first_person(after[:1]) and not own_cues(after, marked):
            end = after[-1].end_char
            while end > after[0].start_char and text[end - 1] in " .\n":
                end -= 1
            additions.append(Found(start=after[0].start_char, end=end, kind="unmarked", cue=quote.cue, cue_span=quote.cue_span,
                                   speaker=quote.speaker, channel=quote.channel, in_post=quote.in_post, subject=quote.subject))
            quote.kind = "unmarked"
        if quote.kind != "unmarked" or p_index + 1 >= len(ctx.paragraphs):
            continue
        n_start, n_end = ctx.paragraphs[p_index + 1]
        span = doc.char_span(n_start, n_end, alignment_mode="expand")
        if span is None or marked.covered(n_start, n_end, 0.2):
            continue
        sentences = ctx.sentences_between(n_start, n_end)
        opens_first = any(is_first_person(t) for t in list(span)[:12])
        if opens_first and not own_cues(sentences, marked) and not spans.any_within(n_start, n_end):
            end = n_end
            while end > n_start and text[end - 1] in " .":
                end -= 1
            additions.append(Found(start=n_start, end=end, kind="unmarked", cue=quote.cue, cue_span=quote.cue_span,
                                   speaker=quote.speaker, channel=quote.channel, in_post=quote.in_post, subject=quote.subject))
    found.extend(additions)


def post_bodies(ctx: ArticleContext, found: list[Found]) -> None:
    """The body of an embedded post is its author's words."""
    taken = Ranges((f.start, f.end) for f in found)
    for post in ctx.posts:
        if not post.text or post.start is None or not post.author:
            continue
        start = post.start
        end = start + len(post.text)
        body = ctx.article.text[start:end]
        body = re.sub(r"\s*(?:pic\.twitter\.com/\S+|https?://t\.co/\S+)\s*$", "", body)
        end = start + len(body.rstrip())
        if end <= start or taken.covered(start, end, 0.6):
            continue
        speaker = Speaker(name=post.author, start=start, end=start, label="PERSON")
        found.append(Found(start=start, end=end, kind="direct", cue="posted", speaker=speaker,
                           channel="@" + post.handle if post.handle else None, in_post=True))
        taken.add(start, end)
