"""Time expressions (TimeML TIMEX3 type and value) and the timeline built from them.

Each rule a careful editor applies has a gold case here: a weekday on the
publication day, the future tense, the year rollover, named historical
dates, and dates inside quotes of earlier statements.
"""

from __future__ import annotations

from datetime import date

import pytest

from parallax.article import ArticleAnalysis, analyze_article
from parallax.article.time import QuoteSpan, extract_times, tag
from parallax.evaluation.timebank import match, read_tml, score_document, split_of
from parallax.model import Article, Claim, EntityRef, Quote, Span, StoryReport

WEDNESDAY = date(2010, 12, 8)


def values(nlp, text: str, published: date | None, quotes=()) -> dict[str, tuple[str, str]]:
    """expression text → (type, value)."""
    return {t.text: (t.type, t.value) for t in tag(text, nlp(text), published, quotes)}


def test_weekday_on_the_publication_day_is_that_day(nlp):
    text = "The minister resigned on Wednesday. On Wednesday evening his deputy said the cabinet would meet on Wednesday."
    found = tag(text, nlp(text), WEDNESDAY)
    assert [t.value for t in found] == ["2010-12-08", "2010-12-08TEV", "2010-12-08"]


def test_tense_points_weekdays_back_or_forward(nlp):
    tuesday = date(2010, 12, 7)
    assert values(nlp, "The vote could come as early as Thursday.", tuesday)["Thursday"] == ("DATE", "2010-12-09")
    assert values(nlp, "The minister will travel to Paris on Monday.", tuesday)["Monday"] == ("DATE", "2010-12-13")
    assert values(nlp, "The minister travelled to Paris on Monday.", tuesday)["Monday"] == ("DATE", "2010-12-06")
    assert values(nlp, "Talks are scheduled to resume on Friday.", tuesday)["Friday"] == ("DATE", "2010-12-10")
    assert values(nlp, "Police arrested him last Friday.", tuesday)["last Friday"] == ("DATE", "2010-12-03")
    assert values(nlp, "The offer had been due to expire Friday.", tuesday)["Friday"] == ("DATE", "2010-12-03")
    assert values(nlp, "Concern may have caused the drop in its stock on Friday.", tuesday)["Friday"] == ("DATE", "2010-12-03")
    # a date before the "that" of a clause is no part of it, wherever the parser hung it
    said = values(nlp, "Clinton, meantime, glossed over warnings from Moscow on Monday that strikes could do harm.", tuesday)
    assert said["Monday"] == ("DATE", "2010-12-06")
    # the simple present of a plan looks ahead; of a report, back
    assert values(nlp, "The two leaders meet separately Monday.", tuesday)["Monday"] == ("DATE", "2010-12-13")
    assert values(nlp, "Smith says Monday that the talks failed.", tuesday)["Monday"] == ("DATE", "2010-12-06")
    # a date between the reporting verb and what it reports dates the saying
    said = values(nlp, "The mayor said at a news conference Monday the president will visit the city Friday.", tuesday)
    assert said["Monday"] == ("DATE", "2010-12-06") and said["Friday"] == ("DATE", "2010-12-10")


def test_year_rolls_over_for_next_year_and_back_for_last(nlp):
    december = date(2010, 12, 20)
    assert values(nlp, "The new tax will take effect on January 1.", december)["January 1"] == ("DATE", "2011-01-01")
    assert values(nlp, "The old tax took effect on January 1.", december)["January 1"] == ("DATE", "2010-01-01")
    january = date(2011, 1, 4)
    assert values(nlp, "The fire broke out on Dec. 30.", january)["Dec. 30"] == ("DATE", "2010-12-30")
    assert values(nlp, "Elections are due in March.", january)["March"] == ("DATE", "2011-03")


def test_named_historical_dates_keep_their_year(nlp):
    article_day = date(2011, 9, 8)
    found = values(nlp, "Security has been tight since the Sept. 11 attacks, and post-9/11 rules still apply.", article_day)
    assert found["Sept. 11"] == ("DATE", "2001-09-11")
    assert found["9/11"] == ("DATE", "2001-09-11")
    # without a cue word it is an ordinary date of the article's year
    assert values(nlp, "The council will meet on Sept. 11 to vote.", article_day)["Sept. 11"] == ("DATE", "2011-09-11")
    # a score or a fraction is no date
    assert "3/4" not in values(nlp, "Turnout was 3/4 of last year's.", article_day)


