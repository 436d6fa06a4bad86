"""Writes of the matching proposal: store a run, change single assignments, approve.

A run stores its inputs as a snapshot (volunteers.matching.rules.snapshot), the seed, the
algorithm version and the result, so that it can be reproduced exactly and compared with a
later run. Nothing changes for applicants until a coordinator approves a run:
`matching_approve` makes one offer per assignment through the workflow's own transition
(volunteers.applications.transitions.application_transition, with its deadline, its seat
check under row lock and its email after commit), skipping and reporting whatever changed
since the run. A what-if run is stored for comparison but can never be approved.

Applicants the approved run leaves without a placement keep their status (in review,
interview or waiting list): they take part in the next run, which is one click on the
matching screen once offers have been declined or have expired. The fair order of who
comes next at a placement is the one every run computes (the host's ranking, then the
seed's lottery); the run's page shows it per placement as "turned away".
"""

import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.selectors import orgunit_ids_in_scope
from volunteers.applications.transitions import application_transition
from volunteers.exceptions import MatchingError, NoSeatLeft, RunAlreadyApproved, VolunteersError
from volunteers.matching import rules
from volunteers.matching.models import MatchingOverride, MatchingRun, MatchingRunState
from volunteers.matching.selectors import MATCHING_STATUSES, matching_input
from volunteers.models import (
    Application,
    ApplicationPreference,
    ApplicationStatus,
    Landkreis,
    Placement,
    ProgrammeYear,
)
from volunteers.selectors import placements_with_free_seats, programme_year_ids_in_scope

S = ApplicationStatus
SEED_LIMIT = 2**31  # random seeds stay small enough to type into the form

# Why approval skipped an assignment (stored in the run's approval report).
SKIPPED_GONE = "gone"  # the application was deleted
SKIPPED_STATUS = "status"  # withdrawn, rejected, already offered …: no longer in the pool
SKIPPED_NOT_RANKED = "not_ranked"  # the placement is no longer among the preferences
SKIPPED_NOT_SUITABLE = "not_suitable"  # the host's verdict is now "not suitable"
SKIPPED_NO_SEAT = "no_seat"  # the seat was filled or held by an offer meanwhile
SKIPPED_OTHER = "other"  # any other refusal of the transition (message stored)


# --- reads of a stored run -----------------------------------------------------------------


def run_proposal(run: MatchingRun) -> rules.Proposal:
    """The run's proposal, computed again from its snapshot (the algorithm is
    deterministic, so this is the stored result with its explanations)."""
    return rules.propose(rules.input_from_snapshot(run.input_snapshot))


def run_assignment(run: MatchingRun) -> dict[str, str | None]:
    """Application id → placement id or None: the proposal with the coordinator's
    changes applied."""
    assignment = dict(run.result["assignment"])
    for override in run.overrides.all():
        chosen = override.placement_chosen_id
        assignment[str(override.application_id)] = None if chosen is None else str(chosen)
    return assignment


def matching_scope_allowed(*, user: User) -> bool:
    """Whether the user may see matching runs at all: a run covers every applicant of a
    programme year, so coordinators limited to organisation units may not."""
    return user.has_perm("volunteers.view_matchingrun") and orgunit_ids_in_scope(user) is None


def matching_years(*, user: User) -> QuerySet[ProgrammeYear]:
    """The programme years whose matching the user may see (their year scope)."""
    if not matching_scope_allowed(user=user):
        return ProgrammeYear.objects.none()
    year_ids = programme_year_ids_in_scope(user=user)
    years = ProgrammeYear.objects.all()
    return years if year_ids is None else years.filter(pk__in=year_ids)


def matching_pool_numbers(*, programme_year: ProgrammeYear) -> dict[str, int]:
    """How many applications take part in a run now, and how many seats are free."""
    applicants = Application.objects.filter(programme_year=programme_year,
                                            status__in=MATCHING_STATUSES).count()
    seats = sum(p.seats_free for p in placements_with_free_seats(
        Placement.objects.filter(programme_year=programme_year, published=True)))
    return {"applicants": applicants, "seats": seats}


