"""Mechanics every app needs and no app owns. Imports nothing of ours."""
