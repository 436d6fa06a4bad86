"""Attendance at seminar sessions: recorded per session day by the trainer or a
coordinator after the day has begun; "present on every day" counts as having attended.
Kept free of course specifics beyond the session, so the volunteer programme's seminar
days can reuse it."""