def run_review(run: MatchingRun) -> dict:
    """Everything the run's page shows: numbers (with the coordinator's changes applied),
    per applicant the proposed and the chosen placement, per placement who was proposed
    and who was turned away. Names come from the applications as they are now."""
    snapshot_placements = {p["id"]: p for p in run.input_snapshot["placements"]}
    proposed = run.result["assignment"]
    assignment = run_assignment(run)
    overrides = {str(o.application_id): o for o in run.overrides.select_related("created_by")}
    people = {str(a["pk"]): a for a in Application.objects.filter(
        pk__in=[int(a) for a in proposed]).values("pk", "first_name", "last_name", "status")}

    def name(app_id: str) -> str:
        person = people.get(app_id)
        if person is None:
            return _("Application %(number)s (deleted)") % {"number": app_id}
        return f"{person['first_name']} {person['last_name']}".strip() or app_id

    def label(placement_id: str | None) -> str:
        placement = snapshot_placements.get(placement_id or "")
        return f"{placement['title']} – {placement['host_name']}" if placement else ""

    applicants = sorted(({
        "id": app_id, "name": name(app_id),
        "status": ApplicationStatus(people[app_id]["status"]).label
        if app_id in people else "",
        "proposed": label(proposed[app_id]), "chosen": label(assignment[app_id]),
        "matched": assignment[app_id] is not None, "override": overrides.get(app_id),
    } for app_id in proposed), key=lambda row: (row["name"].lower(), int(row["id"])))
    placements = []
    by_landkreis: dict[str, list[int]] = {}
    for placement_id, result in run.result["placements"].items():
        placement = snapshot_placements[placement_id]
        chosen = [a for a, p in assignment.items() if p == placement_id]
        seats = by_landkreis.setdefault(placement["landkreis"], [0, 0])
        seats[0] += max(result["capacity"], 0)
        seats[1] += len(chosen)
        if not (result["capacity"] or result["proposed"] or result["turned_away"] or chosen):
            continue
        placements.append({
            "id": placement_id, "title": placement["title"], "host": placement["host_name"],
            "capacity": result["capacity"], "left": result["capacity"] - len(chosen),
            "chosen": [name(a) for a in chosen],
            "turned_away": [name(a) for a in result["turned_away"]]})
    placements.sort(key=lambda row: (row["host"], row["title"]))
    matched = sum(1 for p in assignment.values() if p is not None)
    landkreise = dict(Landkreis.choices)
    return {
        "applicants": applicants, "placements": placements,
        "matched": matched, "unmatched": len(assignment) - matched,
        "changed": len(overrides),
        "by_landkreis": [{"landkreis": landkreise.get(code, code), "seats": seats,
                          "proposed": taken, "left": seats - taken}
                         for code, (seats, taken) in sorted(
                             by_landkreis.items(), key=lambda i: str(landkreise.get(i[0], i[0])))],
    }


def runs_compare(run: MatchingRun, other: MatchingRun) -> list[dict]:
    """The applicants who get a different placement in `other` than in `run` (changes
    applied), with both placements; applicants in only one of the runs count too."""
    mine, theirs = run_assignment(run), run_assignment(other)
    labels = {p["id"]: f"{p['title']} – {p['host_name']}"
              for r in (run, other) for p in r.input_snapshot["placements"]}
    ids = sorted({*mine, *theirs}, key=int)
    people = {str(a["pk"]): f"{a['first_name']} {a['last_name']}".strip() for a in
              Application.objects.filter(pk__in=[int(i) for i in ids])
              .values("pk", "first_name", "last_name")}
    missing = _("not in this run")
    return [{"id": i, "name": people.get(i, i),
             "this": labels.get(mine[i], "–") if i in mine and mine[i] else (
                 "–" if i in mine else missing),
             "other": labels.get(theirs[i], "–") if i in theirs and theirs[i] else (
                 "–" if i in theirs else missing)}
            for i in ids if mine.get(i, "absent") != theirs.get(i, "absent")]


# --- writes --------------------------------------------------------------------------------


def matching_run_create(*, programme_year: ProgrammeYear, actor: User | None,
                        seed: int | None = None, what_if: dict | None = None) -> MatchingRun:
    """Compute a proposal for the year's eligible applicants and free seats and store it.

    `seed`: None draws one (stored with the run). `what_if`: {"extra_seats": {placement
    id: n}, "description": text} stores a what-if run on changed seats; it changes
    nothing and can never be approved.
    """
    seed = secrets.randbelow(SEED_LIMIT) if seed is None else int(seed)
    inp = matching_input(programme_year=programme_year, seed=seed)
    description = ""
    if what_if:
        extra = {str(k): int(v) for k, v in (what_if.get("extra_seats") or {}).items()}
        inp = rules.with_extra_seats(inp, extra)
        description = (what_if.get("description") or "").strip()[:300]
    proposal = rules.propose(inp)
    return MatchingRun.objects.create(
        programme_year=programme_year, seed=seed, algorithm_version=proposal.algorithm_version,
        input_snapshot=rules.snapshot(inp), result=rules.result_json(proposal),
        created_by=actor, what_if=bool(what_if), what_if_description=description)


