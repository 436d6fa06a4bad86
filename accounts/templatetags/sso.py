"""{% sso_enabled as sso %}: whether the login page offers single sign-on for staff."""

from django import template

from accounts.oidc import oidc_enabled

register = template.Library()


@register.simple_tag
def sso_enabled() -> bool:
    return oidc_enabled()
