"""The daily job starts services whose first day has come and ends those whose last day
has passed; a second run changes nothing. Its schedule exists after migrate."""

import datetime
from decimal import Decimal

import pytest
from django_q.models import Schedule

from volunteers.models import Party, Service, ServiceStatus
from volunteers.service.agreement_services import agreement_generate, agreement_sign
from volunteers.service.services import service_create, services_move_due
from volunteers.service.tasks import DUE_SCHEDULE_NAME, services_due_task

pytestmark = pytest.mark.django_db
S = ServiceStatus


def test_the_daily_job_starts_and_ends_services_once(accepted, coordinator, applicant,
                                                     host_contact, jobs,
                                                     django_capture_on_commit_callbacks):
    service = service_create(application=accepted, actor=coordinator,
                             pocket_money=Decimal("450"))
    agreement = agreement_generate(service=service, actor=coordinator)
    for party, person in ((Party.VOLUNTEER, applicant), (Party.TRAEGER, coordinator),
                          (Party.HOST, host_contact)):
        agreement_sign(agreement=agreement, party=party, actor=person)
    assert services_move_due(today=datetime.date(2027, 8, 31)) == (0, 0)
    assert services_move_due(today=datetime.date(2027, 9, 1)) == (1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        assert services_move_due(today=datetime.date(2028, 9, 1)) == (0, 1)
    assert services_move_due(today=datetime.date(2028, 9, 2)) == (0, 0)
    service = Service.objects.select_related("certificate").get(pk=service.pk)
    assert service.status == S.ENDED and service.actual_end == datetime.date(2028, 8, 31)
    assert service.certificate is not None
    assert services_due_task() == (0, 0)


def test_the_daily_schedule_exists_after_migrate():
    assert Schedule.objects.filter(name=DUE_SCHEDULE_NAME,
                                   func="volunteers.service.tasks.services_due_task").exists()
