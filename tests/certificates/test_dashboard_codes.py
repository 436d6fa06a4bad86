"""Learners find their verification code in "Mein Bereich": to copy, and its page."""

import re

import pytest
from django.contrib.staticfiles import finders

from certificates.services import certificate_request
from tests.factories import snapshot


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/mein-bereich/", "/en/nachweis/meine/"])
def test_each_issued_certificate_shows_its_code_a_copy_button_and_the_verification_link(
        client, issued, path):
    client.force_login(issued.recipient)
    html = client.get(path).content.decode()
    field = re.search(rf'<input[^>]*id="verification-code-{issued.pk}"[^>]*>', html).group(0)
    assert f'value="{issued.code_display}"' in field and "readonly" in field
    assert f'<label class="kern-sr-only" for="verification-code-{issued.pk}">' in html
    assert f'data-copy-target="verification-code-{issued.pk}"' in html
    assert "Copy code" in html
    assert f'href="/en/nachweis/{issued.code_display}/"' in html
    assert re.search(r'<script src="[^"]*js/copy-code[^"]*\.js"', html)
    assert finders.find("js/copy-code.js")


@pytest.mark.django_db
def test_a_certificate_still_being_prepared_shows_no_code(client, learner, enqueued):
    queued = certificate_request(recipient=learner, kind="course", achievement_key="course:9",
                                 snapshot=snapshot())
    client.force_login(learner)
    html = client.get("/en/mein-bereich/").content.decode()
    assert queued.code_display not in html
    assert "verification-code-" not in html
