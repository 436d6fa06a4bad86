"""Eligibility rules of the Freiwilliges Digitales Jahr (JFDG), each with a readable reason.

Every rule is a function `(application) -> Problem | None`. `eligibility_problems` runs them
all; nothing is ever refused silently. Limits come from the application's ProgrammeYear.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

ADULT_AGE = 18


@dataclass(frozen=True)
class Problem:
    """A failed rule: a stable code for programs and a sentence for people."""

    code: str
    message: str
    step: str  # the application step where it can be fixed


def age_on(*, born: date, day: date) -> int:
    """Completed years of life on `day`."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _start(application) -> date | None:
    return application.start_date.date if application.start_date_id else None


def is_minor_at_start(application) -> bool:
    """True when the applicant will be under 18 on the chosen start date."""
    start = _start(application)
    if not application.date_of_birth or start is None:
        return False
    return age_on(born=application.date_of_birth, day=start) < ADULT_AGE


def rule_minimum_age(application) -> Problem | None:
    start, year = _start(application), application.programme_year
    if not application.date_of_birth or start is None:
        return None
    age = age_on(born=application.date_of_birth, day=start)
    if age < year.min_age:
        return Problem("too_young", _(
            "On the start date you will be %(age)s years old; the service is possible from "
            "the age of %(min)s. Please choose a later start date or apply for a later "
            "programme year.") % {"age": age, "min": year.min_age}, "availability")
    return None


def rule_maximum_age(application) -> Problem | None:
    start, year = _start(application), application.programme_year
    if not application.date_of_birth or start is None:
        return None
    age = age_on(born=application.date_of_birth, day=start)
    if age >= year.max_age_exclusive:
        return Problem("too_old", _(
            "On the start date you will be %(age)s years old; the service is possible until "
            "your %(limit)sth birthday.") % {"age": age, "limit": year.max_age_exclusive},
            "availability")
    return None


def rule_school_obligation(application) -> Problem | None:
    if application.school_obligation_completed is False:
        return Problem("school_obligation", _(
            "The service is possible only after the full-time school obligation has been "
            "completed (in Thuringia after ten school years)."), "school")
    return None


def rule_start_date_offered(application) -> Problem | None:
    if application.start_date_id and (application.start_date.programme_year_id
                                      != application.programme_year_id):
        return Problem("start_date", _(
            "The chosen start date is not offered in this programme year."), "availability")
    return None


def part_time_problem(year, *, part_time: bool, weekly_hours: int | None) -> Problem | None:
    """The programme year's part-time rule for what was entered (also checked on the
    step where the hours are entered)."""
    if not part_time:
        return None
    if not year.part_time_allowed:
        return Problem("part_time_not_allowed", _(
            "Part-time service is not offered in this programme year."), "availability")
    if (weekly_hours or 0) < year.part_time_min_weekly_hours:
        return Problem("part_time_hours", ngettext(
            "Part-time service must comprise more than 20 hours a week; please enter at "
            "least %(hours)s hour.",
            "Part-time service must comprise more than 20 hours a week; please enter at "
            "least %(hours)s hours.", year.part_time_min_weekly_hours)
            % {"hours": year.part_time_min_weekly_hours}, "availability")
    return None


def rule_part_time(application) -> Problem | None:
    return part_time_problem(application.programme_year, part_time=application.part_time,
                             weekly_hours=application.weekly_hours)


def start_date_unmatched(application) -> Problem | None:
    """A warning, not a refusal: none of the ranked placements offers the chosen start
    date (the applicant may still apply; hosts can agree on another date)."""
    if not application.start_date_id:
        return None
    placements = [p.placement for p in application.preferences.select_related("placement")]
    if not placements:
        return None
    if any(p.start_dates.filter(pk=application.start_date_id).exists() for p in placements):
        return None
    return Problem("start_date_unmatched", _(
        "None of your chosen placements offers the start date %(date)s. You can still "
        "apply; choose another start date or placement if you can.")
        % {"date": application.start_date}, "availability")


def mailbox(address: str) -> str:
    """The mailbox an address reaches, for comparing: trimmed, Unicode-normalised,
    case-folded, and without a "+tag" (lea+eltern@… reaches lea@…)."""
    address = unicodedata.normalize("NFKC", address or "").strip().casefold()
    local, at, domain = address.rpartition("@")
    if not at:
        return address
    return f"{local.split('+', 1)[0]}@{domain}"


def guardian_email_is_applicants(application, email: str | None = None) -> bool:
    """Whether the guardian's address (or `email`) is the applicant's login or contact
    address: a minor may not confirm their own application."""
    email = application.guardian_email if email is None else email
    if not email:
        return False
    own = {mailbox(address) for address in (application.applicant.email,
                                            application.contact_email) if address}
    return mailbox(email) in own


def guardian_own_address_message() -> str:
    return _("Please enter your legal guardian's own email address, not yours: your "
             "guardian confirms the application through a link sent to this address.")


def rule_guardian(application) -> Problem | None:
    if not is_minor_at_start(application):
        return None
    if not (application.guardian_name and application.guardian_email):
        return Problem("guardian_missing", _(
            "You will be under 18 on the start date, so we need the name and email address "
            "of a legal guardian."), "guardian")
    if guardian_email_is_applicants(application):
        return Problem("guardian_own_address", guardian_own_address_message(), "guardian")
    if application.guardian_consent_at is None:
        return Problem("guardian_consent_pending", _(
            "You will be under 18 on the start date: your legal guardian must confirm the "
            "application through the link we sent by email before it can be submitted."),
            "guardian")
    return None


def rule_consent(application) -> Problem | None:
    year = application.programme_year
    if application.consent_given_at is None:
        return Problem("consent_missing", _(
            "Please consent to the processing of your data."), "consent")
    if application.consent_version != year.consent_version:
        return Problem("consent_outdated", _(
            "The consent text has changed since you agreed to it; please read it and agree "
            "again."), "consent")
    return None


ELIGIBILITY_RULES = [rule_minimum_age, rule_maximum_age, rule_school_obligation,
                     rule_start_date_offered, rule_part_time]
COMPLETION_RULES = [rule_guardian, rule_consent]


def eligibility_problems(application) -> list[Problem]:
    """The statutory rules that fail for what the applicant has entered so far."""
    return [problem for rule in ELIGIBILITY_RULES if (problem := rule(application))]


def submission_problems(application) -> list[Problem]:
    """Everything that keeps the application from being submitted, in step order."""
    problems: list[Problem] = []
    required = [
        ("personal", application.first_name and application.last_name
         and application.date_of_birth and application.contact_email and application.town,
         _("Please complete your personal data.")),
        ("school", application.school_obligation_completed is not None
         and application.school_situation, _("Please describe your school situation.")),
        ("availability", application.start_date_id,
         _("Please choose a start date.")),
        ("motivation", application.motivation.strip(),
         _("Please tell us why you want to do the Freiwilliges Digitales Jahr.")),
        ("documents", application.documents.filter(kind="cv").exists(),
         _("Please upload your CV.")),
        ("preferences", application.preferences.exists(),
         _("Please choose at least one placement.")),
    ]
    for step, done, message in required:
        if not done:
            problems.append(Problem(f"{step}_missing", str(message), step))
    problems += eligibility_problems(application)
    problems += [problem for rule in COMPLETION_RULES if (problem := rule(application))]
    return problems
