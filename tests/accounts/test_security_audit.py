"""Finding 17: sensitive actions leave an audit trail that admins can filter.

Each test performs the action through the real screen or service, then checks the
Wagtail log entry (actor, action) and that the site history report lists it when
filtered by that action — for coordinators and superusers, not for editors or learners.
"""

import datetime
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.audit import (
    ADMIN_LOGIN,
    APPLICATION_STATUS,
    CERTIFICATE_REVOKE,
    EXPORT,
    ROLE_CHANGE,
    audit_log,
)
from accounts.models import User
from accounts.roles import Role
from certificates.models import Certificate
from volunteers.models import Application, ProgrammeYear

pytestmark = pytest.mark.django_db

PASSWORD = "Sicher-genug-2024!"
REPORT = "/admin/reports/site-history/"


def make_user(email, *roles, **extra) -> User:
    extra.setdefault("last_name", email.split("@")[0].title())
    user = User.objects.create_user(email=email, password=PASSWORD, first_name="Vor",
                                    **extra)
    user.groups.set(Group.objects.filter(name__in=[str(role) for role in roles]))
    return user


@pytest.fixture
def coordinator():
    return make_user("koordination@test.example", Role.COORDINATOR)


@pytest.fixture
def learner():
    return make_user("lernende@test.example", Role.LEARNER, last_name="Quellmalz")


@pytest.fixture
def superuser():
    return User.objects.create_superuser(email="admin@test.example", password=PASSWORD)


def entries(action, **filters):
    return ModelLogEntry.objects.filter(action=action, **filters)


def report_lists(client, action, text) -> bool:
    """Whether the site history report, filtered by `action`, shows `text`."""
    today = timezone.localdate()
    response = client.get(REPORT, {"action": action,
                                   "timestamp_from": (today - datetime.timedelta(days=1)),
                                   "timestamp_to": today + datetime.timedelta(days=1)})
    assert response.status_code == 200
    return text in response.content.decode()


def test_role_change_in_the_user_editor_is_logged_and_listed(client, coordinator, learner,
                                                             superuser):
    client.force_login(coordinator)
    groups = list(learner.groups.values_list("pk", flat=True))
    groups.append(Group.objects.get(name=str(Role.SUPERVISOR)).pk)
    response = client.post(f"/admin/users/edit/{learner.pk}/", {
        "email": learner.email, "first_name": "Vor", "last_name": "Quellmalz",
        "is_active": "on", "groups": groups})
    assert response.status_code == 302
    entry = entries(ROLE_CHANGE).get()
    assert entry.user == coordinator
    assert entry.object_id == str(learner.pk)
    assert entry.data["added"] == ["Vorgesetzte"]
    assert report_lists(client, ROLE_CHANGE, "Quellmalz")
    client.force_login(superuser)
    assert report_lists(client, ROLE_CHANGE, "Quellmalz")


def test_superuser_flag_change_is_logged(client, superuser, learner):
    client.force_login(superuser)
    client.post(f"/admin/users/edit/{learner.pk}/", {
        "email": learner.email, "first_name": "Vor", "last_name": "Quellmalz",
        "is_active": "on", "is_superuser": "on",
        "groups": list(learner.groups.values_list("pk", flat=True))})
    entry = entries(ROLE_CHANGE, object_id=str(learner.pk)).get()
    assert entry.user == superuser
    assert entry.data["is_superuser"] == [False, True]


