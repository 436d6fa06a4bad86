import datetime

import pytest
from django.utils import translation

from tests.factories import complete_draft
from volunteers.eligibility import (
    age_on,
    eligibility_problems,
    is_minor_at_start,
    submission_problems,
)
from volunteers.services import application_step_save

pytestmark = pytest.mark.django_db


def codes(problems):
    return [problem.code for problem in problems]


def test_age_counts_completed_years():
    born = datetime.date(2000, 8, 2)
    assert age_on(born=born, day=datetime.date(2027, 8, 1)) == 26
    assert age_on(born=born, day=datetime.date(2027, 8, 2)) == 27


@pytest.mark.parametrize(("born", "expected"), [
    (datetime.date(2000, 8, 2), []),                   # 26 the day before the 27th birthday
    (datetime.date(2000, 8, 1), ["too_old"]),          # 27 on the start date
    (datetime.date(2011, 8, 1), []),                   # 16 on the start date
    (datetime.date(2011, 8, 2), ["too_young"]),        # one day short of 16
])
def test_age_limits_at_the_start_date(applicant, year, placements, born, expected):
    application = complete_draft(applicant, year, placements[:1], born=born)
    assert codes(eligibility_problems(application)) == expected


def test_reasons_are_readable_sentences(applicant, year, placements):
    application = complete_draft(applicant, year, placements[:1],
                                 born=datetime.date(2000, 1, 1))
    with translation.override("en"):
        [problem] = eligibility_problems(application)
    assert problem.message == ("On the start date you will be 27 years old; the service is "
                               "possible until your 27th birthday.")


def test_limits_are_configurable_per_programme_year(applicant, year, placements):
    year.min_age, year.max_age_exclusive = 18, 25
    year.save()
    application = complete_draft(applicant, year, placements[:1],
                                 born=datetime.date(2001, 1, 1))
    assert codes(eligibility_problems(application)) == ["too_old"]


def test_school_obligation_and_part_time_hours(applicant, year, placements):
    application = complete_draft(applicant, year, placements[:1])
    application_step_save(application=application, actor=applicant, data={
        "school_obligation_completed": False, "part_time": True, "weekly_hours": 20})
    assert codes(eligibility_problems(application)) == ["school_obligation", "part_time_hours"]


def test_outdated_consent_must_be_given_again(applicant, year, placements):
    application = complete_draft(applicant, year, placements[:1])
    assert submission_problems(application) == []
    year.consent_version = "2"
    year.save()
    application.refresh_from_db()
    assert codes(submission_problems(application)) == ["consent_outdated"]


@pytest.mark.parametrize(("born", "minor"), [
    (datetime.date(2009, 8, 1), False),  # 18 exactly on the start date (1 August 2027)
    (datetime.date(2009, 8, 2), True),   # 18 one day after the start date
])
def test_minor_boundary_exactly_18_on_the_start_date_is_not_a_minor(
        applicant, year, placements, born, minor):
    application = complete_draft(applicant, year, placements[:1], born=born)
    assert application.start_date.date == datetime.date(2027, 8, 1)
    assert is_minor_at_start(application) is minor
    # only the minor needs a guardian's consent before submitting
    assert ("guardian_missing" in codes(submission_problems(application))) is minor
