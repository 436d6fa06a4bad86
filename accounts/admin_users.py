"""The Wagtail user screens, extended with our fields and limited to what the editor may grant.

Who may grant what is the table in accounts/roles.py. The forms offer only the fields and
group choices the editing person may change (no administrator flag or password fields for
non-superusers); groups, coordination scope and the administrator flag are written only
through `accounts.services.user_roles_change`, which refuses a forged POST as well.
"""

from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.views.generic.models import CopyViewMixin
from wagtail.admin.views.generic.usage import UsageView
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, SetActiveStateBulkAction
from wagtail.users.views.users import CreateView, EditView, HistoryView, IndexView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts.exceptions import RoleChangeForbidden
from accounts.models import OrgUnit, User
from accounts.roles import ROLES_GRANTED_WITHIN_SCOPE, roles_grantable_by
from accounts.selectors import (
    orgunit_ids_in_scope,
    person_within_actor_scope,
    scope_within_actor,
)
from accounts.services import user_roles_change, user_roles_change_check

EXTRA_FIELDS = ("display_name", "home_unit", "supervisor")
# Written through the service, never by ModelForm's construct_instance / save_m2m.
ROLE_FIELDS = {"is_superuser", "groups", "scope_units"}


def grantable_groups(actor):
    """The groups `actor` may give and take (all for a superuser)."""
    names = roles_grantable_by(actor)
    groups = Group.objects.order_by("name")
    return groups if names is None else groups.filter(name__in=names)


def actor_may_manage_account(actor, target) -> bool:
    """Whether `actor` may change `target`'s login data (email, active state).

    Only when the target holds no right the actor could not grant: otherwise changing
    the address and resetting the password would hand the actor those rights.
    """
    if actor.is_superuser:
        return True
    if target.is_superuser or target.is_staff:
        return False
    if target.pk == actor.pk:
        return True
    if not person_within_actor_scope(actor, target):
        return False
    grantable = roles_grantable_by(actor) or frozenset()
    held = set(target.groups.values_list("name", flat=True))
    if not held <= grantable:
        return False
    scoped = {str(role) for role in ROLES_GRANTED_WITHIN_SCOPE}
    if held & scoped:
        return scope_within_actor(actor, target.scope_units.values_list("pk", flat=True))
    return True


