"""The admin upload runs the shared validator and shows every reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from courses.h5p.models import H5PContent
from tests.courses.h5p.builder import pack, valid_files, valid_package, with_json

pytestmark = pytest.mark.django_db
ADD = "/admin/snippets/courses/h5pcontent/add/"


@pytest.fixture
def editor(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def test_upload_shows_every_reason(editor):
    files = with_json(valid_files(), "h5p.json", title=None)
    files["content/evil.js"] = b"alert(1)"
    upload = SimpleUploadedFile("broken.h5p", pack(files))
    response = editor.post(ADD, {"title": "", "package_file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "h5p.json benötigt einen Titel" in html
    assert "content/evil.js" in html and "im Inhaltsordner nicht zulässig" in html
    assert not H5PContent.objects.exists()


def test_upload_imports_a_valid_package_and_edit_changes_only_the_title(editor):
    upload = SimpleUploadedFile("quiz.h5p", valid_package())
    response = editor.post(ADD, {"title": "", "package_file": upload})
    assert response.status_code == 302, response.content.decode()[:2000]
    content = H5PContent.objects.get()
    assert content.title == "Prüfen Sie Ihr Wissen: Phishing"
    edit = f"/admin/snippets/courses/h5pcontent/edit/{content.pk}/"
    assert editor.get(edit).status_code == 200
    assert editor.post(edit, {"title": "Phishing-Übung"}).status_code == 302
    content.refresh_from_db()
    assert content.title == "Phishing-Übung"
    assert editor.get("/admin/snippets/courses/h5pcontent/").status_code == 200
    assert editor.get("/admin/h5p_libraries/").status_code == 200
