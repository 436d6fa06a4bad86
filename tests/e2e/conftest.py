import pytest

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, axe_source: str) -> list[dict]:
    """Run axe-core (WCAG 2.1 A and AA rules) on the current page; return the violations."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's devtools protocol, which the page's
        # Content-Security-Policy does not restrict (an injected <script> would be refused).
        page.evaluate(axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA)
    return [{"id": v["id"], "impact": v["impact"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


@pytest.fixture
def assert_accessible(axe_source):
    def check(page):
        violations = axe_violations(page, axe_source)
        assert violations == [], f"axe-core violations on {page.url}: {violations}"
    return check
