"""HTML and Markdown reports: self-contained, complete, and safe with hostile article text."""

from html.parser import HTMLParser

import pytest

from parallax.api import analyze
from parallax.model import Article, StoryReport
from parallax.render.html import render_html, safe_url, script_json
from parallax.render.markdown import render_markdown

HOSTILE = (
    '<script>alert("x")</script> Officials said on Monday that the </textarea> bridge was closed. '
    '"We will reopen it <img src=x onerror=alert(1)> soon," Mayor Ann Lee said. '
    'Read more at javascript:alert(2) &amp; &lt;b&gt; \u2028 </script><script>alert(3)</script>'
)


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attributes = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes += attrs


@pytest.fixture(scope="module")
def hostile_report():
    articles = [
        Article(id="h1", outlet='<b onmouseover="alert(4)">Evil</b>', title="<script>alert(5)</script>", url="javascript:alert(6)",
                published="2026-06-04", text=HOSTILE, word_count=40),
        Article(id="h2", outlet="Plain", title="Bridge closed", url="https://example.org/a", published="2026-06-04",
                text='Officials said on Monday that the bridge was closed. "We will reopen it soon," Mayor Ann Lee said.', word_count=20),
    ]
    return analyze(articles)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def test_html_is_self_contained_and_complete(example_report):
    html = render_html(example_report)
    for anchor in ("overview", "summary", "matrix", "disputes", "who", "framing", "timeline", "evidence"):
        assert f'id="{anchor}"' in html
    tags = parse(html)
    assert "link" not in tags.tags and "iframe" not in tags.tags
    assert not any(name == "src" and value and value.startswith("http") for name, value in tags.attributes)
    assert "@import" not in html and "url(" not in html


def test_hostile_text_cannot_run_or_break_the_page(hostile_report):
    html = render_html(hostile_report)
    tags = parse(html)
    assert tags.tags.count("script") == 2  # the data block and the page script, nothing else
    assert "img" not in tags.tags and "textarea" not in tags.tags
    assert not any(name.startswith("on") for name, _ in tags.attributes)
    assert not any(name == "href" and "javascript" in (value or "").lower() for name, value in tags.attributes)
    data_block = html.split('id="report-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and "\u2028" not in data_block


def test_markdown_escapes_hostile_text(hostile_report):
    text = render_markdown(hostile_report)
    import re

    assert not re.search(r"(?<!\\)<(?:script|img)", text)
    assert "](javascript" not in text


def test_helpers():
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert "<" not in script_json({"a": "</script><b>"})


def small_report():
    """A hand-made report with one item per section: rendering needs no pipeline."""
    from parallax.model import ClaimGroup, Dispute, QuoteGroup, QuoteVariant, Span, SummarySentence, TimelineEvent

    a = Article(id="a1", outlet="Gazette", title="Bridge shut", published="2026-06-04", text="The bridge was shut on Tuesday.",
                word_count=6)
    b = Article(id="a2", outlet="Courier", title="Span closed", published="2026-06-04", text="Officials closed the span.",
                word_count=4)
    return StoryReport(
        articles=[a, b],
        summary=[SummarySentence(text="The bridge was shut on Tuesday.", sources=[Span(article_id="a1", start=0, end=31,
                                                                                         text=a.text)])],
        claim_groups=[ClaimGroup(id="g1", label="the bridge was shut", coverage={"a1": "reported", "a2": "hedged"},
                                 confidence=0.91),
                      ClaimGroup(id="g2", label="a second span may close", coverage={"a1": "reported"},
                                 confidence_level="possible", confidence=0.4)],
        disputes=[Dispute(id="d1", label="the dam failed", asserted_by=["Mayor Lee"], denied_by=["Hydra Power"],
                          assertion_reported_in=["a1"], denial_reported_in=["a2"])],
        quote_groups=[QuoteGroup(id="q", speaker="Mayor Lee", quote_ids=["q1", "q2"], article_ids=["a1", "a2"], variants=[
            QuoteVariant(quote_id="q1", article_id="a1", text="We will reopen it soon"),
            QuoteVariant(quote_id="q2", article_id="a2", text="We will reopen it",
                         diff=[("equal", "We will reopen it", "We will reopen it"), ("delete", " soon", "")])])],
        timeline=[TimelineEvent(date="2026-06-02", text="the bridge was shut", sources=[Span(article_id="a2", start=0, end=8,
                                                                                             text="Official")])],
    )


def sections_of(markdown: str) -> dict[str, str]:
    parts = markdown.split("\n## ")[1:]
    return {part.split("\n", 1)[0]: part.split("\n", 1)[1] for part in parts}


def test_markdown_sections_show_their_items_with_their_outlets():
    sections = sections_of(render_markdown(small_report()))
    assert list(sections) == ["Articles", "Neutral summary", "Agreement", "Disputes", "Who said what", "Timeline"]
    assert "| Gazette | Bridge shut | 2026-06-04 | 6 |" in sections["Articles"]
    assert "- The bridge was shut on Tuesday. *(Gazette)*" in sections["Neutral summary"]
    agreement = sections["Agreement"].split("### Possible (less sure)")
    assert "| the bridge was shut | 0.91 | ● | ◐ |" in agreement[0]  # reported by one, hedged by the other
    assert "| a second span may close | 0.40 | ● | · |" in agreement[1]  # the possible tier, apart
    assert "| the dam failed | Mayor Lee | Hydra Power | Gazette | Courier |" in sections["Disputes"]
    who = sections["Who said what"]
    assert "**Mayor Lee**" in who and "- Courier: “We will reopen it”" in who and "wording: We will reopen it[-soon-]" in who
    assert "| 2026-06-02 | the bridge was shut | Courier |" in sections["Timeline"]


def test_markdown_leaves_out_what_the_report_does_not_have():
    report = small_report()
    report.claim_groups, report.disputes, report.timeline = [], [], []
    assert list(sections_of(render_markdown(report))) == ["Articles", "Neutral summary", "Who said what"]


def test_every_registered_format_renders_and_is_a_cli_choice(hostile_report):
    import json

    from typer.testing import CliRunner

    from parallax.cli import app
    from parallax.render import FORMATS, Format, get_renderer

    assert [f.value for f in Format] == list(FORMATS) == ["text", "json", "markdown", "html"]
    outputs = {fmt: get_renderer(fmt)(hostile_report) for fmt in Format}
    assert json.loads(outputs[Format.json])["articles"][1]["outlet"] == "Plain"
    assert "<script>alert" not in outputs[Format.html] and "<script>alert" not in outputs[Format.markdown]
    assert "Bridge closed" in outputs[Format.text] and "\x1b[" not in outputs[Format.text]  # plain text, no colour codes
    with pytest.raises(ValueError, match="unknown format 'pdf'"):
        get_renderer("pdf")
    refused = CliRunner().invoke(app, ["report", "s1", "--format", "pdf"])
    assert refused.exit_code == 2 and "'pdf' is not one of" in refused.output
