"""The German admin login labels its password field in German ("Password*" before)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_admin_login_labels_the_password_in_the_active_language(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 200
    labels = re.findall(r"<label[^>]*>(.*?)</label>", response.content.decode(), re.S)
    text = " ".join(re.sub(r"<[^>]+>", " ", label) for label in labels)
    assert "Passwort" in text and "Password" not in text
