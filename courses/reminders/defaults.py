"""Default texts of the training mails; editors change them in the admin (MailText).

Placeholders in curly braces: {name} (the recipient), {learner} (the person the mail is
about, in mails to supervisors and coordinators), {course}, {due_date}, {valid_until},
{days} (days overdue), {reason} (a refusal's reason) and {link} (where to act). Only
these names are replaced; anything else in braces stays as it is, so editors cannot run
template code. Staff are addressed with "Sie".

The first migration of the reminders copies these texts into MailText rows; a key
without a row falls back to the text here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

SIGNATURE_DE = "\n\nMit freundlichen Grüßen\nIhr Team Digitalkompetenz Thüringen"
SIGNATURE_EN = "\n\nKind regards\nThe Digitalkompetenz Thüringen team"
PLACEHOLDERS = ("name", "learner", "course", "due_date", "valid_until", "days", "reason",
                "link")


class MailKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Reminder before the due date")
    DUE_TODAY = "due_today", _("Reminder on the due date")
    OVERDUE = "overdue", _("Overdue notice to the learner")
    OVERDUE_SUPERVISOR = "overdue_supervisor", _("Overdue notice to the supervisor")
    EXPIRY_SOON = "expiry_soon", _("Certification expires soon")
    RECERTIFICATION_DUE = "recertification_due", _("Recertification assigned")
    APPROVAL_REQUESTED = "approval_requested", _("Approval requested (to the approver)")
    APPROVAL_ESCALATED = "approval_escalated", _("Approval escalated (to the coordination team)")
    APPROVAL_APPROVED = "approval_approved", _("Request approved (to the learner)")
    APPROVAL_REFUSED = "approval_refused", _("Request refused (to the learner)")


K = MailKind
DEFAULTS: dict[str, tuple[str, str, str, str]] = {
    # kind: (subject_de, body_de, subject_en, body_en)
    K.DUE_SOON: (
        "Erinnerung: „{course}“ bis {due_date} abschließen",
        "Guten Tag {name},\n\nbitte schließen Sie die Schulung „{course}“ bis zum {due_date} "
        "ab. Sie finden sie in Ihrem Bereich:\n{link}" + SIGNATURE_DE,
        "Reminder: complete “{course}” by {due_date}",
        "Hello {name},\n\nplease complete the training “{course}” by {due_date}. You will "
        "find it in your area:\n{link}" + SIGNATURE_EN),
    K.DUE_TODAY: (
        "Heute fällig: „{course}“",
        "Guten Tag {name},\n\nheute ({due_date}) ist der letzte Tag für die Schulung "
        "„{course}“.\n{link}" + SIGNATURE_DE,
        "Due today: “{course}”",
        "Hello {name},\n\ntoday ({due_date}) is the last day for the training “{course}”."
        "\n{link}" + SIGNATURE_EN),
    K.OVERDUE: (
        "Überfällig: „{course}“",
        "Guten Tag {name},\n\ndie Schulung „{course}“ war bis zum {due_date} abzuschließen "
        "und ist jetzt überfällig. Bitte holen Sie sie bald nach:\n{link}" + SIGNATURE_DE,
        "Overdue: “{course}”",
        "Hello {name},\n\nthe training “{course}” was due by {due_date} and is now "
        "overdue. Please complete it soon:\n{link}" + SIGNATURE_EN),
    K.OVERDUE_SUPERVISOR: (
        "Überfällige Pflichtschulung in Ihrem Team: {learner}",
        "Guten Tag {name},\n\n{learner} hat die Schulung „{course}“ (fällig am {due_date}) "
        "seit {days} Tagen nicht abgeschlossen. Den Stand Ihres Teams sehen Sie hier:\n"
        "{link}" + SIGNATURE_DE,
        "Overdue training in your team: {learner}",
        "Hello {name},\n\n{learner} has not completed the training “{course}” (due on "
        "{due_date}) for {days} days. You can see your team's progress here:\n{link}"
        + SIGNATURE_EN),
    K.EXPIRY_SOON: (
        "Ihr Nachweis für „{course}“ läuft am {valid_until} ab",
        "Guten Tag {name},\n\nIhr Abschluss der Schulung „{course}“ gilt bis zum "
        "{valid_until}. Bitte wiederholen Sie die Schulung rechtzeitig:\n{link}"
        + SIGNATURE_DE,
        "Your completion of “{course}” expires on {valid_until}",
        "Hello {name},\n\nyour completion of the training “{course}” is valid until "
        "{valid_until}. Please repeat the training in time:\n{link}" + SIGNATURE_EN),
    K.RECERTIFICATION_DUE: (
        "Auffrischung fällig: „{course}“ bis {due_date}",
        "Guten Tag {name},\n\nIhr Nachweis für „{course}“ läuft bald ab. Die Schulung ist "
        "Ihnen erneut zugewiesen; bitte schließen Sie sie bis zum {due_date} ab:\n{link}"
        + SIGNATURE_DE,
        "Refresher due: “{course}” by {due_date}",
        "Hello {name},\n\nyour completion of “{course}” expires soon. The training has "
        "been assigned to you again; please complete it by {due_date}:\n{link}"
        + SIGNATURE_EN),
    K.APPROVAL_REQUESTED: (
        "Bitte um Freigabe: {learner} – „{course}“",
        "Guten Tag {name},\n\n{learner} möchte an „{course}“ teilnehmen und bittet um Ihre "
        "Freigabe. Sie können die Anfrage hier genehmigen oder ablehnen:\n{link}"
        + SIGNATURE_DE,
        "Approval requested: {learner} – “{course}”",
        "Hello {name},\n\n{learner} would like to take part in “{course}” and asks for "
        "your approval. You can approve or refuse the request here:\n{link}"
        + SIGNATURE_EN),
    K.APPROVAL_ESCALATED: (
        "Freigabe offen: {learner} – „{course}“",
        "Guten Tag {name},\n\ndie Anfrage von {learner} zur Teilnahme an „{course}“ wurde "
        "nicht beantwortet und liegt jetzt bei der Koordination. Bitte entscheiden Sie "
        "hier:\n{link}" + SIGNATURE_DE,
        "Approval waiting: {learner} – “{course}”",
        "Hello {name},\n\nthe request of {learner} to take part in “{course}” was not "
        "answered and is now with the coordination team. Please decide here:\n{link}"
        + SIGNATURE_EN),
    K.APPROVAL_APPROVED: (
        "Freigegeben: „{course}“",
        "Guten Tag {name},\n\nIhre Teilnahme an „{course}“ wurde genehmigt. Sie können "
        "jetzt beginnen:\n{link}" + SIGNATURE_DE,
        "Approved: “{course}”",
        "Hello {name},\n\nyour participation in “{course}” has been approved. You can "
        "start now:\n{link}" + SIGNATURE_EN),
    K.APPROVAL_REFUSED: (
        "Nicht freigegeben: „{course}“",
        "Guten Tag {name},\n\nIhre Anfrage zur Teilnahme an „{course}“ wurde abgelehnt. "
        "Begründung:\n{reason}\n\n{link}" + SIGNATURE_DE,
        "Not approved: “{course}”",
        "Hello {name},\n\nyour request to take part in “{course}” was refused. Reason:\n"
        "{reason}\n\n{link}" + SIGNATURE_EN),
}
