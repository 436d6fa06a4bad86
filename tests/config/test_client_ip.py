"""core.http.client_ip: the client address behind TRUSTED_PROXY_COUNT reverse proxies."""

import pytest
from django.test import RequestFactory

from core.http import client_ip


def request(remote: str = "10.0.0.2", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request("192.0.2.10", "203.0.113.5")) == "192.0.2.10"
    assert client_ip(request("192.0.2.10")) == "192.0.2.10"


def test_one_proxy_the_entry_it_appended_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2", "203.0.113.7")) == "203.0.113.7"


@pytest.mark.parametrize("spoofed", ["1.2.3.4", "127.0.0.1, 10.0.0.1", "x, , y", "unknown"])
def test_entries_the_client_wrote_itself_are_never_trusted(settings, spoofed):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2", f"{spoofed}, 203.0.113.7")) == "203.0.113.7"


def test_two_proxies_skip_both_hops(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    # client → load balancer (appends the client) → nginx (appends the balancer) → app
    forwarded = "198.51.100.1, 203.0.113.7, 10.0.0.1"
    assert client_ip(request("10.0.0.2", forwarded)) == "203.0.113.7"


def test_spaces_and_empty_entries_are_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("10.0.0.2", " 198.51.100.1 ,, 203.0.113.7 ")) == "203.0.113.7"


def test_a_request_that_bypassed_the_proxy_is_its_own_client(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request("192.0.2.10")) == "192.0.2.10"
    assert client_ip(request("192.0.2.10", "")) == "192.0.2.10"
