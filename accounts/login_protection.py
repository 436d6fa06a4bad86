"""Protection against password guessing and mail flooding on the account pages.

Failed logins are counted by django-axes (configured in settings: per account and per
client address, each on its own, with a cool-off). This module gives axes the client
address and the account name the way this project sees them, renders the lockout page,
and throttles the emails that anonymous visitors can trigger (registration, password
reset) per address and per client.
"""

import ipaddress

from django.conf import settings
from django.shortcuts import render

from core.http import client_ip
from core.ratelimit import rate_limit_hit


def lockout_client_ip(request) -> str:
    """The client address behind the trusted proxies (core.http), or the connection's.

    A value that is not an IP address (a misconfigured proxy count lets the client write
    it) is never used as a counter key: the connection's own address counts instead.
    """
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return request.META.get("REMOTE_ADDR", "") or ""


def lockout_username(request, credentials: dict | None) -> str | None:
    """The account a login attempt names, in the form it is stored (trimmed, lower case).

    The site's and Wagtail's login forms send `username`; code that authenticates with
    `email=` is covered too. Case and spaces do not start a fresh counter.
    """
    value = None
    if credentials:
        value = credentials.get("username") or credentials.get("email")
    if value is None and request is not None:
        data = getattr(request, "POST", None) or {}
        value = data.get("username") or data.get("email")
    return str(value).strip().lower() if value else None


def lockout_response(request, original_response=None, credentials=None):
    """The page shown instead of the login form while the account or client is locked."""
    minutes = settings.LOGIN_COOLOFF_MINUTES
    response = render(request, "accounts/lockout.html", {"cooloff_minutes": minutes},
                      status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def account_email_allowed(*, purpose: str, email: str, client: str) -> bool:
    """Count one account email for this address and this client; False once either is over.

    Both counters advance on every call, so a client that floods one address also uses up
    its own allowance. The caller answers the same way either way and simply sends nothing.
    """
    window = settings.ACCOUNT_EMAIL_WINDOW_MINUTES * 60
    address_over = rate_limit_hit(f"{purpose}-address", email.strip().lower(),
                                  limit=settings.ACCOUNT_EMAIL_LIMIT_PER_ADDRESS,
                                  window_seconds=window)
    client_over = rate_limit_hit(f"{purpose}-client", client or "-",
                                 limit=settings.ACCOUNT_EMAIL_LIMIT_PER_CLIENT,
                                 window_seconds=window)
    return not (address_over or client_over)
