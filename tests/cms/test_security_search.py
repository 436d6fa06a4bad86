"""Issue 9, finding 13: no search text, however odd, breaks the search page.

Runs on SQLite (FTS5) and on PostgreSQL (full-text search) alike; the demo gives the
index real content.
"""

import pytest

NASTY_QUERIES = [
    '"',
    '"""',
    '"Datenschutz',
    'Datenschutz"',
    '"Datenschutz" "',
    "(",
    ")",
    "((Datenschutz",
    "Datenschutz)",
    "*",
    "Daten*",
    "*schutz",
    "-",
    "-Datenschutz",
    "Daten -schutz",
    "+",
    "^",
    ":",
    "title:Datenschutz",
    "Datenschutz:",
    "{",
    "[",
    "'",
    "\\",
    "NEAR",
    "NEAR(Daten schutz)",
    "NEAR(",
    "AND",
    "OR",
    "NOT",
    "Daten AND",
    "OR Datenschutz",
    "Daten NOT",
    "AND OR NOT",
    "&",
    "|",
    "!",
    "<->",
    ":*",
    "Daten & | !",
    "%",
    "_",
    ";",
    "\x00",
    "Daten\x00schutz",
    "ß\u200bß",
    "😀",
    "Datenschutz " * 100,
    '"' * 500,
    "(" * 500,
    "a" * 5000,
]


@pytest.mark.django_db
@pytest.mark.parametrize("query", NASTY_QUERIES)
def test_any_search_text_gives_a_page_not_a_server_error(client, demo, query):
    response = client.get("/en/suche/", {"q": query})
    assert response.status_code == 200
    assert b'id="main"' in response.content or b"<main" in response.content


@pytest.mark.django_db
@pytest.mark.parametrize("query", ['"Datenschutz-Grundverordnung', 'Datenschutz-Grundverordnung"',
                                   "(Datenschutz-Grundverordnung", "Datenschutz-Grundverordnung*"])
def test_stray_operators_do_not_hide_real_hits(client, demo, query):
    response = client.get("/en/suche/", {"q": query})
    assert response.status_code == 200
    assert 'href="/en/datenschutz/"' in response.content.decode()


@pytest.mark.django_db
def test_a_quoted_phrase_still_finds_the_page(client, demo):
    response = client.get("/en/suche/", {"q": '"Datenschutz-Grundverordnung"'})
    assert response.status_code == 200
    assert 'href="/en/datenschutz/"' in response.content.decode()


@pytest.mark.django_db
def test_the_second_result_page_of_an_odd_query_works(client, demo):
    response = client.get("/en/suche/", {"q": '"', "seite": "2"})
    assert response.status_code == 200


def test_only_words_reach_the_search_backend():
    from wagtail.search.query import And, Phrase, PlainText

    from cms.views import search_query_parse

    assert search_query_parse('"') is None
    assert search_query_parse("*** ( - ) :") is None
    plain = search_query_parse('NEAR(Daten* -schutz) "')
    assert isinstance(plain, PlainText) and plain.query_string == "NEAR Daten schutz"
    both = search_query_parse('Kurs "digitale Verwaltung" Thüringen')
    assert isinstance(both, And)
    assert [type(part) for part in both.subqueries] == [PlainText, Phrase, PlainText]
    assert both.subqueries[1].query_string == "digitale Verwaltung"
    assert len(search_query_parse("wort " * 100).query_string.split()) == 20
