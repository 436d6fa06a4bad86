"""Certificates: immutable snapshots of an achievement, issued as PDFs by background jobs.

The models arrive with the certificates capability; the app is installed from the start so
that `courses` and `volunteers` can depend on it.
"""
