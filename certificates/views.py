"""Public verification (`/nachweis/`), the owner's list and the private PDF download."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from certificates.codes import InvalidCode, code_display, code_normalise
from certificates.rendering import duration_phrase
from certificates.selectors import (
    certificate_downloadable,
    certificate_for_code,
    certificates_for_recipient,
    pdf_is_identical,
)
from core.files import sniff_content_type
from core.http import client_ip
from core.ratelimit import rate_limit_hit

INVALID_CODE_MESSAGES = {
    "format": _("A verification code has 16 letters and digits, e.g. 7KQ2-M9XD-4HRT-0ZC8. "
                "Please check what you typed."),
    # The check character tells that a character is wrong, not which one: a typo in the
    # first group changes the check just as one in the last does, so name no position.
    "check": _("This code contains a typo. Please compare it character by character with "
               "the certificate."),
}


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=40,
                           help_text=_("Printed below the QR code, e.g. 7KQ2-M9XD-4HRT-0ZC8."),
                           widget=forms.TextInput(attrs={
                               "class": "kern-form-input__input", "autocomplete": "off",
                               "autocapitalize": "characters", "spellcheck": "false"}))

    def clean_code(self) -> str:
        try:
            return code_normalise(self.cleaned_data["code"])
        except InvalidCode as exc:
            raise forms.ValidationError(INVALID_CODE_MESSAGES[exc.reason]) from exc


class UploadForm(forms.Form):
    pdf = forms.FileField(label=_("PDF file of the certificate"),
                          widget=forms.ClearableFileInput(attrs={
                              "class": "kern-form-input__input", "accept": "application/pdf"}))

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        limit = upload_limit()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB. A certificate PDF is much smaller; "
                  "please choose the file you received.") % {"size": limit // (1024 * 1024)})
        upload.seek(0)
        if sniff_content_type(upload.read(16)) != "application/pdf":
            raise forms.ValidationError(_("This file is not a PDF. Please choose the "
                                          "certificate's PDF file."))
        upload.seek(0)
        return upload


def upload_limit() -> int:
    return int(getattr(settings, "CERTIFICATE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def rate_limited(request) -> bool:
    """Count one lookup for this client; True once it exceeds the limit per minute.

    The counter lives in the `ratelimit` cache every process shares, keyed by the address
    behind the trusted proxies, so neither more workers nor a forged X-Forwarded-For
    buys more lookups.
    """
    limit = int(getattr(settings, "CERTIFICATE_VERIFY_RATE_LIMIT", 30))
    return rate_limit_hit("certificates:verify", client_ip(request), limit=limit,
                          window_seconds=60)


def _too_many(request):
    return render(request, "certificates/too_many_requests.html", status=429)


@require_http_methods(["GET"])
def verify_form(request):
    """The form to type a code; a valid code redirects to its page."""
    if "code" not in request.GET:
        return render(request, "certificates/verify_form.html", {"form": VerifyForm()})
    if rate_limited(request):
        return _too_many(request)
    form = VerifyForm(request.GET)
    if form.is_valid():
        return redirect("certificates:detail", code=code_display(form.cleaned_data["code"]))
    return render(request, "certificates/verify_form.html", {"form": form}, status=400)


@require_http_methods(["GET", "POST"])
def verify_detail(request, code: str):
    """What anyone may know about a certificate: status, name, achievement, date, issuer."""
    if rate_limited(request):
        return _too_many(request)
    try:
        certificate = certificate_for_code(code=code)
    except InvalidCode as exc:
        form = VerifyForm(initial={"code": code})
        return render(request, "certificates/verify_form.html",
                      {"form": form, "code_error": INVALID_CODE_MESSAGES[exc.reason]},
                      status=404)
    upload_form, upload_result = UploadForm(), None
    if request.method == "POST":
        upload_form = UploadForm(request.POST, request.FILES)
        if upload_form.is_valid() and certificate is not None:
            content = upload_form.cleaned_data["pdf"].read()
            upload_result = "identical" if pdf_is_identical(certificate=certificate,
                                                             content=content) else "different"
    if certificate is None:
        # Same query and the same template as a hit, so timing tells little.
        pdf_is_identical(certificate=None, content=b"")
        return render(request, "certificates/verify_detail.html",
                      {"certificate": None, "code": code}, status=404)
    state = certificate.verification_state
    successor = getattr(certificate, "superseded_by", None) if state == "superseded" else None
    return render(request, "certificates/verify_detail.html", {
        "certificate": certificate, "state": state, "successor": successor,
        "upload_form": upload_form, "upload_result": upload_result,
        "upload_limit_mb": upload_limit() // (1024 * 1024),
        "duration": (duration_phrase(certificate.hours, translation.get_language())
                     if certificate.hours else ""),
        "identity_statement": certificate.identity_statement(translation.get_language()),
    })


@login_required
def my_certificates(request):
    """The logged-in person's certificates with their download links."""
    return render(request, "certificates/my_certificates.html", {
        "certificates": certificates_for_recipient(user=request.user)})


@login_required
def certificate_download(request, code: str):
    """The private PDF: the owner and coordinators only; everyone else gets 404."""
    certificate = certificate_downloadable(user=request.user, code=code)
    if certificate is None:
        raise Http404
    response = FileResponse(certificate.pdf.open("rb"), content_type="application/pdf",
                            as_attachment=True,
                            filename=f"nachweis-{certificate.code_display}.pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
