import pytest

from accounts.models import User
from certificates.services import certificate_issue, certificate_request
from tests.certificates.conftest import snapshot


@pytest.fixture
def issued_code(monkeypatch):
    monkeypatch.setattr("django_q.tasks.async_task", lambda *args, **kwargs: None)
    learner = User.objects.create_user(email="e2e@example.org", password="x",
                                       first_name="Łucja", last_name="Şahin")
    certificate = certificate_request(recipient=learner, kind="course",
                                      achievement_key="course:e2e",
                                      snapshot=snapshot(name="Łucja Şahin"))
    certificate_issue(certificate_id=certificate.pk)
    certificate.refresh_from_db()
    return certificate.code_display


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_anonymous_visitor_verifies_a_code(live_server, page, assert_accessible,
                                              issued_code):
    page.goto(f"{live_server.url}/en/nachweis/")
    assert_accessible(page)
    wrong = issued_code[:-1] + ("0" if issued_code[-1] != "0" else "1")
    page.get_by_label("Verification code").fill(wrong)
    page.get_by_role("button", name="Verify").click()
    assert page.get_by_text("This code contains a typo").is_visible()
    assert_accessible(page)
    page.get_by_label("Verification code").fill(issued_code.lower())
    page.get_by_role("button", name="Verify").click()
    page.wait_for_url(f"**/nachweis/{issued_code}/")
    assert page.get_by_text("This certificate is valid.").is_visible()
    assert page.get_by_text("Łucja Şahin").is_visible()
    assert_accessible(page)
