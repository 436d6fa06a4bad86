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

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


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
