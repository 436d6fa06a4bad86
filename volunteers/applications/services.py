"""Writes of applying: drafts and their steps, documents, submission, the guardian's consent,
host verdicts and coordination notes. Status changes go through
volunteers.applications.transitions.
"""

import ipaddress
from collections.abc import Iterable

from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from accounts.models import User
from core.files import (
    HTML_SCAN_BYTES,
    contains_html_markup,
    safe_download_name,
    sniff_content_type,
)
from core.jobs import enqueue_on_commit
from volunteers.applications.transitions import JOB_GROUP, application_transition
from volunteers.eligibility import (
    Problem,
    guardian_email_is_applicants,
    guardian_own_address_message,
    submission_problems,
)
from volunteers.email_defaults import DEFAULTS as EMAIL_DEFAULTS
from volunteers.exceptions import (
    ApplicationIncomplete,
    ApplicationsClosed,
    InvalidDocument,
    InvalidPreferences,
    InvalidToken,
    InvalidTransition,
    NotAllowed,
    VolunteersError,
)
from volunteers.models import (
    Application,
    ApplicationDocument,
    ApplicationNote,
    ApplicationPreference,
    ApplicationStatus,
    DocumentKind,
    EmailTemplate,
    Placement,
    ProgrammeYear,
)
from volunteers.selectors import (
    host_may_see,
    is_coordinator,
)

S = ApplicationStatus
GUARDIAN_EMAIL_TASK = "volunteers.tasks.guardian_consent_email_task"
GUARDIAN_TOKEN_SALT = "volunteers.guardian-consent"  # noqa: S105 - a salt, not a secret
GUARDIAN_TOKEN_MAX_AGE = 60 * 60 * 24 * 14
MAX_DOCUMENTS = 6


# --- drafts and steps ---------------------------------------------------------------------


def application_draft_get_or_create(*, applicant: User, programme_year: ProgrammeYear,
                                    language: str = "de") -> Application:
    """The applicant's application for the year; a new draft only while applications open."""
    existing = Application.objects.filter(applicant=applicant,
                                          programme_year=programme_year).first()
    if existing is not None:
        return existing
    if not programme_year.is_open():
        raise ApplicationsClosed
    application, _created = Application.objects.get_or_create(
        applicant=applicant, programme_year=programme_year,
        defaults={"language": language[:2], "contact_email": applicant.email,
                  "first_name": applicant.first_name, "last_name": applicant.last_name})
    return application


def _require_own_draft(application: Application, actor: User) -> None:
    if actor.pk != application.applicant_id:
        raise NotAllowed
    if application.status != S.DRAFT:
        raise InvalidTransition(application.status, application.status, _(
            "The application has been submitted and can no longer be changed."))


GUARDIAN_FIELDS = {"guardian_name", "guardian_email"}
GUARDIAN_CONSENT_EVIDENCE = {"guardian_consent_at": None, "guardian_consent_name": "",
                             "guardian_consent_email": "", "guardian_consent_ip": None,
                             "guardian_consent_user_agent": ""}
USER_AGENT_MAX_LENGTH = 300


def application_step_save(*, application: Application, actor: User,
                          data: dict) -> Application:
    """Store the fields of one step of a draft. Changing guardian data asks for new consent.

    Raises VolunteersError when the guardian's address is the applicant's own.
    """
    _require_own_draft(application, actor)
    if data.get("guardian_email") and guardian_email_is_applicants(
            application, data["guardian_email"]):
        raise VolunteersError(guardian_own_address_message())
    changed_guardian = any(getattr(application, name) != data[name]
                           for name in GUARDIAN_FIELDS & data.keys())
    for name, value in data.items():
        setattr(application, name, value)
    if changed_guardian:
        for name, empty in GUARDIAN_CONSENT_EVIDENCE.items():
            setattr(application, name, empty)
        application.guardian_consent_requested_at = None
    application.save()
    return application


def application_consent_record(*, application: Application, actor: User) -> Application:
    """Record the applicant's consent with the time and the text version shown."""
    _require_own_draft(application, actor)
    year = application.programme_year
    application.consent_given_at = timezone.now()
    application.consent_version = year.consent_version
    application.consent_text = year.consent_text
    application.save(update_fields=["consent_given_at", "consent_version", "consent_text",
                                    "updated_at"])
    return application


