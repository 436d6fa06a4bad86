"""Throughput and p90 latency of the catalogue, a course page, a lesson page and "Mein Bereich"
against a trivial view, with the SQL queries each page needs.

    .venv/bin/python bench/pages.py                # 200 courses, 20,000 learners, 1M progress rows
    .venv/bin/python bench/pages.py --small        # a quick run on a small data set

Builds the data set once (bench/bench.sqlite3, reused by later runs), starts gunicorn on
127.0.0.1 with DEBUG off (bench/settings.py), and sends a bounded number of requests from
concurrent clients (16 by default) to each page. Each page is measured in rounds that
alternate with a trivial Django view served by the same server behind the same middleware;
a page's ratio is its throughput over the trivial view's in the same rounds (so a busy
machine affects both sides alike).
Anonymous pages are requested without any cookie (as a first visit is); logged-in pages
with the session of a learner who has enrolments and progress. Every figure is printed next
to its floor from the issue's target table.
"""

import argparse
import http.client
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

TRIVIAL = "/bench/trivial/"
# name: (logged in, ratio floor); p90 ≤ 50 ms and the query floors hold for every page.
PAGES = {
    "catalogue, anonymous": (False, 0.30),
    "course page, anonymous": (False, 0.30),
    "catalogue": (True, 0.10),
    "course page": (True, 0.10),
    "lesson page": (True, 0.10),
    "Mein Bereich": (True, 0.10),
}
P90_FLOOR_MS = 50
QUERIES_LOGGED_IN, QUERIES_ANONYMOUS = 8, 2


def setup(args) -> None:
    import django

    if args.small:
        os.environ["BENCH_DB"] = str(ROOT / "bench" / "bench-small.sqlite3")
    django.setup()


