"""Background jobs (django-q2). Thin: they take ids and call a service; a rerun is harmless."""

from string import Template

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation

from core.urls import absolute_url
from volunteers.applications.services import guardian_token_make
from volunteers.applications.transitions import offers_expire_overdue
from volunteers.email_defaults import DEFAULTS
from volunteers.models import Application, ApplicationEvent, EmailTemplate

EXPIRE_SCHEDULE_NAME = "volunteers: expire overdue offers"


def email_texts(event: str, language: str) -> tuple[str, str]:
    """Subject and body of an event's mail in a language: the admin's template, else the
    default text."""
    template = EmailTemplate.objects.filter(event=event).first()
    if template is not None:
        pairs = {"de": (template.subject_de, template.body_de),
                 "en": (template.subject_en, template.body_en)}
    else:
        subject_de, body_de, subject_en, body_en = DEFAULTS[event]
        pairs = {"de": (subject_de, body_de), "en": (subject_en, body_en)}
    return pairs.get(language, pairs["de"])


def _render(event: str, application: Application, **extra: str) -> tuple[str, str]:
    language = application.language or "de"
    subject, body = email_texts(event, language)
    with translation.override(language):
        deadline = (formats.date_format(timezone.localtime(application.offer_deadline),
                                        "DATETIME_FORMAT")
                    if application.offer_deadline else "")
        values = {"name": application.full_name or application.applicant.get_display_name(),
                  "placement": application.placement.title if application.placement else "",
                  "deadline": deadline,
                  "link": absolute_url(reverse("dashboard")), "reason": "", **extra}
    return (Template(subject).safe_substitute(values).replace("\n", " "),
            Template(body).safe_substitute(values))


def application_event_email_task(event_id: int) -> None:
    """Email the applicant about one status change; a second run sends nothing.

    No transaction is open while the mail server is talked to (on SQLite that would hold
    the write lock): a short transaction claims the event, the mail goes out, and the time
    it went out is recorded. A failed send gives the claim back and raises, so the job's
    retry sends it then.
    """
    with transaction.atomic():
        # of=("self",): PostgreSQL cannot lock the nullable side of the outer joins.
        event = (ApplicationEvent.objects.select_for_update(of=("self",))
                 .filter(pk=event_id).select_related("application__applicant",
                                                     "application__placement").first())
        if event is None or event.email_sent_at is not None or event.to_status not in DEFAULTS:
            return
        claimed_at = timezone.now()
        ApplicationEvent.objects.filter(pk=event.pk).update(email_sent_at=claimed_at)
    application = event.application
    subject, body = _render(event.to_status, application, reason=event.reason)
    claim = ApplicationEvent.objects.filter(pk=event.pk, email_sent_at=claimed_at)
    try:
        send_mail(subject, body, None,
                  [application.contact_email or application.applicant.email])
    except Exception:
        claim.update(email_sent_at=None)
        raise
    claim.update(email_sent_at=timezone.now())


def guardian_consent_email_task(application_id: int) -> None:
    """Send the guardian the consent link (again when asked again)."""
    application = (Application.objects.filter(pk=application_id)
                   .select_related("applicant").first())
    if application is None or not application.guardian_email:
        return
    link = absolute_url(reverse("volunteers:guardian_consent",
                                args=[guardian_token_make(application=application)]))
    subject, body = _render("guardian_consent", application, link=link)
    send_mail(subject, body, None, [application.guardian_email])


def offers_expire_task() -> int:
    """Expire overdue offers and move the waiting lists up; safe to run any time, twice."""
    return offers_expire_overdue()


def expire_schedule_ensure(*, minutes: int = 15):
    """Create (or bring in line) the django-q2 schedule of `offers_expire_task`."""
    from django_q.models import Schedule  # late import: django_q's models need the app registry

    schedule, _created = Schedule.objects.update_or_create(
        name=EXPIRE_SCHEDULE_NAME,
        defaults={"func": "volunteers.tasks.offers_expire_task",
                  "schedule_type": Schedule.MINUTES, "minutes": minutes, "repeats": -1})
    return schedule
