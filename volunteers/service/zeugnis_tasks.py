"""Background jobs of the Zeugnis (django-q2). Thin: they take an id and call a service or
send one mail; a second run changes nothing."""

from string import Template

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from core.urls import absolute_url
from volunteers.service.zeugnis import zeugnis_issue, zeugnis_mail_recipients
from volunteers.service.zeugnis_models import ZeugnisEvent
from volunteers.tasks import email_texts


def zeugnis_issue_task(zeugnis_id: int) -> None:
    """Request the approved Zeugnis' certificate; a second run changes nothing."""
    zeugnis_issue(zeugnis_id=zeugnis_id)


def _link(event: ZeugnisEvent, language: str) -> str:
    """The page the recipient acts on: the host's draft form, or the coordination's
    Zeugnis screen in the admin."""
    with translation.override(language):
        if event.to_status == "requested":
            return absolute_url(reverse("volunteers:host_zeugnis",
                                        args=[event.zeugnis.service_id]))
        return absolute_url(reverse("zeugnis_admin:edit", args=[event.zeugnis_id]))


def zeugnis_event_email_task(event_id: int) -> None:
    """Tell the people who act next about one step of a Zeugnis: the host's contacts when
    it is requested, the coordination in scope when a host has written the draft.

    Each event is claimed in a short transaction and its sending recorded, so a second run
    (or a retry after a worker died) sends nothing twice; a failed send gives the claim
    back and raises, so the job's retry sends it then. No transaction is open while the
    mail server is talked to.
    """
    with transaction.atomic():
        event = (ZeugnisEvent.objects.select_for_update(of=("self",))
                 .select_related("zeugnis__service__application",
                                 "zeugnis__service__placement__host", "actor")
                 .filter(pk=event_id, email_sent_at__isnull=True).first())
        if event is None:
            return
        recipients = zeugnis_mail_recipients(event=event)
        if not recipients:
            return
        claimed_at = timezone.now()
        ZeugnisEvent.objects.filter(pk=event.pk).update(email_sent_at=claimed_at)
    service = event.zeugnis.service
    values = {"name": service.application.full_name or service.volunteer.get_full_name(),
              "placement": service.placement.title}
    claim = ZeugnisEvent.objects.filter(pk=event.pk, email_sent_at=claimed_at)
    try:
        for mail_event, address, language in recipients:
            subject, body = email_texts(mail_event, language)
            text = {**values, "link": _link(event, language)}
            send_mail(Template(subject).safe_substitute(text).replace("\n", " "),
                      Template(body).safe_substitute(text), None, [address])
    except Exception:
        claim.update(email_sent_at=None)
        raise
    claim.update(email_sent_at=timezone.now())