@transaction.atomic
def preferences_set(*, application: Application, actor: User,
                    placements: Iterable[Placement]) -> list[ApplicationPreference]:
    """Replace the ranked preferences (first = rank 1). Raises InvalidPreferences."""
    _require_own_draft(application, actor)
    placements = list(placements)
    year = application.programme_year
    if not placements:
        raise InvalidPreferences(_("Please choose at least one placement."))
    if len(placements) > year.max_preferences:
        raise InvalidPreferences(_("You can rank at most %(count)s placements.")
                                 % {"count": year.max_preferences})
    if len({placement.pk for placement in placements}) != len(placements):
        raise InvalidPreferences(_("Each placement can be ranked only once."))
    valid = set(Placement.objects.filter(pk__in=[p.pk for p in placements], published=True,
                                         programme_year=year).values_list("pk", flat=True))
    if any(placement.pk not in valid for placement in placements):
        raise InvalidPreferences(_("One of the chosen placements is not open for "
                                   "applications in this programme year."))
    application.preferences.all().delete()
    return ApplicationPreference.objects.bulk_create([
        ApplicationPreference(application=application, placement=placement, rank=rank)
        for rank, placement in enumerate(placements, start=1)])


# --- documents ----------------------------------------------------------------------------

def document_max_bytes() -> int:
    return int(getattr(settings, "VOLUNTEER_DOCUMENT_MAX_BYTES", 5 * 1024 * 1024))


def document_add(*, application: Application, actor: User, kind: str,
                 upload: UploadedFile) -> ApplicationDocument:
    """Check the upload by content and size and store it privately. Raises InvalidDocument."""
    _require_own_draft(application, actor)
    if kind not in DocumentKind.values:
        raise InvalidDocument(_("Please choose what kind of document this is."))
    limit = document_max_bytes()
    if upload.size is None or upload.size > limit:
        raise InvalidDocument(_(
            "The file is too large. Files may be at most %(mb)s MB.")
            % {"mb": round(limit / 1024 / 1024, 1)})
    if upload.size == 0:
        raise InvalidDocument(_("The file is empty."))
    upload.seek(0)
    head = upload.read(HTML_SCAN_BYTES)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise InvalidDocument(_(
            "The file is not a PDF or an image (JPEG, PNG, WebP). Please upload your "
            "document as PDF."))
    if contains_html_markup(head):
        raise InvalidDocument(_(
            "The file contains web page code (HTML) and cannot be accepted. Please save "
            "your document again as PDF or image and upload that file."))
    if application.documents.count() >= MAX_DOCUMENTS:
        raise InvalidDocument(_("You can upload at most %(count)s documents.")
                              % {"count": MAX_DOCUMENTS})
    # Stored under a generated name (see models._document_path); the uploader's name is
    # kept only as the sanitised download name with the detected type's extension.
    document = ApplicationDocument(
        application=application, kind=kind, content_type=content_type, size=upload.size,
        original_name=safe_download_name(upload.name or "", content_type))
    document.file.save("upload", upload, save=False)
    document.save()
    return document


def document_delete(*, document: ApplicationDocument, actor: User) -> None:
    _require_own_draft(document.application, actor)
    document.file.delete(save=False)
    document.delete()


# --- submission and guardian consent ------------------------------------------------------


def application_submit(*, application: Application, actor: User) -> Application:
    """Submit a complete draft. A second submit changes nothing (no error, no new event).

    Raises ApplicationIncomplete with the readable problems, ApplicationsClosed.
    """
    if actor.pk != application.applicant_id:
        raise NotAllowed
    application.refresh_from_db()
    if application.submitted_at is not None:
        return application
    if not application.programme_year.is_open():
        raise ApplicationsClosed
    problems = submission_problems(application)
    unpublished = application.preferences.filter(placement__published=False)
    if unpublished.exists():
        problems.append(Problem("preference_unpublished", _(
            "One of your chosen placements is no longer open; please choose another."),
            "preferences"))
    if problems:
        raise ApplicationIncomplete(problems)
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status != S.DRAFT:
            return locked
        application_transition(application=locked, to_status=S.SUBMITTED, actor=actor)
    application.refresh_from_db()
    return application


