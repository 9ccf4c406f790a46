"""Metadata found in the text itself."""

from __future__ import annotations

import pytest

from parallax.read import ReadOptions, read_inputs
from parallax.read.clean import split_lines
from parallax.read.meta import find_metadata

BODY = "\n\nThe council voted on Monday to close the old bridge after engineers found cracks in two pillars.\n"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Friday, May 05, 2023 - 09:20 PM", "2023-05-05"),
        ("date 2023-05-05", "2023-05-05"),
        ("Published: May 5, 2023", "2023-05-05"),
        ("First published on May 3, Updated on May 4, 2023", "2023-05-03"),
        ("Posted on 12 March 2026", "2026-03-12"),
        ("Updated: March 14, 2026 at 10:05 a.m. ET", "2026-03-14"),
    ],
)
def test_publication_date_forms(line: str, expected: str) -> None:
    meta = find_metadata(split_lines("Bridge closed after cracks found in pillars\n" + line + BODY))
    assert meta.published == expected
    assert "publication date line" in meta.metadata_lines.values()


def test_title_byline_and_masthead() -> None:
    raw = "The Harbour Gazette\nNews you can trust\n\nBridge Closed After Engineers Find Cracks\n\nBy Anna Kowalski\nPublished: June 2, 2025" + BODY
    meta = find_metadata(split_lines(raw))
    assert meta.title == "Bridge Closed After Engineers Find Cracks"
    assert meta.author == "Anna Kowalski"
    assert meta.outlet == "The Harbour Gazette"
    assert meta.published == "2025-06-02"


def test_unsure_fields_stay_null() -> None:
    raw = "The council voted on Monday to close the old bridge after engineers found cracks, officials said.\n\nMore text follows here about the bridge."
    meta = find_metadata(split_lines(raw))
    assert meta.title is None and meta.author is None and meta.published is None and meta.outlet is None


def test_outlet_from_dateline_copyright_and_self_reference(tmp_path) -> None:
    wire = tmp_path / "wire.txt"
    wire.write_text("Bridge shut after cracks found\n\nLISBON, June 2 (Harbor Wire) - The council closed the bridge on Monday, officials said, citing cracks.\n")
    blog = tmp_path / "blog.txt"
    blog.write_text("Bridge shut after cracks found\n\nThe council closed the bridge, which is a scandal [emphasis XB], and nobody resigned over it at all.\n")
    articles = {a.path.split("/")[-1]: a for a in read_inputs([str(tmp_path)], ReadOptions(keep_duplicates=True)).articles}
    assert articles["wire.txt"].outlet == "Harbor Wire"
    assert articles["blog.txt"].outlet == "XB"
