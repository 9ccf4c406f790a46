"""Who speaks: names, roles and genders found in the article, and the
resolution of a cue's subject (a name, a pronoun, a description, a document)
to the person or body it stands for.

A speaker is resolved to the fullest name this article uses for that person;
pronouns and role nouns ("the spokesman") go back to the nearest compatible
earlier speaker or named subject.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from itertools import islice

from parallax.article.quotes.context import ArticleContext
from parallax.article.quotes.cues import (
    BELIEF_VERBS,
    DOCUMENT_NOUNS,
    FINDING_VERBS,
    FIRST_PERSON,
    SECOND_PERSON,
    SPEECH_VERBS as REPORTING_WORDS,
    is_cue,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PERSON_TITLES,
    REPORTING_CORE,
    TITLE_WORDS,
    phrase_span,
)
from parallax.article.quotes.found import Found, Speaker, earlier
from parallax.article.quotes.marks import fills_marks
from parallax.lexicons.speech import speaker_words
from parallax.names import INSTITUTION_WORDS, given_name_sex, plain_name

# things that carry words but are nobody: a quote they "say" has no speaker unless their issuer is known
# (a court's papers too: "said the ruling" names no judge, and the nearest body named is a guess)
NOT_SPEAKERS = DOCUMENT_NOUNS | speaker_words().not_speaker


def speaks_for_nobody(speaker: Speaker | None, subject) -> bool:
    """"the report said", "his apology read": a document or a show whose issuer is unknown speaks for nobody."""
    return speaker is not None and speaker.label == "NOUN" and subject is not None and subject.lemma_.lower() in NOT_SPEAKERS
INSTITUTION_NOUNS = speaker_words().institution
FEMALE_WORDS = speaker_words().female
MALE_WORDS = speaker_words().male
_PERSON_TITLE_STEMS = {w.rstrip(".") for w in PERSON_TITLES}
# abbreviated titles as the descriptions that point back to them say them ("Sen. Vale" … "the senator")
ABBREVIATED = {"sen.": "Senator", "gov.": "Governor", "rep.": "Representative", "gen.": "General", "dr.": "Doctor",
               "prof.": "Professor", "lt.": "Lieutenant", "sec.": "Secretary", "pres.": "President"}
MONTH = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d", re.I)
# how far back (in paragraphs) a pronoun or description looks for its referent
PRONOUN_REACH = 2
# how many earlier quotes / entities a lookup examines at most (keeps long articles linear)
LOOK_BACK = 50
LOOK_BACK_ENTITIES = 200


# --------------------------------------------------------------------------- names and roles


_CUE_STEMS = {v[:-1] if v.endswith("e") else v for v in REPORTING_WORDS}


def without_fused_cue(ent, name: str) -> str:
    """"Stated Stone", "Said Ellis": an inverted cue the tagger took into the name."""
    words = name.split()
    if len(words) < 2:
        return name
    # (an inflected form only: "Hope Hicks" is no "hoped Hicks")
    first = words[0].lower()
    if first.endswith(("s", "d")) and first.rstrip("s").rstrip("ed") in _CUE_STEMS \
            or len(ent) > 1 and ent[0].lemma_.lower() in REPORTING_WORDS and ent[0].text == words[0] and first != ent[0].lemma_.lower():
        return name.split(" ", 1)[1]
    return name


def looks_like_person(ent, role: str | None, alone: frozenset[str] = frozenset()) -> bool:
    """spaCy sometimes labels "ministry spokeswoman Irina Solak" ORG: a name behind a personal title is a person;
    so is "Carly Fiorina" tagged ORG, a given name and a surname that the article also uses alone
    (``alone``: words written as a name by themselves, "Fiorina said")."""
    if ent.label_ == "PERSON":
        return True
    if ent.label_ not in ("ORG", "GPE", "NORP") or not 1 <= len(ent) <= 3 or not all(t.pos_ == "PROPN" for t in ent):
        return False
    if len(ent) == 2 and ent[1].text in alone and given_name_sex(ent[0].text) is not None \
            and ent[1].lower_ not in INSTITUTION_WORDS and not ent.text.isupper():
        return True
    root = ent.root
    # "Priebus, the GOP chairman" (a personal title in apposition) / "Reince Priebus" with only the
    # surname tagged (a given name before it)
    if any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in _PERSON_TITLE_STEMS for c in root.children):
        return True
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    # (not a place's last word that is also a given name: "South Carolina Republican")
    if before is not None and before.pos_ == "PROPN" and before.dep_ == "compound" and before.head.i == root.i \
            and not before.ent_type_ and given_name_sex(before.text) is not None:
        return True
    return len(ent) >= 2 and bool(role) and role.split()[-1].lower().rstrip(".") in _PERSON_TITLE_STEMS


def collect_people(ctx: ArticleContext) -> None:
    """Full names per surname (two Clintons stay two people), and roles from titles and appositions."""
    mentions = []
    alone = names_alone(ctx)
    for ent in ctx.ents:
        role = role_of(ent)
        # a title in quotation marks ("Citizen Trump," a film) names a work, not the person in it
        if not looks_like_person(ent, role, alone) or fills_marks(ctx.article.text, ent.start_char, ent.end_char):
            continue
        name = without_fused_cue(ent, plain_name(ent.text))
        tokens = name.split()
        if not tokens:
            continue
        if ent.label_ != "PERSON":
            ctx.person_names.add((ent.start_char, ent.end_char))
        key = tokens[-1].lower()
        if len(name) > len(ctx.people.get(key, "")):
            ctx.people[key] = name
        mentions.append((ent, name, role))
    for ent, name, role in mentions:
        if len(name.split()) >= 2:
            ctx.namesakes.setdefault(name.split()[-1].lower(), {}).setdefault(name, []).append(ent.start_char)
    for ent, name, role in mentions:
        if len(name.split()) >= 2 and salient_subject(ctx, ent) and ent.root.dep_ != "poss":
            ctx.lead_mentions.setdefault(name.split()[-1].lower(), []).append((ent.start_char, full_name(ctx, name)))
    for full in {full for fulls in ctx.namesakes.values() for full in fulls}:
        ctx.given_names.setdefault(full.split()[0].lower(), set()).add(full)
    for ent, name, role in mentions:
        full = full_name(ctx, name, ent.start_char)
        ctx.namesakes.setdefault(full.split()[-1].lower(), {}).setdefault(full, [])
        # (a given name alone, "Tom" for Tom Ebeling, does not count as a mention of the surname: the bare
        # "Ebeling" goes to the namesake most often called by it)
        if ent.start_char not in ctx.namesakes[full.split()[-1].lower()][full] \
                and name.split()[-1].lower() == full.split()[-1].lower():
            insort(ctx.namesakes[full.split()[-1].lower()][full], ent.start_char)
        if role and full not in ctx.roles:
            ctx.roles[full] = role
        if role and role not in ctx.role_sets.setdefault(full, []):
            ctx.role_sets[full].append(role)


def names_alone(ctx: ArticleContext) -> frozenset[str]:
    """Capitalised words the article writes as a whole name by themselves ("Fiorina said"): a
    one-word entity, or a proper noun outside any entity with no proper noun beside it."""
    doc, words = ctx.doc, set()
    for ent in ctx.ents:
        if len(ent) == 1 and ent[0].pos_ == "PROPN":
            words.add(ent.text)
    for token in doc:
        if token.pos_ == "PROPN" and token.ent_type_ == "" and token.text[:1].isupper() and not token.is_sent_start \
                and not (token.i > 0 and doc[token.i - 1].pos_ == "PROPN") \
                and not (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
            words.add(token.text)
    return frozenset(words)


def role_of(ent) -> str | None:
    """Title words before a name ("Kremlin spokesman") or an apposition after it."""
    role = _role_of(ent)
    if role and (MONTH.search(role) or "@" in role or not re.search(r"[A-Za-z]{3}", role)
                 or role.lower() in ("himself", "herself", "themselves", "itself")):
        role = None
    if role is None:
        # "Judge Richard Berman", "Sen. Ruth Vale": the title inside the name is the role
        words = ent.text.split()
        titles = []
        for word in words[:-1]:
            if word.lower() not in TITLE_WORDS:
                break
            titles.append(word)
        if titles and len(titles) < len(words):
            role = " ".join(ABBREVIATED.get(t.lower(), t) for t in titles)
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
    if root.dep_ in ("dobj", "nsubjpass"):
        # "hired Jane Doe as its spokesperson", "Doe was named as chief of staff": the office given to the name
        office = next((w for c in head.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > root.i
                       for w in c.children if w.dep_ == "pobj" and w.pos_ == "NOUN"), None)
        if office is not None and (office.lemma_.lower() in _PERSON_TITLE_STEMS or office.lower_ in TITLE_WORDS):
            words = [t for t in doc[office.left_edge.i:office.i + 1] if t.dep_ not in ("det", "poss", "punct")]
            if words:
                return doc[words[0].i:office.i + 1].text
    for child in root.children:
        if child.dep_ == "appos" and child.i > root.i:
            span = doc[child.left_edge.i:child.right_edge.i + 1]
            if any(t.ent_type_ in ("DATE", "TIME") for t in span):  # (Span.ents scans every entity of the doc)
                continue
            # a handle or a bracketed aside is not a role
            if len(span) <= 15 and re.search(r"[A-Za-z]{3}", span.text) and not re.search(r"[@()\[\]]", span.text):
                return re.sub(r"^(?:the|a|an)\s+", "", span.text, flags=re.I)
    return None


def label_of(ctx: ArticleContext, ent) -> str:
    """spaCy's label, except that the surname of a person this article names is a person
    ("Bozell says" tagged ORG after "Brent Bozell")."""
    label = ent.label_
    if label == "PERSON" or (ent.start_char, ent.end_char) in ctx.person_names:
        return "PERSON"
    if label in ("ORG", "GPE", "NORP"):
        name = plain_name(ent.text)
        words = name.split()
        if 1 <= len(words) <= 2 and not name.isupper() and any(full != name for full in ctx.namesakes.get(words[-1].lower(), ())):
            return "PERSON"
    return label


def same_first_name(a: str, b: str) -> bool:
    """"Bill" and "William", "J." and "James", "Sergey" and "Sergei" can name one person."""
    from parallax.names import given_name_variants

    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    return b in given_name_variants(a)


def full_name(ctx: ArticleContext, name: str, at: int | None = None, titles: list[str] | None = None) -> str:
    """The fullest form this article uses for a name: "Mr. Peskov", "Peskov" → "Dmitry Peskov".

    A surname shared by two people ("Bill Clinton", "Hillary Clinton") goes to the one the
    title written with it fits ("Mrs. Clinton", "President Obama"), else to the one named last
    before ``at``; a name with a first name only ever joins the same first name."""
    tokens = name.split()
    if not tokens:
        return name
    key = tokens[-1].lower()
    namesakes = ctx.namesakes.get(key)
    if len(tokens) == 1 and all(full == name for full in namesakes or ()) and len(ctx.given_names.get(key, ())) == 1:
        # "Hillary" alone, when no one is so surnamed and one person this article names in full is a Hillary
        return next(iter(ctx.given_names[key]))
    if not namesakes:
        candidate = ctx.people.get(key)
        return candidate if candidate and len(candidate) >= len(name) and len(tokens) == 1 else name
    if len(tokens) >= 2:
        fitting = [full for full in namesakes if len(full) >= len(name) and full.split()[-1] == tokens[-1]
                   and same_first_name(tokens[0], full.split()[0])]
        return max(fitting, key=lambda full: (len(full), full)) if fitting else name
    if len(namesakes) == 1:
        only = next(iter(namesakes))
        # "Mr. Obama" is not the only Obama named in full when she is Michelle
        honorifics = {HONORIFIC_GENDER[t] for t in titles or () if t in HONORIFIC_GENDER}
        known = ctx.genders.get(only) or (given_name_sex(only.split()[0]) if len(only.split()) >= 2 else None)
        return name if honorifics and known not in (None, *honorifics) else only
    fitting = [full for full in namesakes if titles and title_fits(ctx, full, titles)]
    if titles and not fitting:
        # nobody known to fit: whoever the title does not rule out ("Ms. Khan", her given name unknown)
        fitting = [full for full in namesakes if title_fits(ctx, full, titles, loose=True)]
    if len(fitting) == 1:
        return fitting[0]
    pool = set(fitting or namesakes)
    if at is not None:
        # the namesake last named in full as a main subject, in this or the two paragraphs before
        # ("… Bill Clinton took the stage. 'We are ready,' Clinton said.")
        leads = [lead for lead in ctx.lead_mentions.get(key, []) if lead[1] in pool]
        i = bisect_left(leads, (at, ""))
        if i and 0 <= ctx.paragraph_of(at) - ctx.paragraph_of(leads[i - 1][0]) <= PRONOUN_REACH:
            return leads[i - 1][1]
    # a bare surname shared by two people names the main one: the most mentioned, then the first
    # named ("Clinton and her husband, former President Bill Clinton" — "Clinton said" is Hillary)
    return min(pool, key=lambda full: (-len(namesakes[full]), min(namesakes[full], default=1 << 60), -len(full), full))


def person_name(ctx: ArticleContext, ent) -> str:
    """The fullest name of the person a mention names, the titles written with it deciding
    between namesakes ("Mrs. Clinton" is Hillary, "Ms. Khan" the mother)."""
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    titles = [w for w in [before, *(t.lower_ for t in ent[:-1])] if w in TITLE_WORDS]
    return full_name(ctx, plain_name(ent.text), ent.start_char, titles)


HONORIFIC_GENDER = {"mr.": "m", "mr": "m", "sir": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f", "madam": "f"}


def title_fits(ctx: ArticleContext, full: str, titles: list[str], loose: bool = False) -> bool:
    """"Mrs." fits a woman, "President" someone whose role or name holds that word; with
    ``loose``, an honorific fits anyone not known to be of the other sex."""
    for title in titles:
        gender = HONORIFIC_GENDER.get(title)
        if gender is not None:
            known = ctx.genders.get(full) or given_name_sex(full.split()[0])
            if known != gender and not (loose and known is None):
                return False
            continue
        office = ABBREVIATED.get(title, title).lower().rstrip(".")
        if office not in (ctx.roles.get(full) or "").lower().replace(",", " ").split():
            return False
    return True


# how many pronouns of the other gender (and none of its own) overrule a given name's usual sex
GENDER_OVERRULE = 3


def infer_genders(ctx: ArticleContext) -> None:
    """Each person's gender from this article's own evidence: honorifics and gendered
    titles next to the name (strong), and which pronouns follow their mentions."""
    doc = ctx.doc
    votes: dict[str, dict[str, int]] = {}  # pronouns that follow the name
    marked: dict[str, dict[str, int]] = {}  # gendered words beside the name
    honorific_marks: dict[str, int] = {}  # how many of them are honorifics (Mr., Ms.), not job nouns
    people = [e for e in ctx.ents if label_of(ctx, e) == "PERSON"]
    names = []
    for ent in people:
        before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        honorifics = [w for w in [before, *(t.lower_ for t in ent)] if w in HONORIFIC_GENDER]
        name = full_name(ctx, plain_name(ent.text), ent.start_char, honorifics)
        names.append(name)
        if not name:
            continue
        votes.setdefault(name, {"m": 0, "f": 0})
        tally = marked.setdefault(name, {"m": 0, "f": 0})
        # a gendered word counts when it belongs to the name ("Ms. Vale", "spokesman Dmitry Peskov",
        # "his wife, Melania"), not when it merely stands near it ("Former chairman calls for Clinton")
        window = [t.lower_ for t in doc[max(0, ent.start - 3):ent.start] if t.head.i in range(ent.start, ent.end) or t.i == ent.root.head.i]
        window += [t.lower_ for t in ent]
        tally["f"] += sum(w in FEMALE_WORDS for w in window)
        tally["m"] += sum(w in MALE_WORDS for w in window)
        honorific_marks.setdefault(name, 0)
        honorific_marks[name] += sum(w in HONORIFIC_GENDER for w in window)
    # A subject pronoun usually points to the last person named before it in the same or previous sentence.
    sentence_of = [0] * len(doc)
    for number, sent in enumerate(ctx.sentences):
        for i in range(sent.start, sent.end):
            sentence_of[i] = number
    # A subject pronoun continues the last subject: only names that are subjects count ("Clinton
    # bashed Trump's proposal. She …" says nothing of Trump), and a name inside a quote is no
    # antecedent of the writer's pronouns ('"… Clinton has done …," he said').
    voters = [i for i, e in enumerate(people) if not ctx.quoted(e.start_char) and salient_subject(ctx, e)]
    ends = [people[i].end for i in voters]
    for token in doc:
        gender = PERSON_PRONOUNS.get(token.lower_)
        # a pronoun inside a quote is the speaker's word for someone else ("Mukasey said: '… she got caught'");
        # a possessive often belongs to another noun's clause ("Melanie said to the nominee, who began his speech")
        if gender is None or ctx.quoted(token.idx) or token.dep_ not in ("nsubj", "nsubjpass"):
            continue
        last = bisect_right(ends, token.i) - 1
        if last >= 0 and sentence_of[token.i] - sentence_of[people[voters[last]].start] <= 1:
            name = names[voters[last]]
            if name in votes:
                votes[name][gender] += 1
    for name, tally in votes.items():
        # a gendered word beside the name ("Ms.", "spokeswoman") is decisive, then the given
        # name's usual sex ("Hillary", "Joe"), then which pronouns follow the name
        words = marked[name]
        if words["m"] != words["f"]:
            marked_sex = "m" if words["m"] > words["f"] else "f"
            given = given_name_sex(name.split()[0]) if len(name.split()) >= 2 else None
            # "Trump spokesman Hope Hicks": a job noun said of either sex does not overrule the given name
            # (an honorific does)
            ctx.genders[name] = given if given and given != marked_sex and not honorific_marks.get(name) else marked_sex
            continue
        # a name of one word is a given name when nobody this article names in full bears it as a
        # surname ("Melanie"; not "Carson" after "Ben Carson")
        alone = len(name.split()) == 1 and all(full == name for full in ctx.namesakes.get(name.lower(), ()))
        sex = given_name_sex(name.split()[0]) if len(name.split()) >= 2 or alone else None
        other = "f" if sex == "m" else "m"
        # the article's own pronouns overrule a given name's usual sex ("Lindsey Graham … he said … he
        # added … he warned"), but not a pronoun or two that follow the name and mean someone else
        if sex and not (tally[other] >= GENDER_OVERRULE and tally[sex] == 0):
            ctx.genders[name] = sex
            continue
        if tally["m"] >= 2 * tally["f"] + 1:
            ctx.genders[name] = "m"
        elif tally["f"] >= 2 * tally["m"] + 1:
            ctx.genders[name] = "f"


# --------------------------------------------------------------------------- speakers


def speaker_from_token(ctx: ArticleContext, token, previous: list[Found]) -> Speaker | None:
    """Resolve the subject of a cue to a speaker. ``previous``: the quotes found before it, in text order."""
    doc = ctx.doc
    # "the grid operator VoltNet said": the name in apposition speaks
    if token.pos_ == "NOUN":
        # (an "apposition" after the cue verb is a misparsed object: "officials told the Times, Washington Post …")
        token = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and not token.i < token.head.i < c.i), token)
    elif token.lower_ in TITLE_WORDS and token.ent_type_ != "PERSON":
        # "Senate Minority Leader Chuck Schumer (D-N.Y.) said": a title the parser made the head names
        # the person in apposition to it
        token = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"
                      and not token.i < token.head.i < c.i), token)
    if token.lower_ in ("who", "which", "that") and token.head.dep_ == "relcl" and token.head.head.pos_ in ("PROPN", "NOUN"):
        # "Juanita Broaddrick, who said …": the relative pronoun stands for the name its clause describes;
        # after a list ("celebrities like Will Smith and Stevie Wonder, who joked"), for the name right before it
        described = token.head.head
        before = doc[token.i - 2] if token.i >= 2 and doc[token.i - 1].text == "," else None
        if before is not None and before.ent_type_ == "PERSON" and before.i != described.i \
                and any(t.dep_ == "conj" for t in (before, described)):
            described = before
        token = described
    if token.pos_ == "NOUN" and token.lemma_.lower() in QUANTITY_NOUNS:
        # "A number of Christian pastors have vowed …", "a majority of senators say": the people counted speak
        counted = next((g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"), None)
        if counted is not None:
            token = counted
    lower = token.text.lower()
    here = (token.idx, token.idx + len(token.text))
    if lower in BARE_ONES and not any(c.dep_ == "prep" for c in token.children) and token.head.lemma_.lower() in FINDING_VERBS:
        return None  # "Another showed a rifle on a bed": one of the posts named before ("another tweeted" is a person)
    if token.ent_type_ in ("DATE", "TIME"):
        return None  # "an email from earlier this year that showed …": a time speaks for nobody
    if token.pos_ == "PRON" and lower not in PERSON_PRONOUNS and lower not in GROUP_PRONOUNS | FIRST_PERSON | SECOND_PERSON \
            and not any(c.dep_ == "prep" for c in token.children):
        # "some note that …", "many say", "others argue": an unnamed group speaks, no antecedent
        # ("some of them" / "many of the delegates" keep their own reading below); a relative
        # pronoun whose clause describes no name ("those who oppose …") names nobody
        if lower in ("who", "whom", "which", "that", "whoever", "nobody", "none", "nothing", "noone"):
            return None  # (nor does "nobody knew …")
        return Speaker(name=token.text, start=here[0], end=here[1], label="NOUN")
    if token.pos_ == "PRON" or lower in PERSON_PRONOUNS or lower in GROUP_PRONOUNS:
        if lower in FIRST_PERSON:
            post = ctx.post_at(token.idx)
            if post and post.author:
                return Speaker(name=post.author, start=here[0], end=here[1], label="PERSON")
            return None
        return antecedent(ctx, token, previous, person=lower in PERSON_PRONOUNS)
    start, end = phrase_span(token)
    ent = ctx.entity_of(token)
    if ent is not None and ent.label_ == "NORP" and label_of(ctx, ent) == "NORP" and ent.root.i == token.i \
            and any(c.dep_ == "det" for c in token.children):
        # "the Kentucky Republican said", "a Democrat said": a party or nationality word describes a person
        return member_speaker(ctx, token, previous, (start, end))
    if ent is not None and ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
        label = label_of(ctx, ent)
        name = plain_name(ent.text)
        name = without_fused_cue(ent, name)
        if ent[0].lower_ == "and" and ent.start > 0 and doc[ent.start - 1].pos_ == "PROPN":
            # "The Health and Human Services Department" tagged from "and": the name's first words come before it
            first = ent.start - 1
            while first > 0 and doc[first - 1].pos_ == "PROPN" and not doc[first - 1].is_sent_start:
                first -= 1
            name = plain_name(doc[first:ent.end].text)
        if label == "PERSON":
            titles = [w.lower() for w in ctx.article.text[start:ent.end_char].split()[:-1] if w.lower() in TITLE_WORDS]
            name = full_name(ctx, name, ent.start_char, titles)
        role = ctx.roles.get(name) or (ctx.article.text[start:ent.start_char].strip() or None)
        return Speaker(name=name, start=ent.start_char, end=ent.end_char, label=label, role=role,
                       ref=(ent.start_char, ent.end_char))
    # (a lower-case word the tagger called a proper noun is none: '"…," the senator said')
    if token.pos_ == "PROPN" and not token.text.islower() or untagged_name(token) or token.text[:1].isupper() and token.lower_ in ctx.people \
            and token.pos_ not in ("PRON", "DET") and not any(c.dep_ == "det" for c in token.children):
        # (a known surname the tagger took for another part of speech: '"…," said Skelly', and at the
        # start of a sentence: "Mayor Tom Reyes … Reyes denied taking bribes")
        name = plain_name(ctx.article.text[start:end])
        resolved = full_name(ctx, name, start)
        # a capitalised name spaCy did not tag is most often a person's ("Mukasey said")
        label = "PERSON" if resolved != name or name.split()[-1].lower() in ctx.people or (not name.isupper() and len(name.split()) <= 3) else "ORG"
        return Speaker(name=resolved, start=start, end=end, label=label, ref=(start, end))
    # A description: "the spokesman", "the statement", "officials", "the ministry".
    if token.lemma_.lower() in DOCUMENT_NOUNS:
        return document_speaker(ctx, token, previous, (start, end))
    if token.pos_ == "NOUN" and any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "another", "one") and c.i < token.i
                                    for c in token.children):
        # "one Clinton aide said", "wrote another supporter": somebody new and unnamed, not the person
        # named earlier with that role
        name = plain_name(ctx.article.text[start:end])
        return Speaker(name=name, start=start, end=end, label="NOUN") if name else None
    by_role = speaker_by_role(ctx, token)
    introduced = unnamed_introduction(ctx, token)
    if introduced is not None and (by_role is None or by_role.ref is None or by_role.ref[0] < introduced.idx):
        # "a Senate Democratic leadership aide said … '…,' the aide said": the unnamed person introduced
        # with that noun, after anyone named with it, not the nearest named person
        first, last = phrase_span(introduced)
        return Speaker(name=plain_name(ctx.article.text[first:last]), start=start, end=end, label="NOUN")
    if by_role:
        return by_role
    # "the businessman said", "the 46-year-old said": a definite description of one person
    # points back like a pronoun does
    if refers_to_a_person(token):
        referent = antecedent(ctx, token, previous, person=True)
        if referent is not None:
            return Speaker(name=referent.name, start=start, end=end, label="PERSON", role=referent.role, ref=referent.ref)
    if abstract_noun(ctx, token):
        return None
    name = plain_name(ctx.article.text[start:end])
    return Speaker(name=name, start=start, end=end, label="NOUN") if name else None


PEOPLE_NOUNS = speaker_words().people  # plural nouns of people that no other class names ("experts", "children")
QUANTITY_NOUNS = speaker_words().quantity  # "a number of pastors": the people counted speak
BARE_ONES = speaker_words().bare_one

# how many sentences back "the aide" looks for "an aide" introduced without a name
INTRODUCTION_REACH = 12


def unnamed_introduction(ctx: ArticleContext, token):
    """The earlier indefinite mention ("a Senate aide", "A spokesman for Chuck Schumer") that a
    definite description ("the aide", "the spokesman") takes up, when no name goes with it."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None
    sentence = ctx.sentence_index(token.idx)
    positions = ctx.tokens_with_lemma(token.lemma_.lower())
    for i in reversed(positions[:bisect_left(positions, token.i)]):
        earlier = ctx.doc[i]
        if sentence - ctx.sentence_index(earlier.idx) > INTRODUCTION_REACH:
            return None
        if earlier.pos_ != "NOUN" or earlier.tag_ != "NN" or ctx.quoted(earlier.idx):
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in earlier.children):
            continue
        # "an aide, John Smith," / "an aide to the senator named Ruiz" names someone
        if ctx.entity_of(earlier) is not None or any(c.dep_ in ("appos", "acl", "relcl") and any(t.pos_ == "PROPN" for t in c.subtree)
                                                     for c in earlier.children):
            return None
        return earlier
    return None


