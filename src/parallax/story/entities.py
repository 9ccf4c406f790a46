"""One entity per real person, organisation or place across all articles.

Mentions (spaCy entities and quote speakers) are normalized (possessives,
titles and articles dropped), then merged by transliteration-aware keys and
phonetic similarity: Zelensky / Zelenskiy / Zelenskyy, Sergey / Sergei,
Novo-Ogarevo / Novo Ogaryovo, Kiev / Kyiv. People are grouped by surname; a
surname-only mention ("Peskov", "Mr. Peskov") joins the one full name that
carries that surname, and two different first names stay two people. A user
alias file forces merges. The canonical name is the fullest common form.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import jellyfish
from rapidfuzz.distance import JaroWinkler

from parallax.lexicons.speech import title_words
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
    text: str
    label: str
    role: str | None = None


def normalize(text: str) -> str:
    """Surface form without possessive, leading article or titles."""
    text = re.sub(r"(?:'s|’s|'|’)$", "", text.strip())
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    words = text.replace("\n", " ").split()
    while len(words) > 1 and words[0].lower().rstrip(".") in {w.rstrip(".") for w in TITLE_WORDS} and words[1].lower() != "of":
        words = words[1:]
    return " ".join(words).strip(" ,.;:-–—")


def translit_key(word: str) -> str:
    """A spelling key that folds common transliteration variants together."""
    key = re.sub(r"[^a-z]", "", word.lower())
    for old, new in (("yo", "e"), ("iy", "i"), ("yy", "i"), ("ij", "i"), ("y", "i"), ("ey", "ei"), ("kh", "h"), ("w", "v")):
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


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


def names_match(a: str, b: str) -> bool:
    wa, wb = re.split(r"[\s-]+", a), re.split(r"[\s-]+", b)
    if len(wa) != len(wb):
        return False
    return all(word_match(x, y) for x, y in zip(wa, wb))


def entity_id(label: str, name: str) -> str:
    return "e" + hashlib.sha1(f"{label}:{name}".encode()).hexdigest()[:12]


def family(label: str) -> str:
    return "PERSON" if label == "PERSON" else "OTHER"


class Cluster:
    def __init__(self, name: str, label: str):
        self.names: Counter[str] = Counter()
        self.labels: Counter[str] = Counter()
        self.mentions: list[RawMention] = []
        self.roles: Counter[str] = Counter()
        self.add_name(name, label)

    def add_name(self, name: str, label: str) -> None:
        self.names[name] += 1
        self.labels[label] += 1

    @property
    def canonical(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), self.names[n], -len(n), n))

    def first_names(self) -> set[str]:
        return {translit_key(n.split()[0]) for n in self.names if len(n.split()) >= 2}


def part_of_title_or_aside(text: str, start: int, end: int) -> bool:
    """"Energy" in "Energy Minister X" names an office, not an organisation; "[Emphasis added]" is an aside."""
    if text[max(0, start - 1):start] == "[":
        return True
    return text[start:end].strip().lower() in TITLE_WORDS


def gather_mentions(articles, analyses, report) -> list[RawMention]:
    mentions: list[RawMention] = []
    for article, analysis in zip(articles, analyses):
        roles = analysis.extras.get("speaker_roles", {})
        for m in analysis.mentions:
            if m.label in ENTITY_LABELS and not part_of_title_or_aside(article.text, m.start, m.end):
                mentions.append(RawMention(article.id, m.start, m.end, article.text[m.start:m.end], m.label, m.role or roles.get(m.text)))
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
        elif m.label == "PERSON" and any(names_match(name, place) for place in places):
            m.label = "GPE"
    labels = {normalize(m.text).lower(): m.label for m in mentions}
    for quote in report.quotes:
        if quote.speaker and quote.speaker_span and quote.speaker_span.end > quote.speaker_span.start:
            span = quote.speaker_span
            name = normalize(quote.speaker.name)
            if not name:
                continue
            if translit_key(name.split()[-1]) in surnames:
                label = "PERSON"
            else:
                label = labels.get(name.lower(), "ORG")
            mentions.append(RawMention(quote.article_id, span.start, span.end, quote.speaker.name, label))
    return mentions


def resolve_entities(articles, analyses, report, options) -> list[Entity]:
    """Merge mentions into entities and link quote speakers to them."""
    mentions = gather_mentions(articles, analyses, report)
    alias_of: dict[str, str] = {}
    for canonical, variants in (options.aliases or {}).items():
        for variant in [canonical, *variants]:
            alias_of[normalize(variant).lower()] = canonical

    clusters: list[Cluster] = []
    by_surname: dict[str, list[Cluster]] = defaultdict(list)  # blocking key → clusters
    by_alias: dict[str, Cluster] = {}

    def block_key(name: str) -> str:
        # First letter and sound of the last word: spelling variants share a block.
        key = translit_key(re.split(r"[\s-]+", name)[-1])
        return key[:1] + jellyfish.metaphone(key)[:2] if key else ""

    def find(name: str, label: str) -> Cluster | None:
        alias = alias_of.get(name.lower())
        if alias and alias in by_alias:
            return by_alias[alias]
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
                word_match(words[0], other.split()[0]) for other in cluster.names if len(other.split()) >= 2
            ):
                continue  # another first name: another person
            return cluster
        return None

    # Fullest names first, so a surname-only mention finds its person.
    ordered = sorted(
        (m for m in mentions if normalize(m.text)),
        key=lambda m: (family(m.label) != "PERSON", -len(normalize(m.text).split()), m.article_id, m.start),
    )
    for mention in ordered:
        name = normalize(mention.text)
        # a bare title ("Mayor", "the spokesman") names nobody in particular
        if not re.search(r"[A-Za-z]", name) or name.lower() in GENERIC or name.lower() in TITLE_WORDS:
            continue
        alias = alias_of.get(name.lower())
        cluster = find(alias or name, mention.label)
        if cluster is None:
            cluster = Cluster(alias or name, mention.label)
            clusters.append(cluster)
            by_surname[block_key(alias or name)].append(cluster)
            if alias:
                by_alias[alias] = cluster
        cluster.add_name(name, mention.label)
        cluster.mentions.append(mention)
        if mention.role:
            cluster.roles[mention.role] += 1

    clusters = merge_acronyms(clusters)
    entities: list[Entity] = []
    name_to_id: dict[str, str] = {}
    for cluster in clusters:
        label = cluster.labels.most_common(1)[0][0]
        canonical = cluster.canonical
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
        entities.append(entity)
    entities.sort(key=lambda e: (-len(e.mentions), e.name))
    by_id = {e.id: e for e in entities}
    for quote in report.quotes:
        if quote.speaker is None:
            continue
        found = name_to_id.get(normalize(quote.speaker.name).lower())
        if found is None or by_id[found].type != "PERSON":
            found = by_office(quote.speaker.name, entities) or found
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
