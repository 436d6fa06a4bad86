"""Throughput of the xAPI endpoint (H5P results) against the trivial view, same server.

    .venv/bin/python bench/xapi.py [--statements N] [--clients N] [--workers N]

Uses bench/pages.py's data set builder (the small data set, in its own file
bench/bench-xapi.sqlite3, or BENCH_DB), its gunicorn settings (bench.settings: DEBUG off,
the site's middleware) and its trivial view and request loop. A learner of that data set
is enrolled in the demo's H5P lesson; each posted statement is a fresh one (a new UUID), as
the player sends them: three of four are child statements ("interacted", with a parent
context: stored, not counted), one of four a top-level "answered" with a score (stored and
counted: it records the lesson's progress). Prints the SQL queries of each kind, the
endpoint's throughput and p90, and its ratio to the trivial view measured before and after
it (floor: 25 %). Not a test.
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BENCH_DB", str(ROOT / "bench" / "bench-xapi.sqlite3"))

from bench import pages  # noqa: E402 - sets DJANGO_SETTINGS_MODULE to bench.settings

TRIVIAL = "/bench/trivial/"
FLOOR = 0.25
SMALL = SimpleNamespace(small=False, courses=20, lessons=5, learners=200, progress=10_000)
H5P_LESSON_SLUG = "uebung-posteingang"  # the demo's H5P exercise (courses.demo)


def learner_session() -> tuple[str, dict]:
    """The session cookie of bench/pages.py's learner, enrolled in the H5P lesson's course,
    and what a statement needs: the URL, a CSRF token and the player's attempt token."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from accounts.models import User
    from courses.catalogue.models import LessonPage
    from courses.h5p.attempts import h5p_attempt_token_make
    from courses.learning.models import Enrolment
    from courses.services import enrolment_create

    cookie, _urls = pages.session_cookie()
    session_key = cookie.split("=", 1)[1]
    learner = User.objects.get(pk=SessionStore(session_key)[SESSION_KEY])
    lesson = LessonPage.objects.live().get(slug=H5P_LESSON_SLUG)
    course = lesson.course()
    if not Enrolment.objects.filter(learner=learner, course=course).exists():
        enrolment_create(learner=learner, course=course)
    content = lesson.h5p_block().value["content"]
    csrf = _get_new_csrf_string()
    return f"{cookie}; csrftoken={csrf}", {
        "url": f"/lernen/h5p/lektion/{lesson.pk}/", "csrf": csrf,
        "content": str(content.public_id),
        "attempt": h5p_attempt_token_make(learner=learner, lesson=lesson, content=content),
        "object": f"http://localhost/h5p/{content.public_id}/",
    }


def statement(target: dict, index: int) -> bytes:
    """The index-th statement: every fourth a top-level answer, the others child ones."""
    top = index % 4 == 0
    body = {"id": str(uuid.uuid4()),
            "verb": {"id": "http://adlnet.gov/expapi/verbs/"
                           + ("answered" if top else "interacted")},
            "object": {"id": target["object"] + ("" if top else f"?subContentId={index}")},
            "result": {"score": {"raw": 3, "max": 4, "scaled": 0.75}, "completion": True,
                       "success": True, "duration": "PT12S"} if top else {}}
    if not top:
        body["context"] = {"contextActivities": {"parent": [{"id": target["object"]}]}}
    return json.dumps({"content": target["content"], "attempt": target["attempt"],
                       "statement": body}).encode()


def headers(cookie: str, target: dict) -> dict[str, str]:
    return {"Cookie": cookie, "Host": "localhost", "X-CSRFToken": target["csrf"],
            "Content-Type": "application/json"}


def query_counts(cookie: str, target: dict) -> dict[str, int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies.load(cookie)
    counts = {}
    for name, index in (("top-level answer", 0), ("child statement", 1)):
        client.post(target["url"], statement(target, index), content_type="application/json",
                    headers={"X-CSRFToken": target["csrf"]})  # the first of its kind
        with CaptureQueriesContext(connection) as captured:
            response = client.post(target["url"], statement(target, index),
                                   content_type="application/json",
                                   headers={"X-CSRFToken": target["csrf"]})
        if response.status_code != 200:
            raise SystemExit(f"xAPI: status {response.status_code}: {response.content[:200]}")
        counts[name] = len(captured)
    return counts


def post_measure(port: int, cookie: str, target: dict, *, clients: int,
                 requests: int) -> tuple[float, float]:
    """(statements per second, p90 ms): `requests` fresh statements over `clients` threads."""
    per_client = max(1, requests // clients)
    errors, latencies = [], []

    def worker(offset: int):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        for number in range(per_client):
            body = statement(target, offset + number)
            sent = time.perf_counter()
            connection.request("POST", target["url"], body=body, headers=headers(cookie, target))
            response = connection.getresponse()
            response.read()
            mine.append(time.perf_counter() - sent)
            if response.status != 200:
                errors.append(response.status)
        connection.close()
        latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i * per_client,)) for i in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        raise SystemExit(f"xAPI: {len(errors)} responses were not 200 (e.g. {errors[0]})")
    latencies.sort()
    return per_client * clients / elapsed, 1000 * latencies[int(0.9 * (len(latencies) - 1))]


def rate_of(measured) -> float:
    """bench/pages.py's measure() gives requests per second (and p90 with newer versions)."""
    return measured[0] if isinstance(measured, tuple) else measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=800)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    pages.setup(SMALL)
    pages.build_data(SMALL)
    cookie, target = learner_session()
    counts = query_counts(cookie, target)
    server = subprocess.Popen(  # noqa: S603 - our own server on loopback
        [sys.executable, "-m", "gunicorn", "bench.wsgi", "--workers", str(args.workers),
         "--bind", f"127.0.0.1:{args.port}", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"})
    options = {"clients": args.clients, "requests": args.statements}
    try:
        pages.wait_for(args.port, time.monotonic() + 60)
        pages.measure(args.port, TRIVIAL, cookie, clients=args.clients,
                      requests=args.clients * 5)
        post_measure(args.port, cookie, target, clients=args.clients,
                     requests=args.clients * 5)
        before = rate_of(pages.measure(args.port, TRIVIAL, cookie, **options))
        rate, p90 = post_measure(args.port, cookie, target, **options)
        after = rate_of(pages.measure(args.port, TRIVIAL, cookie, **options))
    finally:
        server.terminate()
        server.wait(timeout=30)
    trivial = (before + after) / 2
    print(f"\ngunicorn, {args.workers} workers, DEBUG off, {args.clients} concurrent clients, "
          f"{args.statements} statements; {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f}")
    print("queries per statement: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print(f"trivial view {trivial:.1f} req/s (before {before:.1f}, after {after:.1f})")
    print(f"xAPI endpoint {rate:.1f} statements/s, p90 {p90:.1f} ms: {rate / trivial:.0%} of "
          f"the trivial view (floor {FLOOR:.0%}: {'ok' if rate / trivial >= FLOOR else 'BELOW'})")


if __name__ == "__main__":
    main()