# singular nouns that stand bare for a body of people ("police said", "staff say")
COLLECTIVE_NOUNS = speaker_words().collective


def can_speak(token) -> bool:
    """A common noun that can stand for someone who speaks, or for what carries their words: a
    person, a body, a document ("a documentary", "a passion" cannot)."""
    lemma = token.lemma_.lower()
    return lemma in INSTITUTION_NOUNS | ANONYMOUS_NOUNS | COLLECTIVE_NOUNS | NOT_SPEAKERS | FEMALE_WORDS | MALE_WORDS \
        or lemma in _PERSON_TITLE_STEMS or lemma.endswith(("er", "or", "ist", "ian", "ant", "ent"))


def abstract_noun(ctx: ArticleContext, token) -> bool:
    """"History suggests …": a singular common noun standing alone (nothing before it, no phrase
    after it) that names neither a person nor a body of people speaks for nobody. What a thing
    shows stays a finding it holds ("Video shows …"), and a surname the tagger took for a common
    noun ("Trump knows …") is a name."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lower_ in ctx.people or token.head.lemma_.lower() in FINDING_VERBS \
            or any(c.i < token.i or c.dep_ in ("appos", "prep", "acl", "relcl") for c in token.children):
        return False
    return lemma not in INSTITUTION_NOUNS | ANONYMOUS_NOUNS | COLLECTIVE_NOUNS | NOT_SPEAKERS | FEMALE_WORDS | MALE_WORDS \
        and lemma not in _PERSON_TITLE_STEMS and not lemma.endswith(("er", "or", "ist", "ian", "ant", "ent"))


def document_speaker(ctx: ArticleContext, token, previous, span: tuple[int, int]) -> Speaker | None:
    """"the ministry's statement", "a memo that Navarro wrote", "the statement said": a document
    speaks for whoever issued it, named on it, where it was first mentioned, or as the body
    that spoke just before; a document whose issuer the article does not give is nobody."""
    here = (token.idx, token.idx + len(token.text))
    owner = document_owner(ctx, token)
    if owner is not None:
        return owner.at(*span)
    sender = next((w for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for w in c.children
                   if w.dep_ == "pobj" and w.pos_ == "NOUN" and w.tag_ == "NN"), None)
    if sender is not None and not any(c.dep_ == "amod" and c.tag_ == "VBN" for c in token.children):
        # "a letter from the staff association", "Thursday's memo from the panel": a body unnamed issued it
        first, last = phrase_span(sender)
        name = plain_name(ctx.article.text[first:last])
        if name:
            return Speaker(name=name, start=span[0], end=span[1], label="NOUN")
    pronoun = next((c for c in token.children if c.dep_ == "poss" and (c.lower_ in PERSON_PRONOUNS or c.lower_ in ("their", "its"))), None)
    if pronoun is not None:
        # "his campaign finance documents": the person the pronoun stands for
        owner = speaker_from_token(ctx, pronoun, previous)
        return owner.at(*span) if owner is not None else None
    if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in token.children):
        # "a court document": a document first mentioned here is no earlier one's
        return finding_holder(ctx, token, span)
    # the same document as before keeps its issuer
    for before in islice(earlier(previous, token.idx), LOOK_BACK):
        if before.subject is not None and before.subject.lemma_ == token.lemma_ and before.speaker:
            return before.speaker.at(*here)
    issuer = issuer_of(ctx, token, guess=False)
    if issuer is not None:
        return issuer
    # "the statement said" with no issuer traced: the body named or speaking just before
    # (only for one definite document: "reports" and "production notes for the film" name nobody)
    definite = token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children) \
        and all(c.dep_ == "det" or c.dep_ == "amod" and c.pos_ == "ADJ" for c in token.children)
    issuer = issuer_of(ctx, token) or recent_speaker(previous, token.idx, labels=("ORG", "GPE")) if definite else None
    if issuer is not None:
        return issuer.at(*here)
    return finding_holder(ctx, token, span)


def finding_holder(ctx: ArticleContext, token, span: tuple[int, int]) -> Speaker | None:
    """"the transcript shows …", "the emails suggest …": what a document shows is a finding it
    holds, written as the document; what it says has no speaker."""
    if token.dep_ == "nsubj" and token.head.lemma_.lower() in FINDING_VERBS | BELIEF_VERBS:
        name = plain_name(ctx.article.text[span[0]:span[1]])
        return Speaker(name=name, start=span[0], end=span[1], label="NOUN") if name else None
    return None


def member_speaker(ctx: ArticleContext, token, previous, span: tuple[int, int]) -> Speaker:
    """"the Kentucky Republican": the person introduced as one ("Rep. Trey Gowdy, South Carolina
    Republican"), else the person the description points back to like "the senator"; "a
    Republican" is somebody unnamed, a description."""
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)
    if definite:
        by_role = speaker_by_role(ctx, token, fitting_only=True)
        if by_role is not None:
            return by_role
        referent = antecedent(ctx, token, previous, person=True)
        if referent is not None:
            return Speaker(name=referent.name, start=span[0], end=span[1], label="PERSON", role=referent.role, ref=referent.ref)
    return Speaker(name=plain_name(ctx.article.text[span[0]:span[1]]), start=span[0], end=span[1], label="NOUN")


