"""What a certificate certifies, handed in by the app that knows the achievement.

Pure values, no database: `certificates` never imports the apps above it. An app asks
`certificates.services.certificate_request(recipient=…, kind=…, achievement_key=…,
snapshot=AchievementSnapshot(…))` — the one entry point, the same for every kind:

- a course completion: kind "course", key "course:<page id>", the course's title,
  content version, completion date, hours and result;
- the volunteer service certificate (Bescheinigung), later: kind "volunteer_service",
  a key naming the service (e.g. "service:<agreement id>"), the service or placement as
  title, the last day of service as `completed_on`, the hours served.

The snapshot is copied onto the certificate when it is requested and never read from the
achieving app again, so renaming the person or editing the course changes nothing issued.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: these values stay free of the database
    from accounts.models import User
    from certificates.models import CertificateTemplate


@dataclass(frozen=True)
class AchievementSnapshot:
    """What is certified, as it is at the moment of the request; never updated afterwards."""

    recipient_name: str
    title: str
    completed_on: date
    content_version: str = ""
    hours: Decimal | None = None
    result: str = ""
    issuer: str = ""
    valid_until: date | None = None
    # A longer text certified with it (a Zeugnis' assessment): paragraphs separated by an
    # empty line, a line starting with "## " is a subheading. Printed across as many pages
    # as it needs; the public verification page never shows it.
    body: str = ""


@dataclass(frozen=True)
class CertificateRequest:
    """One entry of a bulk issuance: who, which achievement, its snapshot, and the look
    (the kind's default template when None)."""

    recipient: User
    kind: str
    achievement_key: str
    snapshot: AchievementSnapshot
    template: CertificateTemplate | None = None
