"""Direct quotes: words inside quotation marks, each given to the speaker of
the cue that frames it; short marked phrases that nobody is said to have
spoken are scare quotes, kept apart."""

from __future__ import annotations

import re

from parallax.article.quotes.context import ArticleContext
from parallax.article.quotes.cues import (
    NOUN_CUES,
    ACCUSATION_VERBS,
    FINDING_VERBS,
    FIRST_PERSON,
    PERSON_PRONOUNS,
    STANCE_OBJECT_VERBS,
    TITLE_WORDS,
    UNREALIZED_MARKERS,
    SPEECH_VERBS,
    WEAK_VERBS,
    according_to,
    cues_in,
    find_channel,
    is_cue,
    subject_of,
)
from parallax.article.quotes.found import Found, Speaker
from parallax.article.quotes.marks import MarkedSpan
from parallax.article.quotes.speakers import DOCUMENT_NOUNS, can_speak, full_name, speaker_from_token, speaks_for_nobody
from parallax.names import plain_name

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
    return Speaker(name=full_name(ctx, plain_name(name.title() if name.isupper() else name)), start=start, end=end,
                   label="PERSON", ref=(start, end))


# a headline's words before "X: 'quote'" ("Elizabeth Warren Hammers Wells Fargo CEO: '…'", "A lesson from Loretta Lynch: '…'")
HEADLINE_WORDS = 12


def headline_subject(ctx: ArticleContext, open_mark: int) -> Speaker | None:
    """A short line that names someone and ends in a colon before the quote: the person (or body)
    it names first is the speaker, as headlines put it ("Trump to Clinton: '…'")."""
    text = ctx.article.text
    line_start = text.rfind("\n", 0, open_mark) + 1
    head = text[line_start:open_mark]
    if not re.search(r":\s*$", head) or len(head.split()) > HEADLINE_WORDS or re.search(r"[.!?;\"“”]", head):
        return None
    colon = line_start + head.rindex(":")
    named = [e for e in ctx.ents if line_start <= e.start_char and e.end_char <= colon and e.label_ in ("PERSON", "ORG")]
    if not named:
        return None
    ent = named[0]
    name = plain_name(ent.text)
    if ent.label_ == "PERSON":
        name = full_name(ctx, name, ent.start_char)
    return Speaker(name=name, start=ent.start_char, end=ent.end_char, label=ent.label_, ref=(ent.start_char, ent.end_char))


def signature(ctx: ArticleContext, outer: tuple[int, int]):
    """'"…" ― Pamela Padilla': a dash and a name after the closing mark, as under a pull quote."""
    dash = DASH_SIGNATURE.match(ctx.article.text, outer[1])
    if dash:
        name = dash.group("name").strip()
        start = dash.start("name")
        speaker = Speaker(name=name, start=start, end=start + len(name), label="PERSON", ref=(start, start + len(name)))
        return "—", (dash.start("dash"), dash.end("dash")), speaker, None
    return signature_at_line_end(ctx, outer)


def signature_at_line_end(ctx: ArticleContext, outer: tuple[int, int]):
    """'“… what he calls “hell” than live in a world …” ― Adriana Rodarte': a quote that opens its
    line and a dash signature that closes the line after a later closing mark (a nested quote
    split the marks)."""
    text = ctx.article.text
    line_start = text.rfind("\n", 0, outer[0]) + 1
    line_end = text.find("\n", outer[1])
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:outer[0]].strip():
        return None
    tail = text[outer[1]:line_end]
    for match in DASH_SIGNATURE.finditer(tail):
        if match.end() != len(tail.rstrip()) and match.end() != len(tail):
            continue
        if text[:outer[1] + match.start()].rstrip()[-1:] not in "”\"’'»":
            return None
        name = match.group("name").strip()
        start = outer[1] + match.start("name")
        speaker = Speaker(name=name, start=start, end=start + len(name), label="PERSON", ref=(start, start + len(name)))
        return "—", (outer[1] + match.start("dash"), outer[1] + match.end("dash")), speaker, None
    return None


SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})


