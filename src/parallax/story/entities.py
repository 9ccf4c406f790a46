"""One entity per real person, organisation or place across all articles.

Mentions (spaCy entities and quote speakers) are normalized (possessives,
titles and articles dropped), then merged by transliteration-aware keys and
phonetic similarity: Zelensky / Zelenskiy / Zelenskyy, Sergey / Sergei,
Novo-Ogarevo / Novo Ogaryovo, Kiev / Kyiv. People are grouped by surname; a
surname-only mention ("Peskov", "Mr. Peskov") joins the one full name that
carries that surname, and two different first names stay two people
(given-name variants such as Bill / William are one first name). Knowledge
merges come from data packages and the story itself: countries with their
official and short names, codes and demonyms (``parallax.names``), acronyms
spelled out in the same story ("Federal Security Service (FSB)"), and
"Justice Department" / "Department of Justice". A user alias file forces
merges. The canonical name is the fullest common form.

Junk is dropped before merging: all-caps headline words, title-case headline
fragments tagged as people that the body never mentions, and common nouns or
durations tagged as names. Quote speakers are linked by position: each quote's
speaker refers to a named mention in its article (the name at the cue, or the
antecedent of "he" / "the spokesman"), and the quote takes the entity holding
that mention. Every mention keeps its surface text (``text[start:end]``); the
resolved name lives on the entity.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

import jellyfish
from rapidfuzz.distance import JaroWinkler

from parallax.article.quotes.cues import GROUP_PRONOUNS, PERSON_PRONOUNS
from parallax.article.quotes.marks import fills_marks
from parallax.ids import entity_id
from parallax.lexicons.speech import person_titles, title_words
from parallax.names import country_of, given_name_variants, plain_name, region_of
from parallax.model import Entity, Span

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
GENERIC = {"the", "a", "an", "mr", "mrs", "ms", "dr"}
TITLE_WORDS = title_words()


@dataclass
class RawMention:
    article_id: str
    start: int
    end: int
    text: str  # the surface text, article.text[start:end]
    label: str
    role: str | None = None
    name: str | None = None  # the name it resolves to, when it differs from the surface ("Peskov" → "Dmitry Peskov")
    variant: bool = True  # a name form worth listing among the entity's variants (not "he", "the spokesman")

    @property
    def key_name(self) -> str:
        return self.name or self.text


@lru_cache(maxsize=65536)  # the same names are compared many times over a story
def normalize(text: str) -> str:
    """The form names are compared in: ``plain_name`` without suffixes and middle initials."""
    return plain_name(text, matching=True)


@lru_cache(maxsize=65536)  # the same names are compared many times over a story
def translit_key(word: str) -> str:
    """A spelling key that folds common transliteration variants together."""
    key = re.sub(r"[^a-z]", "", word.lower())
    for old, new in (("yo", "e"), ("iy", "i"), ("yy", "i"), ("ij", "i"), ("y", "i"), ("ey", "ei"), ("kh", "h"), ("w", "v")):
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


@lru_cache(maxsize=65536)  # the same names are compared many times over a story
def word_match(a: str, b: str) -> bool:
    """Two name words are the same name in different spellings."""
    ka, kb = translit_key(a), translit_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    if ka[0] != kb[0]:
        # Initial vowels differ between transliterations (Aleksandr / Oleksandr).
        if not (ka[0] in "aeiou" and kb[0] in "aeiou" and len(ka) >= 5):
            return False
        ka, kb = ka[1:], kb[1:]
        return ka == kb or JaroWinkler.similarity(ka, kb) >= 0.9
    return jellyfish.metaphone(ka) == jellyfish.metaphone(kb) and JaroWinkler.similarity(ka, kb) >= 0.84


def first_names_match(a: str, b: str) -> bool:
    """First names: spelling variants, nickname variants (Bill / William) or an initial."""
    a, b = a.rstrip("."), b.rstrip(".")
    if word_match(a, b):
        return True
    if (len(a) == 1 and b[:1].lower() == a.lower()) or (len(b) == 1 and a[:1].lower() == b.lower()):
        return True
    return b.lower() in given_name_variants(a)


@lru_cache(maxsize=65536)  # the same names are compared many times over a story
def names_match(a: str, b: str) -> bool:
    wa, wb = re.split(r"[\s-]+", a), re.split(r"[\s-]+", b)
    if len(wa) != len(wb):
        return False
    return all(word_match(x, y) for x, y in zip(wa, wb))


@lru_cache(maxsize=1)
def office_pattern() -> re.Pattern:
    titles = sorted((re.escape(t) for t in person_titles()), key=len, reverse=True)
    return re.compile(rf"^(?:the\s+)?(?:[\w.-]+\s+)?(?:{'|'.join(titles)})\s+of\s+\S", re.I)


def holds_office(name: str) -> bool:
    """"The Mayor of Moscow", "President of the Russian Federation": a person by office, whatever
    the tagger labelled it, and never the place the office is of."""
    return bool(office_pattern().match(name))


def family(label: str) -> str:
    return "PERSON" if label == "PERSON" else "OTHER"


def group_stem(name: str) -> str:
    """"Republicans", "Republican" → "republican"; "Democrats", "Democratic", "Democrat" → "democrat"."""
    stem = name.lower()
    for ending in ("ics", "ic", "s"):
        if stem.endswith(ending) and len(stem) - len(ending) >= 4:
            return stem[: -len(ending)]
    return stem


class Cluster:
    def __init__(self, name: str, label: str):
        self.names: Counter[str] = Counter()
        self.labels: Counter[str] = Counter()
        self.mentions: list[RawMention] = []
        self.roles: Counter[str] = Counter()
        self.absorbed: list[Cluster] = []  # clusters merged into this one (acronyms)
        self.add_name(name, label)

    def add_name(self, name: str, label: str) -> None:
        self.names[name] += 1
        self.labels[label] += 1

    @property
    def canonical(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), self.names[n], -len(n), n))

    def preferred_name(self) -> str:
        """The fullest common form; for a country, its common English name when the story uses it;
        for a group named also by its adjective, the group ("Republicans", not "Republican")."""
        countries = {country_of(n) for n in self.names} - {None}
        if len(countries) == 1:
            country = next(iter(countries))
            if country in self.names:
                return country
        if self.labels.most_common(1)[0][0] == "NORP":
            plural = [n for n in self.names if n.endswith("s") and len(n.split()) == 1]
            if plural and len(self.names) > 1:
                return max(plural, key=lambda n: (self.names[n], n))
        return self.canonical

    def first_names(self) -> set[str]:
        return {n.split()[0] for n in self.names if len(n.split()) >= 2}


def part_of_title_or_aside(text: str, start: int, end: int) -> bool:
    """"Energy" in "Energy Minister X" names an office, not an organisation; "[Emphasis added]" is an aside."""
    if text[max(0, start - 1):start] == "[":
        return True
    return text[start:end].strip().lower() in TITLE_WORDS


DURATION = re.compile(r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few)[\s-]+"
                      r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.I)
SPEAKING_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


def headline_of(text: str) -> tuple[int, int] | None:
    """The first line when it reads as a headline (short, no final full stop)."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    line = text[:end].strip()
    if line and len(line.split()) <= 20 and not line.endswith("."):
        return 0, end
    return None


