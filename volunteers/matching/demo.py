"""The matching demo for `seed_demo`: a crowd of generated applications to the demo's
placements, for the matching proposal. Called by volunteers.demo.seed_volunteers."""

import datetime
import random

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import User
from volunteers.models import (
    Application,
    ApplicationEvent,
    ApplicationPreference,
    ApplicationStatus,
    Placement,
    ProgrammeYear,
)

CROWD_SIZE = 60
CROWD_IN_REVIEW = 24  # the others are submitted: the coordination has not reviewed them yet
CROWD_EMAIL = "bewerbung-{number:02d}@demo.example"
FIRST_NAMES = [
    "Leonie", "Finn", "Hannah", "Jonas", "Lena", "Elias", "Marie", "Luca", "Lea", "Ben",
    "Anna", "Felix", "Emilia", "Maximilian", "Lina", "Moritz", "Clara", "Julian", "Charlotte",
    "Tim", "Johanna", "Niklas", "Sarah", "Jan", "Laura", "Tom", "Amelie", "David", "Nele",
    "Erik", "Zeynep", "Mehmet", "Aylin", "Can", "Olga", "Dmytro", "Sofia", "Milan", "Ida",
    "Paula",
]
LAST_NAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder",
    "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
    "Schmitt", "Werner", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
    "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang",
    "Scholz", "Möller", "Weiß", "Jung", "Hahn", "Vogel", "Friedrich", "Keller", "Günther",
    "Frank", "Berger", "Winkler", "Roth", "Beck", "Lorenz", "Baumann", "Yılmaz",
]
# How often a placement is chosen: popular ones are oversubscribed, others stay free.
POPULARITY = {
    "social-media-stadt-apolda": 9, "medienwerkstatt-jugendzentrum-weimar": 8,
    "makerspace-bibliothek-erfurt": 7, "digitale-stadt-jena": 6,
    "it-service-landesrechenzentrum": 5, "medienbildung-goethe-gymnasium": 4,
    "it-support-rathaus-apolda": 3, "barrierefreiheit-stadt-jena": 3,
    "informationssicherheit-landesrechenzentrum": 3, "datenprojekte-ilm-kreis": 2,
    "buergerservice-digital-weimarer-land": 1, "digitale-teilhabe-seniorenzentrum-gotha": 1,
}
# Placements whose hosts have met and ranked some of the applicants who put them first.
RANKING_HOSTS = ["social-media-stadt-apolda", "makerspace-bibliothek-erfurt",
                 "medienwerkstatt-jugendzentrum-weimar"]
CROWD_MOTIVATION = ("Ich möchte nach der Schule ein Jahr lang praktisch arbeiten und "
                    "herausfinden, ob mir ein Beruf mit Medien, Technik oder Verwaltung "
                    "liegt. Am liebsten helfe ich anderen, sich mit digitalen Geräten "
                    "zurechtzufinden.")


def _ascii(name: str) -> str:
    return (name.lower().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
            .replace("ß", "ss").replace("ı", "i"))


def _weighted_choices(rng: random.Random, slugs: list[str], count: int) -> list[str]:
    chosen: list[str] = []
    while len(chosen) < count:
        slug = rng.choices(slugs, weights=[POPULARITY.get(s, 1) for s in slugs])[0]
        if slug not in chosen:
            chosen.append(slug)
    return chosen


