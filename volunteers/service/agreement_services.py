"""Writes of the agreement (Vereinbarung): generate a version as a PDF with its SHA-256,
record each party's signature (confirmed in the app, or a signed scan checked by content),
and complete the agreement when every required party has signed — which moves the service
to "agreed", the only status from which it can start.
"""

import hashlib

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from accounts.models import User
from core.files import HTML_SCAN_BYTES, contains_html_markup, sniff_content_type
from volunteers.applications.services import document_max_bytes
from volunteers.exceptions import InvalidDocument, NotAllowed
from volunteers.models import (
    Agreement,
    AgreementSignature,
    AgreementTemplate,
    Service,
    ServiceEvent,
    ServiceStatus,
    SignatureMethod,
)
from volunteers.selectors import is_coordinator
from volunteers.service import agreement_defaults, rules
from volunteers.service.agreement_pdf import AgreementPdfData, agreement_pdf_render
from volunteers.service.exceptions import ServiceError, SignatureRefused
from volunteers.service.selectors import (
    host_contact_of,
    service_leave_entitlement,
    service_minor_at_start,
    traeger,
)
from volunteers.service.services import service_transition
from volunteers.service.workflow import Party

S = ServiceStatus
PARTY_LABELS_DE = {Party.VOLUNTEER: "Freiwillige/r", Party.GUARDIAN: "Gesetzliche Vertretung",
                   Party.TRAEGER: "Träger", Party.HOST: "Einsatzstelle"}


def agreement_template_current() -> AgreementTemplate:
    """The newest template in use; the first version is created from the defaults."""
    template = AgreementTemplate.objects.filter(active=True).first()
    if template is None:
        template, _created = AgreementTemplate.objects.get_or_create(
            version=agreement_defaults.VERSION,
            defaults={"text_de": agreement_defaults.TEXT_DE,
                      "text_en": agreement_defaults.TEXT_EN})
    return template


def _day(value) -> str:
    return date_format(value, "j. F Y")


def _euros(value) -> str:
    return f"{number_format(value, decimal_pos=2)} €"


def agreement_pdf_data(*, service: Service, template: AgreementTemplate,
                       number: int) -> AgreementPdfData:
    """The agreement's facts from the service (call inside translation.override("de"))."""
    application, host = service.application, service.placement.host
    minor = service_minor_at_start(service=service)
    contact = host.contacts.order_by("pk").first()
    months = rules.months_of_service(service.start_date, service.planned_end)
    entitlement = service_leave_entitlement(service=service)
    leave = (f"{entitlement.days} Arbeitstage für die gesamte Dienstzeit "
             f"({service.leave_days_agreed} Tage je zwölf Monate vereinbart")
    leave += (", mindestens nach § 19 JArbSchG)" if any(
        part.minor_minimum for part in entitlement.parts) else ")")
    hours = (f"Teilzeit, {service.weekly_hours} Stunden in der Woche (mehr als 20 Stunden; "
             "Freiwillige/r, Träger und Einsatzstelle sind einverstanden)"
             if service.part_time else f"Vollzeit, {service.weekly_hours} Stunden in der Woche")
    parties = [(PARTY_LABELS_DE[Party.VOLUNTEER], application.full_name)]
    if minor:
        parties.append((PARTY_LABELS_DE[Party.GUARDIAN], application.guardian_name))
    parties += [(PARTY_LABELS_DE[Party.TRAEGER], traeger().name),
                (PARTY_LABELS_DE[Party.HOST], host.name)]
    return AgreementPdfData(
        title_de=template.title_de, title_en=template.title_en, text_de=template.text_de,
        text_en=template.text_en, template_version=template.version, number=number,
        volunteer_name=application.full_name,
        volunteer_birth=_day(application.date_of_birth) if application.date_of_birth else "",
        volunteer_address=f"{application.street}, {application.postcode} {application.town}",
        guardian_name=application.guardian_name if minor else "",
        traeger_name=traeger().name, traeger_address=traeger().address,
        host_name=host.name,
        host_address=f"{host.street}, {host.postcode} {host.town}".strip(", "),
        host_contact=(contact.get_full_name() if contact else "") or host.mentor_name,
        placement_title=service.placement.title,
        period=(f"{_day(service.start_date)} bis {_day(service.planned_end)} "
                f"({months} Monate; Verlängerung bis höchstens 18 Monate möglich)"),
        early_end=agreement_defaults.EARLY_END, hours=hours,
        pocket_money=f"{_euros(service.pocket_money)} im Monat",
        benefits_in_kind=service.benefits_in_kind, leave=leave, parties=tuple(parties))


def agreement_generate(*, service: Service, actor: User | None) -> Agreement:
    """A new version of the service's agreement as a PDF with its SHA-256; the previous
    version is kept but replaced (its signatures no longer count). Only while planned."""
    if actor is not None and not is_coordinator(actor):
        raise NotAllowed
    with transaction.atomic():
        service = Service.objects.select_for_update().select_related(
            "application", "placement__host", "programme_year").get(pk=service.pk)
        if service.status != S.PLANNED:
            raise ServiceError(_("The agreement can be changed only before all parties have "
                                 "signed."))
        template = agreement_template_current()
        number = (service.agreements.aggregate(Max("number"))["number__max"] or 0) + 1
        with translation.override("de"):  # the agreement is a German document
            pdf = agreement_pdf_render(data=agreement_pdf_data(
                service=service, template=template, number=number))
        now = timezone.now()
        service.agreements.filter(superseded_at__isnull=True).update(superseded_at=now)
        agreement = Agreement(service=service, number=number, template=template,
                              pdf_sha256=hashlib.sha256(pdf).hexdigest(),
                              guardian_required=service_minor_at_start(service=service),
                              generated_at=now, generated_by=actor)
        agreement.pdf.save("agreement.pdf", ContentFile(pdf), save=False)
        agreement.save()
        ServiceEvent.objects.create(service=service, kind=ServiceEvent.Kind.AGREEMENT,
                                    actor=actor, note=f"{number} ({template.version})")
        return agreement


