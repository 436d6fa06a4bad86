"""`manage.py seed_demo`: idempotent demo content; a second run changes nothing."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, seed_org_units, seed_users
from cms.demo import seed_pages
from courses.approvals.demo import seed_approvals
from courses.seminars.attendance.demo import seed_attendance_demo
from courses.seminars.demo import seed_seminars_demo
from volunteers.demo import seed_volunteers


class Command(BaseCommand):
    help = "Create the demo organisation tree, one login per role and the page tree."

    def add_arguments(self, parser):
        parser.add_argument("--allow-production", action="store_true",
                            help="Run even on production settings (never on a real system).")

    def handle(self, *args, **options):
        if not settings.DEMO_SEED_ALLOWED and not options["allow_production"]:
            raise CommandError("Refusing to create demo logins on a production system.")
        with transaction.atomic():
            units = seed_org_units()
            users = seed_users(units)
        seed_pages()
        seed_approvals()
        seed_attendance_demo()  # a past seminar session with recorded attendance
        seed_seminars_demo()  # upcoming seminar dates, bookings and a waiting list
        seed_volunteers()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD}):")
        for user, roles in users:
            label = ", ".join(role.value for role in roles) or "Administrator"
            self.stdout.write(f"  {user.email:<32} {label}")