def seed_matching_crowd(year: ProgrammeYear, placements: dict[str, Placement]) -> int:
    """Generated applications for the matching proposal, made in a few bulk queries (the
    workflow's services are exercised by the applications above): `CROWD_IN_REVIEW` in
    review, some of them met by their first choice's host (interview stage, verdict and
    ranking), the rest submitted and waiting for review. Adults only (no guardian consent
    needed), drawn from a fixed seed so every demo looks the same. Returns how many were
    created (0 when they exist already)."""
    if User.objects.filter(email=CROWD_EMAIL.format(number=1)).exists():
        return 0
    S = ApplicationStatus
    rng = random.Random(2027)  # noqa: S311 - demo data, the same on every machine
    now = timezone.now()
    starts = list(year.start_dates.order_by("date"))
    slugs = [slug for slug in POPULARITY if slug in placements]
    met_by_host: dict[str, int] = dict.fromkeys(RANKING_HOSTS, 0)
    crowd = []  # (number, first, last, status, ranked slugs, host verdicts {slug: rank|None})
    for number in range(1, CROWD_SIZE + 1):
        first = FIRST_NAMES[(number * 7) % len(FIRST_NAMES)]
        last = LAST_NAMES[(number * 11) % len(LAST_NAMES)]
        ranked = _weighted_choices(rng, slugs, rng.randint(1, min(year.max_preferences,
                                                                   len(slugs))))
        status = S.IN_REVIEW if number <= CROWD_IN_REVIEW else S.SUBMITTED
        verdicts = {}
        if status == S.IN_REVIEW and ranked[0] in met_by_host and met_by_host[ranked[0]] < 4:
            met_by_host[ranked[0]] += 1
            status = S.INTERVIEW
            # three suitable (ranked 3, 2, 1 in the order met), the fourth not suitable
            verdicts[ranked[0]] = (4 - met_by_host[ranked[0]]
                                   if met_by_host[ranked[0]] < 4 else None)
        crowd.append((number, first, last, status, ranked, verdicts))

    users = User.objects.bulk_create([
        User(email=CROWD_EMAIL.format(number=number), first_name=first, last_name=last,
             password=make_password(None))  # no login
        for number, first, last, *_rest in crowd])
    applications = []
    for (number, first, last, status, ranked, _verdicts), user in zip(crowd, users,
                                                                       strict=True):
        part_time = year.part_time_allowed and rng.random() < 0.1
        applications.append(Application(
            applicant=user, programme_year=year, status=status,
            submitted_at=now - datetime.timedelta(days=rng.randint(3, 40)),
            first_name=first, last_name=last,
            date_of_birth=datetime.date(rng.randint(2002, 2008), rng.randint(1, 12),
                                        rng.randint(1, 28)),
            street=f"Goethestraße {number}", postcode="99084", town="Erfurt",
            contact_email=f"{_ascii(first)}.{_ascii(last)}.{number:02d}@demo.example",
            school_obligation_completed=True, school_situation="left",
            school_details="Abitur" if rng.random() < 0.6 else "Realschulabschluss",
            start_date=rng.choices(starts, weights=[2, 6, 2][:len(starts)])[0],
            part_time=part_time, weekly_hours=30 if part_time else None,
            confirms_extended_certificate=rng.random() < 0.7,
            has_driving_licence=rng.random() < 0.5,
            placement=placements[ranked[0]] if status == S.INTERVIEW else None,
            interview_opened_at=now if status == S.INTERVIEW else None,
            motivation=CROWD_MOTIVATION, consent_given_at=now,
            consent_version=year.consent_version, consent_text="Einwilligung (Demo)"))
    applications = Application.objects.bulk_create(applications)

    preferences, events = [], []
    for application, (_n, _f, _l, status, ranked, verdicts) in zip(applications, crowd,
                                                                   strict=True):
        for rank, slug in enumerate(ranked, start=1):
            preference = ApplicationPreference(application=application,
                                               placement=placements[slug], rank=rank)
            if slug in verdicts:
                preference.interview_opened_at = preference.verdict_at = now
                if verdicts[slug] is None:
                    preference.verdict = ApplicationPreference.Verdict.NOT_SUITABLE
                    preference.verdict_comment = "Passt nicht zu den Arbeitszeiten."
                else:
                    preference.verdict = ApplicationPreference.Verdict.SUITABLE
                    preference.host_rank = verdicts[slug]
            preferences.append(preference)
        moves = [(S.DRAFT, S.SUBMITTED, "")]
        if status != S.SUBMITTED:
            moves.append((S.SUBMITTED, S.IN_REVIEW, "Unterlagen vollständig."))
        if status == S.INTERVIEW:
            moves.append((S.IN_REVIEW, S.INTERVIEW, "Kennenlernen vereinbaren."))
        events += [ApplicationEvent(
            application=application, from_status=from_status, to_status=to_status,
            created_at=application.submitted_at + datetime.timedelta(days=day),
            placement=application.placement if to_status == S.INTERVIEW else None,
            reason=reason) for day, (from_status, to_status, reason) in enumerate(moves)]
    ApplicationPreference.objects.bulk_create(preferences)
    ApplicationEvent.objects.bulk_create(events)
    return len(applications)
