"""Issue 9, finding 4: applications, documents, enrolments and certificates are reachable in
the admin only for the roles that need them; every admin viewset and chooser of our apps
has an explicit permission policy.

The probe read every applicant as an editor through the snippet chooser
(`/admin/snippets/choose/volunteers/application/` and `…/chosen/<id>/`).
"""

import pytest
from django.urls import reverse
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.coreutils import resolve_model_string
from wagtail.permissions import policy_registry

from accounts.permissions import AuditedExportMixin, PermissionCheckedChooserViewSet
from accounts.roles import Role
from certificates.models import Certificate, CertificateBatch
from courses.models import CourseTopic, Enrolment
from tests.factories import role_user
from volunteers.services import application_submit

pytestmark = pytest.mark.django_db

OUR_APPS = {"accounts", "cms", "courses", "volunteers", "certificates"}


@pytest.fixture
def submitted(draft, applicant):
    application_submit(application=draft, actor=applicant)
    return draft


@pytest.fixture
def outsiders(host_contact, applicant):
    """Everyone who must not read applicants, enrolments or certificates in the admin."""
    return {
        "editor": role_user("redaktion@example.org", Role.EDITOR),
        "learner": role_user("lernende@example.org", Role.LEARNER, first_name="Jonas",
                             last_name="Wagner"),
        "host contact": host_contact,
        "applicant": applicant,
    }


@pytest.fixture
def records(submitted, outsiders):
    """One record of each sensitive kind, each carrying a name the attacker looks for."""
    person = role_user("ayse@example.org", Role.LEARNER, first_name="Ayşe",
                       last_name="Öztürkmen")
    enrolment = Enrolment.objects.create(learner=person, course_title="Datenschutz im Büro")
    certificate = Certificate.objects.create(
        recipient=person, kind="course", achievement_key="course:1",
        recipient_name="Ayşe Öztürkmen", title="Datenschutz im Büro",
        completed_on="2026-03-02", language="de", code="TESTCODE0001")
    batch = CertificateBatch.objects.create(label="Jahrgang Öztürkmen", total=1)
    batch.certificates.add(certificate)
    return {"application": submitted, "document": submitted.documents.get(),
            "enrolment": enrolment, "certificate": certificate, "batch": batch}


def sensitive_admin_urls(records) -> list[str]:
    application, enrolment = records["application"], records["enrolment"]
    certificate, batch = records["certificate"], records["batch"]
    applications = reverse("wagtailsnippets_volunteers_application:list")
    return [
        applications, applications + "?export=csv", applications + "?export=xlsx",
        reverse("wagtailsnippets_volunteers_application:list_results"),
        reverse("wagtailsnippets_volunteers_application:history", args=[application.pk]),
        reverse("wagtailsnippets_volunteers_application:usage", args=[application.pk]),
        "/admin/snippets/choose/volunteers/application/",
        "/admin/snippets/choose/volunteers/application/results/",
        f"/admin/snippets/choose/volunteers/application/chosen/{application.pk}/",
        reverse("volunteers_admin:application", args=[application.pk]),
        "/admin/enrolments/", "/admin/enrolments/?export=csv",
        "/admin/enrolments/?export=xlsx",
        f"/admin/enrolments/inspect/{enrolment.pk}/",
        f"/admin/enrolments/edit/{enrolment.pk}/",
        f"/admin/enrolments/history/{enrolment.pk}/",
        reverse("certificates_certificate:index"),
        reverse("certificates_certificate:inspect", args=[certificate.pk]),
        reverse("certificates_certificate:history", args=[certificate.pk]),
        reverse("certificates_batch:index"),
        reverse("certificates_admin:batch", args=[batch.pk]),
        reverse("certificates_admin:batch_zip", args=[batch.pk]),
        reverse("certificates_admin:revoke", args=[certificate.pk]),
        reverse("certificates_admin:retry", args=[certificate.pk]),
    ]


