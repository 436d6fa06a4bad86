"""Large compliance data: an organisation tree, staff in it, mandatory courses and one
PersonAssignment per person and course in every compliance state.

Used by bench/compliance.py (100,000 staff, 500 units, 20 courses, 1,000,000 rows) and
by the reports' query-count test (a few units). On PostgreSQL staff and assignments go in
with COPY; elsewhere with bulk_create in large batches. The same seed gives the same data.
"""

import datetime
import random

from django.db import connection
from django.utils import timezone

from accounts.models import OrgUnit, OrgUnitKind, User
from courses.assignments.models import PersonAssignment
from courses.catalogue.models import CourseIndexPage, CoursePage

BATCH = 20_000
# Share of each state among the rows (the rest: not started, due later).
COMPLETED, IN_PROGRESS, OVERDUE, EXPIRED = 0.55, 0.15, 0.12, 0.05


def build_org_tree(*, units: int, prefix: str = "bench") -> list[int]:
    """A Land with ministries (one in twenty units) and authorities below them; returns
    the ids of every unit made, the Land first."""
    land = OrgUnit.objects.create(name=f"Land {prefix}", code=f"{prefix}-land",
                                  kind=OrgUnitKind.LAND)
    ministries = max(1, (units - 1) // 20)
    OrgUnit.objects.bulk_create([
        OrgUnit(name=f"Ressort {prefix} {n:03}", code=f"{prefix}-r{n}", kind=OrgUnitKind.RESSORT,
                parent=land) for n in range(ministries)], batch_size=BATCH)
    ministry_ids = list(OrgUnit.objects.filter(parent=land).order_by("pk")
                        .values_list("pk", flat=True))
    authorities = max(0, units - 1 - ministries)
    OrgUnit.objects.bulk_create([
        OrgUnit(name=f"Behörde {prefix} {n:04}", code=f"{prefix}-b{n}",
                kind=OrgUnitKind.BEHOERDE, parent_id=ministry_ids[n % len(ministry_ids)])
        for n in range(authorities)], batch_size=BATCH)
    return [land.pk, *OrgUnit.objects.filter(parent_id__in=ministry_ids).values_list(
        "pk", flat=True), *ministry_ids]


def build_courses(*, count: int, prefix: str = "bench") -> list[CoursePage]:
    """Mandatory courses, made through Wagtail's page tree as editors make them."""
    index = CourseIndexPage.objects.first()
    if index is None:
        # late import: only when no catalogue exists (a bare test database)
        from wagtail.models import Page

        root = Page.objects.filter(depth=2).first() or Page.get_first_root_node()
        index = root.add_child(instance=CourseIndexPage(title="Kurse", slug=f"kurse-{prefix}"))
    courses = []
    for number in range(count):
        course = index.add_child(instance=CoursePage(
            title=f"Pflichtkurs {prefix} {number:02}", slug=f"{prefix}-pflicht-{number}",
            teaser="Ein Pflichtkurs für die Lastmessung.", is_mandatory=True,
            content_version="2"))
        courses.append(course)
    return courses


def _copy(model, columns: list[str], rows) -> None:
    """COPY rows (tuples in the order of `columns`) into the model's table (PostgreSQL)."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(
            f"COPY {table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _columns(model, given: dict) -> list[tuple[str, object]]:
    """Every concrete column but the key, with the value given or the field's default."""
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        if field.attname in given:
            columns.append((field.column, given[field.attname]))
        elif field.has_default():
            columns.append((field.column, field.get_default()))
        else:
            columns.append((field.column, None if field.null else ""))
    return columns


def build_staff(*, count: int, unit_ids: list[int], prefix: str = "bench") -> list[int]:
    """`count` active staff spread evenly over the units; returns their ids."""
    now = timezone.now()

    def person(n: int) -> dict:
        return {"email": f"{prefix}-{n}@staff.example", "password": "!", "first_name": "Test",
                "last_name": f"Person {n}", "home_unit_id": unit_ids[n % len(unit_ids)],
                "is_active": True, "date_joined": now}

    if connection.vendor == "postgresql":
        template = _columns(User, person(0))
        names = [column for column, _value in template]
        keys = {field.column: field.attname for field in User._meta.concrete_fields}
        defaults = dict(template)

        def rows():
            for n in range(count):
                values = person(n)
                yield tuple(values.get(keys[column], defaults[column]) for column in names)

        _copy(User, names, rows())
    else:
        for start in range(0, count, BATCH):
            User.objects.bulk_create([User(**person(n)) for n in range(
                start, min(count, start + BATCH))], batch_size=BATCH)
    return list(User.objects.filter(email__endswith="@staff.example",
                                    email__startswith=f"{prefix}-").order_by("pk")
                .values_list("pk", flat=True))


def assignment_values(rng: random.Random, *, user_id: int, course: CoursePage,
                      now: datetime.datetime, today: datetime.date,
                      home_unit_id: int | None = None) -> dict:
    """One person's assigned course in a state drawn from the shares above."""
    roll = rng.random()
    values = {"user_id": user_id, "home_unit_id": home_unit_id, "course_id": course.pk,
              "course_title": course.title,
              "mandatory": True, "assigned_at": now - datetime.timedelta(days=200),
              "due_date": today + datetime.timedelta(days=rng.randint(1, 120)),
              "started_at": None, "completed_at": None, "completed_version": "",
              "valid_until": None}
    if roll < COMPLETED:
        done = now - datetime.timedelta(days=rng.randint(1, 300))
        values.update(started_at=done - datetime.timedelta(days=3), completed_at=done,
                      completed_version=rng.choice(("1", "2")),
                      valid_until=done.date() + datetime.timedelta(days=730))
    elif roll < COMPLETED + IN_PROGRESS:
        values.update(started_at=now - datetime.timedelta(days=rng.randint(1, 30)))
    elif roll < COMPLETED + IN_PROGRESS + OVERDUE:
        values.update(due_date=today - datetime.timedelta(days=rng.randint(1, 90)))
    elif roll < COMPLETED + IN_PROGRESS + OVERDUE + EXPIRED:
        done = now - datetime.timedelta(days=800)
        values.update(started_at=done, completed_at=done, completed_version="1",
                      valid_until=done.date() + datetime.timedelta(days=730))
    return values


def home_units(user_ids: list[int]) -> dict[int, int | None]:
    """The people's home units by user id (the services copy it onto each row)."""
    units = {}
    for start in range(0, len(user_ids), BATCH):
        units.update(User.objects.filter(pk__in=user_ids[start:start + BATCH])
                     .values_list("pk", "home_unit_id"))
    return units


def build_assignments(*, user_ids: list[int], courses: list[CoursePage], seed: int = 1,
                      units: dict[int, int | None] | None = None) -> int:
    """One current PersonAssignment per person and course, with the person's home unit
    (`units`: by user id, looked up when not given); returns how many."""
    rng = random.Random(seed)
    now, today = timezone.now(), timezone.localdate()
    units = home_units(user_ids) if units is None else units

    def values():
        for user_id in user_ids:
            for course in courses:
                yield assignment_values(rng, user_id=user_id, course=course, now=now,
                                        today=today, home_unit_id=units[user_id])

    total = len(user_ids) * len(courses)
    if connection.vendor == "postgresql":
        first = assignment_values(random.Random(0), user_id=0, course=courses[0], now=now,
                                  today=today)
        template = _columns(PersonAssignment, first)
        names = [column for column, _value in template]
        keys = {field.column: field.attname for field in PersonAssignment._meta.concrete_fields}
        defaults = dict(template)
        _copy(PersonAssignment, names, (
            tuple(row.get(keys[column], defaults[column]) for column in names)
            for row in values()))
        return total
    batch = []
    for row in values():
        batch.append(PersonAssignment(**row))
        if len(batch) >= BATCH:
            PersonAssignment.objects.bulk_create(batch, batch_size=BATCH)
            batch = []
    PersonAssignment.objects.bulk_create(batch, batch_size=BATCH)
    return total


def build_compliance_data(*, units: int, staff: int, courses: int, prefix: str = "bench",
                          seed: int = 1) -> dict:
    unit_ids = build_org_tree(units=units, prefix=prefix)
    course_pages = build_courses(count=courses, prefix=prefix)
    user_ids = build_staff(count=staff, unit_ids=unit_ids, prefix=prefix)
    rows = build_assignments(user_ids=user_ids, courses=course_pages, seed=seed)
    return {"units": len(unit_ids), "courses": course_pages, "staff": len(user_ids),
            "assignments": rows}
