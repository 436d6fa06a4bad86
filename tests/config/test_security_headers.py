"""Issue 9, finding 15: every page carries a Content-Security-Policy and a Permissions-Policy.

The site's pages allow no inline script and no framing; the Wagtail admin has its own
policy; the H5P player and its files keep their own, stricter policy.
"""

import io
import re
from pathlib import Path

import pytest
from django.http import HttpResponse
from django.template import engines
from django.test import RequestFactory

from core.security_headers import AreaCSPMiddleware, PermissionsPolicyMiddleware

ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


SITE_PAGES = ["/", "/kurse/", "/konto/anmelden/", "/nachweis/", "/suche/?q=Kurs",
              "/en/", "/gibt-es-nicht/"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", SITE_PAGES)
def test_site_pages_allow_only_own_scripts_and_no_framing(client, demo, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval'
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/admin/login/", "/admin/password_reset/"])
def test_admin_pages_have_their_own_policy(client, demo, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert "'unsafe-inline'" in policy["script-src"]
    assert not any(value.startswith("'nonce-") for value in policy["script-src"])
    assert policy["frame-ancestors"] == ["'self'"]  # the page preview frames the admin
    assert policy["object-src"] == ["'none'"]
    assert "microphone=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_logged_in_pages_and_the_dashboard_have_the_site_policy(client, demo):
    from accounts.models import User

    client.force_login(User.objects.get(email="lernende@demo.example"))
    response = client.get("/mein-bereich/")
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'none'"]
    assert response["Permissions-Policy"]


@pytest.mark.django_db
def test_the_admin_preview_of_a_page_has_the_site_policy_but_may_be_framed(admin_client, demo):
    from cms.models import ContentPage

    about = ContentPage.objects.get(slug="ueber-die-plattform")
    # Wagtail renders the page through the middleware with a made-up request for its URL.
    response = admin_client.get(f"/admin/pages/{about.pk}/view_draft/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_permissions_policy_switches_off_powerful_features(client):
    from django.conf import settings

    header = PermissionsPolicyMiddleware(lambda request: HttpResponse())(
        RequestFactory().get("/"))["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header
    assert header.count("=()") == len(settings.PERMISSIONS_POLICY)


def test_an_inline_script_runs_only_with_the_requests_nonce():
    template = engines["django"].from_string(
        '<script nonce="{{ request.csp_nonce }}">window.ok = 1;</script>')

    def view(request):
        return HttpResponse(template.render({}, request))

    middleware = AreaCSPMiddleware(view)
    response = middleware(RequestFactory().get("/kurse/"))
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert len(nonce) >= 16
    assert directives(response["Content-Security-Policy"])["script-src"] == [
        "'self'", f"'nonce-{nonce}'"]
    # Another request, another nonce.
    again = middleware(RequestFactory().get("/kurse/"))
    assert f"'nonce-{nonce}'" not in again["Content-Security-Policy"]


def test_a_response_with_its_own_policy_keeps_it():
    own = "sandbox allow-scripts; default-src 'none'"

    def view(request):
        response = HttpResponse()
        response["Content-Security-Policy"] = own
        response["Permissions-Policy"] = "fullscreen=(self)"
        return response

    response = PermissionsPolicyMiddleware(AreaCSPMiddleware(view))(RequestFactory().get("/"))
    assert response["Content-Security-Policy"] == own
    assert response["Permissions-Policy"] == "fullscreen=(self)"


@pytest.fixture
def h5p_content(db, settings, tmp_path):
    from courses.h5p.services import h5p_content_import
    from tests.courses.h5p.builder import valid_package

    settings.MEDIA_ROOT = tmp_path / "media"
    return h5p_content_import(source=io.BytesIO(valid_package())).content


@pytest.mark.django_db
def test_the_h5p_player_and_its_files_keep_their_own_stricter_policy(client, h5p_content):
    from courses.h5p.views import ASSET_CSP, player_csp

    response = client.get(f"/h5p/spieler/{h5p_content.public_id}/")
    assert response["Content-Security-Policy"] == player_csp("http://testserver")
    assert directives(response["Content-Security-Policy"])["sandbox"] == ["allow-scripts"]
    assert "camera=()" in response["Permissions-Policy"]
    asset = client.get(f"/h5p/dateien/inhalt/{h5p_content.public_id}/h5p.json")
    assert asset.status_code == 200
    assert asset["Content-Security-Policy"] == ASSET_CSP


TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
# The H5P player pages send their own policy, which allows inline styles.
OWN_POLICY = {"courses/h5p/player.html", "courses/h5p/player_refused.html"}
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\b(?:src|nonce)=)[^>]*>", re.IGNORECASE)
HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.IGNORECASE)


@pytest.mark.parametrize("template", TEMPLATES,
                         ids=[str(t.relative_to(ROOT / "templates")) for t in TEMPLATES])
def test_templates_need_no_inline_script_handler_or_style(template):
    """What the site's policy would block: inline scripts without nonce, on…= handlers,
    style attributes and <style> elements (the admin's policy allows inline styles)."""
    name = str(template.relative_to(ROOT / "templates"))
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text), name
    assert not HANDLER.search(text), name
    admin = "/admin/" in f"/{name}" or name.startswith("wagtail")
    if name not in OWN_POLICY and not admin:
        assert not STYLE.search(text), name