def untagged_name(token) -> bool:
    """A capitalised word mid-sentence that the tagger took for a common noun ("D’Souza replied");
    right after a quote's closing mark is mid-sentence too ('"…?" Hannity pressed')."""
    return token.pos_ == "NOUN" and token.text[:1].isupper() and not token.text.isupper() \
        and (not token.is_sent_start or after_closing_mark(token)) \
        and not any(c.dep_ == "det" for c in token.children) and token.lower_ not in TITLE_WORDS


def after_closing_mark(token) -> bool:
    """The token follows a quotation's closing mark, with no stop between ('"…?" Hannity pressed')."""
    return token.i > 0 and token.doc[token.i - 1].text in ("”", "\"", "''", "’")


# descriptions of unnamed people: "the source said" points back to nobody named; nor does "the
# aide" or "the spokesman", who speak for someone else (the person named nearest is the principal)
# unless the article names them with that role
ANONYMOUS_NOUNS = speaker_words().anonymous


def refers_to_a_person(token) -> bool:
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.lemma_.lower() in INSTITUTION_NOUNS | NOT_SPEAKERS | ANONYMOUS_NOUNS:
        return False
    if not any(child.dep_ == "det" and child.lower_ == "the" for child in token.children):
        return False
    # (a place or party before an office still describes one person: "the Florida senator")
    return token.lemma_.lower() in _PERSON_TITLE_STEMS or not any(child.pos_ == "PROPN" for child in token.children)