class _AccountFieldsMixin(forms.ModelForm):
    display_name = forms.CharField(label=_("Display name"), required=False, max_length=150)
    home_unit = forms.ModelChoiceField(label=_("Home unit"), required=False,
                                       queryset=OrgUnit.objects.all())
    supervisor = forms.ModelChoiceField(label=_("Supervisor"), required=False,
                                        queryset=User.objects.filter(is_active=True))
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups"), required=False, queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The roles you may give or take. Other roles stay as they are."))
    scope_units = forms.ModelMultipleChoiceField(
        label=capfirst(User._meta.get_field("scope_units").verbose_name), required=False,
        queryset=OrgUnit.objects.none(),
        help_text=User._meta.get_field("scope_units").help_text)

    def __init__(self, *args, actor=None, **kwargs):
        if actor is None:
            raise TypeError("The user forms need the editing user (actor).")
        self.actor = actor
        super().__init__(*args, **kwargs)
        target = self.instance
        existing = target.pk is not None
        self.fields["groups"].queryset = grantable_groups(actor)
        self.kept_groups = Group.objects.none()
        if existing:
            self.kept_groups = target.groups.exclude(
                pk__in=self.fields["groups"].queryset.values("pk"))
            self.initial["groups"] = list(target.groups.values_list("pk", flat=True))
            self.initial["scope_units"] = list(target.scope_units.values_list("pk", flat=True))
            self.initial["is_superuser"] = target.is_superuser

        if not actor.is_superuser:
            self.fields.pop("is_superuser", None)
            if existing and target.pk == actor.pk:
                # Nobody raises their own rights: shown, not changeable.
                self.fields["groups"].queryset = Group.objects.filter(
                    pk__in=target.groups.values("pk"))
                self.fields["groups"].disabled = True
                self.fields["groups"].help_text = _(
                    "You cannot change your own roles or coordination scope.")
                self.fields["scope_units"].disabled = True
                self.kept_groups = Group.objects.none()
            if existing and not actor_may_manage_account(actor, target):
                for name in ("email", "is_active"):
                    if name in self.fields:
                        self.fields[name].disabled = True
                        self.fields[name].help_text = _(
                            "Only an administrator can change this: the person holds "
                            "rights you cannot grant.")
        self._limit_scope_field()
        allowed_units = orgunit_ids_in_scope(actor)
        if allowed_units is not None and "home_unit" in self.fields:
            # A limited coordinator places people only in units of their own scope.
            current_unit = {target.home_unit_id} - {None}
            self.fields["home_unit"].queryset = OrgUnit.objects.filter(
                pk__in=allowed_units | current_unit)
        if self.kept_groups.exists():
            self.fields["groups"].help_text = _(
                "The roles you may give or take. Also holds, unchanged: %(groups)s.") % {
                "groups": ", ".join(self.kept_groups.values_list("name", flat=True))}

    @property
    def password_enabled(self):
        # Nobody but a superuser sets another person's password (or anyone's, here; a
        # person changes their own under Account settings).
        return self.actor.is_superuser and super().password_enabled

    def _limit_scope_field(self):
        field = self.fields["scope_units"]
        scoped = {str(role) for role in ROLES_GRANTED_WITHIN_SCOPE}
        may_grant_scoped = self.actor.is_superuser or bool(
            set(self.fields["groups"].queryset.values_list("name", flat=True)) & scoped)
        if not may_grant_scoped:
            del self.fields["scope_units"]
            return
        allowed = orgunit_ids_in_scope(self.actor)
        current = self.initial.get("scope_units", [])
        if allowed is None:
            field.queryset = OrgUnit.objects.all()
        else:
            field.queryset = OrgUnit.objects.filter(pk__in=allowed | set(current))
        if not field.disabled and current and not scope_within_actor(self.actor, current):
            field.disabled = True

    def clean_supervisor(self):
        supervisor = self.cleaned_data.get("supervisor")
        if supervisor is not None and self.instance.pk and supervisor.pk == self.instance.pk:
            raise forms.ValidationError(_("A person cannot be their own supervisor."))
        return supervisor

    def role_change_kwargs(self) -> dict:
        data = self.cleaned_data
        groups = [*self.kept_groups, *data.get("groups", [])]
        kwargs = {"groups": groups}
        if "scope_units" in self.fields:
            kwargs["scope_units"] = list(data.get("scope_units") or [])
        if "is_superuser" in self.fields:
            kwargs["is_superuser"] = bool(data.get("is_superuser"))
        return kwargs

    def _post_clean(self):
        # After the instance has the submitted values (a new home unit counts for scope).
        super()._post_clean()
        if "groups" in self.cleaned_data:
            try:
                user_roles_change_check(actor=self.actor, user=self.instance,
                                        **self.role_change_kwargs())
            except RoleChangeForbidden as error:
                self.add_error(None, error.message)

    def save(self, commit=True):
        creating = self.instance.pk is None
        user = super().save(commit=False)
        if creating and not self.password_enabled:
            user.set_unusable_password()  # the person sets one through "forgot password"
        if "is_active" in self.changed_data:
            # Decided by hand now: no registration link may activate the account later.
            user.registration_pending = False
        if commit:
            user.save()
            self.save_m2m()
            user_roles_change(actor=self.actor, user=user, **self.role_change_kwargs())
        return user


