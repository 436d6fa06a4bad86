import pytest

from tests.utils import axe_violations


@pytest.fixture
def assert_accessible(axe_source):
    def check(page):
        violations = axe_violations(page, axe_source)
        assert violations == [], f"axe-core violations on {page.url}: {violations}"
    return check
