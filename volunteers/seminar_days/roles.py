"""What the coordination may do with the seminar days (collected by volunteers.roles)."""

SEMINAR_ROLE_PERMISSIONS = [
    *[f"volunteers.{action}_{model}" for model in ("seminar", "seminargroup", "seminarterms")
      for action in ("view", "add", "change")],
    "volunteers.view_seminarattendance", "volunteers.record_seminarattendance",
]