def attribution_after(ctx: ArticleContext, outer: tuple[int, int]):
    """'"…," Brent Bozell III, founder of the Center, tells Breitbart' / '"…!" beamed Donald
    Hartley': the speaker right after the closing mark (with an optional title before the
    name and apposition after it), then the cue; or the cue first, then the name. The parser
    often misses this subject; the word order does not. Right after a quote that ends in a
    comma, "!" or "?", any verb of the speaker's ("beamed", "laughed") attributes it."""
    text = ctx.article.text
    token = ctx.token_from(outer[1])
    if token is None or text[outer[1]:token.idx].strip(" ,") or "\n" in text[outer[1]:token.idx]:
        return None
    doc = ctx.doc
    while token is not None and token.is_punct and token.i + 1 < len(doc) and token.idx - outer[1] <= 2:
        token = doc[token.i + 1]
    if token is None or ctx.quoted(token.idx) or "\n" in text[outer[1]:token.idx]:
        return None
    inner_end = text[outer[0]:outer[1]].rstrip("\"”’'»").rstrip()
    open_ended = inner_end.endswith((",", "!", "?", "—", "–"))

    def speaks(verb) -> bool:
        return not ctx.quoted(verb.idx) and (is_cue(verb) or (open_ended and verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBZ", "VBP")))

    # '"…," said Mr. X' / '"…!" beamed Donald Hartley'
    if token.pos_ in ("VERB", "AUX") and speaks(token) and token.i + 1 < len(doc):
        named = name_after_cue(ctx, token)
        return (token, named) if named is not None else None
    # titles and roles before the name: "Texas delegate Bill Eastland", "Former Gov. Mike Huckabee"
    start = token
    while start.i + 1 < len(doc) and start.i - token.i < 5 and ctx.entity_of(start) is None \
            and start.pos_ in ("PROPN", "NOUN", "ADJ") and not start.is_punct:
        start = doc[start.i + 1]
    ent = ctx.entity_of(start)
    if ent is not None and ent.start == start.i and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
        if ent.label_ == "GPE" and start.i == token.i and ent.end < len(doc) and doc[ent.end].pos_ in ("NOUN", "PROPN"):
            # "Texas delegate Bill Eastland": the place is part of the title
            return attribution_after_name(ctx, doc, ent.end, speaks)
        subject, after = ent.root, ent.end
        if after < len(doc) and doc[after].tag_ == "POS":
            # '"…," Fox's Chris Wallace said' / 'the senator's spokeswoman said': the owner's person speaks
            owned = owned_after(ctx, doc, after + 1)
            if owned is not None:
                subject, after = owned
    elif token.lower_ in SUBJECT_PRONOUNS:
        subject, after = token, token.i + 1
    elif token.pos_ in ("PROPN", "NOUN") and token.text[:1].isupper() and ctx.entity_of(token) is None:
        # a name spaCy did not tag ('"…?" Hannity pressed')
        end = token.i + 1
        while end < len(doc) and end - token.i < 4 and doc[end].pos_ == "PROPN" and ctx.entity_of(doc[end]) is None:
            end += 1
        subject, after = doc[end - 1], end
        if token.pos_ == "NOUN" and token.is_sent_start:
            # a common noun capitalised only because a sentence starts with it ('"Don-ald!" Cheers went up')
            # speaks through a reporting verb only, not through any verb after an exclamation
            found = verb_after(doc, after, lambda verb: not ctx.quoted(verb.idx) and is_cue(verb))
            return (found, subject) if found is not None else None
    elif token.lower_ == "the":
        # '"…," the two-term president will say'
        end = token.i + 1
        while end < len(doc) and end - token.i <= 5 and doc[end].pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT") and doc[end].text not in ",.;:":
            end += 1
        owned = owned_after(ctx, doc, end + 1) if end < len(doc) and doc[end].tag_ == "POS" and end > token.i + 1 else None
        if owned is not None:
            # '"…" the Post's senior politics editor Steven Ginsberg responded'
            subject, after = owned
        elif end - 1 <= token.i or doc[end - 1].pos_ != "NOUN":
            return None
        else:
            subject, after = doc[end - 1], end
        if token.text[:1].isupper():
            # '"… the last season!" The Netflix drama follows …': a capital opens a sentence of its
            # own, whose verb speaks only when it is a reporting verb
            found = verb_after(doc, after, lambda verb: not ctx.quoted(verb.idx) and is_cue(verb))
            return (found, subject) if found is not None else None
    else:
        return None
    found = verb_after(doc, after, speaks)
    return (found, subject) if found is not None else None


# how many words an inverted cue's subject phrase may run ("said Oversight ranking Democrat Elijah Cummings")
INVERTED_SUBJECT_WORDS = 8


def name_after_cue(ctx: ArticleContext, cue):
    """The speaker named right after an inverted cue: '"…," said Mr. Gunnels', 'tweeted Rubio
    spokesman Alex Conant', 'said Oversight ranking Democrat Elijah Cummings (D-Md.)', 'said
    Skelly'. Titles, roles and owners may come first ("Rubio spokesman"); the last name of the
    phrase is the speaker, or its head noun after an owner ("said Trump's spokeswoman")."""
    doc = ctx.doc
    last = None  # the token standing for the latest name in the phrase
    i = cue.i + 1
    while i < len(doc) and i - cue.i <= INVERTED_SUBJECT_WORDS:
        t = doc[i]
        ent = ctx.entity_of(t)
        if ent is not None and ent.start == i and ent.label_ in ("PERSON", "ORG", "GPE", "NORP") and not ctx.quoted(t.idx):
            last, i = ent.root, ent.end
            continue
        if ent is not None and ent.start == i and t.pos_ == "PROPN" and not ctx.quoted(t.idx):
            i = ent.end  # an owner the tagger mislabelled ("Rubio spokesman", Rubio a PRODUCT)
            continue
        if ent is None and t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_ not in TITLE_WORDS:
            # a name the tagger missed ("Elijah Cummings"), or a known surname it took for another word
            end = i
            while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and ctx.entity_of(doc[end + 1]) is None:
                end += 1
            last, i = doc[end], end + 1
            continue
        if ent is None and t.text[:1].isupper() and t.lower_ in ctx.people and not t.is_punct:
            last, i = t, i + 1
            continue
        if t.tag_ == "POS" and last is not None and i + 1 < len(doc) and doc[i + 1].pos_ in ("NOUN", "ADJ"):
            # "said Trump's spokeswoman": the owner's person speaks, unnamed
            head = next((w for w in doc[i + 1:min(len(doc), i + 5)] if w.pos_ == "NOUN" and w.i == w.head.i or w.dep_ != "compound"
                         and w.pos_ == "NOUN"), None)
            return head if head is not None and ctx.entity_of(head) is None and \
                not any(ctx.entity_of(w) is not None for w in doc[i + 1:head.i]) else last
        if t.pos_ in ("NOUN", "ADJ") or t.lower_ in TITLE_WORDS or t.tag_ == "VBG" and i + 1 < len(doc) and doc[i + 1].pos_ in ("PROPN", "NOUN"):
            i += 1
            continue
        break
    return last


def owned_after(ctx: ArticleContext, doc, i: int):
    """After an owner's "'s": the person named ("Fox's Chris Wallace") or the noun of the
    person unnamed ("Trump's campaign spokeswoman"), as (subject token, index after it)."""
    start = i
    while i < len(doc) and i - start < 5:
        t = doc[i]
        ent = ctx.entity_of(t)
        if ent is not None and ent.start == i and ent.label_ == "PERSON":
            return ent.root, ent.end
        if t.pos_ not in ("NOUN", "ADJ", "PROPN") or ent is not None:
            break
        i += 1
    last = doc[i - 1] if i > start else None
    return (last, i) if last is not None and last.pos_ == "NOUN" else None


def attribution_after_name(ctx: ArticleContext, doc, i: int, speaks):
    while i < len(doc) and i - 1 < len(doc) and ctx.entity_of(doc[i]) is None and doc[i].pos_ in ("PROPN", "NOUN", "ADJ"):
        i += 1
    if i >= len(doc):
        return None
    ent = ctx.entity_of(doc[i])
    if ent is None or ent.start != i or ent.label_ not in ("PERSON", "ORG"):
        return None
    found = verb_after(doc, ent.end, speaks)
    return (found, ent.root) if found is not None else None


def verb_after(doc, after: int, speaks):
    """The verb right after a subject, past an apposition closed by a comma and an adverb."""
    if after >= len(doc):
        return None
    nxt = doc[after]
    if nxt.text == "(":
        # a party and state in brackets ("Sen. Richard Blumenthal (D-Conn.) said")
        close = next((t for t in doc[after + 1:min(len(doc), after + 8)] if t.text == ")"), None)
        if close is None or close.i + 1 >= len(doc):
            return None
        nxt = doc[close.i + 1]
    if nxt.text == ",":
        # an apposition closed by a comma, within one sentence and a few words; it may hold commas
        # of its own ("Mr. Daniloff, now 81 and retired in Cambridge, Mass., said")
        for t in doc[nxt.i + 1:min(len(doc), after + 18)]:
            if t.is_sent_start or "\n" in t.text:
                return None
            if t.text != "," or t.i + 1 >= len(doc):
                continue
            following = doc[t.i + 1]
            if following.pos_ == "ADV" and following.i + 1 < len(doc):
                following = doc[following.i + 1]
            if speaks(following):
                return following
        return None
    if nxt.pos_ == "ADV" and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]  # "Bozell then said"
    if nxt.pos_ == "AUX" and nxt.lower_ in ("will", "would", "'ll") and nxt.i + 1 < len(doc) and nxt.head.lemma_.lower() in SPEECH_VERBS:
        return nxt.head  # '"…," the president will say' (released excerpts of a speech)
    return nxt if speaks(nxt) else None


def loose_subject(ctx: ArticleContext, cue):
    """A cue the parser left without a subject ("…, her adviser, Jake Sullivan, said:"): the
    nearest person or organisation named before it in its clause ("As Akhil Amar, professor of law
    at Yale, put it": the one "as" introduces, not the place in his apposition)."""
    mark = next((c for c in cue.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    named = next((c for c in mark.children if c.dep_ == "pobj" and c.pos_ in ("PROPN", "NOUN")), None) if mark is not None else None
    if named is not None:
        return named
    for i in range(cue.i - 1, max(-1, cue.i - 14), -1):
        token = ctx.doc[i]
        if token.is_sent_start and i != cue.i - 1 and token.i < cue.i - 1 and token.pos_ in ("VERB",):
            break
        if token.pos_ == "VERB" or token.text in "“”\"" or ctx.quoted(token.idx) or "\n" in token.text:
            break
        ent = ctx.entity_of(token)
        if ent is not None and ent.label_ in ("PERSON", "ORG") and not (ent.root.dep_ == "pobj" and ent.root.head.head.pos_ == "NOUN"):
            return ent.root
        if token.is_sent_start:
            break
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
    # A cue that governs the quoted words (a partial quote inside reported speech) wins: the nearest
    # verb of saying above them, else the nearest weak one.
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is not None and len(inside):
        governing = None
        short = word_count(ctx.article.text[start:end]) <= SCARE_QUOTE_MAX_WORDS
        if short and DISTANCING.search(ctx.article.text[max(0, outer[0] - 20):outer[0]]):
            return None  # the writer distances itself from a word: a scare quote whoever else is speaking
        stance = stance_over(inside) if word_count(ctx.article.text[start:end]) >= 3 else None
        if stance is not None:
            # 'Trump attacked "the hateful ideology of radical Islam"': the words a stance is taken in are the subject's
            governing = stance
        for ancestor in inside.root.ancestors if stance is None else ():
            if is_cue(ancestor) and not (outer[0] <= ancestor.idx < outer[1]) and subject_of(ancestor) is not None and not ctx.quoted(subject_of(ancestor).idx) \
                    and not described_thing(ancestor, subject_of(ancestor)) and not shows_a_trait(ancestor):
                weak = ancestor.lemma_.lower() in WEAK_VERBS
                if governing is None or not weak:
                    governing = ancestor
                # The nearest verb of saying frames the words ("When Clinton noted …, Trump boasted, '…'");
                # a short phrase belongs to the nearest verb that frames it at all ("called it a 'lie'").
                if short or not weak:
                    break
        after = attribution_after(ctx, outer) if governing is not None and not short and governing.idx < outer[0] else None
        if after is not None and not starts_anew(ctx, start, end, outer, *after):
            # '… but Moscow strongly denies — "why wouldn't you …?" asked Dunn': a whole sentence with
            # its own cue and speaker right after the closing mark is that speaker's, whatever the
            # parser hung it under
            best = (0, *after)
        elif governing is not None:
            best = (0, governing, subject_of(governing))
        elif (after := attribution_after(ctx, outer)) is not None and not starts_anew(ctx, start, end, outer, *after):
            best = (0, *after)
        elif short:
            # A short marked phrase is speech only when a reporting verb frames it, or
            # introduces it with a comma or colon ('Trump boasted, "That makes me smart."').
            introducing = next((cue for sent in window for cue in cues_in(sent, exclude)
                                if opens_after(ctx, cue, outer) and subject_of(cue) is not None
                                and not ctx.quoted(subject_of(cue).idx)), None)
            if introducing is None:
                announced = message_before_colon(ctx, outer[0])
                if announced is not None:  # 'rolling out a new campaign message: "It's about me."'
                    noun, subject = announced
                    return ":", (noun.idx + len(noun.text), noun.idx + len(noun.text) + 1), speaker_from_token(ctx, subject, previous), subject
                return signature(ctx, outer)  # '"Never again." ― Ana Ruiz'
            best = (0, introducing, subject_of(introducing))
    for sent in window if best is None else []:
        for cue in cues_in(sent, exclude):
            # "Said Ellis: …": a sentence that opens with the cue names its speaker right after it
            subject = subject_of(cue) or loose_subject(ctx, cue) or (entity_after(ctx, cue) if cue.is_sent_start else None)
            if subject is None or ctx.quoted(subject.idx) or subject.pos_ == "NUM":
                continue
            if described_thing(cue, subject):
                continue
            if starts_anew(ctx, start, end, outer, cue, subject):
                continue
            # a weak verb ("asked", "continued") frames a long quote only when the quote follows it
            # right after a comma or colon ('She continued, "…"')
            if cue.lemma_.lower() in WEAK_VERBS and end - start > 80 and not opens_after(ctx, cue, outer):
                continue
            distance = min(abs(cue.idx - outer[1]), abs(cue.idx - outer[0]))
            if is_circumstance(cue):
                # '…saying, "That makes me smart," when Clinton blasted him': a cue in a clause of time
                # or cause beside the words tells when they were said, not who said them
                distance += len(ctx.article.text)
            if best is None or distance < best[0]:
                best = (distance, cue, subject)
    if best is None:
        return attribute_nearby(ctx, outer, window, first_index, last_index, previous)
    _, cue, subject = best
    return cue.text, (cue.idx, cue.idx + len(cue.text)), speaker_from_token(ctx, subject, previous), subject


def shows_a_trait(cue) -> bool:
    """"Westmacott said that Obama shows 'great charm'": what a person shows is no speech of theirs
    (what a document or a poll shows is its finding)."""
    subject = subject_of(cue)
    return cue.lemma_.lower() in FINDING_VERBS and subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in PERSON_PRONOUNS)


def described_thing(cue, subject) -> bool:
    """'"…," Mr. Trump said in a documentary that showed off …' / 'Clinton said, with a passion that
    almost suggested …': the cue of a relative clause about a thing that cannot speak frames nothing."""
    return cue.dep_ == "relcl" and subject.lower_ in ("that", "which") and cue.head.pos_ == "NOUN" and not can_speak(cue.head)


# ("as" is left out: "as Clinton noted, …" frames the words it introduces)
CIRCUMSTANCE_MARKERS = frozenset({"when", "while", "after", "before", "until", "since", "because", "once", "whenever"})


def is_circumstance(cue) -> bool:
    """A cue heading an adverbial clause of time or cause ("when Clinton blasted him")."""
    return cue.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in CIRCUMSTANCE_MARKERS and c.i < cue.i
                                       for c in cue.children)


def stance_over(inside):
    """The stance or accusation verb whose direct object the quoted words are ("condemned 'a cowardly act'")."""
    root = inside.root
    verb = root.head
    if root.dep_ != "dobj" or verb.pos_ != "VERB" or verb.i >= inside.start or verb.lemma_.lower() not in STANCE_OBJECT_VERBS | ACCUSATION_VERBS:
        return None
    if any(c.dep_ == "aux" and c.lower_ in UNREALIZED_MARKERS for c in verb.children) or any(c.dep_ == "neg" for c in verb.children):
        return None
    subject = subject_of(verb)
    return verb if subject is not None and subject.pos_ in ("PROPN", "NOUN", "PRON") else None


def opens_after(ctx: ArticleContext, cue, outer: tuple[int, int]) -> bool:
    """The quote opens right after the cue and a comma or colon ('Zero Hedge asked, "…"')."""
    gap = ctx.article.text[cue.idx + len(cue.text):outer[0]]
    return 0 < len(gap) <= 3 and gap.strip() in (",", ":")


def starts_anew(ctx: ArticleContext, start: int, end: int, outer, cue, subject) -> bool:
    """'"… We need to get this done." Attorney General Eric Holder also dismissed the idea …': words
    that end their sentence inside the marks are not attributed by a sentence after them (however the
    parser joined the two) whose speaker and cue come after the marks and whose cue has content of its
    own; '"… done." Obama said.' still is."""
    words = ctx.article.text[start:end].rstrip(" \"”’'")
    if not words.endswith((".", "!", "?")) or cue.idx < outer[1] or subject.idx < outer[1]:
        return False
    return any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.idx > cue.idx for c in cue.children)


