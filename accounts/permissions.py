"""Admin access shared by the screens of several apps.

- Permission policies: `ReadOnlyPermissionPolicy` for rows that change only through
  services, and `Scoped…` variants whose instances are limited to the user's
  coordination scope (a `scope(user, queryset) -> queryset` function given by the app).
- `PermissionCheckedChooserViewSet`: Wagtail's snippet choosers check no permission of
  their own, so any admin user could list and pick any snippet. This one asks the model's
  permission policy.
- `ScopedViewSetMixin`, `ScopedBulkActionMixin`: lists, exports, bulk actions and every
  view of one object respect the scope; an object outside it answers 404.
- `AuditedExportMixin`: CSV/XLSX exports with neutralised cells and an audit entry.

Every admin viewset of our apps registers an explicit policy with
`wagtail.permissions.register_permission_policy` (Wagtail 8's way; setting
`permission_policy` on a viewset is deprecated) and derives from `CheckedSnippetViewSet`
or uses `AuditedModelIndexView` for exports.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import Http404
from django.shortcuts import get_list_or_404
from django.utils.functional import cached_property
from wagtail.admin.views.generic import IndexView as GenericIndexView
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.audit import EXPORT, audit_log
from core.exports import NeutralisedSpreadsheetExportMixin


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Viewing follows Django permissions; generic add, change and delete are off for all.

    For rows that change only through their app's services (state machines with history):
    the admin lists and inspects them, dedicated views call the services.
    """

    WRITE_ACTIONS = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.WRITE_ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class _ScopedPolicyMixin:
    """Limits the instances a user may act on to `scope(user, queryset)`."""

    def __init__(self, model, *, scope, **kwargs):
        super().__init__(model, **kwargs)
        self._scope = scope

    def scope_queryset(self, user, queryset):
        """The part of `queryset` within the user's coordination scope."""
        return self._scope(user, queryset)

    def instance_in_scope(self, user, instance) -> bool:
        return self.scope_queryset(
            user, self.model._default_manager.filter(pk=instance.pk)).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scope_queryset(
            user, super().instances_user_has_any_permission_for(user, actions))

    def user_has_permission_for_instance(self, user, action, instance):
        return (super().user_has_permission_for_instance(user, action, instance)
                and self.instance_in_scope(user, instance))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        unscoped = super()  # the policy's own rule, without scope
        permitted = any(unscoped.user_has_permission_for_instance(user, action, instance)
                        for action in actions)
        return permitted and self.instance_in_scope(user, instance)


class ScopedModelPermissionPolicy(_ScopedPolicyMixin, ModelPermissionPolicy):
    """Django model permissions, limited to the instances in the user's scope."""


class ScopedReadOnlyPermissionPolicy(_ScopedPolicyMixin, ReadOnlyPermissionPolicy):
    """Read-only (see ReadOnlyPermissionPolicy), limited to the instances in scope."""


class ScopedWritePermissionPolicy(ModelPermissionPolicy):
    """Django model permissions; everyone permitted views every instance, but changes
    and deletes only the instances within their coordination scope, `scope(user,
    queryset) -> queryset` (master data everyone reads, which a limited coordinator
    must not move into their own scope).
    """

    WRITE_ACTIONS = frozenset({"change", "delete", "publish", "unpublish", "lock",
                               "unlock"})

    def __init__(self, model, *, scope, **kwargs):
        super().__init__(model, **kwargs)
        self._scope = scope

    def instance_in_scope(self, user, instance) -> bool:
        return self._scope(user, self.model._default_manager.filter(pk=instance.pk)).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return (super().user_has_permission_for_instance(user, action, instance)
                and (action not in self.WRITE_ACTIONS
                     or self.instance_in_scope(user, instance)))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance)
                   for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        if any(action not in self.WRITE_ACTIONS and self.user_has_permission(user, action)
               for action in actions):
            return instances  # a read permission reaches every instance
        return self._scope(user, instances)


