"""Cross-article entity resolution: spelling variants merge, different people stay apart."""

from parallax.api import analyze
from parallax.model import Article
from parallax.story import StoryOptions
from parallax.story.entities import names_match, translit_key, word_match


def report_of(*texts, aliases=None):
    articles = [Article(id=f"a{i}", text=t, word_count=len(t.split())) for i, t in enumerate(texts)]
    return analyze(articles, StoryOptions(aliases=aliases or {}))


def entity_with(report, variant):
    return next((e for e in report.entities if variant in e.variants), None)


def test_transliteration_keys():
    assert translit_key("Zelenskyy") == translit_key("Zelenskiy") == translit_key("Zelensky")
    assert word_match("Sergey", "Sergei") and word_match("Aleksandr", "Oleksandr")
    assert names_match("Novo-Ogarevo", "Novo Ogaryovo")
    assert not word_match("Peskov", "Petrov")


def test_variants_across_articles_are_one_person():
    report = report_of(
        "Ukrainian President Volodymyr Zelenskyy spoke in Helsinki on Wednesday about the war.",
        "Volodymyr Zelenskiy said in Helsinki that his country did not attack Moscow.",
        "Zelensky later repeated that Ukraine fights on its own territory.",
    )
    person = entity_with(report, "Volodymyr Zelenskyy")
    assert person and {"Volodymyr Zelenskiy", "Zelensky"} <= set(person.variants)
    assert person.type == "PERSON" and "President" in (person.role or "")


def test_two_first_names_are_two_people():
    report = report_of(
        "Finance Minister Anna Berg said taxes would rise next year.",
        "Her brother, the engineer Lars Berg, said the bridge was safe to use again.",
    )
    anna, lars = entity_with(report, "Anna Berg"), entity_with(report, "Lars Berg")
    assert anna and lars and anna.id != lars.id


def test_acronym_joins_its_full_name():
    report = report_of(
        "The United States said it would send more aid to the region next month.",
        "US officials said the aid would arrive in May, and the U.S. embassy confirmed it.",
    )
    country = entity_with(report, "United States")
    assert country and "US" in country.variants


def test_alias_file_forces_a_merge():
    report = report_of(
        "The Islamic Republic said the talks would resume in Vienna on Monday.",
        "Iran said the talks would resume in Vienna on Monday.",
        aliases={"Iran": ["Islamic Republic"]},
    )
    iran = entity_with(report, "Iran")
    assert iran and "Islamic Republic" in iran.variants


def test_speakers_link_to_entities(kremlin_report):
    by_id = {e.id: e for e in kremlin_report.entities}
    linked = [q for q in kremlin_report.quotes if q.speaker and q.speaker.entity_id]
    assert len(linked) >= 0.8 * len([q for q in kremlin_report.quotes if q.speaker])
    assert all(by_id[q.speaker.entity_id].name == q.speaker.name for q in linked)


def test_an_office_resolves_to_its_holder():
    report = report_of(
        "Moscow Mayor Sergei Sobyanin closed the city centre on Wednesday.",
        "The Mayor of Moscow said that drone flights are banned in the capital from today.",
    )
    speakers = {q.speaker.name for q in report.quotes if q.speaker}
    assert "Sergei Sobyanin" in speakers


def test_countries_merge_by_their_names_codes_and_demonyms():
    report = report_of(
        "The Russian Federation said on Monday that the talks had failed.",
        "Russia said the United States was to blame, and Russian diplomats left Geneva.",
        "America rejected the claim; U.S. officials said Washington had offered a deal.",
    )
    russia = entity_with(report, "Russia")
    assert russia and {"Russian Federation", "Russian"} <= set(russia.variants) and russia.name == "Russia"
    usa = entity_with(report, "United States")
    assert usa and "America" in usa.variants and any(v.startswith("U.S") for v in usa.variants)


def test_a_region_joins_its_demonym():
    report = report_of("Crimea was annexed in 2014.", "Crimean officials said the bridge was closed on Sunday.")
    crimea = entity_with(report, "Crimea")
    assert crimea and "Crimean" in crimea.variants


def test_acronym_spelled_out_in_the_story_and_two_word_orders():
    report = report_of(
        "The Federal Security Service (FSB) said it had detained two men in Moscow.",
        "The FSB said the men confessed. The Justice Department declined to comment.",
        "A Department of Justice spokesman said the inquiry continues.",
    )
    fsb = entity_with(report, "FSB")
    assert fsb and "Federal Security Service" in fsb.variants
    justice = entity_with(report, "Justice Department")
    assert justice and "Department of Justice" in justice.variants


def test_given_name_variants_and_suffixes_are_one_person():
    report = report_of(
        "Senator William Hartley Jr. said the vote would be close.",
        "Bill Hartley told reporters he would vote against the bill.",
        "Hartley later said he had not decided.",
    )
    hartley = entity_with(report, "Bill Hartley")
    assert hartley and "William Hartley" in hartley.variants and "Hartley" in hartley.variants


def test_junk_is_not_an_entity():
    report = report_of(
        "EXCLUSIVE Kremlin Drone Attack Shocks Capital\n\n"
        "The administration spent three years on the plan, officials in Moscow said on Friday.",
    )
    names = {v for e in report.entities for v in e.variants}
    assert not names & {"EXCLUSIVE", "Kremlin Drone Attack Shocks Capital", "three years", "administration"}


def test_pronoun_speakers_keep_their_own_text_and_link_by_position():
    text = ("Kremlin spokesman Dmitry Peskov spoke to reporters on Thursday. "
            "He said the attack had been planned in Washington.")
    report = report_of(text)
    quote = next(q for q in report.quotes if "planned in Washington" in q.text)
    peskov = entity_with(report, "Dmitry Peskov")
    assert quote.speaker.entity_id == peskov.id and quote.speaker.name == "Dmitry Peskov"
    assert quote.speaker_span.text == "He"
    assert "He" not in peskov.variants and any(m.text == "He" for m in peskov.mentions)


def test_a_title_in_quotation_marks_does_not_join_the_person():
    report = report_of("Arriving Monday: \u201cCitizen Vale,\u201d an independent documentary film about Governor Vale. "
                       "Vale said she had not seen it. Vale said the film was unfair to her family.")
    assert not any("Citizen Vale" in e.variants for e in report.entities)
    assert any(e.type == "PERSON" and "Vale" in e.variants for e in report.entities)


def test_an_office_is_a_person_and_never_the_place_it_is_of():
    report = report_of(
        "The Mayor of Moscow said that drone flights are banned in the capital from today.",
        "Moscow accused Kyiv of the attack. Officials in Moscow said the city was calm.",
    )
    moscow = entity_with(report, "Moscow")
    assert moscow is not None and moscow.type == "GPE" and "Mayor of Moscow" not in moscow.variants
    mayor = entity_with(report, "Mayor of Moscow")
    assert mayor is not None and mayor.type == "PERSON"
