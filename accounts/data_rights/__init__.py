"""Data rights (DSGVO): a person's data export, account deletion and the retention jobs.

accounts owns the flow; each app contributes what it holds about a person through the
registry in `accounts.data_rights.registry` (an exporter and an eraser per app), so
accounts imports none of the apps that keep personal data.
"""
