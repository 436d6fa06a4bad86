"""Training mails: recorded once, sent after commit; and the daily reminder run.

How a mail goes out (at most once):

1. `mail_record` writes a ReminderSent row with a unique key inside the caller's
   transaction and, after commit, enqueues the send job. A second record with the same
   key does nothing, so a job that runs twice records and sends nothing twice.
2. `mail_send` claims the row (sets `sent_at` with one conditional UPDATE), renders the
   text in the recipient's language and hands it to the mail server; if that fails the
   claim is given back and the error raised, so django-q2 retries it.
3. A row recorded but never sent (the worker was killed before it ran the send job) is
   sent by the next `reminders_run`, which enqueues every unsent row of the last
   REMINDER_RESEND_DAYS days. A worker killed *while* talking to the mail server leaves
   the row claimed: that one mail is lost rather than sent twice.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation

from accounts.models import User
from accounts.roles import Role
from core.jobs import enqueue_on_commit
from core.urls import absolute_url
from courses.assignments.selectors import (
    compliance_state_expression,
    current_person_assignments,
)
from courses.reminders.defaults import DEFAULTS, MailKind
from courses.reminders.models import MailPreference, MailText, ReminderSent
from courses.reminders.rules import due_reminders, expiry_reminder_due, placeholders_fill
from courses.rules import ComplianceState

SEND_TASK = "courses.reminders.tasks.mails_send_task"
SEND_CHUNK = 200
DATE_VALUES = ("due_date", "valid_until")


def recipient_language(user: User) -> str:
    """The language a person's mail is written in (German unless the account says else)."""
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def optional_mail_wanted(user: User) -> bool:
    preference = MailPreference.objects.filter(user=user).first()
    return preference is None or preference.optional_reminders


def mail_preference_set(*, user: User, optional_reminders: bool) -> MailPreference:
    """Store whether the person wants mails that are not about mandatory training."""
    preference, _created = MailPreference.objects.update_or_create(
        user=user, defaults={"optional_reminders": optional_reminders})
    return preference


def mails_enqueue(ids: list[int]) -> None:
    """Hand the rows to the send job after commit, in chunks."""
    for start in range(0, len(ids), SEND_CHUNK):
        enqueue_on_commit(SEND_TASK, ids[start:start + SEND_CHUNK], group="mails",
                          timeout=110)


def mail_record(*, key: str, kind: str, recipient: User, values: dict,
                mandatory: bool = True) -> ReminderSent | None:
    """Record one mail under `key` and send it after commit; None when it was recorded
    before (nothing is sent twice) or when the person switched such mails off (only
    possible for mails that are not `mandatory`).

    `values` fill the text's placeholders; dates as ISO strings (formatted in the
    recipient's language when sent), `link` as a site path.
    """
    if not mandatory and not optional_mail_wanted(recipient):
        return None
    if ReminderSent.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            row = ReminderSent.objects.create(key=key, kind=kind, recipient=recipient,
                                              values=values, mandatory=mandatory)
    except IntegrityError:  # recorded by a run at the same moment
        return None
    mails_enqueue([row.pk])
    return row


def mail_text(*, kind: str, language: str) -> tuple[str, str]:
    """(subject, body) of a kind of mail: the admin's text, else the default."""
    text = MailText.objects.filter(key=kind).first()
    if text is not None:
        pairs = {"de": (text.subject_de, text.body_de), "en": (text.subject_en, text.body_en)}
    else:
        subject_de, body_de, subject_en, body_en = DEFAULTS[kind]
        pairs = {"de": (subject_de, body_de), "en": (subject_en, body_en)}
    return pairs.get(language, pairs["de"])


def mail_render(*, row: ReminderSent) -> tuple[str, str]:
    """The subject and text of a recorded mail, in its recipient's language."""
    language = recipient_language(row.recipient)
    subject, body = mail_text(kind=row.kind, language=language)
    values = {"name": row.recipient.get_display_name(), **row.values}
    with translation.override(language):
        for name in DATE_VALUES:
            if values.get(name):
                values[name] = formats.date_format(date.fromisoformat(values[name]),
                                                   "DATE_FORMAT")
        if values.get("link"):
            prefix = "" if language == settings.LANGUAGE_CODE else f"/{language}"
            values["link"] = absolute_url(prefix + values["link"])
    return " ".join(placeholders_fill(subject, values).split()), placeholders_fill(body, values)


def mail_send(*, reminder_id: int) -> bool:
    """Send one recorded mail unless it went out before; True if this call sent it."""
    claimed_at = timezone.now()
    claimed = ReminderSent.objects.filter(pk=reminder_id, sent_at__isnull=True).update(
        sent_at=claimed_at)
    if not claimed:
        return False
    row = ReminderSent.objects.select_related("recipient").get(pk=reminder_id)
    try:
        subject, body = mail_render(row=row)
        send_mail(subject, body, None, [row.recipient.email])
    except Exception:
        ReminderSent.objects.filter(pk=reminder_id, sent_at=claimed_at).update(sent_at=None)
        raise
    return True