def build_data(args) -> None:
    import io

    from django.core.management import call_command

    from courses.dataset import build_courses, build_learners, build_progress
    from courses.models import CourseIndexPage, CoursePage, LessonProgress

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())
    if CoursePage.objects.filter(slug__startswith="bench-").exists():
        return
    start = time.perf_counter()
    index = CourseIndexPage.objects.get()
    courses = build_courses(index=index, courses=args.courses, lessons_per_course=args.lessons)
    learners = build_learners(count=args.learners)
    per_learner = max(1, args.progress // (args.learners * args.lessons))
    build_progress(learners=learners, courses=courses, enrolments_per_learner=per_learner)
    print(f"data set built in {time.perf_counter() - start:.0f} s: {len(courses)} courses, "
          f"{len(learners)} learners, {LessonProgress.objects.count():,} progress rows")


def session_cookie() -> tuple[str, dict[str, str]]:
    """A logged-in learner with enrolments, and the URL of each page to measure."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from courses.models import CourseIndexPage, Enrolment, LessonPage

    enrolment = Enrolment.objects.filter(learner__email__startswith="bench-").first()
    learner = enrolment.learner
    session = SessionStore()
    session[SESSION_KEY] = str(learner.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
    session.create()
    course = enrolment.course
    lesson = LessonPage.objects.child_of(course).first()
    catalogue = CourseIndexPage.objects.get().url
    return f"sessionid={session.session_key}", {
        "catalogue, anonymous": catalogue,
        "course page, anonymous": course.url,
        "catalogue": catalogue,
        "course page": course.url,
        "lesson page": lesson.url,
        "Mein Bereich": "/mein-bereich/",
    }


def query_counts(cookie: str, urls: dict[str, str]) -> dict[str, int]:
    """Queries of each page's second request (for anonymous pages: the cache hit)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for name, url in urls.items():
        client = Client()
        if PAGES[name][0]:
            client.cookies.load(cookie)
        client.get(url)
        client.get(url)  # a running server has seen the page before
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{name} ({url}): status {response.status_code}")
        counts[name] = len(captured)
    return counts


def measure(port: int, url: str, cookie: str, *, clients: int,
            requests: int) -> tuple[float, float]:
    """(requests per second, p90 latency in ms) for `requests` spread over `clients` threads
    (bench/xapi.py uses it too)."""
    elapsed, count, latencies = timed(port, url, cookie, clients=clients, requests=requests)
    latencies.sort()
    return count / elapsed, 1000 * latencies[int(0.9 * (len(latencies) - 1))]


def timed(port: int, url: str, cookie: str, *, clients: int,
          requests: int) -> tuple[float, int, list[float]]:
    """(seconds, requests, latencies) for `requests` spread over `clients` threads."""
    per_client = max(1, requests // clients)
    errors, latencies = [], []
    headers = {"Host": "localhost"}
    if cookie:
        headers["Cookie"] = cookie

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        for _ in range(per_client):
            sent = time.perf_counter()
            connection.request("GET", url, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - sent)
            if response.status != 200:
                errors.append(response.status)
        connection.close()
        latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{url}: {len(errors)} responses were not 200 (e.g. {errors[0]})")
    return elapsed, per_client * clients, latencies


def alternated(port: int, url: str, cookie: str, trivial_cookie: str, *, clients: int,
               requests: int, rounds: int) -> tuple[float, float, float]:
    """(page req/s, trivial req/s, page p90 ms), the two measured in alternating rounds."""
    chunk = max(clients, requests // rounds)
    totals = {"page": [0.0, 0], "trivial": [0.0, 0]}
    latencies: list[float] = []
    for _round in range(rounds):
        for side, side_url, side_cookie in (("trivial", TRIVIAL, trivial_cookie),
                                            ("page", url, cookie)):
            elapsed, count, times = timed(port, side_url, side_cookie, clients=clients,
                                          requests=chunk)
            totals[side][0] += elapsed
            totals[side][1] += count
            if side == "page":
                latencies.extend(times)
    latencies.sort()
    p90 = 1000 * latencies[int(0.9 * (len(latencies) - 1))]
    return (totals["page"][1] / totals["page"][0],
            totals["trivial"][1] / totals["trivial"][0], p90)


def wait_for(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
            return
        except OSError:
            time.sleep(0.2)  # the server is still starting; polled until the deadline
    raise SystemExit("the server did not start")


def run(args, cookie: str, urls: dict[str, str]) -> dict[str, tuple[float, float, float]]:
    """name: (page req/s, trivial req/s alternated with it, page p90 ms), one gunicorn."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    server = subprocess.Popen(  # noqa: S603 - our own server on loopback
        [sys.executable, "-m", "gunicorn", "bench.wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning",
         "--graceful-timeout", "5"],
        cwd=ROOT, env=env)
    options = {"clients": args.clients, "requests": args.requests}
    warm = {"clients": args.clients, "requests": args.clients * 5}
    results = {}
    try:
        wait_for(args.port, time.monotonic() + 30)
        measure(args.port, TRIVIAL, cookie, **warm)
        for name, url in urls.items():
            page_cookie = cookie if PAGES[name][0] else ""
            measure(args.port, url, page_cookie, **warm)
            results[name] = alternated(args.port, url, page_cookie, cookie, **options,
                                       rounds=args.rounds)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    return results


def report(args, results, counts) -> None:
    mark = {True: "ok", False: "BELOW"}
    print(f"\ngunicorn, {args.workers} workers, DEBUG off, {args.clients} concurrent clients, "
          f"{args.requests} requests per page in {args.rounds} rounds alternating with the "
          f"trivial view; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"{'page':<24}{'req/s':>8}{'trivial':>9}{'ratio':>7}{'floor':>7}{'':>6}"
          f"{'p90 ms':>8}{'floor':>7}{'':>6}{'queries':>8}{'floor':>7}{'':>6}")
    for name, (rate, trivial, p90) in results.items():
        logged_in, ratio_floor = PAGES[name]
        ratio = rate / trivial
        query_floor = QUERIES_LOGGED_IN if logged_in else QUERIES_ANONYMOUS
        print(f"{name:<24}{rate:>8.1f}{trivial:>9.1f}{ratio:>7.0%}{ratio_floor:>7.0%}"
              f"{mark[ratio >= ratio_floor]:>6}{p90:>8.1f}{P90_FLOOR_MS:>7}"
              f"{mark[p90 <= P90_FLOOR_MS]:>6}{counts[name]:>8}{query_floor:>7}"
              f"{mark[counts[name] <= query_floor]:>6}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="small data set, quick run")
    parser.add_argument("--courses", type=int, default=200)
    parser.add_argument("--lessons", type=int, default=5)
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--progress", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--requests", type=int, default=800)
    parser.add_argument("--rounds", type=int, default=4,
                        help="rounds alternating each page with the trivial view")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if args.small:
        args.courses, args.learners, args.progress, args.requests = 20, 200, 10_000, 400
    setup(args)
    build_data(args)
    cookie, urls = session_cookie()
    counts = query_counts(cookie, urls)
    results = run(args, cookie, urls)
    report(args, results, counts)


if __name__ == "__main__":
    main()
