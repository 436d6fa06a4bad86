"""`manage.py roster_import FILE [--apply] [--full] [--actor EMAIL]`: the staff roster
import from the command line, e.g. for a scheduled import from the HR system.

Without --apply it prints the preview and changes nothing; with errors it exits with 1.
--actor limits the import to that coordinator's scope and grantable roles (default: no
limit). --full deactivates roster-imported people missing from the file.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from accounts.models import User
from accounts.roster.rules import error_text
from accounts.roster.services import RosterHasErrors, roster_apply, roster_preview


class Command(BaseCommand):
    help = "Preview or apply a staff roster (CSV or XLSX)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--apply", action="store_true", help="Apply the roster.")
        parser.add_argument("--full", action="store_true",
                            help="Full roster: deactivate roster-imported people missing "
                                 "from the file.")
        parser.add_argument("--actor", help="Email of the coordinator the import runs as.")

    def handle(self, *args, file, apply, full, actor, **options):
        translation.activate("en")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        person = None
        if actor:
            person = User.objects.filter(email__iexact=actor, is_active=True).first()
            if person is None or not person.has_perm("accounts.add_rosterimport"):
                raise CommandError(f"{actor} may not import rosters.")
        content = path.read_bytes()
        plan = roster_preview(content, actor=person, full=full)
        for item in plan["create"]:
            self.stdout.write(f"create  line {item['line']}: {item['email']} ({item['unit']})")
        for item in plan["change"]:
            self.stdout.write(f"change  line {item['line']}: {item['email']} "
                              f"({', '.join(item['fields'])})")
        for item in plan["deactivate"]:
            self.stdout.write(f"deactivate: {item['email']}")
        for item in plan["errors"]:
            self.stderr.write(error_text(item))
        self.stdout.write(f"{len(plan['create'])} to create, {len(plan['change'])} to change, "
                          f"{len(plan['deactivate'])} to deactivate, "
                          f"{len(plan['errors'])} errors")
        if plan["errors"]:
            raise CommandError("The roster has errors; nothing was changed.", returncode=1)
        if not apply:
            self.stdout.write("Preview only; run again with --apply to apply it.")
            return
        try:
            counts = roster_apply(content, actor=person, full=full)
        except RosterHasErrors as failure:
            for item in failure.errors:
                self.stderr.write(error_text(item))
            raise CommandError("The roster has errors; nothing was changed.",
                               returncode=1) from failure
        self.stdout.write(self.style.SUCCESS(
            f"Applied: {counts['created']} created, {counts['changed']} changed, "
            f"{counts['deactivated']} deactivated."))
