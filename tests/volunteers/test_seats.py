"""The free-seat rule: accepted offers plus open offers never exceed a placement's seats.

An open offer is one made whose deadline has not passed (volunteers.workflow). Every path
that makes an offer goes through the same rule: the coordinator's service call and admin
screen, the bulk action, the waiting list and the expiry job.
"""

import datetime
import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from tests.factories import complete_draft, role_user
from volunteers.exceptions import NoSeatLeft, OfferDeadlinePassed
from volunteers.models import Application, ApplicationStatus, Placement
from volunteers.selectors import placement_seats_free, placements_with_free_seats
from volunteers.services import (
    application_submit,
    application_transition,
    offer_accept,
    waiting_list_advance,
)
from volunteers.tasks import offers_expire_task
from volunteers.workflow import acceptance_has_seat, placement_free_seats

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def in_review(year, placement, coordinator, email):
    user = role_user(email, first_name="Bea", last_name=email.split("@")[0].title())
    application = complete_draft(user, year, [placement])
    application_submit(application=application, actor=user)
    application_transition(application=application, to_status=S.IN_REVIEW, actor=coordinator)
    application.refresh_from_db()
    return application


def offer(application, coordinator, placement, **kwargs):
    application_transition(application=application, to_status=S.OFFERED, actor=coordinator,
                           placement=placement, **kwargs)
    application.refresh_from_db()
    return application


def held(placement: Placement) -> int:
    """Seats taken by acceptances plus seats held by open offers, counted from the rows."""
    now = timezone.now()
    placement.refresh_from_db()
    accepted = Application.objects.filter(placement=placement, status=S.ACCEPTED).count()
    assert accepted == placement.seats_taken
    open_offers = Application.objects.filter(placement=placement, status=S.OFFERED,
                                             offer_deadline__gte=now).count()
    return accepted + open_offers


@pytest.fixture
def single(placements):
    return placements[1]  # one seat


def test_rule_free_seats_subtracts_accepted_and_open_offers_and_never_goes_negative():
    assert placement_free_seats(seats=2, accepted=0, open_offers=0) == 2
    assert placement_free_seats(seats=2, accepted=1, open_offers=0) == 1
    assert placement_free_seats(seats=2, accepted=1, open_offers=1) == 0
    assert placement_free_seats(seats=1, accepted=0, open_offers=2) == 0
    # the offer being accepted holds its own seat; only acceptances count against it
    assert acceptance_has_seat(seats=1, accepted=0)
    assert not acceptance_has_seat(seats=1, accepted=1)


def test_second_open_offer_for_a_one_seat_placement_is_refused_with_no_seat_left(
        year, single, coordinator):
    first = in_review(year, single, coordinator, "erste@example.org")
    second = in_review(year, single, coordinator, "zweite@example.org")
    offer(first, coordinator, single)
    with pytest.raises(NoSeatLeft) as refused:
        offer(second, coordinator, single)
    assert "held by an open offer" in str(refused.value.message)
    assert str(refused.value.message).endswith(".")
    second.refresh_from_db()
    assert second.status == S.IN_REVIEW
    assert not second.events.filter(to_status=S.OFFERED).exists()
    assert held(single) == 1


def test_offer_at_its_deadline_still_holds_the_seat_one_second_later_it_does_not(
        year, single, coordinator, monkeypatch):
    first = in_review(year, single, coordinator, "erste@example.org")
    second = in_review(year, single, coordinator, "zweite@example.org")
    deadline = timezone.now() + datetime.timedelta(days=1)
    offer(first, coordinator, single, deadline=deadline)

    monkeypatch.setattr(timezone, "now", lambda: deadline)  # exactly at the deadline
    assert placement_seats_free(placement=single) == 0
    with pytest.raises(NoSeatLeft):
        offer(second, coordinator, single)

    monkeypatch.setattr(timezone, "now", lambda: deadline + datetime.timedelta(seconds=1))
    assert placement_seats_free(placement=single) == 1
    offer(second, coordinator, single)
    assert second.status == S.OFFERED


