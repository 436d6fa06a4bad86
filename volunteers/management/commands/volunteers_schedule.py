"""`manage.py volunteers_schedule`: create the scheduled job that expires overdue offers."""

from django.core.management.base import BaseCommand

from volunteers.tasks import expire_schedule_ensure


class Command(BaseCommand):
    help = "Create or update the django-q2 schedule that expires overdue offers (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--minutes", type=int, default=15,
                            help="How often the job runs (default: every 15 minutes).")

    def handle(self, *args, **options):
        schedule = expire_schedule_ensure(minutes=options["minutes"])
        self.stdout.write(f"Schedule “{schedule.name}” runs every {schedule.minutes} minutes.")
