import pytest
from django.contrib.auth.models import Group

from accounts.models import OrgUnit, User
from accounts.roles import Role
from courses.approvals.models import ApprovalRequest
from courses.models import CoursePage
from courses.reminders.models import ReminderSent
from tests.factories import role_user


@pytest.fixture
def approval_course(demo) -> CoursePage:
    """The demo's e-file course, switched to "enrolment needs approval"."""
    course = CoursePage.objects.get(slug="e-akte")
    CoursePage.objects.filter(pk=course.pk).update(requires_approval=True)
    course.refresh_from_db()
    return course


@pytest.fixture
def people(demo):
    """The demo learner (Jonas) and his supervisor (Sabine); a scoped coordinator of the
    learner's authority and one of another district."""
    # The demo's own request (a course that needs approval) would be counted too.
    ApprovalRequest.objects.all().delete()
    ReminderSent.objects.all().delete()
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    learner = User.objects.get(email="lernende@demo.example")
    supervisor = User.objects.get(email="vorgesetzte@demo.example")
    coordinator = role_user("koord-tlrz@example.org", Role.COORDINATOR,
                            first_name="Karla", last_name="Kreis")
    coordinator.scope_units.set([units["th-tlrz"]])
    elsewhere = role_user("koord-ik@example.org", Role.COORDINATOR, first_name="Ilse",
                          last_name="Ilm")
    elsewhere.scope_units.set([units["lk-ilm-kreis"]])
    # The demo's unscoped coordinator would be told too; keep the mails countable.
    Group.objects.get(name=Role.COORDINATOR).user_set.remove(
        User.objects.get(email="koordination@demo.example"))
    return {"learner": learner, "supervisor": supervisor, "coordinator": coordinator,
            "elsewhere": elsewhere, "units": units}
