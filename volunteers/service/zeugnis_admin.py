"""The coordination's Zeugnis screens in the Wagtail admin: the requested Zeugnisse of the
services in scope, and one Zeugnis to edit and approve. Thin: each action calls one
service; a domain error becomes a message."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from volunteers.exceptions import VolunteersError
from volunteers.service.zeugnis import (
    EDITABLE,
    zeugnis_approve,
    zeugnis_draft,
    zeugnisse_in_scope,
)
from volunteers.service.zeugnis_forms import ZeugnisTextForm
from volunteers.service.zeugnis_models import ZeugnisStatus

PERMISSION = "volunteers.view_service"


class _ZeugnisAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse("zeugnis_admin:index"), "label": _("Zeugnisse")},
                {"url": "", "label": self.get_header_title()}]


class ZeugnisIndexView(_ZeugnisAdminMixin, TemplateView):
    template_name = "volunteers/service/admin/zeugnis_index.html"
    page_title = gettext_lazy("Zeugnisse")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            zeugnisse=zeugnisse_in_scope(user=self.request.user), **kwargs)


class ZeugnisEditView(_ZeugnisAdminMixin, TemplateView):
    template_name = "volunteers/service/admin/zeugnis_edit.html"
    page_title = gettext_lazy("Zeugnis")

    def dispatch(self, request, *args, **kwargs):
        if request.user.has_perm(PERMISSION):  # else the mixin refuses (403)
            self.zeugnis = get_object_or_404(zeugnisse_in_scope(user=request.user),
                                             pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.zeugnis.service)

    def get_context_data(self, form=None, **kwargs):
        editable = self.zeugnis.status in EDITABLE
        return super().get_context_data(
            zeugnis=self.zeugnis, service=self.zeugnis.service, editable=editable,
            can_approve=self.zeugnis.status == ZeugnisStatus.DRAFTED,
            form=form or (ZeugnisTextForm(zeugnis=self.zeugnis) if editable else None),
            events=self.zeugnis.events.select_related("actor"), **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm("volunteers.change_service"):
            raise PermissionDenied
        if self.zeugnis.status not in EDITABLE:
            messages.error(request, str(_("The Zeugnis has been approved; it can no longer be "
                                      "changed.")))
            return redirect("zeugnis_admin:edit", pk=self.zeugnis.pk)
        form = ZeugnisTextForm(request.POST, zeugnis=self.zeugnis)
        if not form.is_valid():
            messages.error(request, str(_("Please check your input.")))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        approve = request.POST.get("action") == "approve"
        try:
            if approve:
                zeugnis_approve(zeugnis=self.zeugnis, actor=request.user, text=form.text())
            else:
                zeugnis_draft(zeugnis=self.zeugnis, actor=request.user, text=form.text())
        except VolunteersError as error:
            messages.error(request, str(error.message))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, str(_("The Zeugnis has been approved and is being issued.")
                         if approve else _("The draft has been saved.")))
        return redirect("zeugnis_admin:edit", pk=self.zeugnis.pk)


class ZeugnisMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


class ZeugnisViewSet(ViewSet):
    """The Zeugnis screens, in the programme's admin menu group."""

    name = "zeugnis_admin"
    url_prefix = "volunteer-zeugnis"
    icon = "doc-full"
    menu_label = gettext_lazy("Zeugnisse")
    menu_item_class = ZeugnisMenuItem

    def get_urlpatterns(self):
        return [path("", ZeugnisIndexView.as_view(), name="index"),
                path("<int:pk>/", ZeugnisEditView.as_view(), name="edit")]

    @property
    def url_namespace(self):
        return "zeugnis_admin"
