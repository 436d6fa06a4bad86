"""Thin views of reminders: each person chooses which optional mails they receive."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from courses.reminders.forms import MailPreferenceForm
from courses.reminders.services import mail_preference_set, optional_mail_wanted


@login_required
def mail_preferences(request):
    if request.method == "POST":
        form = MailPreferenceForm(request.POST)
        if form.is_valid():
            mail_preference_set(user=request.user,
                                optional_reminders=form.cleaned_data["optional_reminders"])
            messages.success(request, _("Your mail settings have been saved."))
            return redirect("mail_preferences")
    else:
        form = MailPreferenceForm(initial={
            "optional_reminders": optional_mail_wanted(request.user)})
    return render(request, "courses/reminders/mail_preferences.html", {"form": form})
