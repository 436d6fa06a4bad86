"""Background job of the Zeugnis (django-q2). Thin: takes an id and calls the service."""

from volunteers.service.zeugnis import zeugnis_issue


def zeugnis_issue_task(zeugnis_id: int) -> None:
    """Request the approved Zeugnis' certificate; a second run changes nothing."""
    zeugnis_issue(zeugnis_id=zeugnis_id)
