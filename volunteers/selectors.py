"""Reads for the Freiwilliges Digitales Jahr. Least privilege is enforced here.

A host contact sees only applications that rank a placement of a host they are a contact
of, never drafts, and only anonymised until the coordination opens the interview stage for
that placement.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.search.backends import get_search_backend

from accounts.models import User
from accounts.roles import Role
from accounts.selectors import orgunit_ids_in_scope
from volunteers.models import (
    Application,
    ApplicationPreference,
    ApplicationStatus,
    HostOrganisation,
    Placement,
    ProgrammePage,
    ProgrammeYear,
    StartDate,
)
from volunteers.workflow import actor_kinds, move_allowed, placement_free_seats

S = ApplicationStatus


def is_coordinator(user: User | None) -> bool:
    """Whether the person works for the coordination (or is a superuser)."""
    return bool(user and user.is_authenticated
                and (user.is_superuser or user.has_role(Role.COORDINATOR)))


def transition_allowed(*, application: Application, to_status: str,
                       actor: User | None) -> bool:
    """Whether `actor` (None: the system) may move the application to `to_status` now."""
    kinds = actor_kinds(is_system=actor is None,
                        is_applicant=actor is not None and actor.pk == application.applicant_id,
                        is_coordinator=is_coordinator(actor))
    return move_allowed(from_status=application.status, to_status=to_status, kinds=kinds)


def programme_year_current() -> ProgrammeYear | None:
    """The year whose application window is open today, else the most recent one."""
    today = timezone.localdate()
    years = ProgrammeYear.objects.all()
    return (years.filter(application_opens__lte=today, application_closes__gte=today).first()
            or years.first())


def placements_search(*, query, limit: int = 50) -> list[Placement]:
    """Published placements of the current year matching a parsed site-search query.

    Each carries `search_url`, its page under the live programme page; none without one.
    """
    year = programme_year_current()
    programme = ProgrammePage.objects.live().public().first()
    if year is None or programme is None:
        return []
    placements = (Placement.objects.filter(published=True, programme_year=year)
                  .select_related("host"))
    found = list(get_search_backend().search(query, placements)[:limit])
    base = programme.url
    for placement in found:
        placement.search_url = base + programme.reverse_subpage("placement",
                                                                args=[placement.slug])
    return found


@dataclass(frozen=True)
class PlacementFilters:
    landkreis: str = ""
    focus: str = ""
    start: str = ""  # ISO date
    host_kind: str = ""


def placements_published(*, programme_year: ProgrammeYear | None,
                         filters: PlacementFilters | None = None) -> QuerySet[Placement]:
    """The published placements of the year, filtered as the visitor asked."""
    if programme_year is None:
        return Placement.objects.none()
    filters = filters or PlacementFilters()
    placements = (Placement.objects.filter(published=True, programme_year=programme_year)
                  .select_related("host").prefetch_related("start_dates")
                  .order_by("title"))
    if filters.landkreis:
        placements = placements.filter(host__landkreis=filters.landkreis)
    if filters.focus:
        placements = placements.filter(focus=filters.focus)
    if filters.host_kind:
        placements = placements.filter(host__kind=filters.host_kind)
    if filters.start:
        placements = placements.filter(start_dates__date=filters.start).distinct()
    return placements


# Seats. What counts as free is volunteers.workflow.placement_free_seats; these count what
# it needs. Accepted offers are Placement.seats_taken (kept under the row lock by the
# services); an open offer is one made whose deadline has not passed
# (volunteers.workflow.offer_is_open, here as a query).


def _open_offers(now: datetime.datetime) -> Q:
    return Q(status=S.OFFERED) & (Q(offer_deadline__isnull=True) | Q(offer_deadline__gte=now))


def placement_open_offers(*, placement: Placement, now: datetime.datetime | None = None) -> int:
    """How many open offers hold a seat of this placement."""
    return Application.objects.filter(_open_offers(now or timezone.now()),
                                      placement=placement).count()


def placement_seats_free(*, placement: Placement, now: datetime.datetime | None = None) -> int:
    """Seats of the placement that a new offer may take (read the row locked to rely on it)."""
    return placement_free_seats(seats=placement.seats, accepted=placement.seats_taken,
                                open_offers=placement_open_offers(placement=placement, now=now))


def placements_with_free_seats(placements: Iterable[Placement], *,
                               now: datetime.datetime | None = None) -> list[Placement]:
    """The placements, each with `seats_free` set (one query for all), for listings."""
    placements = list(placements)
    counts = dict(Application.objects
                  .filter(_open_offers(now or timezone.now()),
                          placement__in=[placement.pk for placement in placements])
                  .order_by().values("placement").annotate(n=Count("pk"))
                  .values_list("placement", "n"))
    for placement in placements:
        placement.seats_free = placement_free_seats(
            seats=placement.seats, accepted=placement.seats_taken,
            open_offers=counts.get(placement.pk, 0))
    return placements


def placement_start_dates(*, programme_year: ProgrammeYear | None) -> QuerySet[StartDate]:
    if programme_year is None:
        return StartDate.objects.none()
    return programme_year.start_dates.all()


def applications_for_applicant(*, user: User) -> list[Application]:
    """The person's own applications with preferences and documents, newest first."""
    if not user.is_authenticated:
        return []
    applications = list(Application.objects.filter(applicant=user)
                        .select_related("programme_year", "placement__host", "start_date")
                        .prefetch_related(
                            Prefetch("preferences", queryset=ApplicationPreference.objects
                                     .select_related("placement__host").order_by("rank")),
                            "documents", "events")
                        .order_by("-created_at"))
    for application in applications:
        # What the applicant may do now decides which buttons the dashboard shows.
        application.may = applicant_may(application=application, user=user)
        for preference in application.preferences.all():
            preference.applicant_status = preference_status_for_applicant(
                application=application, preference=preference)
    return applications


