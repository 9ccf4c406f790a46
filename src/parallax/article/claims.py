"""Claims in one article: the propositions it states, each with its holder.

- Quoted claims come from quotes: each sentence of a direct or unmarked quote,
  and the content of indirect speech; the holder is the speaker (linked to the
  speaker's entity at the story stage through ``quote_id``).
- Own-voice claims are the article's sentences outside quotes, embedded posts
  and reported speech; the holder is the outlet.

A sentence is split into the propositions it states, from the parse:
coordinated clauses that each have a subject ("the bridge closed, and the
mayor blamed the operator"), semicolons, and "said A and that B". Each claim
then gets a kind (event, attributed statement, evaluation, question,
procedural chatter), a predicate (its main verb with negation and modality)
and its arguments (entities, numbers with units, dates, places), all with
offsets into the article text.

A claim denies when its cue is a denial verb ("denied", "rejected") or its
words deny ("had nothing to do with", "a baseless claim"). What a denial
denies is found across articles, in ``parallax.story.disputes``.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.lang.en.lex_attrs import _num_words

from parallax.article.parsed import ParsedArticle, TokenColumns
from parallax.ids import claim_id
from parallax.lexicons import any_hedge, denial_patterns, procedural_patterns, subjectivity
from parallax.lexicons.speech import naming_verbs_pattern, reported_content_pattern, reporting
from parallax.model import Argument, Article, Claim, EntityRef, Predicate, Quote, Span

MAX_SENTENCES_PER_QUOTE = 6
MIN_WORDS = 5
DENIAL_CUES = re.compile(r"(?:deni|deny|reject|dismiss|rebut|refut|disput)", re.I)
HEDGED_CUES = reporting().hedged_forms
FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
HEDGE_AUX = frozenset({"may", "might", "could"})
INTENT_VERBS = frozenset({"plan", "expect", "intend", "aim", "vow", "promise", "threaten", "pledge", "hope", "seek"})
NORMATIVE_AUX = frozenset({"should", "must", "ought"})
# Verbs with which the narration reports a party's rebuttal ("Mueller's office disputed the report that …").
REBUTTAL_VERBS = reporting().rebuttal
PARTY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
COPULAS = frozenset({"be", "seem", "appear", "look", "remain", "sound", "feel"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
ENTITY_LABELS = {"PERSON": "entity", "ORG": "entity", "NORP": "entity", "GPE": "place", "LOC": "place", "FAC": "place",
                 "DATE": "date", "TIME": "date", "CARDINAL": "number", "MONEY": "number", "PERCENT": "number",
                 "QUANTITY": "number"}
CONTRACTIONS = {"'re": "be", "'s": "be", "'m": "be", "'ve": "have", "'ll": "will", "'d": "would", "ca": "can", "wo": "will"}
TRIM = "\"“”‘’'«»—–-,;: "


def is_hedged(text: str) -> bool:
    return any_hedge().search(text) is not None


def denial_match(text: str) -> tuple[str, int] | None:
    """The kind of the first denial expression in the text and where it starts."""
    best = None
    for pattern, kind in denial_patterns():
        match = pattern.search(text)
        if match and (best is None or match.start() < best[1]):
            best = (kind, match.start())
    return best


def polarity_of(text: str, cue: str | None, voice: str = "quoted") -> str:
    """A speaker denies with a denial cue or denial words; an outlet's narration denies only when it
    dismisses a claim itself ("the false claim that …"), not when it reports someone's denial."""
    if cue and DENIAL_CUES.match(cue.lower()):
        return "denies"
    found = denial_match(text)
    if found is None or (voice == "own" and (found[0] == "act" or reports_a_dismissal(text, found[1]))):
        return "asserts"
    return "denies"


# "who frequently calls the media 'fake news'", "calling BuzzFeed's story 'not accurate'", "DHS issued a
# report that Russian media is spreading false allegations": the narration reports someone's dismissal;
# the words are theirs (in quotation marks, named by a verb of calling, or in a that-clause of speech)


def reports_a_dismissal(text: str, at: int) -> bool:
    before = text[:at]
    opened = sum(before.count(m) for m in "“«") - sum(before.count(m) for m in "”»") > 0 or before.count('"') % 2 == 1
    return opened or bool(naming_verbs_pattern().search(before[-80:])) or bool(reported_content_pattern().search(before))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start] in TRIM or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in TRIM or text[end - 1].isspace()):
        end -= 1
    return start, end


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))