def attribute_nearby(ctx: ArticleContext, outer, window, first_index: int, last_index: int, previous):
    """No cue in the quote's own sentences: the sentence right after, a dash signature,
    "according to", a name and a colon, or a cue that ends the sentence before with a colon."""
    doc = ctx.doc
    exclude = [outer]
    # The parser often splits '"…?" Graham asked.' after the mark: a short sentence
    # right behind the quote is its attribution.
    following = ctx.sentences[last_index + 1] if 0 <= last_index < len(ctx.sentences) - 1 else None
    between = ctx.article.text[outer[1]:following.start_char] if following is not None else ""
    if following is not None and not between.strip() and "\n" not in between and len(following) <= 12:
        for cue in cues_in(following, exclude):
            subject = subject_of(cue)
            if subject is not None and not ctx.quoted(subject.idx):
                return cue.text, (cue.idx, cue.idx + len(cue.text)), speaker_from_token(ctx, subject, previous), subject
    signed = signature(ctx, outer)
    if signed is not None:
        return signed
    found = None
    for sent in window:
        found = according_to(sent, exclude)
        if found:
            break
    if found:
        token, obj = found
        speaker = speaker_from_token(ctx, obj, previous)
        return "according to", (token.idx, token.idx + len("according to")), speaker, obj
    colon = name_before_colon(ctx, outer[0]) or headline_subject(ctx, outer[0])
    if colon:
        return ":", (colon.end, colon.end + 1), colon, None
    announced = message_before_colon(ctx, outer[0])
    if announced is not None:
        noun, subject = announced
        return ":", (noun.idx + len(noun.text), noun.idx + len(noun.text) + 1), speaker_from_token(ctx, subject, previous), subject
    # "He followed with:" / "Ryabkov added:" / "Stated Stone:" closing the previous sentence.
    if first_index > 0:
        before = ctx.sentences[first_index - 1]
        if before.text.rstrip().endswith(":") and 0 <= ctx.paragraph_of(outer[0]) - ctx.paragraph_of(before.start_char) <= 1:
            for cue in cues_in(before, []):
                subject = subject_of(cue) or loose_subject(ctx, cue) or entity_after(ctx, cue)
                if subject is not None:
                    return cue.text, (cue.idx, cue.idx + len(cue.text)), speaker_from_token(ctx, subject, previous), subject
            for token in before:
                if token.dep_ == "nsubj" and not (token.pos_ == "PRON" and token.lower_ == "it"):
                    return ":", (before.end_char - 1, before.end_char), speaker_from_token(ctx, token, previous), token
            if len(before) <= 6:
                # "Stated Stone:" — a short line naming the speaker before the colon
                named = [t for t in before if ctx.entity_of(t) is not None and ctx.entity_of(t).label_ in ("PERSON", "ORG")]
                if named:
                    token = ctx.entity_of(named[-1]).root
                    return ":", (before.end_char - 1, before.end_char), speaker_from_token(ctx, token, previous), token
        issued = statement_issued(ctx, before)
        if issued is not None and opens_paragraph(ctx, outer[0]) and 0 <= ctx.paragraph_of(outer[0]) - ctx.paragraph_of(before.start_char) <= 1:
            verb, subject = issued
            return verb.text, (verb.idx, verb.idx + len(verb.text)), speaker_from_token(ctx, subject, previous), subject
    return None


