"""Every account says how its identity was established (certificates print it)."""

import importlib

import pytest
from django.apps import apps

from accounts.models import IdentitySource, PendingRegistration, User
from accounts.registration import registration_start
from accounts.roles import Role
from tests.factories import role_user

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accounts.migrations.0007_identity")


def test_self_registration_is_recorded_as_such(jobs_queued):
    user = registration_start(email="neu@example.org", password="Geheim-12345-x",
                              first_name="Nora", last_name="Neu")
    assert user.identity_source == IdentitySource.SELF_REGISTERED


def test_accounts_created_by_hand_default_to_the_administration():
    assert User.objects.create_user("hand@example.org").identity_source == \
        IdentitySource.ADMIN_CREATED


def test_existing_accounts_are_classified_by_how_they_came():
    registered = role_user("registriert@example.org", Role.VOLUNTEER)
    PendingRegistration.objects.create(user=registered, password="", first_name="R",
                                       last_name="R")
    pending = role_user("wartet@example.org", registration_pending=True, is_active=False)
    old_volunteer = role_user("freiwillig@example.org", Role.VOLUNTEER)
    coordinator = role_user("koordination@example.org", Role.COORDINATOR)
    learner = role_user("lernende@example.org", Role.LEARNER)
    both = role_user("beides@example.org", Role.VOLUNTEER)
    both.groups.add(learner.groups.get())
    admin = User.objects.create_superuser("admin@example.org", "Geheim-12345")
    User.objects.update(identity_source=IdentitySource.ADMIN_CREATED)

    migration.classify_existing(apps, None)

    sources = dict(User.objects.values_list("email", "identity_source"))
    assert sources == {
        "registriert@example.org": "self_registered", "wartet@example.org": "self_registered",
        "freiwillig@example.org": "self_registered",
        "koordination@example.org": "admin_created", "lernende@example.org": "admin_created",
        "beides@example.org": "admin_created", "admin@example.org": "admin_created",
    }
    assert pending and old_volunteer and coordinator and admin
