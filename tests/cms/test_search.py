"""The site search finds placements and courses by what visitors type, whatever the case.

Runs on SQLite (FTS5) and on PostgreSQL (full-text search) alike.
"""

import pytest


def _hits(client, query: str) -> str:
    response = client.get("/en/suche/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["Jena", "jena", "JENA"])
def test_a_town_finds_the_placements_there(client, demo, query):
    html = _hits(client, query)
    assert 'href="/en/freiwilliges-digitales-jahr/stelle/digitale-stadt-jena/"' in html
    assert "/stelle/barrierefreiheit-stadt-jena/" in html


@pytest.mark.django_db
def test_a_placement_is_found_by_the_words_of_its_tasks(client, demo):
    html = _hits(client, "Makerspace")
    assert "/freiwilliges-digitales-jahr/stelle/" in html


@pytest.mark.django_db
def test_unpublished_placements_stay_out_of_the_search(client, demo):
    from volunteers.models import Placement

    Placement.objects.filter(slug="digitale-stadt-jena").update(published=False)
    html = _hits(client, "Jena")
    assert "/stelle/digitale-stadt-jena/" not in html
    assert "/stelle/barrierefreiheit-stadt-jena/" in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["künstliche intelligenz", "Künstliche Intelligenz",
                                   "KÜNSTLICHE INTELLIGENZ"])
def test_a_topic_in_words_finds_the_course_that_says_ki(client, demo, query):
    html = _hits(client, query)
    assert 'href="/en/kurse/ki-dienstanweisung/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["dienstanweisung", "DIENSTANWEISUNG", "KI-Kompetenz"])
def test_course_texts_are_found_in_any_case(client, demo, query):
    assert 'href="/en/kurse/ki-dienstanweisung/"' in _hits(client, query)


@pytest.mark.django_db
def test_placement_hits_are_marked_german_on_the_english_site(client, demo):
    html = _hits(client, "Jena")
    assert 'href="/en/freiwilliges-digitales-jahr/stelle/digitale-stadt-jena/" lang="de"' in html


@pytest.mark.django_db
def test_results_page_through_placements_and_pages(client, demo):
    first = client.get("/en/suche/", {"q": "Digital"})
    second = client.get("/en/suche/", {"q": "Digital", "seite": "2"})
    assert first.status_code == second.status_code == 200
    assert first.content != second.content


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["kuenstliche intelligenz", "KUENSTLICHE Intelligenz"])
def test_umlauts_written_out_find_the_same_course(client, demo, query):
    assert 'href="/en/kurse/ki-dienstanweisung/"' in _hits(client, query)


def test_umlaut_variant_goes_both_ways():
    from cms.views import umlaut_variant

    assert umlaut_variant("Thüringen Straße") == "thueringen strasse"
    assert umlaut_variant("Thueringen") == "thüringen"
    assert umlaut_variant("Jena") == "Jena"