def is_junk(m: RawMention, text: str, headline: tuple[int, int] | None) -> bool:
    """Not a name at all: no capital letter ("the administration"), a duration ("three years"),
    an all-caps headline word ("BREAKING", "EXCLUSIVE"), or a title-case headline fragment tagged
    as a person or organisation that the article's body never mentions ("Kremlin Drone Attack")."""
    words = [w for w in re.findall(r"[A-Za-z][\w’'.-]*", m.text)]
    if not words or not any(w[0].isupper() for w in words):
        return True
    if DURATION.search(m.text):
        return True
    letters = "".join(ch for ch in m.text if ch.isalpha())
    if m.text.isupper() and (len(letters) > 5 or len(words) > 1) and not country_of(m.text):
        return True
    if headline and m.label in ("PERSON", "ORG") and m.end <= headline[1]:
        surname = normalize(m.text).split()[-1] if normalize(m.text) else ""
        if not surname or not re.search(r"\b" + re.escape(surname) + r"\b", text[headline[1]:]):
            return True
    return False


@dataclass
class SpeakerLinks:
    """Which mention each quote's speaker stands for, and the mentions at pronouns and descriptions."""

    of_quote: dict[str, tuple[str, int, int]]  # quote id → (article id, start, end) of the named mention
    followers: list[tuple[RawMention, tuple[str, int, int]]]  # ("he" at its offsets, the mention it stands for)