# --------------------------------------------------------------------------- propositions


def clause_cuts(sentence, columns: TokenColumns | None = None) -> list[int]:
    """Character offsets where a new proposition starts inside a sentence.

    A verb coordinated with another verb starts a proposition when it has a
    subject of its own; so does "that" clause coordinated with another one
    ("said A and that B"). A semicolon ends one. ``columns`` are the sentence's
    doc's ``TokenColumns`` (only the tokens they single out are then read).
    """
    doc = sentence.doc
    columns = columns or TokenColumns.of(doc)
    verbal, heads, conj, semicolon = columns.verbal, columns.heads, columns.conj, columns.semicolon
    cuts = []
    for i in range(sentence.start, sentence.end):
        if conj[i] and verbal[i] and verbal[heads[i]]:
            token = doc[i]
            if in_relative_clause(token):
                continue  # "X, who chairs the panel and who led the inquiry, …" describes X inside one proposition
            if any(child.dep_ in SUBJECT_DEPS for child in token.children) or any(
                child.dep_ == "mark" and child.lower_ == "that" for child in token.children
            ):
                # cut before the conjunction ("…, and Stanford forced him …"), so the clause before it
                # does not end on "and"; the next one drops it (strip_connective)
                before = doc[token.left_edge.i - 1] if token.left_edge.i > sentence.start else None
                cuts.append(before.idx if before is not None and before.dep_ == "cc" else token.left_edge.idx)
        elif semicolon[i] and i + 1 < sentence.end:
            cuts.append(doc[i + 1].idx)
    return sorted(set(c for c in cuts if sentence.start_char < c < sentence.end_char))


def in_relative_clause(verb) -> bool:
    """A verb coordinated inside a relative clause: its first conjunct is a "relcl"/"acl", or its
    subject is a relative pronoun ("and who spearheaded …")."""
    first = verb
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return first.dep_ in ("relcl", "acl") or any(c.dep_ in SUBJECT_DEPS and c.tag_ in ("WP", "WDT") for c in verb.children)


def cuts_of(parsed: ParsedArticle, sentence) -> list[int]:
    """``clause_cuts`` of one of the doc's sentences, found once however often it is asked."""
    key = (sentence.start, sentence.end)
    found = parsed.cuts.get(key)
    if found is None:
        found = parsed.cuts[key] = clause_cuts(sentence, parsed.tokens)
    return found


def pieces_of(parsed: ParsedArticle, start: int, end: int, max_sentences: int | None = None) -> list[tuple[int, int, object]]:
    """The propositions inside [start, end): (start, end, sentence) per clause."""
    out = []
    sentences = parsed.sentences_in(start, end)
    if max_sentences is not None:
        sentences = sentences[:max_sentences]
    for sentence in sentences:
        left, right = max(start, sentence.start_char), min(end, sentence.end_char)
        bounds = [left] + [c for c in cuts_of(parsed, sentence) if left < c < right] + [right]
        for a, b in zip(bounds, bounds[1:]):
            out.append((a, b, sentence))
    return out


def strip_connective(parsed: ParsedArticle, text: str, start: int, end: int) -> int:
    """A proposition cut off a coordination starts after its connective ("and that", "but"); a
    demonstrative "that" stays ("and that's why we are here", "That account differs …")."""
    match = re.match(r"(?:(?:and|but|or|yet|so|while)\b\s*)?(?:(?P<that>that)\b\s*)?", text[start:end], re.I)
    cut = match.end()
    if match.group("that"):
        token = parsed.token_at(start + match.start("that"))
        if token is not None and token.tag_ == "DT":  # a demonstrative, not the complementiser or a relative pronoun
            cut = match.start("that")
    return start + cut if cut and words(text[start + cut:end]) >= 3 else start


def head_of(parsed: ParsedArticle, start: int, end: int):
    """The main verb of a piece: the highest verb whose head lies outside the piece (or the root)."""
    span = parsed.doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    columns = parsed.tokens
    verbal, heads = columns.verbal, columns.heads
    first, last = span.start, span.end
    best = None
    for i in range(first, last):
        if not verbal[i]:
            continue
        depth, node = 0, i
        while heads[node] != node and first <= heads[node] < last:
            node, depth = heads[node], depth + 1
        if best is None or depth < best[0]:
            best = (depth, i)
    return parsed.doc[best[1]] if best else span.root


