import pytest
from django.core.exceptions import ValidationError

from accounts.models import OrgUnitKind
from accounts.selectors import org_unit_descendant_ids
from accounts.services import org_unit_ensure


@pytest.mark.django_db
def test_gemeinde_must_sit_below_a_landkreis():
    land = org_unit_ensure(code="th", name="Thüringen", kind=OrgUnitKind.LAND)
    with pytest.raises(ValidationError) as error:
        org_unit_ensure(code="x", name="Gemeinde X", kind=OrgUnitKind.GEMEINDE, parent=land)
    assert "parent" in error.value.message_dict


@pytest.mark.django_db
def test_unit_cannot_move_below_itself():
    land = org_unit_ensure(code="th", name="Thüringen", kind=OrgUnitKind.LAND)
    ressort = org_unit_ensure(code="r", name="Ressort", kind=OrgUnitKind.RESSORT, parent=land)
    behoerde = org_unit_ensure(code="b", name="Amt", kind=OrgUnitKind.BEHOERDE, parent=ressort)
    unit = org_unit_ensure(code="e", name="Referat", kind=OrgUnitKind.ORGANISATIONSEINHEIT,
                           parent=behoerde)
    sub = org_unit_ensure(code="s", name="Sachgebiet", kind=OrgUnitKind.ORGANISATIONSEINHEIT,
                          parent=unit)
    with pytest.raises(ValidationError):
        org_unit_ensure(code="e", name="Referat", kind=OrgUnitKind.ORGANISATIONSEINHEIT,
                        parent=sub)
    assert org_unit_descendant_ids(unit=ressort) == {ressort.pk, behoerde.pk, unit.pk, sub.pk}
