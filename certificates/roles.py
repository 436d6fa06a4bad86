"""Permissions the roles hold on this app's models in the admin (collected by accounts)."""

from accounts.roles import Role

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        "certificates.view_certificate", "certificates.change_certificate",
        "certificates.view_certificatebatch",
        "certificates.view_certificatetemplate", "certificates.add_certificatetemplate",
        "certificates.change_certificatetemplate",
    ],
}