def _changeable(run: MatchingRun) -> None:
    if run.what_if:
        raise MatchingError(_("A what-if proposal changes nothing: it cannot be changed or "
                              "approved. Run a proposal on the real seats instead."))
    if run.state == MatchingRunState.APPROVED:
        raise RunAlreadyApproved
    if run.state != MatchingRunState.PROPOSED:
        raise MatchingError(_("This proposal has been discarded and cannot be changed or "
                              "approved."))


EXCLUSION_LABELS = {
    rules.NOT_SUITABLE: gettext_lazy("the host organisation found the applicant not "
                                     "suitable"),
    rules.TOO_YOUNG: gettext_lazy("the applicant is too young on the start date"),
    rules.TOO_OLD: gettext_lazy("the applicant is too old on the start date"),
    rules.PART_TIME_IMPOSSIBLE: gettext_lazy("the applicant wants part-time, which is not "
                                             "possible there"),
    rules.START_DATE_NOT_OFFERED: gettext_lazy("the placement does not offer the "
                                               "applicant's start date"),
    rules.PLACEMENT_UNAVAILABLE: gettext_lazy("the placement is no longer offered"),
}


def exclusion_label(code: str) -> str:
    """A short phrase for an exclusion reason code, for the coordinator."""
    if code.startswith(rules.REQUIREMENT_MISSING + ":"):
        requirement = code.partition(":")[2]
        if requirement == rules.EXTENDED_CERTIFICATE:
            return _("the applicant has not confirmed an extended certificate of good "
                     "conduct")
        if requirement == rules.DRIVING_LICENCE:
            return _("the applicant has not confirmed a driving licence")
        return _("the applicant has not confirmed a requirement of the placement")
    return str(EXCLUSION_LABELS.get(code, code))


@transaction.atomic
def matching_override(*, run: MatchingRun, application: Application,
                      placement: Placement | None, reason: str,
                      actor: User | None) -> MatchingOverride | None:
    """Change one assignment of a proposed run: another placement, or none.

    The placement must be acceptable for the applicant (ranked by them, not excluded by a
    rule or the host's verdict) and have a seat left in this run counting its other
    assignments. A reason is required. Choosing what the algorithm proposed removes the
    change (returns None). Raises MatchingError with a message for the coordinator.
    """
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    _changeable(run)
    reason = (reason or "").strip()
    if not reason:
        raise MatchingError(_("Please give a reason for the change."))
    app_id = str(application.pk)
    proposed = run.result["assignment"]
    if app_id not in proposed:
        raise MatchingError(_("This application was not part of the proposal."))
    chosen_id = None if placement is None else str(placement.pk)
    if chosen_id is not None:
        proposal = run_proposal(run)
        excluded = proposal.excluded.get((app_id, chosen_id))
        if chosen_id not in proposal.acceptable.get(app_id, []):
            if excluded:
                raise MatchingError(_("This placement is not possible for the applicant: "
                                      "%(reason)s.") % {"reason": exclusion_label(excluded)})
            raise MatchingError(_("The applicant has not ranked this placement: choose one "
                                  "of their ranked placements."))
        capacity = proposal.placements[chosen_id].capacity
        assignment = run_assignment(run)
        others = sum(1 for a, p in assignment.items() if p == chosen_id and a != app_id)
        if others >= capacity:
            raise MatchingError(_(
                "This placement has no seat left in this proposal: its %(seats)s free "
                "seats are assigned to other applicants. Remove one of those assignments "
                "first.") % {"seats": capacity})
    if chosen_id == proposed[app_id]:
        MatchingOverride.objects.filter(run=run, application=application).delete()
        return None
    override, _created = MatchingOverride.objects.update_or_create(
        run=run, application=application,
        defaults={"placement_proposed_id": proposed[app_id],
                  "placement_chosen": placement, "reason": reason, "created_by": actor})
    return override


def matching_run_discard(*, run: MatchingRun, actor: User | None) -> MatchingRun:
    """Set a proposed run aside; it stays visible for comparison."""
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().get(pk=run.pk)
        if run.state == MatchingRunState.PROPOSED:
            run.state = MatchingRunState.DISCARDED
            run.save(update_fields=["state"])
    return run


