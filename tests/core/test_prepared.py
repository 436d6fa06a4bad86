"""Prepared queries (core.prepared) answer exactly what their queryset answers, with one
query, for every value and length of their arguments."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from core.prepared import PreparedQuery

pytestmark = pytest.mark.django_db

by_email_and_login = PreparedQuery(
    lambda email, since: User.objects.filter(email=email, last_login__gte=since)
    .values_list("pk", "last_login", "date_joined", "is_active"))
people = PreparedQuery(lambda ids: User.objects.filter(pk__in=ids).order_by("pk"))


@pytest.fixture
def anna() -> User:
    user = User.objects.create_user(email="anna@example.org", password="Geheim-12345",
                                    first_name="Anna", display_name="Anna K.")
    user.last_login = timezone.now() - datetime.timedelta(hours=2)
    user.save(update_fields=["last_login"])
    return user


def test_rows_come_out_as_the_queryset_gives_them(anna, django_assert_num_queries):
    since = timezone.now() - datetime.timedelta(days=1)
    expected = list(User.objects.filter(email=anna.email, last_login__gte=since)
                    .values_list("pk", "last_login", "date_joined", "is_active"))
    with django_assert_num_queries(1):
        rows = by_email_and_login(anna.email, since)
    assert rows == expected and rows[0][1].tzinfo is not None  # aware, as the ORM's
    assert by_email_and_login(anna.email, timezone.now()) == []  # a later login: none
    assert by_email_and_login("ben@example.org", since) == []


def test_model_rows_are_the_same_instances_as_the_orm_loads(anna):
    ben = User.objects.create_user(email="ben@example.org", password="Geheim-12345")
    for ids in ((anna.pk,), (anna.pk, ben.pk), (ben.pk, anna.pk, -1)):
        loaded = people(ids)
        expected = list(User.objects.filter(pk__in=ids).order_by("pk"))
        assert [vars_of(user) for user in loaded] == [vars_of(user) for user in expected]
        assert all(not user._state.adding and user._state.db == "default" for user in loaded)
    assert people(()) == []  # nothing asked: no query to run


def vars_of(user: User) -> dict:
    return {field.attname: getattr(user, field.attname) for field in User._meta.concrete_fields}


def test_a_placeholder_the_orm_would_change_is_refused_not_answered_wrongly(anna):
    case_blind = PreparedQuery(lambda email: User.objects.filter(email__iexact=email))
    # SQLite changes the value (a LIKE pattern); PostgreSQL passes it on as it is.
    try:
        found = case_blind("ANNA@example.org")
    except ValueError as error:
        assert "placeholder" in str(error)
    else:
        assert [user.pk for user in found] == [anna.pk]


def test_the_users_manager_answers_a_lookup_by_id_as_the_orm_does(anna, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = User.objects.get(pk=str(anna.pk))  # as the session keeps it
    assert vars_of(found) == vars_of(User.objects.filter(pk=anna.pk).get())
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=anna.pk + 1000)
    with pytest.raises(ValueError, match="expected a number"):
        User.objects.get(pk="keine-zahl")
    assert User.objects.get(email=anna.email) == anna  # any other lookup: the ORM's own