def gather_mentions(articles, analyses, report) -> tuple[list[RawMention], SpeakerLinks]:
    mentions: list[RawMention] = []
    for article, analysis in zip(articles, analyses):
        roles = analysis.speaker_roles
        headline = headline_of(article.text)
        for m in analysis.mentions:
            # a name that fills a pair of quotation marks is a title ("Citizen Trump," a film), not its namesake
            if m.label in ENTITY_LABELS and not part_of_title_or_aside(article.text, m.start, m.end) \
                    and not fills_marks(article.text, m.start, m.end):
                raw = RawMention(article.id, m.start, m.end, article.text[m.start:m.end], m.label, m.role or roles.get(m.text))
                if not is_junk(raw, article.text, headline):
                    mentions.append(raw)
    # spaCy's small model labels one name differently from sentence to sentence
    # ("Kiev" as PERSON here, GPE there; "Podolyak" as GPE). A single word that is
    # the surname of a full name in the story is a person; a single word never
    # used as a surname but seen (or spelled like a name seen) as a place is a place.
    surnames = {
        translit_key(normalize(m.text).split()[-1])
        for m in mentions if m.label == "PERSON" and len(normalize(m.text).split()) >= 2
    }
    places = {normalize(m.text) for m in mentions if m.label in PLACE_LABELS and len(normalize(m.text).split()) == 1}
    for m in mentions:
        name = normalize(m.text)
        if len(name.split()) != 1:
            continue
        if translit_key(name) in surnames:
            m.label = "PERSON"
        elif m.label == "PERSON" and any(names_match(name, place) for place in places if place[:1] == name[:1]):
            m.label = "GPE"
    links = SpeakerLinks(of_quote={}, followers=[])
    at: dict[tuple[str, int, int], RawMention] = {(m.article_id, m.start, m.end): m for m in mentions}
    by_article: dict[str, list[RawMention]] = defaultdict(list)
    for m in mentions:
        by_article[m.article_id].append(m)
    texts = {a.id: a.text for a in articles}
    for article, analysis in zip(articles, analyses):
        for ref in analysis.speaker_refs:
            if ref.label not in SPEAKING_LABELS or not normalize(ref.name) or normalize(ref.name).lower() in UNRESOLVED_NAMES:
                continue  # a pronoun left unresolved names nobody
            span = ref.ref or ref.surface
            if span is None:
                continue
            key = (article.id, *span)
            target = at.get(key) or next((m for m in by_article[article.id] if m.start <= span[0] < m.end or span[0] <= m.start < span[1]), None)
            if target is not None and not same_name(normalize(target.key_name), normalize(ref.name)):
                # the mention inside the speaker phrase names something else ("Dostria" in "Dostria's
                # foreign ministry"): the phrase itself is the speaker's mention
                span = ref.surface or span
                key = (article.id, *span)
                target = at.get(key)
            if target is None:
                surface = texts[article.id][span[0]:span[1]]
                target = RawMention(article.id, span[0], span[1], surface, ref.label, ref.role, name=ref.name,
                                    variant=bool(surface[:1].isupper()) and not surface.isupper())
                mentions.append(target)
                at[key] = target
                by_article[article.id].append(target)
            elif (target.name is None and ref.label == "PERSON" and normalize(target.text)
                  and normalize(target.text) != normalize(ref.name) and len(ref.name.split()) > len(normalize(target.text).split())
                  and word_match(normalize(ref.name).split()[-1], normalize(target.text).split()[-1])):
                target.name = ref.name  # "Peskov" at the cue resolves to "Dmitry Peskov"
            links.of_quote[ref.quote_id] = (target.article_id, target.start, target.end)
            if ref.surface and ref.surface != (target.start, target.end) and (article.id, *ref.surface) not in at:
                surface = texts[article.id][ref.surface[0]:ref.surface[1]]
                follower = RawMention(article.id, ref.surface[0], ref.surface[1], surface, ref.label, name=ref.name, variant=False)
                links.followers.append((follower, (target.article_id, target.start, target.end)))
                at[(article.id, *ref.surface)] = follower
    return mentions, links


