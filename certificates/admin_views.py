"""Admin actions on certificates: retry a failed one, revoke with a reason, batch progress.

Every view sees only certificates within the coordinator's scope (the recipient's home
unit) and batches wholly within it; anything else answers 404.
"""

import tempfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.audit import EXPORT, audit_log
from certificates.exceptions import CertificateError
from certificates.models import Certificate, CertificateBatch
from certificates.selectors import (
    batch_failed,
    batch_progress,
    batches_in_scope,
    certificates_in_scope,
)
from certificates.services import (
    certificate_batch_zip_write,
    certificate_retry,
    certificate_revoke,
)


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
        help_text=_("Shown on the public verification page together with the date."))

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Please give a reason for the revocation."))
        return reason


class CertificateRevokeView(WagtailAdminTemplateMixin, FormView):
    form_class = RevokeForm
    template_name = "certificates/admin/revoke.html"
    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        _require(request, "certificates.change_certificate")
        self.certificate = get_object_or_404(
            certificates_in_scope(request.user, Certificate.objects.all()), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Revoke certificate")

    def get_page_subtitle(self):
        return str(self.certificate)

    def get_context_data(self, **kwargs):
        return super().get_context_data(certificate=self.certificate, **kwargs)

    def form_valid(self, form):
        try:
            certificate_revoke(certificate=self.certificate, actor=self.request.user,
                               reason=form.cleaned_data["reason"])
        except CertificateError:
            messages.error(self.request, str(_("Only issued certificates can be revoked.")))
        else:
            messages.success(self.request, str(_("The certificate has been revoked.")))
        return redirect(reverse("certificates_certificate:index"))


def certificate_retry_view(request, pk: int):
    _require(request, "certificates.change_certificate")
    certificate = get_object_or_404(
        certificates_in_scope(request.user, Certificate.objects.all()), pk=pk)
    if request.method == "POST":
        try:
            certificate_retry(certificate=certificate, actor=request.user)
        except CertificateError:
            messages.error(request, str(_("Only failed certificates can be retried.")))
        else:
            messages.success(request, str(_("The certificate has been queued again.")))
        return redirect(reverse("certificates_certificate:index"))
    return CertificateRetryConfirmView.as_view()(request, certificate=certificate)


class CertificateRetryConfirmView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "certificates/admin/retry.html"
    header_icon = "rotate"

    def get_page_title(self):
        return _("Retry certificate")


class BatchProgressView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "certificates/admin/batch_progress.html"
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        _require(request, "certificates.view_certificatebatch")
        self.batch = get_object_or_404(
            batches_in_scope(request.user, CertificateBatch.objects.all()), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Certificate batch")

    def get_page_subtitle(self):
        return self.batch.label

    def get_context_data(self, **kwargs):
        progress = batch_progress(batch=self.batch)
        return super().get_context_data(batch=self.batch, progress=progress,
                                        failed=batch_failed(batch=self.batch), **kwargs)


def batch_zip_view(request, pk: int):
    """The ZIP of the batch's PDFs, built in a temporary file (spilled to disk when large)."""
    _require(request, "certificates.view_certificatebatch")
    batch = get_object_or_404(batches_in_scope(request.user, CertificateBatch.objects.all()),
                              pk=pk)
    target = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    count = certificate_batch_zip_write(batch=batch, target=target)
    target.seek(0)
    audit_log(action=EXPORT, user=request.user, instance=batch,
              data={"export": "certificates.certificatebatch", "format": "zip",
                    "rows": count})
    return FileResponse(target, as_attachment=True, content_type="application/zip",
                        filename=f"nachweise-batch-{batch.pk}.zip")


urlpatterns = [
    path("<int:pk>/retry/", certificate_retry_view, name="retry"),
    path("<int:pk>/revoke/", CertificateRevokeView.as_view(), name="revoke"),
    path("batch/<int:pk>/", BatchProgressView.as_view(), name="batch"),
    path("batch/<int:pk>/zip/", batch_zip_view, name="batch_zip"),
]
