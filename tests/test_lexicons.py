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
