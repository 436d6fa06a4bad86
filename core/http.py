"""The client's address behind a configured number of trusted reverse proxies."""

from django.conf import settings


def client_ip(request) -> str:
    """The right-most address that no trusted proxy added.

    With `TRUSTED_PROXY_COUNT = n` (default 0), the last n entries of X-Forwarded-For were
    appended by our own proxies; the entry before them is the client as the outermost
    proxy saw it. Anything further left was written by the client and is never trusted.
    Without trusted proxies the header is ignored and REMOTE_ADDR is the client.
    """
    remote = request.META.get("REMOTE_ADDR", "") or ""
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in
                 request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    # The nearest proxy is REMOTE_ADDR itself; it appended the hop before it, and so on.
    chain = [*forwarded, remote]
    if len(chain) <= count:
        return chain[0] if chain else remote
    return chain[-(count + 1)]