def test_offer_deadline_boundary_accepting_at_the_deadline_succeeds(
        year, single, coordinator, monkeypatch):
    application = in_review(year, single, coordinator, "erste@example.org")
    deadline = timezone.now() + datetime.timedelta(days=1)
    offer(application, coordinator, single, deadline=deadline)
    monkeypatch.setattr(timezone, "now", lambda: deadline)
    offer_accept(application=application, actor=application.applicant)
    application.refresh_from_db()
    assert application.status == S.ACCEPTED


def test_offer_deadline_boundary_accepting_one_second_after_is_refused_and_expires(
        year, single, coordinator, monkeypatch):
    application = in_review(year, single, coordinator, "erste@example.org")
    deadline = timezone.now() + datetime.timedelta(days=1)
    offer(application, coordinator, single, deadline=deadline)
    monkeypatch.setattr(timezone, "now", lambda: deadline + datetime.timedelta(seconds=1))
    with pytest.raises(OfferDeadlinePassed):
        offer_accept(application=application, actor=application.applicant)
    application.refresh_from_db()
    single.refresh_from_db()
    assert application.status == S.EXPIRED and single.seats_taken == 0


def test_offer_deadline_boundary_transition_refuses_acceptance_after_the_deadline(
        year, single, coordinator, monkeypatch):
    """The transition itself checks the deadline, not only offer_accept."""
    application = in_review(year, single, coordinator, "erste@example.org")
    deadline = timezone.now() + datetime.timedelta(days=1)
    offer(application, coordinator, single, deadline=deadline)
    monkeypatch.setattr(timezone, "now", lambda: deadline + datetime.timedelta(seconds=1))
    with pytest.raises(OfferDeadlinePassed):
        application_transition(application=application, to_status=S.ACCEPTED,
                               actor=application.applicant)
    application.refresh_from_db()
    assert application.status == S.OFFERED


def test_accepting_keeps_the_seat_declining_frees_it(year, placements, coordinator):
    double = placements[0]  # two seats
    first = in_review(year, double, coordinator, "erste@example.org")
    second = in_review(year, double, coordinator, "zweite@example.org")
    third = in_review(year, double, coordinator, "dritte@example.org")
    offer(first, coordinator, double)
    offer(second, coordinator, double)
    with pytest.raises(NoSeatLeft):
        offer(third, coordinator, double)

    offer_accept(application=first, actor=first.applicant)
    assert held(double) == 2 and placement_seats_free(placement=double) == 0
    with pytest.raises(NoSeatLeft):  # acceptance keeps the seat the offer held
        offer(third, coordinator, double)

    application_transition(application=second, to_status=S.DECLINED,
                           actor=second.applicant)
    assert placement_seats_free(placement=double) == 1
    offer(third, coordinator, double)
    assert held(double) == 2


def test_waiting_list_advance_offers_only_seats_not_held_by_open_offers(
        year, placements, coordinator):
    double = placements[0]
    accepted = in_review(year, double, coordinator, "a@example.org")
    offered = in_review(year, double, coordinator, "b@example.org")
    waiting = [in_review(year, double, coordinator, f"w{n}@example.org") for n in range(3)]
    offer(accepted, coordinator, double)
    offer_accept(application=accepted, actor=accepted.applicant)
    offer(offered, coordinator, double)
    for application in waiting:
        application_transition(application=application, to_status=S.WAITING_LIST,
                               actor=coordinator, placement=double)

    assert waiting_list_advance(placement=double) == []
    assert held(double) == 2

    application_transition(application=offered, to_status=S.WITHDRAWN,
                           actor=offered.applicant)
    statuses = sorted(Application.objects.filter(pk__in=[a.pk for a in waiting])
                      .values_list("status", flat=True))
    assert statuses == [S.OFFERED, S.WAITING_LIST, S.WAITING_LIST]
    assert held(double) == 2