def applicant_may(*, application: Application, user: User) -> dict[str, bool]:
    """Which of accept, decline and withdraw the applicant may do now."""
    return {name: transition_allowed(application=application, to_status=status, actor=user)
            for name, status in (("accept", S.ACCEPTED), ("decline", S.DECLINED),
                                 ("withdraw", S.WITHDRAWN))}


def preference_status_for_applicant(*, application: Application,
                                    preference: ApplicationPreference) -> str:
    """What the applicant is told about one ranked placement (never the host's comment)."""
    concerned = application.placement_id == preference.placement_id
    if application.status == S.DRAFT:
        return str(_("Not yet submitted"))
    if concerned and application.status in (S.OFFERED, S.ACCEPTED, S.WAITING_LIST,
                                            S.DECLINED, S.EXPIRED):
        return application.get_status_display()
    if application.status == S.OFFERED:
        # the other placements wait for the answer (accepting or declining ends them)
        return str(_("Not pursued while the offer is open"))
    if application.status in (S.ACCEPTED, S.WITHDRAWN, S.REJECTED, S.DECLINED, S.EXPIRED):
        return str(_("Closed"))
    if application.status == S.INTERVIEW and preference.interview_proposal:
        return str(_("Interview proposed"))
    return str(_("In review"))


def application_for_applicant(*, user: User, pk: int) -> Application | None:
    """The application if it is the person's own, else None (the view answers 404)."""
    return (Application.objects.filter(pk=pk, applicant=user)
            .select_related("programme_year", "placement").first())


def host_preferences(*, user: User) -> QuerySet[ApplicationPreference]:
    """Preferences a host contact may see: their hosts' placements, submitted applications."""
    if not user.is_authenticated:
        return ApplicationPreference.objects.none()
    return (ApplicationPreference.objects
            .filter(placement__host__contacts=user)
            .exclude(application__status__in=[S.DRAFT, S.WITHDRAWN])
            .select_related("application", "placement__host", "application__start_date")
            .order_by("placement__title", "rank", "application__submitted_at"))


def host_may_see(*, user: User, preference: ApplicationPreference) -> bool:
    return host_preferences(user=user).filter(pk=preference.pk).exists()


def host_is_identified(*, preference: ApplicationPreference) -> bool:
    """Whether this placement's host may see who applied.

    Only once the coordination has opened the interview stage for this very placement (or
    offered it): the application's status says nothing about the other ranked placements,
    so a host ranked 2nd never learns who was interviewed or placed elsewhere.
    """
    return preference.interview_opened_at is not None


