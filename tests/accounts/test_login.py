import pytest
from django.core import mail

from accounts.demo import DEMO_PASSWORD
from accounts.models import User


@pytest.mark.django_db
def test_login_with_email_leads_to_my_area(client, demo):
    response = client.post("/konto/anmelden/", {"username": "lernende@demo.example",
                                                 "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/mein-bereich/"
    html = response.content.decode()
    assert "Willkommen, Jonas Wagner." in html
    assert "Referat IT-Sicherheit und Informationssicherheit" in html
    assert "Sabine Krüger" in html  # the supervisor


@pytest.mark.django_db
def test_wrong_password_gets_a_clear_message_and_no_session(client, demo):
    response = client.post("/konto/anmelden/", {"username": "lernende@demo.example",
                                                 "password": "falsch"})
    assert response.status_code == 200
    assert "korrekte E-Mail-Adresse" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_my_area_requires_login(client, demo):
    response = client.get("/mein-bereich/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/anmelden/")


@pytest.mark.django_db
def test_logout_is_a_post_and_a_get_logs_nobody_out(client, demo):
    client.force_login(User.objects.get(email="lernende@demo.example"))
    assert client.get("/konto/abmelden/").status_code == 405  # a prefetcher cannot log out
    assert "_auth_user_id" in client.session
    client.post("/konto/abmelden/")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_password_reset_sends_a_link_that_sets_a_new_password(client, demo):
    mail.outbox.clear()  # the demo's own emails (issued certificates) are not the point here
    client.post("/konto/passwort-vergessen/", {"email": "lernende@demo.example"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/passwort-neu/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    set_url = form_page.redirect_chain[-1][0]
    client.post(set_url, {"new_password1": "Ein-neues-Passwort-42",
                          "new_password2": "Ein-neues-Passwort-42"})
    response = client.post("/konto/anmelden/", {"username": "lernende@demo.example",
                                                 "password": "Ein-neues-Passwort-42"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_coordinator_reaches_the_wagtail_admin(client, demo):
    client.force_login(User.objects.get(email="koordination@demo.example"))
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_learner_does_not_reach_the_wagtail_admin(client, demo):
    client.force_login(User.objects.get(email="lernende@demo.example"))
    assert client.get("/admin/").status_code == 302