def document_owner(ctx: ArticleContext, token) -> Speaker | None:
    """"a Times article", "the ministry's statement": the body or person named on a document issued it."""
    owner = next((c for c in token.children if c.dep_ in ("compound", "poss") and c.pos_ == "PROPN"
                  and c.ent_type_ in ("ORG", "GPE", "NORP", "PERSON")), None)
    if owner is None:
        # "a new report by Politico", "an email from the president of the AFL-CIO": its author or sender
        owner = next((w for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from") for w in c.children
                      if w.dep_ == "pobj" and named_in_phrase(w)), None)
        owner = named_in_phrase(owner) if owner is not None else None
    if owner is None:
        # "a court document filed by state attorney Dave Aronberg": the agent of a participle of writing
        # ("an email obtained by The Huffington Post" is not the paper's)
        owner = next((w for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in AUTHORING
                      for a in c.children if a.dep_ == "agent"
                      for w in a.children if w.dep_ == "pobj" and w.pos_ == "PROPN" and w.ent_type_ in ("ORG", "PERSON")), None)
    if owner is None and token.dep_ == "dobj" and token.head.lemma_.lower() in AUTHORING | {"post", "share", "put", "tweet"}:
        # "Trump sent out tweets saying …", "the ministry issued a statement calling …": the one who issued it
        owner = next((c for c in token.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"
                      and c.ent_type_ in ("ORG", "PERSON", "GPE")), None)
    if owner is None:
        # "a second memo that Mr. Navarro wrote": the writer named in the clause describing it
        owner = next((w for c in token.children if c.dep_ == "relcl" for w in c.children
                      if w.dep_ == "nsubj" and w.pos_ == "PROPN" and w.ent_type_ in ("ORG", "PERSON")), None)
    # "leaked Pentagon documents" were not issued to be read: the body they are from is not speaking
    if owner is None or any(c.dep_ == "amod" and c.tag_ == "VBN" for c in token.children):
        return None
    ent = ctx.entity_of(owner)
    if ent is None:
        return None
    label = label_of(ctx, ent)
    name = plain_name(ent.text)
    if label == "PERSON":
        name = full_name(ctx, name, ent.start_char)
    return Speaker(name=name, start=ent.start_char, end=ent.end_char, label=label, role=ctx.roles.get(name),
                   ref=(ent.start_char, ent.end_char)) if name else None


