"""The sandboxed player frame has the origin "null": its own styles and fonts must be
served with `Access-Control-Allow-Origin: *`, or the browser refuses the fonts."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from courses.h5p.attempts import h5p_attempt_token_make
from courses.models import LessonPage

pytestmark = pytest.mark.django_db

FONT = "fonts/h5p-core-30.woff2"


def test_player_styles_and_fonts_allow_the_opaque_origin():
    client = Client()
    for path, kind in (("styles/h5p.css", "text/css"), (FONT, "font/woff2")):
        response = client.get(reverse("h5p:player_file", kwargs={"path": path}),
                              HTTP_ORIGIN="null")
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith(kind)
        assert response["Access-Control-Allow-Origin"] == "*"
        assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
        assert "sandbox" in response["Content-Security-Policy"]
        assert not response.cookies


@pytest.mark.parametrize("path", ["main.bundle.js", "../../../pyproject.toml",
                                  "styles/../../../../etc/passwd.css", "styles/missing.css",
                                  "main.bundle.js.LICENSE.txt"])
def test_player_files_serve_only_styles_fonts_and_images_of_the_player(path):
    response = Client().get(f"/h5p/spieler/dateien/{path}")
    assert response.status_code == 404


def test_player_takes_its_styles_from_the_cors_view(h5p_content, admin_user):
    client = Client()
    client.force_login(admin_user)
    token = h5p_attempt_token_make(learner=admin_user, lesson=LessonPage(pk=1),
                                   content=h5p_content)
    html = client.get(reverse("h5p:player", args=[h5p_content.public_id]),
                      {"versuch": token}).content.decode()
    config = json.loads(html.split('id="h5p-config" type="application/json">')[1]
                        .split("</script>")[0])
    assert config["frameCss"] == "http://testserver" + reverse(
        "h5p:player_file", kwargs={"path": "styles/h5p.css"})


def test_static_h5p_files_allow_any_origin(settings):
    """What whitenoise sends for /static/ in production (WHITENOISE_ALLOW_ALL_ORIGINS is on
    by default); under runserver and the test server the player uses `player_file`."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    font = client.get(f"/static/vendor/h5p/{FONT}")
    assert font.status_code == 200
    assert font["Access-Control-Allow-Origin"] == "*"
