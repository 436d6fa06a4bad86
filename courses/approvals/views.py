"""Thin views of approvals on the site: the supervisor's decision in "Mein Team"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from courses.approvals.exceptions import AlreadyDecided, ApprovalError, RequestWithdrawn
from courses.approvals.services import approval_decide


def decision_from_post(request) -> tuple[bool | None, str]:
    """(approve?, reason) from the decision form; approve is None for anything else."""
    decision = request.POST.get("decision")
    approve = {"approve": True, "refuse": False}.get(decision)
    return approve, request.POST.get("reason", "")


def decision_message(request, *, approve: bool, title: str) -> None:
    if approve:
        messages.success(request, _("You approved the request for “%(title)s”. The learner "
                                    "has been told and can start.") % {"title": title})
    else:
        messages.success(request, _("You refused the request for “%(title)s”. The learner "
                                    "has been told, with your reason.") % {"title": title})


def decision_handle(request, request_id: int, *, back: str):
    """Approve or refuse one request from a POST and say what happened; a second submit
    changes nothing and says so. `back` names the page to return to."""
    approve, reason = decision_from_post(request)
    if approve is None:
        messages.error(request, _("Please choose whether to approve or refuse the request."))
        return redirect(back)
    try:
        decided = approval_decide(request_id=request_id, actor=request.user, approve=approve,
                                  reason=reason)
    except (AlreadyDecided, RequestWithdrawn) as error:
        messages.info(request, error.message)
    except ApprovalError as error:
        messages.error(request, error.message)
    else:
        decision_message(request, approve=approve, title=decided.title)
    return redirect(back)


@login_required
@require_POST
def decide(request, request_id: int):
    """A supervisor's decision from "Mein Team"."""
    return decision_handle(request, request_id, back="team:index")