def test_expiry_job_frees_the_seat_for_exactly_as_many_as_are_free(
        year, single, coordinator):
    first = in_review(year, single, coordinator, "erste@example.org")
    waiting = [in_review(year, single, coordinator, f"w{n}@example.org") for n in range(2)]
    offer(first, coordinator, single)
    for application in waiting:
        application_transition(application=application, to_status=S.WAITING_LIST,
                               actor=coordinator, placement=single)
    Application.objects.filter(pk=first.pk).update(
        offer_deadline=timezone.now() - datetime.timedelta(minutes=5))

    assert offers_expire_task() == 1
    first.refresh_from_db()
    assert first.status == S.EXPIRED
    assert sorted(Application.objects.filter(pk__in=[a.pk for a in waiting])
                  .values_list("status", flat=True)) == [S.OFFERED, S.WAITING_LIST]
    assert held(single) == 1
    assert offers_expire_task() == 0
    assert held(single) == 1


def test_admin_transition_screen_refuses_a_second_open_offer_with_the_message(
        client, year, single, coordinator):
    first = in_review(year, single, coordinator, "erste@example.org")
    second = in_review(year, single, coordinator, "zweite@example.org")
    offer(first, coordinator, single)
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(coordinator)
    url = reverse("volunteers_admin:application", args=[second.pk])
    response = client.post(url, {"to_status": S.OFFERED, "placement": single.pk})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == S.IN_REVIEW
    shown = [(message.level_tag, str(message))
             for message in get_messages(response.wsgi_request)]
    assert [tag for tag, text in shown if "held by an open offer" in text] == ["error"], shown
    assert held(single) == 1


def test_bulk_start_review_never_makes_offers_or_changes_seats(
        client, year, single, coordinator):
    first = in_review(year, single, coordinator, "erste@example.org")
    offer(first, coordinator, single)
    user = role_user("neu@example.org", first_name="Neu", last_name="Person")
    fresh = complete_draft(user, year, [single])
    application_submit(application=fresh, actor=user)
    client.force_login(coordinator)
    url = reverse("wagtail_bulk_action", args=["volunteers", "application", "start_review"])
    assert client.post(url + f"?id={fresh.pk}&id={first.pk}").status_code == 302
    fresh.refresh_from_db()
    first.refresh_from_db()
    assert (fresh.status, first.status) == (S.IN_REVIEW, S.OFFERED)
    assert held(single) == 1


def test_listing_seats_left_counts_open_offers(year, placements, coordinator):
    double, single = placements[0], placements[1]
    application = in_review(year, single, coordinator, "erste@example.org")
    offer(application, coordinator, single)
    listed = {p.pk: p.seats_free for p in placements_with_free_seats(
        Placement.objects.filter(pk__in=[double.pk, single.pk]))}
    assert listed == {double.pk: 2, single.pk: 0}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_coordinators_offering_the_last_seat_at_once_exactly_one_succeeds(
        year, single, coordinator):
    first = in_review(year, single, coordinator, "erste@example.org")
    second = in_review(year, single, coordinator, "zweite@example.org")
    barrier = threading.Barrier(2)
    results: dict[int, str] = {}

    def make_offer(application_id: int) -> None:
        try:
            application = Application.objects.get(pk=application_id)
            barrier.wait(timeout=10)
            application_transition(application=application, to_status=S.OFFERED,
                                   actor=coordinator, placement=single)
            results[application_id] = "offered"
        except NoSeatLeft:
            results[application_id] = "no seat"
        except Exception as error:  # noqa: BLE001 - any other error must fail the test
            results[application_id] = f"{type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=make_offer, args=(a.pk,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(results.values()) == ["no seat", "offered"], (connection.vendor, results)
    assert held(single) == 1
