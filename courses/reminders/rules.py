"""Pure rules of reminders: which mail is due on which day, and filling in a mail text."""

import re
from datetime import date, timedelta

from courses.reminders.defaults import PLACEHOLDERS, MailKind

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def placeholders_fill(text: str, values: dict[str, object]) -> str:
    """Replace the known {placeholders}; anything else in braces stays as it is.

    No str.format: an editor's text must not reach attributes ({name.__class__}).
    """
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in PLACEHOLDERS and name in values:
            return str(values[name])
        return match.group(0)

    return _PLACEHOLDER.sub(replace, text)


def due_reminders(*, today: date, due_date: date, days_before: int,
                  supervisor_after: int) -> list[str]:
    """The reminder mails an open (not validly completed) assignment calls for today.

    - DUE_SOON from `days_before` days before the due date until the day before (so a run
      missed on the exact day still reminds);
    - DUE_TODAY on the due date only;
    - OVERDUE to the learner from the day after the due date;
    - OVERDUE_SUPERVISOR to the supervisor from `supervisor_after` days after the due date.
    Each is recorded once per due date by the caller, so a daily run sends each once.
    """
    if today < due_date:
        return [MailKind.DUE_SOON] if today >= due_date - timedelta(days=days_before) else []
    if today == due_date:
        return [MailKind.DUE_TODAY]
    kinds = [MailKind.OVERDUE]
    if (today - due_date).days >= supervisor_after:
        kinds.append(MailKind.OVERDUE_SUPERVISOR)
    return kinds


def expiry_reminder_due(*, today: date, valid_until: date | None, days_before: int) -> bool:
    """Whether a still valid completion expires within `days_before` days (today included)."""
    return valid_until is not None and today <= valid_until <= today + timedelta(
        days=days_before)
