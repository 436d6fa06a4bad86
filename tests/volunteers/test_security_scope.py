"""Issue 9, finding 16: a coordinator limited to programme years and/or organisation units
sees only the applications within that scope — in the list, the export, the detail
screen, documents and bulk actions — and gets 404 for the others. Unlimited (empty scope,
as the demo's coordinator) sees all.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrgUnitKind
from accounts.roles import Role
from accounts.services import org_unit_ensure
from tests.factories import complete_draft, make_placement, role_user
from volunteers.models import ApplicationStatus, ProgrammeYear, StartDate
from volunteers.selectors import applications_in_scope
from volunteers.services import application_submit

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def units(db):
    weimarer_land = org_unit_ensure(code="lk-weimarer-land", name="Landkreis Weimarer Land",
                                    kind=OrgUnitKind.LANDKREIS)
    ilm_kreis = org_unit_ensure(code="lk-ilm-kreis", name="Ilm-Kreis",
                                kind=OrgUnitKind.LANDKREIS)
    return {
        "weimarer-land": weimarer_land, "ilm-kreis": ilm_kreis,
        "apolda": org_unit_ensure(code="gem-apolda", name="Stadt Apolda",
                                  kind=OrgUnitKind.GEMEINDE, parent=weimarer_land),
        "ilmenau": org_unit_ensure(code="gem-ilmenau", name="Stadt Ilmenau",
                                   kind=OrgUnitKind.GEMEINDE, parent=ilm_kreis),
    }


@pytest.fixture
def other_year(db):
    today = timezone.localdate()
    year = ProgrammeYear.objects.create(
        name="Jahrgang 2028/29", application_opens=today - datetime.timedelta(days=10),
        application_closes=today + datetime.timedelta(days=90))
    StartDate.objects.create(programme_year=year, date=datetime.date(2028, 9, 1))
    return year


@pytest.fixture
def applications(year, other_year, hosts, placements, units, applicant, other_applicant):
    """Lea → Apolda (Weimarer Land), this year; Max → Ilmenau (Ilm-Kreis), this year;
    Nina → Apolda, the other year. Hosts sit in municipalities below the districts."""
    hosts["apolda"].org_unit = units["apolda"]
    hosts["apolda"].save()
    hosts["ilmenau"].org_unit = units["ilmenau"]
    hosts["ilmenau"].save()
    nina = role_user("nina@example.org", Role.VOLUNTEER, first_name="Nina", last_name="Vogt")
    later = make_placement(other_year, hosts["apolda"], "apolda-2028", title="Web in Apolda")
    result = {
        "lea": complete_draft(applicant, year, [placements[0]]),
        "max": complete_draft(other_applicant, year, [placements[1]]),
        "nina": complete_draft(nina, other_year, [later]),
    }
    for application in result.values():
        application_submit(application=application, actor=application.applicant)
    return result


NAMES = {"lea": "Schubert", "max": "Keller", "nina": "Vogt"}


@pytest.fixture
def district_coordinator(units):
    """Koordination limited to the district Weimarer Land (and the units below it)."""
    user = role_user("kreis@example.org", Role.COORDINATOR)
    user.scope_units.add(units["weimarer-land"])
    return user


@pytest.fixture
def year_coordinator(year):
    """Koordination limited to the programme year 2027/28."""
    user = role_user("jahrgang@example.org", Role.COORDINATOR)
    year.coordinators.add(user)
    return user


VISIBLE = {"district": {"lea", "nina"}, "year": {"lea", "max"},
           "unscoped": {"lea", "max", "nina"}, "superuser": {"lea", "max", "nina"}}


@pytest.fixture
def coordinators(district_coordinator, year_coordinator, coordinator):
    return {"district": district_coordinator, "year": year_coordinator,
            "unscoped": coordinator,
            "superuser": role_user("admin@example.org", is_superuser=True, is_staff=True)}


def text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize("who", list(VISIBLE))
def test_list_and_export_show_only_the_applications_in_scope(client, applications,
                                                             coordinators, who):
    client.force_login(coordinators[who])
    url = reverse("wagtailsnippets_volunteers_application:list")
    for response in (client.get(url), client.get(url, {"export": "csv"})):
        assert response.status_code == 200
        content = text(response)
        for key, name in NAMES.items():
            assert (name in content) == (key in VISIBLE[who]), (who, key)


@pytest.mark.parametrize("who", list(VISIBLE))
def test_detail_screen_and_documents_answer_404_outside_the_scope(client, applications,
                                                                  coordinators, who):
    client.force_login(coordinators[who])
    for key, application in applications.items():
        expected = 200 if key in VISIBLE[who] else 404
        detail = client.get(reverse("volunteers_admin:application", args=[application.pk]))
        assert detail.status_code == expected, (who, key)
        # a forged status change is refused the same way
        moved = client.post(reverse("volunteers_admin:application", args=[application.pk]),
                            {"to_status": S.IN_REVIEW})
        assert moved.status_code == (302 if expected == 200 else 404)
        document = application.documents.get()
        download = client.get(reverse("volunteers:document", args=[document.pk]))
        assert download.status_code == expected, (who, key)
        for view in ("history", "usage"):
            response = client.get(reverse(f"wagtailsnippets_volunteers_application:{view}",
                                          args=[application.pk]))
            if expected == 404:
                assert response.status_code == 404, (who, key, view)
    for key, application in applications.items():
        application.refresh_from_db()
        expected = S.IN_REVIEW if key in VISIBLE[who] else S.SUBMITTED
        assert application.status == expected, (who, key)


def test_bulk_action_moves_only_applications_in_scope(client, applications,
                                                      district_coordinator):
    client.force_login(district_coordinator)
    url = reverse("wagtail_bulk_action", args=["volunteers", "application", "start_review"])
    ids = "&".join(f"id={a.pk}" for a in applications.values())
    confirm = client.get(f"{url}?{ids}")
    assert confirm.status_code == 200
    assert "Schubert" in text(confirm) and "Keller" not in text(confirm)
    assert client.post(f"{url}?{ids}").status_code == 302
    # "all" in the listing means all in scope
    assert client.post(f"{url}?id=all").status_code == 302
    statuses = {key: a.__class__.objects.get(pk=a.pk).status
                for key, a in applications.items()}
    assert statuses == {"lea": S.IN_REVIEW, "max": S.SUBMITTED, "nina": S.IN_REVIEW}
    # an application outside the scope alone is unknown, in every bulk action
    outside = applications["max"].pk
    assert client.post(f"{url}?id={outside}").status_code == 404
    delete = reverse("wagtail_bulk_action", args=["volunteers", "application", "delete"])
    response = client.get(f"{delete}?id={outside}")
    assert response.status_code == 404 and "Keller" not in text(response)


def test_host_without_an_organisation_unit_is_outside_every_unit_scope(
        applications, hosts, district_coordinator, coordinator):
    hosts["apolda"].org_unit = None
    hosts["apolda"].save()
    assert not applications_in_scope(user=district_coordinator).exists()
    assert applications_in_scope(user=coordinator).count() == 3


def test_scope_by_year_and_unit_together_is_the_intersection(applications, year,
                                                             district_coordinator):
    year.coordinators.add(district_coordinator)
    visible = set(applications_in_scope(user=district_coordinator))
    assert visible == {applications["lea"]}


def test_only_superusers_set_the_programme_year_scope(client, year, coordinators):
    url = reverse("wagtailsnippets_volunteers_programmeyear:edit", args=[year.pk])
    client.force_login(coordinators["unscoped"])
    response = client.get(url)
    assert response.status_code == 200 and 'name="coordinators"' not in text(response)
    client.force_login(coordinators["superuser"])
    assert 'name="coordinators"' in text(client.get(url))
