"""Character ranges and the clean→raw offset map."""

from parallax.read import read_inputs
from parallax.spans import overlap, overlaps, raw_offset


def test_ranges_share_characters_only_when_they_overlap():
    assert overlap(0, 10, 5, 20) == overlap(5, 20, 0, 10) == 5
    assert overlap(0, 5, 5, 9) == 0 and not overlaps(0, 5, 5, 9)  # touching is not overlapping
    assert overlap(0, 5, 7, 9) == 0 and not overlaps(0, 5, 7, 9)
    assert overlap(2, 4, 0, 10) == 2 and overlaps(2, 4, 0, 10)


def test_clean_offsets_find_their_raw_text(tmp_path):
    raw = "Subscribe to our newsletter!\n\n   The  bridge closed on   Tuesday, officials said.\n"
    (tmp_path / "a.txt").write_text(raw, encoding="utf-8")
    article = read_inputs([str(tmp_path / "a.txt")]).articles[0]
    assert article.text == "The bridge closed on Tuesday, officials said."
    for word in ("bridge", "Tuesday", "officials"):
        start = article.text.index(word)
        raw_start = raw_offset(article.source_map, start)
        assert raw[raw_start:raw_start + len(word)] == word
    assert raw_offset([], 7) == 7
