"""Applicant self-registration with email verification (accounts.registration)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role

pytestmark = pytest.mark.django_db
FORM = {"first_name": "Jana", "last_name": "Köhler", "email": "Jana@Example.org",
        "password1": "Sonnenblume-2027", "password2": "Sonnenblume-2027"}


def test_registration_creates_an_inactive_applicant_until_the_link_is_followed(
        client, jobs_inline, django_capture_on_commit_callbacks):
    next_url = "/freiwilliges-digitales-jahr/bewerbung/starten/x/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:registration") + f"?next={next_url}", FORM)
    assert response.status_code == 200
    assert "jana@example.org" in response.content.decode().lower()
    user = User.objects.get(email="jana@example.org")
    assert not user.is_active and user.registration_pending
    assert user.has_role(Role.VOLUNTEER)
    refused = client.post(reverse("accounts:login"), {"username": "jana@example.org",
                                                      "password": FORM["password1"]})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session

    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jana@example.org"]
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    response = client.get(path)
    assert response.status_code == 200
    assert f"?next={next_url}" in response.content.decode()
    client.get(path)  # twice is harmless
    user.refresh_from_db()
    assert user.is_active
    assert not user.registration_pending
    client.post(reverse("accounts:login"), {"username": "jana@example.org",
                                            "password": FORM["password1"]})
    assert "_auth_user_id" in client.session


def test_registering_an_existing_address_reveals_nothing_and_changes_nothing(
        client, jobs_inline, django_capture_on_commit_callbacks):
    existing = User.objects.create_user(email="jana@example.org", password="Alt-Passwort-1")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:registration"), FORM)
    assert response.status_code == 200
    existing.refresh_from_db()
    assert existing.check_password("Alt-Passwort-1")
    assert "already have an account" in mail.outbox[0].body or "bereits" in mail.outbox[0].body


def test_bad_registration_input_is_announced(client):
    response = client.post(reverse("accounts:registration"),
                           {**FORM, "password2": "anders", "email": "kaputt"})
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('role="alert"') >= 2
    assert not User.objects.exists()


def test_forged_or_foreign_next_links_are_refused(client):
    assert client.get(reverse("accounts:registration_confirm", args=["gefälscht"])
                      ).status_code == 400
    response = client.get(reverse("accounts:registration") + "?next=https://evil.example/")
    assert 'name="next" value=""' in response.content.decode()


def test_the_login_page_offers_registration_and_keeps_where_the_applicant_was_going(client):
    """"Jetzt bewerben" sends a visitor without an account to the login page: no dead end."""
    next_url = "/freiwilliges-digitales-jahr/bewerbung/starten/it-support/"
    response = client.get(reverse("accounts:login") + f"?next={next_url}")
    registration = reverse("accounts:registration")
    assert f'href="{registration}?next={next_url}"' in response.content.decode()
    assert f'href="{registration}"' in client.get(reverse("accounts:login")).content.decode()
