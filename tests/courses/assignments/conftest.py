import pytest
from django.contrib.auth.models import Group

from accounts.models import OrgUnit, OrgUnitKind, User
from accounts.roles import Role


@pytest.fixture
def tree(demo) -> dict[str, OrgUnit]:
    """A small tree of its own: a ministry with an authority and a department below it,
    and a second ministry."""
    land = OrgUnit.objects.get(code="th")
    ministry = OrgUnit.objects.create(code="t-min", name="Testministerium",
                                      kind=OrgUnitKind.RESSORT, parent=land)
    office = OrgUnit.objects.create(code="t-amt", name="Testamt", kind=OrgUnitKind.BEHOERDE,
                                    parent=ministry)
    department = OrgUnit.objects.create(code="t-ref", name="Testreferat",
                                        kind=OrgUnitKind.ORGANISATIONSEINHEIT, parent=office)
    other = OrgUnit.objects.create(code="t-other", name="Anderes Ministerium",
                                   kind=OrgUnitKind.RESSORT, parent=land)
    empty = OrgUnit.objects.create(code="t-leer", name="Leeres Amt",
                                   kind=OrgUnitKind.BEHOERDE, parent=other)
    return {"ministry": ministry, "office": office, "department": department,
            "other": other, "empty": empty}


@pytest.fixture
def staff(tree) -> dict[str, User]:
    def person(key, unit):
        return User.objects.create_user(email=f"{key}@test.example", password="x-Geheim-123",
                                        first_name=key.title(), last_name="Test",
                                        home_unit=tree[unit])
    return {"anna": person("anna", "office"), "ben": person("ben", "department"),
            "cem": person("cem", "ministry"), "dora": person("dora", "other")}


@pytest.fixture
def coordinator(demo) -> User:
    return User.objects.get(email="koordination@demo.example")


@pytest.fixture
def role_group(demo) -> Group:
    return Group.objects.get(name=Role.SUPERVISOR.value)
