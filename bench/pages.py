"""Throughput of the catalogue, a lesson page and "Mein Bereich" against a trivial view.

    .venv/bin/python bench/pages.py                # 200 courses, 20,000 learners, 1M progress rows
    .venv/bin/python bench/pages.py --small        # a quick run on a small data set

Builds the data set once (bench/bench.sqlite3, reused by later runs), starts gunicorn on
127.0.0.1, sends a bounded number of requests from concurrent clients to each page and to a
trivial Django view served by the same server, and prints each page's throughput as a ratio
of the trivial view's, plus the number of SQL queries each page needs.
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
    """A logged-in learner with enrolments, and the URLs to measure."""
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
    lesson = LessonPage.objects.child_of(enrolment.course).first()
    return f"sessionid={session.session_key}", {
        "trivial view": "/bench/trivial/",
        "catalogue": CourseIndexPage.objects.get().url,
        "lesson page": lesson.url,
        "Mein Bereich": "/mein-bereich/",
    }


def query_counts(cookie: str, urls: dict[str, str]) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies.load(cookie)
    counts = {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts[name] = len(captured)
    return counts


def measure(port: int, url: str, cookie: str, *, clients: int, requests: int) -> float:
    """Requests per second for `requests` requests spread over `clients` threads."""
    per_client = requests // clients
    errors = []

    def worker():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(per_client):
            connection.request("GET", url, headers={"Cookie": cookie, "Host": "localhost"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"{url}: {len(errors)} responses were not 200 (e.g. {errors[0]})")
    return per_client * clients / elapsed


def wait_for(port: int, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
            return
        except OSError:
            time.sleep(0.2)  # the server is still starting; polled until the deadline
    raise SystemExit("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="small data set, quick run")
    parser.add_argument("--courses", type=int, default=200)
    parser.add_argument("--lessons", type=int, default=5)
    parser.add_argument("--learners", type=int, default=20_000)
    parser.add_argument("--progress", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    if args.small:
        args.courses, args.learners, args.progress, args.requests = 20, 200, 10_000, 200
    setup(args)
    build_data(args)
    cookie, urls = session_cookie()
    counts = query_counts(cookie, urls)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    server = subprocess.Popen(  # noqa: S603 - our own server on loopback
        [sys.executable, "-m", "gunicorn", "bench.wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning"],
        cwd=ROOT, env=env)
    try:
        wait_for(args.port, time.monotonic() + 30)
        results = {}
        for name, url in urls.items():
            measure(args.port, url, cookie, clients=args.clients, requests=args.clients * 5)
            results[name] = measure(args.port, url, cookie, clients=args.clients,
                                    requests=args.requests)
    finally:
        server.terminate()
        server.wait(timeout=10)
    trivial = results["trivial view"]
    print(f"\ngunicorn, {args.workers} workers, {args.clients} concurrent clients, "
          f"{args.requests} requests per page")
    print(f"{'page':<16}{'req/s':>10}{'ratio':>10}{'queries':>10}")
    for name, rate in results.items():
        print(f"{name:<16}{rate:>10.1f}{rate / trivial:>10.0%}{counts[name]:>10}")


if __name__ == "__main__":
    main()
