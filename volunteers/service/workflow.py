"""Pure state machine of a service period: planned → agreed → active → ended, or
terminated early from agreed or active.

No queries and no writes: volunteers.service.services moves a service through
`service_transition`, which checks this table and records a ServiceEvent.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.state import StateMachine


class ServiceStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AGREED = "agreed", _("Agreement signed")
    ACTIVE = "active", _("In service")
    ENDED = "ended", _("Ended")
    TERMINATED = "terminated", _("Ended early")


class Party(models.TextChoices):
    """The parties of the agreement; also who may end a service early."""

    VOLUNTEER = "volunteer", _("Volunteer")
    GUARDIAN = "guardian", _("Legal guardian")
    TRAEGER = "traeger", _("Organisation running the programme (Träger)")
    HOST = "host", _("Host organisation (Einsatzstelle)")


# Who moves a service. The coordination acts for the Träger; the system ends services on
# their planned last day.
COORDINATOR, SYSTEM = "coordinator", "system"

S = ServiceStatus
# from status -> {to status: who may make the move}
SERVICE_WORKFLOW = StateMachine({
    S.PLANNED: {S.AGREED: {COORDINATOR, SYSTEM},  # the last signature completes it
                S.TERMINATED: {COORDINATOR}},
    S.AGREED: {S.ACTIVE: {COORDINATOR, SYSTEM},
               S.TERMINATED: {COORDINATOR}},
    S.ACTIVE: {S.ENDED: {COORDINATOR, SYSTEM},
               S.TERMINATED: {COORDINATOR}},
    S.ENDED: {},
    S.TERMINATED: {},
})

# Statuses in which the volunteer is (or was) in service: the Bescheinigung follows the end.
FINISHED = (S.ENDED, S.TERMINATED)