ISSUE_VERBS = frozenset({"issue", "release", "publish", "send", "post", "put", "share", "distribute", "read"})


def message_before_colon(ctx: ArticleContext, open_mark: int):
    """'Obama is rolling out a new campaign message: "It's about me."' / 'She issued a warning: "…"':
    the words after a colon that closes a noun of speech are the message of whoever delivers it.
    Returns (the noun, its clause's subject) or None."""
    text = ctx.article.text
    before = text[:open_mark].rstrip()
    if not before.endswith(":"):
        return None
    token = ctx.token_from(len(before) - 1)
    if token is None or token.text != ":" or token.i == 0:
        return None
    noun = ctx.doc[token.i - 1]
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOUN_CUES | {"message", "slogan", "words"} or noun.dep_ not in ("dobj", "attr"):
        return None
    subject = next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("PROPN", "PRON")), None)
    if subject is None or ctx.quoted(subject.idx) or subject.lower_ in ("it", "this", "that", "there"):
        return None
    return noun, subject


def opens_paragraph(ctx: ArticleContext, offset: int) -> bool:
    p = ctx.paragraph_of(offset)
    return p >= 0 and not ctx.article.text[ctx.paragraphs[p][0]:offset].strip()


def statement_issued(ctx: ArticleContext, sentence):
    """"The DNC issued a statement apologizing to Sanders." / "The press service released the
    following message:" → (verb, the issuer's token): the paragraph after it is that statement."""
    for token in sentence:
        if token.lemma_.lower() in DOCUMENT_NOUNS and token.dep_ in ("dobj", "nsubjpass") and token.head.lemma_.lower() in ISSUE_VERBS:
            verb = token.head
            subject = subject_of(verb)
            if subject is None:
                agent = next((c for c in verb.children if c.dep_ == "agent"), None)
                subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if subject is not None and subject.pos_ in ("PROPN", "NOUN") and not ctx.quoted(subject.idx):
                return verb, subject
    return None