# what a speaker is called when its pronoun found no antecedent: no entity of its own
UNRESOLVED_NAMES = frozenset(PERSON_PRONOUNS) | GROUP_PRONOUNS | {"we", "i", "you", "us", "me"}


def same_name(a: str, b: str) -> bool:
    """One name, or a part of it ("Peskov" in "Dmitry Peskov")."""
    if not a or not b:
        return False
    if a.lower() == b.lower() or names_match(a, b):
        return True
    wa, wb = a.split(), b.split()
    return word_match(wa[-1], wb[-1]) and (len(wa) == 1 or len(wb) == 1)


def story_acronyms(articles) -> dict[str, str]:
    """Acronyms spelled out in the story: "Federal Security Service (FSB)", "FSB (Federal Security Service)"."""
    pairs: dict[str, str] = {}
    long_form = r"[A-Z][\w’'.&-]*(?:\s+(?:of|for|the|and|on|de)?\s*[A-Z][\w’'.&-]*){1,7}"
    for article in articles:
        for match in re.finditer(rf"({long_form})\s*\(([A-Z][A-Za-z]{{1,6}})\)", article.text):
            long, short = match.group(1), match.group(2)
            if initials_fit(short, long):
                pairs.setdefault(short, normalize(long))
        for match in re.finditer(rf"\b([A-Z]{{2,6}})\s*\((?:the\s+)?({long_form})\)", article.text):
            short, long = match.group(1), match.group(2)
            if initials_fit(short, long):
                pairs.setdefault(short, normalize(long))
    return pairs


def initials_fit(short: str, long: str) -> bool:
    """The acronym's letters appear, in order, as initials of the long form's words
    (FSB: Federal Security Service — "Bezopasnosti" gives the B of the Russian name, so
    only the first letter and the letter count within one word need to agree)."""
    words = [w for w in re.split(r"[\s-]+", long) if w and w.lower() not in ("of", "for", "the", "and", "on", "de")]
    letters = short.upper().replace(".", "")
    return bool(words) and letters[0] == words[0][0].upper() and abs(len(letters) - len(words)) <= 1


INSTITUTION_HEADS = r"Department|Ministry|Agency|Office|Service|Commission|Committee|Bureau|Council|Directorate"


def institution_key(name: str) -> str | None:
    """"Justice Department" and "Department of Justice" are one body: one key for both word orders."""
    name = re.sub(r"^(?:the\s+)", "", name.strip(), flags=re.I)
    match = re.fullmatch(rf"(?P<head>{INSTITUTION_HEADS}) (?:of|for) (?:the )?(?P<field>[A-Z][\w ]+)", name)
    if match:
        return f"{match.group('head').lower()}:{match.group('field').lower()}"
    match = re.fullmatch(rf"(?P<field>[A-Z][\w]+(?: [A-Z][\w]+)?) (?P<head>{INSTITUTION_HEADS})", name)
    if match:
        return f"{match.group('head').lower()}:{match.group('field').lower()}"
    return None