def test_dates_inside_a_quote_count_from_the_day_it_was_spoken(nlp):
    friday = date(2023, 5, 5)
    text = '"The drones attacked us yesterday," Peskov said on Wednesday.'
    cue = text.index("said")
    quote = QuoteSpan(1, text.index(',"'), cue, cue + 4)
    found = {t.text: t for t in tag(text, nlp(text), friday, [quote])}
    assert found["Wednesday"].value == "2023-05-03"
    assert found["yesterday"].value == "2023-05-02" and found["yesterday"].anchor == "quote"
    # without the quote it would be the day before publication
    assert values(nlp, "The drones attacked us yesterday.", friday)["yesterday"] == ("DATE", "2023-05-04")


def test_an_undated_past_quote_gives_its_days_no_date(nlp):
    text = '"Today we informed Congress of the sanctions," the spokeswoman said in a statement. Congress meets on Friday.'
    article = Article(id="a1", text=text, published="2018-01-30")
    analysis = analyze_article(article, nlp(text))
    found = {t.text: t for t in analysis.times}
    assert found["Today"].date is None and found["Today"].value == "PRESENT_REF"
    assert found["Friday"].date == "2018-02-02"
    # said in the present, the words are the report's own day
    text = '"Today we informed Congress," the spokeswoman says.'
    today = next(t for t in analyze_article(Article(id="a2", text=text, published="2018-01-30"), nlp(text)).times)
    assert today.date == "2018-01-30"


def test_anaphoric_and_generic_days_need_a_day_to_count_from(nlp):
    april = date(2020, 4, 7)
    found = values(nlp, "The memo was dated the same day that Trump named the task force. He acted the next day.", april)
    assert found["the same day"] == ("DATE", "XXXX-XX-XX") and found["the next day"] == ("DATE", "XXXX-XX-XX")
    found = values(nlp, "Navarro wrote a memo on Jan. 29. The next day, Trump blocked travel from China.", april)
    assert found["The next day"] == ("DATE", "2020-01-30")
    found = values(nlp, "Nobody attacks on a sleepy Sunday night. They held a rally Sunday.", april)
    assert found["Sunday night"] == ("TIME", "XXXX-WXX-7TNI") and found["Sunday"] == ("DATE", "2020-04-05")


def test_quote_anchor_through_the_article_stage(nlp):
    text = 'Kyiv denied the claim. "We were not involved today," the spokesman said on Monday.'
    article = Article(id="a1", text=text, published="2023-05-05")
    analysis = analyze_article(article, nlp(text))
    today = next(t for t in analysis.times if t.text == "today")
    assert today.date == "2023-05-01" and today.anchor == "quote"


def test_an_embedded_post_counts_from_its_own_date(nlp):
    from parallax.model import EmbeddedPost

    post = "Today our forces struck back. — Defence Ministry (@mod) May 1, 2023"
    text = "The ministry posted a statement.\n\n" + post + "\n\nOfficials confirmed it on Thursday."
    start = text.index(post)
    article = Article(id="a1", text=text, published="2023-05-05",
                      embedded_posts=[EmbeddedPost(text=post, date="2023-05-01", start=start, end=start + len(post))])
    found = {t.text: t for t in extract_times(article, nlp(text))}
    assert found["Today"].date == "2023-05-01" and found["Today"].anchor == "quote"
    assert found["Thursday"].date == "2023-05-04"


def test_timeml_values(nlp):
    found = values(nlp, "Profit rose in the third quarter from a year earlier. Last week the firm said it had "
                        "lost money for three days and now plans to report every Tuesday until the 1990s end.", date(1989, 10, 26))
    assert found["the third quarter"] == ("DATE", "1989-Q3")
    assert found["a year earlier"] == ("DATE", "1988-Q3")
    assert found["Last week"] == ("DATE", "1989-W42")
    assert found["three days"] == ("DURATION", "P3D")
    assert found["now"] == ("DATE", "PRESENT_REF")
    assert found["every Tuesday"] == ("SET", "XXXX-WXX-2")
    assert found["the 1990s"] == ("DATE", "199")
    assert values(nlp, "Losses will last through at least the first two quarters of 1990.", date(1989, 10, 26))[
        "at least the first two quarters of 1990"] == ("DATE", "1990-H1")