class AccountUserCreationForm(_AccountFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = ({*UserCreationForm.Meta.fields, *EXTRA_FIELDS}) - ROLE_FIELDS


class AccountUserEditForm(_AccountFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = ({*UserEditForm.Meta.fields, *EXTRA_FIELDS}) - ROLE_FIELDS


def _deny_superuser_target(request, target):
    if target.is_superuser and not request.user.is_superuser:
        raise PermissionDenied


class AccountUserIndexView(IndexView):
    def get_base_queryset(self):
        # A coordinator limited to units lists the people of those units (and themselves).
        users = super().get_base_queryset()
        allowed = orgunit_ids_in_scope(self.request.user)
        if allowed is None:
            return users
        return users.filter(Q(home_unit__in=allowed) | Q(pk=self.request.user.pk))

    def get_edit_url(self, instance):
        if instance.is_superuser and not self.request.user.is_superuser:
            return None
        return super().get_edit_url(instance)


class _RoleChangeRefusedMixin:
    """A refusal that slipped past the form's own check becomes a form error, not a 500."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except RoleChangeForbidden as error:  # the transaction has rolled back
            form.add_error(None, error.message)
            return self.form_invalid(form)


class AccountUserCreateView(_RoleChangeRefusedMixin, CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}


class AccountUserCopyView(CopyViewMixin, AccountUserCreateView):
    """A new account prefilled from another; roles still go through the grant rules."""

    def get_object(self, queryset=None):
        user = super().get_object(queryset)
        if not person_within_actor_scope(self.request.user, user):
            raise Http404
        _deny_superuser_target(self.request, user)
        return user


class AccountUserEditView(_RoleChangeRefusedMixin, EditView):
    def get_object(self, queryset=None):
        user = super().get_object(queryset)
        if user.pk != self.request.user.pk and not person_within_actor_scope(
                self.request.user, user):
            raise Http404  # outside the coordinator's scope the account does not exist
        return user

    def dispatch(self, request, *args, **kwargs):
        # Nobody but a superuser edits a superuser's account, not even to look at the form.
        _deny_superuser_target(request, self.object)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}


class _AccountInScopeMixin:
    """The edit view's rule for every other view of one account: outside the
    coordinator's scope the account does not exist; only superusers see a superuser's."""

    def get_object(self, *args, **kwargs):
        user = super().get_object(*args, **kwargs)
        if user.pk != self.request.user.pk and not person_within_actor_scope(
                self.request.user, user):
            raise Http404
        _deny_superuser_target(self.request, user)
        return user


class AccountUserHistoryView(_AccountInScopeMixin, HistoryView):
    pass


class AccountUserUsageView(_AccountInScopeMixin, UsageView):
    pass


class UserViewSet(WagtailUserViewSet):
    index_view_class = AccountUserIndexView
    add_view_class = AccountUserCreateView
    edit_view_class = AccountUserEditView
    history_view_class = AccountUserHistoryView
    usage_view_class = AccountUserUsageView
    copy_view_class = AccountUserCopyView
    create_template_name = "accounts/admin/user_create.html"
    edit_template_name = "accounts/admin/user_edit.html"

    def get_form_class(self, for_update=False):
        return AccountUserEditForm if for_update else AccountUserCreationForm


class _BulkRoleForm(forms.Form):
    role = forms.ModelChoiceField(label=_("Role"), queryset=Group.objects.none())


class AccountAssignRoleBulkAction(AssignRoleBulkAction):
    """Wagtail's "assign role", offering only grantable roles and going through the service."""

    form_class = _BulkRoleForm

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["role"].queryset = grantable_groups(self.request.user)
        return form

    def check_perm(self, obj):
        actor = self.request.user
        return super().check_perm(obj) and (actor.is_superuser or (
            not obj.is_superuser and obj.pk != actor.pk
            and person_within_actor_scope(actor, obj)))

    def get_execution_context(self):
        return {**super().get_execution_context(), "actor": self.request.user}

    @classmethod
    def execute_action(cls, objects, role=None, actor=None, **kwargs):
        if role is None or actor is None:
            return 0, 0
        done = 0
        for user in objects:
            try:
                user_roles_change(actor=actor, user=user,
                                  groups=[*user.groups.all(), role])
            except RoleChangeForbidden:
                continue
            done += 1
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d user has been given the role “%(role)s”.",
            "%(count)d users have been given the role “%(role)s”.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "role": self.cleaned_form.cleaned_data["role"].name}


class AccountSetActiveStateBulkAction(SetActiveStateBulkAction):
    """Wagtail's "set active state", only for accounts the actor may manage."""

    def check_perm(self, obj):
        return super().check_perm(obj) and actor_may_manage_account(self.request.user, obj)

    @classmethod
    def execute_action(cls, objects, mark_as_active=False, model=None, **kwargs):
        done = super().execute_action(objects, mark_as_active=mark_as_active, model=model,
                                      **kwargs)
        # As in the user editor: no registration link may activate these accounts later.
        actor = kwargs.get("user")
        (model or cls.get_default_model()).objects.filter(
            pk__in=[obj.pk for obj in objects if actor is None or obj.pk != actor.pk]
        ).update(registration_pending=False)
        return done

