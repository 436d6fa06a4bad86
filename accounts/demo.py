"""Demo organisation tree and one login per role, for `manage.py seed_demo`."""

from accounts.models import OrgUnit, OrgUnitKind, User
from accounts.roles import Role
from accounts.services import org_unit_ensure, user_ensure

DEMO_PASSWORD = "Thueringen-Demo-2026"  # noqa: S105 - printed on purpose for the demo

K = OrgUnitKind
# (code, name, short name, kind, parent code)
ORG_UNITS = [
    ("th", "Freistaat Thüringen", "TH", K.LAND, None),
    ("th-tsk", "Thüringer Staatskanzlei", "TSK", K.RESSORT, "th"),
    ("th-tfm", "Thüringer Finanzministerium", "TFM", K.RESSORT, "th"),
    ("th-tmdi", "Thüringer Ministerium für Digitales und Infrastruktur", "TMDI", K.RESSORT, "th"),
    ("th-tmikl", "Thüringer Ministerium für Inneres, Kommunales und Landesentwicklung",
     "TMIKL", K.RESSORT, "th"),
    ("th-tlrz", "Thüringer Landesrechenzentrum", "TLRZ", K.BEHOERDE, "th-tfm"),
    ("th-tlrz-it-sicherheit", "Referat IT-Sicherheit und Informationssicherheit", "",
     K.ORGANISATIONSEINHEIT, "th-tlrz"),
    ("th-tlrz-service", "Referat Anwenderbetreuung", "", K.ORGANISATIONSEINHEIT, "th-tlrz"),
    ("th-tlbg", "Thüringer Landesamt für Bodenmanagement und Geoinformation", "TLBG",
     K.BEHOERDE, "th-tmdi"),
    ("th-tls", "Thüringer Landesamt für Statistik", "TLS", K.BEHOERDE, "th-tmikl"),
    ("lk-weimarer-land", "Landkreis Weimarer Land", "AP", K.LANDKREIS, None),
    ("gem-apolda", "Stadt Apolda", "", K.GEMEINDE, "lk-weimarer-land"),
    ("gem-bad-berka", "Stadt Bad Berka", "", K.GEMEINDE, "lk-weimarer-land"),
    ("lk-ilm-kreis", "Ilm-Kreis", "IK", K.LANDKREIS, None),
    ("gem-arnstadt", "Stadt Arnstadt", "", K.GEMEINDE, "lk-ilm-kreis"),
    ("gem-ilmenau", "Stadt Ilmenau", "", K.GEMEINDE, "lk-ilm-kreis"),
]

# (email, first name, last name, roles, home unit code, supervisor email, superuser)
DEMO_USERS = [
    ("vorgesetzte@demo.example", "Sabine", "Krüger", [Role.SUPERVISOR, Role.LEARNER],
     "th-tlrz-it-sicherheit", None, False),
    ("lernende@demo.example", "Jonas", "Wagner", [Role.LEARNER], "th-tlrz-it-sicherheit",
     "vorgesetzte@demo.example", False),
    ("freiwillige@demo.example", "Lea", "Schubert", [Role.VOLUNTEER], None, None, False),
    ("einsatzstelle@demo.example", "Thomas", "Hoffmann", [Role.HOST], "gem-apolda", None,
     False),
    ("koordination@demo.example", "Aylin", "Demir", [Role.COORDINATOR], "th-tmdi", None, False),
    ("redaktion@demo.example", "Maximilian", "Große", [Role.EDITOR], "th-tmdi", None, False),
    ("admin@demo.example", "Admin", "Plattform", [], "th-tmdi", None, True),
    ("trainer@demo.example", "Katrin", "Vogel", [Role.TRAINER], "th-tmdi", None, False),
]


def seed_org_units() -> dict[str, OrgUnit]:
    units: dict[str, OrgUnit] = {}
    for code, name, short_name, kind, parent_code in ORG_UNITS:
        units[code] = org_unit_ensure(code=code, name=name, short_name=short_name, kind=kind,
                                      parent=units.get(parent_code) if parent_code else None)
    return units


def seed_users(units: dict[str, OrgUnit]) -> list[tuple[User, list[Role]]]:
    created: dict[str, User] = {}
    result = []
    for email, first, last, roles, unit_code, supervisor_email, superuser in DEMO_USERS:
        user = user_ensure(email=email, password=DEMO_PASSWORD, first_name=first,
                           last_name=last, roles=roles,
                           home_unit=units.get(unit_code) if unit_code else None,
                           supervisor=created.get(supervisor_email),
                           is_superuser=superuser)
        created[email] = user
        result.append((user, roles))
    return result
