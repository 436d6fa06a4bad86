"""The screen that starts a certificate batch for a course: coordinators choose a course,
the missing certificates of completed enrolments in their scope are requested as one batch,
and they land on the batch's progress view."""

import pytest
from django.utils import timezone
from wagtail.models import Page

from accounts.models import OrgUnitKind
from accounts.roles import Role
from accounts.services import org_unit_ensure
from certificates.models import Certificate, CertificateBatch
from courses.catalogue.models import CourseIndexPage, CoursePage
from courses.learning.models import Enrolment
from courses.rules import EnrolmentStatus
from tests.factories import role_user

pytestmark = pytest.mark.django_db
URL = "/admin/courses-actions/certificate-batch/"


@pytest.fixture
def course(db) -> CoursePage:
    parent = Page.objects.filter(depth=2).first()
    index = CourseIndexPage.objects.first()
    if index is None:
        index = parent.add_child(instance=CourseIndexPage(title="Kurse", slug="kurse-test"))
    course = index.add_child(instance=CoursePage(title="Datenschutz im Büro",
                                                 slug="datenschutz-test", teaser="Kurz."))
    course.save_revision().publish()
    return CoursePage.objects.get(pk=course.pk)


@pytest.fixture
def world(course):
    land = org_unit_ensure(code="th", name="Freistaat Thüringen", kind=OrgUnitKind.LAND)
    inside_unit = org_unit_ensure(code="th-a", name="Amt A", kind=OrgUnitKind.BEHOERDE,
                                  parent=land)
    outside_unit = org_unit_ensure(code="th-b", name="Amt B", kind=OrgUnitKind.BEHOERDE,
                                   parent=land)
    people = {}
    for key, unit, status in (("inside", inside_unit, EnrolmentStatus.COMPLETED),
                              ("outside", outside_unit, EnrolmentStatus.COMPLETED),
                              ("active", inside_unit, EnrolmentStatus.ACTIVE)):
        learner = role_user(f"{key}@example.org", Role.LEARNER, first_name=key.title(),
                            last_name="Lernend", home_unit=unit)
        Enrolment.objects.create(
            learner=learner, course=course, course_title=course.title, status=status,
            completed_at=timezone.now() if status == EnrolmentStatus.COMPLETED else None,
            completed_version=course.content_version)
        people[key] = learner
    coordinator = role_user("koordination-a@example.org", Role.COORDINATOR)
    coordinator.scope_units.add(inside_unit)
    return {"people": people, "coordinator": coordinator}


def test_coordinator_starts_a_batch_for_completed_enrolments_in_scope(
        client, course, world, jobs_queued, django_capture_on_commit_callbacks):
    client.force_login(world["coordinator"])
    assert client.get(URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, {"course": course.pk, "label": "März"})
    batch = CertificateBatch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/certificates-actions/batch/{batch.pk}/"
    # only the completed enrolment within the coordinator's scope
    assert [c.recipient for c in batch.certificates.all()] == [world["people"]["inside"]]
    assert batch.total == 1 and batch.created_by == world["coordinator"]
    assert len(jobs_queued) == 1  # the render job of the one certificate
    # asked again, nothing is missing: no second batch, no second certificate
    client.post(URL, {"course": course.pk})
    assert CertificateBatch.objects.count() == 1 and Certificate.objects.count() == 1


def test_superuser_covers_every_unit(client, course, world, jobs_queued):
    admin = role_user("admin@example.org", None, is_superuser=True, is_staff=True)
    client.force_login(admin)
    client.post(URL, {"course": course.pk})
    recipients = set(CertificateBatch.objects.get().certificates.values_list(
        "recipient__email", flat=True))
    assert recipients == {"inside@example.org", "outside@example.org"}


def test_learners_and_editors_cannot_start_a_batch(client, course, world):
    editor = role_user("redaktion@example.org", Role.EDITOR)
    for user in (world["people"]["inside"], editor):
        client.force_login(user)
        response = client.post(URL, {"course": course.pk})
        assert response.status_code in (302, 403)
    assert not CertificateBatch.objects.exists()


def test_batch_listing_offers_the_start_screen(client, world):
    client.force_login(world["coordinator"])
    assert URL in client.get("/admin/certificates/batch/").content.decode()
