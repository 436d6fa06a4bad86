"""Mails about a Zeugnis: the host's contacts hear when it is requested, the coordination in
scope when a host has written the draft; each once, in the recipient's language."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts.models import OrgUnit, OrgUnitKind
from accounts.roles import Role
from tests.factories import role_user
from tests.volunteers.service.test_zeugnis import TEXT, service  # noqa: F401 (fixture)
from volunteers.models import Zeugnis
from volunteers.service import zeugnis_tasks
from volunteers.service.zeugnis import zeugnis_draft, zeugnis_request
from volunteers.service.zeugnis_models import ZeugnisEvent
from volunteers.service.zeugnis_tasks import zeugnis_event_email_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(service, applicant, jobs_inline, mailoutbox,  # noqa: F811
              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        zeugnis = zeugnis_request(service=service, actor=applicant, with_performance=False)
    return zeugnis


def test_the_hosts_contacts_are_asked_for_the_draft_once(requested, host_contact,
                                                          other_host_contact, mailoutbox):
    assert [mail.to for mail in mailoutbox] == [[host_contact.email]]
    mail = mailoutbox[0]
    assert "Lea Schubert" in mail.subject
    assert reverse("volunteers:host_zeugnis", args=[requested.service_id]) in mail.body
    event = ZeugnisEvent.objects.get(zeugnis=requested)
    assert event.email_sent_at is not None
    zeugnis_event_email_task(event.pk)  # the job run again (a retry, a second worker)
    assert len(mailoutbox) == 1


def test_asking_again_sends_nothing_new(requested, service, applicant, mailoutbox,  # noqa: F811
                                        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        zeugnis_request(service=service, actor=applicant, with_performance=True)
    assert len(mailoutbox) == 1


def test_the_coordination_in_scope_hears_of_the_hosts_first_draft(
        requested, host_contact, coordinator, mailoutbox, django_capture_on_commit_callbacks):
    elsewhere = role_user("koordination-eichsfeld@example.org", Role.COORDINATOR)
    elsewhere.scope_units.add(OrgUnit.objects.create(
        name="Landkreis Eichsfeld", code="eichsfeld", kind=OrgUnitKind.LANDKREIS))
    english = role_user("coordination@example.org", Role.COORDINATOR)
    UserProfile.objects.update_or_create(user=english, defaults={"preferred_language": "en"})
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        zeugnis_draft(zeugnis=requested, actor=host_contact, text=TEXT)
    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert set(by_address) == {coordinator.email, english.email}
    admin_link = reverse("zeugnis_admin:edit", args=[requested.pk])
    assert "Entwurf" in by_address[coordinator.email].subject
    assert "draft ready" in by_address[english.email].subject
    assert all(admin_link in mail.body for mail in mailoutbox)
    # Rewriting the draft, or the coordination's own edits, tell nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        zeugnis_draft(zeugnis=Zeugnis.objects.get(pk=requested.pk), actor=host_contact,
                      text=TEXT)
        zeugnis_draft(zeugnis=Zeugnis.objects.get(pk=requested.pk), actor=coordinator,
                      text=TEXT)
    assert len(mailoutbox) == 2


def test_a_failed_send_is_sent_by_the_retry(service, applicant, host_contact,  # noqa: F811
                                            jobs_queued, mailoutbox, monkeypatch,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        zeugnis = zeugnis_request(service=service, actor=applicant, with_performance=False)
    event = ZeugnisEvent.objects.get(zeugnis=zeugnis)
    assert [call[0] for call in jobs_queued] == [
        "volunteers.service.zeugnis_tasks.zeugnis_event_email_task"]

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    send_mail = zeugnis_tasks.send_mail
    monkeypatch.setattr(zeugnis_tasks, "send_mail", refuse)
    with pytest.raises(ConnectionRefusedError):
        zeugnis_event_email_task(event.pk)
    event.refresh_from_db()
    assert event.email_sent_at is None
    monkeypatch.setattr(zeugnis_tasks, "send_mail", send_mail)
    zeugnis_event_email_task(event.pk)
    assert [mail.to for mail in mailoutbox] == [[host_contact.email]]
