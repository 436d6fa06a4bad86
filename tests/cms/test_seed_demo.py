import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

from accounts.models import OrgUnit, User
from accounts.roles import Role
from cms.models import FooterLink, HeaderLink


def snapshot() -> dict:
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "slug", "live")),
        "revisions": Revision.objects.count(),
        "page_log": PageLogEntry.objects.count(),
        "units": list(OrgUnit.objects.order_by("code").values_list("code", "parent__code")),
        "users": list(User.objects.order_by("email").values_list("email", "password")),
        "memberships": sorted(User.groups.through.objects.values_list("user_id", "group_id")),
        "header": HeaderLink.objects.count(),
        "footer": FooterLink.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id")),
    }


@pytest.mark.django_db
def test_second_run_changes_nothing():
    call_command("seed_demo", stdout=io.StringIO())
    first = snapshot()
    call_command("seed_demo", stdout=io.StringIO())
    assert snapshot() == first


@pytest.mark.django_db
def test_demo_has_one_login_per_role_and_prints_it(demo):
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    for role in Role:
        members = User.objects.filter(groups__name=role.value)
        assert members.exists(), role
        # further demo people (a team, seminar participants) need no login of their own
        assert any(member.email in out.getvalue() for member in members), role
    assert "Thueringen-Demo-2026" in out.getvalue()
    assert Group.objects.filter(name__in=[r.value for r in Role]).count() == len(Role)


@pytest.mark.django_db
def test_demo_org_tree_is_thuringian(demo):
    tlrz = OrgUnit.objects.get(code="th-tlrz")
    assert [unit.name for unit in tlrz.ancestors()] == [
        "Freistaat Thüringen", "Thüringer Finanzministerium"]
    assert set(OrgUnit.objects.get(code="lk-ilm-kreis").children.values_list(
        "name", flat=True)) == {"Stadt Arnstadt", "Stadt Ilmenau"}
    learner = User.objects.get(email="lernende@demo.example")
    assert learner.supervisor.email == "vorgesetzte@demo.example"


@pytest.mark.django_db
def test_demo_page_tree_is_served_from_the_default_site(demo):
    site = Site.objects.get(is_default_site=True)
    slugs = set(site.root_page.get_children().live().values_list("slug", flat=True))
    assert {"kurse", "freiwilliges-digitales-jahr", "impressum", "datenschutz",
            "barrierefreiheit"} <= slugs
