"""Demo content of the Zeugnis: the completed demo service's Zeugnis, requested, drafted by
the host, approved and issued at once (the worker would issue it in the background)."""

from accounts.models import User
from certificates.services import certificate_issue
from volunteers.models import Service
from volunteers.service.zeugnis import (
    ZeugnisText,
    zeugnis_approve,
    zeugnis_draft,
    zeugnis_issue,
    zeugnis_request,
)

DEMO_TEXT = ZeugnisText(
    tasks="Anna Schmidt betreute die Social-Media-Kanäle der Stadtverwaltung: Sie plante "
          "Beiträge, fotografierte Veranstaltungen, beantwortete Fragen der Bürgerinnen und "
          "Bürger und schrieb Texte in Leichter Sprache.",
    digital_project="Ihr eigenes Projekt war ein digitaler Stadtrundgang durch Apolda mit "
                    "QR-Codes an zwölf Stationen, den sie mit dem Stadtarchiv erarbeitete.",
    skills="Projektplanung, Bildrechte und Datenschutz in sozialen Medien, barrierefreie "
           "Texte, Zusammenarbeit mit Fachämtern.",
    performance="Sie erledigte ihre Aufgaben stets selbstständig, sorgfältig und zu unserer "
                "vollsten Zufriedenheit.",
    conduct="Ihr Verhalten gegenüber Kolleginnen, Kollegen und Bürgern war stets vorbildlich.")


def zeugnis_demo_issue(*, service: Service, host_contact: User, coordinator: User) -> None:
    """Anna's Zeugnis with performance and conduct, issued and verifiable at /nachweis/."""
    zeugnis = zeugnis_request(service=service, actor=service.volunteer, with_performance=True)
    zeugnis = zeugnis_draft(zeugnis=zeugnis, actor=host_contact, text=DEMO_TEXT)
    zeugnis = zeugnis_approve(zeugnis=zeugnis, actor=coordinator)
    zeugnis = zeugnis_issue(zeugnis_id=zeugnis.pk)
    if zeugnis is not None and zeugnis.certificate_id:
        certificate_issue(certificate_id=zeugnis.certificate_id)
