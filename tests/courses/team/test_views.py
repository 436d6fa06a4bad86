"""Mein Team: a supervisor sees their team's training (overdue first), never anyone else;
exports what is shown; decides approval requests once."""

import datetime
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import OrgUnit, User
from accounts.roles import Role
from courses.approvals.models import ApprovalRequest
from courses.approvals.services import course_enrolment_request
from courses.assignments.models import PersonAssignment
from courses.models import CoursePage
from courses.reminders.models import MailPreference
from tests.factories import role_user
from tests.utils import client_for

pytestmark = pytest.mark.django_db
TEAM = "/en/mein-bereich/team/"


def post(client, url, data, **kwargs):
    """A form POST with the CSRF token, as the browser sends it."""
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value},
                       **kwargs)


@pytest.fixture
def team(demo):
    """Sabine leads Jonas (demo) and Mia; Paul works in her unit without reporting to her;
    Olga is elsewhere. Each has assigned training in a different state."""
    units = {unit.code: unit for unit in OrgUnit.objects.all()}
    supervisor = User.objects.get(email="vorgesetzte@demo.example")
    jonas = User.objects.get(email="lernende@demo.example")
    # Only the people made here (the demo gives the supervisor a team of its own).
    User.objects.filter(supervisor=supervisor).exclude(pk=jonas.pk).update(supervisor=None)
    mia = role_user("mia@example.org", Role.LEARNER, first_name="Mia", last_name="Meier",
                    home_unit=units["th-tlrz-service"], supervisor=supervisor)
    paul = role_user("paul@example.org", Role.LEARNER, first_name="Paul", last_name="Peters",
                     home_unit=units["th-tlrz-it-sicherheit"])
    olga = role_user("olga@example.org", Role.LEARNER, first_name="Olga",
                     last_name="=HYPERLINK(1)", home_unit=units["gem-ilmenau"])
    course = CoursePage.objects.get(slug="e-akte")
    today = timezone.localdate()
    PersonAssignment.objects.all().delete()
    ApprovalRequest.objects.all().delete()
    rows = {
        jonas: {"due_date": today + datetime.timedelta(days=10)},
        mia: {"due_date": today - datetime.timedelta(days=3)},
        paul: {"due_date": today - datetime.timedelta(days=1)},
        olga: {"due_date": today - datetime.timedelta(days=5)},
    }
    for person, facts in rows.items():
        PersonAssignment.objects.create(user=person, course=course, course_title=course.title,
                                        mandatory=True, **facts)
    return {"supervisor": supervisor, "jonas": jonas, "mia": mia, "paul": paul,
            "olga": olga, "course": course}


def test_the_supervisor_sees_direct_reports_overdue_first(team):
    response = client_for(team["supervisor"]).get(TEAM)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mia Meier" in body and "Jonas Wagner" in body
    assert "Paul Peters" not in body and "Olga" not in body
    assert body.index("Mia Meier") < body.index("Jonas Wagner")
    assert "Overdue" in body


def test_the_whole_unit_on_request_but_never_outside_it(team):
    body = client_for(team["supervisor"]).get(TEAM + "?umfang=einheit").content.decode()
    assert "Paul Peters" in body and "Mia Meier" in body and "Olga" not in body


def test_someone_outside_the_team_cannot_be_reached_by_parameter(team):
    client = client_for(team["supervisor"])
    assert client.get(TEAM + f"?person={team['olga'].pk}").status_code == 404
    assert client.get(TEAM + f"?person={team['olga'].pk}&umfang=einheit").status_code == 404
    assert client.get(TEAM + f"?person={team['paul'].pk}").status_code == 404
    assert client.get(TEAM + "?person=abc").status_code == 404
    export = client.get(TEAM + f"?person={team['olga'].pk}&format=csv")
    assert export.status_code == 404
    one = client.get(TEAM + f"?person={team['mia'].pk}").content.decode()
    assert "Mia Meier" in one and "Jonas Wagner" not in one


def test_only_supervisors_open_the_team(team):
    assert client_for(team["jonas"]).get(TEAM).status_code == 403
    assert client_for(team["olga"]).get(TEAM).status_code == 403
    anonymous = client_for(team["jonas"])
    anonymous.logout()
    assert anonymous.get(TEAM).status_code == 302


def test_csv_export_lists_what_is_shown_with_cells_neutralised(team):
    response = client_for(team["supervisor"]).get(TEAM + "?umfang=einheit&format=csv")
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffPerson;")
    lines = text.strip().splitlines()
    assert len(lines) == 4  # heading, Mia, Paul, Jonas
    assert "Mia Meier" in lines[1] and "Overdue" in lines[1]
    assert "Olga" not in text


def test_xlsx_export(team):
    team["jonas"].first_name = "=SUM(1)"
    team["jonas"].save()
    response = client_for(team["supervisor"]).get(TEAM + "?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Person"
    assert [row[0] for row in values[1:]] == ["Mia Meier", "'=SUM(1) Wagner"]


def test_the_dashboard_links_supervisors_to_their_team(team):
    assert TEAM in client_for(team["supervisor"]).get("/en/mein-bereich/").content.decode()
    assert TEAM not in client_for(team["jonas"]).get("/en/mein-bereich/").content.decode()


def test_deciding_in_the_team_view_once(team, jobs_inline, mailoutbox,
                                        django_capture_on_commit_callbacks):
    course = CoursePage.objects.get(slug="barrierefreie-dokumente")
    CoursePage.objects.filter(pk=course.pk).update(requires_approval=True)
    course.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = course_enrolment_request(learner=team["mia"], course=course)
    request = ApprovalRequest.objects.get(enrolment=enrolment)
    client = client_for(team["supervisor"])
    page = client.get(TEAM).content.decode()
    assert "Approval requests" in page and f'id="reason-{request.pk}"' in page

    url = f"/en/mein-bereich/team/freigaben/{request.pk}/"
    missing_reason = post(client, url, {"decision": "refuse", "reason": ""}, follow=True)
    assert "Please give a reason" in missing_reason.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, url, {"decision": "approve"})
    again = post(client, url, {"decision": "refuse", "reason": "Nein"}, follow=True)
    assert "already been decided" in again.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == "active"
    assert [mail.to for mail in mailoutbox][-1] == [team["mia"].email]


def test_the_learner_cannot_decide_through_the_team_url(team, jobs_inline,
                                                        django_capture_on_commit_callbacks):
    course = CoursePage.objects.get(slug="barrierefreie-dokumente")
    CoursePage.objects.filter(pk=course.pk).update(requires_approval=True)
    course.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = course_enrolment_request(learner=team["mia"], course=course)
    request = ApprovalRequest.objects.get(enrolment=enrolment)
    team["mia"].groups.add(*team["supervisor"].groups.all())
    response = post(client_for(team["mia"]), f"/en/mein-bereich/team/freigaben/{request.pk}/",
                    {"decision": "approve"}, follow=True)
    assert "You cannot decide this request" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "pending"


def test_mail_settings_switch_optional_reminders_off(team):
    client = client_for(team["jonas"])
    page = client.get("/en/mein-bereich/benachrichtigungen/").content.decode()
    assert "cannot be switched off" in page and "checked" in page
    post(client, "/en/mein-bereich/benachrichtigungen/", {})
    assert MailPreference.objects.get(user=team["jonas"]).optional_reminders is False
    post(client, "/en/mein-bereich/benachrichtigungen/", {"optional_reminders": "on"})
    assert MailPreference.objects.get(user=team["jonas"]).optional_reminders is True
