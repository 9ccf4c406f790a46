"""Lexicons are data files with a header naming their source and licence, read through one loader."""

from pathlib import Path

import pytest

from parallax import lexicons

FILES = sorted(Path(lexicons.__file__).parent.glob("*.tsv"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_lexicon_names_its_source_and_licence(path):
    header = [line.lower() for line in path.read_text(encoding="utf-8").splitlines()[:15] if line.startswith("#")]
    assert any("source" in line for line in header), f"{path.name}: no Source line in its header"
    assert any("licence" in line or "license" in line for line in header), f"{path.name}: no Licence line in its header"


def test_stop_word_lists_are_named_and_distinct():
    clustering, calendar, wording = (lexicons.stop_words(n) for n in ("clustering", "calendar", "quote_wording"))
    assert {"said", "according", "reported"} <= clustering and "bridge" not in clustering
    assert {"monday", "sept", "yesterday"} <= calendar and not calendar & {"the", "said"}
    assert wording < lexicons.stop_words("english")  # the quote list is a small part of the general one
    with pytest.raises(KeyError, match="no stop-word list 'french'"):
        lexicons.stop_words("french")


def test_literal_starts_skip_only_scans_that_find_nothing() -> None:
    """A pattern is not run over a text lacking every word it begins with; what is found stays the same."""
    import random
    import re

    from parallax.article.claims import denial_match
    from parallax.lexicons import denial_patterns, folded, hedge_entries, hedge_matches, literal_starts, may_match

    assert literal_starts(re.compile(r"\b(?:not|never)\s+(?:been\s+)?involved\b", re.I)) == {"not", "never"}
    assert literal_starts(re.compile(r"\bclaims?\b", re.I)) == {"claim"}
    assert literal_starts(re.compile(r"^\W*lying\b", re.I)) is None
    assert literal_starts(re.compile(r"\b(?:a|the)?\s*sham\b", re.I)) is None  # an optional start: no literal start
    assert folded("İnvolved") is None and not may_match(frozenset({"hoax"}), folded("A real story"))

    def first_denial(text):
        best = None
        for pattern, kind in denial_patterns():
            match = pattern.search(text)
            if match and (best is None or match.start() < best[1]):
                best = (kind, match.start())
        return best

    words = ("Denied NOT involved nothing to do with FALSE claims hoax fake news allegedly Reportedly could not be "
             "confirmed without evidence probably of course ſtaged ınvolved İn K the he said “that” it’s").split()
    rng = random.Random(5)
    for _ in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
        assert denial_match(text) == first_denial(text), text
        assert hedge_matches(text) == tuple(tuple(m.span() for m in p.finditer(text)) for p, _, _ in hedge_entries()), text
