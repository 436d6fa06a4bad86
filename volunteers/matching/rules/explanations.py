"""Why each applicant got what the proposal gives them, in whole sentences in the active
language."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from .codes import (
    BY_HOST_RANKING,
    BY_LOTTERY,
    DRIVING_LICENCE,
    EXCLUDED,
    EXTENDED_CERTIFICATE,
    NO_SEATS,
    NOT_REACHED,
    NOT_SUITABLE,
    PART_TIME_IMPOSSIBLE,
    PROPOSED,
    REQUIREMENT_MISSING,
    START_DATE_NOT_OFFERED,
    TOO_OLD,
    TOO_YOUNG,
)
from .proposal import PreferenceOutcome, Proposal


def ordinal(number: int) -> str:
    """"1st", "2nd" … as the interface language writes a choice's rank ("1." in German)."""
    words = {1: pgettext("choice", "1st"), 2: pgettext("choice", "2nd"),
             3: pgettext("choice", "3rd"), 4: pgettext("choice", "4th"),
             5: pgettext("choice", "5th"), 6: pgettext("choice", "6th"),
             7: pgettext("choice", "7th"), 8: pgettext("choice", "8th")}
    return words.get(number) or pgettext("choice", "%(number)sth") % {"number": number}


def _label(proposal: Proposal, placement_id: str, same_host: bool) -> str:
    placement = proposal.placement_in.get(placement_id)
    if placement is None:
        return placement_id
    if same_host:
        return f"{placement.title}, {placement.host_name}"
    return placement.host_name or placement.title


def _requirement_sentence(requirement: str, values: dict) -> str:
    if requirement == EXTENDED_CERTIFICATE:
        return _("Your %(rank)s choice (%(placement)s) was not possible: it requires an "
                 "extended certificate of good conduct, and you have not confirmed that you "
                 "can present one.") % values
    if requirement == DRIVING_LICENCE:
        return _("Your %(rank)s choice (%(placement)s) was not possible: it requires a "
                 "driving licence, and you have not confirmed that you hold one.") % values
    return _("Your %(rank)s choice (%(placement)s) was not possible: it has a requirement "
             "(%(requirement)s) that you have not confirmed.") % {**values,
                                                                  "requirement": requirement}


def _excluded_sentence(proposal: Proposal, outcome: PreferenceOutcome, values: dict) -> str:
    reason = outcome.reason
    if outcome.start is not None:
        values = {**values, "date": date_format(outcome.start, "DATE_FORMAT"),
                  "age": outcome.age, "min": proposal.input.min_age,
                  "limit": proposal.input.max_age_exclusive}
    if reason == NOT_SUITABLE:
        return _("Your %(rank)s choice (%(placement)s) was not possible: the host found that "
                 "the placement does not suit you.") % values
    if reason == TOO_YOUNG:
        return _("Your %(rank)s choice (%(placement)s) was not possible: on its start date, "
                 "%(date)s, you will be %(age)s years old, and the service is possible from "
                 "the age of %(min)s.") % values
    if reason == TOO_OLD:
        return _("Your %(rank)s choice (%(placement)s) was not possible: on its start date, "
                 "%(date)s, you will be %(age)s years old, and the service is possible only "
                 "until your %(limit)sth birthday.") % values
    if reason == PART_TIME_IMPOSSIBLE:
        return _("Your %(rank)s choice (%(placement)s) was not possible: you want to serve "
                 "part-time, and this placement does not offer part-time service.") % values
    if reason == START_DATE_NOT_OFFERED:
        return _("Your %(rank)s choice (%(placement)s) was not possible: it does not offer "
                 "your start date, %(date)s.") % values
    if reason.startswith(REQUIREMENT_MISSING + ":"):
        return _requirement_sentence(reason.partition(":")[2], values)
    return _("Your %(rank)s choice (%(placement)s) is no longer offered in this programme "
             "year.") % values


def _full_sentence(outcome: PreferenceOutcome, values: dict) -> str:
    values = {**values, "seats": outcome.seats}
    if outcome.reason == BY_HOST_RANKING:
        return ngettext(
            "Your %(rank)s choice (%(placement)s) gave its %(seats)s seat to an applicant "
            "the host ranked before you.",
            "Your %(rank)s choice (%(placement)s) gave its %(seats)s seats to applicants the "
            "host ranked before you.", outcome.seats) % values
    if outcome.reason == BY_LOTTERY:
        return ngettext(
            "Your %(rank)s choice (%(placement)s) gave its %(seats)s seat to an applicant "
            "drawn before you by lot.",
            "Your %(rank)s choice (%(placement)s) gave its %(seats)s seats to applicants "
            "drawn before you by lot.", outcome.seats) % values
    return ngettext(
        "Your %(rank)s choice (%(placement)s) gave its %(seats)s seat to an applicant the "
        "host ranked or drawn before you by lot.",
        "Your %(rank)s choice (%(placement)s) gave its %(seats)s seats to applicants the "
        "host ranked or drawn before you by lot.", outcome.seats) % values


def preference_sentence(proposal: Proposal, outcome: PreferenceOutcome,
                        same_host: bool = False) -> str:
    """One whole sentence on what became of one ranked placement."""
    values = {"rank": ordinal(outcome.rank),
              "placement": _label(proposal, outcome.placement_id, same_host)}
    if outcome.code == EXCLUDED:
        return _excluded_sentence(proposal, outcome, values)
    if outcome.code == PROPOSED:
        return _("Your %(rank)s choice (%(placement)s) is proposed for you.") % values
    if outcome.code == NOT_REACHED:
        return _("Your %(rank)s choice (%(placement)s) was not needed: a choice you ranked "
                 "higher is proposed for you.") % values
    if outcome.code == NO_SEATS:
        return _("Your %(rank)s choice (%(placement)s) had no free seat left at the time of "
                 "this proposal.") % values
    return _full_sentence(outcome, values)


def explanation(proposal: Proposal, applicant_id: str) -> list[str]:
    """Whole sentences, in the active language, on why the applicant got what the proposal
    gives them: one per ranked placement, best first, then the result. Unknown id: []."""
    outcomes = proposal.outcomes.get(str(applicant_id))
    if outcomes is None:
        return []
    hosts = [proposal.placement_in[o.placement_id].host_name for o in outcomes
             if o.placement_id in proposal.placement_in]
    sentences = [preference_sentence(
        proposal, outcome,
        same_host=(outcome.placement_id in proposal.placement_in and hosts.count(
            proposal.placement_in[outcome.placement_id].host_name) > 1))
        for outcome in outcomes]
    if not outcomes:
        sentences.append(_("You have not ranked any placement."))
    match = proposal.assignment.get(str(applicant_id))
    if match is not None:
        placement = proposal.placement_in[match]
        sentences.append(_("Result: we propose the placement “%(title)s” at %(host)s for "
                           "you.") % {"title": placement.title, "host": placement.host_name})
    else:
        sentences.append(_("Result: in this round none of your choices can be proposed for "
                           "you."))
    return sentences