def resolve_entities(articles, analyses, report, options) -> list[Entity]:
    """Merge mentions into entities and link quote speakers to them."""
    mentions, links = gather_mentions(articles, analyses, report)
    alias_of: dict[str, str] = {}
    for short, long in story_acronyms(articles).items():
        alias_of.setdefault(short.lower(), long)
        alias_of.setdefault(long.lower(), long)
    for canonical, variants in (options.aliases or {}).items():
        for variant in [canonical, *variants]:
            alias_of[normalize(variant).lower()] = canonical

    clusters: list[Cluster] = []
    by_surname: dict[str, list[Cluster]] = defaultdict(list)  # blocking key → clusters
    by_alias: dict[str, Cluster] = {}
    by_knowledge: dict[str, Cluster] = {}  # country, institution or demonym key → cluster

    def block_key(name: str) -> str:
        # First letter and sound of the last word: spelling variants share a block.
        key = translit_key(re.split(r"[\s-]+", name)[-1])
        return key[:1] + jellyfish.metaphone(key)[:2] if key else ""

    def knowledge_keys(name: str, label: str) -> list[str]:
        if family(label) == "PERSON":
            return []
        keys = []
        country = country_of(name)
        if country:
            keys.append("country:" + country)
        institution = institution_key(name)
        if institution:
            keys.append("body:" + institution)
        region = region_of(name) if label in ("NORP", "GPE", "LOC", "ORG") else None
        if region:
            keys.append("region:" + region)
        if label == "NORP" and len(name.split()) == 1:
            # a group and its adjective: "Republicans" / "Republican", "Democrats" / "Democratic"
            keys.append("group:" + group_stem(name))
        return keys

    def find(name: str, label: str) -> Cluster | None:
        alias = alias_of.get(name.lower())
        if alias and alias in by_alias:
            return by_alias[alias]
        for key in knowledge_keys(name, label):
            if key in by_knowledge:
                return by_knowledge[key]
        for cluster in by_surname.get(block_key(name), []):
            if family(cluster.labels.most_common(1)[0][0]) != family(label):
                # spaCy may label one name PERSON here and ORG there: the same words are one entity.
                if any(names_match(name, other) for other in cluster.names):
                    return cluster
                continue
            if family(label) == "OTHER":
                if any(names_match(name, other) for other in cluster.names):
                    return cluster
                continue
            words = name.split()
            if not word_match(words[-1], cluster.canonical.split()[-1]):
                continue
            if len(words) >= 2 and cluster.first_names() and not any(
                first_names_match(words[0], first) for first in cluster.first_names()
            ):
                continue  # another first name: another person
            return cluster
        return None

    # Fullest names first, so a surname-only mention finds its person.
    ordered = sorted(
        (m for m in mentions if normalize(m.key_name)),
        key=lambda m: (family(m.label) != "PERSON", -len(normalize(m.key_name).split()), m.article_id, m.start),
    )
    cluster_at: dict[tuple[str, int, int], Cluster] = {}
    for mention in ordered:
        name = normalize(mention.key_name)
        # a bare title ("Mayor", "the spokesman") names nobody in particular
        if not re.search(r"[A-Za-z]", name) or name.lower() in GENERIC or name.lower() in TITLE_WORDS:
            continue
        alias = alias_of.get(name.lower())
        label = "PERSON" if holds_office(name) else mention.label
        cluster = find(alias or name, label)
        if cluster is None:
            cluster = Cluster(alias or name, label)
            cluster.names.clear()
            cluster.labels.clear()
            if alias:
                cluster.names[alias] += 0
            clusters.append(cluster)
            by_surname[block_key(alias or name)].append(cluster)
            if alias:
                by_alias[alias] = cluster
        for key in knowledge_keys(name, label):
            by_knowledge.setdefault(key, cluster)
        cluster.add_name(name, label)
        surface = normalize(mention.text)
        if (mention.variant and mention.name and surface and surface != name and surface.lower() not in GENERIC
                and not holds_office(name)):
            cluster.names[surface] += 0  # the form written at the cue is a variant too ("Peskov"; not "Moscow" for its mayor)
        cluster.mentions.append(mention)
        cluster_at[(mention.article_id, mention.start, mention.end)] = cluster
        if mention.role:
            cluster.roles[mention.role] += 1
    for follower, target in links.followers:
        cluster = cluster_at.get(target)
        if cluster is not None:
            cluster.mentions.append(follower)
            cluster_at[(follower.article_id, follower.start, follower.end)] = cluster

    clusters = merge_acronyms([c for c in clusters if c.names])
    merged_into = {id(c): c for c in clusters}
    entities: list[Entity] = []
    name_to_id: dict[str, str] = {}
    id_of_cluster: dict[int, str] = {}
    for cluster in clusters:
        label = cluster.labels.most_common(1)[0][0]
        canonical = cluster.preferred_name()
        role = cluster.roles.most_common(1)[0][0] if cluster.roles else None
        entity = Entity(
            id=entity_id(label, canonical),
            name=canonical,
            type=label,
            variants=sorted(cluster.names),
            role=role,
            # the first role that names a body ("Russian Deputy Foreign Minister" → Russian), else the name itself
            affiliation=next((a for r, _ in cluster.roles.most_common() if (a := affiliation_of(r, label, canonical))), None)
            or affiliation_of(None, label, canonical),
            mentions=sorted(
                {(m.article_id, m.start, m.end): Span(article_id=m.article_id, start=m.start, end=m.end, text=m.text) for m in cluster.mentions}.values(),
                key=lambda s: (s.article_id, s.start, s.end),
            ),
        )
        for variant in cluster.names:
            name_to_id.setdefault(variant.lower(), entity.id)
        id_of_cluster[id(cluster)] = entity.id
        for absorbed in cluster.absorbed:
            id_of_cluster[id(absorbed)] = entity.id
        entities.append(entity)
    del merged_into
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    by_id = {e.id: e for e in entities}
    for quote in report.quotes:
        if quote.speaker is None:
            continue
        found = None
        target = links.of_quote.get(quote.id)
        if target is not None and target in cluster_at:
            found = id_of_cluster.get(id(cluster_at[target]))
        if found is None and quote.id not in links.of_quote:
            # no position to go by (a quote built outside the article stage): match the name
            found = name_to_id.get(normalize(quote.speaker.name).lower())
        if found is None or by_id[found].type != "PERSON" or holds_office(by_id[found].name):
            found = by_office(quote.speaker.name, entities) or found  # "the Mayor of Moscow" is Sobyanin when he is named
        if found:
            quote.speaker.entity_id = found
            quote.speaker.name = by_id[found].name
    return entities