def mails_unsent_resend(*, now=None) -> int:
    """Enqueue every mail recorded in the last REMINDER_RESEND_DAYS days but not sent."""
    now = now or timezone.now()
    since = now - timedelta(days=settings.REMINDER_RESEND_DAYS)
    ids = list(ReminderSent.objects.filter(sent_at__isnull=True, created_at__gte=since)
               .order_by("pk").values_list("pk", flat=True))
    mails_enqueue(ids)
    return len(ids)


def dashboard_path() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("dashboard")


def team_path() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("team:index")


def reminder_key(kind: str, *parts: object) -> str:
    return ":".join([kind, *(str(part) for part in parts)])


def coordinators_for(*, person: User) -> list[User]:
    """Active coordinators whose scope covers the person (unscoped coordinators too)."""
    coordinators = User.objects.filter(is_active=True, groups__name=Role.COORDINATOR)
    if person.home_unit_id is None:
        return list(coordinators.filter(scope_units__isnull=True).distinct())
    ancestors = [person.home_unit_id, *(unit.pk for unit in person.home_unit.ancestors())]
    return list(coordinators.filter(Q(scope_units__isnull=True)
                                    | Q(scope_units__in=ancestors)).distinct())



def _planned_mails(*, today: date) -> list[dict]:
    """The reminder mails today calls for, before looking at what was recorded already.

    Rows of a course that is not published at the moment remind nobody (the person could
    not act on it); rows of deactivated people neither.
    """
    before = settings.REMINDER_DAYS_BEFORE
    supervisor_after = settings.REMINDER_SUPERVISOR_AFTER_DAYS
    expiry_before = settings.REMINDER_EXPIRY_DAYS_BEFORE
    open_due = (Q(due_date__lte=today + timedelta(days=before))
                & ~Q(state=ComplianceState.COMPLETED))
    expiring = (Q(state=ComplianceState.COMPLETED)
                & Q(valid_until__lte=today + timedelta(days=expiry_before)))
    rows = (current_person_assignments()
            .annotate(state=compliance_state_expression(today))
            .filter(open_due | expiring, user__is_active=True, course__live=True)
            .select_related("user", "user__supervisor", "course").order_by("pk"))
    dashboard, team = dashboard_path(), team_path()
    planned = []
    for row in rows:
        user, course = row.user, row.course
        if row.state == ComplianceState.COMPLETED:
            if expiry_reminder_due(today=today, valid_until=row.valid_until,
                                   days_before=expiry_before):
                planned.append({
                    "key": reminder_key(MailKind.EXPIRY_SOON, user.pk, course.pk,
                                        row.valid_until),
                    "kind": MailKind.EXPIRY_SOON, "recipient": user, "mandatory": row.mandatory,
                    "values": {"course": course.title, "link": course.url or dashboard,
                               "valid_until": row.valid_until.isoformat()}})
            continue
        for kind in due_reminders(today=today, due_date=row.due_date, days_before=before,
                                  supervisor_after=supervisor_after):
            values = {"course": course.title, "due_date": row.due_date.isoformat()}
            if kind != MailKind.OVERDUE_SUPERVISOR:
                planned.append({"key": reminder_key(kind, user.pk, course.pk, row.due_date),
                                "kind": kind, "recipient": user, "mandatory": row.mandatory,
                                "values": {**values, "link": dashboard}})
                continue
            supervisor = user.supervisor
            if supervisor is None or not supervisor.is_active or supervisor.pk == user.pk:
                continue
            planned.append({
                "key": reminder_key(kind, supervisor.pk, user.pk, course.pk, row.due_date),
                "kind": kind, "recipient": supervisor, "mandatory": row.mandatory,
                "values": {**values, "learner": user.get_display_name(), "link": team,
                           "days": (today - row.due_date).days}})
    return planned


def reminders_run(*, today: date | None = None) -> dict[str, int]:
    """Record today's reminder mails (each once: before, on and after the due date, to
    the supervisor after REMINDER_SUPERVISOR_AFTER_DAYS, before a completion expires)
    and send them, together with any recorded earlier but never sent.

    Safe to run twice, or after a run killed half-way: what was recorded is not recorded
    again; what is missing is recorded now. Returns how many were recorded and enqueued.
    """
    today = today or timezone.localdate()
    planned = _planned_mails(today=today)
    keys = [mail["key"] for mail in planned]
    known = set()
    for start in range(0, len(keys), 1000):
        known.update(ReminderSent.objects.filter(key__in=keys[start:start + 1000])
                     .values_list("key", flat=True))
    opted_out = set(MailPreference.objects.filter(optional_reminders=False)
                    .values_list("user_id", flat=True))
    new = [ReminderSent(key=mail["key"], kind=mail["kind"], recipient=mail["recipient"],
                        values=mail["values"], mandatory=mail["mandatory"])
           for mail in planned if mail["key"] not in known
           and (mail["mandatory"] or mail["recipient"].pk not in opted_out)]
    with transaction.atomic():
        ReminderSent.objects.bulk_create(new, batch_size=500, ignore_conflicts=True)
        enqueued = mails_unsent_resend()
    return {"recorded": len(new), "enqueued": enqueued}
