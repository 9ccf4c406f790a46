"""Speaker resolution on short constructed texts: the quote stage alone on one parse, one construction per test."""

from parallax.article.quotes import analyze_quotes
from parallax.model import Article


def quotes_of(nlp, text: str):
    return analyze_quotes(Article(id="a1", text=text), nlp(text)).quotes


def speaker_of(quotes, needle: str) -> str | None:
    hits = [q for q in quotes if needle in q.text]
    assert hits, f"no quote containing {needle!r} in {[q.text for q in quotes]}"
    q = min(hits, key=lambda q: q.end - q.start)
    return q.speaker.name if q.speaker else None


def test_a_subject_inside_reported_words_is_no_antecedent(nlp):
    text = ("Sarah Jenkins said Clinton does not show enough concern for rural voters.\n\n"
            "\u201cShe comes here once every four years,\u201d she said.")
    assert speaker_of(quotes_of(nlp, text), "once every four years") == "Sarah Jenkins"


def test_a_person_introduced_with_a_role_right_before_a_quote_speaks_it(nlp):
    text = ("\u201cThe turnout will be low,\u201d said Peter Hall, a retired teacher.\n\n"
            "Low turnout is something that worries Daniel Ruiz, chairman of the county party.\n\n"
            "\u201cWe need volunteers at every door,\u201d he said.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "turnout will be low") == "Peter Hall"
    assert speaker_of(quotes, "volunteers at every door") == "Daniel Ruiz"


def test_an_introduction_in_the_speakers_own_sentence_does_not_take_over(nlp):
    text = ("Mayor Lena Brandt criticised Tom Ekberg, head of the port authority, on Monday. "
            "\u201cHe has failed the city,\u201d she said.")
    assert speaker_of(quotes_of(nlp, text), "failed the city") == "Lena Brandt"


def test_a_document_named_for_its_publisher_speaks_for_it(nlp):
    text = ("Two decades ago, a Times article praised the mayor for the city's recovery.\n\n"
            "\u201cBusiness leaders honored the mayor yesterday for the comeback of the decade,\u201d the article read.")
    assert speaker_of(quotes_of(nlp, text), "comeback of the decade") == "Times"


def test_a_sentence_opening_with_the_cue_names_the_speaker_after_it(nlp):
    text = ("Economists doubt the plan will pass. Said Ellis: \u201cI don\u2019t see the votes for it in the Senate.\u201d")
    assert speaker_of(quotes_of(nlp, text), "votes for it") == "Ellis"


def test_as_someone_put_it(nlp):
    text = ("As Maria Gomez, a tax lawyer in Denver, put it, \u201cDid he lower his taxes legally or not?\u201d")
    assert speaker_of(quotes_of(nlp, text), "lower his taxes") == "Maria Gomez"


def test_a_cue_in_a_clause_of_time_does_not_take_the_quote(nlp):
    text = ("The ad ends with footage of Governor Ray Dunn saying during the debate, \u201cThat makes me a very smart man,\u201d "
            "when Senator Alice Moreau attacked him for not paying taxes.")
    assert speaker_of(quotes_of(nlp, text), "very smart man") == "Ray Dunn"


def test_an_unnamed_group_is_no_pronoun(nlp):
    text = ("\u201cThe code is a mess,\u201d said Ryan Ellis, a tax adviser.\n\n"
            "But some note that the governor has proposed little in the way of reform.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "proposed little") == "some"


def test_an_unnamed_woman_is_the_antecedent_of_she(nlp):
    text = ("A woman walked in with her son. Mayor Tom Hale greeted them. "
            "The woman said, \u201cWe have waited for hours.\u201d She added that the clinic was closed.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "waited for hours") == "woman"
    assert speaker_of(quotes, "clinic was closed") == "woman"


def test_a_bare_shared_surname_is_the_namesake_named_last_as_a_subject(nlp):
    text = ("Hillary Clinton spoke first. Hillary Clinton thanked the volunteers. "
            "Later Bill Clinton took the stage.\n\n\u201cWe are ready,\u201d Clinton said.")
    assert speaker_of(quotes_of(nlp, text), "We are ready") == "Bill Clinton"


def test_the_paper_told_is_the_addressee_not_the_speaker(nlp):
    quotes = quotes_of(nlp, "\u201cThe strike was ordered from Kyiv,\u201d US officials told the New York Times on Friday. "
                            "Senator Ruth Vale told the Washington Post that the plan would fail.")
    assert speaker_of(quotes, "ordered from Kyiv") == "US officials"
    assert speaker_of(quotes, "plan would fail") == "Ruth Vale"


def test_a_spaced_mark_after_a_nested_quote_closes_the_quote(nlp):
    text = ("\"I've always been insulted with the term 'outreach,' \" Mayor Dan Scott told the group. "
            "\"You got a choice,\" he said.")
    quotes = quotes_of(nlp, text)
    first = next(q for q in quotes if "insulted" in q.text)
    assert "told the group" not in first.text and first.speaker.name == "Dan Scott"


def test_a_headline_naming_someone_before_a_colon_gives_the_quote_to_them(nlp):
    text = ("A lesson from Loretta Lynch: \u2018Be the voice that people hear.\u2019\n\n"
            "As a young lawyer, Loretta E. Lynch was asked to present her research to a client.")
    assert speaker_of(quotes_of(nlp, text), "voice that people hear") == "Loretta E. Lynch"  # the fullest name the article uses


def test_a_dash_signature_after_a_quote_with_a_nested_quote(nlp):
    text = ("\u201cHe is a bully.\u201d \u2015 Veronica Cruz\n"
            "\u201cI\u2019d rather live in what he calls \u201chell\u201d than in a world where he is president.\u201d \u2015 Adriana Rodarte\n"
            "\u201cHe answers to no one.\u201d \u2015 Ana Ruiz")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "is a bully") == "Veronica Cruz"
    assert speaker_of(quotes, "rather live") == "Adriana Rodarte"


def test_quoted_words_a_stance_is_taken_in_are_the_subjects(nlp):
    text = "In an August speech, Senator Mark Ellison attacked \u201cthe hateful ideology of the regime\u201d and its allies."
    assert speaker_of(quotes_of(nlp, text), "hateful ideology") == "Mark Ellison"


def test_a_ruling_or_an_ad_speaks_for_nobody_named_nearby(nlp):
    text = ("Secretary of State Jon Husted said he would appeal.\n\n"
            "\u201cA state cannot purge voters for failing to vote in one election,\u201d said the ruling.\n\n"
            "The spot concludes with the candidate\u2019s rival speaking.")
    assert speaker_of(quotes_of(nlp, text), "cannot purge voters") is None


def test_a_cue_set_off_by_commas_reports_the_clause_around_it(nlp):
    text = "Senator Tom Reyes spoke for an hour. All of this, he acknowledges, could be undone at the ballot box."
    q = next(q for q in quotes_of(nlp, text) if "undone" in q.text)
    assert q.kind == "indirect" and q.speaker.name == "Tom Reyes"


def test_what_a_poll_shows_and_finds(nlp):
    quotes = quotes_of(nlp, "Polling averages show the mayor with a lead in the low single digits. "
                            "In the previous Gazette poll, conducted in early May, the mayor led by five points among likely voters.")
    shown = next(q for q in quotes if "with a lead" in q.text)
    assert shown.speaker.name == "Polling averages"
    found = next(q for q in quotes if "led by five points" in q.text)
    assert found.text.startswith("the mayor led") and "poll" in found.speaker.name


def test_a_sentence_opening_in_a_place_or_time_is_no_finding(nlp):
    assert not quotes_of(nlp, "In the morning, the mayor left for Paris with his aides and two advisers.")


def test_a_headline_source_and_its_claim(nlp):
    quotes = quotes_of(nlp, "Poll: Mayor and challenger in dead heat heading into first debate\n\nThe race is close.")
    assert speaker_of(quotes, "dead heat") == "Poll"
    assert not quotes_of(nlp, "Update: the bridge is closed again today\n\nThe council met on Monday.")


def test_views_and_wishes(nlp):
    quotes = quotes_of(nlp, "Critics of the program, like Senator Charles Grassley, see reauthorization of the program as "
                            "an opportunity to fix it. Senate Democrats want policies that create more revenue. "
                            "Mayor Ann Holt saw the new tram on Friday.")
    assert speaker_of(quotes, "as an opportunity") == "Critics"
    assert speaker_of(quotes, "policies that create") == "Democrats"
    assert not any("tram" in q.text for q in quotes)


def test_reported_words_the_parser_took_for_an_adverbial_or_a_relative_clause(nlp):
    quotes = quotes_of(nlp, "Senator Ted Cruz spoke first. Governor Mark Dunn said after the convention he would not accept "
                            "the endorsement. In Honolulu, President Ana Reyes told a meeting of island leaders that few "
                            "people understood the stakes of climate change better than they did.")
    assert speaker_of(quotes, "would not accept") == "Mark Dunn"
    assert speaker_of(quotes, "understood the stakes") == "Ana Reyes"


def test_an_owned_noun_of_speech_and_what_it_is_about(nlp):
    quotes = quotes_of(nlp, "Moscow's denial of any involvement in the attack was swift. The report of the committee was long.")
    assert speaker_of(quotes, "any involvement") == "Moscow"
    assert not any("committee" in q.text for q in quotes)


def test_a_cue_between_commas_after_a_fronted_phrase(nlp):
    text = "In recent days, advisers to the governor say, the governor has grown exasperated with the race."
    assert speaker_of(quotes_of(nlp, text), "the governor has grown") == "advisers"


def test_an_aside_with_words_of_its_own_hanging_on_a_subject(nlp):
    text = ("Ed Schultz joined the network in 2015. The difference now, he told me on Friday, "
            "is that he is the anchor of a straight news program.")
    q = next(q for q in quotes_of(nlp, text) if "anchor" in q.text)
    assert q.kind == "indirect" and q.speaker.name == "Ed Schultz"


def test_knowing_reports_a_clause_but_not_an_object_and_you_is_nobody(nlp):
    quotes = quotes_of(nlp, "Governor Mark Dunn knows there are voters all over this state who think in these stark terms. "
                            "Mayor Tom Hale knows the city well. You know when it is worth paying more for a school.")
    assert speaker_of(quotes, "voters all over") == "Mark Dunn"
    assert not any("the city" in q.text or "worth paying" in q.text for q in quotes)


def test_a_document_is_its_writers_and_leaked_papers_are_not_their_bodys(nlp):
    quotes = quotes_of(nlp, "Peter Navarro wrote two memos. A second memo that Mr. Navarro wrote, dated Feb. 23, warned of "
                            "an \u201cincreasing probability of a full-blown pandemic that could infect millions of Americans.\u201d "
                            "Kevin Roberts answered by email. \u201cThe governor believes vaccines protect children,\u201d Roberts' email said.")
    assert speaker_of(quotes, "full-blown pandemic") == "Peter Navarro"
    assert speaker_of(quotes, "vaccines protect") == "Kevin Roberts"


def test_a_relative_or_negative_pronoun_names_nobody(nlp):
    quotes = quotes_of(nlp, "The governor met with those who oppose vaccinations. Nobody knew there would be a pandemic of this size.")
    assert all(q.speaker is None or q.speaker.name.lower() not in ("who", "nobody") for q in quotes)


def test_newspapers_told_in_a_list_are_the_addressees_not_the_speaker(nlp):
    text = ("US officials likewise told the New York Times, Washington Post and other newspapers that "
            "the United States did not know about the attacks beforehand.")
    assert speaker_of(quotes_of(nlp, text), "did not know about the attacks") == "US officials"


def test_a_title_in_quotation_marks_is_no_namesake_of_the_person(nlp):
    text = ("Arriving Monday: \u201cCitizen Vale,\u201d an independent documentary film about Governor Ruth Vale, "
            "directed by Tom Ash.\n\n\u201cWorkers built this state,\u201d Vale said in a statement on Monday.")
    assert speaker_of(quotes_of(nlp, text), "Workers built this state") == "Ruth Vale"


def test_notes_about_a_film_speak_for_nobody(nlp):
    text = ("The film opens on Friday in Boston. \u201cIn this cinematic feast, we witness a man trying to escape "
            "his beginnings,\u201d said production notes for the new movie.")
    assert speaker_of(quotes_of(nlp, text), "cinematic feast") is None


def test_a_figure_cited_from_a_statistics_body_is_not_its_speech(nlp):
    text = ("According to the Bureau of Labor Statistics, there are 147.4 million people who work full- or part-time. "
            "The Bureau of Labor Statistics said it hopes to keep its normal schedule this month.")
    quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if "147.4 million" in q.text]
    assert speaker_of(quotes, "normal schedule") == "Bureau of Labor Statistics"


def test_a_party_word_describes_the_person_named_before(nlp):
    text = ("Senate Majority Leader Mitch McConnell spoke on Tuesday.\n\n"
            "\u201cIf they fail, they fail. It is not the Senate\u2019s job,\u201d the Kentucky Republican said.\n\n"
            "Sen. Lindsey Graham criticized the inquiry. \u201cThis is a lynching in every sense,\u201d the South Carolina Republican said.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "they fail") == "Mitch McConnell"
    assert speaker_of(quotes, "lynching") == "Lindsey Graham"


def test_a_document_without_its_owner_keeps_the_writer_named_where_it_first_appeared(nlp):
    text = ("A second memo that Mr. Navarro wrote, dated Feb. 23, warned of a pandemic.\n\n"
            "The second memo, which circulated around the West Wing and was obtained by The Times, urged an "
            "immediate supplemental spending appropriation from Congress of at least $3 billion.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "supplemental spending appropriation") == "Navarro"
    assert all(q.speaker is None or "memo" not in q.speaker.name for q in quotes)


def test_unnamed_reports_are_nobody(nlp):
    text = ("Peter Navarro laid out the warning in a memo in late January, according to reports. "
            "Officials said the memo was sent to the National Security Council.")
    assert all(q.speaker is None or q.speaker.name != "reports" for q in quotes_of(nlp, text))


def test_the_person_before_a_participle_speaks_not_the_subject_above_it(nlp):
    text = "The ad uses footage of Maria Lopez asking, \u201cWhy aren\u2019t we fifty points ahead, you might ask?\u201d"
    assert speaker_of(quotes_of(nlp, text), "fifty points ahead") == "Maria Lopez"


def test_who_after_a_list_of_names_is_the_last_name(nlp):
    text = ("The guests included officials like Mayor Tom Ash and celebrities like Will Smith, Patti LaBelle and "
            "Stevie Wonder, who joked of the museum, \u201cI haven\u2019t seen it yet, but I\u2019m going to.\u201d")
    assert speaker_of(quotes_of(nlp, text), "seen it yet") == "Stevie Wonder"


def test_she_far_from_any_subject_is_the_woman_described_not_a_name_further_back(nlp):
    text = ("The article linked Justice Antonin Scalia to a conspiracy theory that Hillary Clinton spread.\n\n"
            "The woman\u2019s enthusiasm for the candidate is recorded in detail:\n\n"
            "\u201cHere comes the boss,\u201d she said, clapping.")
    assert speaker_of(quotes_of(nlp, text), "Here comes the boss") == "woman"


def test_a_report_by_a_named_outlet_is_the_outlets(nlp):
    text = ("According to a new report by Politico, party insiders are trying hard to mobilize black voters in Florida.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "party insiders") == "Politico"


def test_what_a_document_shows_stays_a_finding_of_the_document(nlp):
    text = ("The transcript of the debate shows that Clinton talked about criminal justice reform and gun control.")
    assert speaker_of(quotes_of(nlp, text), "criminal justice reform") == "transcript"


def test_what_a_finding_has_as_its_object_is_its_content(nlp):
    quotes = quotes_of(nlp, "A 2014 study by a law professor found 31 incidents of voter impersonation out of more than "
                            "a billion ballots cast. In 2013, a federal judge found that action unconstitutional.")
    found = [q.text for q in quotes if q.cue == "found"]
    assert len(found) == 2 and found[0].startswith("31 incidents of voter impersonation out of more than a billion ballots")
    assert found[1] == "that action unconstitutional"


def test_an_honorific_chooses_between_namesakes(nlp):
    text = ("Hillary Clinton and her husband, former President Bill Clinton, arrived in Ohio.\n\n"
            "\u201cWe are ready,\u201d Mrs. Clinton said.\n\n\u201cShe is ready,\u201d Mr. Clinton said.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "We are ready") == "Hillary Clinton"
    assert speaker_of(quotes, "She is ready") == "Bill Clinton"


def test_a_message_after_a_colon_is_its_deliverers(nlp):
    text = ("With turnout worrying the party, Senator Ruth Vale is rolling out a new and more personal campaign "
            "message: \u201cIt\u2019s about me.\u201d")
    assert speaker_of(quotes_of(nlp, text), "about me") == "Ruth Vale"


def test_the_person_quoted_as_saying_speaks(nlp):
    text = "Tom Ekberg, the head of the port authority, was quoted as saying, \u201cThe bridge cannot be saved.\u201d"
    assert speaker_of(quotes_of(nlp, text), "cannot be saved") == "Tom Ekberg"


def test_according_to_and_who_said_and_a_cue_after_a_long_quote(nlp):
    text = ("The bridge will close in March, according to Tom Ekberg, head of the port authority.\n\n"
            "The plan was criticised by Anna Berg, who said it \u201cignores the port entirely.\u201d\n\n"
            "\u201cWe have spent four years studying the bridge, and every study says the same thing: the steel is tired, "
            "the concrete is cracked, and the cost of repair is now higher than the cost of a new crossing. We are not "
            "going to waste more money on patches that last a winter,\u201d Lars Holm, the city engineer, told the council.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "close in March") == "Tom Ekberg"
    assert speaker_of(quotes, "ignores the port") == "Anna Berg"
    assert speaker_of(quotes, "patches that last a winter") == "Lars Holm"


def test_a_document_filed_by_someone_or_owned_through_a_pronoun_is_theirs(nlp):
    quotes = quotes_of(nlp, "Pope John Paul II issued a document on social justice in 1991.\n\n"
                            "\u201cThe evidence is insufficient to support a criminal prosecution,\u201d according to a court "
                            "document filed by state attorney Dave Aronberg.\n\n"
                            "Senator Ruth Vale raised $5 million in February, according to her campaign finance documents.")
    assert speaker_of(quotes, "insufficient to support") == "Dave Aronberg"
    assert speaker_of(quotes, "raised $5 million") == "Ruth Vale"


def test_a_document_from_someone_is_theirs_but_not_its_finders(nlp):
    quotes = quotes_of(nlp, "The biggest prize in labor endorsements will not be handed out next week, according to an email "
                            "from the president of the AFL-CIO labor federation obtained by The Huffington Post.")
    assert speaker_of(quotes, "biggest prize") == "AFL-CIO"


# --------------------------------------------------------------------------- who is "he", "the aide", "History"


def test_a_spaced_closing_mark_after_a_sentence_end_closes_the_quote(nlp):
    from parallax.article.quotes.marks import find_marked_spans

    text = ('Officials said the parade would be "one of the biggest celebrations in our history. " '
            'As it happened, the crowd was thin. "We own the tanks," Mayor Ana Ruiz said.')
    spans = [text[s.start:s.end] for s in find_marked_spans(text)]
    assert spans == ["one of the biggest celebrations in our history.", "We own the tanks,"]
    assert speaker_of(quotes_of(nlp, text), "We own the tanks") == "Ana Ruiz"


def test_a_document_described_by_a_participle_speaks_for_whoever_sent_it(nlp):
    text = ("With the crowd size in mind, Donald Trump sent out tweets urging people to attend and saying the parade would be "
            "\u201cone of the biggest celebrations in the history of our country.\u201d")
    assert speaker_of(quotes_of(nlp, text), "biggest celebrations") == "Donald Trump"


def test_a_pronoun_after_a_clause_hung_on_its_cue_is_that_clauses_subject(nlp):
    text = ("The parade cost the park service $2.5 million, Governor Tom Hale said on Monday. "
            "Senator Bernie Sanders weighed in with criticism: \u201cThis is what authoritarians do,\u201d he wrote in a tweet.")
    assert speaker_of(quotes_of(nlp, text), "authoritarians") == "Bernie Sanders"


def test_pronouns_inside_quotes_and_possessives_say_nothing_of_a_speakers_gender(nlp):
    text = ("Mukasey, the attorney general under former President George W. Bush, spoke to delegates on Tuesday.\n\n"
            "\u201cShe broke the law, and she knows it,\u201d Mukasey said.\n\n"
            "Mukasey said the email scandal is only the latest issue in her political career.\n\n"
            "\u201cShe cannot be trusted with secrets,\u201d he said.")
    assert speaker_of(quotes_of(nlp, text), "trusted with secrets") == "Mukasey"


def test_a_one_word_given_name_has_that_names_gender(nlp):
    text = ("Melanie watched the speech at home. Kevin was asleep on the couch.\n\n"
            "\u201cYou winning?\u201d she said.")
    assert speaker_of(quotes_of(nlp, text), "You winning") == "Melanie"


def test_a_bare_abstract_noun_is_nobody(nlp):
    text = ("Rarely has the contrast seemed clearer. History suggests that the summer favourite is "
            "\u201cthe bad boy you date over the summer before returning to college.\u201d")
    quotes = quotes_of(nlp, text)
    assert all(q.speaker is None or q.speaker.name != "History" for q in quotes)


def test_what_a_thing_shows_and_a_noun_with_a_modifier_keep_their_holder(nlp):
    text = ("Police released footage of the shooting on Monday. Video shows that the driver had his hands in the air.\n\n"
            "Member of House panel says the agency has to keep foreign money out of elections.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "hands in the air") == "Video"
    assert speaker_of(quotes, "foreign money") is not None


def test_a_capitalised_common_noun_after_an_exclamation_is_no_speaker(nlp):
    text = ("\u201cIt was pretty cool,\u201d said Braiden Loreno, a sophomore. The crowd of several hundred had waited an hour "
            "for the candidate. \u201cDon-ald! Don-ald!\u201d Cheers went up several times over false sightings.")
    speaker = speaker_of(quotes_of(nlp, text), "Don-ald")
    assert speaker not in ("Cheers", "Braiden Loreno")


def test_a_split_quote_continues_past_narrative_about_the_same_speaker(nlp):
    text = ("\u201cWe have had problems with cyber intrusions from Russia in the past,\u201d Obama said after the meeting. "
            "He did not suggest retaliation. \u201cOur goal is not to start a cycle of escalation.\u201d")
    assert speaker_of(quotes_of(nlp, text), "cycle of escalation") == "Obama"


def test_the_aide_is_the_unnamed_aide_introduced_before_not_the_nearest_name(nlp):
    text = ("Senator Joe Manchin plans to bring the bill to the floor. A Senate Democratic leadership aide said they "
            "do not expect to reach 60 votes.\n\n\u201cI don\u2019t see a path to 60 on the back end,\u201d the aide said.")
    assert speaker_of(quotes_of(nlp, text), "path to 60") == "Senate Democratic leadership aide"


def test_an_aide_nobody_introduced_stays_a_description(nlp):
    text = ("Senators Joe Manchin and Pat Toomey plan to announce a deal on background checks.\n\n"
            "\u201cWe are willing to take the time to have that process,\u201d the aide said.")
    assert speaker_of(quotes_of(nlp, text), "willing to take the time") == "aide"


def test_an_untagged_surname_as_a_subject_is_the_antecedent(nlp):
    text = ("Former Vice President Joe Biden said in Iowa that Donald Trump cannot celebrate the country. "
            "Trump played down the expense. \u201cThe cost of our great salute will be very little. We own the planes,\u201d "
            "he posted on Twitter on Wednesday.")
    assert speaker_of(quotes_of(nlp, text), "own the planes") == "Donald Trump"


def test_a_title_without_its_dot_is_still_a_title(nlp):
    text = ("Foreign Secretary Jeremy Hunt met the envoy on Monday.\n\n"
            "\u201cWe will not back down,\u201d Mr Hunt said.")
    assert speaker_of(quotes_of(nlp, text), "not back down") == "Jeremy Hunt"


def test_one_plain_form_of_a_name_for_speakers_and_entities():
    from parallax.names import plain_name
    from parallax.story.entities import normalize

    assert plain_name("Spokeswoman Irina Solak’s") == "Irina Solak"
    assert plain_name("Mr Hunt") == plain_name("Mr. Hunt") == "Hunt"
    assert plain_name("AG Mukasey") == "Mukasey"
    assert plain_name("Justice Department") == "Justice Department"
    assert plain_name("the Kremlin") == "Kremlin"
    assert plain_name("John Q. Public Jr.") == "John Q. Public Jr"
    assert normalize("John Q. Public Jr.") == plain_name("John Q. Public Jr.", matching=True) == "John Public"


def test_one_possessive_test_for_owners_and_deniers():
    from parallax.names import possessive_at

    text = "Mr. Pence's chief of staff and Russia’s claim; Kyiv denied it"
    assert possessive_at(text, text.index("'s"))  # "Pence" followed by 's
    assert possessive_at(text, text.index("'s") + 2)  # "Pence's" with its ending
    assert possessive_at(text, text.index("’s"))
    assert not possessive_at(text, text.index(" denied"))


def test_an_inverted_cue_names_the_speaker_past_titles_and_an_owner(nlp):
    text = ("Republicans want the inquiry to go on.\n\n"
            "\u201cThey are out of ideas,\u201d said Mr. Halvorsen, who chairs the county party.\n\n"
            "\u201cThe hearing was a circus,\u201d tweeted Vance spokesman Owen Brightly.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "out of ideas") == "Halvorsen"
    assert speaker_of(quotes, "was a circus") == "Owen Brightly"


def test_an_inverted_cue_finds_a_known_surname_the_tagger_missed(nlp):
    text = ("Bill Skelly, a longtime party data operative, vouched for both hires.\n\n"
            "\u201cHaving access to the voter file is valuable,\u201d said Skelly, explaining that he had worked with them.")
    assert speaker_of(quotes_of(nlp, text), "voter file is valuable") == "Bill Skelly"


def test_a_spaced_doubled_apostrophe_after_the_last_comma_closes_the_quote(nlp):
    text = ("Mr. Gunnels worked on the bill.\n\n"
            "''He built very strong coalitions, '' said Mr. Gunnels, who now works on the campaign. "
            "''He sees himself as fighting for working people.''")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "strong coalitions") == "Gunnels"
    assert speaker_of(quotes, "fighting for working people") == "Gunnels"


def test_a_left_mark_typed_after_the_last_comma_closes_the_quote(nlp):
    text = ("\u201cIt is unusual,\u201c said Larry Noble, an attorney with the Campaign Legal Center. "
            "\u201cIt is a hard thing to pull off.\u201d")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "It is unusual") == "Larry Noble"
    assert speaker_of(quotes, "hard thing to pull off") == "Larry Noble"


def test_a_given_name_that_is_also_a_verb_is_no_fused_cue(nlp):
    text = "\u201cWe are done here,\u201d said the campaign's spokeswoman, Hope Hicks."
    assert speaker_of(quotes_of(nlp, text), "done here") == "Hope Hicks"


def test_an_inverted_attribution_past_an_apposition_with_commas_of_its_own(nlp):
    text = ("Nick Daniloff was traded for a Soviet physicist in 1986.\n\n"
            "\u201cI would have been sitting in Siberia for a long time,\u201d Mr. Daniloff, now 81 and retired in "
            "Cambridge, Mass., said by telephone this week.")
    assert speaker_of(quotes_of(nlp, text), "sitting in Siberia") == "Nick Daniloff"


def test_an_owners_person_after_the_quote_speaks(nlp):
    text = ("The moderator read out a list of charges.\n\n"
            "\u201cThe bullying,\u201d Fox's Chris Wallace said, as the crowd cheered. \u201cThe greed. The showing off.\u201d")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "The bullying") == "Chris Wallace"
    assert speaker_of(quotes, "The greed") == "Chris Wallace"


def test_a_name_right_after_the_closing_mark_is_mid_sentence(nlp):
    text = ("Sean Hannity interviewed the candidate on Monday.\n\n"
            "\u201cWould it be negotiable about the 11 million?\u201d Hannity pressed.")
    assert speaker_of(quotes_of(nlp, text), "negotiable about") in ("Hannity", "Sean Hannity")


def test_a_verb_of_gloating_is_a_cue(nlp):
    text = ("Jeb Bush called his rival scripted.\n\nAnd Mr. Christie gloated: \u201cI told you he wouldn't be ready.\u201d")
    assert speaker_of(quotes_of(nlp, text), "wouldn't be ready") == "Christie"


def test_a_capitalised_sentence_after_an_exclamation_does_not_speak_it(nlp):
    text = ("Former executive Carla Moreno named her favourite show. \u201cThe Crown,\u201d she said, "
            "\u201calthough I have not had time to watch the last season!\u201d The Netflix drama follows the royal family.")
    assert speaker_of(quotes_of(nlp, text), "watch the last season") == "Carla Moreno"


def test_a_given_name_and_surname_tagged_as_an_organisation_is_a_person_when_the_surname_stands_alone(nlp):
    from parallax.article.quotes.context import ArticleContext, Ranges
    from parallax.article.quotes.speakers import collect_people, looks_like_person, names_alone

    text = "Carly Fiorina said Monday that she would stay in the race. Fiorina spoke in Iowa. Fiorina said more."
    doc = nlp(text)
    ctx = ArticleContext(article=Article(id="a1", text=text), doc=doc, posts=[], marked=Ranges([]))
    ent = next(e for e in doc.ents if e.text == "Carly Fiorina")
    assert looks_like_person(ent, None, names_alone(ctx))
    collect_people(ctx)
    assert ctx.people.get("fiorina") == "Carly Fiorina"


def test_an_honorific_decides_between_namesakes_for_a_pronoun(nlp):
    text = ("Bill Clinton spoke first. Mr. Clinton praised the crowd. Hillary Clinton followed him.\n\n"
            "A young woman asked Mrs. Clinton about the scandal.\n\n"
            "\u201cShould we believe them as well?\u201d the woman said.\n\n"
            "Mrs. Clinton did not hesitate. \u201cEverybody should be believed at first,\u201d she said.")
    assert speaker_of(quotes_of(nlp, text), "believed at first") == "Hillary Clinton"


def test_a_given_name_alone_is_the_one_person_named_in_full_with_it(nlp):
    text = ("Hillary Clinton campaigned in Ohio. Her rival stayed home.\n\n"
            "\u201cI was more thinking that it would look artificial,\u201d Hillary said.")
    assert speaker_of(quotes_of(nlp, text), "look artificial") == "Hillary Clinton"


def test_an_indefinite_description_is_somebody_new(nlp):
    text = ("David Plouffe, a senior aide to the president, spoke first.\n\n"
            "\u201cThat does not mean no response,\u201d one Clinton aide said.")
    assert speaker_of(quotes_of(nlp, text), "no response") == "one Clinton aide"


def test_a_cue_coordinated_with_the_reported_clause_is_the_main_speakers(nlp):
    text = ("Mayor Bill de Blasio rejected the criticism.\n\n"
            "De Blasio said the move was made by commissioner Bill Bratton and said, "
            "\u201cWho are you going to trust on security?\u201d")
    assert speaker_of(quotes_of(nlp, text), "trust on security") in ("Bill de Blasio", "De Blasio")


def test_a_passive_subject_speaks_through_a_coordinated_cue(nlp):
    text = ("Sarah Silverman was joined on stage again by Minnesota Sen. Al Franken and joked, "
            "\u201cBernie or Bust people, you are being ridiculous,\u201d drawing loud jeers.")
    assert speaker_of(quotes_of(nlp, text), "being ridiculous") == "Sarah Silverman"


def test_it_is_the_document_just_before_never_a_person(nlp):
    text = ("Treasury Secretary Jacob Lew backed the nominee.\n\n"
            "A letter this month from the staff association reflected both concerns. "
            "\u201cWe have accepted decades of back-room deals,\u201d it said.")
    assert speaker_of(quotes_of(nlp, text), "back-room deals") == "staff association"


def test_it_is_a_body_written_as_a_noun(nlp):
    text = ("\u201cMr. Zimmerman never contacted anyone at the site,\u201d the company wrote in its statement.\n\n"
            "It added, \u201cWe want no part in the listing on our web site.\u201d")
    assert speaker_of(quotes_of(nlp, text), "no part in the listing") == "company"


def test_they_skips_the_subject_of_reported_words(nlp):
    text = ("Richard Alba and Nancy Foner published a book this year. They suggest that "
            "immigrants adopt a narrow set of behaviors.\n\n"
            "In the United States, they write, \u201cto be religious is to be in sync with mainstream norms.\u201d")
    assert speaker_of(quotes_of(nlp, text), "in sync with mainstream") in ("Nancy Foner", "Richard Alba")


def test_a_description_with_modifiers_nobody_holds_points_back_like_a_pronoun(nlp):
    text = ("Vice President Joe Biden weighed in on Monday.\n\n"
            "Bill Clinton got in on the game, bashing Sanders during a rally in Brooklyn on Monday. "
            "\u201cThe gentleman is running harder against President Obama and me,\u201d the former president said.")
    assert speaker_of(quotes_of(nlp, text), "running harder") == "Bill Clinton"


def test_a_description_goes_to_the_holder_mentioned_last(nlp):
    text = ("Sen. John McCain spoke in the morning. Sen. Ted Cruz spoke later.\n\n"
            "Cruz defends his record in a commercial running on Iowa TV: "
            "\u201cSecuring our borders is a matter of national security,\u201d the senator said.")
    assert speaker_of(quotes_of(nlp, text), "matter of national security") == "Ted Cruz"


def test_an_office_with_a_place_before_it_refers_back(nlp):
    text = ("Sen. Marco Rubio responded first, ripping into the president late Tuesday night.\n\n"
            "\u201cNorth Korea is run by a lunatic,\u201d the Florida senator said in a statement.")
    assert speaker_of(quotes_of(nlp, text), "run by a lunatic") == "Marco Rubio"


def test_a_job_noun_does_not_overrule_a_given_names_sex(nlp):
    text = ("Campaign spokesman Hope Hicks confirmed that the group was created independently. "
            "\u201cThey are not affiliated with the campaign,\u201d she said.")
    assert speaker_of(quotes_of(nlp, text), "not affiliated") == "Hope Hicks"


def test_a_pronoun_prefers_the_main_subject_to_the_subject_of_a_report_inside_it(nlp):
    text = ("Ben Carson spoke on CNN on Tuesday.\n\n"
            "Carson turned the story back on the paper, pointing out that the paper's Robert Costa had reported "
            "in June that the campaign was coming apart.\n\n"
            "\u201cApparently not,\u201d he said. \u201cA leopard doesn\u2019t change its spots.\u201d")
    assert speaker_of(quotes_of(nlp, text), "leopard") == "Ben Carson"


def test_as_someone_put_it_names_the_one_as_introduces(nlp):
    text = ("As Akhil Amar, professor of constitutional law at Yale and author of ''America's Unwritten Constitution,'' "
            "put it, ''Senate Republicans should remember that a compromise candidate today may be far better for them.''")
    assert speaker_of(quotes_of(nlp, text), "compromise candidate") == "Akhil Amar"


def test_a_phrasal_cue_whose_particle_is_parsed_as_an_adverb(nlp):
    text = ("When Trump suggested that Cuba would sue the United States, Rubio fired back forcefully: "
            "\u201cIf they sue us in a court in Miami, they are going to lose.\u201d")
    assert speaker_of(quotes_of(nlp, text), "court in Miami") == "Rubio"


def test_a_relative_clause_about_a_thing_frames_no_quote(nlp):
    text = ("Donald Trump showed off his plane. The toilet seats were reupholstered with leather.\n\n"
            "''It's like a new plane,'' Mr. Trump said in a documentary that showed off some of the renovations. "
            "''The plane is very much an extension of the Trump brand.''")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "new plane") == "Donald Trump"
    assert speaker_of(quotes, "extension of the Trump brand") == "Donald Trump"


def test_a_split_quote_goes_on_the_quote_it_continues_past_reported_speech(nlp):
    text = ("Hillary Clinton answered the question.\n\n"
            "\u201cWe were attacked in downtown Manhattan,\u201d Clinton said, with a passion that almost suggested "
            "that the question was out of line. \u201cI did spend a whole lot of time helping them rebuild.\u201d")
    assert speaker_of(quotes_of(nlp, text), "helping them rebuild") == "Hillary Clinton"


def test_a_participle_after_upon_or_after_speaks_for_the_passive_subject(nlp):
    text = ("Sarah Silverman was booed and shouted down by supporters after telling holdouts that they "
            "were \u201cbeing ridiculous.\u201d\n\n"
            "Silverman, herself a supporter, incurred a wave of boos upon saying, \u201cHillary heard the passion of the people.\u201d")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "passion of the people") == "Sarah Silverman"
    assert speaker_of(quotes, "being ridiculous") == "Sarah Silverman"


def test_what_a_person_shows_is_no_speech_of_theirs(nlp):
    text = ("Peter Westmacott, the British ambassador, spoke on Saturday.\n\n"
            "Westmacott also said that Obama shows \u201cgreat charm\u201d and exhibits a fondness for the United Kingdom.\n\n"
            "\u201cPresident Obama seems to me to be somebody who is pretty fond of the UK,\u201d he said.")
    quotes = quotes_of(nlp, text)
    assert speaker_of(quotes, "great charm") == "Peter Westmacott"
    assert speaker_of(quotes, "pretty fond of the UK") == "Peter Westmacott"


def test_a_description_is_nobody_its_own_clause_names(nlp):
    text = ("Hillary Clinton accused Donald Trump of sexism. He tells audiences she may be prosecuted.\n\n"
            "\u201cIt doesn't make me nervous,\u201d the cautious candidate said of running against Mr. Trump.")
    assert speaker_of(quotes_of(nlp, text), "make me nervous") == "Hillary Clinton"


def test_hired_as_its_spokesperson_gives_the_name_that_role(nlp):
    text = ("The company hired Jane Doe as its spokesperson in May. The chief executive, Tom Ruiz, praised her.\n\n"
            "\u201cWe are not leaving the city,\u201d the spokesperson said.")
    assert speaker_of(quotes_of(nlp, text), "not leaving the city") == "Jane Doe"


def test_a_closed_quote_goes_on_its_speaker_past_a_new_sentence_that_reports_something_else(nlp):
    quotes = quotes_of(nlp, '"She is eminently qualified. Nobody denies it," Obama said. "Her integrity is unimpeachable. '
                            'We need to get this done." Attorney General Eric Holder also dismissed the idea of race '
                            'playing into the delay during an interview.')
    assert speaker_of(quotes, "Her integrity") == "Obama"
    assert speaker_of(quotes, "the idea of race") == "Eric Holder"
    # a sentence after the marks that only attributes them still does
    assert speaker_of(quotes_of(nlp, '"We need to get this done." Obama said on Friday.'), "We need") == "Obama"


def test_a_title_the_parser_made_the_head_names_the_person_in_apposition(nlp):
    quotes = quotes_of(nlp, "\u201cI don\u2019t believe that the governor will actually sign the bill,\u201d Senate Minority "
                            "Leader Chuck Schumer (D-N.Y.) said Tuesday.")
    assert speaker_of(quotes, "I don\u2019t believe") == "Chuck Schumer"


def test_a_cue_right_after_the_closing_mark_beats_the_verb_the_parser_hung_the_quote_under(nlp):
    text = ("Some researchers believe foreign hackers were behind it, which the embassy strongly denies \u2014 "
            "\u201cwhy wouldn\u2019t you want to raise the potential for tampering?\u201d asked Paul Dunn, a former aide. "
            "\u201cI think it\u2019s only prudent.\u201d")
    assert speaker_of(quotes_of(nlp, text), "raise the potential") == "Paul Dunn"


def test_a_second_act_after_a_rejected_claim_is_the_rejecters_not_part_of_the_claim(nlp):
    text = ("Tom Reyes, the spokesman for the mayor, denied the council\u2019s claim that the city ordered the contractor "
            "to destroy the audit and fire its author, and accused the council of lying.")
    quotes = quotes_of(nlp, text)
    rejected = next(q for q in quotes if q.cue == "denied")
    assert rejected.text == "the council\u2019s claim that the city ordered the contractor to destroy the audit and fire its author"
    assert speaker_of(quotes, "the council of lying") == "Tom Reyes"


def test_a_count_of_people_speaks_through_the_people_counted(nlp):
    quotes = quotes_of(nlp, "A number of local pastors have vowed \u201ccivil disobedience\u201d if the council approves the plan.")
    assert speaker_of(quotes, "civil disobedience") == "local pastors"


def test_idioms_times_and_bare_ones_are_no_speakers(nlp):
    text = ("Nikolai Cruz posted photos online. One showed a rifle on a bed. Another showed at least a half-dozen weapons "
            "laid out on a table with the caption \u201carsenal.\u201d There\u2019s no denying the impact of the new rules "
            "on the port. Reporters saw an email from earlier this year that showed the aide urging the mayor to resign.")
    quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if q.speaker and q.speaker.name.lower() in ("one", "another", "earlier this year", "no")]
    assert not [q for q in quotes if q.cue == "denying"]


def test_they_stands_for_people_not_for_things_named_since(nlp):
    text = ("Farmers in the valley lost their barns in the flood. Their lives were upended within an hour. "
            "They said, \u201cWe have nothing left.\u201d")
    assert speaker_of(quotes_of(nlp, text), "nothing left") == "Farmers"


def test_what_reports_say_is_not_the_words_of_the_one_who_responds_to_them(nlp):
    text = ("Mayor Lena Brandt was responding to news reports, including one broadcast on local radio in the previous hour, "
            "that the home of her rival in the harbour district was burglarized early Saturday. "
            "Ms. Brandt announced in a statement on Friday that she had reached a settlement with the port authority.")
    quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if "burglarized" in q.text and q.speaker and q.speaker.name == "Lena Brandt"]
    assert speaker_of(quotes, "reached a settlement") == "Lena Brandt"