class ScopedWriteViewSetMixin:
    """For a model with a `ScopedWritePermissionPolicy`: every view of one object that
    needs a write permission (edit, delete, usage, revisions, lock…) answers 404 for an
    object outside the user's scope; listings and inspection stay whole."""

    def construct_view(self, view_class, **kwargs):
        view = super().construct_view(view_class, **kwargs)
        action = getattr(view_class, "permission_required", None)
        if not isinstance(action, str) or action not in ScopedWritePermissionPolicy.WRITE_ACTIONS:
            return view
        model = self.model

        @wraps(view)
        def scoped_view(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                policy = policy_registry.get_by_type(model)
                instance = model._default_manager.filter(pk=unquote(str(pk))).first()
                # Without the permission at all the view itself refuses (403).
                if (instance is not None and policy.user_has_permission(request.user, action)
                        and not policy.instance_in_scope(request.user, instance)):
                    raise Http404
            return view(request, *args, **view_kwargs)

        return scoped_view


# Any of these on the model lets a user pick its objects in a chooser (as for listing).
CHOOSER_ACTIONS = ("choose", "view", "add", "change", "delete")


class _PermissionCheckedChooserMixin:
    """403 without a permission on the model; lists and returns only permitted objects."""

    @cached_property
    def chooser_policy(self):
        return policy_registry.get_by_type(self.model_class)

    def dispatch(self, request, *args, **kwargs):
        if not self.chooser_policy.user_has_any_permission(request.user, CHOOSER_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def chooser_queryset(self):
        return self.chooser_policy.instances_user_has_any_permission_for(
            self.request.user, CHOOSER_ACTIONS)


class _CheckedChooseView(_PermissionCheckedChooserMixin, ChooseView):
    def get_object_list(self):
        return self.chooser_queryset()


class _CheckedChooseResultsView(_PermissionCheckedChooserMixin, ChooseResultsView):
    def get_object_list(self):
        return self.chooser_queryset()


class _CheckedChosenView(_PermissionCheckedChooserMixin, SnippetChosenView):
    def get_object(self, pk):
        return self.chooser_queryset().get(pk=pk)


class _CheckedChosenMultipleView(_PermissionCheckedChooserMixin, SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.chooser_queryset().filter(pk__in=pks)


class _CheckedCreateView(_PermissionCheckedChooserMixin, SnippetCreateView):
    pass


class PermissionCheckedChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser that asks the model's permission policy (see CHOOSER_ACTIONS)."""

    choose_view_class = _CheckedChooseView
    choose_results_view_class = _CheckedChooseResultsView
    chosen_view_class = _CheckedChosenView
    chosen_multiple_view_class = _CheckedChosenMultipleView
    create_view_class = _CheckedCreateView


class AuditedExportMixin(NeutralisedSpreadsheetExportMixin):
    """Neutralised CSV/XLSX exports (core.exports), each recorded in the audit log."""

    def export_done(self, *, queryset, export_format: str) -> None:
        # Filter names and values, never the free-text search (it may be a person's name).
        filters = {key: values for key, values in self.request.GET.lists()
                   if key not in ("export", "q", "p")}
        audit_log(action=EXPORT, user=self.request.user, data={
            "export": queryset.model._meta.label_lower, "format": export_format,
            "rows": queryset.count(), "filters": filters,
            "search": bool(self.request.GET.get("q"))})


class AuditedSnippetIndexView(AuditedExportMixin, SnippetIndexView):
    pass


class AuditedModelIndexView(AuditedExportMixin, GenericIndexView):
    pass


class CheckedSnippetViewSet(SnippetViewSet):
    """The base of our snippet screens: a permission-checked chooser, audited exports."""

    chooser_viewset_class = PermissionCheckedChooserViewSet
    index_view_class = AuditedSnippetIndexView


class _ScopedIndexViewMixin:
    def get_base_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        return policy.scope_queryset(self.request.user, super().get_base_queryset())


class ScopedViewSetMixin:
    """For a model with a scoped policy: the listing (and its exports) show only the
    objects in the user's scope, and every view of one object (inspect, edit, history,
    usage, delete…) answers 404 for an object outside it."""

    def on_register(self):
        if not hasattr(policy_registry.get_by_type(self.model), "scope_queryset"):
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs a scoped permission policy for "
                f"{self.model.__name__}.")
        super().on_register()

    def construct_view(self, view_class, **kwargs):
        if (issubclass(view_class, GenericIndexView)
                and not issubclass(view_class, _ScopedIndexViewMixin)):
            view_class = type(f"Scoped{view_class.__name__}",
                              (_ScopedIndexViewMixin, view_class), {})
        view = super().construct_view(view_class, **kwargs)
        model = self.model

        @wraps(view)
        def scoped_view(request, *args, **view_kwargs):
            pk = view_kwargs.get("pk")
            if pk is not None:
                policy = policy_registry.get_by_type(model)
                objects = model._default_manager.filter(pk=unquote(str(pk)))
                if not policy.scope_queryset(request.user, objects).exists():
                    raise Http404
            return view(request, *args, **view_kwargs)

        return scoped_view


class ScopedBulkActionMixin:
    """A bulk action that finds only objects in the user's scope: ids outside it are
    treated as unknown (never listed by name, never acted on)."""

    def _scoped(self, queryset):
        return policy_registry.get_by_type(self.model).scope_queryset(
            self.request.user, queryset)

    def get_queryset(self, model, object_ids):
        # An instance method on purpose: the base classmethod cannot see the request.
        return get_list_or_404(self._scoped(model._default_manager.filter(pk__in=object_ids)))

    def get_all_objects_in_listing_query(self, parent_id):
        return self._scoped(self.model._default_manager.all()).values_list("pk", flat=True)