def _skip_reason(application: Application | None, placement_id: int,
                 preferences: dict[tuple[int, int], ApplicationPreference]) -> str | None:
    if application is None:
        return SKIPPED_GONE
    if application.status not in MATCHING_STATUSES:
        return SKIPPED_STATUS
    preference = preferences.get((application.pk, placement_id))
    if preference is None:
        return SKIPPED_NOT_RANKED
    if preference.verdict == ApplicationPreference.Verdict.NOT_SUITABLE:
        return SKIPPED_NOT_SUITABLE
    return None


def matching_approve(*, run: MatchingRun, actor: User) -> dict:
    """Make the offers of a proposed run, all in one transaction, and report.

    Each assignment becomes an offer through the workflow's transition (its deadline, the
    seat check under the placement's row lock, the email after commit). An assignment is
    skipped, and reported, when anything changed since the run: the application left the
    pool (withdrawn, rejected, offered elsewhere), the placement is no longer ranked, the
    host now finds the applicant not suitable, or the seat has been filled meanwhile; it
    is never overbooked. Approving twice raises RunAlreadyApproved; a what-if run can never
    be approved. Returns the report stored on the run.
    """
    with transaction.atomic():
        run = MatchingRun.objects.select_for_update().get(pk=run.pk)
        _changeable(run)
        assignment = {int(a): int(p) for a, p in run_assignment(run).items() if p is not None}
        # Lock the rows in a fixed order (applications, then placements) so that two
        # approvals or an approval and an admin offer wait for each other, never deadlock.
        applications = {a.pk: a for a in Application.objects.select_for_update()
                        .filter(pk__in=assignment).order_by("pk")}
        placements = {p.pk: p for p in Placement.objects.select_for_update()
                      .filter(pk__in=set(assignment.values())).order_by("pk")}
        preferences = {(p.application_id, p.placement_id): p for p in
                       ApplicationPreference.objects.filter(application_id__in=assignment)}
        offered, skipped = [], []
        reason = _("Offer from the approved matching proposal no. %(run)s.") % {"run": run.pk}
        for app_id, placement_id in sorted(assignment.items(), key=lambda i: (i[1], i[0])):
            application = applications.get(app_id)
            skip = (_skip_reason(application, placement_id, preferences)
                    if placement_id in placements else SKIPPED_NOT_RANKED)
            message = ""
            if skip is None:
                try:
                    application_transition(
                        application=application, to_status=S.OFFERED, actor=actor,
                        reason=reason, placement=placements[placement_id])
                except NoSeatLeft:
                    skip = SKIPPED_NO_SEAT
                except VolunteersError as error:
                    skip, message = SKIPPED_OTHER, str(error.message)
            if skip is None:
                offered.append({"application": app_id, "placement": placement_id})
            else:
                skipped.append({"application": app_id, "placement": placement_id,
                                "reason": skip, "status": getattr(application, "status", ""),
                                "message": message})
        unmatched = sorted(int(a) for a, p in run_assignment(run).items() if p is None)
        run.state = MatchingRunState.APPROVED
        run.approved_by = actor
        run.approved_at = timezone.now()
        run.approval_report = {"offered": offered, "skipped": skipped, "unmatched": unmatched}
        run.save(update_fields=["state", "approved_by", "approved_at", "approval_report"])
        # The other proposals of the year were computed on seats and applicants that this
        # approval has changed: they stay visible for comparison but can no longer be
        # approved.
        MatchingRun.objects.filter(programme_year=run.programme_year,
                                   state=MatchingRunState.PROPOSED).exclude(pk=run.pk).update(
            state=MatchingRunState.DISCARDED)
    return run.approval_report


def matching_runs_forget(*, application_ids: list[int]) -> int:
    """Drop the dates of birth (and the ages derived from them) of erased applications from
    the stored runs; the ids and choices stay, so the other applicants' results remain
    explainable. Returns how many runs were changed. For the person's data erasure."""
    wanted = {str(pk) for pk in application_ids}
    changed = 0
    for run in MatchingRun.objects.filter(
            programme_year__applications__pk__in=application_ids).distinct():
        touched = False
        for applicant in run.input_snapshot.get("applicants", []):
            if applicant["id"] in wanted and applicant.get("date_of_birth"):
                applicant["date_of_birth"] = None
                touched = True
        for app_id, outcomes in run.result.get("outcomes", {}).items():
            for outcome in outcomes if app_id in wanted else []:
                if outcome.get("age") is not None:
                    outcome["age"] = None
                    touched = True
        if touched:
            run.save(update_fields=["input_snapshot", "result"])
            changed += 1
    return changed

