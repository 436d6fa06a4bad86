"""Coordinators' screens for seminar sessions in the Wagtail admin: list, create, edit
(moving a session tells everyone booked), and cancel with a reason (everyone booked and on
the waiting list is told). Deleting is not offered: a session with bookings is cancelled.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import HeaderButton

from accounts.models import User
from accounts.roles import Role
from core.errors import DomainError
from courses.seminars.forms import SessionCancelForm
from courses.seminars.models import Session
from courses.seminars.selectors import with_seats_taken
from courses.seminars.services import session_cancel, session_changed, session_days_sync


class SessionForm(WagtailAdminModelForm):
    """Trainers are picked from the people with the trainer role (or typed as a name)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "trainer" in self.fields:
            current = self.instance.trainer_id if self.instance.pk else None
            self.fields["trainer"].queryset = User.objects.filter(
                Q(groups__name=Role.TRAINER) | Q(pk=current)).distinct()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", ValidationError(_("The end must be after the start.")))
        if not data.get("address") and not data.get("online_url"):
            self.add_error("address", ValidationError(
                _("Please give an address or an online link.")))
        for field in ("booking_deadline", "cancellation_deadline"):
            if starts and data.get(field) and data[field] > starts:
                self.add_error(field, ValidationError(
                    _("The deadline must not be after the start of the session.")))
        if self.instance.pk and self.instance.is_cancelled:
            raise ValidationError(_("A cancelled session cannot be changed."))
        return data


class SessionCreateView(generic.CreateView):
    def save_instance(self):
        session = super().save_instance()
        session_days_sync(session)
        return session


class SessionEditView(generic.EditView):
    def save_instance(self):
        changed = list(self.form.changed_data)
        session = super().save_instance()
        return session_changed(session=session, changed=changed)

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if not self.object.is_cancelled:
            buttons.append(HeaderButton(_("Cancel session"), icon_name="cross",
                                        url=reverse("seminar_sessions:cancel",
                                                    args=[self.object.pk])))
        return buttons


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        return with_seats_taken(super().get_base_queryset()).select_related("course")


class SessionCancelView(WagtailAdminTemplateMixin, FormView):
    """Ask for the reason, then cancel the session (everyone booked is told)."""

    template_name = "courses/seminars/admin/cancel.html"
    header_icon = "date"
    page_title = _("Cancel session")
    form_class = SessionCancelForm
    permission_policy = None
    index_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        self.session = get_object_or_404(Session.objects.select_related("course"),
                                         pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session,
                                        index_url=reverse(self.index_url_name), **kwargs)

    def form_valid(self, form):
        try:
            session_cancel(session_id=self.session.pk, reason=form.cleaned_data["reason"],
                           actor=self.request.user)
        except DomainError as error:
            messages.error(self.request, str(error.message))
            return self.form_invalid(form)
        messages.success(self.request, str(_("The session is cancelled; everyone booked and on "
                                         "the waiting list is told by mail.")))
        return redirect(self.index_url_name)


class SessionViewSet(ModelViewSet):
    model = Session
    icon = "date"
    menu_label = _("Seminar sessions")
    menu_order = 215
    add_to_admin_menu = True
    index_view_class = SessionIndexView
    add_view_class = SessionCreateView
    edit_view_class = SessionEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["__str__", "course", "starts_at", "seats",
                    Column("seats_taken", label=_("Booked")),
                    Column("waiting_count", label=_("Waiting")), "state"]
    list_filter = ["state", "course"]
    search_fields = ["title", "address", "room", "trainer_name"]
    panels = [
        FieldPanel("course"), FieldPanel("title"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("Time")),
        MultiFieldPanel([FieldPanel("address"), FieldPanel("room"), FieldPanel("online_url")],
                        heading=_("Place")),
        MultiFieldPanel([FieldPanel("trainer"), FieldPanel("trainer_name")],
                        heading=_("Trainer")),
        MultiFieldPanel([FieldPanel("seats"), FieldPanel("booking_deadline"),
                         FieldPanel("cancellation_deadline"), FieldPanel("freed_seat"),
                         FieldPanel("offer_hours")], heading=_("Seats and deadlines")),
        FieldPanel("language"), FieldPanel("notes"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=SessionForm).bind_to_model(self.model)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(),
                path("cancel/<int:pk>/", self.cancel_view, name="cancel")]

    @property
    def cancel_view(self):
        return SessionCancelView.as_view(permission_policy=self.permission_policy,
                                         index_url_name=self.get_url_name("index"))


session_viewset = SessionViewSet("seminar_sessions")
