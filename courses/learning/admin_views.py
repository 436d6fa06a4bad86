"""Admin screen to start a certificate batch for a course: the coordinator chooses a
course, sees how many completed enrolments in their scope have no certificate yet, and
starts the batch; the worker renders the PDFs and the batch's progress view follows them.

Coordinators and superusers only (`certificates.change_certificate` and
`courses.view_enrolment`); only learners within the coordinator's scope are included.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.selectors import person_in_scope_q
from courses.catalogue.models import CoursePage
from courses.learning.models import Enrolment
from courses.learning.selectors import courses_missing_certificates
from courses.learning.services import course_certificate_batch_start


def enrolments_in_scope(user):
    return Enrolment.objects.filter(person_in_scope_q(user=user, field="learner"))


class CertificateBatchStartForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=CoursePage.objects.none(),
        help_text=_("Certificates are requested for every completed enrolment of this "
                    "course, within your scope, that has no certificate yet."))
    label = forms.CharField(label=_("Name of the batch"), max_length=200, required=False,
                            help_text=_("Shown in the list of batches. Leave empty for "
                                        "the course's title and today's date."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")


class CertificateBatchStartView(WagtailAdminTemplateMixin, FormView):
    form_class = CertificateBatchStartForm
    template_name = "courses/admin/certificate_batch_start.html"
    header_icon = "doc-full-inverse"
    page_title = _("Start a certificate batch")

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.has_perm("certificates.change_certificate")
                and user.has_perm("courses.view_enrolment")):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse("certificates_batch:index"), "label": _("Certificate batches")},
                {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # How many are missing per course, so the coordinator sees what a batch would do.
        context["missing"] = courses_missing_certificates(
            enrolments=enrolments_in_scope(self.request.user))
        return context

    def form_valid(self, form):
        course = form.cleaned_data["course"]
        label = form.cleaned_data["label"].strip() or (
            f"{course.title} – {timezone.localdate():%d.%m.%Y}")
        batch = course_certificate_batch_start(
            course=course, enrolments=enrolments_in_scope(self.request.user),
            actor=self.request.user, label=label)
        if batch is None:
            messages.info(self.request, str(_(
                "Every completed enrolment of this course in your scope already has a "
                "certificate; no batch was started.")))
            return redirect(reverse("courses_admin:certificate_batch"))
        messages.success(self.request, str(_("The certificate batch has been started.")))
        return redirect(reverse("certificates_admin:batch", args=[batch.pk]))


urlpatterns = [
    path("certificate-batch/", CertificateBatchStartView.as_view(), name="certificate_batch"),
]
