"""Reminders, escalations and the mail texts they use (editable in the admin)."""
