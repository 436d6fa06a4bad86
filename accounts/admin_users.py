"""The Wagtail user screens, extended with the fields of our User model."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts.models import OrgUnit, User

EXTRA_FIELDS = ("display_name", "home_unit", "supervisor")


class _ExtraFieldsMixin(forms.ModelForm):
    display_name = forms.CharField(label=_("Display name"), required=False, max_length=150)
    home_unit = forms.ModelChoiceField(label=_("Home unit"), required=False,
                                       queryset=OrgUnit.objects.all())
    supervisor = forms.ModelChoiceField(label=_("Supervisor"), required=False,
                                        queryset=User.objects.filter(is_active=True))

    def clean_supervisor(self):
        supervisor = self.cleaned_data.get("supervisor")
        if supervisor is not None and self.instance.pk and supervisor.pk == self.instance.pk:
            raise forms.ValidationError(_("A person cannot be their own supervisor."))
        return supervisor


class AccountUserCreationForm(_ExtraFieldsMixin, UserCreationForm):
    class Meta(UserCreationForm.Meta):
        fields = {*UserCreationForm.Meta.fields, *EXTRA_FIELDS}


class AccountUserEditForm(_ExtraFieldsMixin, UserEditForm):
    class Meta(UserEditForm.Meta):
        fields = {*UserEditForm.Meta.fields, *EXTRA_FIELDS}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return AccountUserEditForm if for_update else AccountUserCreationForm
