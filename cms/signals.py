"""Cache invalidation only: drop cached navigation and pages when content changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import FooterLink, HeaderLink, NavigationSettings
from cms.templatetags.site_tags import navigation_invalidate
from core import pagecache


def _invalidate(sender, **kwargs) -> None:
    navigation_invalidate()
    pagecache.pages_invalidate()


def connect() -> None:
    page_published.connect(_invalidate, dispatch_uid="cms_nav_published")
    page_unpublished.connect(_invalidate, dispatch_uid="cms_nav_unpublished")
    post_page_move.connect(_invalidate, dispatch_uid="cms_nav_moved")
    for model in (NavigationSettings, HeaderLink, FooterLink):
        post_save.connect(_invalidate, sender=model, dispatch_uid=f"cms_nav_save_{model.__name__}")
        post_delete.connect(_invalidate, sender=model,
                            dispatch_uid=f"cms_nav_delete_{model.__name__}")
    # Published pages show these rows too: the catalogue's topics and competence areas,
    # a course page's link to its seminar dates.
    # late import: courses' models import cms (blocks, pages) at module level
    from courses.models import CompetenceArea, CourseTopic, Session

    pagecache.connect()
    for model in (CourseTopic, CompetenceArea, Session):
        pagecache.invalidate_on_change(model)
