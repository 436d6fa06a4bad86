"""The site history report (our audit log), limited to what a scoped coordinator may see.

Wagtail's report lists every log entry whose model the viewer has any permission on; a
coordinator limited to some units or programme years would read the names of applicants,
certificate recipients and people outside that scope in the entries' labels. This view
drops the entries about objects outside the scope (see `accounts.audit.audit_scope_register`)
and is routed in place of Wagtail's own (config/urls.py), under the same URL.
"""

from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import ModelLogEntry

from accounts.audit import audit_entries_in_scope


class ScopedLogEntriesView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if queryset.model is ModelLogEntry:
            queryset = audit_entries_in_scope(queryset, self.request.user)
        return queryset


def _admin_view(view):
    return never_cache(require_admin_access(view))


# Placed before Wagtail's admin URLs: the same paths, so reverse() of Wagtail's names
# (wagtailadmin_reports:site_history…) leads here.
urlpatterns = [
    path("admin/reports/site-history/", _admin_view(ScopedLogEntriesView.as_view()),
         name="audit_log"),
    path("admin/reports/site-history/results/",
         _admin_view(ScopedLogEntriesView.as_view(results_only=True)), name="audit_log_results"),
]
