"""The compliance report for the whole state on a large data set.

    DATABASE_URL=postgres://…/benchdb .venv/bin/python bench/compliance.py
    .venv/bin/python bench/compliance.py --staff 10000 --units 100   # smaller, on SQLite

Builds (once; later runs reuse it) 100,000 staff in 500 organisation units, 20 mandatory
courses and one assigned course per person and course: 2,000,000 rows would be 20 per
person, so each person gets `--per-person` (default 10) of the 20, 1,000,000 rows. Then it
measures the report "compliance per organisation unit" for the whole state as a superuser
sees it — the selector alone and the whole admin page through Django's test client —
and prints the generation time, the median time of each and the number of SQL queries,
next to a floor: counting the rows alone, which shows how fast the machine is right now.
Target: the page in under 1 s, and as many queries as for a small tree. Not a test.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
os.environ.setdefault("BENCH_DB", str(ROOT / "bench" / "bench-compliance.sqlite3"))
# The admin's second factor is not what is measured (the test settings switch it off too).
os.environ.setdefault("ADMIN_MFA_REQUIRED", "false")
PREFIX = "cb"


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--staff", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=500)
    parser.add_argument("--courses", type=int, default=20)
    parser.add_argument("--per-person", type=int, default=10,
                        help="assigned courses per person (default 10: 1,000,000 rows)")
    parser.add_argument("--runs", type=int, default=5)
    return parser.parse_args()


def build(args) -> None:
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)
    from django.db import transaction

    from bench.compliance_data import (
        build_assignments,
        build_courses,
        build_org_tree,
        build_staff,
        home_units,
    )
    from courses.assignments.models import PersonAssignment

    if PersonAssignment.objects.filter(course__slug__startswith=f"{PREFIX}-").exists():
        print(f"data set reused: {PersonAssignment.objects.count():,} assigned courses")
        return
    start = time.perf_counter()
    with transaction.atomic():
        unit_ids = build_org_tree(units=args.units, prefix=PREFIX)
        courses = build_courses(count=args.courses, prefix=PREFIX)
        user_ids = build_staff(count=args.staff, unit_ids=unit_ids, prefix=PREFIX)
        units = home_units(user_ids)
        built = time.perf_counter()
        rows = 0
        # each person gets `per_person` of the courses, shifted so that every course is used
        for offset in range(args.per_person):
            for number, course in enumerate(courses):
                people = user_ids[(number + offset) % len(courses)::len(courses)]
                rows += build_assignments(user_ids=people, courses=[course],
                                          seed=number * 100 + offset, units=units)
    took = time.perf_counter() - start
    print(f"data set built in {took:.1f} s ({time.perf_counter() - built:.1f} s for the "
          f"assigned courses): {len(unit_ids)} units, {len(user_ids):,} staff, "
          f"{len(courses)} courses, {rows:,} assigned courses")
    from django.db import connection

    if connection.vendor == "postgresql":
        # as autovacuum leaves a table after a large load: statistics, and the visibility
        # map that lets the report count from its index without visiting the table
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def measure(args) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from courses.reports.selectors import compliance_by_unit

    admin = User.objects.filter(email="bench-admin@example.org").first()
    if admin is None:
        admin = User.objects.create_superuser(email="bench-admin@example.org",
                                              password=None)
    times = []
    for _run in range(args.runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            report = compliance_by_unit(user=admin)
            times.append(time.perf_counter() - start)
    selector_queries = len(captured)
    # The floor on this machine at this moment: counting the current rows, nothing else.
    from courses.assignments.selectors import current_person_assignments

    floor = []
    for _run in range(args.runs):
        start = time.perf_counter()
        current_person_assignments().count()
        floor.append(time.perf_counter() - start)
    client = Client()
    client.force_login(admin)
    url = "/admin/reports/training/compliance/"
    client.get(url)  # warm up
    page_times = []
    for _run in range(args.runs):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            page_times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"the report answered {response.status_code}")
    print(f"database: {connection.vendor}; {report.total.total:,} assigned courses in "
          f"{len(report.rows)} units, {report.total.rate:.1f} % completed, "
          f"{report.total.overdue:,} overdue")
    print(f"floor (counting the current rows alone): median "
          f"{statistics.median(floor) * 1000:.0f} ms")
    print(f"selector compliance_by_unit: median {statistics.median(times) * 1000:.0f} ms, "
          f"{selector_queries} queries")
    print(f"admin page {url}: median {statistics.median(page_times) * 1000:.0f} ms "
          f"(target < 1000 ms), {len(captured)} queries")


def main() -> None:
    args = parse()
    build(args)
    measure(args)


if __name__ == "__main__":
    main()