def subject_span(head, article: Article, start: int, end: int) -> Span | None:
    """The verb's subject inside the claim, or the claim's opening noun phrase ("Ukraine of staging …")."""
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None:
        a, b = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
    else:
        first = head.doc.char_span(start, end, alignment_mode="expand")
        if first is None or not len(first) or first[0].pos_ not in ("PROPN", "NOUN", "DET"):
            return None
        noun = first[0]
        while noun.head.i != noun.i and first.start <= noun.head.i < first.end and noun.head.pos_ in ("PROPN", "NOUN"):
            noun = noun.head
        a, b = noun.left_edge.idx, noun.idx + len(noun.text)
    a, b = max(a, start), min(b, end)
    if b <= a:
        return None
    return Span(article_id=article.id, start=a, end=b, text=article.text[a:b])


def predicate_of(head, text: str, voice: str, question: bool, subject: Span | None = None) -> Predicate | None:
    if head is None:
        return None
    children = list(head.children)
    lemma = CONTRACTIONS.get(head.lemma_.lower().replace("’", "'"), head.lemma_.lower())
    if lemma in COPULAS:
        complement = next((c for c in children if c.dep_ in ("acomp", "attr", "oprd")), None)
        if complement is not None:
            lemma = f"{lemma} {complement.lemma_.lower()}"
    negated = any(c.dep_ == "neg" or c.lower_ in ("never", "no longer") for c in children)
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if question:
        modality = "questioned"
    elif auxes & FUTURE_AUX or "going" in auxes or (head.lemma_ in INTENT_VERBS and any(c.dep_ == "xcomp" for c in children)):
        modality = "predicted"
    elif auxes & HEDGE_AUX or is_hedged(text):
        modality = "hedged"
    elif voice == "quoted":
        modality = "reported"
    else:
        modality = "asserted"
    return Predicate(lemma=lemma, negated=negated, modality=modality, subject=subject)


