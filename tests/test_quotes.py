"""Quote extraction on short constructed articles: each test names one construction."""

import pytest

from parallax.api import analyze
from parallax.model import Article


def quotes_of(text: str):
    article = Article(id="a1", text=text, word_count=len(text.split()))
    report = analyze([article])
    return report.quotes


def one(quotes, needle):
    hits = [q for q in quotes if needle in q.text]
    assert hits, f"no quote containing {needle!r} in {[q.text for q in quotes]}"
    return min(hits, key=lambda q: q.end - q.start)


def test_direct_quote_with_inverted_attribution_and_role():
    text = '"We will rebuild the bridge by June," Transport Minister Ana Ruiz told reporters on Monday.'
    q = one(quotes_of(text), "rebuild the bridge")
    assert q.kind == "direct" and q.cue == "told" and q.speaker.name == "Ana Ruiz"
    assert text[q.start:q.end] == q.text


def test_split_quote_keeps_one_speaker():
    text = '"The money is there," Mayor Tom Ellis said. "What we lack is time."'
    quotes = quotes_of(text)
    assert one(quotes, "money is there").speaker.name == "Tom Ellis"
    assert one(quotes, "What we lack").speaker.name == "Tom Ellis"


def test_pronoun_resolves_to_the_earlier_person():
    text = ('Health Minister Sara Lind opened the clinic on Friday. '
            'She said the waiting lists would be cut in half within a year.')
    q = one(quotes_of(text), "waiting lists")
    assert q.kind == "indirect" and q.speaker.name == "Sara Lind"


def test_curly_quotes_across_paragraphs():
    text = ('The union leader Piet Vos spoke for an hour. “We have waited long enough.\n\n'
            '“Our members will strike on Monday,” he said.')
    quotes = quotes_of(text)
    assert one(quotes, "strike on Monday").speaker.name == "Piet Vos"


def test_scare_quote_is_not_speech():
    text = 'The council called the plan a success, but residents say the so-called "consultation" lasted a day.'
    assert not any(q.text.strip('"') == "consultation" for q in quotes_of(text))


def test_partial_quote_inside_indirect_speech_keeps_the_speaker():
    text = 'Prime Minister Tomas Halden said the country would respond "in a measured way" once the inquiry ends.'
    q = one(quotes_of(text), "in a measured way")
    assert q.speaker.name == "Tomas Halden"


def test_according_to_gives_the_source():
    text = 'According to the weather agency Metra, the storm will reach the coast by Sunday evening.'
    q = one(quotes_of(text), "storm will reach")
    assert q.cue == "according to" and "Metra" in q.speaker.name


def test_denial_with_a_short_object():
    text = 'The government says the fire was arson; the opposition party denies any involvement.'
    q = one(quotes_of(text), "any involvement")
    assert q.kind == "indirect" and q.cue == "denies"


def test_unmarked_first_person_speech_before_attribution():
    text = ('I would simply tell you that the report is false. We had nothing to do with it, '
            'spokesman Carl Berg said on Tuesday.')
    q = one(quotes_of(text), "nothing to do with it")
    assert q.kind == "unmarked" and q.speaker.name == "Carl Berg"


def test_institution_speaks_through_its_statement():
    text = ('The Interior Ministry issued a statement on Monday. '
            '"Order has been restored in all districts," the statement said.')
    q = one(quotes_of(text), "Order has been restored")
    assert "Ministry" in q.speaker.name


@pytest.mark.parametrize("text", ["", "No quotes here at all.", '"', '""', "“unclosed quote at the end"])
def test_degenerate_inputs_do_not_crash(text):
    if text:
        quotes_of(text)


def test_speech_carried_by_a_noun():
    text = "Moscow's claim that Kyiv acted on foreign orders was rejected by Washington on Friday."
    q = one(quotes_of(text), "Kyiv acted")
    assert q.kind == "indirect" and q.speaker.name == "Moscow" and q.cue == "claim"


def test_reported_beliefs_and_stances():
    quotes = quotes_of("Senator Ruth Vale believes that the treaty will pass next month. "
                       "The union condemned the decision to close the northern plant.")
    assert one(quotes, "treaty will pass").speaker.name == "Ruth Vale"
    assert "union" in one(quotes, "decision to close").speaker.name.lower()


