"""Helpers shared by tests of several apps."""

import json
import time
from pathlib import Path
from urllib.parse import quote

from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError

from accounts.models import User
from courses.h5p.attempts import h5p_attempt_token_make
from courses.models import LessonProgress

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def current_database_url() -> str:
    """DATABASE_URL of the database this test runs on, for a process started by the test."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return (f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/"
            f"{db['NAME']}")


def client_for(user) -> Client:
    """A test client logged in as `user` that checks CSRF, with its CSRF cookie set."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    client.get("/")  # sets the CSRF cookie
    return client


def attempt_for(user, lesson, content) -> str:
    """The attempt token the lesson page hands to the H5P player and its parent script."""
    return h5p_attempt_token_make(learner=user, lesson=lesson, content=content)


def send(client, lesson, content, body, *, csrf=True, attempt: str | None = None):
    """Post an xAPI `body` as the lesson page's script does, by default with a fresh
    attempt token for the client's user (pass `attempt=""` to send none)."""
    if attempt is None:
        user = User.objects.get(pk=client.session[SESSION_KEY])
        attempt = attempt_for(user, lesson, content)
    headers = {"X-CSRFToken": client.cookies["csrftoken"].value} if csrf and \
        "csrftoken" in client.cookies else {}
    payload = {"content": str(content.public_id), "statement": body}
    if attempt:
        payload["attempt"] = attempt
    return client.post(xapi_url(lesson), data=json.dumps(payload),
                       content_type="application/json", headers=headers)


def xapi_url(lesson) -> str:
    """The English endpoint: its answers are read in English whatever the last request set."""
    with translation.override("en"):
        return reverse("h5p_xapi:xapi", args=[lesson.pk])


def progress(enrolment, lesson):
    return LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).first()


def _axe_run(page, *, attempts: int = 50) -> dict:
    """axe.run, waiting while another run is under way.

    On a page with Wagtail's user bar (staff on the public site) the bar's own
    accessibility checker runs axe as the page loads, and axe allows one run at a time.
    """
    for attempt in range(attempts):
        try:
            return page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
        except PlaywrightError as error:
            if "Axe is already running" not in str(error) or attempt == attempts - 1:
                raise
            page.wait_for_timeout(200)
    raise AssertionError("unreachable")


def axe_violations(page, axe_source: str) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; return the violations.

    Waits for the page to have loaded: a test that waits only for the new URL would have
    axe read a half-parsed document (a link whose text has not arrived has no name).
    """
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's devtools protocol, which the page's
        # Content-Security-Policy does not restrict (an injected <script> would be refused).
        page.evaluate(axe_source)
    result = _axe_run(page)
    violations = [{"id": v["id"], "impact": v["impact"],
                   "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
    if missing := missing_aria_references(page):
        violations.append({"id": "aria-reference-missing", "impact": "serious",
                           "nodes": missing[:5]})
    return violations


# axe only reports an idref as "needs review" while at least one of its ids is missing,
# so a hint a screen reader never hears passes it: every referenced id must exist.
MISSING_ARIA_REFERENCES = """() => {
  const missing = [];
  for (const name of ["aria-describedby", "aria-labelledby"]) {
    for (const element of document.querySelectorAll(`[${name}]`)) {
      for (const id of element.getAttribute(name).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) {
          const tag = element.tagName.toLowerCase();
          const label = element.id ? `#${element.id}`
            : (element.name ? `[name=${element.name}]` : "");
          missing.push(`${tag}${label} ${name}=${id}`);
        }
      }
    }
  }
  return missing;
}"""


def missing_aria_references(page) -> list[str]:
    """Every `aria-describedby`/`aria-labelledby` id on the page that names no element."""
    return page.evaluate(MISSING_ARIA_REFERENCES)


def wait_until(condition, seconds: float = 5.0) -> None:
    """Poll `condition` until it holds or the deadline passes (the caller asserts after)."""
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)
