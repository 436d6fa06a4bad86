import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.demo_snapshot import SNAPSHOT
from tests.utils import axe_violations


@pytest.fixture
def assert_accessible(axe_source):
    def check(page):
        violations = axe_violations(page, axe_source)
        assert violations == [], f"axe-core violations on {page.url}: {violations}"
    return check


@pytest.fixture
def seeded():
    """Call it to have the demo in the database as `manage.py seed_demo` makes it: seeded by
    the first test of each process, copied back for the next (tests/demo_snapshot.py)."""
    return SNAPSHOT.seed


@pytest.fixture
def demo_site(live_server, jobs_inline, seeded):
    """The live server's URL with the demo seeded; jobs (mails, certificates) run inline."""
    seeded()
    return live_server.url


@pytest.fixture
def new_page(browser):
    """A page in a browser context of its own (one per person); closed after the test."""
    contexts = []

    def make():
        contexts.append(browser.new_context(locale="en-GB"))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def admin_accessible(assert_accessible):
    """axe-core on a Wagtail admin page, all WCAG 2.1 AA rules, nothing excluded.

    Wagtail fades its messages in (opacity transitions, some of them long): jump every
    finite animation to its end, else axe measures the contrast of half-transparent text.
    Waiting for them instead cost about 25 s per admin page.
    """
    def check(page):
        page.wait_for_load_state("load")  # animations that start on load are finished too
        page.evaluate("document.getAnimations().filter("
                      "a => a.effect?.getTiming().iterations !== Infinity)"
                      ".forEach(a => a.finish())")
        assert_accessible(page)
    return check


@pytest.fixture(autouse=True)
def _requests_done_before_teardown(request):
    """Let the page's last requests finish before the database is flushed.

    A lesson page posts "viewed" as it loads; if the test ends right then, the live
    server's thread still writes while the flush truncates the tables (a deadlock on
    PostgreSQL). Taking `page` here makes this run its teardown before the page closes.
    """
    if "page" not in request.fixturenames:
        yield
        return
    page = request.getfixturevalue("page")
    yield
    try:
        page.wait_for_load_state("networkidle", timeout=10_000)
    except PlaywrightTimeoutError:
        pass  # a page that keeps polling: nothing more to wait for
