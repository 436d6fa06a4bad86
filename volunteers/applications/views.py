"""The applicant's multi-step application, documents, submission, the applicant's answer to
an offer, and the guardian's consent link.

Views shape requests and responses; reads go through volunteers.selectors (which enforce
least privilege), writes through the services of volunteers.applications.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import EXTENSIONS
from core.http import client_ip
from volunteers import forms as step_forms
from volunteers.applications.services import (
    application_consent_record,
    application_draft_get_or_create,
    application_step_save,
    application_submit,
    document_add,
    document_delete,
    guardian_consent_application,
    guardian_consent_confirm,
    guardian_consent_request,
    preferences_set,
)
from volunteers.applications.transitions import application_transition, offer_accept
from volunteers.eligibility import (
    eligibility_problems,
    is_minor_at_start,
    start_date_unmatched,
    submission_problems,
)
from volunteers.exceptions import (
    ApplicationIncomplete,
    InvalidDocument,
    InvalidPreferences,
    VolunteersError,
)
from volunteers.models import (
    Application,
    ApplicationDocument,
    ApplicationStatus,
    Placement,
)
from volunteers.selectors import (
    applicant_may,
    application_for_applicant,
    document_visible_to,
    programme_year_current,
)

S = ApplicationStatus

# (slug, title, form class or None for the steps with their own handling)
STEPS = [
    ("personal", gettext_lazy("Personal data"), step_forms.PersonalForm),
    ("school", gettext_lazy("School situation"), step_forms.SchoolForm),
    ("availability", gettext_lazy("Start date and working time"),
     step_forms.AvailabilityForm),
    ("motivation", gettext_lazy("Motivation"), step_forms.MotivationForm),
    ("documents", gettext_lazy("CV and documents"), None),
    ("preferences", gettext_lazy("Placements in order of preference"), None),
    ("consent", gettext_lazy("Consent to data processing"), None),
    ("guardian", gettext_lazy("Legal guardian"), step_forms.GuardianForm),
]
STEP_TITLES = {slug: title for slug, title, _form in STEPS}


def _own_current_application(request) -> Application | None:
    year = programme_year_current()
    if year is None:
        return None
    return (Application.objects.filter(applicant=request.user, programme_year=year)
            .select_related("programme_year", "start_date").first())


def _steps_for(application: Application) -> list[str]:
    steps = [slug for slug, _title, _form in STEPS]
    if not is_minor_at_start(application) and not application.guardian_name:
        steps.remove("guardian")
    return steps


@login_required
def apply_start(request, slug: str):
    """Start (or continue) the application with this placement as a preference."""
    placement = get_object_or_404(Placement.objects.select_related("host", "programme_year"),
                                  slug=slug, published=True)
    existing = Application.objects.filter(applicant=request.user,
                                          programme_year=placement.programme_year).first()
    if request.method == "POST":
        try:
            application = application_draft_get_or_create(
                applicant=request.user, programme_year=placement.programme_year,
                language=get_language() or "de")
        except VolunteersError as error:
            messages.error(request, error.message)
            return redirect("volunteers:apply_start", slug=slug)
        if not application.is_draft:
            messages.info(request, _("You have already submitted your application."))
            return redirect("dashboard")
        chosen = [p.placement for p in application.preferences.select_related("placement")]
        if placement not in chosen:
            try:
                preferences_set(application=application, actor=request.user,
                                placements=[*chosen, placement])
                messages.success(request, _("“%(title)s” has been added to your placements.")
                                 % {"title": placement.title})
            except InvalidPreferences as error:
                messages.warning(request, error.message)
        return redirect("volunteers:overview")
    return render(request, "volunteers/apply_start.html",
                  {"placement": placement, "application": existing})


@login_required
def application_overview(request):
    """The task list of the draft, or the state of a submitted application."""
    application = _own_current_application(request)
    if application is None:
        return render(request, "volunteers/application_overview.html", {"application": None})
    problems = submission_problems(application) if application.is_draft else []
    by_step: dict[str, list] = {}
    for problem in problems:
        by_step.setdefault(problem.step, []).append(problem)
    visited = {"personal": bool(application.first_name and application.date_of_birth),
               "school": application.school_obligation_completed is not None,
               "availability": bool(application.start_date_id),
               "motivation": bool(application.motivation),
               "documents": application.documents.exists(),
               "preferences": application.preferences.exists(),
               "consent": application.consent_given_at is not None,
               "guardian": bool(application.guardian_name)}
    steps = [{"slug": slug, "title": STEP_TITLES[slug], "problems": by_step.get(slug, []),
              "started": visited[slug]} for slug in _steps_for(application)]
    return render(request, "volunteers/application_overview.html", {
        "application": application, "steps": steps,
        "eligibility": [p for p in problems if p.code not in {
            f"{slug}_missing" for slug in STEP_TITLES}],
        "ready": not problems})


def _next_step_url(application: Application, step: str) -> str:
    steps = _steps_for(application)
    position = steps.index(step) if step in steps else len(steps)
    if position + 1 < len(steps):
        return reverse("volunteers:step", args=[steps[position + 1]])
    return reverse("volunteers:overview")


@login_required
def application_step(request, step: str):
    """One step of the draft: show it, save it, go on to the next."""
    if step not in STEP_TITLES:
        raise Http404
    application = _own_current_application(request)
    if application is None:
        messages.info(request, _("Please choose a placement first."))
        return redirect("volunteers:overview")
    if not application.is_draft:
        messages.info(request, _("The application has been submitted and can no longer be "
                                 "changed."))
        return redirect("dashboard")
    handler = {"documents": _documents_step, "preferences": _preferences_step,
               "consent": _consent_step}.get(step, _form_step)
    return handler(request, application, step)


def _render_step(request, application, step, form, **extra):
    steps = _steps_for(application)
    return render(request, "volunteers/application_step.html", {
        "application": application, "step": step, "step_title": STEP_TITLES[step],
        "step_number": steps.index(step) + 1 if step in steps else len(steps),
        "step_count": len(steps), "form": form, **extra},
        status=400 if form is not None and form.is_bound and form.errors else 200)


def _form_step(request, application, step):
    form_class = {slug: form for slug, _title, form in STEPS}[step]
    form = form_class(request.POST or None, instance=application)
    if request.method == "POST" and form.is_valid():
        data = (form.service_data() if hasattr(form, "service_data")
                else {name: form.cleaned_data[name] for name in form.Meta.fields
                      if name in form.cleaned_data})
        try:
            application_step_save(application=application, actor=request.user, data=data)
            if step == "guardian":
                guardian_consent_request(application=application, actor=request.user)
        except VolunteersError as error:
            form.add_error(None, error.message)
            return _render_step(request, application, step, form)
        if step == "guardian":
            messages.success(request, _(
                "Saved. We have sent %(email)s an email with a link to give consent.")
                % {"email": application.guardian_email})
        else:
            messages.success(request, _("Saved."))
        problems = [p for p in eligibility_problems(application) if p.step == step]
        if step == "availability":
            problems += [p for p in [start_date_unmatched(application)] if p]
        for problem in problems:
            messages.warning(request, problem.message)
        return redirect(_next_step_url(application, step))
    return _render_step(request, application, step, form)


def _documents_step(request, application, step):
    form = step_forms.DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            document_add(application=application, actor=request.user,
                         kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"])
        except InvalidDocument as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("The document has been uploaded."))
            return redirect("volunteers:step", step="documents")
    return _render_step(request, application, step, form,
                        documents=application.documents.all(),
                        next_url=_next_step_url(application, step))


def _preferences_step(request, application, step):
    form = step_forms.PreferencesForm(request.POST or None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            preferences_set(application=application, actor=request.user,
                            placements=form.placements())
        except InvalidPreferences as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved."))
            if problem := start_date_unmatched(application):
                messages.warning(request, problem.message)
            return redirect(_next_step_url(application, step))
    return _render_step(request, application, step, form)


def _consent_step(request, application, step):
    form = step_forms.ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application_consent_record(application=application, actor=request.user)
        messages.success(request, _("Thank you. Your consent has been recorded."))
        return redirect(_next_step_url(application, step))
    return _render_step(request, application, step, form,
                        consent_text=application.programme_year.consent_text)


@login_required
@require_POST
def document_remove(request, pk: int):
    document = get_object_or_404(ApplicationDocument, pk=pk,
                                 application__applicant=request.user)
    try:
        document_delete(document=document, actor=request.user)
    except VolunteersError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The document has been deleted."))
    return redirect("volunteers:step", step="documents")


@login_required
def document_download(request, pk: int):
    """Serve a private document to those allowed to see it; everyone else gets 404."""
    document = get_object_or_404(ApplicationDocument.objects.select_related("application"),
                                 pk=pk)
    if not document_visible_to(user=request.user, document=document):
        raise Http404
    # Always a download, with the type detected at upload (never the uploader's claim)
    # and a name whose extension matches it; browsers must not second-guess the type.
    content_type = (document.content_type if document.content_type in EXTENSIONS
                    else "application/octet-stream")
    response = FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=document.download_name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def application_submit_view(request):
    application = _own_current_application(request)
    if application is None:
        raise Http404
    was_submitted = application.submitted_at is not None
    try:
        application_submit(application=application, actor=request.user)
    except ApplicationIncomplete as error:
        messages.error(request, _("The application cannot be submitted yet."))
        for problem in error.problems:
            messages.error(request, problem.message)
        return redirect("volunteers:overview")
    except VolunteersError as error:
        messages.error(request, error.message)
        return redirect("volunteers:overview")
    if was_submitted:
        messages.info(request, _("Your application had already been submitted."))
    else:
        messages.success(request, _("Thank you! Your application has been submitted. We have "
                                    "sent you a confirmation by email."))
    return redirect("dashboard")


@login_required
def application_review(request):
    """Everything entered, on one page, before the applicant submits (the submit button is
    here; the overview leads to this page)."""
    application = _own_current_application(request)
    if application is None or not application.is_draft:
        return redirect("volunteers:overview")
    problems = submission_problems(application)
    return render(request, "volunteers/application_review.html", {
        "application": application, "problems": problems, "ready": not problems,
        "steps": _steps_for(application), "step_titles": STEP_TITLES,
        "documents": application.documents.all(),
        "preferences": application.preferences.select_related("placement__host")
        .order_by("rank"),
        "start_warning": start_date_unmatched(application)})


# What each irreversible action does, shown on its confirmation page before the POST.
ACTIONS = {
    "accept": {"title": gettext_lazy("Accept the offer"), "button": gettext_lazy(
        "Yes, accept the offer"), "reason": False},
    "decline": {"title": gettext_lazy("Decline the offer"), "button": gettext_lazy(
        "Yes, decline the offer"), "reason": True},
    "withdraw": {"title": gettext_lazy("Withdraw the application"), "button": gettext_lazy(
        "Yes, withdraw the application"), "reason": True},
}


@login_required
def application_action_confirm(request, pk: int, action: str):
    """GET: what the action will do, and the button that does it (a POST to the action)."""
    if action not in ACTIONS:
        raise Http404
    application = application_for_applicant(user=request.user, pk=pk)
    if application is None:
        raise Http404
    allowed = applicant_may(application=application, user=request.user)
    if not allowed.get(action):
        messages.info(request, _("This is no longer possible for your application."))
        return redirect("dashboard")
    return render(request, "volunteers/application_confirm.html", {
        "application": application, "action": action, **ACTIONS[action]})


@login_required
@require_POST
def application_action(request, pk: int, action: str):
    """The applicant accepts or declines an offer, or withdraws the application."""
    application = application_for_applicant(user=request.user, pk=pk)
    if application is None:
        raise Http404
    reason = request.POST.get("reason", "").strip()[:1000]
    try:
        if action == "accept":
            offer_accept(application=application, actor=request.user)
            messages.success(request, _("Congratulations! You have accepted the offer."))
        elif action == "decline":
            application_transition(application=application, to_status=S.DECLINED,
                                   actor=request.user, reason=reason)
            messages.success(request, _("You have declined the offer."))
        elif action == "withdraw":
            application_transition(application=application, to_status=S.WITHDRAWN,
                                   actor=request.user, reason=reason)
            messages.success(request, _("Your application has been withdrawn."))
        else:
            raise Http404
    except VolunteersError as error:
        messages.error(request, error.message)
    return redirect("dashboard")


def guardian_consent(request, token: str):
    """The guardian confirms a minor's application through the emailed link (no login)."""
    try:
        application = guardian_consent_application(token=token)
    except VolunteersError:
        return render(request, "volunteers/guardian_consent.html", {"invalid": True},
                      status=400)
    if request.method == "POST":
        try:
            guardian_consent_confirm(token=token, client_ip=client_ip(request),
                                     user_agent=request.headers.get("user-agent", ""))
        except VolunteersError:
            return render(request, "volunteers/guardian_consent.html", {"invalid": True},
                          status=400)
        application.refresh_from_db()
    return render(request, "volunteers/guardian_consent.html", {
        "application": application,
        "placements": [p.placement for p in application.preferences.select_related(
            "placement__host")]})
