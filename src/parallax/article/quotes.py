"""Quotes and their speakers in one article.

Three kinds, each with provenance (character offsets into ``Article.text``):
- direct: words inside quotation marks that someone said (partial quotes
  included); a short marked phrase with no speaker is a scare quote and is
  kept apart (``analysis.extras["scare_quotes"]``), not counted as speech;
- unmarked: verbatim speech whose marks were lost ("We are already on the
  edge, Ryabkov told Channel 1." / "Peskov said: Without a doubt, ...");
- indirect: reported speech with an explicit speaker ("Peskov said such
  decisions are not made in Kiev", "according to TASS, ...", "X denied ...").
Speech inside embedded posts is attributed to the post's author.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from parallax.article.attribution import (
    TITLE_WORDS,
    ACCUSATION_VERBS,
    DENIAL_VERBS,
    STANCE_OBJECT_VERBS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    WEAK_VERBS,
    find_channel,
    is_cue,
    phrase_span,
    subject_of,
)
from parallax.article.quote_marks import MarkedSpan, find_marked_spans
from parallax.model import Article, EntityRef, Quote, Span

SCARE_QUOTE_MAX_WORDS = 4
DOCUMENT_NOUNS = frozenset({"statement", "report", "release", "document", "post", "tweet", "letter", "notice", "communique", "transcript", "message"})
SECOND_PERSON = frozenset({"you", "your", "yours", "yourself"})


def quote_id(article_id: str, start: int, end: int) -> str:
    return "q" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:12]


@dataclass
class Speaker:
    name: str
    start: int
    end: int
    label: str  # PERSON, ORG, GPE, NORP or NOUN (unresolved description)
    role: str | None = None


@dataclass
class Found:
    start: int
    end: int
    kind: str
    cue: str | None
    cue_span: tuple[int, int] | None
    speaker: Speaker | None
    channel: str | None
    in_post: bool = False
    subject: object | None = None  # the cue's subject token, re-resolved in text order
    inherited: bool = False  # speaker taken from the quote before (split or running quotes)
    inverted: bool = False  # the words come before the cue ("..., Kirby said.")


@dataclass
class ArticleContext:
    article: Article
    doc: object
    sentences: list = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    people: dict[str, str] = field(default_factory=dict)  # surname (lower) → fullest name
    roles: dict[str, str] = field(default_factory=dict)  # fullest name → role
    genders: dict[str, str] = field(default_factory=dict)  # fullest name → "m" / "f", from evidence in the text
    person_names: set[tuple[int, int]] = field(default_factory=set)  # entity spans spaCy mislabelled that name people
    posts: list = field(default_factory=list)
    marked: list[tuple[int, int]] = field(default_factory=list)  # quotation-mark spans (outer)

    def quoted(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.marked)

    def sentence_at(self, offset: int):
        for sent in self.sentences:
            if sent.start_char <= offset < sent.end_char:
                return sent
        return self.sentences[-1] if self.sentences else None

    def paragraph_of(self, offset: int) -> int:
        for index, (start, end) in enumerate(self.paragraphs):
            if start <= offset <= end:
                return index
        return -1

    def post_at(self, offset: int):
        for post in self.posts:
            if post.start is not None and post.start <= offset < post.end:
                return post
        return None


# --------------------------------------------------------------------------- names and roles


def clean_name(text: str) -> str:
    """A name without possessive, article or leading titles ("Spokeswoman Irina Solak" → "Irina Solak")."""
    text = re.sub(r"(?:'s|’s|')$", "", text.strip())
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    words = text.split()
    while len(words) > 1 and words[0].lower() in TITLE_WORDS and words[1].lower() != "of":
        words = words[1:]
    return " ".join(words).strip(" ,.;:")


PERSON_TITLES = TITLE_WORDS - {"foreign", "defense", "defence", "interior", "finance", "energy", "health", "vice",
                               "former", "acting", "press", "national", "security", "state", "head", "chief", "general"}


def looks_like_person(ent, role: str | None) -> bool:
    """spaCy sometimes labels "ministry spokeswoman Irina Solak" ORG: a name behind a personal title is a person."""
    if ent.label_ == "PERSON":
        return True
    if ent.label_ not in ("ORG", "GPE", "NORP") or not 2 <= len(ent) <= 3 or not all(t.pos_ == "PROPN" for t in ent):
        return False
    return bool(role) and role.split()[-1].lower().rstrip(".") in {w.rstrip(".") for w in PERSON_TITLES}


def collect_people(ctx: ArticleContext) -> None:
    """Fullest name per surname, and roles from titles and appositions."""
    doc = ctx.doc
    for ent in doc.ents:
        role = role_of(ent)
        if not looks_like_person(ent, role):
            continue
        name = clean_name(ent.text)
        tokens = name.split()
        if not tokens:
            continue
        if ent.label_ != "PERSON":
            ctx.person_names.add((ent.start_char, ent.end_char))
        key = tokens[-1].lower()
        if len(name) > len(ctx.people.get(key, "")):
            ctx.people[key] = name
        full = ctx.people[key]
        if role and full not in ctx.roles:
            ctx.roles[full] = role


MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d", re.I)


def role_of(ent) -> str | None:
    """Title words before a name ("Kremlin spokesman") or an apposition after it."""
    role = _role_of(ent)
    if role and (MONTH.search(role) or "@" in role or not re.search(r"[A-Za-z]{3}", role)):
        return None
    return role


def _role_of(ent) -> str | None:
    doc = ent.doc
    left = ent.start
    # "Varnia's Energy Minister", "Dostrian foreign ministry spokeswoman": the country is part of the role.
    while left > 0 and (
        (doc[left - 1].dep_ in ("compound", "amod", "nmod") and doc[left - 1].pos_ in ("PROPN", "NOUN", "ADJ"))
        or (doc[left - 1].dep_ == "case" and left > 1 and doc[left - 2].dep_ == "poss" and doc[left - 2].pos_ == "PROPN")
    ):
        left -= 2 if doc[left - 1].dep_ == "case" else 1
    if left < ent.start:
        words = doc[left:ent.start].text
        if any(t.pos_ == "NOUN" or t.text.istitle() for t in doc[left:ent.start]):
            return words
    root = ent.root
    # "Its foreign ministry spokeswoman, Irina Solak": the name is in apposition to the title.
    head = root.head
    if root.dep_ == "appos" and head.i < root.i and head.pos_ == "NOUN" and head.lower_ in TITLE_WORDS:
        words = [t for t in doc[head.left_edge.i:head.i + 1] if t.dep_ not in ("det", "poss", "punct")]
        if words:
            return doc[words[0].i:head.i + 1].text
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            span = doc[child.left_edge.i:child.right_edge.i + 1]
            if any(e.label_ in ("DATE", "TIME") for e in span.ents):
                continue
            # a handle or a bracketed aside is not a role
            if len(span) <= 15 and re.search(r"[A-Za-z]{3}", span.text) and not re.search(r"[@()\[\]]", span.text):
                return re.sub(r"^(?:the|a|an)\s+", "", span.text, flags=re.I)
    return None


def full_name(ctx: ArticleContext, name: str) -> str:
    tokens = name.split()
    if not tokens:
        return name
    # "Mr. Peskov", "Peskov" → the fullest form this article uses.
    key = tokens[-1].lower()
    candidate = ctx.people.get(key)
    if candidate and len(candidate) >= len(name):
        return candidate
    return name


# --------------------------------------------------------------------------- speakers


def speaker_from_token(ctx: ArticleContext, token, previous: list[Found]) -> Speaker | None:
    """Resolve the subject of a cue to a speaker."""
    doc = ctx.doc
    # "the grid operator VoltNet said": the name in apposition speaks
    if token.pos_ == "NOUN":
        token = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), token)
    lower = token.text.lower()
    if token.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        if lower in FIRST_PERSON:
            post = ctx.post_at(token.idx)
            if post and post.author:
                return Speaker(post.author, token.idx, token.idx + len(token.text), "PERSON")
            return None
        return antecedent(ctx, token, previous, person=lower in PERSON_PRONOUNS)
    start, end = phrase_span(token)
    ent = None
    for e in doc.ents:
        if e.start <= token.i < e.end:
            ent = e
            break
    if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
        name = clean_name(ent.text)
        if ent.label_ == "PERSON":
            name = full_name(ctx, name)
        role = ctx.roles.get(name) or (doc.text[start:ent.start_char].strip() or None)
        return Speaker(name, ent.start_char, ent.end_char, ent.label_, role)
    if token.pos_ == "PROPN":
        name = clean_name(doc.text[start:end])
        resolved = full_name(ctx, name)
        # a capitalised name spaCy did not tag is most often a person's ("Mukasey said")
        label = "PERSON" if resolved != name or name.split()[-1].lower() in ctx.people or (not name.isupper() and len(name.split()) <= 3) else "ORG"
        return Speaker(resolved, start, end, label)
    # A description: "the spokesman", "the statement", "officials", "the ministry".
    bare = all(child.dep_ == "det" for child in token.children) and token.tag_ == "NN"
    if token.lemma_.lower() in DOCUMENT_NOUNS and bare:
        # "the statement said" → the body that issued it; the same statement as before keeps its issuer.
        for earlier in reversed(previous):
            if earlier.subject is not None and earlier.subject.lemma_ == token.lemma_ and earlier.speaker and earlier.start < token.idx:
                return Speaker(earlier.speaker.name, token.idx, token.idx + len(token.text), earlier.speaker.label, earlier.speaker.role)
        issuer = issuer_of(ctx, token)
        if issuer is not None:
            return issuer
        issuer = recent_speaker(previous, token.idx, labels=("ORG", "GPE"))
        if issuer:
            return Speaker(issuer.name, token.idx, token.idx + len(token.text), issuer.label, issuer.role)
    by_role = speaker_by_role(ctx, token)
    if by_role:
        return by_role
    # "the businessman said", "the 46-year-old said": a definite description of one person
    # points back like a pronoun does
    if refers_to_a_person(token):
        earlier = antecedent(ctx, token, previous, person=True)
        if earlier is not None:
            return Speaker(earlier.name, start, end, "PERSON", earlier.role)
    name = clean_name(doc.text[start:end])
    return Speaker(name, start, end, "NOUN") if name else None


INSTITUTION_NOUNS = frozenset(
    """ministry government agency company firm department office group administration committee council court party
    campaign state country city county report study survey poll statement organization organisation association union
    board commission bureau service police army military team newspaper paper network station channel website site
    magazine outlet broadcaster university institute center centre foundation bank fund authority regime embassy""".split()
)


REPORTING_CORE = frozenset({"say", "tell", "deny", "claim", "state", "announce", "insist", "add", "report", "reject",
                            "dismiss", "accuse", "write", "tweet", "post", "declare"})


def refers_to_a_person(token) -> bool:
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() in INSTITUTION_NOUNS | DOCUMENT_NOUNS:
        return False
    if not any(child.dep_ == "det" and child.lower_ == "the" for child in token.children):
        return False
    return not any(child.pos_ == "PROPN" for child in token.children)


def issuer_of(ctx: ArticleContext, token) -> Speaker | None:
    """Who issued "the statement": the agent or subject where it was first mentioned
    ("a statement shared by the Kremlin press service", "the ministry issued a statement")."""
    doc = ctx.doc
    lemma = token.lemma_.lower()
    for earlier in reversed(doc[: token.i]):
        if earlier.lemma_.lower() != lemma or ctx.quoted(earlier.idx):
            continue
        candidates = []
        for sub in earlier.subtree:
            if sub.dep_ == "agent" or (sub.lower_ == "by" and sub.dep_ == "prep"):
                candidates += [c for c in sub.children if c.dep_ == "pobj"]
        head = earlier.head
        candidates += [c for c in head.children if c.dep_ == "nsubj" and c.i != earlier.i]
        for candidate in candidates:
            start, end = phrase_span(candidate)
            name = clean_name(doc.text[start:end])
            if name:
                return Speaker(name, token.idx, token.idx + len(token.text), "ORG")
    for ent in reversed(doc.ents):
        if ent.end_char <= token.idx and token.idx - ent.end_char < 400 and ent.label_ in ("ORG", "GPE") and not ctx.quoted(ent.start_char):
            return Speaker(clean_name(ent.text), token.idx, token.idx + len(token.text), ent.label_)
    return None


def speaker_by_role(ctx: ArticleContext, token) -> Speaker | None:
    """"the spokesman" → the earlier person whose role has that word."""
    if token.pos_ != "NOUN" or token.tag_ in ("NNS",):
        return None
    lemma = token.lemma_.lower()
    best = None

    def heads(role: str) -> bool:
        # the head noun of the role: "ministry spokeswoman" is a spokeswoman, not a ministry
        words = role.lower().replace(",", " ").split()
        return any(w.rstrip(".") == lemma and (i == len(words) - 1 or words[i + 1] in ("at", "of", "for", "in", "to"))
                   for i, w in enumerate(words))

    for name, role in ctx.roles.items():
        if heads(role):
            position = ctx.article.text.find(name)
            if 0 <= position < token.idx and (best is None or position > best[0]):
                best = (position, name, role)
    if best is None:
        # A description before the name ("the energy minister said ... Energy Minister Jane Doe told ...").
        for name, role in ctx.roles.items():
            if heads(role):
                position = ctx.article.text.find(name, token.idx)
                if position >= 0 and ctx.paragraph_of(position) - ctx.paragraph_of(token.idx) <= 3:
                    if best is None or position < best[0]:
                        best = (position, name, role)
    if best:
        return Speaker(best[1], token.idx, token.idx + len(token.text), "PERSON", best[2])
    return None


def recent_speaker(previous: list[Found], before: int, labels=("PERSON",)) -> Speaker | None:
    for found in reversed(previous):
        if found.speaker and found.start < before and found.speaker.label in labels:
            return found.speaker
    return None


def antecedent(ctx: ArticleContext, token, previous: list[Found], person: bool) -> Speaker | None:
    """Nearest compatible earlier speaker (number and, for people, gender agree),
    else the nearest compatible earlier named mention."""
    labels = ("PERSON",) if person else ("ORG", "GPE", "NORP", "PERSON")
    gender = PERSON_PRONOUNS.get(token.lower_)

    def compatible(name: str) -> bool:
        known = ctx.genders.get(name)
        return gender is None or known is None or known == gender

    paragraph = ctx.paragraph_of(token.idx)
    # A person named as the subject of a later sentence than the last speaker is the
    # likelier referent ("Ban Ki-moon condemned the test. 'We must act,' he said.").
    subject_ent = None
    if person:
        for ent in reversed(ctx.doc.ents):
            if ent.end_char <= token.idx and ent.label_ == "PERSON" and not ctx.quoted(ent.start_char):
                # the subject of a main clause, not of a clause inside it ("… who Ali was")
                if ent.root.dep_ in ("nsubj", "nsubjpass") and ent.root.head.dep_ in ("ROOT", "conj") \
                        and paragraph - ctx.paragraph_of(ent.start_char) <= 1:
                    if compatible(full_name(ctx, clean_name(ent.text))):
                        subject_ent = ent
                        break
    for found in reversed(previous):
        if found.speaker and found.start < token.idx and found.speaker.label in labels:
            if paragraph - ctx.paragraph_of(found.start) > 2:
                break
            if compatible(found.speaker.name):
                if subject_ent is not None and subject_ent.start_char > max(found.start, found.speaker.start):
                    break
                return Speaker(found.speaker.name, token.idx, token.idx + len(token.text), found.speaker.label, found.speaker.role)
    if subject_ent is not None:
        name = full_name(ctx, clean_name(subject_ent.text))
        return Speaker(name, token.idx, token.idx + len(token.text), "PERSON", ctx.roles.get(name))
    wanted = {"PERSON"} if person else {"ORG", "GPE", "NORP"}
    for ent in reversed(ctx.doc.ents):
        if ent.end_char <= token.idx and ent.label_ in wanted and not ctx.quoted(ent.start_char):
            name = clean_name(ent.text)
            if ent.label_ == "PERSON":
                name = full_name(ctx, name)
                if not compatible(name):
                    continue
            return Speaker(name, token.idx, token.idx + len(token.text), ent.label_, ctx.roles.get(name))
    return None


FEMALE_WORDS = frozenset("""ms. ms mrs. mrs miss madam spokeswoman chairwoman congresswoman businesswoman councilwoman
    actress mother wife daughter sister queen princess grandmother widow woman girl lady""".split())
MALE_WORDS = frozenset("""mr. mr sir spokesman chairman congressman businessman councilman father husband son brother
    king prince grandfather widower man boy""".split())


def infer_genders(ctx: ArticleContext) -> None:
    """Each person's gender from this article's own evidence: honorifics and gendered
    titles next to the name (strong), and which pronouns follow their mentions."""
    doc = ctx.doc
    votes: dict[str, dict[str, int]] = {}
    people = [e for e in doc.ents if e.label_ == "PERSON" or (e.start_char, e.end_char) in ctx.person_names]
    for ent in people:
        name = full_name(ctx, clean_name(ent.text))
        if not name:
            continue
        tally = votes.setdefault(name, {"m": 0, "f": 0})
        window = [t.lower_ for t in doc[max(0, ent.start - 3):ent.start]] + [t.lower_ for t in ent]
        tally["f"] += 3 * sum(w in FEMALE_WORDS for w in window)
        tally["m"] += 3 * sum(w in MALE_WORDS for w in window)
    # A subject pronoun usually points to the last person named before it in the same or previous sentence.
    sentence_of = {}
    for number, sent in enumerate(ctx.sentences):
        for t in sent:
            sentence_of[t.i] = number
    for token in doc:
        gender = PERSON_PRONOUNS.get(token.lower_)
        if gender is None:
            continue
        before = [e for e in people if e.end <= token.i and sentence_of.get(token.i, 0) - sentence_of.get(e.start, -9) <= 1]
        if before:
            name = full_name(ctx, clean_name(before[-1].text))
            if name in votes:
                votes[name][gender] += 1
    for name, tally in votes.items():
        if tally["m"] >= 2 * tally["f"] + 1:
            ctx.genders[name] = "m"
        elif tally["f"] >= 2 * tally["m"] + 1:
            ctx.genders[name] = "f"


# --------------------------------------------------------------------------- cues


def cues_in(sent, exclude: list[tuple[int, int]]):
    """Reporting cues in a sentence that lie outside the excluded (quoted) ranges."""
    for token in sent:
        if any(a <= token.idx < b for a, b in exclude):
            continue
        if is_cue(token):
            yield token


def according_to(sent, exclude):
    """"according to X" → (token 'according', speaker head token)."""
    for token in sent:
        if token.lower_ == "according" and not any(a <= token.idx < b for a, b in exclude):
            for child in token.children:
                if child.lower_ == "to":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            return token, obj
    return None


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
    return Speaker(full_name(ctx, clean_name(name.title() if name.isupper() else name)), line_start + match.start(1), line_start + match.end(1), "PERSON")


DASH_SIGNATURE = re.compile(
    r"[^\S\n]*(?P<dash>[―—–]|--?)[^\S\n]*(?P<name>[A-Z][\w.’'-]*(?:[^\S\n]+(?:[A-Z][\w.’'-]*|de|van|von|da|al))"
    r"{0,4})[^\S\n]*[.,]?[^\S\n]*(?=\n|$)"
)


def attribute(ctx: ArticleContext, start: int, end: int, outer: tuple[int, int], previous: list[Found]):
    """(cue text, cue span, speaker, channel) for speech at [start, end), or None."""
    doc = ctx.doc
    first = ctx.sentence_at(outer[0])
    last = ctx.sentence_at(max(outer[0], outer[1] - 1))
    if first is None:
        return None
    window = [s for s in ctx.sentences if s.start_char >= first.start_char and s.end_char <= last.end_char] or [first]
    exclude = [outer]
    best = None
    # A cue that governs the quoted words (a partial quote inside reported speech) wins; the outermost one.
    inside = doc.char_span(start, end, alignment_mode="expand")
    if inside is not None and len(inside):
        governing = None
        short = word_count(doc.text[start:end]) <= SCARE_QUOTE_MAX_WORDS
        if short and re.search(r"\b(?:so-called|so called|self-styled|self-proclaimed|supposed|alleged)\s*$", doc.text[max(0, outer[0] - 20):outer[0]], re.I):
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
        # The parser often splits '"…?" Graham asked.' after the mark: a short sentence
        # right behind the quote is its attribution.
        index = ctx.sentences.index(last) if last in ctx.sentences else -1
        following = ctx.sentences[index + 1] if 0 <= index < len(ctx.sentences) - 1 else None
        if following is not None and not doc.text[outer[1]:following.start_char].strip() and len(following) <= 12:
            for cue in cues_in(following, exclude):
                subject = subject_of(cue)
                if subject is not None and not ctx.quoted(subject.idx):
                    return cue.text, (cue.idx, cue.idx + len(cue.text)), speaker_from_token(ctx, subject, previous), subject
        # '"…" ― Pamela Padilla': a dash and a name after the closing mark, as under a pull quote.
        dash = DASH_SIGNATURE.match(doc.text, outer[1])
        if dash:
            name = dash.group("name").strip()
            start = dash.start("name")
            return "—", (dash.start("dash"), dash.end("dash")), Speaker(name, start, start + len(name), "PERSON"), None
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
        index = ctx.sentences.index(first) if first in ctx.sentences else -1
        if index > 0:
            before = ctx.sentences[index - 1]
            if before.text.rstrip().endswith(":") and 0 <= ctx.paragraph_of(outer[0]) - ctx.paragraph_of(before.start_char) <= 1:
                for cue in cues_in(before, []):
                    subject = subject_of(cue)
                    if subject is not None:
                        return cue.text, (cue.idx, cue.idx + len(cue.text)), speaker_from_token(ctx, subject, previous), subject
                for token in before:
                    if token.dep_ == "nsubj":
                        return ":", (before.end_char - 1, before.end_char), speaker_from_token(ctx, token, previous), token
        return None
    _, cue, subject = best
    return cue.text, (cue.idx, cue.idx + len(cue.text)), speaker_from_token(ctx, subject, previous), subject


# --------------------------------------------------------------------------- the three kinds


def word_count(text: str) -> int:
    return len(re.findall(r"\w+(?:['’]\w+)?", text))


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
                speaker = Speaker(post.author, post.start, post.start, "PERSON")
                found.append(Found(span.start, span.end, "direct", "posted", None, speaker, None, True))
                continue
            # Split and running quotes: the speaker of the quote just before, in this or the previous paragraph.
            previous = found[-1] if found else None
            if previous is not None and previous.speaker and 0 <= ctx.paragraph_of(span.start) - ctx.paragraph_of(previous.end) <= 1:
                found.append(Found(span.start, span.end, "direct", previous.cue, previous.cue_span, previous.speaker, previous.channel, in_post, inherited=True))
            else:
                found.append(Found(span.start, span.end, "direct", None, None, None, None, in_post))
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
        found.append(Found(span.start, span.end, "direct", cue, cue_span, speaker, channel, in_post, subject))


def covered(ranges: list[tuple[int, int]], start: int, end: int, share: float = 0.5) -> bool:
    length = max(1, end - start)
    overlap = sum(max(0, min(end, b) - max(start, a)) for a, b in ranges)
    return overlap / length >= share


def clause_span(token) -> tuple[int, int]:
    tokens = [t for t in token.subtree if t.dep_ != "mark" or t.i != token.left_edge.i]
    doc = token.doc
    left = min(t.i for t in tokens)
    right = max(t.i for t in tokens)
    while left <= right and (doc[left].is_punct or doc[left].dep_ == "mark"):
        left += 1
    while right >= left and (doc[right].is_punct or doc[right].is_space or doc[right].like_url or "twitter.com/" in doc[right].text):
        right -= 1
    if right < left:
        return token.idx, token.idx
    return doc[left].idx, doc[right].idx + len(doc[right].text)


def is_first_person(token, words: frozenset = FIRST_PERSON) -> bool:
    """A first-person pronoun (the country "US" is not "us")."""
    return token.pos_ == "PRON" and token.lower_ in words


def has_person_marker(doc, start: int, end: int, words: frozenset) -> bool:
    return any(is_first_person(t, words) for t in doc.char_span(start, end, alignment_mode="expand") or [])


def reported_speech(ctx: ArticleContext, found: list[Found], marked: list[tuple[int, int]]) -> None:
    """Unmarked and indirect speech: cues with an explicit subject and a content clause."""
    doc = ctx.doc
    text = ctx.article.text
    taken = [(f.start, f.end) for f in found]
    new: list[Found] = []
    for sent in ctx.sentences:
        if covered(marked, sent.start_char, sent.end_char, 0.6):
            continue
        for cue in cues_in(sent, marked):
            subject = subject_of(cue)
            if subject is None or any(a <= subject.idx < b for a, b in marked):
                continue
            content = None
            colon_after = re.match(r"\s*:\s*", text[cue.idx + len(cue.text):cue.idx + len(cue.text) + 3])
            if colon_after:
                start = cue.idx + len(cue.text) + colon_after.end()
                p_index = ctx.paragraph_of(start)
                end = ctx.paragraphs[p_index][1] if p_index >= 0 else sent.end_char
                while end > start and text[end - 1] in " .\n":
                    end -= 1
                if end - start > 10 and not covered(marked, start, end, 0.3):
                    content = (start, end, "unmarked", False)
            if content is None:
                for child in cue.children:
                    if child.dep_ in ("ccomp", "xcomp") and child.pos_ in ("VERB", "AUX") or child.dep_ == "ccomp":
                        if is_cue(child) and child.lemma_.lower() in REPORTING_CORE and subject_of(child) is not None:
                            continue  # "X says ...; Y denies ...": another speaker's report, not this content
                        start, end = clause_span(child)
                        if end - start < 12 or covered(marked, start, end, 0.5):
                            continue
                        inverted = child.i < cue.i
                        # "said A, and that B": the second reported clause hangs on the cue too
                        for extra in cue.children:
                            if extra.dep_ == "conj" and extra.i > child.i and any(m.dep_ == "mark" and m.lower_ == "that" for m in extra.children):
                                end = max(end, clause_span(extra)[1])
                        verbatim = inverted and has_person_marker(doc, start, end, FIRST_PERSON | SECOND_PERSON)
                        content = (start, end, "unmarked" if verbatim else "indirect", inverted)
                        break
            if content is None and cue.lemma_.lower() in ACCUSATION_VERBS | DENIAL_VERBS | STANCE_OBJECT_VERBS:
                objects = [c for c in cue.children if c.dep_ in ("dobj", "prep", "ccomp", "pcomp") and c.i > cue.i]
                if objects:
                    left = min(t.i for o in objects for t in o.subtree)
                    right = max(t.i for o in objects for t in o.subtree)
                    while right >= left and doc[right].is_punct:
                        right -= 1
                    start, end = doc[left].idx, doc[right].idx + len(doc[right].text)
                    # "denied involvement" is a whole denial; an accusation needs its content
                    minimum = 2 if cue.lemma_.lower() in DENIAL_VERBS else 3
                    if word_count(text[start:end]) >= minimum and not covered(marked, start, end, 0.5):
                        content = (start, end, "indirect", False)
            if content is None:
                continue
            start, end, kind, inverted = content
            while end > start and text[end - 1].isspace():
                end -= 1
            if covered(taken, start, end, 0.5):
                continue
            speaker = speaker_from_token(ctx, subject, found + new)
            if speaker is None or speaker.label == "NOUN" and speaker.name.lower() in ("it", "this", "that"):
                continue
            channel = find_channel(sent.text, (start - sent.start_char, end - sent.start_char))
            new.append(Found(start, end, kind, cue.text, (cue.idx, cue.idx + len(cue.text)), speaker, channel, ctx.post_at(start) is not None, subject, inverted))
            taken.append((start, end))
        # "according to X, ..." with a non-speech main verb.
        hit = according_to(sent, marked)
        if hit and not covered(taken, sent.start_char, sent.end_char, 0.3):
            token, obj = hit
            phrase_tokens = list(token.subtree)
            a = min(t.i for t in phrase_tokens)
            b = max(t.i for t in phrase_tokens)
            rest = [t for t in sent if not (a <= t.i <= b) and not t.is_punct]
            if len(rest) >= 4:
                start = rest[0].idx
                end = rest[-1].idx + len(rest[-1].text)
                speaker = speaker_from_token(ctx, obj, found + new)
                if speaker:
                    new.append(Found(start, end, "indirect", "according to", (token.idx, token.idx + 12), speaker, None, ctx.post_at(start) is not None))
                    taken.append((start, end))
    found.extend(new)
    nominal_speech(ctx, found, marked)


NOUN_CUES = frozenset({"claim", "accusation", "allegation", "assertion", "warning", "statement", "argument", "belief",
                       "view", "suggestion", "insistence", "denial", "promise", "pledge", "charge", "contention"})


def nominal_speech(ctx: ArticleContext, found: list[Found], marked: list[tuple[int, int]]) -> None:
    """Speech carried by a noun with an owner: "Moscow's claim that Kyiv acted alone",
    "the accusation by the Kremlin that ..." (the owner speaks, the that-clause is the content)."""
    doc = ctx.doc
    taken = [(f.start, f.end) for f in found]
    for token in doc:
        if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES or ctx.quoted(token.idx):
            continue
        clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl")
                       and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
        if owner is None:
            by = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "by"), None)
            owner = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
        if clause is None or owner is None:
            continue
        start, end = clause_span(clause)
        if end - start < 12 or covered(marked, start, end, 0.5) or covered(taken, start, end, 0.5):
            continue
        speaker = speaker_from_token(ctx, owner, found)
        if speaker is None:
            continue
        sent = ctx.sentence_at(token.idx)
        channel = find_channel(sent.text, (start - sent.start_char, end - sent.start_char)) if sent is not None else None
        found.append(Found(start, end, "indirect", token.text, (token.idx, token.idx + len(token.text)), speaker, channel,
                           ctx.post_at(start) is not None, owner, False))
        taken.append((start, end))


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


def extend_unmarked(ctx: ArticleContext, found: list[Found], marked: list[tuple[int, int]]) -> None:
    """Lost-mark speech often fills the paragraph around ", Kirby said." and the next one.

    For speech placed before its cue, the paragraph's earlier sentences join it
    when the paragraph opens in the first person and attributes nothing else;
    first-person sentences after the cue continue it; so does a following
    paragraph of first-person speech with no attribution of its own. Such a
    run is verbatim speech: it becomes an unmarked quote.
    """
    doc = ctx.doc
    text = ctx.article.text
    additions: list[Found] = []
    for quote in [f for f in found if f.kind == "unmarked" or (f.kind == "indirect" and f.inverted)]:
        p_index = ctx.paragraph_of(quote.start)
        if p_index < 0:
            continue
        p_start, p_end = ctx.paragraphs[p_index]
        before = [s for s in ctx.sentences if p_start <= s.start_char and s.end_char <= quote.start + 1]
        if before and not covered(marked, p_start, quote.start, 0.2):
            if speaks_in_first_person(before[:1]) and not own_cues(before, marked):
                quote.start = before[0].start_char
                quote.kind = "unmarked"
        cue_end = quote.cue_span[1] if quote.cue_span else quote.end
        after = [s for s in ctx.sentences if s.start_char >= cue_end and s.end_char <= p_end + 1 and s.start_char < p_end]
        after = [s for s in after if s.text.strip()]
        if after and not covered(marked, after[0].start_char, p_end, 0.2) and speaks_in_first_person(after[:1]) and not own_cues(after, marked):
            end = after[-1].end_char
            while end > after[0].start_char and text[end - 1] in " .\n":
                end -= 1
            additions.append(Found(after[0].start_char, end, "unmarked", quote.cue, quote.cue_span, quote.speaker, quote.channel, quote.in_post, quote.subject))
            quote.kind = "unmarked"
        if quote.kind != "unmarked" or p_index + 1 >= len(ctx.paragraphs):
            continue
        n_start, n_end = ctx.paragraphs[p_index + 1]
        span = doc.char_span(n_start, n_end, alignment_mode="expand")
        if span is None or covered(marked, n_start, n_end, 0.2):
            continue
        sentences = [s for s in ctx.sentences if n_start <= s.start_char < n_end]
        opens_first = any(is_first_person(t) for t in list(span)[:12])
        if opens_first and not own_cues(sentences, marked) and not any(f.start >= n_start and f.end <= n_end for f in found):
            end = n_end
            while end > n_start and text[end - 1] in " .":
                end -= 1
            additions.append(Found(n_start, end, "unmarked", quote.cue, quote.cue_span, quote.speaker, quote.channel, quote.in_post, quote.subject))
    found.extend(additions)


def post_bodies(ctx: ArticleContext, found: list[Found]) -> None:
    """The body of an embedded post is its author's words."""
    for post in ctx.posts:
        if not post.text or post.start is None or not post.author:
            continue
        start = post.start
        end = start + len(post.text)
        body = ctx.article.text[start:end]
        body = re.sub(r"\s*(?:pic\.twitter\.com/\S+|https?://t\.co/\S+)\s*$", "", body)
        end = start + len(body.rstrip())
        if end <= start or covered([(f.start, f.end) for f in found], start, end, 0.6):
            continue
        speaker = Speaker(post.author, start, start, "PERSON", None)
        found.append(Found(start, end, "direct", "posted", None, speaker, "@" + post.handle if post.handle else None, True))


