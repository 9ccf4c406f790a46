"""Cleaner rules: each kind of boilerplate goes with its reason; content stays."""

from __future__ import annotations

import pytest

from parallax.read.clean import clean_text
from parallax.spans import raw_offset


def removed_reasons(raw: str) -> dict[str, str]:
    return {r.text: r.reason for r in clean_text(raw).removed}


PROSE = (
    "The regional council voted on Monday to close the old bridge after engineers found deep cracks in two of its pillars.\n\n"
    "Residents will have to use a ferry for at least six months, officials said, while a temporary crossing is built.\n\n"
    "\"We had no choice. The bridge was no longer safe,\" council leader Maria Ortiz told reporters after the vote.\n\n"
    "Local businesses warned that the closure could cost them thousands of customers over the summer season.\n\n"
)


@pytest.mark.parametrize(
    ("line", "reason_word"),
    [
        ("Subscribe to our newsletter for the latest updates.", "subscribe"),
        ("Follow us on Instagram and Twitter and join our Telegram channel.", "subscribe"),
        ("Click the share button above to email this article to your friends.", "subscribe"),
        ("READ MORE:", "related"),
        ("Related Articles", "related"),
        ("Discover more from The Morning Ledger", "trailer"),
        ("© 2024 The Morning Ledger. All rights reserved.", "copyright"),
        ("Featured image: © Jane Smith/Agency", "image"),
        ("(Photo: John Doe/Reuters)", "image"),
        ("aerial-view-of-the-old-bridge-closed-after-cracks-found-in-pillars", "slug"),
        ("Disclaimer: The views expressed are the author's own.", "disclaimer"),
        ("About the author: Sam Lee is a freelance journalist based in Lisbon.", "bio"),
        ("https://example.org/some/page", "link"),
        ("@morningledger", "link"),
        ("***", "separator"),
        ("(Reporting by Ana Diaz; Editing by Tom Reed)", "credits"),
        ("The Associated Press contributed to this report.", "credits"),
    ],
)
def test_boilerplate_line_removed_with_reason(line: str, reason_word: str) -> None:
    raw = PROSE + line + "\n"
    reasons = removed_reasons(raw)
    assert line in reasons, f"not removed: {line!r}"
    assert reason_word in reasons[line].lower()


@pytest.mark.parametrize(
    "line",
    [
        # Prose that merely mentions site vocabulary is content.
        "CNN has reached out to the State Department and the White House to comment on the minister's remarks.",
        "The newspaper said it would share the documents with investigators, according to its editor.",
        "\"Subscribe to nothing, believe nothing,\" the activist said at the rally on Sunday.",
        "Follow-up inspections found that the cracks had widened by two millimetres since March.",
        "The photographer, who asked not to be named, said police had seized her camera.",
        "Copyright lawyers for the museum said the images had been used without permission, the court heard.",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    raw = line + "\n\n" + PROSE
    result = clean_text(raw)
    assert line in result.text, [r.model_dump() for r in result.removed]


def test_quoted_speech_is_never_removed() -> None:
    raw = PROSE + "\"Share this with everyone you know,\" the mayor said, urging residents to spread the warning.\n"
    assert "Share this with everyone" in clean_text(raw).text


def test_whitespace_normalized_and_offsets_map_back() -> None:
    raw = "\ufeffFirst   line\twith  gaps.\r\n\r\n\r\n   Second line.  \n"
    result = clean_text(raw.lstrip("\ufeff"))
    assert result.text == "First line with gaps.\n\nSecond line."
    source = raw.lstrip("\ufeff")
    for offset, char in enumerate(result.text):
        if not char.isspace():
            assert source[raw_offset(result.source_map, offset)] == char


def test_repeated_lines_across_batch_are_furniture() -> None:
    raw = PROSE + "Standing up for common sense since 1999\n"
    result = clean_text(raw, repeated={"Standing up for common sense since 1999"})
    assert any("repeated" in r.reason for r in result.removed)


def test_a_whole_article_on_one_line_is_never_removed() -> None:
    raw = " ".join([PROSE.replace("\n\n", " ")] * 3) + " Copyright lawyers disagreed. Subscribe to nothing."
    result = clean_text(raw)
    assert not result.removed and result.text.startswith("The regional council")


def test_shared_sentences_are_not_furniture() -> None:
    shared = "Hillary Clinton has won the Democratic primary in Ohio, earning her third win of the night."
    result = clean_text(PROSE + shared + "\nLike the page:\n", repeated={shared, "Like the page:"})
    assert shared in result.text
    assert "Like the page:" not in result.text


@pytest.mark.parametrize(
    "line",
    [
        "Two years ago, a company he created made a $5,000 donation to the campaign committee.",
        "He will likely be able to sign up more major donors and score a few endorsements.",
        "“A slow economy has us on an unsustainable path,” the website explains. “The truth is we need change.”",
    ],
)
def test_reported_marketing_words_are_content(line: str) -> None:
    assert line in clean_text(PROSE + line + "\n" + PROSE).text


def test_lead_in_imperative_is_a_prompt() -> None:
    line = "For more, sign up for the Morning Ledger newsletter."
    assert line not in clean_text(PROSE + line + "\n").text


def test_a_title_run_into_the_first_paragraph_is_its_own_line():
    from parallax.read.clean import assemble, split_lines
    raw = "Trump Accuses FDA Of Playing Politics President Trump on Wednesday decried the new guidelines.\nMore text follows here."
    lines = split_lines(raw, "Trump Accuses FDA Of Playing Politics")
    assert [line.text for line in lines[:2]] == ["Trump Accuses FDA Of Playing Politics", "President Trump on Wednesday decried the new guidelines."]
    cleaned = assemble(lines, {})
    for clean_start, raw_start, length in cleaned.source_map:
        assert cleaned.text[clean_start:clean_start + length] == raw[raw_start:raw_start + length]


def test_a_wire_photo_caption_inside_a_paragraph_is_cut_out_and_the_rest_kept() -> None:
    raw = ("The vote came after months of protests. FILE PHOTO: Protesters march past the county court in San Jose, "
           "California, U.S. June 2, 2018. REUTERS/Jane Doe/File Photo The recall was the first in 80 years.")
    result = clean_text(raw)
    assert [r.reason for r in result.removed] == ["image credit or caption"]
    assert result.text == "The vote came after months of protests.\n\nThe recall was the first in 80 years."
    at = result.text.index("The recall")
    assert raw[raw_offset(result.source_map, at):].startswith("The recall")
    # a sentence that only mentions a photo stays whole
    kept = "The senator said the photo: a fake, made by REUTERS/rivals, was never his."
    assert clean_text(kept).text == kept


def test_a_story_link_inside_a_paragraph_and_a_labelled_headline_line_are_furniture() -> None:
    raw = ("The senator said the reforms would not change much. ( Also on POLITICO: Public split on the program) "
           "He spoke on Friday.\n\nRELATED: Why the reform push is a bad idea for the party\n\nThe vote is next week.")
    result = clean_text(raw)
    assert sorted(r.reason for r in result.removed) == ["related-links prompt", "related-links prompt"]
    assert result.text == "The senator said the reforms would not change much.\n\nHe spoke on Friday.\n\nThe vote is next week."
    # a parenthesis of the article's own stays
    kept = "The mayor (also on the board: since 2019) voted no."
    assert clean_text(kept).text == kept
