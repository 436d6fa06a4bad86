"""Admin screens for H5P: content items (upload with validation) and installed libraries."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.permissions import CheckedSnippetViewSet
from courses.h5p.forms import H5PContentForm
from courses.h5p.models import H5PContent, H5PLibrary

for _model in (H5PContent, H5PLibrary):
    register_permission_policy(_model, ModelPermissionPolicy(_model), exact_class=True)


class H5PContentViewSet(CheckedSnippetViewSet):
    model = H5PContent
    icon = "media"
    menu_label = _("H5P content")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["title", "main_library", "language", "created_at"]
    search_fields = ["title"]
    copy_view_enabled = False
    inspect_view_enabled = True
    edit_handler = ObjectList([
        FieldPanel("title"),
        FieldPanel("package_file"),
        FieldPanel("keep_installed_libraries"),
    ], base_form_class=H5PContentForm)


class H5PLibraryViewSet(ModelViewSet):
    """Read-only: libraries arrive with packages and are never edited in place."""

    model = H5PLibrary
    icon = "code"
    menu_label = _("H5P libraries")
    add_to_admin_menu = False
    list_display = ["machine_name", "major_version", "minor_version", "patch_version",
                    "title", "installed_at"]
    search_fields = ["machine_name", "title"]
    form_fields = ["title"]
    inspect_view_enabled = True
    copy_view_enabled = False


register_snippet(H5PContentViewSet)


@hooks.register("register_admin_viewset")
def register_h5p_library_viewset():
    return H5PLibraryViewSet("h5p_libraries")
