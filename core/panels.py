"""A Wagtail admin home panel of counted items, each with a link to where the work is.

Apps register their own panels through the `construct_homepage_panels` hook and decide
themselves who sees them and which records count (the coordinator's scope).
"""

from dataclasses import dataclass

from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class CountItem:
    label: str  # what is counted, e.g. "overdue mandatory courses"
    count: int
    url: str
    link_text: str  # the link's own words, e.g. "Show the overdue list"


class CountPanel(Component):
    """One panel on the admin home: a heading and counted items with links."""

    template_name = "includes/admin_count_panel.html"

    def __init__(self, *, name: str, heading: str, items: list[CountItem], order: int = 90):
        self.name = name
        self.heading = heading
        self.items = items
        self.order = order

    def get_context_data(self, parent_context=None):
        return {"panel_id": f"panel-{self.name}", "heading": self.heading,
                "items": self.items}