def entity_after(ctx: ArticleContext, cue):
    """"Stated Stone:": the name right after an inverted cue."""
    if cue.i + 1 < len(ctx.doc):
        ent = ctx.entity_of(ctx.doc[cue.i + 1])
        if ent is not None and ent.label_ in ("PERSON", "ORG") or ctx.doc[cue.i + 1].pos_ == "PROPN":
            return ent.root if ent is not None else ctx.doc[cue.i + 1]
    return None


def continues(ctx: ArticleContext, previous: Found, span: MarkedSpan) -> bool:
    """A quote with no cue of its own goes on the previous speaker's words: in the same
    paragraph (a split quote), or opening the next paragraph right after a paragraph that
    ended in that speaker's quote (running quotes over paragraphs)."""
    here, there = ctx.paragraph_of(span.start), ctx.paragraph_of(previous.end)
    if here == there:
        # not past a sentence of narrative about someone else ('"…," Loreno said. The crowd had
        # waited an hour. "…"'): a new voice may speak after it; "He didn't suggest retaliation." keeps it
        return not any(s.end_char <= span.open_mark and not ctx.marked.covered(s.start_char, s.end_char, 0.5)
                       and not (previous.cue_span and s.start_char <= previous.cue_span[0] < s.end_char)
                       and not about_speaker(s, previous.speaker) for s in ctx.sentences_between(previous.end, span.open_mark))
    if here - there != 1 or not opens_paragraph(ctx, span.open_mark):
        return False
    p_end = ctx.paragraphs[there][1]
    tail = ctx.article.text[previous.end:p_end]
    # the previous paragraph ends with that quote, or with its attribution ('…,” he said.')
    return len(tail) < 60 and "“" not in tail and '"' not in tail.strip('"”’ .,')


def about_speaker(sentence, speaker: Speaker) -> bool:
    """The sentence's subject is the speaker again ("he", "Obama") or it has none ("Shook his hand.")."""
    subjects = [c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return True
    subject = subjects[0]
    if subject.pos_ == "PRON":
        return subject.lower_ in PERSON_PRONOUNS if speaker.label == "PERSON" else subject.lower_ in ("it", "they", "we")
    return subject.text in speaker.name.split()


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
            if previous is not None and previous.speaker and continues(ctx, previous, span):
                found.append(Found(start=span.start, end=span.end, kind="direct", cue=previous.cue, cue_span=previous.cue_span,
                                   speaker=previous.speaker, channel=previous.channel, in_post=in_post, inherited=True))
            else:
                found.append(Found(start=span.start, end=span.end, kind="direct", in_post=in_post))
            continue
        cue, cue_span, speaker, subject = result
        if speaks_for_nobody(speaker, subject):
            speaker = None
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