# verbs whose agent wrote or issued a document ("filed by", "written by", "released by")
AUTHORING = frozenset({"write", "file", "sign", "issue", "release", "publish", "send", "author", "submit", "draft", "prepare", "pen"})


def named_in_phrase(token):
    """The person or body a phrase names: itself when it is a name, else the name it is of
    ("the president of the AFL-CIO" names the AFL-CIO when no person is named)."""
    if token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "PERSON", "GPE"):
        return token
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    inner = next((w for w in of.children if w.dep_ == "pobj"), None) if of is not None else None
    if inner is not None and inner.pos_ == "NOUN":  # "of the AFL-CIO labor federation"
        inner = next((c for c in inner.children if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    return inner if inner is not None and inner.pos_ == "PROPN" and inner.ent_type_ in ("ORG", "PERSON", "GPE") else None


def issuer_of(ctx: ArticleContext, token, guess: bool = True) -> Speaker | None:
    """Who issued "the statement": the agent or subject where it was first mentioned
    ("a statement shared by the Kremlin press service", "the ministry issued a statement");
    with ``guess``, else the nearest body named before it."""
    doc = ctx.doc
    here = (token.idx, token.idx + len(token.text))
    lemma = token.lemma_.lower()
    earlier_tokens = ctx.tokens_with_lemma(lemma)
    for i in reversed(earlier_tokens[: bisect_right(earlier_tokens, token.i - 1)]):
        earlier = doc[i]
        if ctx.quoted(earlier.idx):
            continue
        owner = document_owner(ctx, earlier)
        if owner is not None:
            return owner.at(*here)
        candidates = []
        for sub in earlier.subtree:
            if sub.dep_ == "agent" or (sub.lower_ == "by" and sub.dep_ == "prep") \
                    or (sub.lower_ == "from" and sub.dep_ == "prep" and sub.head.i == earlier.i):  # "a letter from the association"
                candidates += [c for c in sub.children if c.dep_ == "pobj"]
        head = earlier.head
        candidates += [c for c in head.children if c.dep_ == "nsubj" and c.i != earlier.i]
        for candidate in candidates:
            start, end = phrase_span(candidate)
            name = plain_name(ctx.article.text[start:end])
            if name:
                return Speaker(name=name, start=here[0], end=here[1], label="ORG", ref=(start, end))
    for ent in ctx.ents_before(token.idx) if guess else ():
        if token.idx - ent.end_char >= 400:
            break
        if ent.label_ in ("ORG", "GPE") and not ctx.quoted(ent.start_char):
            return Speaker(name=plain_name(ent.text), start=here[0], end=here[1], label=ent.label_, ref=(ent.start_char, ent.end_char))
    return None


def speaker_by_role(ctx: ArticleContext, token, fitting_only: bool = False) -> Speaker | None:
    """"the spokesman" → the earlier person whose role has that word; with ``fitting_only``, only
    one whose role has the description's modifiers too ("the Kentucky Republican")."""
    if token.pos_ not in ("NOUN", "PROPN") or token.tag_ in ("NNS", "NNPS") or token.pos_ == "PROPN" and not fitting_only \
            and not token.text.islower():
        return None
    lemma = token.lemma_.lower()
    best = None

    def heads(role: str) -> bool:
        # the head noun of the role: "ministry spokeswoman" is a spokeswoman, not a ministry
        words = [ABBREVIATED.get(w, w).lower() for w in role.lower().replace(",", " ").split()]
        return any(w.rstrip(".") in (lemma, lemma + "s") and (i == len(words) - 1 or words[i + 1] in ("at", "of", "for", "in", "to"))
                   for i, w in enumerate(words))

    # every role written with a name counts ("Vermont Sen. Bernie Sanders" … "Sanders, the chief rival")
    holders = [(name, role) for name, roles in ctx.role_sets.items() for role in roles if heads(role)]
    # "the former president": a holder whose role has the description's modifiers too; when nobody
    # known has them, the description points back like "he" does ("Bill Clinton bashed Sanders. '…,'
    # the former president said" is not Vice President Biden)
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod") and c.pos_ in ("ADJ", "NOUN", "PROPN")}
    fitting = [(name, role) for name, role in holders if modifiers <= set(role.lower().replace(",", " ").split())]
    if modifiers and not fitting and not fitting_only:
        # "the Senate Democratic leader" for "Senate Minority Leader Harry M. Reid": some of them
        fitting = [(name, role) for name, role in holders if modifiers & set(role.lower().replace(",", " ").split())]
    if modifiers or fitting_only:
        holders = fitting
    for name, role in holders:
        # the holder mentioned last before the description ("Cruz defends his bona fides …: '…,' the
        # senator says" is Cruz, not a senator introduced after him and mentioned long ago)
        position = last_mention(ctx, name, token.idx)
        if 0 <= position < token.idx and (best is None or position > best[0]):
            best = (position, name, ctx.roles.get(name) or role)
    if best is None:
        # A description before the name ("the energy minister said ... Energy Minister Jane Doe told ...").
        for name, role in holders:
            position = ctx.first_position(name, token.idx)
            if position >= 0 and ctx.paragraph_of(position) - ctx.paragraph_of(token.idx) <= 3:
                if best is None or position < best[0]:
                    best = (position, name, role)
    if best:
        position, name, role = best
        mention = ctx.token_from(position)
        ent = ctx.entity_of(mention) if mention is not None else None
        ref = (ent.start_char, ent.end_char) if ent is not None and ent.start_char == position else (position, position + len(name))
        return Speaker(name=name, start=token.idx, end=token.idx + len(token.text), label="PERSON", role=role, ref=ref)
    return None


def last_mention(ctx: ArticleContext, name: str, before: int) -> int:
    """Where the person of this fullest name was last mentioned before ``before`` (by any form
    of the name that resolves to them), or -1."""
    positions = ctx.namesakes.get(name.split()[-1].lower(), {}).get(name) if name.split() else None
    positions = positions or ctx.name_positions(name)
    i = bisect_left(positions, before)
    return positions[i - 1] if i else -1


def recent_speaker(previous: list[Found], before: int, labels=("PERSON",)) -> Speaker | None:
    for found in islice(earlier(previous, before), LOOK_BACK):
        if found.speaker and found.speaker.label in labels:
            return found.speaker
    return None


EMBEDDED_CLAUSES = frozenset({"relcl", "ccomp", "xcomp", "acl", "pcomp", "csubj", "advcl"})


def salient_subject(ctx: ArticleContext, ent) -> bool:
    """A person who is the subject of a main clause or of a reporting cue ("Mukasey said …",
    "Biden rubbished …"), or the owner of such a subject ("Sanders' apology overshadowed …")."""
    root = ent.root
    if root.dep_ == "appos" and root.head.dep_ in ("nsubj", "nsubjpass") and root.head.pos_ == "NOUN":
        root = root.head  # "The union leader Piet Vos spoke …": the name in apposition to the subject
    if root.dep_ in ("nsubj", "nsubjpass"):
        head = root.head
        # not the subject of a clause inside another ("… to explain who Ali was", "McLenney said
        # Clinton doesn't show …"), unless that clause reports speech of its own ("… said Putin told them")
        # a clause the parser hangs before the cue of a quote that follows it is a main clause of
        # its own ("Sanders weighed in with criticism: '…,' he wrote")
        fronted = head.dep_ == "ccomp" and head.i < head.head.i and is_cue(head.head)
        return head.dep_ not in EMBEDDED_CLAUSES or fronted or (is_cue(head) and head.lemma_.lower() in REPORTING_CORE
                                                                and not any(c.dep_ == "neg" for c in head.children))
    if root.dep_ == "poss" and root.head.dep_ in ("nsubj", "nsubjpass"):
        return root.head.head.dep_ in ("ROOT", "conj")
    return False


def unnamed_person_fits(token, gender: str | None) -> bool:
    """"the woman", "the official", "a spokesman": a description of one person that agrees with the pronoun's gender."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or token.tag_ != "NN" or not (lemma in ANONYMOUS_NOUNS or lemma in FEMALE_WORDS or lemma in MALE_WORDS):
        return False
    own = "f" if lemma in FEMALE_WORDS else "m" if lemma in MALE_WORDS else None
    return gender is None or own is None or own == gender


def person_antecedent(ctx: ArticleContext, token, previous, gender: str | None) -> Speaker | None:
    """Who "he" / "she" / "the businessman" is: the latest salient person before it (a main-clause
    subject or the speaker of a cue), in this or the previous two paragraphs, whose gender agrees;
    else the latest agreeing person named before it."""
    here = (token.idx, token.idx + len(token.text))
    others = named_in_own_clause(ctx, token)

    def compatible(name: str) -> bool:
        known = ctx.genders.get(name)
        return (gender is None or known is None or known == gender) and name not in others

    paragraph = ctx.paragraph_of(token.idx)
    best: tuple[int, Speaker] | None = None
    for found in islice(earlier(previous, token.idx), LOOK_BACK):
        if paragraph - ctx.paragraph_of(found.start) > PRONOUN_REACH:
            break
        speaker = found.speaker
        # a speaker who was the subject of the cue ("Bozell says"), not the owner of a claim ("Trump's claim");
        # an unnamed person ("the woman said") is an antecedent too, of the pronouns of its gender
        if speaker is None or found.subject is None or found.subject.dep_ not in ("nsubj", "nsubjpass", "pobj"):
            continue
        if speaker.label == "NOUN":
            if not unnamed_person_fits(found.subject, gender):
                continue
        elif speaker.label != "PERSON" or not compatible(speaker.name):
            continue
        position = speaker.start if speaker.end > speaker.start else found.start
        if position < token.idx and (best is None or position > best[0]):
            best = (position, speaker.at(*here))
    for ent in ctx.ents_before(token.idx):
        if best is not None and ent.start_char < best[0]:
            break
        if paragraph - ctx.paragraph_of(ent.start_char) > PRONOUN_REACH:
            break
        if ctx.quoted(ent.start_char) or label_of(ctx, ent) != "PERSON" or not salient_subject(ctx, ent):
            continue
        name = person_name(ctx, ent)
        if compatible(name):
            main = main_subject_before(ctx, ent, compatible)
            if main is not None:
                # "Carson turned the story back on the Post, pointing out that the paper's Robert Costa had
                # reported …. '…,' he said": the subject of the sentence, not of a report inside it
                ent, name = main
            best = (ent.start_char, Speaker(name=name, start=here[0], end=here[1], label="PERSON", role=ctx.roles.get(name),
                                            ref=(ent.start_char, ent.end_char)))
            break
    untagged = untagged_subject_between(ctx, token, best[0] if best is not None else -1, compatible)
    if untagged is not None:
        best = untagged
    if best is not None:
        return newly_introduced(ctx, token, best[0], compatible) or best[1]
    unnamed = unnamed_subject_before(ctx, token, gender)
    for ent in islice(ctx.ents_before(token.idx), LOOK_BACK_ENTITIES):
        if unnamed is not None and ent.start_char < unnamed.idx:
            break
        if ctx.quoted(ent.start_char) or label_of(ctx, ent) != "PERSON":
            continue
        name = person_name(ctx, ent)
        # this far from any subject, "she" needs someone known to be a woman (not merely not known to be a man)
        if compatible(name) and (gender is None or ctx.genders.get(name) == gender):
            return Speaker(name=name, start=here[0], end=here[1], label="PERSON", role=ctx.roles.get(name),
                           ref=(ent.start_char, ent.end_char))
    if unnamed is not None:
        start, end = phrase_span(unnamed)
        return Speaker(name=plain_name(ctx.article.text[start:end]), start=here[0], end=here[1], label="NOUN")
    return None


def named_in_own_clause(ctx: ArticleContext, token) -> set[str]:
    """People the subject's own clause names besides it ("the cautious candidate said of running
    against Mr. Trump", "he told Smith"): the subject is none of them."""
    verb = token.head
    if token.dep_ not in ("nsubj", "nsubjpass") or verb.i == token.i:
        return set()
    names = set()
    # its objects and prepositional phrases after the verb, not clauses hung on it ("he said after
    # prosecutor Ryan Dickey read the facts to which Lazar admitted" does not rule Lazar out)
    stack = [c for c in verb.children if c.dep_ in ("dobj", "dative", "iobj", "prep") and c.i > verb.i]
    while stack:
        t = stack.pop()
        if ctx.quoted(t.idx):
            continue
        ent = ctx.entity_of(t)
        if ent is not None and ent.root.i == t.i and label_of(ctx, ent) == "PERSON":
            names.add(person_name(ctx, ent))
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "advcl", "ccomp", "acl", "appos"))
    return names