def required_parties(*, agreement: Agreement) -> tuple[str, ...]:
    return rules.required_parties(minor_at_start=agreement.guardian_required)


def party_may_sign_in_app(*, agreement: Agreement, party: str, user: User) -> bool:
    """Who confirms in the app: the volunteer, a coordinator for the Träger, a contact of
    the host for the Einsatzstelle. The guardian signs on paper (an uploaded scan)."""
    service = agreement.service
    return ((party == Party.VOLUNTEER and user.pk == service.volunteer_id)
            or (party == Party.TRAEGER and is_coordinator(user))
            or (party == Party.HOST and host_contact_of(user=user, service=service)))


def party_may_upload(*, agreement: Agreement, party: str, user: User) -> bool:
    """A signed scan is uploaded by the coordination for any party, by the volunteer for
    themself and their guardian, by a host contact for the host."""
    service = agreement.service
    return (is_coordinator(user)
            or (party in (Party.VOLUNTEER, Party.GUARDIAN) and user.pk == service.volunteer_id)
            or (party == Party.HOST and host_contact_of(user=user, service=service)))


def _scan_check(upload: UploadedFile) -> str:
    """The scan's type told by its content (PDF or image), as for application documents."""
    limit = document_max_bytes()
    if upload.size is None or upload.size > limit:
        raise InvalidDocument(_("The file is too large. Files may be at most %(mb)s MB.")
                              % {"mb": round(limit / 1024 / 1024, 1)})
    if upload.size == 0:
        raise InvalidDocument(_("The file is empty."))
    upload.seek(0)
    head = upload.read(HTML_SCAN_BYTES)
    upload.seek(0)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise InvalidDocument(_("The file is not a PDF or an image (JPEG, PNG, WebP). Please "
                                "upload your document as PDF."))
    if contains_html_markup(head):
        raise InvalidDocument(_("The file contains web page code (HTML) and cannot be "
                                "accepted. Please save your document again as PDF or image "
                                "and upload that file."))
    return content_type


def _signer_name(*, service: Service, party: str, actor: User) -> str:
    application = service.application
    if party == Party.VOLUNTEER:
        return application.full_name or actor.get_full_name()
    if party == Party.GUARDIAN:
        return application.guardian_name
    if party == Party.TRAEGER:
        return f"{actor.get_full_name() or actor.email} für {traeger().name}"
    return f"{actor.get_full_name() or actor.email} für {service.placement.host.name}"


def agreement_sign(*, agreement: Agreement, party: str, actor: User,
                   scan: UploadedFile | None = None) -> AgreementSignature:
    """Record `party`'s signature on this (current) version: confirmed in the app by the
    logged-in party, or an uploaded signed scan. The last required signature completes
    the agreement and moves the service to "agreed".

    Raises SignatureRefused, InvalidDocument, ServiceError.
    """
    content_type = _scan_check(scan) if scan is not None else ""
    with transaction.atomic():
        service = Service.objects.select_for_update().select_related(
            "application", "placement__host").get(pk=agreement.service_id)
        agreement = Agreement.objects.select_related("service").get(pk=agreement.pk)
        if agreement.superseded_at is not None or service.status != S.PLANNED:
            raise ServiceError(_("This version of the agreement can no longer be signed."))
        if party not in required_parties(agreement=agreement):
            raise SignatureRefused
        allowed = (party_may_upload if scan is not None else party_may_sign_in_app)(
            agreement=agreement, party=party, user=actor)
        if not allowed:
            raise SignatureRefused
        if agreement.signatures.filter(party=party).exists():
            raise ServiceError(_("This party has already signed."))
        signature = AgreementSignature(
            agreement=agreement, party=party, signed_by=actor,
            signer_name=Truncator(_signer_name(service=service, party=party, actor=actor)
                                  ).chars(200),
            method=SignatureMethod.SCAN if scan is not None else SignatureMethod.IN_APP,
            agreement_sha256=agreement.pdf_sha256, scan_content_type=content_type)
        if scan is not None:
            digest = hashlib.sha256()
            for chunk in scan.chunks():
                digest.update(chunk)
            signature.scan_sha256 = digest.hexdigest()
            signature.scan.save("scan", scan, save=False)
        signature.save()
        ServiceEvent.objects.create(service=service, kind=ServiceEvent.Kind.SIGNATURE,
                                    actor=actor, note=signature.get_party_display())
        signed = agreement.signatures.values_list("party", flat=True)
        if not rules.missing_parties(required=required_parties(agreement=agreement),
                                     signed=signed):
            agreement.completed_at = timezone.now()
            agreement.save(update_fields=["completed_at"])
            service_transition(service=service, to_status=S.AGREED, actor=None,
                               note=_("Signed by all parties."))
        return signature
