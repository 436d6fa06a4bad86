"""Quizzes in lessons: scoring on the server, attempts, the submit view."""