def test_phrasal_cue_and_main_clause_subject():
    text = ('Muhammad Ali died on Friday.\n\nAndrew Hale took his daughter to the museum to explain who Ali was.\n\n'
            'He said: "He was strong, and I hope I can be like that one day." '
            '"It happens," Hale went on.')
    quotes = quotes_of(text)
    assert one(quotes, "He was strong").speaker.name == "Andrew Hale"
    assert one(quotes, "It happens").speaker.name == "Andrew Hale" and one(quotes, "It happens").cue == "went"


def test_transcript_turns_are_quotes_of_the_labelled_person():
    text = ("The briefing was chaired by Ms. Karine Jean-Pierre.\n\n"
            "Q    Has the administration confirmed the drone attack on the Kremlin?\n\n"
            "MS. JEAN-PIERRE:  We are aware of the reports but are unable to confirm them.\n\n"
            "Go ahead, Mary.\n\n"
            "Q    Could Russia use this as a pretext?\n\n"
            "MS. JEAN-PIERRE:  I don't want to speculate from here.")
    quotes = quotes_of(text)
    answer = one(quotes, "unable to confirm them")
    assert answer.is_turn and not answer.is_question and answer.kind == "unmarked"
    assert answer.speaker.name == "Karine Jean-Pierre" and answer.speaker_span.text == "MS. JEAN-PIERRE"
    assert "Go ahead, Mary." in answer.text
    question = one(quotes, "Has the administration confirmed")
    assert question.is_turn and question.is_question and question.speaker.name == "reporter"


def test_interview_labels_and_answers():
    text = ("C-Span: What is the United States' position on such attacks?\n\n"
            "Blinken: We simply don't know what happened, and I won't speculate.\n\n"
            "C-Span: So the United States would not criticise them?\n\n"
            "A: These are decisions for Ukraine to make.")
    quotes = quotes_of(text)
    assert one(quotes, "position on such attacks").is_question
    assert one(quotes, "simply don't know").speaker.name == "Blinken"
    assert one(quotes, "decisions for Ukraine").speaker.name == "Blinken"


def test_a_lone_label_line_is_not_a_transcript():
    quotes = quotes_of("Published: June 9, 2027\n\nNote: the bridge reopened on Monday after repairs were finished.")
    assert not any(q.is_turn for q in quotes)


def test_block_quote_after_a_statement_colon_is_that_speaker():
    text = ("The state water company Hydrorlen said in a statement:\n\n"
            "The dam is stable and there is no immediate danger of a breach.\n\n"
            "Residents were not convinced.")
    q = one(quotes_of(text), "no immediate danger")
    assert q.kind == "unmarked" and q.speaker.name == "Hydrorlen"
    assert not any("not convinced" in q.text for q in quotes_of(text))


def test_statement_announced_before_a_quoted_paragraph():
    text = ("At Brazile's direction, the DNC issued a statement apologizing to Sanders for the emails.\n\n"
            "\u201cOn behalf of everyone at the DNC, we want to offer a deep and sincere apology to Senator Sanders.\u201d")
    assert one(quotes_of(text), "sincere apology").speaker.name == "DNC"


def test_partial_quote_with_a_speaker_is_a_quote_but_a_distanced_phrase_is_not():
    quotes = quotes_of('Energy Minister Pavel Kovar called the timing of the warning "a grave mistake". '
                       'The so-called "safety review" was a formality, critics say.')
    assert one(quotes, "a grave mistake").speaker.name == "Pavel Kovar"
    assert not any(q.text.strip('"') == "safety review" for q in quotes)


def test_attribution_after_the_mark_with_a_long_apposition():
    text = ("Morton Blackwell endorsed Cruz last week.\n\n"
            "\u201cYes, I support Ted Cruz,\u201d Brent Bozell III, founder of the Media Research Center, tells Breitbart News.")
    assert one(quotes_of(text), "I support Ted Cruz").speaker.name == "Brent Bozell"  # the suffix drops out of the entity name


def test_a_bare_surname_shared_by_two_people_is_the_main_one():
    text = ("Hillary Clinton spoke in Iowa on Monday. Clinton and her husband, former President Bill Clinton, "
            "attended the dinner.\n\n\u201cI did know him,\u201d Clinton said.")
    assert one(quotes_of(text), "I did know him").speaker.name == "Hillary Clinton"


