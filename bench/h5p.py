"""H5P speed: validation and import of a 150-file, 2 MB package, and xAPI throughput over HTTP.

    .venv/bin/python bench/h5p.py [REQUESTS]

1. Builds a package with 150 files (~2 MB, incompressible media) from the demo package
   (the project's own library) and times `validate_package` and `h5p_content_import`
   (median of 5 runs each).
2. Starts a real HTTP server (wsgiref, one process, in a subprocess on 127.0.0.1) serving
   the Django WSGI app plus a trivial WSGI view, then sends REQUESTS (default 300) xAPI
   statements as an enrolled learner (session cookie, CSRF token and the attempt token a
   lesson page would hand out) and REQUESTS requests to
   the trivial view, one after the other, and prints requests per second for both.

Uses a throwaway SQLite database and media folder in /tmp. Not a test.
"""

import http.client
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORKDIR = Path(os.environ.get("H5P_BENCH_DIR") or tempfile.mkdtemp(prefix="bench-h5p-"))
os.environ["H5P_BENCH_DIR"] = str(WORKDIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

settings.MEDIA_ROOT = WORKDIR / "media"


def trivial_then_django(environ, start_response):
    """The server's app: /trivial/ answers at once, everything else goes to Django."""
    if environ.get("PATH_INFO") == "/trivial/":
        start_response("200 OK", [("Content-Type", "application/json"),
                                  ("Content-Length", "11")])
        return [b'{"ok":true}']
    from config.wsgi import application

    return application(environ, start_response)


def serve(port: int) -> None:
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    with make_server("127.0.0.1", port, trivial_then_django, handler_class=Quiet) as server:
        print("ready", flush=True)
        server.serve_forever()


def big_package(index: int) -> bytes:
    from courses.h5p.demo import demo_package_files, pack

    files = demo_package_files()
    content = json.loads(files["content/content.json"])
    content["question"] = f"Frage {index}"
    files["content/content.json"] = json.dumps(content).encode()
    for number in range(150 - len(files)):
        files[f"content/images/bild-{number:03d}.png"] = b"\x89PNG\r\n\x1a\n" + os.urandom(
            14_000)
    if len(files) != 150:
        raise SystemExit(f"package has {len(files)} files")
    return pack(files)


def bench_import() -> None:
    from courses.h5p.services import h5p_content_import
    from courses.h5p.validator import validate_package

    packages = [big_package(i) for i in range(6)]
    size = len(packages[0])
    validation = []
    for data in packages[:5]:
        start = time.perf_counter()
        report = validate_package(io.BytesIO(data))
        validation.append(time.perf_counter() - start)
        if not report.valid:
            raise SystemExit(report.problems)
    imports = []
    for data in packages[1:]:  # the first import also installs the library
        start = time.perf_counter()
        h5p_content_import(source=io.BytesIO(data))
        imports.append(time.perf_counter() - start)
    print(f"package: 150 files, {size / 1e6:.2f} MB compressed")
    print(f"validate: median {statistics.median(validation) * 1000:.1f} ms "
          f"(min {min(validation) * 1000:.1f}, max {max(validation) * 1000:.1f})")
    print(f"import (validate + hash + extract + rows): median "
          f"{statistics.median(imports) * 1000:.1f} ms (min {min(imports) * 1000:.1f}, "
          f"max {max(imports) * 1000:.1f})")


def seed_lesson():
    """A course with one H5P lesson and an enrolled learner.

    Returns (lesson, content, session key, CSRF token, attempt token).
    """
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string
    from wagtail.models import Page

    from accounts.models import User
    from courses.h5p.attempts import h5p_attempt_token_make
    from courses.h5p.models import H5PContent
    from courses.models import CourseIndexPage, CoursePage, LessonPage
    from courses.services import enrolment_create

    content = H5PContent.objects.first()
    root = Page.get_first_root_node()
    index = CourseIndexPage(title="Kurse", slug="bench-kurse")
    root.add_child(instance=index)
    course = CoursePage(title="Bench", slug="bench", teaser="Bench")
    index.add_child(instance=course)
    body = json.dumps([{"type": "h5p", "id": str(uuid.uuid4()), "value": {
        "content": content.pk, "title": "", "completion": "passed", "pass_mark": 80}}])
    lesson = LessonPage(title="Übung", slug="uebung", requirement="passed", body=body)
    course.add_child(instance=lesson)
    learner = User.objects.create_user(email="bench@example.org", password="x" * 12)
    enrolment_create(learner=learner, course=course)
    session = SessionStore()
    session[SESSION_KEY] = str(learner.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = learner.get_session_auth_hash()
    session.create()
    attempt = h5p_attempt_token_make(learner=learner, lesson=lesson, content=content)
    return lesson, content, session.session_key, get_random_string(32), attempt


def timed_requests(port: int, count: int, request) -> float:
    start = time.perf_counter()
    for index in range(count):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        method, path, body, headers = request(index)
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{method} {path}: HTTP {response.status}")
        connection.close()
    return time.perf_counter() - start


def bench_http(count: int) -> None:
    lesson, content, session, csrf, attempt = seed_lesson()
    port = 18000 + os.getpid() % 1000
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port)],  # noqa: S603
                              stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        if server.stdout.readline().strip() != "ready":
            raise SystemExit("the server did not start")
        cookies = f"sessionid={session}; csrftoken={csrf}"
        path = f"/lernen/h5p/lektion/{lesson.pk}/"

        def xapi(index):
            statement = {"id": str(uuid.uuid4()),
                         "verb": {"id": "http://adlnet.gov/expapi/verbs/answered"},
                         "object": {"id": "http://127.0.0.1/h5p"},
                         "result": {"score": {"raw": index % 5, "max": 4}, "completion": True}}
            body = json.dumps({"content": str(content.public_id), "attempt": attempt,
                               "statement": statement})
            return "POST", path, body, {"Content-Type": "application/json",
                                        "Cookie": cookies, "X-CSRFToken": csrf,
                                        "Host": "127.0.0.1"}

        def trivial(index):
            return "GET", "/trivial/", None, {"Host": "127.0.0.1"}

        timed_requests(port, 10, trivial)  # warm up both paths
        timed_requests(port, 10, xapi)
        xapi_seconds = timed_requests(port, count, xapi)
        trivial_seconds = timed_requests(port, count, trivial)
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"HTTP (wsgiref, one process, sequential, new connection per request), "
          f"{count} requests each:")
    print(f"  xAPI endpoint: {count / xapi_seconds:.0f} req/s "
          f"({xapi_seconds / count * 1000:.1f} ms per statement, stored and evaluated)")
    print(f"  trivial view:  {count / trivial_seconds:.0f} req/s "
          f"({trivial_seconds / count * 1000:.2f} ms per request)")


def main() -> None:
    from django.core.management import call_command

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    print(f"working in {WORKDIR}")
    call_command("migrate", verbosity=0, interactive=False)
    try:
        bench_import()
        bench_http(count)
    finally:
        shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--serve":
        serve(int(sys.argv[2]))
    else:
        main()
