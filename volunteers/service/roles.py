"""What the coordination may do with the service year (collected by volunteers.roles)."""

SERVICE_ROLE_PERMISSIONS = [
    "volunteers.view_service", "volunteers.add_service", "volunteers.change_service",
    *[f"volunteers.{action}_{model}" for model in ("agreementtemplate", "serviceterms")
      for action in ("view", "add", "change")],
]