def test_running_quote_carries_over_a_paragraph_only_when_it_continues():
    text = ("\u201cWe lost everything in an hour,\u201d said Lucia Ferrer, a baker.\n\n"
            "\u201cNobody told us where to go.\u201d\n\n"
            "Clinton seemed ready to riff on the incident, and the crowd laughed: \u201cSome people get carried away.\u201d")
    quotes = quotes_of(text)
    assert one(quotes, "Nobody told us").speaker.name == "Lucia Ferrer"
    some = one(quotes, "Some people get")
    assert some.speaker is None or some.speaker.name != "Lucia Ferrer"


def test_pronoun_goes_to_the_latest_main_subject_not_a_claim_owner():
    text = ("Biden rubbished Trump's claim to understand the middle class.\n\n"
            "\u201cTo repeat myself, it's a bunch of malarkey,\u201d he said.")
    assert one(quotes_of(text), "bunch of malarkey").speaker.name == "Biden"


def test_descriptions_point_to_the_named_holder_of_the_title():
    quotes = quotes_of("Judge Richard Berman took a short recess.\n\n"
                       "When he returned, the judge said, \u201cI do not think it is necessary to go to jail.\u201d\n\n"
                       "Sen. Ruth Vale voted no. Later the senator told reporters, \u201cThis bill is a mistake.\u201d")
    assert one(quotes, "go to jail").speaker.name == "Richard Berman"
    assert one(quotes, "bill is a mistake").speaker.name == "Ruth Vale"


def test_a_document_or_a_headline_is_no_speaker():
    quotes = quotes_of("A headline on the front page read, \u201cThe war is over and the troops come home.\u201d")
    assert one(quotes, "The war is over").speaker is None


def test_a_weak_verb_introducing_a_long_quote_is_its_cue():
    text = ("\u201cThe inquiry\u2019s findings don\u2019t hold weight. They are wrong,\u201d said flood survivor Terry Vance.\n\n"
            "She continued, \u201cFor us, the families and survivors, all we are asking for is an opportunity to have "
            "our case heard in a courtroom. Denying us justice is wrong.\u201d")
    q = one(quotes_of(text), "all we are asking for")
    assert q.cue == "continued" and q.speaker.name == "Terry Vance"


def test_the_nearest_verb_of_saying_frames_a_quote():
    # the quoted words are the mayor's and the governor's, as reported by others
    quotes = quotes_of("Aide Jo Park said that Mayor Ken Bell told the council, \u201cWe will not raise taxes this year, "
                       "whatever the auditors say about the deficit.\u201d Deputies said Governor Ana Ruiz had warned them "
                       "that \u201cthe reserves will be gone by winter if nothing changes in the budget.\u201d")
    told = one(quotes, "not raise taxes")
    assert told.cue == "told" and told.speaker.name == "Ken Bell"
    warned = one(quotes, "reserves will be gone")
    assert warned.cue == "warned" and warned.speaker.name == "Ana Ruiz"


def test_a_gendered_word_near_a_name_but_not_of_it_does_not_set_its_gender():
    # "chairman" is the headline's subject, not Ellen Marsh's title
    text = "Former chairman calls for Ellen Marsh to step aside.\n\n\u201cI will not go anywhere,\u201d she said."
    assert one(quotes_of(text), "not go anywhere").speaker.name == "Ellen Marsh"


def test_topic_verbs_report_their_object():
    quotes = quotes_of("Mayor Lina Ortiz cited rising steel costs as the reason for the delay. "
                       "Councillor Ben Amos likened the contract to a blank cheque.")
    cited = one(quotes, "rising steel costs")
    assert cited.kind == "indirect" and cited.cue == "cited" and cited.speaker.name == "Lina Ortiz"
    likened = one(quotes, "blank cheque")
    assert likened.cue == "likened" and likened.speaker.name == "Ben Amos"