def body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def test_editor_cannot_read_applicants_through_the_snippet_chooser(client, records, outsiders):
    client.force_login(outsiders["editor"])
    application = records["application"]
    for url in ("/admin/snippets/choose/volunteers/application/",
                "/admin/snippets/choose/volunteers/application/results/?q=Schubert",
                f"/admin/snippets/choose/volunteers/application/chosen/{application.pk}/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Schubert" not in body(response)


@pytest.mark.parametrize("who", ["editor", "learner", "host contact", "applicant"])
def test_outsiders_get_no_admin_screen_of_applications_enrolments_or_certificates(
        client, records, outsiders, who):
    client.force_login(outsiders[who])
    for url in sensitive_admin_urls(records):
        response = client.get(url)
        assert response.status_code in (302, 403, 404), (who, url, response.status_code)
        content = body(response)
        assert "Schubert" not in content and "Öztürkmen" not in content, (who, url)


@pytest.mark.parametrize("who", ["editor", "learner", "host contact"])
def test_outsiders_cannot_download_an_applicants_document(client, records, outsiders, who):
    client.force_login(outsiders[who])
    response = client.get(reverse("volunteers:document", args=[records["document"].pk]))
    assert response.status_code in (302, 404)


def test_outsiders_cannot_run_bulk_actions_on_applications(client, records, outsiders):
    application = records["application"]
    for who in ("editor", "learner", "host contact"):
        client.force_login(outsiders[who])
        for action in ("start_review", "delete"):
            url = reverse("wagtail_bulk_action", args=["volunteers", "application", action])
            response = client.post(url + f"?id={application.pk}")
            assert response.status_code in (302, 403, 404), (who, action)
            assert "Schubert" not in body(response)
    application.refresh_from_db()
    assert application.status == "submitted"


def test_coordinator_opens_every_list_export_and_detail(client, records, coordinator):
    client.force_login(coordinator)
    application, enrolment = records["application"], records["enrolment"]
    certificate, batch = records["certificate"], records["batch"]
    applications = reverse("wagtailsnippets_volunteers_application:list")
    for url in (applications, applications + "?export=csv", applications + "?export=xlsx",
                reverse("volunteers_admin:application", args=[application.pk]),
                "/admin/enrolments/", "/admin/enrolments/?export=csv",
                "/admin/enrolments/?export=xlsx", f"/admin/enrolments/inspect/{enrolment.pk}/",
                f"/admin/enrolments/edit/{enrolment.pk}/",
                reverse("certificates_certificate:index"),
                reverse("certificates_certificate:inspect", args=[certificate.pk]),
                reverse("certificates_batch:index"),
                reverse("certificates_admin:batch", args=[batch.pk]),
                reverse("certificates_admin:batch_zip", args=[batch.pk])):
        assert client.get(url).status_code == 200, url
    # nothing chooses an application, so it has no chooser at all, for nobody
    assert client.get("/admin/snippets/choose/volunteers/application/").status_code == 404
    response = client.get(reverse("volunteers:document", args=[records["document"].pk]))
    assert response.status_code == 200


def test_snippet_choosers_ask_for_a_permission_on_the_model(client, hosts, coordinator):
    editor = role_user("redaktion@example.org", Role.EDITOR)
    CourseTopic.objects.create(name="Datenschutz", slug="datenschutz")
    client.force_login(editor)
    for model in ("volunteers/hostorganisation", "volunteers/emailtemplate",
                  "volunteers/programmeyear", "accounts/orgunit",
                  "certificates/certificatetemplate"):
        response = client.get(f"/admin/snippets/choose/{model}/")
        assert response.status_code in (302, 403), model
        assert "Apolda" not in body(response)
    chosen = client.get(f"/admin/snippets/choose/volunteers/hostorganisation/chosen/"
                        f"{hosts['apolda'].pk}/")
    assert chosen.status_code in (302, 403) and "Apolda" not in body(chosen)
    # what editors need for lessons stays choosable
    assert client.get("/admin/snippets/choose/courses/coursetopic/").status_code == 200
    assert client.get("/admin/snippets/choose/courses/h5pcontent/").status_code == 200
    client.force_login(coordinator)
    response = client.get("/admin/snippets/choose/volunteers/hostorganisation/")
    assert response.status_code == 200 and "Apolda" in body(response)


def test_every_admin_viewset_and_chooser_of_our_apps_has_an_explicit_policy():
    """A guard for the future: a new screen or chooser cannot silently fall back to
    Wagtail's defaults (whose choosers check no permission at all)."""
    reverse("wagtailadmin_home")  # loads the admin URLs, which registers the viewsets
    checked = 0
    for viewset in viewsets.viewsets:
        model = getattr(viewset, "model", None)
        if model is None:
            continue
        model = resolve_model_string(model)
        if model._meta.app_label not in OUR_APPS:
            continue
        policy = policy_registry.get_by_type(model)
        assert policy is not policy_registry.get_fallback_policy(model), model
        if isinstance(viewset, ChooserViewSet):
            assert isinstance(viewset, PermissionCheckedChooserViewSet), viewset
            assert model._meta.label != "volunteers.Application"
        list_export = getattr(viewset, "list_export", None)
        if list_export and list_export is not viewset.UNDEFINED:
            assert issubclass(viewset.index_view_class, AuditedExportMixin), viewset
        checked += 1
    assert checked >= 15
