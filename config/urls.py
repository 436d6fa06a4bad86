"""URL map. The public URLs are a contract (see ARCHITECTURE.md): keep them stable.

German lives at `/`, English at `/en/`; Wagtail serves the page tree under both.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.templatetags.static import static as static_url
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import admin_audit
from cms import views as cms_views
from config.health import healthz
from courses.reminders import views as reminder_views


class FaviconRedirect(RedirectView):
    """Browsers and feed readers ask for /favicon.ico whatever the page links."""

    def get_redirect_url(self, *args, **kwargs):
        return static_url("img/favicon.ico")


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", FaviconRedirect.as_view(), name="favicon"),
    *admin_audit.urlpatterns,  # the audit log limited to the viewer's scope
    path("admin/", include(wagtailadmin_urls)),
    path("dokumente/", include(wagtaildocs_urls)),
    path("h5p/", include("courses.h5p.urls")),
]

urlpatterns += i18n_patterns(
    path("konto/", include("accounts.urls")),
    path("mein-bereich/", cms_views.dashboard, name="dashboard"),
    path("mein-bereich/team/", include("courses.team.urls")),
    path("mein-bereich/termine/", include("courses.seminars.attendance.urls")),
    path("mein-bereich/seminartage/", include("volunteers.seminar_days.urls")),
    path("mein-bereich/benachrichtigungen/", reminder_views.mail_preferences,
         name="mail_preferences"),
    path("suche/", cms_views.search, name="search"),
    path("lernen/", include("courses.urls")),
    path("lernen/h5p/", include("courses.h5p.urls_xapi")),
    path("nachweis/", include("certificates.urls")),
    path("freiwilliges-digitales-jahr/", include("volunteers.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