def number_value(ent) -> str | None:
    """A number as digits: '1,200' → '1200', 'three' → '3', '2.5 million' → '2500000'."""
    text = ent.text.lower().replace(",", "")
    match = re.search(r"\d+(?:\.\d+)?", text)
    if match:
        value = float(match.group())
    else:
        word = next((w for w in re.findall(r"[a-z]+", text) if w in _num_words), None)
        if word is None:
            return None
        value = float(_num_words.index(word)) if _num_words.index(word) <= 20 else float((_num_words.index(word) - 18) * 10)
    for scale, factor in (("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12)):
        if scale in text:
            value *= factor
    return f"{value:g}" if value < 1e15 else None


def number_unit(ent) -> str | None:
    if ent.label_ == "PERCENT":
        return "percent"
    if ent.label_ == "MONEY":
        symbol = next((t.text for t in ent if t.text in "$€£¥"), None)
        return {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}.get(symbol or "", "money")
    head = ent.root.head
    if head.pos_ == "NOUN" and head.i >= ent.end:
        return head.lemma_.lower()
    return None


def arguments_of(parsed: ParsedArticle, article_id: str, text: str, start: int, end: int) -> list[Argument]:
    out = []
    for ent in parsed.ents_in(start, end):
        kind = ENTITY_LABELS.get(ent.label_)
        if kind is None:
            continue
        argument = Argument(article_id=article_id, start=ent.start_char, end=ent.end_char, text=text[ent.start_char:ent.end_char], kind=kind)
        if kind == "number":
            argument.value = number_value(ent)
            argument.unit = number_unit(ent)
            if argument.value is None:
                continue
        elif kind == "date":
            argument.value = ent.text
        out.append(argument)
    return out


def inverted(first, head) -> bool:
    """A question that lost its mark: the piece opens on the auxiliary of its own main verb, before
    the subject ("Was the attack meant to disrupt the parade."); "Had he known, he would …" opens on
    another clause's auxiliary."""
    if first is None or head is None or first.pos_ != "AUX" or first.is_title is False:
        return False
    if first.i != head.i and not (first.head.i == head.i and first.dep_ in ("aux", "auxpass")):
        return False
    if first.i == head.i and first.lemma_.lower() == "be":
        return True  # no statement opens on its own main verb "be" (the parser may find no subject after it)
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > first.i for c in head.children)


def kind_of(text: str, head, voice: str, question: bool) -> str:
    if question:
        return "question"
    if procedural_patterns().search(text):
        return "procedural"
    if voice == "quoted":
        return "statement"
    if head is not None and is_evaluation(head):
        return "evaluation"
    if head is not None and any(c.dep_ in SUBJECT_DEPS and c.lower_ in ("i", "we", "you") for c in head.children):
        # "If I could solve all these problems …, I would", "you have the power to stop deportations":
        # someone's words without their marks, not an event the outlet reports
        return "statement"
    return "event"


def is_evaluation(head) -> bool:
    """Own-voice judgement rather than a report: "This is a disgrace", "Congress should act"."""
    children = list(head.children)
    if any(c.dep_ == "aux" and c.lower_ in NORMATIVE_AUX for c in children):
        return True
    if head.lemma_.lower() not in COPULAS:
        return False
    lexicon = subjectivity()
    for complement in (c for c in children if c.dep_ in ("acomp", "attr")):
        for token in complement.subtree:
            if token.pos_ == "ADJ" and lexicon.get(token.lower_, (0.0, 0.0))[1] >= 0.6:
                return True
    return False


# --------------------------------------------------------------------------- claims


def make_claim(parsed: ParsedArticle, article: Article, start: int, end: int, *, holder: EntityRef, voice: str,
               cue: str | None = None, quote: Quote | None = None, question: bool = False) -> Claim | None:
    text = article.text
    start, end = trim(text, start, end)
    start = strip_connective(parsed, text, start, end)
    start, end = trim(text, start, end)
    piece = text[start:end]
    polarity = polarity_of(piece, cue, voice)
    # a short denial ("denied any involvement") is a claim; other fragments are not
    if words(piece) < (1 if polarity == "denies" else MIN_WORDS):
        return None
    head = head_of(parsed, start, end)
    question = question or piece.endswith("?") or inverted(parsed.token_at(start), head)
    if bare_attribution(head, start, end):
        return None  # "the president said on Twitter.": who spoke, not what was said
    hedged = is_hedged(piece) or (cue or "").lower() in HEDGED_CUES
    return Claim(
        id=claim_id(article.id, start, end), article_id=article.id, start=start, end=end, text=piece,
        holder=holder, voice=voice, polarity=polarity, hedged=hedged,
        kind=kind_of(piece, head, voice, question),
        quote_id=quote.id if quote is not None else None,
        predicate=predicate_of(head, piece, voice, question, subject_span(head, article, start, end) if head is not None else None),
        arguments=arguments_of(parsed, article.id, text, start, end),
    )


def quoted_claims(parsed: ParsedArticle, article: Article, quotes: list[Quote]) -> list[Claim]:
    claims = []
    for quote in quotes:
        if quote.speaker is None:
            continue
        holder = EntityRef(entity_id=quote.speaker.entity_id, name=quote.speaker.name)
        question = bool(getattr(quote, "is_question", False)) or asked_about(parsed, quote)
        limit = None if quote.kind == "indirect" else MAX_SENTENCES_PER_QUOTE
        pieces = [(start, end) for start, end, _ in pieces_of(parsed, quote.start, quote.end, limit)]
        cue = quote.cue_span
        if (quote.kind == "indirect" and cue is not None and cue.end <= quote.start and DENIAL_CUES.match((quote.cue or "").lower())
                and words(article.text[quote.start:quote.end]) < MIN_WORDS and "\n" not in article.text[cue.start:quote.end]):
            pieces = [(cue.start, quote.end)]  # "denied any involvement", not "any involvement"
        for start, end in pieces:
            claim = make_claim(parsed, article, start, end, holder=holder, voice="quoted", cue=quote.cue, quote=quote,
                               question=question)
            if claim is not None:
                claims.append(claim)
    return claims


SAYING_VERBS = reporting().saying


def bare_attribution(head, start: int, end: int) -> bool:
    """A verb of saying whose words lie outside the piece: the piece holds no other verb."""
    if head is None or head.lemma_.lower() not in SAYING_VERBS:
        return False
    tokens = [t for t in head.sent if start <= t.idx < end]
    verbs = [t for t in tokens if t.pos_ in ("VERB", "AUX")]
    verb_below = any(t.i != head.i and t.head.i == head.i for t in verbs)
    clause = any(t.dep_ in ("ccomp", "relcl", "acl") for t in tokens)
    return len(verbs) <= 1 and not verb_below and not clause


QUESTION_VERBS = reporting().question


def asked_about(parsed: ParsedArticle, quote: Quote) -> bool:
    """The words are what someone was asked about, not what they said: "Asked if Moscow believed
    the United States was behind the attack, Peskov said …" gives Moscow no claim."""
    if quote.cue_span is None:
        return False
    cue = parsed.token_at(quote.cue_span.start)
    if cue is None:
        return False
    return (any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in cue.children)
            and cue.head.i != cue.i and cue.head.lemma_.lower() in QUESTION_VERBS)