def by_office(description: str, entities: list[Entity]) -> str | None:
    """"The Mayor of Moscow" is the one person whose role holds the same words ("Moscow Mayor")."""
    words = {w for w in re.findall(r"[a-z]+", description.lower()) if w not in ("the", "of", "a", "an", "s")}
    if len(words) < 2 or not words & TITLE_WORDS:
        return None
    matches = [e.id for e in entities if e.type == "PERSON" and e.role and words <= set(re.findall(r"[a-z]+", e.role.lower()))]
    return matches[0] if len(matches) == 1 else None


def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def merge_acronyms(clusters: list[Cluster]) -> list[Cluster]:
    """"US" / "U.S." join "United States" when exactly one multi-word name has those initials."""
    by_initials: dict[str, list[Cluster]] = defaultdict(list)
    for cluster in clusters:
        if family(cluster.labels.most_common(1)[0][0]) == "OTHER":
            for name in cluster.names:
                if len(name.split()) >= 2:
                    by_initials[initials(name)].append(cluster)
    kept = []
    for cluster in clusters:
        short = [n.replace(".", "") for n in cluster.names if len(n.split()) == 1]
        acronym = next((n for n in short if 2 <= len(n) <= 5 and n.isupper()), None)
        targets = {id(c): c for c in by_initials.get(acronym or "", []) if c is not cluster}
        if acronym and len(targets) == 1 and family(cluster.labels.most_common(1)[0][0]) == "OTHER":
            target = next(iter(targets.values()))
            target.names.update(cluster.names)
            target.labels.update(cluster.labels)
            target.mentions.extend(cluster.mentions)
            target.roles.update(cluster.roles)
            target.absorbed.append(cluster)
            continue
        kept.append(cluster)
    return kept


def affiliation_of(role: str | None, label: str, name: str) -> str | None:
    """The country or body a person speaks for, from the role: its first run of
    capitalized words without the words of office ("Kremlin spokesman" → "Kremlin",
    "coordinator for the US National Security Council" → "US National Security Council")."""
    if label in ("ORG", "GPE", "NORP") and not role:
        return name
    # runs of capitalized words, through "of"/"for"/"the" ("Baltic Institute for Security Studies")
    for match in re.finditer(r"[A-Z][\w.’'-]*(?:\s+(?:(?:of|for|the|and)\s+)*[A-Z][\w.’'-]*)*", role or ""):
        tokens = match.group().split()
        while tokens and tokens[0].lower() in TITLE_WORDS:
            tokens = tokens[1:]
        while tokens and tokens[-1].lower() in TITLE_WORDS:
            tokens = tokens[:-1]
        if tokens:
            return " ".join(tokens)
    return None
