import datetime
import threading
from pathlib import Path

import pytest
from django.core import mail
from django.db import connection, connections
from django.utils import timezone, translation

from tests.factories import complete_draft, make_placement, pdf_upload, png_bytes
from volunteers.exceptions import (
    ApplicationIncomplete,
    InvalidDocument,
    InvalidPreferences,
    InvalidTransition,
    NoSeatLeft,
    OfferDeadlinePassed,
)
from volunteers.models import Application, ApplicationStatus, Placement
from volunteers.selectors import placement_seats_free
from volunteers.services import (
    application_step_save,
    application_submit,
    application_transition,
    document_add,
    guardian_consent_confirm,
    guardian_consent_request,
    guardian_token_make,
    offer_accept,
    preferences_set,
)
from volunteers.workflow import APPLICANT, APPLICATION_WORKFLOW, COORDINATOR, HOST, SYSTEM

S = ApplicationStatus
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Messages are matched in English, whatever translations exist."""
    with translation.override("en"):
        yield


def submitted(application, applicant, coordinator=None):
    application_submit(application=application, actor=applicant)
    if coordinator:
        application_transition(application=application, to_status=S.IN_REVIEW,
                               actor=coordinator)
    application.refresh_from_db()
    return application


def offered(application, applicant, coordinator, placement, **kwargs):
    submitted(application, applicant, coordinator)
    application_transition(application=application, to_status=S.OFFERED, actor=coordinator,
                           placement=placement, **kwargs)
    application.refresh_from_db()
    return application


def test_transition_table_covers_every_status_and_names_who_moves():
    table = APPLICATION_WORKFLOW.table
    assert set(table) == set(S.values)
    for targets in table.values():
        assert set(targets) <= set(S.values)
        for actors in targets.values():
            # never None ("anyone"): every move names who may make it
            assert actors and actors <= {APPLICANT, COORDINATOR, HOST, SYSTEM}


def test_submit_records_history_and_emails_only_after_commit(
        draft, applicant, jobs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application_submit(application=draft, actor=applicant)
    assert mail.outbox == [] and jobs == []
    for callback in callbacks:
        callback()
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED and draft.submitted_at is not None
    event = draft.events.get()
    assert (event.from_status, event.to_status, event.actor) == (S.DRAFT, S.SUBMITTED,
                                                                 applicant)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [applicant.email]
    assert mail.outbox[0].subject == "Deine Bewerbung ist eingegangen"
    assert "Hallo Lea Schubert" in mail.outbox[0].body


def test_email_uses_the_template_edited_in_the_admin_and_the_applicants_language(
        draft, applicant, jobs, django_capture_on_commit_callbacks):
    from volunteers.models import EmailTemplate

    EmailTemplate.objects.create(event="submitted", subject_de="Eingang", body_de="Hallo $name",
                                 subject_en="Received, $name", body_en="Dear $name, thanks.")
    Application.objects.filter(pk=draft.pk).update(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application=draft, actor=applicant)
    assert mail.outbox[0].subject == "Received, Lea Schubert"
    assert mail.outbox[0].body == "Dear Lea Schubert, thanks."


def test_double_submit_is_harmless(draft, applicant, jobs, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application=draft, actor=applicant)
        application_submit(application=draft, actor=applicant)
    assert draft.events.count() == 1
    assert len(mail.outbox) == 1


def test_incomplete_application_is_refused_with_readable_reasons(applicant, year, placements):
    from volunteers.services import application_draft_get_or_create

    application = application_draft_get_or_create(applicant=applicant, programme_year=year)
    with pytest.raises(ApplicationIncomplete) as refused:
        application_submit(application=application, actor=applicant)
    codes = {problem.code for problem in refused.value.problems}
    assert {"personal_missing", "documents_missing", "preferences_missing",
            "consent_missing"} <= codes
    assert all(problem.message.endswith(".") for problem in refused.value.problems)
    application.refresh_from_db()
    assert application.status == S.DRAFT


@pytest.mark.parametrize(("from_status", "to_status"), [
    (S.DRAFT, S.ACCEPTED), (S.SUBMITTED, S.OFFERED), (S.REJECTED, S.IN_REVIEW),
    (S.WITHDRAWN, S.SUBMITTED), (S.ACCEPTED, S.OFFERED), (S.EXPIRED, S.ACCEPTED),
])
def test_transition_refuses_moves_not_in_the_table(draft, coordinator, from_status, to_status,
                                                    placements):
    Application.objects.filter(pk=draft.pk).update(status=from_status, placement=placements[0])
    draft.refresh_from_db()
    with pytest.raises(InvalidTransition):
        application_transition(application=draft, to_status=to_status, actor=coordinator,
                               placement=placements[0])
    draft.refresh_from_db()
    assert draft.status == from_status
    assert not draft.events.exists()


def test_transition_respects_who_may_move(draft, applicant, other_applicant, coordinator):
    submitted(draft, applicant)
    with pytest.raises(InvalidTransition):  # applicants do not review themselves
        application_transition(application=draft, to_status=S.IN_REVIEW, actor=applicant)
    with pytest.raises(InvalidTransition):  # nor withdraw someone else's application
        application_transition(application=draft, to_status=S.WITHDRAWN,
                               actor=other_applicant)
    event = application_transition(application=draft, to_status=S.IN_REVIEW,
                                   actor=coordinator, reason="Vollständig.")
    assert (event.actor, event.reason) == (coordinator, "Vollständig.")


def test_offer_carries_the_programme_years_deadline(draft, applicant, coordinator, placements,
                                                    year):
    before = timezone.now()
    offered(draft, applicant, coordinator, placements[0])
    assert draft.status == S.OFFERED and draft.placement == placements[0]
    assert before + datetime.timedelta(days=7) <= draft.offer_deadline
    assert draft.offer_deadline <= timezone.now() + datetime.timedelta(days=7)

    year.offer_deadline_days = 3
    year.save()
    other = complete_draft(_user("b@example.org"), year, placements[:1])
    offered(other, other.applicant, coordinator, placements[0])
    assert other.offer_deadline <= timezone.now() + datetime.timedelta(days=3)


def _user(email):
    from tests.factories import role_user

    return role_user(email, first_name="Bea", last_name="Berg")


def test_offer_only_for_a_ranked_placement(draft, applicant, coordinator, placements):
    submitted(draft, applicant, coordinator)
    with pytest.raises(InvalidTransition, match="ranked"):
        application_transition(application=draft, to_status=S.OFFERED, actor=coordinator,
                               placement=placements[2])


def test_accepting_takes_a_seat(draft, applicant, coordinator, placements):
    offered(draft, applicant, coordinator, placements[0])
    offer_accept(application=draft, actor=applicant)
    placements[0].refresh_from_db()
    draft.refresh_from_db()
    assert draft.status == S.ACCEPTED
    assert placements[0].seats_taken == 1
    assert placement_seats_free(placement=placements[0]) == 1


def test_offer_accepted_after_its_deadline_is_refused_and_expires(
        draft, applicant, coordinator, placements):
    offered(draft, applicant, coordinator, placements[0])
    Application.objects.filter(pk=draft.pk).update(
        offer_deadline=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(OfferDeadlinePassed):
        offer_accept(application=draft, actor=applicant)
    draft.refresh_from_db()
    placements[0].refresh_from_db()
    assert draft.status == S.EXPIRED
    assert placements[0].seats_taken == 0
    assert draft.events.last().actor is None


def test_declining_offers_the_seat_to_the_next_on_the_waiting_list(
        year, applicant, coordinator, placements, jobs, django_capture_on_commit_callbacks):
    single = placements[1]  # one seat
    first = complete_draft(applicant, year, [single])
    second = complete_draft(_user("zweite@example.org"), year, [single])
    third = complete_draft(_user("dritte@example.org"), year, [single])
    offered(first, applicant, coordinator, single)
    for application in (second, third):
        submitted(application, application.applicant, coordinator)
        application_transition(application=application, to_status=S.WAITING_LIST,
                               actor=coordinator, placement=single)
    # the host ranked the third applicant higher
    third.preferences.update(host_rank=1)
    second.preferences.update(host_rank=2)

    with django_capture_on_commit_callbacks(execute=True):
        application_transition(application=first, to_status=S.DECLINED, actor=applicant)
    for application in (first, second, third):
        application.refresh_from_db()
    assert first.status == S.DECLINED
    assert third.status == S.OFFERED and third.offer_deadline is not None
    assert second.status == S.WAITING_LIST
    assert third.events.last().reason == "A seat became free; next on the waiting list."
    assert [message.subject for message in mail.outbox if message.to == [third.applicant.email]
            ][-1] == "Dein Angebot für das Freiwillige Digitale Jahr"


def test_withdrawing_after_acceptance_frees_the_seat_and_moves_the_list(
        year, applicant, coordinator, placements):
    single = placements[1]
    first = complete_draft(applicant, year, [single])
    second = complete_draft(_user("zweite@example.org"), year, [single])
    offered(first, applicant, coordinator, single)
    offer_accept(application=first, actor=applicant)
    submitted(second, second.applicant, coordinator)
    application_transition(application=second, to_status=S.WAITING_LIST, actor=coordinator,
                           placement=single)
    with pytest.raises(NoSeatLeft):
        application_transition(application=second, to_status=S.OFFERED, actor=coordinator)

    application_transition(application=first, to_status=S.WITHDRAWN, actor=applicant,
                           reason="Ausbildungsplatz gefunden.")
    single.refresh_from_db()
    second.refresh_from_db()
    assert single.seats_taken == 0
    assert second.status == S.OFFERED


def test_seats_never_go_below_zero_or_above_the_count(placements):
    from django.db import IntegrityError, transaction

    from volunteers.applications.transitions import _seat_free

    placement = placements[1]
    _seat_free(placement_id=placement.pk)
    placement.refresh_from_db()
    assert placement.seats_taken == 0
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.filter(pk=placement.pk).update(seats_taken=2)


def test_preferences_are_ranked_unique_published_and_limited(draft, applicant, placements,
                                                             year):
    with pytest.raises(InvalidPreferences, match="only once"):
        preferences_set(application=draft, actor=applicant,
                        placements=[placements[0], placements[0]])
    with pytest.raises(InvalidPreferences, match="not open"):
        preferences_set(application=draft, actor=applicant, placements=[placements[3]])
    with pytest.raises(InvalidPreferences, match="at most 3"):
        preferences_set(application=draft, actor=applicant, placements=[
            *placements[:3], make_placement(year, placements[0].host, "vierte")])
    assert [p.placement for p in draft.preferences.all()] == placements[:2]  # unchanged

    year.max_preferences = 4
    year.save()
    draft.refresh_from_db()
    extra = make_placement(year, placements[0].host, "fuenfte")
    preferences_set(application=draft, actor=applicant, placements=[*placements[:3], extra])
    assert [(p.rank, p.placement) for p in draft.preferences.all()] == [
        (1, placements[0]), (2, placements[1]), (3, placements[2]), (4, extra)]


def test_documents_are_checked_by_content_not_by_name(draft, applicant, settings):
    with pytest.raises(InvalidDocument, match="not a PDF or an image"):
        document_add(application=draft, actor=applicant, kind="cv",
                     upload=pdf_upload("lebenslauf.pdf", b"MZ\x90\x00 not a pdf at all"))
    image = document_add(application=draft, actor=applicant, kind="other",
                         upload=pdf_upload("zeugnis.pdf", png_bytes()))
    assert image.content_type == "image/png"
    assert "zeugnis" not in image.file.name
    stored = Path(image.file.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())

    settings.VOLUNTEER_DOCUMENT_MAX_BYTES = 20
    with pytest.raises(InvalidDocument, match="too large"):
        document_add(application=draft, actor=applicant, kind="cv", upload=pdf_upload())
    assert draft.documents.count() == 2


def test_minor_needs_guardian_consent_before_submitting(
        applicant, year, placements, jobs, django_capture_on_commit_callbacks):
    application = complete_draft(applicant, year, placements[:1],
                                 born=datetime.date(2010, 3, 1))  # 17 on 1 Aug 2027
    with pytest.raises(ApplicationIncomplete) as refused:
        application_submit(application=application, actor=applicant)
    assert [p.code for p in refused.value.problems] == ["guardian_missing"]

    application_step_save(application=application, actor=applicant, data={
        "guardian_name": "Katrin Schubert", "guardian_email": "katrin@example.org"})
    with django_capture_on_commit_callbacks(execute=True):
        guardian_consent_request(application=application, actor=applicant)
    assert mail.outbox[-1].to == ["katrin@example.org"]
    token = guardian_token_make(application=application)
    assert token in mail.outbox[-1].body
    with pytest.raises(ApplicationIncomplete):
        application_submit(application=application, actor=applicant)

    guardian_consent_confirm(token=token)
    guardian_consent_confirm(token=token)  # following the link twice is fine
    application_submit(application=application, actor=applicant)
    assert application.status == S.SUBMITTED

    # changing the guardian afterwards would need a new consent
    Application.objects.filter(pk=application.pk).update(status=S.DRAFT, submitted_at=None)
    application.refresh_from_db()
    application_step_save(application=application, actor=applicant, data={
        "guardian_name": "Jemand Anderes", "guardian_email": "anders@example.org"})
    assert application.guardian_consent_at is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_applicants_accepting_the_last_seat_at_once_exactly_one_wins(
        year, coordinator, placements):
    placement = placements[1]  # one seat
    first = complete_draft(_user("erste@example.org"), year, [placement])
    second = complete_draft(_user("zweite@example.org"), year, [placement])
    for application in (first, second):
        submitted(application, application.applicant, coordinator)
        # both got an offer (e.g. the coordinator over-offered)
        Application.objects.filter(pk=application.pk).update(
            status=S.OFFERED, placement=placement,
            offer_deadline=timezone.now() + datetime.timedelta(days=1))

    barrier = threading.Barrier(2)
    results: dict[int, str] = {}

    def accept(application_id: int) -> None:
        try:
            application = Application.objects.select_related("applicant").get(
                pk=application_id)
            barrier.wait(timeout=10)
            offer_accept(application=application, actor=application.applicant)
            results[application_id] = "accepted"
        except NoSeatLeft:
            results[application_id] = "no seat"
        except Exception as error:  # noqa: BLE001 - any other error must fail the test
            results[application_id] = f"{type(error).__name__}: {error}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(a.pk,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # Only NoSeatLeft may refuse the second: a lock timeout, a constraint error or a
    # deadlock is a failure, however it is worded.
    assert sorted(results.values()) == ["accepted", "no seat"], (connection.vendor, results)
    placement.refresh_from_db()
    assert placement.seats_taken == 1
    assert Application.objects.filter(status=S.ACCEPTED).count() == 1