def test_views_held_by_a_predicate_are_reported():
    quotes = quotes_of("Senator Lindsey Graham has been critical of the new trade pact. "
                       "Ms. Vale, who is a staunch opponent of the death penalty, voted no. "
                       "The bridge was critical to the city's economy.")
    critical = one(quotes, "new trade pact")
    assert critical.kind == "indirect" and critical.speaker.name == "Lindsey Graham"
    assert one(quotes, "death penalty").speaker.name == "Vale"
    assert not any("economy" in q.text for q in quotes)


def test_what_was_never_cited_and_what_a_group_showed_are_no_reports():
    quotes = quotes_of("Trump never cited a source for the figure. The group showed the film to voters. "
                       "Recent polls show a close race in the state.")
    assert not any("source" in q.text or "film" in q.text for q in quotes)
    assert one(quotes, "close race").cue == "show"


def test_a_relative_pronoun_speaks_for_the_name_it_follows():
    quotes = quotes_of("Hillary Novak spoke on Monday. Dana Whitmore, who said the dam had been unsafe for years, "
                       "testified later.")
    assert one(quotes, "dam had been unsafe").speaker.name == "Dana Whitmore"


def test_a_report_named_by_its_outlet_and_a_ruling():
    quotes = quotes_of("Politifact ruled that the claim about the bridge was false. "
                       "Officials questioned a Daily Ledger report that the mayor had resigned in March.")
    assert one(quotes, "claim about the bridge").speaker.name == "Politifact"
    assert any("mayor had resigned" in q.text for q in quotes)


def test_a_surname_tagged_as_an_organisation_is_a_person_by_its_title():
    # spaCy tags "Priebus" ORG; the title in apposition says it is a person, whom "he" points back to
    text = ("Donald Trump spoke in Ohio on Monday.\n\nReince Priebus, the GOP chairman, this past week announced "
            "the creation of a website to explain the process.\n\n"
            "\u201cIt is a tool for voters to learn about delegates,\u201d he said.")
    assert "Priebus" in one(quotes_of(text), "tool for voters").speaker.name


def test_they_stands_for_a_group_never_one_named_person():
    text = ("\u201cWe will keep the plant open,\u201d said Mark Olsen, the plant manager.\n\n"
            "Critics of the plan, like Senators Ann Ross and Paul Dunn, want the plant shut. "
            "\u201cThe program is plagued by waste and should end this year,\u201d they wrote.")
    speaker = one(quotes_of(text), "plagued by waste").speaker
    assert speaker is not None and speaker.name != "Mark Olsen"


def test_the_clause_after_the_cue_is_its_content():
    text = ("Writing for a Daily Ledger panel that all agreed Vale won the debate, Tom Reed noted that "
            "the way she carried herself was critical to her success.")
    q = one(quotes_of(text), "the way she carried herself")
    assert q.cue == "noted" and q.speaker.name == "Tom Reed" and not q.text.startswith("Writing")


def test_a_disclosure_is_reported_speech():
    q = one(quotes_of("On Sunday her campaign disclosed that Senator Vale has pneumonia."), "has pneumonia")
    assert q.kind == "indirect" and q.cue == "disclosed"


def test_speech_after_a_colon_stops_where_marked_speech_begins():
    text = ('Mayor Dana Whitlock attacked the audit as a "sham," adding: "Nobody asked me. Just read the figures!" '
            'Auditor Priya Nand, who joined the office in 2009, wrote that the review was routine. Several council '
            'members said the dispute would delay the budget vote until spring.')
    quotes = quotes_of(text)
    q = one(quotes, "Nobody asked me")
    assert q.kind == "direct"
    assert not any(x.kind == "unmarked" and "Priya Nand" in x.text for x in quotes)


def test_a_quote_whose_closing_mark_was_lost_ends_at_its_attribution(nlp):
    from parallax.article.quotes import extract_quotes
    from parallax.model import Article
    text = ("“The president’s double standard is appalling, Chuck Schumer said. The memo was released on Friday with no "
            "redactions. Democrats said the memo was “a political hit job,” and Nancy Pelosi agreed.")
    article = Article(id="lost", outlet="Wire", text=text, word_count=len(text.split()))
    quotes = extract_quotes(article, nlp(text), {})
    first = next(q for q in quotes if q.text.startswith("The president"))
    assert first.text == "The president’s double standard is appalling," and first.speaker.name == "Chuck Schumer"
    assert not any("released on Friday" in q.text for q in quotes if q.kind == "direct")
