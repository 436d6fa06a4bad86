"""The two single sign-on addresses: start (to the provider) and callback (back from it)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts import oidc

FAILURE_MESSAGES = {
    oidc.FAILURE_STATE: _(
        "The sign-in with your staff account could not be completed: it was started in "
        "another window or took too long. Please try again."),
    oidc.FAILURE_PROVIDER: _(
        "The sign-in service of your administration did not sign you in. If your staff "
        "account is active, please try again or contact your administration."),
    oidc.FAILURE_CODE: _(
        "The sign-in with your staff account took too long or was already used. Please "
        "try again."),
    oidc.FAILURE_TOKEN: _(
        "The answer of the sign-in service could not be verified, so you have not been "
        "signed in. Please try again; if this happens again, contact your administration."),
    oidc.FAILURE_UNREACHABLE: _(
        "The sign-in service of your administration cannot be reached at the moment. "
        "Please try again later."),
    oidc.FAILURE_INACTIVE: _(
        "Your account on this platform is deactivated. Please contact your administration."),
    oidc.FAILURE_CONFLICT: _(
        "An account with your email address already exists here and cannot be linked to "
        "your staff account. Please contact your administration."),
    oidc.FAILURE_CLAIMS: _(
        "The sign-in service did not send a confirmed email address for your staff "
        "account. Please contact your administration."),
}


class OidcStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider; remembers the interface language for the return."""

    def __init__(self, *args, **kwargs):  # endpoints are resolved per request, not here
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    @staticmethod
    def get_settings(attr, *args):
        return oidc.oidc_setting(attr, *args)

    def get(self, request):
        if not oidc.oidc_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc.oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except oidc.OidcLoginFailed:
            messages.error(request, FAILURE_MESSAGES[oidc.FAILURE_UNREACHABLE])
            return HttpResponseRedirect(reverse("accounts:login"))
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        request.session[oidc.SESSION_LANGUAGE] = translation.get_language()
        with translation.override(settings.LANGUAGE_CODE):
            return super().get(request)


class OidcCallbackView(OIDCAuthenticationCallbackView):
    """Back from the provider: logs in, or explains in the person's language why not."""

    @staticmethod
    def get_settings(attr, *args):
        return oidc.oidc_setting(attr, *args)

    def get(self, request):
        if not oidc.oidc_enabled():
            raise Http404
        language = request.session.get(oidc.SESSION_LANGUAGE) or settings.LANGUAGE_CODE
        with translation.override(language):
            state = request.GET.get("state")
            states = request.session.get("oidc_states") or {}
            if request.GET.get("error"):
                request.oidc_failure = oidc.FAILURE_PROVIDER
            elif not state or state not in states:
                request.oidc_failure = oidc.FAILURE_STATE
                return self.login_failure()
            return super().get(request)

    @property
    def success_url(self):
        next_url = self.request.session.get("oidc_login_next")
        return next_url or resolve_url(settings.LOGIN_REDIRECT_URL)

    def login_failure(self):
        reason = getattr(self.request, "oidc_failure", None) or oidc.FAILURE_PROVIDER
        if reason == oidc.FAILURE_PROVIDER and getattr(self, "user", None) is not None \
                and not self.user.is_active:
            reason = oidc.FAILURE_INACTIVE
        # Rendered now, in the person's language (the callback address itself is German).
        messages.error(self.request, str(FAILURE_MESSAGES[reason]))
        return HttpResponseRedirect(reverse("accounts:login"))
