"""What "Mein Bereich" shows of the volunteer programme, gathered from the sub-features'
selectors (applications, services, seminar days)."""

from accounts.models import User
from volunteers.selectors import applications_for_applicant, user_is_host_contact
from volunteers.seminar_days.selectors import seminars_led
from volunteers.service.selectors import dashboard_services


def dashboard_section(*, user: User) -> dict:
    """What "Mein Bereich" shows of the programme: own applications, services (with the
    leave left), host-contact entry."""
    applications = applications_for_applicant(user=user)
    return {"applications": applications, "services": dashboard_services(user=user),
            "leads_seminars": seminars_led(user=user).exists(),
            # an open offer waits for the person's answer: the page shows it first
            "needs_action": any(a.may["accept"] for a in applications),
            "is_host_contact": user_is_host_contact(user=user)}
