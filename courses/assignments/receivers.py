"""Keep each person's assigned courses in line with who they are: a new account, a move to
another unit, a role given or taken, a deactivated account; and reassign after a new
content version is published. Connected in CoursesConfig.ready()."""

from django.db.models.signals import m2m_changed, post_init, post_migrate, post_save
from django.utils import timezone
from wagtail.signals import page_published

from accounts.models import User
from core.jobs import enqueue_on_commit
from courses.assignments.models import PersonAssignment
from courses.assignments.services import JOB_GROUP, VERSION_TASK, person_assignments_sync
from courses.assignments.tasks import recertification_schedule_ensure_handler
from courses.catalogue.models import CoursePage

WATCHED_FIELDS = {"home_unit", "is_active"}


def remember_home_unit(sender, instance, **kwargs):
    instance._assignments_home_unit_id = instance.home_unit_id
    instance._assignments_active = instance.is_active


def user_saved(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and not WATCHED_FIELDS & set(update_fields)):
        return
    moved = created or instance.home_unit_id != getattr(
        instance, "_assignments_home_unit_id", instance.home_unit_id)
    switched = instance.is_active != getattr(instance, "_assignments_active",
                                             instance.is_active)
    if moved or switched:
        person_assignments_sync(user=instance,
                                joined_on=timezone.localdate() if moved else None)
    remember_home_unit(sender, instance)


def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        person_assignments_sync(user=instance)
        return
    # group.user_set.add(...): `instance` is the group, pk_set the users (None on clear)
    if pk_set is None:
        return
    for user in User.objects.filter(pk__in=pk_set).select_related("home_unit"):
        person_assignments_sync(user=user)


def course_published(sender, instance, revision=None, **kwargs):
    """A raised content version with "reassign" ticked: the holders of older versions must
    complete the course again (a job after commit)."""
    course = instance.specific if not isinstance(instance, CoursePage) else instance
    if not isinstance(course, CoursePage) or not course.reassign_on_new_version:
        return
    if not PersonAssignment.objects.filter(course=course, ended_at__isnull=True,
                                           completed_at__isnull=False).exclude(
            completed_version=course.content_version).exists():
        return
    enqueue_on_commit(VERSION_TASK, course.pk, course.content_version, group=JOB_GROUP,
                      timeout=170)


def connect(app_config=None) -> None:
    post_init.connect(remember_home_unit, sender=User,
                      dispatch_uid="assignments_remember_home_unit")
    post_save.connect(user_saved, sender=User, dispatch_uid="assignments_user_saved")
    m2m_changed.connect(groups_changed, sender=User.groups.through,
                        dispatch_uid="assignments_groups_changed")
    page_published.connect(course_published, sender=CoursePage,
                           dispatch_uid="assignments_course_published")
    # the daily recertification run is a django-q2 schedule, kept on every migrate
    post_migrate.connect(recertification_schedule_ensure_handler, sender=app_config,
                         dispatch_uid="assignments_recertification_schedule")