def placements_with_counts(*, programme_year: ProgrammeYear) -> QuerySet[Placement]:
    """Placements of the year with the number of applications ranking them (for the admin)."""
    return (Placement.objects.filter(programme_year=programme_year)
            .annotate(applications=Count("preferences", filter=~Q(
                preferences__application__status=S.DRAFT)))
            .select_related("host"))


def user_is_host_contact(*, user: User) -> bool:
    return user.is_authenticated and user.host_organisations.exists()


def document_visible_to(*, user: User, document) -> bool:
    """Applicants see their own documents, coordinators all, host contacts only through a
    placement of theirs whose interview stage is open."""
    application = document.application
    if user.pk == application.applicant_id or (
            is_coordinator(user) and application_in_scope(user=user, application=application)):
        return True
    preferences = host_preferences(user=user).filter(application=application)
    return any(host_is_identified(preference=preference) for preference in preferences)


# Coordination scope. Permission policies decide whether someone may see applications at
# all; these decide which: a coordinator limited to programme years and/or organisation
# units sees only the applications within both limits (an empty limit means all).


def programme_year_ids_in_scope(*, user: User) -> set[int] | None:
    """The programme years a coordinator is limited to; None: no limit (none named, or a
    superuser)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return None
    year_ids = set(user.scoped_programme_years.values_list("pk", flat=True))
    return year_ids or None


def applications_in_scope(*, user: User,
                          applications: QuerySet[Application] | None = None
                          ) -> QuerySet[Application]:
    """The applications within the user's coordination scope.

    Programme years: the application's year. Organisation units: the host of a ranked or
    of the current placement belongs to a unit in scope (a host without a unit is outside
    every limited scope).
    """
    applications = Application.objects.all() if applications is None else applications
    year_ids = programme_year_ids_in_scope(user=user)
    if year_ids is not None:
        applications = applications.filter(programme_year__in=year_ids)
    unit_ids = orgunit_ids_in_scope(user)
    if unit_ids is not None:
        ranked_in_scope = (ApplicationPreference.objects
                           .filter(placement__host__org_unit__in=unit_ids)
                           .values("application_id"))
        applications = applications.filter(Q(pk__in=ranked_in_scope)
                                           | Q(placement__host__org_unit__in=unit_ids))
    return applications


def applications_to_review_count(*, user: User) -> int:
    """Submitted applications nobody has started to review yet, within the user's scope."""
    return applications_in_scope(
        user=user, applications=Application.objects.filter(status=S.SUBMITTED)).count()


def application_in_scope(*, user: User, application: Application) -> bool:
    return applications_in_scope(
        user=user, applications=Application.objects.filter(pk=application.pk)).exists()


def hosts_in_scope(*, user: User, hosts: QuerySet[HostOrganisation] | None = None
                   ) -> QuerySet[HostOrganisation]:
    """The host organisations whose unit lies in the user's scope (a host without a unit
    is outside every limited scope)."""
    hosts = HostOrganisation.objects.all() if hosts is None else hosts
    unit_ids = orgunit_ids_in_scope(user)
    return hosts if unit_ids is None else hosts.filter(org_unit__in=unit_ids)


def placements_in_scope(*, user: User, placements: QuerySet[Placement] | None = None
                        ) -> QuerySet[Placement]:
    """The placements of a programme year and of a host within the user's scope."""
    placements = Placement.objects.all() if placements is None else placements
    year_ids = programme_year_ids_in_scope(user=user)
    if year_ids is not None:
        placements = placements.filter(programme_year__in=year_ids)
    unit_ids = orgunit_ids_in_scope(user)
    if unit_ids is not None:
        placements = placements.filter(host__org_unit__in=unit_ids)
    return placements


def offer_has_host_verdict(application) -> bool:
    """Whether the host of the offered placement has given a verdict on this application."""
    return application.preferences.filter(placement_id=application.placement_id).exclude(
        verdict=ApplicationPreference.Verdict.PENDING).exists()
