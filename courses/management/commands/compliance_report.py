"""`manage.py compliance_report --course SLUG [--unit CODE] --format csv|xlsx|pdf
--output FILE`: the AI-Act evidence report of a course for a unit with its sub-units (all
units without --unit), for scheduled exports. The same selector and the same files as the
admin's evidence report; an unknown course or unit ends with a message and exit code 1.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from courses.reports.evidence import FORMATS, evidence_render
from courses.reports.selectors import course_by_slug, evidence_report, unit_by_code


class Command(BaseCommand):
    help = ("Write the evidence report of a course (who completed which content version "
            "when, who is missing) for a unit and its sub-units as CSV, XLSX or PDF.")

    def add_arguments(self, parser):
        parser.add_argument("--course", required=True, help="The course's slug.")
        parser.add_argument("--unit", default="",
                            help="The organisation unit's code (default: every unit).")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="export_format")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args, **options):
        course = course_by_slug(options["course"])
        if course is None:
            raise CommandError(_("There is no course with the slug “%(slug)s”.")
                               % {"slug": options["course"]})
        unit = None
        if options["unit"]:
            unit = unit_by_code(options["unit"])
            if unit is None:
                raise CommandError(_("There is no organisation unit with the code "
                                     "“%(code)s”.") % {"code": options["unit"]})
        report = evidence_report(course=course, unit=unit)
        output = Path(options["output"])
        try:
            output.write_bytes(evidence_render(report, options["export_format"]))
        except OSError as error:
            raise CommandError(_("The file %(file)s could not be written: %(error)s")
                               % {"file": output, "error": error.strerror}) from error
        self.stdout.write(_("Evidence report written to %(file)s: %(total)s people, "
                            "%(completed)s completed, %(overdue)s overdue.")
                          % {"file": output, "total": report.counts.total,
                             "completed": report.counts.completed,
                             "overdue": report.counts.overdue})
