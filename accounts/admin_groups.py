"""Wagtail's group editor (superusers only), with permission changes in the audit log."""

from wagtail.models import GroupCollectionPermission, GroupPagePermission
from wagtail.users.views.groups import EditView
from wagtail.users.views.groups import GroupViewSet as WagtailGroupViewSet

from accounts.audit import ROLE_CHANGE, audit_log


def group_permissions_describe(group) -> set[str]:
    """Every permission the group holds, as short readable strings."""
    held = {f"{app}.{codename}" for app, codename in group.permissions.values_list(
        "content_type__app_label", "codename")}
    held |= {f"page:{page_id}:{codename}" for page_id, codename in
             GroupPagePermission.objects.filter(group=group).values_list(
                 "page_id", "permission__codename")}
    held |= {f"collection:{collection_id}:{codename}" for collection_id, codename in
             GroupCollectionPermission.objects.filter(group=group).values_list(
                 "collection_id", "permission__codename")}
    return held


class AuditedGroupEditView(EditView):
    def process_form(self):
        before = group_permissions_describe(self.object)
        response = super().process_form()
        after = group_permissions_describe(self.object)
        if before != after:
            audit_log(action=ROLE_CHANGE, user=self.request.user, instance=self.object, data={
                "permissions_added": sorted(after - before),
                "permissions_removed": sorted(before - after)})
        return response


class GroupViewSet(WagtailGroupViewSet):
    edit_view_class = AuditedGroupEditView
