"""`manage.py matching_proposal --year NAME [--seed N] [--json]`: run a matching proposal
for a programme year and print it, without approving or storing anything.

Readable text by default: the numbers, then every applicant's proposed placement (or none)
with the explanation sentences. `--json` prints exactly the inputs as used and the
assignment (volunteers.matching.rules.proposal_json), so that anyone can check the result
independently. The seed defaults to 0, so two runs on the same data agree.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from volunteers.matching.rules import explanation, proposal_json, propose
from volunteers.matching.selectors import matching_input
from volunteers.models import Application, Landkreis, ProgrammeYear

DEFAULT_SEED = 0


class Command(BaseCommand):
    help = ("Run a matching proposal for a programme year and print it (nothing is stored "
            "or approved).")

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True,
                            help="The programme year's name, e.g. “Jahrgang 2027/28”.")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help="The lottery seed that breaks ties (default: 0).")
        parser.add_argument("--json", action="store_true",
                            help="Print the inputs as used and the assignment as JSON.")

    def handle(self, *args, **options):
        year = ProgrammeYear.objects.filter(name=options["year"]).first()
        if year is None:
            names = ", ".join(ProgrammeYear.objects.values_list("name", flat=True))
            raise CommandError(_("There is no programme year named “%(name)s”. Programme "
                                 "years: %(names)s.") % {"name": options["year"],
                                                        "names": names or "–"})
        inp = matching_input(programme_year=year, seed=options["seed"])
        proposal = propose(inp)
        if options["json"]:
            self.stdout.write(json.dumps(proposal_json(inp, proposal), ensure_ascii=False,
                                         indent=2))
            return
        self._print_text(year, proposal)

    def _print_text(self, year, proposal):
        summary, write = proposal.summary, self.stdout.write
        write(_("Matching proposal for %(year)s (seed %(seed)s, %(version)s) – nothing is "
                "stored or approved.") % {"year": year.name, "seed": proposal.input.seed,
                                          "version": proposal.algorithm_version})
        write(_("Applicants: %(applicants)s, matched: %(matched)s, unmatched: %(unmatched)s; "
                "free seats: %(seats)s, left: %(left)s.")
              % {"applicants": summary.applicants, "matched": summary.matched,
                 "unmatched": summary.unmatched, "seats": summary.seats,
                 "left": summary.seats_left})
        labels = dict(Landkreis.choices)
        for line in summary.by_landkreis:
            write("  " + ngettext("%(landkreis)s: %(seats)s free seat, %(proposed)s proposed, "
                                  "%(left)s left.",
                                  "%(landkreis)s: %(seats)s free seats, %(proposed)s "
                                  "proposed, %(left)s left.", line.seats)
                  % {"landkreis": labels.get(line.landkreis, line.landkreis),
                     "seats": line.seats, "proposed": line.proposed, "left": line.left})
        names = {str(pk): f"{first} {last}".strip()
                 for pk, first, last in Application.objects.filter(
                     pk__in=[int(a.id) for a in proposal.input.applicants])
                 .values_list("pk", "first_name", "last_name")}
        for applicant in proposal.input.applicants:
            placement_id = proposal.assignment[applicant.id]
            placement = proposal.placement_in.get(placement_id) if placement_id else None
            result = (f"{placement.title} ({placement.host_name})" if placement
                      else _("no placement"))
            write("")
            write(_("Application %(id)s (%(name)s): %(result)s")
                  % {"id": applicant.id, "name": names.get(applicant.id, ""), "result": result})
            for sentence in explanation(proposal, applicant.id):
                write("  " + sentence)