def main_subject_before(ctx: ArticleContext, ent, compatible):
    """When ``ent`` is the subject of a clause inside its sentence, the person who is the subject of
    the sentence's main verb earlier in it, if the pronoun can be them: (entity, fullest name)."""
    root = ent.root
    if root.head.dep_ in ("ROOT", "conj") or root.head.head.i == root.head.i:
        return None
    sentence = ctx.sentence_at(ent.start_char)
    if sentence is None:
        return None
    for other in ctx.ents_before(ent.start_char):
        if other.start_char < sentence.start_char:
            return None
        head = other.root.head
        if other.root.dep_ in ("nsubj", "nsubjpass") and head.dep_ == "ROOT" and label_of(ctx, other) == "PERSON" \
                and not ctx.quoted(other.start_char):
            name = person_name(ctx, other)
            return (other, name) if compatible(name) else None
    return None


# how many sentences before a pronoun's own an untagged surname is looked for
UNTAGGED_REACH = 2


def untagged_subject_between(ctx: ArticleContext, token, since: int, compatible) -> tuple[int, Speaker] | None:
    """A person's surname the tagger left without a label, as the subject of a main clause after
    ``since`` and in the pronoun's sentence or the two before it ("Trump played down the
    expense. '…,' he posted"): the person this article names with it."""
    sentence = ctx.sentence_index(token.idx)
    if sentence < 0:
        return None
    # (sentences of the quote itself do not count: "Trump played down the expense. '…. …,' he posted")
    first, unquoted = sentence, 0
    while first > 0 and unquoted < UNTAGGED_REACH:
        first -= 1
        unquoted += not ctx.marked.covered(ctx.sentences[first].start_char, ctx.sentences[first].end_char, 0.5)
    floor = max(since, ctx.sentences[first].start_char - 1)
    for i in range(token.i - 1, -1, -1):
        candidate = ctx.doc[i]
        if candidate.idx <= floor:
            return None
        if candidate.ent_type_ or candidate.dep_ not in ("nsubj", "nsubjpass") or not candidate.text[:1].isupper() \
                or candidate.lower_ not in ctx.people or candidate.head.dep_ in EMBEDDED_CLAUSES or ctx.quoted(candidate.idx):
            continue
        name = full_name(ctx, candidate.text, candidate.idx)
        if compatible(name):
            here = (token.idx, token.idx + len(token.text))
            return candidate.idx, Speaker(name=name, start=here[0], end=here[1], label="PERSON", role=ctx.roles.get(name),
                                          ref=(candidate.idx, candidate.idx + len(candidate.text)))
    return None


