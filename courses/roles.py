"""Permissions the roles hold on this app's models in the admin (collected by accounts)."""

from accounts.roles import Role

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        "courses.view_enrolment", "courses.change_enrolment",
        # approval requests the coordination team decides; the training mail texts
        "courses.view_approvalrequest", "courses.decide_approvalrequest",
        "courses.view_mailtext", "courses.change_mailtext",
        # assigning courses to people, units and roles (/admin/assignments/)
        "courses.view_assignment", "courses.add_assignment", "courses.change_assignment",
        # seminar sessions: attendance at every session, the occupancy report
        "courses.view_attendance", "courses.record_attendance",
        # seminar sessions: create, edit, move, cancel (never delete: bookings hang on them)
        "courses.view_session", "courses.add_session", "courses.change_session",
        # the training reports (compliance, overdue, completions, AI-Act evidence)
        "courses.view_personassignment",
    ],
    Role.EDITOR: [
        "courses.view_coursetopic", "courses.add_coursetopic", "courses.change_coursetopic",
        # to pick H5P content for a lesson: the snippet chooser asks for a permission
        "courses.view_h5pcontent",
    ],
}
