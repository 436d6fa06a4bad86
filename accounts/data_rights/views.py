"""The person's own data rights pages under /konto/meine-daten/: export and deletion."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.data_rights.forms import DeletionConfirmForm
from accounts.data_rights.models import AccountErasure, DataExport
from accounts.data_rights.registry import data_rights_kept_preview
from accounts.data_rights.selectors import export_of, exports_of
from accounts.data_rights.services import (
    ErasureRefused,
    account_erase,
    export_request,
    export_valid_days,
)

ERASURE_SESSION_KEY = "data_rights_erasure"


@login_required
def data_rights_page(request):
    exports = list(exports_of(user=request.user)[:5])
    now = timezone.now()
    return render(request, "accounts/data_rights/page.html", {
        "exports": exports, "now": now, "days": export_valid_days(),
        "open_export": any(e.state == DataExport.State.REQUESTED for e in exports),
    })


@login_required
@require_POST
def export_request_view(request):
    _export, created = export_request(user=request.user)
    if created:
        messages.success(request, _("We are preparing your data. You will get an email "
                                    "when the file is ready to download."))
    else:
        messages.info(request, _("Your data is already being prepared. You will get an "
                                 "email when the file is ready."))
    return redirect("accounts:data_rights")


@login_required
def export_download(request, pk: int):
    export = export_of(user=request.user, pk=pk)
    if export is None:
        raise Http404
    expired = (export.state == DataExport.State.EXPIRED
               or (export.expires_at is not None and export.expires_at <= timezone.now()))
    if expired:
        return render(request, "accounts/data_rights/expired.html",
                      {"days": export_valid_days()}, status=410)
    if export.state != DataExport.State.READY or not export.file:
        raise Http404
    return FileResponse(export.file.open("rb"), as_attachment=True,
                        filename=f"meine-daten-{export.ready_at:%Y-%m-%d}.zip",
                        content_type="application/zip")


@login_required
def deletion_view(request):
    user = request.user
    if user.is_superuser:
        return render(request, "accounts/data_rights/deletion_refused.html", status=403)
    form = DeletionConfirmForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        try:
            erasure = account_erase(user=user, actor=user, via=AccountErasure.Via.SELF)
        except ErasureRefused as error:
            messages.error(request, error.message)
            return redirect("accounts:data_rights")
        logout(request)
        request.session[ERASURE_SESSION_KEY] = erasure.pk
        return redirect("accounts:data_rights_deleted")
    return render(request, "accounts/data_rights/deletion.html", {
        "form": form, "kept": data_rights_kept_preview(user),
    })


def deletion_done(request):
    erasure_id = request.session.get(ERASURE_SESSION_KEY)
    erasure = AccountErasure.objects.filter(pk=erasure_id).first() if erasure_id else None
    if erasure is None:
        return redirect("/")
    kept = [{"what": _(item["what"]), "reason": _(item["reason"]), "until": item["until"]}
            for item in erasure.kept]
    return render(request, "accounts/data_rights/deleted.html", {
        "erasure": erasure, "kept": kept, "site_name": settings.WAGTAIL_SITE_NAME})