def unnamed_subject_before(ctx: ArticleContext, token, gender: str | None):
    """The nearest unnamed person of the pronoun's gender who is a subject, or owns one, in this
    or the previous paragraphs ("The woman's enthusiasm is recorded in detail: '…,' she said")."""
    paragraph = ctx.paragraph_of(token.idx)
    for i in range(token.i - 1, -1, -1):
        candidate = ctx.doc[i]
        if paragraph - ctx.paragraph_of(candidate.idx) > PRONOUN_REACH:
            return None
        if ctx.quoted(candidate.idx) or not unnamed_person_fits(candidate, gender) or gender is None \
                or candidate.lemma_.lower() not in FEMALE_WORDS | MALE_WORDS:
            continue
        if candidate.dep_ in ("nsubj", "nsubjpass") or candidate.dep_ == "poss" and candidate.head.dep_ in ("nsubj", "nsubjpass"):
            if any(c.dep_ == "det" and c.lower_ == "the" for c in candidate.children):
                return candidate
    return None


def newly_introduced(ctx: ArticleContext, token, since: int, compatible) -> Speaker | None:
    """A person introduced by full name and role in the sentence just before the pronoun, after
    the latest salient subject ("… concerns Henry Crespo, president of the caucus. / '…,' he said."):
    news introduces a new voice that way right before giving it the floor."""
    here_sentence = ctx.sentence_index(token.idx)
    paragraph = ctx.paragraph_of(token.idx)
    for ent in ctx.ents_before(token.idx):
        if ent.start_char <= since or paragraph - ctx.paragraph_of(ent.start_char) > 1:
            return None
        if ctx.quoted(ent.start_char) or label_of(ctx, ent) != "PERSON":
            continue
        # the nearest person before the pronoun, named in full for the first time, with a role in apposition
        name = person_name(ctx, ent)
        if len(plain_name(ent.text).split()) < 2 or ctx.first_position(name) != ent.start_char \
                or not any(c.dep_ == "appos" for c in ent.root.children) or not compatible(name) \
                or ctx.sentence_index(ent.start_char) == ctx.sentence_index(since):
            return None
        # nothing but quoted words between the introduction and the pronoun's sentence
        between = ctx.sentences[ctx.sentence_index(ent.start_char) + 1:here_sentence]
        if any(not ctx.marked.covered(s.start_char, s.end_char, 0.5) for s in between):
            return None
        return Speaker(name=name, start=token.idx, end=token.idx + len(token.text), label="PERSON", role=ctx.roles.get(name),
                       ref=(ent.start_char, ent.end_char))
    return None