class _FormFields(HTMLParser):
    """What a browser would submit for the page's main form, unchanged."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if name and "__prefix__" in name:  # inside a <template>: never submitted
            return
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file"):
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(attrs.get("value", default))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.data.setdefault(self._select, []).append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data.setdefault(name, []).append("")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def test_permission_change_in_the_group_editor_is_logged(client, superuser):
    editors = Group.objects.get(name=str(Role.EDITOR))
    client.force_login(superuser)
    form = client.get(f"/admin/groups/edit/{editors.pk}/")
    assert form.status_code == 200
    fields = _FormFields()
    fields.feed(form.content.decode())
    data = {name: values for name, values in fields.data.items()
            if name not in ("csrfmiddlewaretoken", "q")}
    dropped = Permission.objects.get(pk=data["permissions"][-1])
    data["permissions"] = data["permissions"][:-1]
    response = client.post(f"/admin/groups/edit/{editors.pk}/", data)
    assert response.status_code == 302
    assert not editors.permissions.filter(pk=dropped.pk).exists()
    entry = entries(ROLE_CHANGE, object_id=str(editors.pk)).get()
    assert entry.user == superuser
    assert entry.data == {
        "permissions_added": [],
        "permissions_removed": [f"{dropped.content_type.app_label}.{dropped.codename}"]}


def test_admin_login_is_logged_but_a_learner_login_is_not(client, coordinator, learner):
    response = client.post("/admin/login/", {"username": coordinator.email,
                                             "password": PASSWORD})
    assert response.status_code == 302
    entry = entries(ADMIN_LOGIN).get()
    assert entry.user == coordinator
    assert entry.data["path"] == "/admin/login/"
    assert report_lists(client, ADMIN_LOGIN, coordinator.email.split("@")[0].title())
    client.logout()
    client.post("/konto/anmelden/", {"username": learner.email, "password": PASSWORD})
    assert entries(ADMIN_LOGIN).count() == 1


def test_certificate_revocation_is_logged_and_listed(client, coordinator, learner):
    certificate = Certificate.objects.create(
        recipient=learner, kind="course", achievement_key="course:1",
        recipient_name="Vor Quellmalz", title="Datenschutz im Büro",
        completed_on=datetime.date(2026, 3, 2), issuer_name="Land", code="AUDIT0001",
        status="issued", issued_at=timezone.now(), pdf_sha256="0" * 64)
    client.force_login(coordinator)
    response = client.post(f"/admin/certificates-actions/{certificate.pk}/revoke/",
                           {"reason": "Prüfung nicht bestanden"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    entry = entries(CERTIFICATE_REVOKE).get()
    assert entry.user == coordinator
    assert entry.object_id == str(certificate.pk)
    assert report_lists(client, CERTIFICATE_REVOKE, "Datenschutz im Büro")


def test_application_status_change_is_logged_and_listed(client, coordinator):
    applicant = make_user("bewerbung@test.example", Role.VOLUNTEER)
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(
        name="Jahrgang 2027/28", application_opens=today - datetime.timedelta(days=30),
        application_closes=today + datetime.timedelta(days=60))
    application = Application.objects.create(
        applicant=applicant, programme_year=year, status="submitted",
        first_name="Lea", last_name="Schubert", submitted_at=timezone.now())
    client.force_login(coordinator)
    response = client.post(f"/admin/volunteers-actions/application/{application.pk}/",
                           {"to_status": "in_review", "reason": ""})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "in_review"
    entry = entries(APPLICATION_STATUS).get()
    assert entry.user == coordinator
    assert entry.object_id == str(application.pk)
    assert entry.data == {"from": "submitted", "to": "in_review", "placement": None}
    assert report_lists(client, APPLICATION_STATUS, str(application))


def test_export_entry_is_listed_for_coordinators(client, coordinator):
    audit_log(action=EXPORT, user=coordinator, data={"export": "applications", "rows": 3})
    client.force_login(coordinator)
    assert report_lists(client, EXPORT, "Koordination")


def test_editors_and_learners_do_not_see_the_audit_entries(client, coordinator, learner):
    audit_log(action=ROLE_CHANGE, user=coordinator, instance=learner, data={})
    editor = make_user("redaktion@test.example", Role.EDITOR)
    client.force_login(editor)
    response = client.get(REPORT)
    assert response.status_code == 200
    assert "Quellmalz" not in response.content.decode()
    response = client.get(REPORT, {"action": ROLE_CHANGE})
    assert "Quellmalz" not in response.content.decode()
    client.force_login(learner)
    response = client.get(REPORT)
    assert response.status_code == 302  # no admin access: off to the login page
    assert "/admin/login/" in response["Location"]


def test_coordinator_finds_the_audit_log_in_the_reports_menu(client, coordinator):
    client.force_login(coordinator)
    html = client.get("/admin/").content.decode()
    assert REPORT in html


def test_audit_log_refuses_an_unregistered_action(coordinator):
    with pytest.raises(ValueError):
        audit_log(action="dk.unknown", user=coordinator)


def test_an_action_by_a_user_behind_two_lazy_wrappers_is_still_logged(coordinator):
    """django-otp wraps request.user once more than Django; exports went unlogged."""
    from django.utils.functional import SimpleLazyObject

    request_user = SimpleLazyObject(lambda: SimpleLazyObject(lambda: coordinator))
    audit_log(action=EXPORT, user=request_user, data={"export": "courses.enrolment"})
    entry = ModelLogEntry.objects.get(action=EXPORT)
    assert (entry.object_id, entry.user_id) == (str(coordinator.pk), coordinator.pk)