def test_anaphoric_days_count_from_the_last_date_mentioned(nlp):
    text = "The ceasefire began on March 3, 2011. The next day, rebels attacked at 0800 GMT."
    found = {t.text: t for t in tag(text, nlp(text), date(2011, 3, 10))}
    assert found["March 3, 2011"].value == "2011-03-03" and found["March 3, 2011"].anchor == "absolute"
    assert found["The next day"].value == "2011-03-04" and found["The next day"].anchor == "reference"
    assert found["0800 GMT"].value == "2011-03-04T08:00"


def test_without_a_publication_date_nothing_relative_gets_a_date(nlp):
    found = values(nlp, "The shop closed on Tuesday and reopens at Christmas. It was founded on March 3, 1998.", None)
    assert found["Tuesday"] == ("DATE", "XXXX-WXX-2")
    assert found["Christmas"] == ("DATE", "XXXX-12-25")
    assert found["March 3, 1998"] == ("DATE", "1998-03-03")


def test_calendar_values():
    from parallax.article.time.values import duration, period

    assert period("week", date(2010, 1, 3)).value == "2009-W53"  # ISO weeks cross the new year
    assert period("weekend", date(2010, 12, 7)).value == "2010-W49-WE"
    assert period("quarter", date(1989, 10, 26)).shift(-1, "year").value == "1988-Q4"
    assert period("season", date(2010, 1, 1), season="WI").value == "2010-WI"
    assert period("decade", date(2000, 5, 1)).value == "200" and period("century", date(1989, 1, 1)).value == "19"
    assert duration(2.5, "Y", False) == "P2Y6M" and duration(None, "D", False) == "PXD" and duration(90, "M", True) == "PT90M"


def test_holidays_follow_the_tense(nlp):
    december = date(2010, 12, 20)
    found = values(nlp, "The family will gather on Christmas Eve, as it did last Christmas.", december)
    assert found["Christmas Eve"] == ("DATE", "2010-12-24")
    assert found["last Christmas"] == ("DATE", "2009-12-25")
    assert values(nlp, "Shops opened on Easter Sunday.", date(2011, 5, 2))["Easter Sunday"] == ("DATE", "2011-04-24")


def test_offsets_are_exact(nlp):
    text = "On Tuesday night, around 11 p.m., the lights went out; by 8 a.m. Wednesday power was back.\n\nIn 2019 it was worse."
    for t in tag(text, nlp(text), WEDNESDAY):
        assert text[t.start:t.end] == t.text


# --------------------------------------------------------------------------- the timeline


def story(nlp, texts: list[tuple[str, str | None, str]], claim_snippets: list[tuple[int, str, str]], cues=()):
    """Articles, their analyses, hand-made claims (article index, snippet, group id) and reporting
    verbs (article index, cue word, speaker entity id) → the report with its timeline."""
    from parallax.story.timeline import build_timeline, time_expressions

    articles, analyses, claims = [], [], []
    for i, (outlet, published, text) in enumerate(texts):
        article = Article(id=f"a{i}", outlet=outlet, published=published, text=text)
        doc = nlp(text)
        analysis = ArticleAnalysis(article_id=article.id)
        analysis.times = extract_times(article, doc)
        articles.append(article)
        analyses.append(analysis)
    for n, (i, snippet, group) in enumerate(claim_snippets):
        start = texts[i][2].index(snippet)
        claims.append(Claim(id=f"c{n}", article_id=f"a{i}", start=start, end=start + len(snippet), text=snippet,
                            holder=EntityRef(name="own"), voice="own", polarity="asserts", group_id=group))
    quotes = []
    for n, (i, cue, speaker) in enumerate(cues):
        start = texts[i][2].index(cue)
        quotes.append(Quote(id=f"q{n}", article_id=f"a{i}", start=0, end=start, text=texts[i][2][:start], kind="indirect",
                            speaker=EntityRef(entity_id=speaker, name=speaker),
                            cue_span=Span(article_id=f"a{i}", start=start, end=start + len(cue), text=cue)))
    report = StoryReport(articles=articles, claims=claims, quotes=quotes)
    report.time_expressions = time_expressions(analyses)
    report.timeline = build_timeline(articles, analyses, report)
    return report


