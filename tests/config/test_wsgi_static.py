"""The WSGI application (what gunicorn runs under `make run`) serves the static files itself,
through whitenoise, with DEBUG on (the demo) and off (production, after collectstatic);
private files are never reachable under a public URL."""

import io
from pathlib import Path
from wsgiref.util import setup_testing_defaults

import pytest
from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.db import close_old_connections
from django.test import override_settings

STATIC_FILES = {
    # KERN UX's styles, the H5P player's script and its styles (fetched by the player frame).
    "vendor/kern/kern.min.css": ("@kern-ux", "native", "dist", "kern.min.css"),
    "vendor/h5p/frame.bundle.js": ("h5p-standalone", "dist", "frame.bundle.js"),
    "vendor/h5p/styles/h5p.css": ("h5p-standalone", "dist", "styles", "h5p.css"),
}


def wsgi_get(application, path: str) -> tuple[int, dict[str, str], bytes]:
    environ = {"PATH_INFO": path, "HTTP_HOST": "localhost", "REQUEST_METHOD": "GET",
               "REMOTE_ADDR": "127.0.0.1", "wsgi.input": io.BytesIO()}
    setup_testing_defaults(environ)
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = int(status.split()[0]), dict(headers)

    # As Django's test client does: keep the test's database connection open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        chunks = application(environ, start_response)
        try:
            body = b"".join(chunks)
        finally:
            getattr(chunks, "close", lambda: None)()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], body


def source(parts: tuple[str, ...]) -> bytes:
    return Path(settings.BASE_DIR, "node_modules", *parts).read_bytes()


@pytest.mark.parametrize("path", STATIC_FILES)
def test_the_demo_server_serves_static_files_through_whitenoise(path):
    # make run: the development settings (DEBUG on), files found where they live.
    with override_settings(DEBUG=True):
        application = WSGIHandler()  # builds the middleware, whitenoise first
        status, headers, body = wsgi_get(application, f"/static/{path}")
    # No URL pattern serves /static/: only whitenoise, in front of Django, can answer.
    assert status == 200
    assert body == source(STATIC_FILES[path])
    assert headers["Content-Type"].startswith(("text/css", "text/javascript"))


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0, link=True)
    return root


def test_production_settings_serve_collected_static_files_with_debug_off(collected):
    with override_settings(DEBUG=False, STATIC_ROOT=collected):
        application = WSGIHandler()
        for path, parts in STATIC_FILES.items():
            status, headers, body = wsgi_get(application, f"/static/{path}")
            assert (status, body) == (200, source(parts)), path
            assert "max-age" in headers["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_private_files_are_not_served_under_a_public_url(debug, tmp_path, collected):
    private = tmp_path / "private"
    (private / "certificates").mkdir(parents=True)
    (private / "certificates" / "secret.pdf").write_bytes(b"%PDF-1.7 private")
    with override_settings(DEBUG=debug, STATIC_ROOT=collected, PRIVATE_MEDIA_ROOT=private):
        application = WSGIHandler()
        for url in ("/static/certificates/secret.pdf", "/media/certificates/secret.pdf",
                    "/static/../private/certificates/secret.pdf"):
            status, _headers, body = wsgi_get(application, url)
            assert status == 404, url
            assert b"%PDF-1.7 private" not in body
