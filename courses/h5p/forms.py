"""The admin upload form: it runs the shared validator and shows every reason."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses.h5p.services import PackageRefused, h5p_content_import, h5p_package_check


class H5PContentForm(WagtailAdminModelForm):
    package_file = forms.FileField(
        label=_("H5P package (.h5p)"), required=False,
        help_text=_("A package exported from an H5P editor, with its libraries."))
    keep_installed_libraries = forms.BooleanField(
        label=_("Keep the installed copy of libraries that differ"), required=False,
        help_text=_("Installed libraries are never changed. Tick this to import content whose "
                    "package brings a different copy of an installed library version; the "
                    "content then plays with the installed copy."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        creating = self.instance.pk is None
        self.fields["title"].required = not creating
        if creating:
            self.fields["package_file"].required = True
            self.fields["title"].help_text = _("Leave empty to use the title from the package.")
        else:
            del self.fields["package_file"]
            del self.fields["keep_installed_libraries"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("package_file")
        if self.instance.pk is None and upload is not None:
            problems = h5p_package_check(
                source=upload, keep_installed_libraries=cleaned.get("keep_installed_libraries"))
            if problems:
                self.add_error("package_file", ValidationError(problems))
        return cleaned

    def save(self, commit=True):
        if self.instance.pk is not None:
            return super().save(commit=commit)
        try:
            result = h5p_content_import(
                source=self.cleaned_data["package_file"], uploaded_by=self.for_user,
                title=self.cleaned_data.get("title") or "",
                keep_installed_libraries=self.cleaned_data.get("keep_installed_libraries"))
        except PackageRefused as refused:  # changed between clean() and save(): rare
            raise ValidationError(refused.problems) from refused
        self.instance = result.content
        return self.instance
