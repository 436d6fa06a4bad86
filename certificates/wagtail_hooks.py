"""Admin screens: certificate templates (snippet), certificates and batches (read-only
listings with retry and revoke actions, batch progress and ZIP download).

Certificates are never added, edited or deleted through generic admin forms: the snapshot
is immutable and every change goes through certificates.services. Retry and revoke need
`certificates.change_certificate`; listing needs `certificates.view_certificate`.
"""

import datetime

from django.urls import NoReverseMatch, path, reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.audit import audit_scope_register
from accounts.permissions import (
    CheckedSnippetViewSet,
    ScopedReadOnlyPermissionPolicy,
    ScopedViewSetMixin,
)
from certificates import admin_views
from certificates.models import (
    Certificate,
    CertificateBatch,
    CertificateStatus,
    CertificateTemplate,
)
from certificates.selectors import (
    batches_in_scope,
    certificates_failed_count,
    certificates_in_scope,
)
from core.panels import CountItem, CountPanel

BATCH_START_URL_NAME = "courses_admin:certificate_batch"
# The audit log shows a coordinator only the entries about certificates and batches in scope.
audit_scope_register(Certificate, lambda user: certificates_in_scope(
    user, Certificate.objects.all()))
audit_scope_register(CertificateBatch, lambda user: batches_in_scope(
    user, CertificateBatch.objects.all()))

# Certificates and batches: read-only, and only within the coordinator's scope.
register_permission_policy(Certificate, ScopedReadOnlyPermissionPolicy(
    Certificate, scope=certificates_in_scope), exact_class=True)
register_permission_policy(CertificateBatch, ScopedReadOnlyPermissionPolicy(
    CertificateBatch, scope=batches_in_scope), exact_class=True)
register_permission_policy(CertificateTemplate, ModelPermissionPolicy(CertificateTemplate),
                           exact_class=True)


class CertificateTemplateViewSet(CheckedSnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Certificate templates")
    add_to_admin_menu = False
    list_display = ["name", "kind", "language", "issuer_name", "updated_at"]
    list_filter = ["kind", "language"]
    search_fields = ["name", "title", "issuer_name"]
    panels = [
        MultiFieldPanel([FieldPanel("name"), FieldRowPanel([FieldPanel("kind"),
                                                            FieldPanel("language")])],
                        heading=_("Template")),
        MultiFieldPanel([FieldPanel("title"), FieldPanel("body"), FieldPanel("issuer_name")],
                        heading=_("Text")),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("accent_colour")],
                        heading=_("Appearance")),
        MultiFieldPanel([FieldPanel("signatory_1_name"), FieldPanel("signatory_1_function"),
                         FieldPanel("signatory_1_signature"), FieldPanel("signatory_2_name"),
                         FieldPanel("signatory_2_function"),
                         FieldPanel("signatory_2_signature")],
                        heading=_("Signatories")),
    ]


def human_value(value):
    """A cell as people write it: a dash for nothing, yes/no, dates in the local format."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return value


class HumanColumn(Column):
    """A model field's column that shows `human_value` of it (sortable by the field)."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("label", Certificate._meta.get_field(name).verbose_name)
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return human_value(super().get_value(instance))


class CertificateInspectView(InspectView):
    def get_field_display_value(self, field_name, field):
        return human_value(super().get_field_display_value(field_name, field))


class CertificateIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        user = self.request.user
        if not user.has_perm("certificates.change_certificate"):
            return buttons
        if instance.status == CertificateStatus.FAILED:
            buttons.append(ListingButton(_("Retry"), url=reverse(
                "certificates_admin:retry", args=[instance.pk]), icon_name="rotate",
                priority=5))
        if instance.status == CertificateStatus.ISSUED:
            buttons.append(ListingButton(_("Revoke certificate …"), url=reverse(
                "certificates_admin:revoke", args=[instance.pk]), icon_name="warning",
                priority=6))
        return buttons


class CertificateViewSet(ScopedViewSetMixin, ModelViewSet):
    model = Certificate
    url_prefix = "certificates/certificate"
    url_namespace = "certificates_certificate"
    icon = "doc-full-inverse"
    menu_label = _("Certificates")
    index_view_class = CertificateIndexView
    inspect_view_class = CertificateInspectView
    inspect_view_enabled = True
    list_display = ["recipient_name", "title", "kind", "status", HumanColumn("requested_at"),
                    HumanColumn("issued_at"), Column("code_display", label=_("Code")),
                    "attempts"]
    list_filter = ["status", "kind", "template", "issued_at"]
    search_fields = ["recipient_name", "title", "code", "recipient__email"]
    inspect_view_fields = ["recipient_name", "recipient", "title", "kind", "achievement_key",
                           "content_version", "completed_on", "hours", "result", "issuer_name",
                           "language", "valid_until", "code", "version", "supersedes",
                           "status", "requested_at", "issued_at", "revoked_at",
                           "revoked_reason", "pdf_sha256", "pdf_size", "signed", "attempts",
                           "last_error", "email_sent_at"]
    form_fields = ["recipient_name"]  # required by ModelViewSet; no form is ever shown


class BatchIndexView(IndexView):
    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        # The start screen belongs to the app that knows what was achieved (courses); the
        # URL name is the only thing shared, and without that app there is no button.
        if self.request.user.has_perm("certificates.change_certificate"):
            try:
                url = reverse(BATCH_START_URL_NAME)
            except NoReverseMatch:
                return buttons
            buttons.append(HeaderButton(_("Start a certificate batch"), url=url,
                                        icon_name="plus"))
        return buttons

    def get_list_more_buttons(self, instance):
        return [*super().get_list_more_buttons(instance),
                ListingButton(_("Progress"), url=reverse("certificates_admin:batch",
                                                         args=[instance.pk]),
                              icon_name="view", priority=5)]


class CertificateBatchViewSet(ScopedViewSetMixin, ModelViewSet):
    model = CertificateBatch
    url_prefix = "certificates/batch"
    url_namespace = "certificates_batch"
    icon = "list-ul"
    menu_label = _("Certificate batches")
    index_view_class = BatchIndexView
    list_display = ["label", "created_at", "created_by", "total"]
    search_fields = ["label"]
    form_fields = ["label"]  # required by ModelViewSet; no form is ever shown


class CertificatesGroup(ViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (CertificateViewSet, CertificateBatchViewSet)


register_snippet(CertificateTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_certificates_viewsets():
    return CertificatesGroup()


@hooks.register("register_admin_urls")
def register_certificates_admin_urls():
    return [path("certificates-actions/", (admin_views.urlpatterns, "certificates_admin",
                                            "certificates_admin"))]


@hooks.register("construct_homepage_panels")
def add_failed_certificates_panel(request, panels):
    """Coordinators see on the admin home how many certificate jobs gave up in their scope."""
    user = request.user
    if not user.has_perm("certificates.change_certificate"):
        return
    failed = certificates_failed_count(user=user)
    panels.append(CountPanel(name="certificates", heading=_("Certificates"), order=92, items=[
        CountItem(label=_("certificate jobs failed"), count=failed,
                  url=reverse("certificates_certificate:index") + "?status=failed",
                  link_text=_("Show the failed certificates"))]))
