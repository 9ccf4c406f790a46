"""Property tests: nothing crashes the reader, offsets always map back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parallax.errors import InputError
from parallax.read.clean import clean_text
from parallax.read.decode import decode_bytes
from parallax.read.sources import RawDocument, ReadOptions, ReadResult
from parallax.spans import raw_offset

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.binary(max_size=4000))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        text = decode_bytes(data, "x")
    except InputError:
        return
    clean_text(text)


@SETTINGS
@given(st.text(max_size=3000))
def test_offsets_round_trip(raw: str) -> None:
    result = clean_text(raw)
    for offset, char in enumerate(result.text):
        if char.isspace():
            continue
        assert raw[raw_offset(result.source_map, offset)] == char


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=0, max_size=1500))
def test_whole_build_never_crashes(text: str) -> None:
    from parallax.read.build import build_articles

    result = ReadResult()
    build_articles([RawDocument(origin="prop", text=text)], ReadOptions(), result)
    assert len(result.articles) + len(result.failures) + len(result.skipped) == 1
    for article in result.articles:
        for post in article.embedded_posts:
            assert 0 <= post.start <= post.end <= len(article.text)
