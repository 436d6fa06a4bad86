import datetime

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.factories import complete_draft, pdf_upload, png_bytes
from volunteers.models import Application, ApplicationStatus, ProgrammePage
from volunteers.services import application_submit, application_transition

S = ApplicationStatus
pytestmark = pytest.mark.django_db
LISTING = "/freiwilliges-digitales-jahr/"


@pytest.fixture
def programme_page(db):
    from cms.demo import seed_pages

    seed_pages()
    return ProgrammePage.objects.get()


def test_listing_shows_published_placements_with_seats_and_filters(
        client, programme_page, placements):
    response = client.get(LISTING)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Social Media für die Stadt Apolda" in html
    assert "Medienbildung am Gymnasium" in html
    assert "Noch nicht veröffentlicht" not in html
    assert "2 Plätze frei" in html or "2 seats left" in html

    filtered = client.get(LISTING, {"landkreis": "ilm-kreis"}).content.decode()
    assert "Medienbildung am Gymnasium" in filtered
    assert "Social Media für die Stadt Apolda" not in filtered
    by_focus = client.get(LISTING, {"focus": "it-support"}).content.decode()
    assert "IT-Support im Rathaus" in by_focus and "Medienbildung am" not in by_focus
    by_kind = client.get(LISTING, {"host_kind": "schule"}).content.decode()
    assert "Medienbildung am Gymnasium" in by_kind and "IT-Support" not in by_kind
    by_start = client.get(LISTING, {"start": "2027-09-01"}).content.decode()
    assert "Medienbildung am Gymnasium" in by_start
    nothing = client.get(LISTING, {"start": "2030-01-01"})  # not a choice: ignored
    assert nothing.status_code == 200


