import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.utils import axe_violations


@pytest.fixture
def assert_accessible(axe_source):
    def check(page):
        violations = axe_violations(page, axe_source)
        assert violations == [], f"axe-core violations on {page.url}: {violations}"
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