def own_claims(parsed: ParsedArticle, article: Article, quotes: list[Quote]) -> list[Claim]:
    """Own-voice propositions; a sentence that mostly reports speech is left to its quote."""
    text = article.text
    covered = sorted([(q.start, q.end) for q in quotes] + [(p.start, p.end) for p in article.embedded_posts if p.end is not None])
    cues = sorted(q.cue_span.start for q in quotes if q.cue_span is not None)
    holder = EntityRef(name=article.outlet or f"article {article.id[:8]}")
    claims = []
    for sentence in parsed.sentences:
        if "\n" in text[sentence.start_char:sentence.end_char].strip():
            continue
        if not any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj") for t in sentence):
            continue  # headlines without a verb, datelines, captions
        for start, end, _ in pieces_of(parsed, sentence.start_char, sentence.end_char):
            a, b = trim(text, start, end)
            if b <= a:
                continue
            # "X disputed a report by Y that P": X's rejection, beside Y's P (a quote of its own)
            claim = rebuttal(parsed, article, a, b)
            if claim is not None:
                claims.append(claim)
                continue
            inside = sum(max(0, min(e, b) - max(s, a)) for s, e in covered if s < b and e > a)
            first_cue = bisect_left(cues, a)
            has_cue = first_cue < len(cues) and cues[first_cue] < b
            if inside / (b - a) > (0.2 if has_cue else 0.4):
                continue  # the piece reports someone's speech: the quote is the claim
            claim = make_claim(parsed, article, a, b, holder=holder, voice="own")
            if claim is not None:
                claims.append(claim)
    return claims


def rebuttal(parsed: ParsedArticle, article: Article, start: int, end: int) -> Claim | None:
    """"X disputed/rejected the report that P": X's denial of P, reported by the narration.

    The claim is what is denied (the verb's object), held by the named subject."""
    head = head_of(parsed, start, end)
    if head is None or head.lemma_.lower() not in REBUTTAL_VERBS:
        return None
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    obj = next((c for c in head.children if c.dep_ in ("dobj", "ccomp")), None)
    if subject is None or obj is None:
        return None
    # the subject itself ("Varnia's Interior Ministry"), its name in apposition ("Mr. Pence's chief of staff,
    # Marc Short"), else the party it is a part of ("the Kremlin's spokesman")
    named = [e for e in parsed.ents_in(subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)) if e.label_ in PARTY_LABELS]
    ent = (next((e for e in named if e.start <= subject.i < e.end), None)
           or next((e for e in named if e.root.head.i == subject.i and e.root.dep_ == "appos"), None)
           or next((e for e in named if e.root.head.i == subject.i), None))
    if ent is None:
        return None
    if all(t.pos_ in ("PROPN", "DET", "PUNCT", "CCONJ", "ADP") or t.ent_type_ for t in obj.subtree):
        return None  # "Trump contradicted CDC Director Robert Redfield": whom it rebuts, not what (the disagreement stage reads it)
    a = obj.left_edge.idx
    b = obj.right_edge.idx + len(obj.right_edge.text)
    claim = make_claim(parsed, article, a, min(b, end), holder=EntityRef(name=ent.text), voice="quoted", cue=head.text)
    if claim is not None:
        claim.holder_span = Span(article_id=article.id, start=ent.start_char, end=ent.end_char, text=article.text[ent.start_char:ent.end_char])
        claim.kind = "statement"
    return claim


def without_nested(claims: list[Claim]) -> list[Claim]:
    """A claim inside a longer claim of the same holder repeats it (a partial quote inside reported speech)."""
    out: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (c.start, -c.end)):
        if out and claim.end <= out[-1].end and claim.holder.name == out[-1].holder.name:
            continue
        out.append(claim)
    return out


def extract_claims(article: Article, doc, quotes: list[Quote], *, parsed: ParsedArticle | None = None) -> list[Claim]:
    """``parsed``: the article's index of ``doc``, built here when not given."""
    parsed = parsed if parsed is not None else ParsedArticle(doc)
    claims = {c.id: c for c in quoted_claims(parsed, article, quotes) + own_claims(parsed, article, quotes)}
    return sorted(without_nested(list(claims.values())), key=lambda c: (c.start, c.end))
