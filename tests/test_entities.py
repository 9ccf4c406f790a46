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
