"""Background jobs (django-q2). Thin: they take ids and call a service."""

from certificates.services import certificate_issue


def certificate_render_task(certificate_id: int) -> None:
    """Render, store and announce the certificate's PDF; a second run is a no-op."""
    certificate_issue(certificate_id=certificate_id)