def antecedent(ctx: ArticleContext, token, previous: list[Found], person: bool) -> Speaker | None:
    """What a pronoun or definite description points back to: for people, see
    ``person_antecedent``; for "it" / "they", the nearest earlier speaking body,
    else the nearest organisation or place named before."""
    if person:
        return person_antecedent(ctx, token, previous, PERSON_PRONOUNS.get(token.lower_))
    plural = token.lower_ in ("they", "them")
    # "they" is a body or several people, never one named person; "it" is a body or a document, never a person
    labels = ("ORG", "GPE", "NORP")
    here = (token.idx, token.idx + len(token.text))
    paragraph = ctx.paragraph_of(token.idx)
    group = plural_subject(ctx, token) if plural else None
    thing = None if plural else singular_subject_before(ctx, token)
    for found in earlier(previous, token.idx):
        if paragraph - ctx.paragraph_of(found.start) > PRONOUN_REACH:
            break
        if group is not None and found.start < group.idx or thing is not None and found.start < thing.idx:
            break
        if found.speaker and (found.speaker.label in labels or not plural and found.speaker.label == "NOUN"
                              and found.subject is not None and found.subject.lemma_.lower() in INSTITUTION_NOUNS):
            # ("the company wrote in its statement. It added, …": a body written as a noun)
            return found.speaker.at(*here)
    if thing is not None:
        # "Thursday's memo from the panel seemed aimed at …. '…,' it stated": the document or body just before
        named = speaker_from_token(ctx, thing, previous)
        if named is not None:
            return named.at(*here)
    if group is not None:
        named = speaker_from_token(ctx, group, previous)
        if named is not None:
            return named.at(*here)
    for ent in islice(ctx.ents_before(token.idx), LOOK_BACK_ENTITIES):
        label = label_of(ctx, ent)
        if label in ("ORG", "GPE", "NORP") and not ctx.quoted(ent.start_char):
            name = plain_name(ent.text)
            return Speaker(name=name, start=here[0], end=here[1], label=label, role=ctx.roles.get(name),
                           ref=(ent.start_char, ent.end_char))
    return None


# how many sentences back "it" looks for the document or body it stands for
THING_REACH = 2


def singular_subject_before(ctx: ArticleContext, token):
    """The latest singular document or body that is the subject of a main clause in the two
    sentences before "it" (or earlier in its own), outside quotes: "Thursday's memo from the
    panel", "the company"."""
    sentence = ctx.sentence_index(token.idx)
    if sentence < 0:
        return None
    paragraph = ctx.paragraph_of(token.idx)
    for index in range(sentence, max(-1, sentence - THING_REACH - 1), -1):
        sent = ctx.sentences[index]
        if paragraph - ctx.paragraph_of(sent.start_char) > 1:
            return None
        for candidate in reversed([t for t in sent if t.i < token.i]):
            if candidate.dep_ not in ("nsubj", "nsubjpass") or candidate.head.dep_ not in ("ROOT", "conj") \
                    or candidate.pos_ != "NOUN" or candidate.tag_ != "NN" or ctx.quoted(candidate.idx):
                continue
            if candidate.lemma_.lower() in DOCUMENT_NOUNS | INSTITUTION_NOUNS:
                return candidate
    return None


# how many tokens back "they" looks for the group it stands for
PLURAL_REACH = 120


def plural_subject(ctx: ArticleContext, token):
    """The latest plural subject before "they" in its paragraph or the one before ("Critics of
    the program … They wrote"): a plural noun or coordinated names, outside quotes."""
    doc = ctx.doc
    paragraph = ctx.paragraph_of(token.idx)
    for i in range(token.i - 1, max(-1, token.i - PLURAL_REACH), -1):
        candidate = doc[i]
        if candidate.dep_ not in ("nsubj", "nsubjpass") or ctx.quoted(candidate.idx):
            continue
        if paragraph - ctx.paragraph_of(candidate.idx) > 1:
            break
        if candidate.pos_ == "PRON":
            continue
        if candidate.head.dep_ in ("ccomp", "acl", "relcl", "pcomp", "csubj"):
            # the subject of reported or describing words ("they estimated that rising Chinese imports
            # cost …", "the insistence that immigrants adopt …") is what is talked about, not who talks
            continue
        if candidate.tag_ == "NNS" and not (can_speak(candidate) or candidate.lemma_.lower() in PEOPLE_NOUNS or candidate.ent_type_):
            continue  # "their lives", "questions": things, not the people "they" stand for
        if candidate.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in candidate.children):
            return candidate
    return None
