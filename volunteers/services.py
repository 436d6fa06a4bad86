"""The services of the Freiwilliges Digitales Jahr in one place, for callers outside the app.

They live by sub-feature: volunteers.applications.services (drafts, documents, submission,
guardian consent, verdicts, notes) and volunteers.applications.transitions (status moves,
offers, seats, the waiting list). Modules inside the app import from those directly.
"""

from volunteers.applications.services import (
    GUARDIAN_TOKEN_MAX_AGE,
    MAX_DOCUMENTS,
    application_consent_record,
    application_draft_get_or_create,
    application_note_add,
    application_step_save,
    application_submit,
    document_add,
    document_delete,
    document_max_bytes,
    email_templates_ensure,
    guardian_consent_application,
    guardian_consent_confirm,
    guardian_consent_request,
    guardian_token_make,
    preference_verdict_record,
    preferences_set,
)
from volunteers.applications.transitions import (
    application_transition,
    offer_accept,
    offer_expire,
    offers_expire_overdue,
    waiting_list_advance,
)

__all__ = [
    "GUARDIAN_TOKEN_MAX_AGE", "MAX_DOCUMENTS", "application_consent_record",
    "application_draft_get_or_create", "application_note_add", "application_step_save",
    "application_submit", "application_transition", "document_add", "document_delete",
    "document_max_bytes", "email_templates_ensure", "guardian_consent_application",
    "guardian_consent_confirm", "guardian_consent_request", "guardian_token_make",
    "offer_accept", "offer_expire", "offers_expire_overdue", "preference_verdict_record",
    "preferences_set", "waiting_list_advance",
]
