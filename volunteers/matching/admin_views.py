"""The coordinator's matching screens in the Wagtail admin: per programme year run a
proposal (or a what-if) and list the runs; per run the numbers, every applicant's proposed
placement with the explanation, every placement's proposed and turned-away applicants;
change one assignment with a reason, approve, compare with another run.

A run covers every applicant of its programme year: coordinators limited to organisation
units are refused (403); those limited to programme years see only theirs (404 otherwise).
Thin views: reads and writes are in volunteers.matching.services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from volunteers.exceptions import RunAlreadyApproved, VolunteersError
from volunteers.matching import rules
from volunteers.matching.forms import CompareForm, OverrideForm, RunForm, WhatIfForm
from volunteers.matching.services import (
    SKIPPED_GONE,
    SKIPPED_NO_SEAT,
    SKIPPED_NOT_RANKED,
    SKIPPED_NOT_SUITABLE,
    SKIPPED_STATUS,
    matching_approve,
    matching_override,
    matching_pool_numbers,
    matching_run_create,
    matching_run_discard,
    matching_scope_allowed,
    matching_years,
    run_assignment,
    run_proposal,
    run_review,
    runs_compare,
)
from volunteers.models import (
    Application,
    MatchingOverride,
    MatchingRun,
    MatchingRunState,
    Placement,
)

NAMESPACE = "volunteers_matching"

SKIP_LABELS = {
    SKIPPED_GONE: _("the application has been deleted"),
    SKIPPED_STATUS: _("the application is no longer in review, interview or on the "
                      "waiting list"),
    SKIPPED_NOT_RANKED: _("the placement is no longer among the applicant's choices"),
    SKIPPED_NOT_SUITABLE: _("the host organisation now finds the applicant not suitable"),
    SKIPPED_NO_SEAT: _("the seat has been filled or is held by another offer meanwhile"),
}


def _url(name: str, *args) -> str:
    return reverse(f"{NAMESPACE}:{name}", args=args)


class MatchingMixin(WagtailAdminTemplateMixin):
    """Permission and scope of every matching screen; sets `self.year` (and `self.run`)."""

    header_icon = "resubmit"
    permission = "volunteers.view_matchingrun"

    def dispatch(self, request, *args, **kwargs):
        if not matching_scope_allowed(user=request.user):
            raise PermissionDenied
        if request.method == "POST" and not request.user.has_perm(self.post_permission):
            raise PermissionDenied
        years = matching_years(user=request.user)
        self.run = None
        if "run" in kwargs:
            self.run = get_object_or_404(MatchingRun.objects.select_related(
                "programme_year", "created_by", "approved_by").filter(
                programme_year__in=years), pk=kwargs["run"])
            self.year = self.run.programme_year
        elif "year" in kwargs:
            self.year = get_object_or_404(years, pk=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    post_permission = "volunteers.change_matchingrun"

    def get(self, request, *args, **kwargs):
        # The URL's ids are not context: the views put the objects there themselves.
        return self.render_to_response(self.get_context_data())

    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": _url("index"), "label": _("Matching")}]
        year = getattr(self, "year", None)
        if year is not None:
            items.append({"url": _url("year", year.pk), "label": str(year)})
        if self.run is not None:
            items.append({"url": _url("run", self.run.pk),
                          "label": _("Proposal no. %(number)s") % {"number": self.run.pk}})
        return [*items, {"url": "", "label": self.get_page_title()}]


class MatchingIndexView(MatchingMixin, TemplateView):
    template_name = "volunteers/matching/index.html"

    def get_page_title(self):
        return _("Matching")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        years = [{"year": year, **matching_pool_numbers(programme_year=year),
                  "runs": year.matching_runs.count()}
                 for year in matching_years(user=self.request.user).order_by("-application_opens")]
        return super().get_context_data(years=years, **kwargs)


class MatchingYearView(MatchingMixin, TemplateView):
    """A programme year's matching: run a proposal or a what-if, and the runs so far."""

    template_name = "volunteers/matching/year.html"
    post_permission = "volunteers.add_matchingrun"

    def get_page_title(self):
        return _("Matching: %(year)s") % {"year": self.year}

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": _url("index"), "label": _("Matching")},
                {"url": "", "label": self.get_page_title()}]

    def _placements(self):
        return (Placement.objects.filter(programme_year=self.year, published=True)
                .select_related("host").order_by("title"))

    def get_context_data(self, run_form=None, what_if_form=None, **kwargs):
        return super().get_context_data(
            year=self.year, pool=matching_pool_numbers(programme_year=self.year),
            runs=self.year.matching_runs.select_related("created_by"),
            run_form=run_form or RunForm(),
            what_if_form=what_if_form or WhatIfForm(prefix="what_if",
                                                    placements=self._placements()),
            may_run=self.request.user.has_perm("volunteers.add_matchingrun"), **kwargs)

    def post(self, request, *args, **kwargs):
        if "what_if" in request.POST:
            form = WhatIfForm(request.POST, prefix="what_if", placements=self._placements())
            if not form.is_valid():
                messages.error(request, str(_("Please correct the what-if below.")))
                return self.render_to_response(self.get_context_data(what_if_form=form),
                                               status=400)
            data = form.cleaned_data
            description = data["description"] or ngettext(
                "%(count)+d seat at %(placement)s", "%(count)+d seats at %(placement)s",
                abs(data["extra_seats"])) % {"count": data["extra_seats"],
                                             "placement": data["placement"].title}
            run = matching_run_create(
                programme_year=self.year, actor=request.user, seed=data["seed"],
                what_if={"extra_seats": {str(data["placement"].pk): data["extra_seats"]},
                         "description": description})
            messages.success(request, str(_("The what-if proposal has been computed. It "
                                        "changes nothing and cannot be approved.")))
            return redirect(_url("run", run.pk))
        form = RunForm(request.POST)
        if not form.is_valid():
            messages.error(request, str(_("Please correct the seed below.")))
            return self.render_to_response(self.get_context_data(run_form=form), status=400)
        run = matching_run_create(programme_year=self.year, actor=request.user,
                                  seed=form.cleaned_data["seed"])
        messages.success(request, str(_("The proposal has been computed. Nothing changes for "
                                    "applicants until you approve it.")))
        return redirect(_url("run", run.pk))