def test_outlets_dating_one_event_differently_are_flagged(nlp):
    report = story(nlp, [
        ("Wire", "2010-12-09", "Police arrested the former mayor on Tuesday in his home town, officials said."),
        ("Daily", "2010-12-09", "Police arrested the former mayor on Wednesday in his home town, according to officials."),
    ], [(0, "Police arrested the former mayor on Tuesday in his home town", "g1"),
        (1, "Police arrested the former mayor on Wednesday in his home town", "g1")])
    [event] = report.timeline
    assert event.conflicts == ["2010-12-07 by Wire; 2010-12-08 by Daily"]
    assert {s.article_id for s in event.sources} == {"a0", "a1"}
    assert sorted(e.text for e in event.expressions) == ["Tuesday", "Wednesday"]
    assert event.claim_group_id == "g1"


def test_only_a_confident_group_joins_outlets(nlp):
    from parallax.model import ClaimGroup
    from parallax.story.timeline import build_timeline

    report = story(nlp, [
        ("Wire", "2010-12-09", "Police arrested the former mayor on Tuesday in his home town, officials said."),
        ("Daily", "2010-12-09", "Police questioned the former mayor on Wednesday about the contracts."),
    ], [(0, "Police arrested the former mayor on Tuesday in his home town", "g1"),
        (1, "Police questioned the former mayor on Wednesday about the contracts", "g1")])
    assert len(report.timeline) == 1 and report.timeline[0].conflicts
    report.claim_groups = [ClaimGroup(id="g1", label="arrest", confidence_level="possible")]
    analyses = [ArticleAnalysis(article_id=a.id, times=extract_times(a, nlp(a.text))) for a in report.articles]
    events = build_timeline(report.articles, analyses, report)
    assert len(events) == 2 and not any(e.conflicts for e in events)


def test_agreeing_outlets_share_one_event_and_statements_stay_apart(nlp):
    report = story(nlp, [
        ("Wire", "2010-12-09", "The bridge was closed on Tuesday after the flood, the engineer said on Wednesday."),
        ("Daily", "2010-12-09", "Floodwater forced the bridge to close on Tuesday, the city said."),
    ], [(0, "The bridge was closed on Tuesday after the flood", "g1"),
        (1, "Floodwater forced the bridge to close on Tuesday", "g1")])
    days = [(e.date, sorted({s.article_id for s in e.sources})) for e in report.timeline]
    assert days == [("2010-12-07", ["a0", "a1"]), ("2010-12-08", ["a0"])]
    assert not any(e.conflicts for e in report.timeline)


def test_the_same_minute_from_two_outlets_is_one_event(nlp):
    report = story(nlp, [
        ("Wire", "2010-12-09", "The outage began at around 11 p.m. local time on Tuesday and cut power to 40,000 homes."),
        ("Daily", "2010-12-09", "Electricity went off at around 11pm on Tuesday."),
    ], [])
    [event] = report.timeline
    assert (event.date, event.time) == ("2010-12-07", "23:00") and {s.article_id for s in event.sources} == {"a0", "a1"}


def test_one_speakers_dated_statement_is_one_event_across_outlets(nlp):
    report = story(nlp, [
        ("Wire", "2010-12-09", "Energy Minister Aleksandr Varga said on Wednesday that hackers had entered the grid."),
        ("Daily", "2010-12-09", "Hackers broke into the national grid weeks ago, Varga told parliament on Wednesday."),
    ], [], cues=[(0, "said", "e-varga"), (1, "told", "e-varga")])
    [event] = report.timeline
    assert event.date == "2010-12-08" and {s.article_id for s in event.sources} == {"a0", "a1"}


def test_an_empty_timeline_says_why(nlp):
    coarse = story(nlp, [("Wire", "2010-12-09", "The company was founded in 2019 and grew fast last year, its owner says.")], [])
    assert coarse.timeline == []
    assert any("no time expression names a single day" in w for w in coarse.warnings)
    undated = story(nlp, [("Blog", None, "The company said on Tuesday that it would close its doors for good.")], [])
    assert undated.timeline == []
    assert any("no publication date" in w for w in undated.warnings)
    assert undated.time_expressions[0].value == "XXXX-WXX-2"