def test_placement_detail_page_and_unpublished_is_404(client, programme_page, placements):
    response = client.get(LISTING + "stelle/social-media-apolda/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Social Media für die Stadt Apolda" in html
    assert reverse("volunteers:apply_start", args=["social-media-apolda"]) in html
    assert client.get(LISTING + "stelle/verborgen/").status_code == 404


def test_apply_requires_login_then_creates_a_draft_with_the_placement(
        client, programme_page, placements, applicant):
    url = reverse("volunteers:apply_start", args=["social-media-apolda"])
    assert client.get(url).status_code == 302
    client.force_login(applicant)
    assert client.get(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 302
    application = Application.objects.get(applicant=applicant)
    assert application.status == S.DRAFT
    assert [p.placement.slug for p in application.preferences.all()] == ["social-media-apolda"]
    client.post(url)  # twice: nothing doubles
    assert application.preferences.count() == 1


def test_each_step_saves_and_moves_on(client, year, placements, applicant):
    client.force_login(applicant)
    client.post(reverse("volunteers:apply_start", args=["social-media-apolda"]))
    response = client.post(reverse("volunteers:step", args=["personal"]), {
        "first_name": "Lea", "last_name": "Schubert", "date_of_birth": "2006-05-04",
        "town": "Apolda", "contact_email": "lea@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("volunteers:step", args=["school"])
    application = Application.objects.get(applicant=applicant)
    assert application.date_of_birth == datetime.date(2006, 5, 4)

    response = client.post(reverse("volunteers:step", args=["motivation"]), {"motivation": ""})
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()
    application.refresh_from_db()
    assert application.first_name == "Lea"  # nothing lost


def test_too_old_applicant_reads_the_reason(client, year, placements, applicant):
    client.force_login(applicant)
    client.post(reverse("volunteers:apply_start", args=["social-media-apolda"]))
    client.post(reverse("volunteers:step", args=["personal"]), {
        "first_name": "Lea", "last_name": "Schubert", "date_of_birth": "2000-01-01",
        "town": "Apolda", "contact_email": "lea@example.org"})
    start = year.start_dates.first()
    response = client.post(reverse("volunteers:step", args=["availability"]),
                           {"start_date": start.pk}, follow=True)
    html = response.content.decode()
    assert "On the start date you will be 27 years old" in html or "27 Jahre" in html


def test_upload_refuses_fakes_and_oversized_files_and_keeps_the_draft(
        client, draft, applicant, settings):
    client.force_login(applicant)
    url = reverse("volunteers:step", args=["documents"])
    fake = pdf_upload("lebenslauf.pdf", b"<html>not a pdf</html>")
    response = client.post(url, {"kind": "cv", "file": fake})
    assert response.status_code == 400
    html = response.content.decode()
    assert "role=\"alert\"" in html
    assert "PDF" in html
    settings.VOLUNTEER_DOCUMENT_MAX_BYTES = 10
    response = client.post(url, {"kind": "other", "file": pdf_upload("bild.png", png_bytes())})
    assert response.status_code == 400
    assert draft.documents.count() == 1
    draft.refresh_from_db()
    assert draft.motivation


def test_preferences_step_refuses_the_same_placement_twice(client, draft, applicant,
                                                            placements):
    client.force_login(applicant)
    response = client.post(reverse("volunteers:step", args=["preferences"]), {
        "rank_1": placements[0].pk, "rank_2": placements[0].pk})
    assert response.status_code == 400
    assert "only once" in response.content.decode() or "nur einmal" in response.content.decode()
    # an unpublished one is not even a choice
    response = client.post(reverse("volunteers:step", args=["preferences"]), {
        "rank_1": placements[3].pk})
    assert response.status_code == 400
    assert [p.placement for p in draft.preferences.all()] == placements[:2]


def test_double_submitted_form_submits_once(client, draft, applicant):
    client.force_login(applicant)
    first = client.post(reverse("volunteers:submit"))
    second = client.post(reverse("volunteers:submit"), follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    draft.refresh_from_db()
    assert draft.status == S.SUBMITTED and draft.events.count() == 1
    # after submission the steps are read-only
    response = client.post(reverse("volunteers:step", args=["motivation"]),
                           {"motivation": "geändert"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.motivation != "geändert"


def test_applicant_cannot_open_anothers_application_or_document(
        client, draft, other_applicant):
    client.force_login(other_applicant)
    document = draft.documents.get()
    assert client.get(reverse("volunteers:document", args=[document.pk])).status_code == 404
    response = client.post(reverse("volunteers:action", args=[draft.pk, "withdraw"]))
    assert response.status_code == 404
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_applicant_downloads_own_document_privately(client, draft, applicant):
    client.force_login(applicant)
    document = draft.documents.get()
    response = client.get(reverse("volunteers:document", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_dashboard_shows_the_offer_and_the_applicant_accepts(
        client, draft, applicant, coordinator, placements):
    application_submit(application=draft, actor=applicant)
    application_transition(application=draft, to_status=S.IN_REVIEW, actor=coordinator)
    application_transition(application=draft, to_status=S.OFFERED, actor=coordinator,
                           placement=placements[0])
    client.force_login(applicant)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Social Media für die Stadt Apolda" in html
    confirm = reverse("volunteers:action_confirm", args=[draft.pk, "accept"])
    assert confirm in html
    page = client.get(confirm).content.decode()
    assert reverse("volunteers:action", args=[draft.pk, "accept"]) in page
    client.post(reverse("volunteers:action", args=[draft.pk, "accept"]))
    draft.refresh_from_db()
    assert draft.status == S.ACCEPTED


def test_host_sees_only_own_placements_anonymised_until_interview(
        client, year, placements, applicant, other_applicant, coordinator, host_contact):
    mine = complete_draft(applicant, year, [placements[0]])
    theirs = complete_draft(other_applicant, year, [placements[1]])
    for application in (mine, theirs):
        application_submit(application=application, actor=application.applicant)
    client.force_login(host_contact)
    listing = client.get(reverse("volunteers:host_applications")).content.decode()
    assert f"Application no. {mine.pk}" in listing or f"Bewerbung Nr. {mine.pk}" in listing
    assert "Schubert" not in listing
    other_preference = theirs.preferences.get()
    assert client.get(reverse("volunteers:host_application",
                              args=[other_preference.pk])).status_code == 404

    preference = mine.preferences.get()
    detail = client.get(reverse("volunteers:host_application", args=[preference.pk]))
    html = detail.content.decode()
    assert "Ich möchte Social Media machen." in html
    assert "Schubert" not in html and "lea@example.org" not in html and "2006" not in html
    document = mine.documents.get()
    assert client.get(reverse("volunteers:document", args=[document.pk])).status_code == 404

    response = client.post(reverse("volunteers:host_application", args=[preference.pk]), {
        "verdict": "suitable", "verdict_comment": "Passt gut.", "host_rank": 1,
        "interview_proposal": "12. Januar, 10 Uhr"})
    assert response.status_code == 302
    preference.refresh_from_db()
    assert (preference.verdict, preference.verdict_by) == ("suitable", host_contact)

    application_transition(application=mine, to_status=S.IN_REVIEW, actor=coordinator)
    application_transition(application=mine, to_status=S.INTERVIEW, actor=coordinator)
    html = client.get(reverse("volunteers:host_application", args=[preference.pk])
                      ).content.decode()
    assert "Lea Schubert" in html and "lea@example.org" in html
    assert client.get(reverse("volunteers:document", args=[document.pk])).status_code == 200


def test_people_without_a_host_are_refused_the_host_area(client, applicant):
    client.force_login(applicant)
    assert client.get(reverse("volunteers:host_applications")).status_code == 403


def test_guardian_confirms_through_the_emailed_link(client, applicant, year, placements):
    from volunteers.services import application_step_save, guardian_token_make

    application = complete_draft(applicant, year, placements[:1],
                                 born=datetime.date(2010, 3, 1))
    application_step_save(application=application, actor=applicant, data={
        "guardian_name": "Katrin Schubert", "guardian_email": "katrin@example.org"})
    url = reverse("volunteers:guardian_consent", args=[guardian_token_make(
        application=application)])
    assert "Lea Schubert" in client.get(url).content.decode()
    client.post(url)
    application.refresh_from_db()
    assert application.guardian_consent_at is not None
    assert client.get(reverse("volunteers:guardian_consent", args=["kaputt"])
                      ).status_code == 400


def test_page_tree_is_untouched(programme_page):
    assert Page.objects.filter(slug="freiwilliges-digitales-jahr").count() == 1
