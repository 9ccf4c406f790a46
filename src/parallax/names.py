"""Knowledge about names, from pinned data packages rather than lists in code.

- Given-name variants (Bill / William, Jim / James) from ``nicknames``
  (Carlton Northern and Nick Crews' hand-curated names.csv, Apache-2.0).
- Countries with their official and short names, other spellings and
  demonyms (Russia / Russian Federation / Russian; United States / USA /
  American) from ``countryinfo`` (MIT), with the short forms and regions it
  leaves out (America, Britain; Crimea / Crimean) in ``lexicons/places.tsv``.
- The plain form of a name as written (``plain_name``): no possessive, leading
  article or title of office, the one normal form that speakers and entities
  share.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _nicknamer():
    try:
        from nicknames import NickNamer
    except ImportError:  # the package is a dependency; without it names only match themselves
        return None
    return NickNamer()


@lru_cache(maxsize=4096)
def given_name_variants(name: str) -> frozenset[str]:
    """Lower-case forms that can name the same person as ``name`` (the name itself included).

    Only direct nickname relations count ("bill" ↔ "william"), never two nicknames of one
    name ("bill" and "bob" are both listed for "robert", but are not the same name)."""
    name = name.lower()
    namer = _nicknamer()
    if namer is None or not name.isalpha():
        return frozenset({name})
    return frozenset({name} | set(namer.nicknames_of(name)) | set(namer.canonicals_of(name)))


# "Justice Department", "State Ministry": a title word before one of these names a body, not a person
INSTITUTION_WORDS = frozenset({"department", "ministry", "agency", "office", "service", "commission", "committee", "bureau",
                               "council", "directorate", "court", "house"})
# generational suffixes: "John Q. Public Jr." is "John Public" when names are compared
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@lru_cache(maxsize=1)
def _title_stems() -> frozenset[str]:
    from parallax.lexicons.speech import title_words

    # a title with or without its abbreviation dot ("Mr." / "Mr", "Dr." / "Dr", "Sen." / "Sen")
    return frozenset(w.rstrip(".") for w in title_words())


def possessive_at(text: str, end: int) -> bool:
    """The name ending at ``end`` in ``text`` is a possessive: it ends in "'s" itself, or "'s" follows
    it ("Pence's chief of staff", "Russia’s ridiculous claim"); it owns what follows, and is not
    the one the words around it are about."""
    return text[end - 2:end] in ("'s", "’s") or text[end:end + 2] in ("'s", "’s")


def plain_name(text: str, matching: bool = False) -> str:
    """A name without possessive, leading article or titles ("Spokeswoman Irina Solak's" →
    "Irina Solak"; "Justice Department" and "State Ministry" keep their first word). With
    ``matching``, generational suffixes and middle initials go too ("John Q. Public Jr." →
    "John Public"), as names are compared across mentions; without it they stay, as written."""
    text = re.sub(r"(?:'s|’s|'|’)$", "", text.strip())
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    words = text.split()
    stems = _title_stems()
    while len(words) > 1 and words[0].lower().rstrip(".") in stems and words[1].lower() != "of" \
            and words[1].lower() not in INSTITUTION_WORDS:
        words = words[1:]
    if matching:
        while len(words) > 1 and words[-1].rstrip(".,").lower() in SUFFIXES:
            words = words[:-1]
        if len(words) >= 3:
            words = [words[0]] + [w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)] + [words[-1]]
    return " ".join(words).strip(" ,.;:-–—")


def _key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


# two-letter country codes that are also English words: never a country when written alone
CODE_WORDS = frozenset("AM AN AS AT BE BY DO GO HE IN IS IT ME MY NO OF ON OR SO TO UP WE".split())


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Normalised country name, spelling, code or demonym → the country's common English name.

    A form claimed by several countries ("American": the United States, American Samoa,
    the Northern Mariana Islands) goes to the country named by it, else the most populous."""
    try:
        folder = resources.files("countryinfo") / "data"
        files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    except (ModuleNotFoundError, FileNotFoundError):
        return {}
    claims: dict[str, list[tuple[bool, int, str]]] = {}
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        name = data.get("name")
        if not isinstance(name, str) or not name:
            continue
        population = data.get("population") if isinstance(data.get("population"), int) else 0
        forms = [name, data.get("demonym") or ""]
        forms += [s for s in data.get("altSpellings") or [] if isinstance(s, str)]
        for form in forms:
            if not form or not re.fullmatch(r"[A-Za-z .,'’()-]+", form):
                continue
            if len(_key(form)) <= 3 and not form.replace(".", "").isupper():
                continue  # short forms only as codes ("US", "UK", "RUS")
            if form in CODE_WORDS:
                continue
            key = _key(form) if len(_key(form)) > 3 else form.replace(".", "").upper()
            claims.setdefault(key, []).append((form == name, population, name))
    out = {key: max(options)[2] for key, options in claims.items()}
    for name, kind, canonical, demonym in _places():
        if kind == "country":
            out.setdefault(_key(name), canonical)
    return out


@lru_cache(maxsize=1)
def _places() -> list[list[str]]:
    from parallax.lexicons import _rows

    return _rows("places.tsv")


@lru_cache(maxsize=1)
def regions() -> dict[str, str]:
    """Region name or demonym (normalised) → the region ("Crimean" → "Crimea"): places that are
    not countries, from ``lexicons/places.tsv`` and the provinces and states in countryinfo."""
    out: dict[str, str] = {}
    for name, kind, canonical, demonym in _places():
        if kind == "region":
            out[_key(name)] = canonical
            if demonym != "-":
                out[_key(demonym)] = canonical
    try:
        folder = resources.files("countryinfo") / "data"
        for path in sorted(folder.iterdir(), key=lambda f: f.name):
            if not path.name.endswith(".json"):
                continue
            provinces = json.loads(path.read_text(encoding="utf-8")).get("provinces")
            if isinstance(provinces, list):
                for province in provinces:
                    if isinstance(province, str) and re.fullmatch(r"[A-Za-z .'-]+", province) and len(province) > 3:
                        out.setdefault(_key(province), province)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        pass
    return out


@lru_cache(maxsize=16384)  # asked for every mention of a story, mostly the same few names
def region_of(text: str) -> str | None:
    """The region a name or demonym stands for ("Crimean" → "Crimea", "Texas" → "Texas")."""
    return regions().get(_key(re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I)))


@lru_cache(maxsize=16384)
def country_of(text: str) -> str | None:
    """The country a name, spelling, code or demonym stands for ("Russian Federation" → "Russia")."""
    text = re.sub(r"^(?:the)\s+", "", text.strip(), flags=re.I).strip()
    key = _key(text)
    if len(key) <= 3:
        return countries().get(text.replace(".", "").upper()) if text.replace(".", "").isupper() else None
    return countries().get(key)


@lru_cache(maxsize=1)
def _given_name_sex() -> dict[str, str]:
    from parallax.lexicons import _rows

    return {name: sex for name, sex in _rows("given_names.tsv")}


def given_name_sex(name: str) -> str | None:
    """"f" or "m" for a given name that is overwhelmingly one sex in US birth records
    (``lexicons/given_names.tsv``), else None."""
    return _given_name_sex().get(name.lower().rstrip("."))