def test_short_sentences_date_events_but_update_lines_do_not(nlp):
    report = story(nlp, [("Wire", "2010-12-09", "Updated 3:45 p.m. Dec. 9\n\nThe mayor resigned on Tuesday.\n\n"
                                               "Good riddance.\n— Jane Roe (@janeroe) December 8, 2010")], [])
    assert [(e.date, e.text) for e in report.timeline] == [("2010-12-07", "The mayor resigned on Tuesday.")]


def test_full_dates_alone_still_make_a_timeline(nlp):
    report = story(nlp, [("Archive", None, "The treaty was signed in Paris on March 3, 1998, after years of talks between the two states.")], [])
    assert [e.date for e in report.timeline] == ["1998-03-03"]


def test_report_time_expressions_have_exact_offsets(example_report):
    texts = {a.id: a.text for a in example_report.articles}
    assert example_report.time_expressions
    for t in example_report.time_expressions:
        assert texts[t.article_id][t.start:t.end] == t.text
    assert {"DATE", "TIME", "DURATION"} <= {t.type for t in example_report.time_expressions}


# --------------------------------------------------------------------------- the TimeBank scorer


TML = """<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-13" functionInDocument="CREATION_TIME">19980213</TIMEX3></DCT>
<TEXT>The talks <EVENT eid="e1">ended</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-02-12">Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.</TEXT>
</TimeML>
"""


def test_timeml_reader_and_scores(tmp_path, nlp):
    path = tmp_path / "X1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = read_tml(path)
    assert doc.dct == date(1998, 2, 13)
    assert [(doc.text[g.start:g.end], g.type, g.value) for g in doc.gold] == [("Thursday", "DATE", "1998-02-12"), ("three days", "DURATION", "P3D")]
    system = tag(doc.text, nlp(doc.text), doc.dct)
    counts = score_document(doc, system)
    assert counts["timex.detection (relaxed)"] == {"tp": 2, "fp": 0, "fn": 0}
    assert counts["timex.value DATE/TIME"] == {"tp": 1, "fp": 0, "fn": 0}
    assert split_of("X1") in ("dev", "test") and split_of("X1") == split_of("X1")


def test_overlap_matching_is_one_to_one():
    class S:
        def __init__(self, start, end):
            self.start, self.end = start, end

    gold = [S(0, 10), S(12, 20)]
    assert match(gold, [S(5, 15)]) == [(0, 0)]
    assert match(gold, [S(0, 10), S(0, 3)], strict=True) == [(0, 0)]


def test_broken_timeml_is_one_clear_error(tmp_path):
    from parallax.evaluation.timebank import TimeMLError

    path = tmp_path / "bad.tml"
    path.write_text("<TimeML><TEXT>no dct</TEXT></TimeML>", encoding="utf-8")
    with pytest.raises(TimeMLError, match="bad.tml"):
        read_tml(path)


def test_timebank_command(tmp_path):
    import json
    import subprocess
    import sys
    from pathlib import Path

    parallax = str(Path(sys.executable).with_name("parallax"))
    (tmp_path / "X1.tml").write_text(TML, encoding="utf-8")
    ok = subprocess.run([parallax, "evaluate", "--timebank", str(tmp_path), "--format", "json"], capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stderr
    metrics = json.loads(ok.stdout)["metrics"]
    assert metrics["timex.detection (relaxed)"]["f1"] == 1.0
    (tmp_path / "broken.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    bad = subprocess.run([parallax, "evaluate", "--timebank", str(tmp_path)], capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0 and "broken.tml" in bad.stderr


def test_a_day_after_publication_told_in_the_past_is_no_event_but_a_plan_is(nlp):
    report = story(nlp, [("Wire", "2015-09-13", "The council approved the budget on Friday after a long debate. "
                                               "Members of the council met voters in Reno on Nov. 5, 2016, a caption said. "
                                               "The council will vote on the final plan on Sept. 21, 2015.")], [])
    assert [e.date for e in report.timeline] == ["2015-09-11", "2015-09-21"]
