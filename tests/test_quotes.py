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