def _report_rows(run: MatchingRun) -> dict:
    report = run.approval_report or {}
    ids = {row["application"] for key in ("offered", "skipped") for row in report.get(key, [])}
    names = {a.pk: a.full_name for a in Application.objects.filter(pk__in=ids)}
    titles = {p["id"]: f"{p['title']} – {p['host_name']}"
              for p in run.input_snapshot["placements"]}
    skipped = [{"name": names.get(row["application"], row["application"]),
                "placement": titles.get(str(row["placement"]), ""),
                "why": row.get("message") or SKIP_LABELS.get(row["reason"], row["reason"])}
               for row in report.get("skipped", [])]
    return {"offered": len(report.get("offered", [])), "skipped": skipped,
            "unmatched": len(report.get("unmatched", []))}


class MatchingRunView(MatchingMixin, TemplateView):
    """One run: the numbers, applicants, placements; approve, discard, compare."""

    template_name = "volunteers/matching/run.html"

    def get_page_title(self):
        return _("Proposal no. %(number)s") % {"number": self.run.pk}

    def get_breadcrumbs_items(self):
        year = self.year
        return [*self.breadcrumbs_items, {"url": _url("index"), "label": _("Matching")},
                {"url": _url("year", year.pk), "label": str(year)},
                {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        run = self.run
        others = run.programme_year.matching_runs.exclude(pk=run.pk)
        choices = [(str(o.pk), _("Proposal no. %(number)s") % {"number": o.pk})
                   for o in others]
        return super().get_context_data(
            run=run, review=run_review(run), report=_report_rows(run),
            may_change=(run.state == MatchingRunState.PROPOSED and not run.what_if
                        and self.request.user.has_perm("volunteers.change_matchingrun")),
            compare_form=CompareForm(choices=choices) if choices else None, **kwargs)

    def post(self, request, *args, **kwargs):
        if "discard" in request.POST:
            matching_run_discard(run=self.run, actor=request.user)
            messages.success(request, str(_("The proposal has been discarded. It stays here "
                                        "for comparison.")))
        return redirect(_url("run", self.run.pk))


class MatchingApplicantView(MatchingMixin, TemplateView):
    """One applicant in a run: the explanation in whole sentences, and the change form."""

    template_name = "volunteers/matching/applicant.html"

    def _setup(self):
        self.proposal = run_proposal(self.run)
        app_id = str(self.kwargs["application"])
        self.application = (Application.objects.filter(pk=int(app_id)).first()
                            if app_id in self.proposal.assignment else None)
        if self.application is None:
            raise Http404
        self.app_id = app_id

    def get_page_title(self):
        return self.application.full_name or _("Applicant")

    def _choices(self) -> list[tuple[str, str]]:
        placements = self.proposal.placement_in
        return [(pid, f"{placements[pid].title} – {placements[pid].host_name}")
                for pid in self.proposal.acceptable.get(self.app_id, [])]

    def _form(self, data=None):
        current = run_assignment(self.run).get(self.app_id)
        return OverrideForm(data, choices=self._choices(), initial={"placement": current or ""})

    def get(self, request, *args, **kwargs):
        self._setup()
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, form=None, **kwargs):
        run = self.run
        assignment = run_assignment(run)
        chosen = assignment.get(self.app_id)
        placements = self.proposal.placement_in
        override = MatchingOverride.objects.filter(
            run=run, application_id=int(self.app_id)).select_related(
            "created_by", "placement_proposed", "placement_chosen").first()
        return super().get_context_data(
            run=run, application=self.application,
            sentences=rules.explanation(self.proposal, self.app_id),
            chosen=placements.get(chosen) if chosen else None, override=override,
            may_change=(run.state == MatchingRunState.PROPOSED and not run.what_if
                        and self.request.user.has_perm("volunteers.change_matchingrun")),
            form=form or self._form(), **kwargs)

    def post(self, request, *args, **kwargs):
        self._setup()
        form = self._form(request.POST)
        if form.is_valid():
            chosen = form.cleaned_data["placement"]
            placement = (Placement.objects.filter(pk=int(chosen)).first() if chosen else None)
            try:
                matching_override(run=self.run, application=self.application,
                                  placement=placement, reason=form.cleaned_data["reason"],
                                  actor=request.user)
            except VolunteersError as error:
                form.add_error("placement", error.message)
            else:
                messages.success(request, str(_("The assignment has been changed.")))
                return redirect(_url("run", self.run.pk) + f"#applicant-{self.app_id}")
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MatchingApproveView(MatchingMixin, TemplateView):
    """Confirm (GET) and approve (POST): every assignment becomes an offer."""

    template_name = "volunteers/matching/approve.html"
    header_icon = "tick"

    def get_page_title(self):
        return _("Approve proposal no. %(number)s") % {"number": self.run.pk}

    def get_context_data(self, **kwargs):
        review = run_review(self.run)
        return super().get_context_data(run=self.run, review=review, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            report = matching_approve(run=self.run, actor=request.user)
        except RunAlreadyApproved as error:
            messages.warning(request, str(error.message))
        except VolunteersError as error:
            messages.error(request, str(error.message))
        else:
            offered, skipped = len(report["offered"]), len(report["skipped"])
            messages.success(request, str(ngettext(
                "The proposal has been approved: %(count)s offer has been made.",
                "The proposal has been approved: %(count)s offers have been made.",
                offered) % {"count": offered}))
            if skipped:
                messages.warning(request, str(ngettext(
                    "%(count)s assignment was skipped because something changed since the "
                    "run: see the report below.",
                    "%(count)s assignments were skipped because something changed since "
                    "the run: see the report below.", skipped) % {"count": skipped}))
        return redirect(_url("run", self.run.pk))


class MatchingCompareView(MatchingMixin, TemplateView):
    """Which applicants get a different placement in another run of the same year."""

    template_name = "volunteers/matching/compare.html"

    def get_page_title(self):
        return _("Compare proposals")

    def get(self, request, *args, **kwargs):
        other_id = request.GET.get("other", "")
        self.other = (MatchingRun.objects.filter(programme_year=self.year, pk=other_id).first()
                      if other_id.isdigit() else None)
        if self.other is None:
            messages.error(request, str(_("Please choose a proposal of the same programme year "
                                      "to compare with.")))
            return redirect(_url("run", self.run.pk))
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, **kwargs):
        return super().get_context_data(run=self.run, other=self.other,
                                        rows=runs_compare(self.run, self.other), **kwargs)


urlpatterns = [
    path("", MatchingIndexView.as_view(), name="index"),
    path("year/<int:year>/", MatchingYearView.as_view(), name="year"),
    path("run/<int:run>/", MatchingRunView.as_view(), name="run"),
    path("run/<int:run>/applicant/<int:application>/", MatchingApplicantView.as_view(),
         name="applicant"),
    path("run/<int:run>/approve/", MatchingApproveView.as_view(), name="approve"),
    path("run/<int:run>/compare/", MatchingCompareView.as_view(), name="compare"),
]


class MatchingMenuItem(MenuItem):
    def is_shown(self, request):
        return matching_scope_allowed(user=request.user)


class MatchingViewSet(ViewSet):
    """The "Matching" entry of the programme's admin menu with its screens."""

    name = NAMESPACE
    url_prefix = "matching"
    icon = "resubmit"
    menu_label = _("Matching")
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return urlpatterns

    @property
    def menu_item_class(self):
        return MatchingMenuItem
