"""Story-level framing: what each outlet calls the people, places and events of
the story in its own voice, and whose voices it quotes (shares of quoted
words by affiliation). Omissions are filled in by ``align`` once claim
groups exist.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

from rapidfuzz.fuzz import ratio

from parallax.lexicons import contested_names
from parallax.model import CitedSource, Entity, Framing, StoryReport
from parallax.story.entities import normalize

ORIGIN_SUFFIXES = ("ian", "ean", "an", "ese", "ish", "i", "n")


def entity_for_text(entities: list[Entity]) -> dict[str, Entity]:
    by_variant: dict[str, Entity] = {}
    for entity in entities:
        for variant in entity.variants:
            by_variant.setdefault(variant.lower(), entity)
    return by_variant


def fill_naming(report: StoryReport, analyses) -> None:
    """naming {concept: [terms]} per article: entities by canonical name (nationality
    adjectives under their country), events by head noun. A bare surname is left out
    where the full name is used too; case variants count once."""
    by_variant = entity_for_text(report.entities)
    places = [e.name for e in report.entities if e.type in ("GPE", "LOC") or e.type == "ORG" and " " not in e.name]
    framing_of = {f.article_id: f for f in report.framing}
    folded: dict[str, str] = {}
    for analysis in analyses:
        framing = framing_of.get(analysis.article_id)
        if framing is None:
            continue
        naming: dict[str, Counter] = defaultdict(Counter)
        for text, label, term in analysis.naming_mentions:
            if label.startswith("EVENT:"):
                naming["event: " + label.split(":", 1)[1]][term] += 1
                continue
            entity = by_variant.get(normalize(text).lower())
            if entity is None or entity.type not in ("PERSON", "ORG", "GPE", "NORP"):
                continue
            concept = affiliation_key(None, entity.name, places, folded) if entity.type == "NORP" else entity.name
            naming[concept][term] += 1
        result = {}
        for concept, terms in sorted(naming.items()):
            merged: Counter = Counter()
            spelled: dict[str, str] = {}
            for term, count in sorted(terms.items(), key=lambda kv: (-kv[1], kv[0])):
                key = next((k for k in merged if spelling_variant(k, term)), None) or term
                merged[key] += count
                spelled.setdefault(key, term)
            keys = [k for k in merged if not any(k != other and same_name(other, k) and len(other) > len(k) for other in merged)]
            result[concept] = [spelled[k] for k in sorted(keys, key=lambda k: (-merged[k], k))]
        framing.naming = result


def _letters(term: str) -> str:
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKD", term).encode("ascii", "ignore").decode().lower())


def _contested(a: str, b: str) -> bool:
    """The two differ by a name whose spelling is a political choice ("Kiev regime" / "Kyiv regime")."""
    words_a, words_b = set(re.findall(r"[a-z]+", a.lower())), set(re.findall(r"[a-z]+", b.lower()))
    table = contested_names()
    return any(other in b.lower() for w in words_a for other in table.get(w, ())) or \
        any(other in a.lower() for w in words_b for other in table.get(w, ()))


def _initials(term: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", term) if w[0].isupper()).lower()


def spelling_variant(a: str, b: str) -> bool:
    """"F.B.I." / "FBI", "the United States" / "US", "Zelensky" / "Zelenskyy": one name
    written two ways; "Kiev" / "Kyiv" is not (contested_names.tsv)."""
    a, b = re.sub(r"^(?:the|a|an)\s+", "", a.strip(), flags=re.I), re.sub(r"^(?:the|a|an)\s+", "", b.strip(), flags=re.I)
    if a.lower() == b.lower():
        return True
    if _contested(a, b):
        return False
    x, y = _letters(a), _letters(b)
    if not x or not y:
        return False
    if x == y or (min(len(x), len(y)) >= 5 and ratio(x, y) >= 88):
        return True
    # an acronym and the name it stands for
    short, long_ = (a, b) if len(x) < len(y) else (b, a)
    return len(_letters(short)) >= 2 and " " not in short.strip() and _letters(short) == _initials(long_) and len(_initials(long_)) >= 2


def same_name(a: str, b: str) -> bool:
    """"Lavrov" and "Sergey Lavrov" are one naming choice, and so are spelling variants
    ("Zelensky" / "Volodymyr Zelenskiy"); "Kiev" and "Kyiv" are two."""
    if spelling_variant(a, b):
        return True
    a, b = a.lower().strip(), b.lower().strip()
    if a.endswith(" " + b) or b.endswith(" " + a):
        return True
    wa, wb = a.split(), b.split()
    if min(len(wa), len(wb)) == 1 and not _contested(a, b):
        return spelling_variant(wa[-1], wb[-1])  # a surname alone, spelled another way
    return len(wa) == len(wb) and all(spelling_variant(x, y) for x, y in zip(wa, wb))


def naming_differs(cells: list[list[str]]) -> bool:
    """Outlets name a concept differently: their main terms are not one name."""
    firsts = [terms[0] for terms in cells if terms]
    return len(firsts) >= 2 and any(not same_name(x, y) for i, x in enumerate(firsts) for y in firsts[i + 1:])


def affiliation_key(entity: Entity | None, name: str, places: list[str], folded: dict[str, str] | None = None) -> str:
    """The body a voice speaks for; nationality adjectives fold into their country ("Russian" → "Russia").
    ``folded`` remembers each label's answer for one list of places (a story names the same bodies often)."""
    label = (entity.affiliation if entity and entity.affiliation else None) or (entity.name if entity else name)
    label = re.sub(r"-(?:installed|appointed|backed|based|led|controlled)$", "", label)  # "Moscow-installed" → Moscow
    if folded is not None and label in folded:
        return folded[label]
    key = label
    words = label.split()
    first = words[0] if words else label
    for place in places:
        stem = place[:-1] if place.endswith(("a", "e", "y")) else place
        if first.lower().startswith(stem.lower()) and len(stem) >= 4 and first.lower() != place.lower():
            if any(first.lower().endswith(s) for s in ORIGIN_SUFFIXES):
                key = place
                break
    if folded is not None:
        folded[label] = key
    return key


