"""Background jobs (django-q2). Thin: they take ids and call a service."""

from certificates.services import certificate_issue, certificate_issue_many


def certificate_render_task(certificate_id: int) -> None:
    """Render, store and announce the certificate's PDF; a second run is a no-op."""
    certificate_issue(certificate_id=certificate_id)


def certificate_render_chunk_task(certificate_ids: list[int]) -> None:
    """Render a chunk of a bulk issuance in one worker; a second run skips issued ones."""
    certificate_issue_many(certificate_ids=certificate_ids)
