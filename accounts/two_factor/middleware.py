"""Send admin users to the second factor before any admin page (after django-otp's middleware)."""

from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from accounts.two_factor.services import second_factor_required, session_verified

# Admin pages reachable before the second factor: signing in and out, password reset.
EXEMPT_SUFFIXES = ("login/", "logout/", "password_reset/")


class AdminSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            target = reverse("accounts:two_factor_verify")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _must_verify(self, request) -> bool:
        if not settings.ADMIN_MFA_REQUIRED:
            return False
        prefix = "/admin/"
        path = request.path_info
        if not path.startswith(prefix):
            return False
        rest = path[len(prefix):]
        if any(rest.startswith(suffix) for suffix in EXEMPT_SUFFIXES):
            return False
        user = getattr(request, "user", None)
        return second_factor_required(user) and not session_verified(request)