def resolve_in_text_order(ctx: ArticleContext, found: list[Found]) -> None:
    """Pronouns and descriptions point back to the speakers before them in the text,
    so they are resolved again once every quote is known, in reading order."""
    found.sort(key=lambda f: (f.start, f.end))
    for index, item in enumerate(found):
        if item.inherited:
            earlier = [f for f in found[:index] if f.speaker is not None and f.end <= item.start]
            if earlier and ctx.paragraph_of(item.start) - ctx.paragraph_of(earlier[-1].end) <= 1:
                item.speaker, item.cue, item.cue_span, item.channel = earlier[-1].speaker, earlier[-1].cue, earlier[-1].cue_span, earlier[-1].channel
            continue
        token = item.subject
        if token is None or token.pos_ not in ("PRON", "NOUN"):
            continue
        before = [f for f in found[:index] if f.start < token.idx]
        speaker = speaker_from_token(ctx, token, before)
        if speaker is not None:
            item.speaker = speaker


# --------------------------------------------------------------------------- entry point


def extract_quotes(article: Article, doc, extras: dict | None = None) -> list[Quote]:
    """All quotes of one article, in text order, with speakers resolved within the article."""
    text = article.text
    ctx = ArticleContext(article=article, doc=doc, sentences=list(doc.sents), posts=list(article.embedded_posts))
    ctx.paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)]
    collect_people(ctx)
    spans = find_marked_spans(text)
    ctx.marked = [(s.open_mark, s.outer_end) for s in spans]
    infer_genders(ctx)
    found: list[Found] = []
    scare: list[tuple[int, int]] = []
    direct_quotes(ctx, spans, found, scare)
    marked = [(s.open_mark, s.outer_end) for s in spans]
    reported_speech(ctx, found, marked)
    extend_unmarked(ctx, found, marked)
    post_bodies(ctx, found)
    resolve_in_text_order(ctx, found)
    if extras is not None:
        extras["scare_quotes"] = sorted(scare)
        extras["speaker_roles"] = dict(sorted(ctx.roles.items()))
        extras["person_spans"] = sorted(ctx.person_names)
    quotes = []
    seen = set()
    for f in sorted(found, key=lambda f: (f.start, f.end)):
        if (f.start, f.end) in seen or f.end <= f.start:
            continue
        seen.add((f.start, f.end))
        speaker = speaker_span = None
        if f.speaker is not None:
            speaker = EntityRef(name=f.speaker.name)
            if f.speaker.end > f.speaker.start:
                speaker_span = Span(article_id=article.id, start=f.speaker.start, end=f.speaker.end, text=text[f.speaker.start:f.speaker.end])
        cue_span = None
        if f.cue_span:
            cue_span = Span(article_id=article.id, start=f.cue_span[0], end=f.cue_span[1], text=text[f.cue_span[0]:f.cue_span[1]])
        quotes.append(
            Quote(
                id=quote_id(article.id, f.start, f.end),
                article_id=article.id,
                start=f.start,
                end=f.end,
                text=text[f.start:f.end],
                kind=f.kind,
                speaker=speaker,
                speaker_span=speaker_span,
                cue=f.cue,
                cue_span=cue_span,
                channel=f.channel,
                in_embedded_post=f.in_post,
            )
        )
    return quotes