def fill_voices(report: StoryReport) -> None:
    """Share of each article's quoted words by the speakers' affiliation."""
    entities = {e.id: e for e in report.entities}
    places = [e.name for e in report.entities if e.type == "GPE"]
    words: dict[str, Counter] = defaultdict(Counter)
    folded: dict[str, str] = {}
    for quote in report.quotes:
        if quote.speaker is None:
            continue
        entity = entities.get(quote.speaker.entity_id) if quote.speaker.entity_id else None
        key = affiliation_key(entity, quote.speaker.name, places, folded)
        words[quote.article_id][key] += len(re.findall(r"\w+", quote.text))
    for framing in report.framing:
        counts = words.get(framing.article_id, Counter())
        total = sum(counts.values())
        framing.voices = {k: round(v / total, 3) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))} if total else {}


def filter_sources(report: StoryReport) -> None:
    """Cited sources are outlets, agencies, bodies and documents, and the authors of
    embedded posts; a person or a country named as a source is a voice, not a source.
    (A place-like name after a publication cue stays: "a piece for The Atlantic".)"""
    by_variant = entity_for_text(report.entities)
    authors = {p.author for a in report.articles for p in a.embedded_posts if p.author}
    for framing in report.framing:
        kept: dict[str, list] = {}
        evidence = {c.name: c.evidence for c in framing.cited_source_evidence}
        for name in framing.cited_sources:
            entity = by_variant.get(normalize(name).lower())
            if name in authors or entity is None or entity.type not in ("PERSON", "GPE"):
                key = entity.name if entity and name not in authors and entity.type not in ("LOC", "FAC") else name
                kept.setdefault(key, []).extend(evidence.get(name, []))
        framing.cited_sources = sorted(kept)
        framing.cited_source_evidence = [
            CitedSource(name=name, evidence=sorted({(s.start, s.end): s for s in spans}.values(), key=lambda s: (s.start, s.end)))
            for name, spans in sorted(kept.items())
        ]


HEDGE_STRENGTH = {"attribution": 0, "evidential": 1, "scare quote": 2, "question": 3, "epistemic": 4}


def ranked_hedges(f: Framing) -> list:
    """Hedges strongest first: the outlet leaving the event to its source ("Russia claimed"),
    distancing words ("alleged"), scare quotes, questions, then its own uncertainty."""
    return sorted(f.hedges, key=lambda h: (HEDGE_STRENGTH.get(h.kind or "", 5), h.start))


def complete_framing(report: StoryReport, analyses) -> None:
    fill_naming(report, analyses)
    fill_voices(report)
    filter_sources(report)
