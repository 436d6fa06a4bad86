"""The reports in the admin's "Reports" menu (Wagtail's own submenu, where later reports
on seminars and the volunteer programme join with `register_reports_menu_item`), their
URLs under /admin/reports/, and the courses' panel on the coordinator's admin home."""

from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core.panels import CountItem, CountPanel
from courses.approvals.selectors import approvals_waiting_count
from courses.reports import views
from courses.reports.selectors import overdue_count

APPROVALS_URL_NAME = "approvals_admin:index"
REPORTS = [
    # (URL segment and name, view, menu label, icon, order, permission)
    ("compliance", views.ComplianceReportView, _("Compliance per unit"), "tasks", 100,
     views.REPORTS_PERMISSION),
    ("overdue", views.OverdueReportView, _("Overdue training"), "warning", 110,
     views.REPORTS_PERMISSION),
    ("completions", views.CompletionsReportView, _("Completions per month"), "date", 120,
     views.REPORTS_PERMISSION),
    ("certificates", views.CertificatesReportView, _("Certificates issued"),
     "doc-full-inverse", 130, views.CERTIFICATES_PERMISSION),
    ("evidence", views.EvidenceReportView, _("Evidence of training (AI Act)"), "doc-full",
     140, views.REPORTS_PERMISSION),
]


def report_urlpatterns():
    patterns = []
    for name, view, *_rest in REPORTS:
        patterns += [path(f"{name}/", view.as_view(), name=name),
                     path(f"{name}/results/", view.as_view(results_only=True),
                          name=f"{name}_results")]
    return patterns


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/training/", (report_urlpatterns(), "course_reports",
                                       "course_reports"))]


class ReportMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        user = request.user
        return views.may_see_reports(user) and user.has_perm(self.permission)


def _menu_item(name, label, icon, order, permission):
    def register():
        return ReportMenuItem(label, reverse(f"course_reports:{name}"), name=f"report-{name}",
                              icon_name=icon, order=order, permission=permission)
    return register


for _name, _view, _label, _icon, _order, _permission in REPORTS:
    hooks.register("register_reports_menu_item",
                   _menu_item(_name, _label, _icon, _order, _permission))


@hooks.register("construct_homepage_panels")
def add_training_panel(request, panels):
    """Coordinators see the overdue mandatory training in their scope and the approvals
    waiting for them, each with a link."""
    user = request.user
    if not views.may_see_reports(user):
        return
    items = [CountItem(label=_("mandatory courses overdue in your scope"),
                       count=overdue_count(user=user),
                       url=reverse("course_reports:overdue") + "?mandatory=mandatory",
                       link_text=_("Show the overdue list"))]
    try:
        approvals_url = reverse(APPROVALS_URL_NAME)
    except NoReverseMatch:
        approvals_url = ""
    if approvals_url:
        items.append(CountItem(label=_("training requests waiting for approval"),
                               count=approvals_waiting_count(user), url=approvals_url,
                               link_text=_("Show the requests")))
    panels.append(CountPanel(name="training", heading=_("Training"), order=90, items=items))
