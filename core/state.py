"""Explicit state machines: a transition table, one check, one error.

Each app keeps its own table, statuses and history rows; this module holds only the
mechanics. A table maps a status to the statuses it may move to, and for each move the
kinds of actor allowed to make it (`None`: any caller, e.g. a job or the system).

    APPLICATION = StateMachine({
        "submitted": {"in_review": {"coordinator"}, "withdrawn": {"applicant"}},
        "in_review": {"rejected": {"coordinator"}},
    })
    APPLICATION.check("submitted", "in_review", actor_kind="coordinator")
"""

from collections.abc import Iterable, Mapping

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class InvalidTransition(DomainError):
    """The current status does not allow the requested move, or not by this actor."""

    default_message = _("This change of status is not possible in the current state.")

    def __init__(self, from_status: str, to_status: str, message=None):
        self.from_status, self.to_status = from_status, to_status
        super().__init__(message)


class StateMachine:
    def __init__(self, table: Mapping[str, Mapping[str, Iterable[str] | None]]):
        self.table = {
            source: {target: (None if actors is None else frozenset(actors))
                     for target, actors in targets.items()}
            for source, targets in table.items()
        }

    def allowed(self, from_status: str, to_status: str, *, actor_kind: str | None = None
                ) -> bool:
        """Whether the move exists and, when actor_kind is given, whether that actor may."""
        targets = self.table.get(from_status, {})
        if to_status not in targets:
            return False
        actors = targets[to_status]
        return actors is None or actor_kind is None or actor_kind in actors

    def check(self, from_status: str, to_status: str, *, actor_kind: str | None = None,
              message=None) -> None:
        """Raise InvalidTransition unless `allowed`."""
        if not self.allowed(from_status, to_status, actor_kind=actor_kind):
            raise InvalidTransition(from_status, to_status, message)

    def targets(self, from_status: str, *, actor_kind: str | None = None) -> list[str]:
        """The statuses this actor may move to from `from_status`, in table order."""
        return [target for target in self.table.get(from_status, {})
                if self.allowed(from_status, target, actor_kind=actor_kind)]