def _guardian_address_digest(application: Application) -> str:
    # Binds a link to the address it was sent to, without putting the address in the URL.
    return salted_hmac(GUARDIAN_TOKEN_SALT, f"{application.pk}:{application.guardian_email}"
                       ).hexdigest()[:32]


def guardian_token_make(*, application: Application) -> str:
    """The signed, expiring consent link token; it stops working when the guardian's
    address changes."""
    return signing.dumps({"a": application.pk, "e": _guardian_address_digest(application)},
                         salt=GUARDIAN_TOKEN_SALT)


def guardian_consent_application(*, token: str) -> Application:
    """The application a consent link is for. Raises InvalidToken when the link is forged,
    expired, or was sent to an address that is no longer the guardian's."""
    try:
        data = signing.loads(token, salt=GUARDIAN_TOKEN_SALT, max_age=GUARDIAN_TOKEN_MAX_AGE)
        application = Application.objects.select_related("applicant", "programme_year").get(
            pk=data["a"])
        digest = str(data["e"])
    except (signing.BadSignature, Application.DoesNotExist, KeyError, TypeError,
            ValueError) as error:
        raise InvalidToken from error
    if (not application.guardian_email
            or not constant_time_compare(digest, _guardian_address_digest(application))
            or guardian_email_is_applicants(application)):
        raise InvalidToken
    return application


def guardian_consent_request(*, application: Application, actor: User) -> Application:
    """Email the guardian a link to confirm the minor's application (after commit)."""
    _require_own_draft(application, actor)
    if not (application.guardian_name and application.guardian_email):
        raise VolunteersError(_("Please enter the guardian's name and email address first."))
    if guardian_email_is_applicants(application):
        raise VolunteersError(guardian_own_address_message())
    application.guardian_consent_requested_at = timezone.now()
    application.save(update_fields=["guardian_consent_requested_at", "updated_at"])
    enqueue_on_commit(GUARDIAN_EMAIL_TASK, application.pk, group=JOB_GROUP)
    return application


def guardian_consent_confirm(*, token: str, client_ip: str = "",
                             user_agent: str = "") -> Application:
    """Record the guardian's consent from the emailed link; safe to follow twice.

    Records the evidence with it: the name and address the link was sent to, when, the
    client's IP address and browser (user agent, shortened). Raises InvalidToken.
    """
    application = guardian_consent_application(token=token)
    if application.guardian_consent_at is None:
        try:
            address = str(ipaddress.ip_address(client_ip.strip()))
        except ValueError:
            address = None
        application.guardian_consent_at = timezone.now()
        application.guardian_consent_name = application.guardian_name
        application.guardian_consent_email = application.guardian_email
        application.guardian_consent_ip = address
        application.guardian_consent_user_agent = (user_agent or "")[:USER_AGENT_MAX_LENGTH]
        application.save(update_fields=[*GUARDIAN_CONSENT_EVIDENCE, "updated_at"])
    return application


# --- hosts and coordination --------------------------------------------------------------


def preference_verdict_record(*, preference: ApplicationPreference, actor: User, verdict: str,
                              comment: str = "", host_rank: int | None = None,
                              interview_proposal: str = "") -> ApplicationPreference:
    """A host contact records a verdict on an application to one of the host's placements."""
    if not host_may_see(user=actor, preference=preference):
        raise NotAllowed
    if verdict not in ApplicationPreference.Verdict.values:
        raise InvalidTransition("", verdict, _("Please choose a verdict."))
    preference.verdict = verdict
    preference.verdict_comment = comment
    preference.host_rank = host_rank
    preference.interview_proposal = interview_proposal
    preference.verdict_by = actor
    preference.verdict_at = timezone.now()
    preference.save()
    return preference


def application_note_add(*, application: Application, actor: User, text: str) -> ApplicationNote:
    if not is_coordinator(actor):
        raise NotAllowed
    return ApplicationNote.objects.create(application=application, author=actor,
                                          text=text.strip())


def email_templates_ensure() -> int:
    """Create the default email template of every event that has none; returns how many."""
    created = 0
    for event, (subject_de, body_de, subject_en, body_en) in EMAIL_DEFAULTS.items():
        _template, was_created = EmailTemplate.objects.get_or_create(
            event=event, defaults={"subject_de": subject_de, "body_de": body_de,
                                   "subject_en": subject_en, "body_en": body_en})
        created += was_created
    return created
