"""Metadata dates: page date lines, post signatures and records' ``published`` share one parser."""

from parallax.dates import normalize_date, parse_date


def test_page_date_lines_may_leave_the_day_out_but_post_signatures_may_not():
    assert parse_date("Wednesday, 3 May 2023") == parse_date("Wednesday, 3 May 2023", strict=True) == "2023-05-03"
    assert parse_date("May 2023") == "2023-05-01"
    assert parse_date("May 2023", strict=True) is None


def test_relative_words_are_never_dated_by_the_clock():
    for text in ("yesterday", "two days ago", "today"):
        assert parse_date(text) is None
        assert parse_date(text, strict=True) is None


def test_record_dates_are_cut_to_the_day():
    assert normalize_date(" 2023-05-03T10:00:00Z") == "2023-05-03"
    assert normalize_date("May 3, 2023") == "2023-05-03"
    assert normalize_date("") is None and normalize_date(None) is None and parse_date("no date here") is None
