"""Content-Security-Policy per area of the site, and a Permissions-Policy on every response.

The site's pages get `CONTENT_SECURITY_POLICY` (django-csp's setting); responses under
`CSP_ADMIN_PATH_PREFIX` get `CONTENT_SECURITY_POLICY_ADMIN`, because Wagtail's editors and
widgets write inline scripts and styles; a page rendered as the admin's preview keeps the
site's policy but may be framed by the admin. A response that already carries its own
Content-Security-Policy (the H5P player and its files) keeps it untouched: django-csp
never replaces an existing header.
"""

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


def admin_path(path: str) -> bool:
    prefix = getattr(settings, "CSP_ADMIN_PATH_PREFIX", "/admin/")
    return bool(prefix) and path.startswith(prefix)


class AreaCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy for paths under the admin prefix.

    A view's own `@csp`, `@csp_update` or `@csp_replace` still applies on top of the
    area's policy; `@csp_exempt()` still sends none.
    """

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and admin_path(request.path_info):
            admin = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None) or {}
            parts.config = default_config(admin.get("DIRECTIVES", {}))
            # Browsers ignore 'unsafe-inline' once a nonce is listed: the admin has none.
            parts.nonce = None
        elif getattr(request, "is_dummy", False):
            # Wagtail renders a page preview through the middleware with a made-up request
            # for the page's own URL: the page's policy, but the admin may frame it.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


def permissions_policy_header(features: dict[str, list[str]]) -> str:
    """`{"camera": []}` → `camera=()`; `{"fullscreen": ["self"]}` → `fullscreen=(self)`."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in features.items())


class PermissionsPolicyMiddleware:
    """Send `PERMISSIONS_POLICY` as the Permissions-Policy header unless a view set one."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response
