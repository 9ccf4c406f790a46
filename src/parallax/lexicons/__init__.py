"""Lexicons for framing: each file carries its source and licence in a header.

- ``political_labels.tsv``: curated labels and charged words with an intensity.
- ``hedges.tsv``: hedging, fabrication and certainty expressions (regular expressions).
- ``contested_names.tsv``: place names whose spelling is a political choice (Kiev / Kyiv).
- ``intensifiers.tsv``: curated degree adverbs, absolutes and exaggeration markers.
- ``subjectivity.tsv``: Pattern's adjective subjectivity lexicon (PDDL).
- ``denials.tsv``: denial and rebuttal expressions (regular expressions).
- ``denial_words.tsv``: the words of a denial that names no particular fact ("denied any involvement").
- ``accusations.tsv``: words that hold someone responsible for an act (regular expressions).
- ``disagreements.tsv``: words with which a writer says two named parties disagree.
- ``attacks.tsv``: words with which a writer says one party attacks another and a third defends it.
- ``procedural.tsv``: procedural sentences and transcript chatter (regular expressions).
- ``named_dates.tsv``: holidays and dates that name one event, for time expressions.
- ``boilerplate.tsv``: page furniture (prompts, related links, credits, bios, notices).
- ``stopwords.tsv``: words left out of bag-of-words comparisons, one named list a row;
  ``stop_words("english")`` is spaCy's general list.
- ``reporting.tsv``, ``titles.tsv``, ``speakers.tsv``: reporting cues, words of office, and nouns of
  people, bodies and documents with the labels that name no speaker; read by ``lexicons/speech.py``.
- ``places.tsv``, ``given_names.tsv``: short place names and regions, one-sex given names; read by
  ``parallax.names``.
- VADER's valence lexicon is read from the pinned ``vadersentiment`` package (MIT).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


@lru_cache(maxsize=1)
def political_labels() -> dict[str, tuple[float, str]]:
    """term (lower case) → (intensity 0..1, kind)."""
    return {row[0].lower(): (float(row[1]), row[2]) for row in _rows("political_labels.tsv")}


@lru_cache(maxsize=1)
def multiword_labels() -> re.Pattern:
    terms = sorted((t for t in political_labels() if " " in t or "-" in t), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.I)


@lru_cache(maxsize=1)
def hedge_patterns() -> list[tuple[re.Pattern, str]]:
    """(pattern, kind) with kind hedge, certainty or fabrication."""
    return [(pattern, kind) for pattern, kind, _ in hedge_entries()]


@lru_cache(maxsize=1)
def any_hedge() -> re.Pattern:
    """Every pattern of kind hedge as one alternation: one scan of a text says whether any matches."""
    return re.compile("|".join(f"(?:{pattern.pattern})" for pattern, kind in hedge_patterns() if kind == "hedge") or "(?!)", re.I)


@lru_cache(maxsize=1)
def hedge_entries() -> list[tuple[re.Pattern, str, str]]:
    """(pattern, kind, scope) with scope evidential or epistemic (see the file's header)."""
    return [(re.compile(row[0], re.I), row[1], row[2] if len(row) > 2 else "evidential") for row in _rows("hedges.tsv")]


@lru_cache(maxsize=2)
def hedge_matches(text: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """Per row of ``hedge_entries``, the (start, end) of its matches in ``text``: framing's token
    features and its hedge finder both read them, so an article is scanned once."""
    return tuple(tuple(match.span() for match in pattern.finditer(text)) for pattern, _, _ in hedge_entries())


@lru_cache(maxsize=1)
def contested_names() -> dict[str, frozenset[str]]:
    """form → the other forms it is contested with (lower case)."""
    out: dict[str, set[str]] = {}
    for row in _rows("contested_names.tsv"):
        a, b = row[0].strip().lower(), row[1].strip().lower()
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def intensifiers() -> frozenset[str]:
    return frozenset(row[0].strip().lower() for row in _rows("intensifiers.tsv"))


@lru_cache(maxsize=1)
def subjectivity() -> dict[str, tuple[float, float]]:
    """adjective → (polarity -1..1, subjectivity 0..1)."""
    return {row[0]: (float(row[2]), float(row[3])) for row in _rows("subjectivity.tsv") if row[1] == "JJ"}


@lru_cache(maxsize=1)
def valence() -> dict[str, float]:
    """VADER's word valence (-4..4), from the vadersentiment package."""
    import vaderSentiment

    path = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    out = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                out[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return out


@lru_cache(maxsize=1)
def denial_patterns() -> list[tuple[re.Pattern, str]]:
    """(pattern, kind) with kind act (denied, rejected), disclaimer (nothing to do with), dismissal (false claims)."""
    return [(re.compile(row[0], re.I), row[1]) for row in _rows("denials.tsv")]


@lru_cache(maxsize=1)
def denial_words() -> frozenset[str]:
    """Written forms that make up a denial naming no particular fact; see ``denial_words.tsv``."""
    return frozenset(row[0] for row in _rows("denial_words.tsv"))


@lru_cache(maxsize=1)
def judged_thing_patterns() -> list[re.Pattern]:
    """Dismissals worded as a judgement of the thing said ("the BuzzFeed false story")."""
    return [re.compile(row[0], re.I) for row in _rows("denials.tsv") if row[2:3] == ["judged"]]


@lru_cache(maxsize=1)
def procedural_patterns() -> re.Pattern:
    """One pattern matching sentences that state nothing about the story."""
    return re.compile("|".join(f"(?:{row[0]})" for row in _rows("procedural.tsv")), re.I)


@lru_cache(maxsize=1)
def accusation_patterns() -> re.Pattern:
    """One pattern matching words that hold someone responsible for an act."""
    return re.compile("|".join(f"(?:{row[0]})" for row in _rows("accusations.tsv")), re.I)


@lru_cache(maxsize=None)
def stop_words(name: str) -> frozenset[str]:
    """A named stop-word list of ``stopwords.tsv`` (clustering, calendar, quote_wording), or
    "english": spaCy's general English list, used for claim and sentence similarity."""
    if name == "english":
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)
    lists = {row[0]: frozenset(row[1].split()) for row in _rows("stopwords.tsv")}
    if name not in lists:
        raise KeyError(f"no stop-word list {name!r} in stopwords.tsv ({', '.join(sorted(lists))}, english)")
    return lists[name]


@lru_cache(maxsize=1)
def boilerplate_patterns() -> dict[str, re.Pattern]:
    """name → the case-insensitive pattern of one kind of page furniture, for the cleaner."""
    return {row[0]: re.compile(row[1], re.I) for row in _rows("boilerplate.tsv")}


@lru_cache(maxsize=1)
def disagreement_words() -> dict[tuple[str, str], str]:
    """(lemma, form) → the asserting side ("subject" or "other"); see ``disagreements.tsv``."""
    return {(row[0], row[1]): row[2] for row in _rows("disagreements.tsv") if row[1] != "position"}


@lru_cache(maxsize=1)
def held_positions() -> frozenset[str]:
    """Nouns for a position a party holds ("the CDC's recommendations"); see ``disagreements.tsv``."""
    return frozenset(row[0] for row in _rows("disagreements.tsv") if row[1] == "position")


@lru_cache(maxsize=1)
def attack_words() -> dict[str, frozenset[str]]:
    """role → its lemmas ("attack", "trait", "defend", …); see ``attacks.tsv``."""
    out: dict[str, set[str]] = {}
    for lemma, role in _rows("attacks.tsv"):
        out.setdefault(role, set()).add(lemma)
    return {role: frozenset(lemmas) for role, lemmas in out.items()}
