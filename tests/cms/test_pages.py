import pytest

DEMO_PAGES = {
    "/": "Digitalkompetenz Thüringen",
    "/kurse/": "Kurse",
    "/freiwilliges-digitales-jahr/": "Freiwilliges Digitales Jahr",
    "/ueber-die-plattform/": "Über die Plattform",
    "/impressum/": "Impressum",
    "/datenschutz/": "Datenschutzerklärung",
    "/barrierefreiheit/": "Erklärung zur Barrierefreiheit",
}
ENGLISH_TITLES = {
    "/": "Digital Skills Thuringia",
    "/ueber-die-plattform/": "About the platform",
    "/impressum/": "Legal notice",
    "/datenschutz/": "Privacy policy",
    "/barrierefreiheit/": "Accessibility statement",
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(DEMO_PAGES))
def test_demo_page_renders_in_german(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de"' in html
    assert DEMO_PAGES[path] in html
    assert "Zum Inhalt springen" in html  # the skip link, in German
    assert 'hreflang="en"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(DEMO_PAGES))
def test_demo_page_renders_in_english(client, demo, path):
    response = client.get("/en" + path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert "Skip to content" in html
    assert ENGLISH_TITLES.get(path, DEMO_PAGES[path]) in html
    # Navigation stays in English: links carry the /en/ prefix and English labels.
    assert '<a class="site-nav__link" href="/en/kurse/"' in html
    assert ">Courses</a>" in html
    assert f'href="{path}"' in html and 'hreflang="de"' in html


@pytest.mark.django_db
def test_navigation_and_footer_come_from_site_settings(client, demo):
    html = client.get("/").content.decode()
    assert 'aria-label="Hauptnavigation"' in html
    for href in ('href="/kurse/"', 'href="/freiwilliges-digitales-jahr/"',
                 'href="/impressum/"', 'href="/datenschutz/"', 'href="/barrierefreiheit/"'):
        assert href in html


@pytest.mark.django_db
def test_search_finds_the_privacy_page(client, demo):
    response = client.get("/suche/", {"q": "Datenschutz-Grundverordnung"})
    assert response.status_code == 200
    assert 'href="/datenschutz/"' in response.content.decode()


@pytest.mark.django_db
def test_search_without_hits_says_so(client, demo):
    response = client.get("/suche/", {"q": "Quantenbuchhaltung"})
    assert "0 Ergebnisse" in response.content.decode()


@pytest.mark.django_db
def test_unknown_page_is_a_friendly_404(client, demo):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


@pytest.mark.django_db
def test_admin_login_page_is_served(client, demo):
    response = client.get("/admin/login/")
    assert response.status_code == 200
