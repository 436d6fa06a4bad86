import datetime

import pytest

from accounts.roles import Role
from tests.factories import role_user
from volunteers.models import Application, ApplicationStatus


def accepted_application(applicant, year, placement, *, born=datetime.date(2006, 5, 4),
                         guardian_name=""):
    """An application whose offer the applicant has accepted (the workflow is tested in
    tests/volunteers; here only its result matters)."""
    return Application.objects.create(
        applicant=applicant, programme_year=year, status=ApplicationStatus.ACCEPTED,
        placement=placement, first_name=applicant.first_name, last_name=applicant.last_name,
        date_of_birth=born, street="Bahnhofstraße 3", postcode="99510", town="Apolda",
        contact_email=applicant.email, start_date=year.start_dates.get(
            date=datetime.date(2027, 9, 1)), guardian_name=guardian_name)


@pytest.fixture
def accepted(applicant, year, placements):
    return accepted_application(applicant, year, placements[0])


@pytest.fixture
def minor(db, year, placements):
    volunteer = role_user("jonas@example.org", Role.VOLUNTEER, first_name="Jonas",
                          last_name="Wagner")
    return accepted_application(volunteer, year, placements[1], born=datetime.date(2010, 3, 2),
                                guardian_name="Katrin Wagner")
